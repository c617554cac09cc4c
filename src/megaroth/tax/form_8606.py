"""Form 8606 Parts I and II, and the taxable part of each IRA conversion they decide.

Part I follows nondeductible traditional IRA basis through the pro-rata rule over ALL of a
person's traditional, SEP and SIMPLE IRAs (IRC 408(d)(2)): line 10 = basis / (Dec 31 value +
distributions + conversions). Part II is the taxable part of conversions (line 18). Plan
money never enters the form. Line 10 is rounded to a configurable number of places (default
8, never fewer than 3), and basis is never carried negative (docs/tax-rules.md, "Form 8606").
Part III (Roth IRA distributions) is :mod:`megaroth.tax.roth_ira`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Movement, MovementKind

DEFAULT_PLACES = 8
MINIMUM_PLACES = 3


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


@dataclass(frozen=True)
class YearActivity:
    """What one person's traditional, SEP and SIMPLE IRAs saw in one tax year."""

    year: int
    nondeductible: Decimal  # line 1: nondeductible contributions for the year
    made_next_year: Decimal  # line 4: of those, made Jan 1 - Apr 15 of the next year
    rolled_in_basis: Decimal  # after-tax plan money rolled in: basis from that day (line 2)
    year_end_value: Decimal  # line 6: value on Dec 31
    distributions: Decimal  # line 7: distributions other than conversions
    converted: Decimal  # line 8: net amount converted to Roth
    unpriced: tuple[str, ...] = ()  # holdings line 6 had no price for


def forms_8606(
    person: str,
    years: Sequence[YearActivity],
    declared: Mapping[int, Decimal],
    places: int = DEFAULT_PLACES,
) -> list[Form8606]:
    """One person's forms, year by year, each year's line 14 carried to the next line 2.

    ``declared`` is line 14 of years before the ledger (or a correction), by year: it
    replaces what the ledger carries into the year after.
    """
    forms = []
    carried = ZERO
    for activity in years:
        carried = declared.get(activity.year - 1, carried)
        forms.append(form_8606(person, activity, carried, places))
        carried = forms[-1].part_i.line14
    return forms


def form_8606(person: str, activity: YearActivity, carried: Decimal, places: int) -> Form8606:
    """Parts I and II for one year, from the basis carried in (last year's line 14)."""
    places = max(places, MINIMUM_PLACES)
    line1 = activity.nondeductible
    line2 = carried + activity.rolled_in_basis
    line3 = line1 + line2
    line4 = activity.made_next_year
    line5 = line3 - line4
    line6, line7, line8 = activity.year_end_value, activity.distributions, activity.converted
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
    return Form8606(
        person, activity.year, part_i, line8, line11, line8 - line11, places, activity.unpriced
    )


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
