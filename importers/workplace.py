"""The "workplace plan" transaction CSV: cash receipts, then purchases, by money source.

Put it in your ``import.py``::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.workplace import WorkplaceImporter

    KRAMERICA = PlanConfig(
        account="Assets:Retirement:Erin:Kramerica401k",
        # The "Contribution" column, as the file writes it:
        sources={"Employee 401(k)": "pretax", "Employer Match": "match",
                 "Employee After-Tax": "after-tax", "In-Plan Roth Rollover": "irr"},
        # Required: the "Investment" column's fund names (not the plan's "Cash").
        funds={"Vanguard Institutional Index I": "VINIX",
               "Metropolitan West Total Return Bd I": "MWTIX"},
        contributions={"pretax": "Income:Erin:Kramerica:Salary",
                       "after-tax": "Income:Erin:Kramerica:Salary",
                       "match": "Income:Erin:Kramerica:Match"},
    )
    CONFIG = [WorkplaceImporter(KRAMERICA)]

The file: the header (one line)
``"Transaction Date","Investment","Contribution","Description","Activity",``
``"Price","Units","Amount",`` then one line per investment and money source, every cell
quoted, a trailing comma on every line, dates like ``2/13/2026 12:00:00 AM`` (the time is
ignored), in any order. The money source is the ``Contribution`` column; ``Description``
says what the money is (``Contributions - Employee``, ``Dividends/Capital Gains``,
``Fees``...) and ``Activity`` what happened to it:

- ``Cash Receipts``: money arrives in the plan's cash (``Price`` 1, ``Units`` 0), whatever
  the ``Investment`` column says;
- ``Purchase``: that cash buys fund units (``Sale``: the reverse);
- ``Cash Disbursement``: cash leaves the plan (a fee, a withdrawal);
- ``Transfer In``/``Transfer Out``: fund units move between funds or money sources.

How Cash Receipts and Purchases become entries, without counting the money twice: the
receipt is the event, the purchase an exchange. A ``Cash Receipts`` line is posted in dollars
to the money source's own account (``...:AfterTax``, where the plan's cash for that source
sits) as what its ``Description`` says it is: contributions from the payroll's funding
account, dividends and interest from the earnings accounts. A ``Purchase`` takes those
dollars from the same account and buys the fund's units at cost (``...:AfterTax:VINIX``), a
``Sale`` turns units back into dollars; neither changes what is in the source, so megaroth
sees an exchange within the source and leaves its basis alone. A contribution's basis is
therefore exactly the dollars received, on the day they were received (the day the limits
count), whatever the rounding of the units bought with them; a receipt not yet invested, or
invested days later, or interest that stays in cash, is simply cash in the source meanwhile.
Treating the purchase as the contribution and skipping the receipt would date contributions
by their investment and need every receipt to match its purchases one to one. Cash moving
within the plan's ``Cash`` investment (a ``Purchase`` of ``Cash``) moves nothing and is
skipped. So open each source's own account too::

    2020-01-01 open Assets:Retirement:Erin:Kramerica401k:AfterTax        USD
    2020-01-01 open Assets:Retirement:Erin:Kramerica401k:AfterTax:VINIX  VINIX

Entries: the cash receipts and disbursements of one date and kind are one transaction (a
payroll's contributions to every source, a dividend). The purchases and sales of one date
are one transaction per money source: in one transaction for several sources megaroth's basis
engine would value every leg of a fund at one price, and the rounding of the units would show
as cents moving between sources. The transfers of one date are one transaction, so a
conversion (``Transfer Out`` of ``Employee After-Tax``, ``Transfer In`` of
``In-Plan Roth Rollover``) is a movement with both legs, and must add up to zero. A
conversion made through cash (a sale, a ``Cash Disbursement`` and a ``Cash Receipts`` whose
description names the conversion, a purchase) works the same way. Units are bought at the
line's price when units x price is exactly its amount, else at the amount over the units, so
the books hold the file's dollars; the prices become ``price`` entries.

Signs: whether the file writes money out as negative or not, the activity says the
direction (receipts, purchases and transfers in add; sales, disbursements and transfers out
take away). Descriptions megaroth knows (case doesn't matter; a description is also known by
its part before " - "): ``Contributions``; ``Dividends/Capital Gains``, ``Dividends``,
``Capital Gains``, ``Interest Earned``, ``Interest``; ``Fees``, ``Administrative Fees``,
``Recordkeeping Fees``, ``Plan Fees``, ``Participant Fees``, ``Advisory Fees``;
``Withdrawals``, ``Distributions``; ``In-Plan Roth Conversion``, ``Roth In-Plan Conversion``,
``In-Plan Roth Rollover``, ``Transfers``, ``Exchanges``. ``descriptions=`` adds others, and
``cash=`` names the plan's cash investment if it isn't ``Cash``::

    WorkplaceImporter(KRAMERICA, descriptions={"Revenue Credit": "dividend"})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines
from megaroth.importers.entries import CENT
from megaroth.importers.labels import how_to_map, label_key, read_actions
from megaroth.importers.rows import Action, Row, Statement, StatementError

HEADER = (
    "Transaction Date",
    "Investment",
    "Contribution",
    "Description",
    "Activity",
    "Price",
    "Units",
    "Amount",
)
DATE_FORMATS = ("%m/%d/%Y",)

#: What the money of a cash receipt or disbursement is, by its description.
DESCRIPTIONS: dict[str, Action] = {
    "contributions": Action.CONTRIBUTION,
    "contribution": Action.CONTRIBUTION,
    "dividends/capital gains": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "dividend": Action.DIVIDEND,
    "capital gains": Action.DIVIDEND,
    "interest earned": Action.DIVIDEND,
    "interest": Action.DIVIDEND,
    "fees": Action.FEE,
    "fee": Action.FEE,
    "administrative fees": Action.FEE,
    "recordkeeping fees": Action.FEE,
    "plan fees": Action.FEE,
    "participant fees": Action.FEE,
    "advisory fees": Action.FEE,
    "withdrawals": Action.DISTRIBUTION,
    "withdrawal": Action.DISTRIBUTION,
    "distributions": Action.DISTRIBUTION,
    "distribution": Action.DISTRIBUTION,
    "in-plan roth conversion": Action.TRANSFER,
    "roth in-plan conversion": Action.TRANSFER,
    "in-plan roth rollover": Action.TRANSFER,
    "transfers": Action.TRANSFER,
    "exchanges": Action.TRANSFER,
}

# Activities: +1 money in, -1 money out; cash ones move dollars, trades exchange dollars for
# units within a source, transfers move units.
_CASH = {"cash receipts": 1, "cash receipt": 1, "cash disbursement": -1, "cash disbursements": -1}
_TRADES = {"purchase": 1, "purchases": 1, "sale": -1, "sales": -1}
_TRANSFERS = {"transfer in": 1, "transfer out": -1}
_ACTIVITIES = "Cash Receipts, Cash Disbursement, Purchase, Sale, Transfer In, Transfer Out"


class WorkplaceImporter(StatementImporter):
    """A workplace plan's transaction CSV (cash receipts and purchases by money source)."""

    header = HEADER[:5]
    layout = "workplace"

    def __init__(
        self,
        config: PlanConfig,
        descriptions: Mapping[str, str] | None = None,
        cash: Sequence[str] = ("Cash",),
        payee: str = "Workplace plan",
    ) -> None:
        super().__init__(config)
        self.payee = payee
        self.cash = {label_key(name) for name in cash}
        self.descriptions: dict[str, Action | None] = {
            **DESCRIPTIONS,
            **read_actions("WorkplaceImporter descriptions=", descriptions),
        }

    def read(self, filepath: str) -> Statement:
        """The file's rows; a purchase or sale is a batch of its own per money source (the
        module docstring says why)."""
        self.config.require_units(filepath, "this file buys and sells fund units")
        statement = Statement()
        for line in csv_lines(filepath, self.header, HEADER, statement):
            if line.is_totals(("Transaction Date", "Activity")):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            batch, rows = self._line(filepath, line)
            if isinstance(rows, str):
                statement.skip(filepath, line.lineno, rows)
            else:
                statement.rows += [replace(row, batch=batch) for row in rows]
        return statement

    def _line(self, path: str, line: CsvLine) -> tuple[str, list[Row] | str]:
        """A line's rows, with the money source of a purchase or sale ("" otherwise); or why
        the line moves nothing."""
        date = line.date("Transaction Date", DATE_FORMATS)
        activity = line.cells["Activity"]
        kind = label_key(activity)
        amount = abs(line.amount("Amount"))
        source = line.cells["Contribution"]
        description = line.cells["Description"]
        investment = fund_name(line.cells["Investment"])
        if not source:
            raise StatementError(
                path,
                line.lineno,
                "column 'Contribution' is empty; megaroth needs the money source of every "
                "line. Download the file again, or enter this line by hand.",
            )

        def row(
            action: Action,
            amount: Decimal,
            fund: str = "",
            units: Decimal | None = None,
            price: Decimal | None = None,
        ) -> Row:
            note = f"{activity}: {description}" if description else activity
            return line.row(date, action, source, fund, amount, units, price, note)

        if not amount and not line.number("Units"):
            return "", "moves nothing (0.00, 0 units)"
        if kind in _CASH:
            action = self._described(path, line.lineno, description)
            return "", [row(action, _CASH[kind] * amount)]
        if kind not in _TRADES and kind not in _TRANSFERS:
            raise StatementError(
                path,
                line.lineno,
                f"column 'Activity' holds {activity!r}, which is not an activity megaroth "
                f"knows for this layout ({_ACTIVITIES}). Enter this line by hand, or tell the "
                "megaroth project what it means.",
            )
        cash = label_key(investment) in self.cash
        if kind in _TRADES:
            if cash:
                return "", "the plan's cash buying itself: nothing moves"
            sign = _TRADES[kind]
            money = row(Action.TRANSFER, -sign * amount)
            units = row(Action.TRANSFER, sign * amount, investment, *self._fund(path, line))
            return label_key(source), [money, units] if sign > 0 else [units, money]
        sign = _TRANSFERS[kind]
        if cash:
            return "", [row(Action.TRANSFER, sign * amount)]
        return "", [row(Action.TRANSFER, sign * amount, investment, *self._fund(path, line))]

    def _fund(self, path: str, line: CsvLine) -> tuple[Decimal, Decimal | None]:
        """The units and price of a line that trades a fund."""
        activity, investment = line.cells["Activity"], fund_name(line.cells["Investment"])
        if not investment:
            raise StatementError(
                path,
                line.lineno,
                f"column 'Investment' is empty; a {activity} needs its fund. Download the "
                "file again, or enter this line by hand.",
            )
        units = line.number("Units")
        if not units:
            raise StatementError(
                path,
                line.lineno,
                f"column 'Units' holds {line.cells['Units']!r} for a {activity} of "
                f"{line.cells['Amount']} in {investment!r}; megaroth needs the units it bought or "
                "sold. Download the file again, or enter this line by hand.",
            )
        price = line.number("Price")
        return _tidy(abs(units)), _tidy(abs(price), CENT) if price else None

    def _described(self, path: str, lineno: int, description: str) -> Action:
        """What a cash receipt or disbursement is, from its description."""
        key = label_key(description)
        action = self.descriptions.get(key) or self.descriptions.get(key.split(" - ")[0])
        if action is None:
            raise StatementError(
                path,
                lineno,
                f"column 'Description' holds {description!r}, which doesn't say what this "
                "cash is. "
                + how_to_map(
                    description, "descriptions", "in the WorkplaceImporter(...) of your import.py"
                ),
            )
        return action


def _tidy(number: Decimal, places: Decimal = Decimal(1)) -> Decimal:
    """A number without the file's trailing zeros (``1.213000000`` is ``1.213``), keeping
    at least ``places`` (``485.300000`` is ``485.30`` with cents)."""
    tidy = number.normalize()
    exponent, least = tidy.as_tuple().exponent, places.as_tuple().exponent
    if isinstance(exponent, int) and isinstance(least, int) and exponent > least:
        return tidy.quantize(places)
    return tidy
