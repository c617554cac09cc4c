"""Vanguard Retirement Plan Access ``OfxDownload.csv``: positions, then transactions.

A positions section (``Plan Number,Plan Name,Fund Name,Shares,Price,Total Value,``) then a
transactions section (``Account Number,Trade Date,Run Date,Transaction Activity,Transaction
Description,Investment Name,Share Price,Transaction Shares,Dollar Amount,``); MM/DD/YYYY
dates, a trailing comma on every line. The file names no money source: each row's source
comes from its description (or activity) in ``default_sources=``. See
:mod:`megaroth.importers.vanguard` for the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, has_header
from megaroth.importers.labels import (
    how_to_map,
    how_to_map_source,
    label_key,
    lookup,
    read_actions,
)
from megaroth.importers.rows import Action, Row, Statement, StatementError

PAYEE = "Vanguard"
VANGUARD_UNITS = "Vanguard's downloads are in fund shares"
POSITIONS_HEADER = ("Plan Number", "Plan Name", "Fund Name", "Shares", "Price", "Total Value")
TRANSACTIONS_HEADER = (
    "Account Number",
    "Trade Date",
    "Run Date",
    "Transaction Activity",
    "Transaction Description",
    "Investment Name",
    "Share Price",
    "Transaction Shares",
    "Dollar Amount",
)
_USED_COLUMNS = TRANSACTIONS_HEADER[1:2] + TRANSACTIONS_HEADER[3:]

#: Vanguard's transaction descriptions and activities, as far as public files show them.
CSV_ACTIONS: dict[str, Action] = {
    "plan contribution": Action.CONTRIBUTION,
    "contribution": Action.CONTRIBUTION,
    "contributions": Action.CONTRIBUTION,
    "dividends on equity investments": Action.DIVIDEND,
    "dividends on equity": Action.DIVIDEND,
    "daily accrual dividends": Action.DIVIDEND,
    "dividend": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "fee": Action.FEE,
    "fees": Action.FEE,
    "investment expense": Action.FEE,
    "source to source/fund to fund transfer in": Action.TRANSFER,
    "source to source/fund to fund transfer out": Action.TRANSFER,
    "fund to fund in": Action.TRANSFER,
    "fund to fund out": Action.TRANSFER,
    "plan initiated transferin": Action.TRANSFER,
    "plan initiated transferout": Action.TRANSFER,
    "conversion in": Action.TRANSFER,
    "conversion out": Action.TRANSFER,
    "transfer": Action.TRANSFER,
    "exchange": Action.TRANSFER,
    "withdrawal": Action.DISTRIBUTION,
    "liquidate": Action.DISTRIBUTION,
    "loan repayment": Action.LOAN_REPAYMENT,
    "loan issue": Action.LOAN,
}
OUTFLOWS = (Action.FEE, Action.DISTRIBUTION)
_IN_OR_OUT = re.compile(r"(?:\b|transfer)(in|out)$")


class VanguardCsvImporter(StatementImporter):
    """Vanguard Retirement Plan Access ``OfxDownload.csv``: positions, then transactions."""

    header = TRANSACTIONS_HEADER[:4]
    payee = PAYEE
    layout = "vanguard"

    def __init__(self, config: PlanConfig, actions: Mapping[str, str] | None = None) -> None:
        # Rows are labelled with the description or activity default_sources= maps, so the
        # same labels must name a source kind for the entries: they join sources= here.
        super().__init__(config.with_default_sources())
        self.defaults = config.default_sources
        self.actions = read_actions("VanguardCsvImporter actions=", actions)

    def identify(self, filepath: str) -> bool:
        """A Vanguard retirement-plan download: both sections' headers (a brokerage
        download also ends with an empty retirement transactions header, but has no
        plan positions)."""
        if not filepath.lower().endswith(".csv"):
            return False
        return has_header(filepath, POSITIONS_HEADER[:3], within=10_000) and has_header(
            filepath, self.header, within=10_000
        )

    def read(self, filepath: str) -> Statement:
        self.config.require_units(filepath, VANGUARD_UNITS)
        statement = Statement()
        for line in csv_lines(filepath, self.header, _USED_COLUMNS, statement):
            if line.cells.get("Account Number") in ("Account Number", "Plan Number"):
                break  # the header of a further section
            if line.is_totals(("Trade Date", "Transaction Activity")):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            row = self._row(filepath, line)
            if row is None:
                statement.skip(filepath, line.lineno, "moves nothing (0.00, 0 shares)")
            else:
                statement.rows.append(row)
        return statement

    def _row(self, path: str, line: CsvLine) -> Row | None:
        date = line.date("Trade Date", ("%m/%d/%Y",))
        activity = line.cells.get("Transaction Activity", "")
        description = line.cells.get("Transaction Description", "")
        action, direction = self._action(path, line.lineno, activity, description)
        source = lookup(self.defaults, description, activity)
        if source is None:
            raise StatementError(
                path,
                line.lineno,
                f"activity {activity!r} (description {description!r}) has no money source: "
                "Vanguard's CSV names none, so megaroth takes it from default_sources=. "
                + how_to_map_source(description or activity, "default_sources", self.config.where),
            )
        amount = line.amount("Dollar Amount")
        units = line.number("Transaction Shares")
        price = line.number("Share Price")
        fund = fund_name(line.cells.get("Investment Name", ""))
        if not amount and not units:
            return None  # a placeholder row that moves nothing
        for column, value in (("Investment Name", fund), ("Transaction Shares", units)):
            if not value:
                raise StatementError(
                    path,
                    line.lineno,
                    f"column {column!r} is empty; megaroth needs the fund and shares of every "
                    "row. Download the file again, or enter this row by hand.",
                )
        if direction is None:
            direction = -1 if amount < 0 or (not amount and units and units < 0) else 1
        return line.row(
            date,
            action,
            source[0],
            fund,
            direction * abs(amount),
            abs(units) if units is not None else None,
            abs(price) if price is not None else None,
            description or activity,
        )

    def _action(
        self, path: str, lineno: int, activity: str, description: str
    ) -> tuple[Action, int | None]:
        """What a row did, and which way it moved money (None: as the file's sign says)."""
        for label in (description, activity):
            action = self.actions.get(label_key(label)) or CSV_ACTIONS.get(label_key(label))
            if action is None:
                continue
            if action in OUTFLOWS:
                return action, -1
            if action is Action.TRANSFER:
                side = _IN_OR_OUT.search(label_key(label))
                return action, None if side is None else (1 if side.group(1) == "in" else -1)
            return action, None
        raise StatementError(
            path,
            lineno,
            f"activity {activity!r} (description {description!r}) is not one megaroth knows "
            "for Vanguard. "
            + how_to_map(
                description or activity,
                "actions",
                "in the VanguardCsvImporter(...) of your import.py",
            ),
        )
