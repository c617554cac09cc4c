"""The tax packet of one year: the figures a preparer needs, as typed records.

Built from the analysis by :mod:`~megaroth.report.build`; written out as JSON by
:mod:`~megaroth.report.as_json` and as tables (text, Markdown, CSV) by
:mod:`~megaroth.report.formats`, so every format carries the same figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

#: A form's box: money, a checkbox, a code, a year, or left blank.
BoxValue = Decimal | bool | str | int | None
Boxes = Mapping[str, BoxValue]


@dataclass(frozen=True)
class Deferrals:
    """402(g), across every plan and employer."""

    limit: Decimal
    catch_up_limit: Decimal
    deferrals: Decimal
    excess: Decimal
    source: str


@dataclass(frozen=True)
class Additions:
    """415(c) at one employer."""

    employer: str
    limit: Decimal
    annual_additions: Decimal
    after_tax: Decimal
    catch_up_excluded: Decimal
    after_tax_room: Decimal
    excess: Decimal


@dataclass(frozen=True)
class IraContributions:
    limit: Decimal
    contributions: Decimal
    excess: Decimal
    roth_allowed: Decimal | None


@dataclass(frozen=True)
class Limits:
    deferrals: Deferrals
    additions: tuple[Additions, ...]
    ira: IraContributions


@dataclass(frozen=True)
class Form1040:
    """Lines 4a/4b (IRAs: 8606 lines 15c + 18 + 25c) and 5a/5b (plans)."""

    line4a: Decimal
    line4b: Decimal
    line5a: Decimal
    line5b: Decimal


@dataclass(frozen=True)
class FiveYearClock:
    what: str
    account: str
    start_year: int
    end_year: int
    exposed: Decimal


@dataclass(frozen=True)
class Person:
    name: str
    limits: Limits
    form_1040: Form1040
    form_8606: Mapping[str, Decimal]  # "line1" ... "line25c"
    five_year_clocks: tuple[FiveYearClock, ...]
    after_tax_basis_recovered: Decimal


@dataclass(frozen=True)
class Lot:
    date: datetime.date
    origin: str
    basis: Decimal
    earnings: Decimal
    days: int


@dataclass(frozen=True)
class Where:
    """The ledger line a figure comes from."""

    filename: str | None
    lineno: int | None


@dataclass(frozen=True)
class Movement:
    date: datetime.date
    owner: str | None
    payer: str
    from_account: str
    to_account: str
    kind: str
    gross: Decimal
    basis: Decimal
    taxable: Decimal
    code: str
    withholding: Decimal
    five_year_end: int | None
    unrecovered_basis: Decimal
    taxable_not_determined: bool
    rule: str
    lots: tuple[Lot, ...]
    where: Where


@dataclass(frozen=True)
class Form:
    """One form's comparison: what the ledger expects, what was received."""

    account: str
    year: int
    code: str
    expected: Boxes | None
    reported: Boxes | None
    status: str
    differences: Boxes
    where: Where


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    message: str
    where: Where


@dataclass(frozen=True)
class Packet:
    year: int
    currency: str
    people: tuple[Person, ...]
    movements: tuple[Movement, ...]
    forms_1099r: tuple[Form, ...]
    forms_5498: tuple[Form, ...]
    findings: tuple[Finding, ...]
