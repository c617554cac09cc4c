"""Yearly facts a ledger may record for the limits: pay, MAGI, FICA wages.

    2024-12-31 custom "megaroth-compensation" "alice" "Acme Corp" 2024 210000.00 USD
    2025-04-15 custom "megaroth-magi" "alice" 2024 180000.00 USD "single"
    2025-12-31 custom "megaroth-fica-wages" "alice" "Acme Corp" 2025 160000.00 USD

Compensation caps 415(c) annual additions at 100% of pay; MAGI and filing status (single,
mfj, mfs; head of household counts as single) decide the Roth IRA phase-out; prior-year FICA
wages from an employer decide, from 2026, whether catch-up must be Roth.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

COMPENSATION = "megaroth-compensation"
MAGI = "megaroth-magi"
FICA_WAGES = "megaroth-fica-wages"
FILING_STATUSES = {"single": "single", "hoh": "single", "mfj": "mfj", "mfs": "mfs", "qw": "mfj"}

_SHAPES = {
    COMPENSATION: ('"alice" "Acme Corp" 2024 210000.00 USD', (str, str, Decimal, Amount)),
    MAGI: ('"alice" 2024 180000.00 USD "single"', (str, Decimal, Amount, str)),
    FICA_WAGES: ('"alice" "Acme Corp" 2025 160000.00 USD', (str, str, Decimal, Amount)),
}


class DeclarationError(NamedTuple):
    source: data.Meta
    message: str
    entry: data.Directive | None


@dataclass(frozen=True)
class Magi:
    amount: Decimal
    filing_status: str


@dataclass(frozen=True)
class Declarations:
    compensation: dict[tuple[str, str, int], Decimal]
    magi: dict[tuple[str, int], Magi]
    fica_wages: dict[tuple[str, str, int], Decimal]


def read_declarations(
    entries: Iterable[data.Directive],
) -> tuple[Declarations, list[DeclarationError]]:
    declarations = Declarations({}, {}, {})
    errors: list[DeclarationError] = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type not in _SHAPES:
            continue
        values = _values(entry)
        if values is None:
            example, _ = _SHAPES[entry.type]
            errors.append(
                DeclarationError(
                    entry.meta,
                    f'custom "{entry.type}" needs its values in this order: '
                    f'{entry.date} custom "{entry.type}" {example}',
                    entry,
                )
            )
            continue
        _store(declarations, entry, values, errors)
    return declarations, errors


def _values(entry: data.Custom) -> list[Any] | None:
    _, types = _SHAPES[entry.type]
    values = [value.value for value in entry.values or []]
    if len(values) != len(types):
        return None
    if not all(isinstance(v, t) for v, t in zip(values, types, strict=True)):
        return None
    return values


def _store(
    declarations: Declarations,
    entry: data.Custom,
    values: list[Any],
    errors: list[DeclarationError],
) -> None:
    if entry.type == MAGI:
        person, year, amount, status = values
        filing = FILING_STATUSES.get(status.lower())
        if filing is None:
            errors.append(
                DeclarationError(
                    entry.meta,
                    f"filing status {status!r} is not one of: {', '.join(FILING_STATUSES)}.",
                    entry,
                )
            )
            return
        declarations.magi[person, int(year)] = Magi(amount.number, filing)
        return
    person, employer, year, amount = values
    table = declarations.compensation if entry.type == COMPENSATION else declarations.fica_wages
    table[person, employer, int(year)] = amount.number
