"""Form 8606 per person and year, and the taxable part of each IRA conversion it decides.

Part I follows nondeductible traditional IRA basis through the pro-rata rule over ALL of a
person's traditional, SEP and SIMPLE IRAs (IRC 408(d)(2)); Part II is the taxable part of
conversions; Part III takes Roth IRA distributions through the ordering rules of
408A(d)(4)(B) (:mod:`megaroth.plugins.roth_layers`). Plan money never enters the form.
Line 10 is rounded to a configurable number of places (default 8, never fewer than 3), and
basis is never carried negative (TAX_RULES.md section 5).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from beancount.core import data

from megaroth.plugins.engine import BasisResult, Contribution
from megaroth.plugins.household import Household
from megaroth.plugins.ledger import LedgerView
from megaroth.plugins.movements import Movement, MovementKind
from megaroth.plugins.pools import ZERO, cents
from megaroth.plugins.usage import tax_year_of
from megaroth.plugins.values import AccountValue, ira_year_end_values

BASIS_DIRECTIVE = "megaroth-ira-basis"
DEFAULT_PLACES = 8
MINIMUM_PLACES = 3


class BasisDeclarationError(NamedTuple):
    source: data.Meta
    message: str
    entry: data.Directive | None


@dataclass(frozen=True)
class PartI:
    """Lines 1-15c, Nondeductible contributions to traditional IRAs."""

    line1: Decimal
    line2: Decimal
    line3: Decimal
    line4: Decimal
    line5: Decimal
    line6: Decimal
    line7: Decimal
    line8: Decimal
    line9: Decimal
    line10: Decimal
    line11: Decimal
    line12: Decimal
    line13: Decimal
    line14: Decimal
    line15a: Decimal
    line15b: Decimal
    line15c: Decimal


@dataclass(frozen=True)
class Form8606:
    person: str
    year: int
    part_i: PartI
    line16: Decimal
    line17: Decimal
    line18: Decimal
    places: int
    unpriced: tuple[str, ...]

    def lines(self) -> dict[str, Decimal]:
        """Every line by its number, as the report names them (``line1`` ... ``line18``)."""
        lines = {f"line{k[4:]}": v for k, v in vars(self.part_i).items()}
        return {**lines, "line16": self.line16, "line17": self.line17, "line18": self.line18}


def read_basis_declarations(
    entries: Iterable[data.Directive],
) -> tuple[dict[tuple[str, int], Decimal], list[BasisDeclarationError]]:
    """``custom "megaroth-ira-basis" "alice" 2021 3500.00 USD``: line 14 before the ledger."""
    declared: dict[tuple[str, int], Decimal] = {}
    errors = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type != BASIS_DIRECTIVE:
            continue
        values = [v.value for v in entry.values or []]
        if (
            len(values) == 3
            and isinstance(values[0], str)
            and isinstance(values[1], Decimal)
            and hasattr(values[2], "number")
        ):
            declared[values[0], int(values[1])] = values[2].number
        else:
            errors.append(
                BasisDeclarationError(
                    entry.meta,
                    f'custom "{BASIS_DIRECTIVE}" needs the person, the year and the basis '
                    f"(Form 8606 line 14 of that year), e.g. {entry.date} custom "
                    f'"{BASIS_DIRECTIVE}" "alice" {entry.date.year} 3500.00 USD',
                    entry,
                )
            )
    return declared, errors


def forms_8606(
    ledger: LedgerView,
    household: Household,
    basis: BasisResult,
    currency: str,
    places: int = DEFAULT_PLACES,
) -> list[Form8606]:
    """Part I and II of every person's Form 8606, year by year, basis carried forward."""
    places = max(places, MINIMUM_PLACES)
    declared, _ = read_basis_declarations(ledger.declared)
    traditional = {ira.account for ira in household.iras.values() if ira.ira_type.value != "roth"}
    nondeductible = _nondeductible(basis.contributions, traditional)
    people = sorted({ira.owner for ira in household.iras.values() if ira.owner})
    years_of = {
        person: _years(person, {i.account for i in household.iras_of(person)} & traditional,
                       nondeductible, basis.movements, declared)
        for person in people
    }  # fmt: skip
    year_ends = ira_year_end_values(
        ledger, household, currency, {y for years in years_of.values() for y in years}
    )
    forms = []
    for person in people:
        owned = {ira.account for ira in household.iras_of(person)} & traditional
        carried = ZERO
        for year in years_of[person]:
            carried = declared.get((person, year - 1), carried)
            form = _form(year_ends, basis, person, year, owned, nondeductible, carried, places)
            forms.append(form)
            carried = form.part_i.line14
    return forms


def _nondeductible(
    contributions: Iterable[Contribution], traditional: set[str]
) -> list[Contribution]:
    return [c for c in contributions if c.contract.payer in traditional and c.basis > 0]


def _years(
    person: str,
    owned: set[str],
    nondeductible: list[Contribution],
    movements: Sequence[Movement],
    declared: Mapping[tuple[str, int], Decimal],
) -> list[int]:
    years = {tax_year_of(c) for c in nondeductible if c.contract.payer in owned}
    years |= {m.year for m in movements if m.payer in owned}
    years |= {year + 1 for (who, year) in declared if who == person}
    if not years:
        return []
    return list(range(min(years), max(years) + 1))


def _form(
    year_ends: dict[tuple[str, int], AccountValue],
    basis: BasisResult,
    person: str,
    year: int,
    owned: set[str],
    nondeductible: list[Contribution],
    carried: Decimal,
    places: int,
) -> Form8606:
    mine = [c for c in nondeductible if c.contract.payer in owned and tax_year_of(c) == year]
    line1 = sum((c.amount for c in mine), ZERO)
    rolled_in = sum(
        (m.basis for m in basis.movements
         if m.year == year and m.kind is MovementKind.ROLLOVER_TO_IRA and _into(m, owned)),
        ZERO,
    )  # fmt: skip
    line2 = carried + rolled_in
    line3 = line1 + line2
    line4 = sum((c.amount for c in mine if c.year > year), ZERO)
    line5 = line3 - line4
    out = [m for m in basis.movements if m.year == year and m.payer in owned]
    line7 = sum((m.gross for m in out if m.kind is MovementKind.DISTRIBUTION), ZERO)
    line8 = sum((m.gross for m in out if m.kind is MovementKind.IRA_CONVERSION), ZERO)
    line6, unpriced = _dec_31_value(year_ends, year, owned)
    if line7 + line8 == 0:  # no distribution or conversion: lines 6-13 are skipped
        line6 = line9 = line10 = line11 = line12 = line13 = ZERO
    else:
        line9 = line6 + line7 + line8
        line10 = min(Decimal(1), line5 / line9) if line9 else Decimal(1)
        line10 = line10.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        line11 = min(cents(line8 * line10), line8)
        line12 = min(cents(line7 * line10), line7)
        line13 = line11 + line12
    line14 = max(ZERO, line3 - line13)
    line15a = line7 - line12
    part_i = PartI(
        line1, line2, line3, line4, line5, line6, line7, line8, line9, line10,
        line11, line12, line13, line14, line15a, ZERO, line15a,
    )  # fmt: skip
    return Form8606(person, year, part_i, line8, line11, line8 - line11, places, unpriced)


def _into(movement: Movement, accounts: set[str]) -> bool:
    return any(
        movement.to_account == a or movement.to_account.startswith(a + ":") for a in accounts
    )


def _dec_31_value(
    year_ends: dict[tuple[str, int], AccountValue], year: int, owned: set[str]
) -> tuple[Decimal, tuple[str, ...]]:
    mine = [
        value
        for (account, when), value in year_ends.items()
        if when == year and any(account == a or account.startswith(a + ":") for a in owned)
    ]
    unpriced = tuple(f"{v.account} ({amount})" for v in mine for amount in v.unpriced)
    return sum((v.value for v in mine), ZERO), unpriced


def settle_conversions(movements: Sequence[Movement], forms: Sequence[Form8606]) -> list[Movement]:
    """IRA conversions with the taxable part Form 8606 gives them (line 18, pro rata)."""
    by_person_year = {(f.person, f.year): f for f in forms}
    grouped: dict[tuple[str | None, int], list[int]] = defaultdict(list)
    for index, movement in enumerate(movements):
        if movement.kind is MovementKind.IRA_CONVERSION:
            grouped[movement.owner, movement.year].append(index)
    settled = list(movements)
    for (owner, year), indexes in grouped.items():
        form = by_person_year.get((owner or "", year))
        if form is None:
            continue
        nontaxable_left = form.line17
        for position, index in enumerate(indexes):
            movement = movements[index]
            last = position == len(indexes) - 1
            share = (
                nontaxable_left
                if last
                else min(nontaxable_left, cents(form.line17 * movement.gross / form.line16))
            )
            nontaxable_left -= share
            settled[index] = replace(
                movement,
                basis=share,
                taxable=movement.gross - share,
                rule=f"{movement.rule} Form 8606 {year}: line 10 = {form.part_i.line10}, "
                f"so {share:,.2f} of it is basis and {movement.gross - share:,.2f} taxable.",
            )
    return settled
