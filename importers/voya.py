"""Voya's transaction history download (CSV), for one plan kept in fund units.

Put it in your ``import.py``::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.voya import VoyaImporter

    VANDELAY = PlanConfig(
        account="Assets:Retirement:Dana:Vandelay401k",
        # The "Money Source" column, as Voya writes it:
        sources={"Employee PreTax": "pretax", "Safe Harbor Match": "match", "ROTH": "roth",
                 "After-Tax": "after-tax", "Roth In-Plan Conversion": "irr"},
        # Required: the "Fund" column in full, the plan's four-digit fund code included.
        funds={"0899 Vanguard 500 Index Adm": "VFIAX",
               "2257 Vanguard Total Bond Mkt Index Adm": "VBTLX"},
        contributions={"pretax": "Income:Dana:Vandelay:Salary",
                       "roth": "Income:Dana:Vandelay:Salary",
                       "after-tax": "Income:Dana:Vandelay:Salary",
                       "match": "Income:Dana:Vandelay:Match"},
    )
    CONFIG = [VoyaImporter(VANDELAY)]

The file: a few preamble lines (plan, participant, period), then the header
``Activity Date,Activity,Fund,Money Source,"# of Units",Unit Price,Amount`` and one line per
fund and money source. Dates are ISO (``2025-01-15``; ``01/15/2025`` is read too); units and
amounts are signed (negative out of the plan), with or without ``$`` and thousands commas,
quoted or not, minus or parentheses; lines may come newest first. Every line needs its units:
the plan is kept in fund units at cost (see the README), so a plan without ``funds=`` is
refused. Units are bought at cost: the unit price when units x price is exactly the amount,
else the amount over the units (Voya rounds units, and a few lines missing by half a cent
each would leave a transaction Beancount won't balance), so the books hold exactly the
dollars the statement shows. A blank unit price is fine; the prices given become ``price``
entries.

Activities: the download's ``CONTRIBUTION``, ``TRANSFER`` and ``OTHER`` (Voya's fees), and
the names Voya's website uses for the same and for the rest (case doesn't matter):
``Contribution``, ``Employee Contribution``, ``Employer Contribution``; ``Dividend``,
``Dividend Reinvestment``, ``Interest``, ``Capital Gains``; ``Fund Transfer In``/``Out``,
``Transfer In``/``Out``, ``Exchange In``/``Out``, ``Rebalance``, ``Automatic Rebalance``,
``Reallocation``, ``Roth In-Plan Conversion``; ``Fee``, ``Plan Service Fee``,
``Administrative Fee``, ``Recordkeeping Fee``; ``Withdrawal``, ``Distribution``,
``Rollover Out``. ``actions=`` adds others or changes these::

    VoyaImporter(VANDELAY, actions={"Hardship Withdrawal": "distribution"})

A plan loan (``Loan Issue``) sells fund units of its source into that source's loan
receivable, ``{plan}:{Source}:Loan``, and a ``Loan Repayment`` buys them back and pays it
down: money inside the plan, neither a distribution nor a contribution (see the README's
plan loans).

A conversion is two ``TRANSFER`` lines of one date, out of one money source (``After-Tax``)
and into another (``Roth In-Plan Conversion``): they become one transaction, so megaroth's
plugins see an in-plan Roth rollover and work out its basis and taxable earnings. An exchange
between funds of one source is the same with one source. The transfers of a date must add up
to zero, which catches a file missing one leg.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines
from megaroth.importers.labels import how_to_map, label_key, read_actions
from megaroth.importers.rows import Action, Row, Statement, StatementError

HEADER = (
    "Activity Date",
    "Activity",
    "Fund",
    "Money Source",
    "# of Units",
    "Unit Price",
    "Amount",
)
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")

#: Voya's activities: the download's upper-case ones and the website's names.
ACTIONS: dict[str, Action] = {
    "contribution": Action.CONTRIBUTION,
    "contributions": Action.CONTRIBUTION,
    "employee contribution": Action.CONTRIBUTION,
    "employer contribution": Action.CONTRIBUTION,
    "dividend": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "dividend reinvestment": Action.DIVIDEND,
    "interest": Action.DIVIDEND,
    "capital gain": Action.DIVIDEND,
    "capital gains": Action.DIVIDEND,
    "transfer": Action.TRANSFER,
    "transfer in": Action.TRANSFER,
    "transfer out": Action.TRANSFER,
    "fund transfer in": Action.TRANSFER,
    "fund transfer out": Action.TRANSFER,
    "exchange in": Action.TRANSFER,
    "exchange out": Action.TRANSFER,
    "rebalance": Action.TRANSFER,
    "automatic rebalance": Action.TRANSFER,
    "reallocation": Action.TRANSFER,
    "roth in-plan conversion": Action.TRANSFER,
    "in-plan roth conversion": Action.TRANSFER,
    "other": Action.FEE,
    "fee": Action.FEE,
    "fees": Action.FEE,
    "plan service fee": Action.FEE,
    "administrative fee": Action.FEE,
    "recordkeeping fee": Action.FEE,
    "withdrawal": Action.DISTRIBUTION,
    "distribution": Action.DISTRIBUTION,
    "loan issue": Action.LOAN,
    "loan": Action.LOAN,
    "loan repayment": Action.LOAN_REPAYMENT,
    "rollover out": Action.DISTRIBUTION,
}


class VoyaImporter(StatementImporter):
    """A Voya transaction history CSV of one plan."""

    header = HEADER[:4]
    payee = "Voya"
    layout = "voya"

    def __init__(self, config: PlanConfig, actions: Mapping[str, str] | None = None) -> None:
        super().__init__(config)
        self.actions: dict[str, Action | None] = {
            **ACTIONS,
            **read_actions("VoyaImporter actions=", actions),
        }

    def read(self, filepath: str) -> Statement:
        """The download's rows. Voya rounds units (units x price misses the amount by up to
        half a cent a line), so a payroll is one transaction per money source: in one
        transaction for all sources the basis engine values every leg of a fund at one price
        and shares the funding out by those values, and the after-tax basis would be off by
        the rounding (1,999.98 for a 2,000.00 contribution); alone, each source's basis is
        its own dollars."""
        self.config.require_units(filepath, "Voya's download is in fund units")
        statement = Statement()
        for line in csv_lines(filepath, self.header, HEADER, statement):
            if line.is_totals(("Activity Date", "Activity")):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            row = self._row(filepath, line)
            if row is None:
                statement.skip(filepath, line.lineno, "moves nothing (0.00, 0 units)")
            elif row.action is Action.CONTRIBUTION:
                statement.rows.append(replace(row, batch=label_key(row.source)))
            else:
                statement.rows.append(row)
        return statement

    def _row(self, path: str, line: CsvLine) -> Row | None:
        date = line.date("Activity Date", DATE_FORMATS)
        activity = line.cells["Activity"]
        action = self._action(path, line.lineno, activity)
        amount = line.amount("Amount")
        units = line.number("# of Units")
        price = line.number("Unit Price")
        if not amount and not units:
            return None  # a line that moves nothing
        source = line.cells["Money Source"]
        fund = fund_name(line.cells["Fund"])
        for column, value in (("Money Source", source), ("Fund", fund)):
            if not value:
                raise StatementError(
                    path,
                    line.lineno,
                    f"column {column!r} is empty; megaroth needs the money source and fund of "
                    "every line. Download the history again with all columns, or enter this "
                    "line by hand.",
                )
        if not units:
            raise StatementError(
                path,
                line.lineno,
                f"column '# of Units' holds {line.cells['# of Units']!r} for a {activity} of "
                f"{amount:,.2f}; the plan is kept in fund units, so megaroth needs the units "
                "of every line. Download the history again, or enter this line by hand.",
            )
        if (units < 0) != (amount < 0):
            raise StatementError(
                path,
                line.lineno,
                f"columns '# of Units' ({line.cells['# of Units']!r}) and 'Amount' "
                f"({line.cells['Amount']!r}) have opposite signs; in Voya's history both are "
                "negative when money leaves a fund. Correct the sign that is wrong.",
            )
        price = abs(price) if price else None
        return line.row(date, action, source, fund, amount, abs(units), price, activity)

    def _action(self, path: str, lineno: int, activity: str) -> Action:
        action = self.actions.get(label_key(activity))
        if action is None:
            raise StatementError(
                path,
                lineno,
                f"column 'Activity' holds {activity!r}, which is not an activity megaroth "
                "knows for Voya. "
                + how_to_map(activity, "actions", "in the VoyaImporter(...) of your import.py"),
            )
        return action
