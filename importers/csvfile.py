"""Reading statement CSVs: the header line wherever it is, then the data lines under it.

Preamble lines before the header and blank lines are passed over; notes and totals lines
after the data are named as skipped; a cell is read with the column types of
:mod:`megaroth.importers.columns`, and one that can't be read is a
:class:`~megaroth.importers.rows.StatementError` naming the file, line, column and value.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from megaroth.importers.columns import CellError, Dates, Money
from megaroth.importers.rows import Action, Row, Statement, StatementError

_MONEY = Money("value")
_TOTALS = re.compile(r"\btotals?\b", re.IGNORECASE)
#: Dates as statements write them, to tell a row cut short to its date from a note.
COMMON_DATES = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%b %d, %Y")


@dataclass(frozen=True)
class CsvLine:
    """One data line of a CSV file: its file, its line number and its cells by column name.

    Its methods read a cell as a number or a date; a cell that can't be read is a
    StatementError naming the file, line, column and value.
    """

    path: str
    lineno: int
    cells: dict[str, str]

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def number(self, column: str) -> Decimal | None:
        """A number as statements write it (:class:`~megaroth.importers.columns.Money`);
        an empty cell is None."""
        text = self.text(column)
        try:
            return _MONEY.parse(text)
        except CellError as error:
            raise self.error(f"column {column!r} holds {text!r}, {error}") from None

    def amount(self, column: str) -> Decimal:
        """A number that must be there."""
        number = self.number(column)
        if number is None:
            raise self.error(f"column {column!r} is empty; it needs a number.")
        return number

    def date(self, column: str, formats: Sequence[str]) -> datetime.date:
        """A date in one of ``formats`` (strptime); a time part after the date is ignored."""
        text = self.text(column)
        try:
            return Dates(column, formats=formats).parse(text)
        except CellError as error:
            raise self.error(f"column {column!r} holds {text!r}, {error}") from None

    def is_totals(self, columns: Sequence[str]) -> bool:
        """Whether this is a totals line: no date in the first of ``columns`` (the date
        column), and a cell saying "Total". A line that leaves blank a column every
        transaction fills, and is no totals line, is a damaged row: an error, never passed
        over as a summary. (A fund may be called "Total Bond Market": a dated line is a
        transaction.)"""
        date = self.text(columns[0]) if columns else ""
        dated = bool(date) and _is_date(date)
        if not dated and any(_TOTALS.search(cell) for cell in self.cells.values()):
            return True
        blank = [column for column in columns if not self.text(column)]
        if blank:
            raise self.error(
                f"column {blank[0]!r} is empty, and every transaction line fills it. Download "
                "the file again, or enter this line by hand and delete it from the file."
            )
        return False

    def row(
        self,
        date: datetime.date,
        action: Action,
        source: str,
        fund: str,
        amount: Decimal,
        units: Decimal | None = None,
        price: Decimal | None = None,
        description: str = "",
    ) -> Row:
        """The statement row this line is: units and price as given (unsigned), ``amount``
        signed, positive into the plan."""
        return Row(self.path, self.lineno, date, action, source, fund, units, price, amount,
                   description)  # fmt: skip

    def error(self, message: str) -> StatementError:
        return StatementError(self.path, self.lineno, message)


def read_text(path: str) -> str:
    """A statement's text: UTF-8 with or without a byte-order mark, else Latin-1."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def csv_lines(
    path: str,
    header: Sequence[str],
    required: Sequence[str] = (),
    statement: Statement | None = None,
    delimiter: str = ",",
    names: Sequence[str] = (),
) -> Iterator[CsvLine]:
    """The data lines under the first line that starts with ``header`` (with ``names``, a
    file with no header line: every line is data, its cells in that order).

    Preamble lines before the header and blank lines are passed over; a quoted cell may hold
    a line break. A line with one cell (a note, a "Date downloaded" trailer) is no
    transaction: it goes into ``statement``'s skipped lines with its text. Every column in
    ``required`` must be in the header line.
    """
    lines = read_text(path).splitlines()
    if names:
        start, names = -1, list(names)
    else:
        start = find_header(path, lines, header, delimiter)
        names = [cell.strip() for cell in next(csv.reader([lines[start]], delimiter=delimiter))]
    missing = [column for column in required if column not in names]
    if missing:
        raise StatementError(
            path,
            start + 1,
            f"the header line has no column {missing[0]!r}. This layout needs the columns "
            f"{', '.join(required)}; download the statement again with all of them.",
        )
    reader = csv.reader(io.StringIO("\n".join(lines[start + 1 :])), delimiter=delimiter)
    last = 0
    for cells in reader:
        lineno, last = start + 2 + last, reader.line_num
        while cells and not cells[-1].strip() and len(cells) > len(names):
            cells.pop()
        filled = [cell.strip() for cell in cells if cell.strip()]
        if not filled:
            continue
        if len(filled) == 1:
            _note(path, lineno, filled[0], statement)
            continue
        if len(cells) > len(names):
            raise StatementError(
                path,
                lineno,
                f"this line has {len(cells)} fields but the header has {len(names)}, so its "
                "values can't be told apart. A number with a thousands comma and no quotes "
                '(1,000.00 rather than "1,000.00") splits into two fields: put quotes around '
                "it, or download the file again.",
            )
        cells += [""] * (len(names) - len(cells))
        yield CsvLine(
            path,
            lineno,
            {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name},
        )


@functools.lru_cache(maxsize=4096)
def _is_date(text: str) -> bool:
    try:
        Dates("date", formats=COMMON_DATES).parse(text)
    except CellError:
        return False
    return True


def _note(path: str, lineno: int, text: str, statement: Statement | None) -> None:
    """A line with one cell: a note, unless it is a row cut short to its date."""
    if not _is_date(text):
        if statement is not None:
            statement.skip(path, lineno, f"a note, not a transaction: {text[:60]!r}")
        return
    raise StatementError(
        path,
        lineno,
        f"this line holds only {text!r}: a transaction cut short. Download the file again, "
        "or enter this transaction by hand and delete the line.",
    )


def find_header(
    path: str, lines: Sequence[str], header: Sequence[str], delimiter: str = ","
) -> int:
    wanted = [name.lower() for name in header]
    for index, line in enumerate(lines):
        cells = [cell.strip().lower() for cell in next(csv.reader([line], delimiter=delimiter), [])]
        if cells[: len(wanted)] == wanted:
            return index
    raise StatementError(
        path,
        1,
        f"no header line {', '.join(header)} found; this is not the statement layout this "
        "importer reads.",
    )


def has_header(path: str, header: Sequence[str], within: int = 40, delimiter: str = ",") -> bool:
    """Whether one of the first lines of the file is the header (for ``identify``)."""
    try:
        lines = read_text(path).splitlines()[:within]
    except OSError:
        return False
    wanted = [name.lower() for name in header]
    for line in lines:
        try:
            cells = [
                cell.strip().lower() for cell in next(csv.reader([line], delimiter=delimiter), [])
            ]
        except csv.Error:
            return False
        if cells[: len(wanted)] == wanted:
            return True
    return False
