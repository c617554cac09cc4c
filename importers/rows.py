"""Statement rows, normalised, and the careful parsing of the text they come from.

Every importer turns its file into :class:`Row` objects; :mod:`megaroth.importers.entries`
turns rows into ledger entries. Any value that can't be read stops the import with a
:class:`StatementError` naming the file, line, column and value, and what would fix it.
"""

from __future__ import annotations

import csv
import datetime
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

from beangulp.exceptions import Error


class StatementError(Error):
    """A statement line megaroth can't read. beangulp prints it and imports nothing of it."""

    def __init__(self, filename: str, lineno: int, message: str) -> None:
        super().__init__(f"{filename}:{lineno}: {message}")  # type: ignore[no-untyped-call]
        self.filename = filename
        self.lineno = lineno


class Action(StrEnum):
    """What a statement row did, in megaroth's terms (DESIGN.md section 2, "Flows")."""

    CONTRIBUTION = "contribution"  # money into a source from payroll
    DIVIDEND = "dividend"  # earnings reinvested
    MARKET_VALUE = "market-value"  # change in market value (dollar statements)
    FEE = "fee"  # recordkeeping or administrative fee
    TRANSFER = "transfer"  # between funds, or between sources (a conversion)
    DISTRIBUTION = "distribution"  # out of the plan: withdrawal or rollover out


#: The actions as users write them in ``actions=``, for error messages.
ACTION_NAMES = ", ".join(f'"{action.value}"' for action in Action)


@dataclass(frozen=True)
class Row:
    """One statement row. ``amount`` is signed: positive into the plan, negative out."""

    filename: str
    lineno: int
    date: datetime.date
    action: Action
    source: str
    fund: str
    units: Decimal | None
    price: Decimal | None
    amount: Decimal
    description: str


@dataclass(frozen=True)
class CsvLine:
    """One data line of a CSV file: its line number and its cells by column name."""

    lineno: int
    cells: dict[str, str]


def read_text(path: str) -> str:
    """A statement's text: UTF-8 with or without a byte-order mark, else Latin-1."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def csv_lines(path: str, header: Sequence[str], required: Sequence[str] = ()) -> Iterator[CsvLine]:
    """The data lines under the first line that starts with ``header``.

    Preamble lines before the header, blank lines, trailing commas and summary lines after
    the data (lines with fewer than two cells) are skipped. Every column in ``required``
    must be in the header line.
    """
    lines = read_text(path).splitlines()
    start = find_header(path, lines, header)
    names = [cell.strip() for cell in next(csv.reader([lines[start]]))]
    missing = [column for column in required if column not in names]
    if missing:
        raise StatementError(
            path,
            start + 1,
            f"the header line has no column {missing[0]!r}. This layout needs the columns "
            f"{', '.join(required)}; download the statement again with all of them.",
        )
    for offset, line in enumerate(lines[start + 1 :], start=start + 2):
        if not line.strip():
            continue
        cells = next(csv.reader([line]))
        while cells and not cells[-1].strip() and len(cells) > len(header):
            cells.pop()
        if len([c for c in cells if c.strip()]) < 2:
            continue  # a summary or note line
        cells += [""] * (len(names) - len(cells))
        yield CsvLine(
            offset, {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name}
        )


def is_summary(line: CsvLine, columns: Sequence[str]) -> bool:
    """A totals or note line: one of the columns every transaction fills is blank."""
    return any(not line.cells.get(column, "").strip() for column in columns)


def find_header(path: str, lines: Sequence[str], header: Sequence[str]) -> int:
    wanted = [name.lower() for name in header]
    for index, line in enumerate(lines):
        cells = [cell.strip().lower() for cell in next(csv.reader([line]), [])]
        if cells[: len(wanted)] == wanted:
            return index
    raise StatementError(
        path,
        1,
        f"no header line {', '.join(header)} found; this is not the statement layout this "
        "importer reads.",
    )


def has_header(path: str, header: Sequence[str], within: int = 40) -> bool:
    """Whether one of the first lines of the file is the header (for ``identify``)."""
    try:
        lines = read_text(path).splitlines()[:within]
    except OSError:
        return False
    wanted = [name.lower() for name in header]
    for line in lines:
        try:
            cells = [cell.strip().lower() for cell in next(csv.reader([line]), [])]
        except csv.Error:
            return False
        if cells[: len(wanted)] == wanted:
            return True
    return False


# No statement amount or unit count reaches a trillion; past it, arithmetic at the cent
# would run out of Decimal precision, so it is a damaged file.
LARGEST = Decimal(10) ** 12
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def parse_amount(line: CsvLine, column: str, path: str) -> Decimal:
    """A number that must be there."""
    number = parse_decimal(line, column, path)
    if number is None:
        raise StatementError(path, line.lineno, f"column {column!r} is empty; it needs a number.")
    return number


def parse_decimal(line: CsvLine, column: str, path: str) -> Decimal | None:
    """A number as statements write it: ``$1,234.56``, ``(12.00)``, ``-3.5``, ``"1,000"``.

    An empty cell is None.
    """
    text = line.cells.get(column, "").strip()
    if not text:
        return None
    negative = text.startswith("(") and text.endswith(")")
    cleaned = text.strip("()").replace("$", "").replace(" ", "")
    if cleaned.startswith("-$"):
        cleaned = "-" + cleaned[2:]
    if not _NUMBER.match(cleaned) or cleaned in ("", "+", "-"):
        raise StatementError(
            path,
            line.lineno,
            f"column {column!r} holds {text!r}, which is not a number. Fix the file (or "
            "download it again) so the column has amounts like 1,234.56 or (12.00).",
        )
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise StatementError(path, line.lineno, f"column {column!r}: {text!r}") from error
    if abs(number) >= LARGEST:
        raise StatementError(
            path,
            line.lineno,
            f"column {column!r} holds {text!r}, too large to be an amount or a number of "
            "units on a statement. Check the file (or download it again).",
        )
    return -number if negative else number


def parse_date(line: CsvLine, column: str, path: str, formats: Sequence[str]) -> datetime.date:
    """A date in one of ``formats`` (strptime); a time part after the date is ignored."""
    text = line.cells.get(column, "").strip()
    head = text.split(" ")[0] if " " in text and ":" in text else text
    for fmt in formats:
        try:
            return datetime.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    raise StatementError(
        path,
        line.lineno,
        f"column {column!r} holds {text!r}, which is not a date written as "
        f"{' or '.join(_human(fmt) for fmt in formats)}.",
    )


def _human(fmt: str) -> str:
    return fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")


def fund_name(text: str) -> str:
    """A fund name as statements write it, HTML entities decoded and spaces tidied."""
    return " ".join(html.unescape(text).split())
