"""Yearly facts a ledger records for the rules: pay, MAGI, FICA wages, IRA basis.

    2024-12-31 custom "megaroth-compensation" "alice" "Acme Corp" 2024 210000.00 USD
    2025-04-15 custom "megaroth-magi" "alice" 2024 180000.00 USD "single"
    2025-12-31 custom "megaroth-fica-wages" "alice" "Acme Corp" 2025 160000.00 USD
    2021-12-31 custom "megaroth-ira-basis" "alice" 2021 3500.00 USD

Compensation caps 415(c) annual additions at 100% of pay; MAGI and filing status (single,
mfj, mfs; head of household counts as single) decide the Roth IRA phase-out; prior-year FICA
wages from an employer decide, from 2026, whether catch-up must be Roth; IRA basis is Form
8606 line 14 of a year before the ledger (or of any year, to correct it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.view import tax_year
from megaroth.tax.limit_usage import Magi
from megaroth.vocabulary import COMPENSATION, FICA_WAGES, IRA_BASIS, MAGI

FILING_STATUSES = {"single": "single", "hoh": "single", "mfj": "mfj", "mfs": "mfs", "qw": "mfj"}

_SHAPES = {
    COMPENSATION: ('"alice" "Acme Corp" 2024 210000.00 USD', (str, str, Decimal, Amount)),
    MAGI: ('"alice" 2024 180000.00 USD "single"', (str, Decimal, Amount, str)),
    FICA_WAGES: ('"alice" "Acme Corp" 2025 160000.00 USD', (str, str, Decimal, Amount)),
    IRA_BASIS: ('"alice" 2021 3500.00 USD', (str, Decimal, Amount)),
}
_WHAT = {
    IRA_BASIS: "the person, the year and the basis (Form 8606 line 14 of that year)",
}


@dataclass(frozen=True)
class Facts:
    compensation: dict[tuple[str, str, int], Decimal] = field(default_factory=dict)
    magi: dict[tuple[str, int], Magi] = field(default_factory=dict)
    fica_wages: dict[tuple[str, str, int], Decimal] = field(default_factory=dict)
    # Form 8606 line 14 by person and year.
    ira_basis: dict[tuple[str, int], Decimal] = field(default_factory=dict)


def read_facts(entries: Iterable[data.Directive]) -> tuple[Facts, list[MegarothError]]:
    facts = Facts()
    errors: list[MegarothError] = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type not in _SHAPES:
            continue
        values = _values(entry)
        if values is None:
            errors.append(_shape_error(entry))
            continue
        _store(facts, entry, values, errors)
    return facts, errors


def _shape_error(entry: data.Custom) -> MegarothError:
    example, _ = _SHAPES[entry.type]
    check = Reader.IRA_BASIS if entry.type == IRA_BASIS else Reader.FACTS
    if entry.type in _WHAT:
        example = example.replace("2021", str(entry.date.year))
        message = (
            f'custom "{entry.type}" needs {_WHAT[entry.type]}, e.g. {entry.date} custom '
            f'"{entry.type}" {example}'
        )
    else:
        message = (
            f'custom "{entry.type}" needs its values in this order: '
            f'{entry.date} custom "{entry.type}" {example}'
        )
    return error_on(entry, message, check)


def _values(entry: data.Custom) -> list[Any] | None:
    _, types = _SHAPES[entry.type]
    values = [value.value for value in entry.values or []]
    if len(values) != len(types):
        return None
    if not all(isinstance(v, t) for v, t in zip(values, types, strict=True)):
        return None
    year = next(v for v, t in zip(values, types, strict=True) if t is Decimal)
    return values if tax_year(year) is not None else None


def _store(
    facts: Facts, entry: data.Custom, values: list[Any], errors: list[MegarothError]
) -> None:
    if entry.type == IRA_BASIS:
        person, year, amount = values
        facts.ira_basis[person, int(year)] = amount.number
        return
    if entry.type == MAGI:
        person, year, amount, status = values
        filing = FILING_STATUSES.get(status.lower())
        if filing is None:
            errors.append(
                error_on(
                    entry,
                    f"filing status {status!r} is not one of: {', '.join(FILING_STATUSES)}.",
                    Reader.FACTS,
                )
            )
            return
        facts.magi[person, int(year)] = Magi(amount.number, filing)
        return
    person, employer, year, amount = values
    table = facts.compensation if entry.type == COMPENSATION else facts.fica_wages
    table[person, employer, int(year)] = amount.number
