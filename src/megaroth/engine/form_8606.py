"""Each person's Form 8606, year by year, from the ledger: what the rules of
:mod:`megaroth.tax.form_8606` need, gathered once.

A person gets a form for every year from their first nondeductible contribution, IRA
distribution or conversion, after-tax plan money rolled into a traditional IRA, or declared
basis, to their last: the basis carries through the years between. After-tax money rolled in
is basis from that day (Form 8606 instructions, line 2), even in a year with nothing else.
Line 6 is the Dec 31 value of all their traditional, SEP and SIMPLE IRAs, plus the rollovers
outstanding then (paid out of them in the year, put back into one after December 31 within
the 60 days); line 7 leaves out what was rolled over (Form 8606 instructions, lines 6 and 7).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from megaroth.engine.book import BasisResult
from megaroth.engine.values import AccountValue, ira_year_end_values
from megaroth.ledger.household import Household
from megaroth.ledger.view import LedgerView
from megaroth.tax.form_8606 import Form8606, YearActivity, forms_8606
from megaroth.tax.money import ZERO
from megaroth.tax.records import Contribution, Movement, MovementKind, Rollover, into
from megaroth.tax.roth_ira import Returned
from megaroth.tax.sources import IraType


def all_forms_8606(
    ledger: LedgerView,
    household: Household,
    basis: BasisResult,
    currency: str,
    places: int,
    declared: Mapping[tuple[str, int], Decimal],
    returned: Mapping[int, Returned] | None = None,
) -> list[Form8606]:
    """Parts I and II of every person's Form 8606, year by year, basis carried forward.

    ``returned``: the traditional IRA withdrawals (by their place in the movements) that
    return a contribution by the due date (IRC 408(d)(4)): no distribution on line 7, and the
    contribution, never made, not on line 1 (Form 8606 instructions, lines 1 and 7)."""
    traditional = {i.account for i in household.iras.values() if i.ira_type is not IraType.ROTH}
    excluded = {id(basis.movements[i]) for i in returned or {}}
    taken_back: dict[tuple[str | None, int], Decimal] = defaultdict(Decimal)
    for index, back in (returned or {}).items():
        if basis.movements[index].payer in traditional:
            taken_back[basis.movements[index].owner, back.tax_year] += back.amount
    nondeductible = [
        c for c in basis.contributions if c.contract.payer in traditional and c.basis > 0
    ]
    by_year: dict[int, list[Movement]] = defaultdict(list)
    for movement in basis.movements:
        by_year[movement.year].append(movement)
    people = sorted({ira.owner for ira in household.iras.values() if ira.owner})
    owned = {p: {i.account for i in household.iras_of(p)} & traditional for p in people}
    years = {p: _years(p, owned[p], nondeductible, basis.movements, declared) for p in people}
    year_ends = ira_year_end_values(
        ledger, household, currency, {y for person_years in years.values() for y in person_years}
    )
    forms = []
    for person in people:
        activity = [
            _activity(household, year_ends, [m for m in by_year[year] if id(m) not in excluded],
                      person, year, owned[person], nondeductible, basis.rollovers,
                      taken_back[person, year])
            for year in years[person]
        ]  # fmt: skip
        mine = {year: amount for (who, year), amount in declared.items() if who == person}
        forms += forms_8606(person, activity, mine, places)
    return forms


def _years(
    person: str,
    owned: set[str],
    nondeductible: list[Contribution],
    movements: Sequence[Movement],
    declared: Mapping[tuple[str, int], Decimal],
) -> list[int]:
    years = {c.tax_year for c in nondeductible if c.contract.payer in owned}
    years |= {m.year for m in movements if m.payer in owned}
    years |= {m.year for m in movements if _rolled_in(m, owned) and m.basis > 0}
    years |= {year + 1 for (who, year) in declared if who == person}
    if not years:
        return []
    return list(range(min(years), max(years) + 1))


def _activity(
    household: Household,
    year_ends: Mapping[tuple[str, int], AccountValue],
    movements: Sequence[Movement],
    person: str,
    year: int,
    owned: set[str],
    nondeductible: list[Contribution],
    rollovers: Sequence[Rollover] = (),
    taken_back: Decimal = ZERO,
) -> YearActivity:
    mine = [c for c in nondeductible if c.contract.payer in owned and c.tax_year == year]
    outstanding = [
        r for r in rollovers
        if r.payer in owned and r.distributed.year == year and r.redeposited is not None
        and r.redeposited.year > year and r.kind is not MovementKind.IRA_CONVERSION
    ]  # fmt: skip
    out = [m for m in movements if m.payer in owned]
    rolled_in = [m for m in movements if _rolled_in(m, owned)]
    values = [v for (account, when), v in year_ends.items()
              if when == year and _ira_of(household, account) in owned]  # fmt: skip
    return YearActivity(
        year=year,
        nondeductible=max(ZERO, _sum(c.amount for c in mine) - taken_back),
        made_next_year=_sum(c.amount for c in mine if c.year > year),
        rolled_in_basis=_sum(m.basis for m in rolled_in),
        year_end_value=_sum(v.value for v in values) + _sum(r.amount for r in outstanding),
        distributions=_sum(
            m.gross - m.rolled_over for m in out if m.kind is MovementKind.DISTRIBUTION
        ),
        converted=_sum(m.gross for m in out if m.kind is MovementKind.IRA_CONVERSION),
        unpriced=tuple(f"{v.account} ({amount})" for v in values for amount in v.unpriced),
    )


def _rolled_in(movement: Movement, owned: set[str]) -> bool:
    """Plan money rolled into one of ``owned`` traditional IRAs (its basis is line 2's)."""
    return movement.kind is MovementKind.ROLLOVER_TO_IRA and any(
        into(movement.to_account, ira) for ira in owned
    )


def _ira_of(household: Household, account: str) -> str | None:
    ira = household.ira_of(account)
    return ira.account if ira else None


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)
