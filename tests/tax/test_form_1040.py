"""Form 1040 lines 1h, 4a-5b from the expected 1099-Rs (megaroth.tax.form_1040)."""

from __future__ import annotations

from dataclasses import astuple
from decimal import Decimal

from megaroth.tax.form_1040 import form_1040_lines

NO_8606 = {"line15c": Decimal(0), "line18": Decimal(0), "line25c": Decimal(0)}


def test_a_year_without_a_1099r_has_every_line_a_decimal_zero() -> None:
    """Money is Decimal through to the packet: a year with no 1099-R gives Decimal zeros on
    every line, not the integer 0 a bare ``sum`` starts from."""
    lines = form_1040_lines([], NO_8606)
    assert [(type(v), v) for v in astuple(lines)] == [(Decimal, 0)] * len(astuple(lines))
