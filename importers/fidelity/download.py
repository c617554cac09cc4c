"""What Fidelity's NetBenefits files share: the lines, the transaction types, the base importer.

The history download (:mod:`~megaroth.importers.fidelity.history`) starts with an optional
``Plan name:`` and ``Date Range`` preamble; the Sources copy
(:mod:`~megaroth.importers.fidelity.sources`) is the on-screen table pasted into a file, tab
separated with no header. Both list the newest rows first and name Fidelity's transaction
types the same way.
"""

from __future__ import annotations

import csv
import datetime
from abc import abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import Money, fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, find_header, read_text
from megaroth.importers.labels import how_to_map, label_key, read_actions
from megaroth.importers.rows import Action, Row, Skipped, Statement, StatementError
from megaroth.tax.sources import CONTRACT_OF_SOURCE, SourceKind

PAYEE = "Fidelity"
HISTORY_HEADER = ("Date", "Investment", "Transaction Type", "Amount", "Shares/Unit")
#: The Sources copy's columns, in order (it has no header line).
SOURCES_COLUMNS = ("Date", "Source", "Transaction Type", "Amount", "Shares/Unit")
DATE_FORMATS = ("%m/%d/%Y",)
#: Sources whose money a plan converts in-plan: with one of them configured, a 0.00 Transfer
#: may be a conversion, which Fidelity's by-fund files can't show.
CONVERTIBLE = frozenset({SourceKind.AFTER_TAX, SourceKind.IRR})
#: What users save a copy of the Sources view as.
COPY_SUFFIXES = (".txt", ".tsv", ".csv")

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
    "change on market value": Action.MARKET_VALUE,
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
    # A plan loan: the repayments are in every history of a plan with a loan; how the loan
    # itself is written was not seen in any public download, so these are the likely words.
    "loan repayments": Action.LOAN_REPAYMENT,
    "loan repayment": Action.LOAN_REPAYMENT,
    "loan": Action.LOAN,
    "loans": Action.LOAN,
    "loan issue": Action.LOAN,
    "loan withdrawal": Action.LOAN,
    "balance forward": None,
    "realized gain/loss": None,
}


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
    """A file's lines, what it says of itself (plan, period) and the lines it passed over."""

    path: str
    header_lineno: int
    plan: str
    period: tuple[datetime.date, datetime.date] | None
    lines: list[Line]
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def period_text(self) -> str:
        if self.period is None:
            return "its period"
        start, end = (day.strftime("%m/%d/%Y") for day in self.period)
        return f"Date Range {start} - {end}"

    @property
    def dates(self) -> tuple[datetime.date, datetime.date] | None:
        """The period it covers: its Date Range, else its first and last row."""
        if self.period is not None:
            return self.period
        days = [line.date for line in self.lines]
        return (min(days), max(days)) if days else None

    def covers(self, other: Download) -> bool:
        """Whether every row of ``other`` falls within this file's period."""
        mine, theirs = self.dates, other.dates
        if mine is None or theirs is None:
            return False
        return mine[0] <= theirs[0] and theirs[1] <= mine[1]


class FidelityImporter(StatementImporter):
    """What both files share: the rows, the transaction types, the order of a day's entries."""

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

    def date(self, filepath: str) -> datetime.date | None:
        dates = self.read_file(filepath).dates
        return dates[1] if dates else None

    @abstractmethod
    def read_file(self, filepath: str) -> Download:
        """The file's lines (a StatementError if one can't be read)."""

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

    def history(self, path: str) -> Download:
        """A history download, every line read (a StatementError if one can't be)."""
        text = read_text(path).splitlines()
        start = find_header(path, text, HISTORY_HEADER[:3])
        plan, period = preamble(path, text[:start])
        skipped = Statement()
        lines = self._lines(path, csv_lines(path, HISTORY_HEADER[:3], HISTORY_HEADER, skipped),
                            "Investment", skipped)  # fmt: skip
        return Download(path, start + 1, plan, period, lines, skipped.skipped)

    def sources_copy(self, path: str) -> Download:
        """A copy of the Sources view, every line read (a StatementError if one can't be)."""
        skipped = Statement()
        rows = csv_lines(path, (), SOURCES_COLUMNS, skipped, "\t", names=SOURCES_COLUMNS)
        lines = self._lines(path, rows, "Source", skipped)
        return Download(path, 1, "", None, lines, skipped.skipped)

    def _lines(
        self, path: str, rows: Iterable[CsvLine], column: str, skipped: Statement
    ) -> list[Line]:
        lines = []
        for line in rows:
            if line.is_totals(("Date", "Transaction Type")):
                skipped.skip(path, line.lineno, "a totals line")
                continue
            lines.append(self._line(path, line, column))
        return lines

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


def looks_like_sources_copy(path: str) -> bool:
    """Whether a file is a copy of the Sources view: its first line with text is a dated row
    of five tab-separated cells with an amount (for identify: never an error)."""
    if Path(path).suffix.lower() not in COPY_SUFFIXES:
        return False
    for text in _first_lines(path):
        if not text.strip():
            continue
        cells = [cell.strip() for cell in text.split("\t")]
        if len(cells) < len(SOURCES_COLUMNS) or not all(cells[:4]):
            return False
        try:
            datetime.datetime.strptime(cells[0], "%m/%d/%Y")
            return Money("Amount").parse(cells[3]) is not None
        except ValueError:
            return False
    return False


def neighbours(path: str, wanted: Callable[[str], bool]) -> list[str]:
    """The other files of a file's folder that ``wanted`` accepts, by name."""
    here = Path(path)
    return [str(other) for other in sorted(here.parent.iterdir())
            if other != here and other.is_file() and wanted(str(other))]  # fmt: skip
