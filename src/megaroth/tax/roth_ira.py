"""Roth IRA basis in layers, the ordering rules, Form 8606 Part III, and every 5-year clock.

Layers (IRC 408A(d)(4)(B)): regular contributions first (with designated Roth basis rolled
in), then each conversion and plan rollover, oldest first, its taxable part before its
nontaxable part, then earnings. A distribution takes them in that order. A conversion's
taxable part taken out within its 5-year period (the year of the conversion and the four
after) before age 59 1/2 may owe the 10% additional tax (408A(d)(3)(F)).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from megaroth.tax.ages import is_59_and_a_half
from megaroth.tax.five_year import FirstRothYears, five_year_end
from megaroth.tax.money import ZERO
from megaroth.tax.records import Contribution, Movement, MovementKind, into
from megaroth.tax.sources import ContractKind

#: Movements into a Roth IRA that are layers of their own.
ROTH_IRA_CONVERSIONS = (MovementKind.IRA_CONVERSION, MovementKind.ROLLOVER_TO_ROTH_IRA)


@dataclass
class Layer:
    """Money that came into a person's Roth IRAs, and how much of it is left."""

    date: datetime.date
    kind: str  # "contributions" or the movement kind
    taxable: Decimal  # taxed when it came in (conversions, rollovers)
    nontaxable: Decimal
    five_year_end: int | None

    @property
    def left(self) -> Decimal:
        return self.taxable + self.nontaxable


@dataclass(frozen=True)
class PartIII:
    """Form 8606 lines 19-25c for one person and year."""

    line19: Decimal
    line20: Decimal
    line21: Decimal
    line22: Decimal
    line23: Decimal
    line24: Decimal
    line25a: Decimal
    line25b: Decimal
    line25c: Decimal
    # What of the year's distributions came from conversion taxable parts inside their
    # 5-year period while under 59 1/2: the amount the 10% additional tax may apply to.
    early_conversion_amount: Decimal

    def lines(self) -> dict[str, Decimal]:
        return {k: v for k, v in vars(self).items() if k.startswith("line")}


@dataclass(frozen=True)
class Clock:
    """A 5-year period and the money still exposed to it."""

    person: str
    what: str
    account: str
    start_year: int
    end_year: int
    exposed: Decimal  # taxable part still inside it (10% if taken out early); 0 for accounts


@dataclass
class RothState:
    person: str
    contributions: Decimal = ZERO  # regular contribution basis not yet taken out
    layers: list[Layer] = field(default_factory=list)
    part_iii: dict[int, PartIII] = field(default_factory=dict)
    # Per year: contributions and conversions in, and what distributions took from each.
    contributed: dict[int, Decimal] = field(default_factory=dict)
    converted: dict[int, Decimal] = field(default_factory=dict)
    taken: dict[int, tuple[Decimal, Decimal, Decimal, Decimal]] = field(default_factory=dict)

    def add_contribution(self, year: int, amount: Decimal) -> None:
        self.contributions += amount
        self.contributed[year] = self.contributed.get(year, ZERO) + amount


def roth_states(
    roth_iras: Mapping[str, str | None],
    birth_dates: Mapping[str, datetime.date | None],
    contributions: Sequence[Contribution],
    movements: Sequence[Movement],
) -> dict[str, RothState]:
    """Each person's Roth IRA layers after every distribution, and Part III per year.

    ``roth_iras`` is each Roth IRA account's owner.
    """
    states: dict[str, RothState] = {}
    events: list[tuple[datetime.date, int, Contribution | Movement]] = []
    for contribution in contributions:
        if contribution.contract.kind is ContractKind.ROTH_IRA:
            events.append((contribution.date, 0, contribution))
    for movement in movements:
        if _account_of(movement.to_account, roth_iras) or movement.payer in roth_iras:
            events.append((movement.date, 1, movement))
    for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(event, Movement):
            _movement(birth_dates, states, roth_iras, event)
            continue
        owner = roth_iras.get(event.contract.payer)
        if owner:
            states.setdefault(owner, RothState(owner)).add_contribution(
                event.tax_year, event.amount
            )
    for state in states.values():
        state.part_iii = {year: _part_iii(state, year) for year in sorted(state.taken)}
    return states


def _account_of(account: str, roth_iras: Mapping[str, str | None]) -> str | None:
    return next((ira for ira in roth_iras if into(account, ira)), None)


def _movement(
    birth_dates: Mapping[str, datetime.date | None],
    states: dict[str, RothState],
    roth_iras: Mapping[str, str | None],
    movement: Movement,
) -> None:
    destination = _account_of(movement.to_account, roth_iras)
    if destination and movement.payer not in roth_iras:
        owner = roth_iras[destination] or ""
        state = states.setdefault(owner, RothState(owner))
        if movement.kind is MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA:
            # Designated Roth basis rolled in counts as contributions (Reg. 1.408A-10).
            state.add_contribution(movement.year, movement.basis)
        elif movement.kind in ROTH_IRA_CONVERSIONS:
            state.layers.append(
                Layer(movement.date, movement.kind.value, movement.taxable,
                      movement.gross - movement.taxable, movement.five_year_end)
            )  # fmt: skip
            state.converted[movement.year] = (
                state.converted.get(movement.year, ZERO) + movement.gross
            )
        return
    if movement.payer in roth_iras and movement.kind is MovementKind.DISTRIBUTION:
        owner = roth_iras[movement.payer] or ""
        state = states.setdefault(owner, RothState(owner))
        _distribute(state, movement, is_59_and_a_half(birth_dates.get(owner), movement.date))


def _distribute(state: RothState, movement: Movement, over_59_half: bool) -> None:
    """Take a distribution out in the legal order, noting what each layer gave."""
    amount = movement.gross
    year = movement.year
    from_contributions = min(amount, state.contributions)
    state.contributions -= from_contributions
    left = amount - from_contributions
    from_conversions = early = ZERO
    for layer in state.layers:
        for part in ("taxable", "nontaxable"):
            take = min(left, getattr(layer, part))
            if take:
                setattr(layer, part, getattr(layer, part) - take)
                left -= take
                from_conversions += take
                if part == "taxable" and not over_59_half and (layer.five_year_end or 0) >= year:
                    early += take
    nonqualified = amount if movement.code != "Q" else ZERO
    before = state.taken.get(year, (ZERO, ZERO, ZERO, ZERO))
    state.taken[year] = (
        before[0] + nonqualified,
        before[1] + from_contributions,
        before[2] + from_conversions,
        before[3] + early,
    )


def _part_iii(state: RothState, year: int) -> PartIII:
    line19 = state.taken[year][0]
    earlier = [y for y in state.taken if y < year]
    line22 = sum((v for y, v in state.contributed.items() if y <= year), ZERO) - sum(
        (state.taken[y][1] for y in earlier), ZERO
    )
    line24 = sum((v for y, v in state.converted.items() if y <= year), ZERO) - sum(
        (state.taken[y][2] for y in earlier), ZERO
    )
    line23 = max(ZERO, line19 - line22)
    line25a = max(ZERO, line23 - line24)
    return PartIII(line19, ZERO, line19, line22, line23, line24 if line23 else ZERO, line25a,
                   ZERO, line25a, state.taken[year][3])  # fmt: skip


def clocks(
    first_roth_years: FirstRothYears,
    plan_owners: Mapping[str, str | None],
    movements: Sequence[Movement],
    states: Mapping[str, RothState],
    today: int,
) -> list[Clock]:
    """Every 5-year period still running (or ending) in ``today``'s year or later."""
    result = []
    accounts = [(person, "", year) for person, year in first_roth_years.roth_iras.items()]
    accounts += [
        (plan_owners.get(plan) or "", plan, year)
        for plan, year in first_roth_years.plans.items()
        if plan in plan_owners
    ]
    for person, plan, first_year in sorted(accounts, key=lambda a: a[1] or "roth-ira:" + a[0]):
        what = "designated Roth account (box 11)" if plan else "Roth IRA (qualified distributions)"
        result.append(Clock(person, what, plan, first_year, five_year_end(first_year), ZERO))
    # One clock per plan and year for in-plan Roth rollovers: automatic conversions make
    # hundreds a year, and each year's share one 5-year period.
    irr: dict[tuple[str, str, int], Decimal] = {}
    for movement in movements:
        if movement.kind is MovementKind.IN_PLAN_ROTH_ROLLOVER and movement.five_year_end:
            key = (movement.owner or "", movement.payer, movement.year)
            irr[key] = irr.get(key, ZERO) + movement.taxable
    for (owner, plan, year), taxable in sorted(irr.items()):
        result.append(Clock(owner, f"in-plan Roth rollovers of {year}", plan, year,
                            five_year_end(year), taxable))  # fmt: skip
    for person, state in sorted(states.items()):
        for layer in state.layers:
            if layer.five_year_end:
                what = f"{layer.kind} of {layer.date}"
                clock = Clock(person, what, "", layer.date.year, layer.five_year_end, layer.taxable)
                result.append(clock)
    return [c for c in result if c.end_year >= today]
