"""Column types for statement CSVs, built on beangulp's ``csvbase`` columns.

Record-keepers write numbers and dates every which way; these read them all, exactly:

- :class:`Money` (and units): ``1,234.56``, ``$1,234.56``, ``"1,000"``, ``(12.00)``,
  ``-3.5``, ``$-1.23``, ``-$1.23``, ``12.00-`` (a trailing minus), ``+5``; never a float.
  ``--``, ``N/A`` and ``null`` are an empty cell.
- :class:`Dates`: any of several ``strptime`` formats, a time after the date ignored
  (``2/28/2018 12:00:00 AM``); ``04/17/2023 as of 04/15/2023`` is the date it is "as of".

Each can serve in a ``csvbase.Importer`` of your own. Used by megaroth's readers through
:mod:`megaroth.importers.csvfile`, a value that can't be read raises :class:`CellError`
with what is wrong, and the reader names the file, line and column.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from beangulp.importers import csvbase

# No statement amount or unit count reaches a trillion; past it, arithmetic at the cent
# would run out of Decimal precision, so it is a damaged file.
LARGEST = Decimal(10) ** 12
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


#: What statements write in a cell with no number (M1's ``--``, Paychex's ``N/A``).
EMPTY = frozenset({"--", "n/a", "na", "null"})


class CellError(ValueError):
    """A cell that can't be read: the message says what is wrong with it."""


class Column(csvbase.Column):
    """A ``csvbase`` column by name(s), typed."""

    def __init__(self, *names: str) -> None:
        super().__init__(*names)  # type: ignore[no-untyped-call]


class Money(Column):
    """A signed Decimal as statements write amounts and units; an empty cell is None."""

    def parse(self, value: str) -> Decimal | None:
        return _money(value)


@functools.lru_cache(maxsize=8192)
def _money(value: str) -> Decimal | None:
    """A cell's number (cached: statements repeat their prices and amounts)."""
    text = value.strip()
    if not text or text.lower() in EMPTY:
        return None
    negative = text.startswith("(") and text.endswith(")")
    cleaned = text.strip("()").replace("$", "").replace(" ", "")
    if cleaned.startswith("-$"):
        cleaned = "-" + cleaned[2:]
    if cleaned.endswith("-") and cleaned[:-1] and cleaned[0] not in "+-":
        cleaned = "-" + cleaned[:-1]  # a trailing minus: 12.00-
    if not _NUMBER.match(cleaned) or cleaned in ("", "+", "-"):
        raise CellError(
            "which is not a number. Fix the file (or download it again) so the column "
            "has amounts like 1,234.56 or (12.00)."
        )
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise CellError("which is not a number.") from error
    if abs(number) >= LARGEST:
        raise CellError(
            "too large to be an amount or a number of units on a statement. Check the "
            "file (or download it again)."
        )
    return -number if negative else number


class Dates(Column):
    """A date in one of ``formats`` (strptime); a time part after the date is ignored."""

    def __init__(self, *names: str, formats: Sequence[str] = ("%Y-%m-%d",)) -> None:
        super().__init__(*names)
        self.formats = tuple(formats)

    def parse(self, value: str) -> datetime.date:
        return _date(value, self.formats)


@functools.lru_cache(maxsize=8192)
def _date(value: str, formats: tuple[str, ...]) -> datetime.date:
    """A cell's date in one of ``formats`` (cached: a statement repeats each date)."""
    text = value.strip()
    if " as of " in text:  # Schwab: "04/17/2023 as of 04/15/2023", the day it counts for
        text = text.split(" as of ", 1)[1].strip()
    head = text.split(" ")[0] if " " in text and ":" in text else text
    for fmt in formats:
        try:
            return datetime.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    written = " or ".join(_human(fmt) for fmt in formats)
    raise CellError(f"which is not a date written as {written}.")


def _human(fmt: str) -> str:
    """A strptime format as people read it: ``%b %d, %Y`` is ``Mon DD, YYYY``."""
    return fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD").replace("%b", "Mon")


def fund_name(text: str) -> str:
    """A fund name as statements write it, HTML entities decoded (``S&amp;P``), spaces
    tidied."""
    return " ".join(html.unescape(text).split())
