"""What Fidelity's NetBenefits downloads share: the preamble, the lines, the base importer.

Both layouts (:mod:`~megaroth.importers.fidelity.history`,
:mod:`~megaroth.importers.fidelity.by_source`) start with an optional ``Plan name:`` and
``Date Range`` preamble, list the newest rows first, and name Fidelity's transaction types the
same way.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, find_header, has_header, read_text
from megaroth.importers.labels import IGNORE, how_to_map, label_key, read_actions
from megaroth.importers.rows import Action, Row, StatementError
from megaroth.tax.sources import CONTRACT_OF_SOURCE

PAYEE = "Fidelity"
HISTORY_HEADER = ("Date", "Investment", "Transaction Type", "Amount", "Shares/Unit")
BY_SOURCE_HEADER = ("Date", "Source", "Transaction Type", "Amount", "Shares/Unit")
DATE_FORMATS = ("%m/%d/%Y",)

#: Fidelity's transaction types (as public exports write them) and what they are; None:
#: a note that moves no money.
TRANSACTION_TYPES: dict[str, Action | None] = {
    "contributions": Action.CONTRIBUTION,
    "contribution": Action.CONTRIBUTION,
    "dividend": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "interest": Action.DIVIDEND,
    "revenue credit": Action.DIVIDEND,
    "recordkeeping fee": Action.FEE,
    "administrative fees": Action.FEE,
    "administrative fee": Action.FEE,
    "fee": Action.FEE,
    "fees": Action.FEE,
    "change in market value": Action.MARKET_VALUE,
    "transfer": Action.TRANSFER,
    "transfers": Action.TRANSFER,
    "exchange": Action.TRANSFER,
    "exchanges": Action.TRANSFER,
    "exchange in": Action.TRANSFER,
    "exchange out": Action.TRANSFER,
    "roth in-plan conversion": Action.TRANSFER,
    "in-plan roth conversion": Action.TRANSFER,
    "roth conversion": Action.TRANSFER,
    "withdrawal": Action.DISTRIBUTION,
    "withdrawals": Action.DISTRIBUTION,
    "distribution": Action.DISTRIBUTION,
    "balance forward": None,
    "realized gain/loss": None,
}
LOAN_TYPES = frozenset({"loan repayments", "loan repayment", "loan", "loans", "loan issue"})


@dataclass(frozen=True)
class Line:
    """One data line of a download: ``label`` is its fund (history) or its source."""

    lineno: int
    date: datetime.date
    label: str
    kind: str
    action: Action | None
    amount: Decimal
    units: Decimal | None


@dataclass(frozen=True)
class Download:
    path: str
    header_lineno: int
    plan: str
    period: tuple[datetime.date, datetime.date] | None
    lines: list[Line]

    @property
    def period_text(self) -> str:
        if self.period is None:
            return "its period"
        start, end = (day.strftime("%m/%d/%Y") for day in self.period)
        return f"Date Range {start} - {end}"


class FidelityImporter(StatementImporter):
    """What both layouts share: the preamble, the rows, the order of a day's entries."""

    payee = PAYEE
    header: Sequence[str] = ()
    #: Whether rows are labelled by their transaction type (the history names no source).
    labelled_by_type = False

    def __init__(
        self,
        config: PlanConfig,
        plan: str | None = None,
        actions: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(config.with_default_sources() if self.labelled_by_type else config)
        self.defaults = config.default_sources
        self.plan = plan
        self.actions = read_actions(f"{type(self).__name__} actions=", actions, ignore=True)

    def identify(self, filepath: str) -> bool:
        if not filepath.lower().endswith(".csv") or not has_header(filepath, self.header[:3]):
            return False
        return self.plan is None or label_key(plan_name(filepath)) == label_key(self.plan)

    def date(self, filepath: str) -> datetime.date | None:
        download = self.download(filepath, self.header)
        if download.period is not None:
            return download.period[1]
        return max((line.date for line in download.lines), default=None)

    def order(self, row: Row) -> tuple[object, ...]:
        # Newest first, also within a day: a day's rows happened from the bottom up.
        return row.date, -row.lineno

    def sort(self, entries: data.Entries, reverse: bool = False) -> None:
        """Oldest first, and a day's entries in the order they happened: from the bottom of
        the file up (beangulp's own order, by line, would reverse each day)."""
        entries.sort(key=chronological, reverse=reverse)

    def batch(self, row: Row) -> Row:
        """Each tax pot's (pre-tax, after-tax, Roth) changes in market value in an entry of
        their own: the basis stage reads one entry with a gain in one pot and a loss in
        another as money moved between them."""
        if row.action is not Action.MARKET_VALUE:
            return row
        return replace(row, batch=CONTRACT_OF_SOURCE[self.config.source_kind(row)].value)

    def download(self, path: str, header: Sequence[str]) -> Download:
        """A download of either layout, every line read (a StatementError if one can't be)."""
        text = read_text(path).splitlines()
        start = find_header(path, text, header[:3])
        plan, period = preamble(path, text[:start])
        lines = []
        for line in csv_lines(path, header[:3], header):
            if line.is_totals(("Date", "Transaction Type")):
                continue
            lines.append(self._line(path, line, header[1]))
        return Download(path, start + 1, plan, period, lines)

    def _line(self, path: str, line: CsvLine, column: str) -> Line:
        label = fund_name(line.cells.get(column, ""))
        if not label:
            raise StatementError(
                path,
                line.lineno,
                f"column {column!r} is empty; megaroth needs it on every row. Download the "
                "file again, or enter this row by hand and delete it from the file.",
            )
        kind = line.cells.get("Transaction Type", "")
        return Line(
            lineno=line.lineno,
            date=line.date("Date", DATE_FORMATS),
            label=label,
            kind=kind,
            action=self._action(path, line.lineno, kind),
            amount=line.amount("Amount"),
            units=line.number("Shares/Unit"),
        )

    def _action(self, path: str, lineno: int, kind: str) -> Action | None:
        key = label_key(kind)
        if key in self.actions:
            return self.actions[key]
        if key in TRANSACTION_TYPES:
            return TRANSACTION_TYPES[key]
        where = f"in the {type(self).__name__}(...) of your import.py"
        if key in LOAN_TYPES:
            raise StatementError(
                path,
                lineno,
                f"transaction type {kind!r} is a plan loan, which megaroth does not import: a "
                "repayment is money into the plan that is not a contribution (it counts toward "
                "no limit), and a loan is not a distribution. Record the loan by hand, then "
                f'leave these rows out with  actions={{"{kind}": "{IGNORE}"}}  {where}.',
            )
        raise StatementError(
            path,
            lineno,
            f"transaction type {kind!r} is not one megaroth knows for Fidelity. "
            + how_to_map(kind, "actions", where, ignore=True),
        )

    def _units(self, path: str, line: Line) -> Decimal:
        """The shares of a row, which a plan kept in fund units needs."""
        if line.units:
            return line.units
        shown = "empty" if line.units is None else f"{line.units}"
        raise StatementError(
            path,
            line.lineno,
            f"column 'Shares/Unit' is {shown} on a {line.kind} of {line.amount:,.2f}; plan "
            f"{self.config.account} is kept in fund units, and megaroth needs each row's shares "
            "to know what they cost. Download the file again, or leave funds= out of its "
            "PlanConfig to keep the plan in dollar balances.",
        )

    def companion(self, download: Download, header: Sequence[str]) -> str | None:
        """The other layout's download of the same plan and period, in the same folder."""
        here = Path(download.path)
        for other in sorted(here.parent.iterdir()):
            if other == here or other.suffix.lower() != ".csv":
                continue
            if has_header(str(other), header[:3]) and same_statement(other, download):
                return str(other)
        return None


def fidelity_row(
    path: str, line: Line, source: str, fund: str, amount: Decimal, units: Decimal | None
) -> Row:
    return Row(
        filename=path,
        lineno=line.lineno,
        date=line.date,
        action=known(line.action),
        source=source,
        fund=fund,
        units=abs(units) if units is not None else None,
        price=None,
        amount=amount,
        description=line.kind,
    )


def chronological(entry: data.Directive) -> tuple[datetime.date, int, int]:
    return entry.date, data.SORT_ORDER.get(type(entry), 0), -entry.meta["lineno"]


def known(action: Action | None) -> Action:
    if action is None:  # pragma: no cover - notes are left out before rows are made
        raise ValueError("a note row has no action")
    return action


# --- the preamble ------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in next(csv.reader([text]), [])]


def _heading(lines: Sequence[str]) -> tuple[str, str, int]:
    """The ``Plan name:``, the ``Date Range`` as written and its line number (0: none)."""
    plan, written, lineno = "", "", 0
    for number, text in enumerate(lines, start=1):
        cells = _cells(text)
        key = cells[0].lower() if cells else ""
        if key == "plan name:" and not plan:
            plan = ", ".join(cell for cell in cells[1:] if cell)
        elif key == "date range" and not lineno:
            written, lineno = (cells[1] if len(cells) > 1 else ""), number
    return plan, written, lineno


def preamble(
    path: str, lines: Sequence[str]
) -> tuple[str, tuple[datetime.date, datetime.date] | None]:
    """The plan and period above the header; a Date Range that isn't one is an error."""
    plan, written, lineno = _heading(lines)
    period = _period(written)
    if lineno and period is None:
        raise StatementError(
            path,
            lineno,
            f"the Date Range {written!r} is not two dates written as MM/DD/YYYY - MM/DD/YYYY. "
            "Download the file again.",
        )
    return plan, period


def _period(text: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        start, end = (
            datetime.datetime.strptime(part.strip(), "%m/%d/%Y").date()
            for part in text.split(" - ")
        )
    except ValueError:
        return None
    return start, end


def _first_lines(path: str) -> list[str]:
    try:
        return read_text(path).splitlines()[:40]
    except OSError:
        return []


def plan_name(path: str) -> str:
    """A file's ``Plan name:`` ("" if none), for identify: never an error."""
    return _heading(_first_lines(path))[0]


def same_statement(other: Path, download: Download) -> bool:
    """Whether a file has the download's plan and period."""
    plan, written, _ = _heading(_first_lines(str(other)))
    return label_key(plan) == label_key(download.plan) and _period(written) == download.period
