"""Roth IRA money coming out: the ordering rules over the year's total, Form 8606 Part III,
and every 5-year clock.

- **One Roth IRA, one year** (Reg. 1.408A-6 Q&A-9): all of a person's Roth IRAs are one; all
  of a year's distributions are added up, and the total is ordered. The regular
  contributions *for* the year (made by the return's due date, ``tax-year``) and the year's
  conversions count before it: a distribution in March sees the contribution of June.
- **Ordering** (IRC 408A(d)(4)(B); Reg. 1.408A-6 Q&A-8): regular contributions first (with
  designated Roth money rolled in that is investment in the contract, all of it when the
  plan distribution was qualified: Reg. 1.408A-10 Q&A-3); then conversions and plan rollovers,
  oldest first, each one's taxable part before its nontaxable part; then earnings. Every
  distribution, qualified or not, takes its layers in that order (Reg. 1.408A-6 Q&A-4).
- **Form 8606 Part III** (Form 8606 and its instructions, lines 19-25c): line 19 the year's
  nonqualified distributions (qualified ones, rollovers, transfers and recharacterizations
  are not distributions here; a first-home one is, and line 20 takes it back); 20 the
  first-time homebuyer expenses once the 5 years are met (at most 10,000 over a lifetime);
  21 = 19 - 20; 22 the basis in regular contributions left before the year's distributions,
  increased by designated Roth money rolled in that is investment in the contract (the line 22
  worksheet); 23 = 21 - 22; 24 the basis in conversions and plan rollovers left (the line 24
  chart: the excess of last line 24 over line 23, plus the year's conversions; not designated
  Roth money); 25a = 23 - 24 is taxable (25c, no disaster amounts on 25b). Lines 24 and 25
  are skipped (0) when line 23 is 0.
- **A contribution returned by the due date** with its earnings (IRC 408(d)(4); a corrective
  distribution) is no distribution here and the contribution counts as never made (Reg.
  1.408A-6 Q&A-1(d), Q&A-4); its earnings are taxable for the year of the contribution.
- **The 10% on conversion money** (IRC 408A(d)(3)(F)): the taxable part of a conversion or
  plan rollover taken out within its own 5 taxable years, while no exception applies (59 1/2,
  death, disability: IRC 72(t)(2)(A)), is subject to the 10% additional tax. What is
  *exposed* is counted at the end of the year asked about, never from a later ledger.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from megaroth.tax.five_year import FirstRothYears, five_year_end
from megaroth.tax.form_1099r_codes import corrective_code
from megaroth.tax.money import ZERO, cents, split_cents
from megaroth.tax.qualified import QualifiedTest
from megaroth.tax.records import Contribution, Movement, MovementKind, into
from megaroth.tax.sources import ContractKind

#: Movements into a Roth IRA that are layers of their own.
ROTH_IRA_CONVERSIONS = (MovementKind.IRA_CONVERSION, MovementKind.ROLLOVER_TO_ROTH_IRA)

#: What the clock of a person's Roth IRAs is for.
QUALIFIED_CLOCK = "Roth IRA (qualified distributions)"

#: The qualified-distribution test of a person in a year.
TestOf = Callable[[str, int], QualifiedTest]


@dataclass(frozen=True)
class Returned:
    """A contribution returned by the due date (IRC 408(d)(4)): its tax year and amount."""

    tax_year: int
    amount: Decimal


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
    # 5-year period with no exception: the amount the 10% additional tax applies to.
    early_conversion_amount: Decimal

    def lines(self) -> dict[str, Decimal]:
        return {k: v for k, v in vars(self).items() if k.startswith("line")}


NO_PART_III = PartIII(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


@dataclass(frozen=True)
class Clock:
    """A 5-year period and the money still exposed to it, at the end of the year asked."""

    person: str
    what: str
    account: str
    start_year: int
    end_year: int
    # Taxable part still inside it at the year's end, that the 10% would apply to if taken
    # out then (0 from 59 1/2, death or disability; 0 for the qualified-distribution clocks).
    exposed: Decimal
    # Of the year's distributions, what came out of its taxable part with no exception: the
    # amount the 10% additional tax applies to (IRC 408A(d)(3)(F), 402A(c)(4)(D)).
    subject_to_10_percent: Decimal = ZERO


@dataclass(frozen=True)
class RothYear:
    """One person's Roth IRAs in one year: what came in, what came out, and from where."""

    year: int
    regular: Decimal  # regular contributions for the year (made by the due date)
    designated_roth: Decimal  # investment in the contract rolled in from designated Roth
    converted: Decimal  # conversions and plan rollovers in the year
    distributed: Decimal  # the year's distributions, all added up
    qualified: Decimal  # of which qualified (not on Part III)
    contributions_before: Decimal  # basis in contributions before the distributions
    conversions_before: Decimal  # basis in conversions and rollovers before them
    from_contributions: Decimal
    from_conversions: Decimal
    # What the year's distributions took from each layer (by its place in ``layers``):
    # its taxable and nontaxable parts, and how much of the taxable part the 10% applies to.
    taken: Mapping[int, tuple[Decimal, Decimal, Decimal]]
    contributions_after: Decimal
    layers: tuple[Layer, ...]  # every layer as the year ends
    part_iii: PartIII
    # The year's distributions (indexes into the movements given) and which are qualified.
    distributions: tuple[tuple[int, bool], ...] = ()

    @property
    def from_earnings(self) -> Decimal:
        return self.distributed - self.from_contributions - self.from_conversions


@dataclass
class RothState:
    """One person's Roth IRAs through the years."""

    person: str
    contributions: Decimal = ZERO  # regular contribution basis not yet taken out (today)
    layers: list[Layer] = field(default_factory=list)  # conversions and rollovers (today)
    part_iii: dict[int, PartIII] = field(default_factory=dict)
    years: dict[int, RothYear] = field(default_factory=dict)

    def at(self, year: int) -> RothYear | None:
        """The Roth IRAs as ``year`` ends (the last year with activity up to it)."""
        known = [y for y in self.years if y <= year]
        return self.years[max(known)] if known else None


@dataclass
class _Year:
    regular: Decimal = ZERO
    designated_roth: Decimal = ZERO
    layers: list[Layer] = field(default_factory=list)
    distributions: list[tuple[int, Movement]] = field(default_factory=list)


def roth_states(
    roth_iras: Mapping[str, str | None],
    contributions: Sequence[Contribution],
    movements: Sequence[Movement],
    test_of: TestOf,
    returned: Mapping[int, Returned] | None = None,
) -> dict[str, RothState]:
    """Each person's Roth IRAs year by year: layers, Part III, what each year took.

    ``roth_iras`` is each Roth IRA account's owner; ``test_of`` the qualified-distribution
    test of a person in a year; ``returned`` the Roth IRA withdrawals (by their place in
    ``movements``) that return a contribution by the due date (IRC 408(d)(4)): no
    distributions, and the contribution counts as never made (Reg. 1.408A-6 Q&A-4).
    """
    returned = returned or {}
    years: dict[str, dict[int, _Year]] = defaultdict(lambda: defaultdict(_Year))
    for contribution in contributions:
        owner = roth_iras.get(contribution.contract.payer)
        if contribution.contract.kind is ContractKind.ROTH_IRA and owner:
            years[owner][contribution.tax_year].regular += contribution.amount
    for index, movement in enumerate(movements):
        owner = roth_iras.get(movement.payer)
        if index in returned and owner:
            years[owner][returned[index].tax_year].regular -= returned[index].amount
        elif index not in returned:
            _note(years, roth_iras, test_of, index, movement)
    return {person: _walk(person, by_year, test_of) for person, by_year in sorted(years.items())}


def _account_of(account: str, roth_iras: Mapping[str, str | None]) -> str | None:
    return next((ira for ira in roth_iras if into(account, ira)), None)


def _note(
    years: dict[str, dict[int, _Year]],
    roth_iras: Mapping[str, str | None],
    test_of: TestOf,
    index: int,
    movement: Movement,
) -> None:
    if movement.payer in roth_iras:
        owner = roth_iras[movement.payer]
        # What was put back into a Roth IRA within 60 days is no distribution (a rollover).
        if owner and movement.kind is MovementKind.DISTRIBUTION and _out(movement) > 0:
            years[owner][movement.year].distributions.append((index, movement))
        return  # a transfer between Roth IRAs (or a recharacterization) is no distribution
    destination = _account_of(movement.to_account, roth_iras)
    owner = roth_iras.get(destination) if destination else None
    if not owner:
        return
    year = years[owner][movement.year]
    if movement.kind is MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA:
        # Investment in the contract counts as regular contributions; all of a qualified
        # distribution does (Reg. 1.408A-10 Q&A-3(a)); the rest is earnings.
        test = test_of(movement.owner or owner, movement.year)
        qualified = test.designated_roth_qualified(movement.payer, movement.date)
        year.designated_roth += movement.gross if qualified else movement.basis
    elif movement.kind in ROTH_IRA_CONVERSIONS:
        year.layers.append(
            Layer(movement.date, movement.kind.value, movement.taxable,
                  movement.gross - movement.taxable, movement.five_year_end)
        )  # fmt: skip


def _walk(person: str, by_year: Mapping[int, _Year], test_of: TestOf) -> RothState:
    state = RothState(person)
    for year in sorted(by_year):
        state.years[year] = _year(state, by_year[year], year, test_of(person, year))
        state.part_iii[year] = state.years[year].part_iii
    return state


def _year(state: RothState, found: _Year, year: int, test: QualifiedTest) -> RothYear:
    """One year: its contributions and conversions in, then its distributions, all added up,
    out in the legal order."""
    state.contributions = max(ZERO, state.contributions + found.regular + found.designated_roth)
    state.layers.extend(sorted(found.layers, key=lambda layer: layer.date))
    converted = sum((layer.left for layer in found.layers), ZERO)
    contributions_before = state.contributions
    conversions_before = sum((layer.left for layer in state.layers), ZERO)
    flagged = [(i, m, test.roth_ira_qualified(m.date)) for i, m in found.distributions]
    distributed = sum((_out(m) for _, m, _ in flagged), ZERO)
    qualified = sum((_out(m) for _, m, q in flagged if q), ZERO)
    # The share of the year's distributions made with no exception to the 10%.
    early = sum((_out(m) for _, m, _ in flagged if not test.events.exception(m.date)), ZERO)
    from_contributions = min(distributed, state.contributions)
    state.contributions -= from_contributions
    left = distributed - from_contributions
    taken: dict[int, tuple[Decimal, Decimal, Decimal]] = {}
    for place, layer in enumerate(state.layers):
        if left <= 0:
            break
        taxable = min(left, layer.taxable)
        nontaxable = min(left - taxable, layer.nontaxable)
        if not taxable and not nontaxable:
            continue
        layer.taxable -= taxable
        layer.nontaxable -= nontaxable
        left -= taxable + nontaxable
        inside = (layer.five_year_end or 0) >= year
        subject = cents(taxable * early / distributed) if inside and distributed else ZERO
        taken[place] = (taxable, nontaxable, subject)
    nonqualified = distributed - qualified
    part_iii = _part_iii(
        nonqualified, test.first_home_allowance, contributions_before, conversions_before,
        sum((s for _, _, s in taken.values()), ZERO),
    )  # fmt: skip
    return RothYear(
        year=year,
        regular=found.regular,
        designated_roth=found.designated_roth,
        converted=converted,
        distributed=distributed,
        qualified=qualified,
        contributions_before=contributions_before,
        conversions_before=conversions_before,
        from_contributions=from_contributions,
        from_conversions=sum((t + n for t, n, _ in taken.values()), ZERO),
        taken=taken,
        contributions_after=state.contributions,
        layers=tuple(dataclasses.replace(layer) for layer in state.layers),
        part_iii=part_iii,
        distributions=tuple((i, q) for i, _, q in flagged),
    )


def _out(movement: Movement) -> Decimal:
    """A Roth IRA distribution less what was put back into a Roth IRA within 60 days."""
    return movement.gross - movement.rolled_over


def _part_iii(
    line19: Decimal,
    first_home: Decimal,
    contributions: Decimal,
    conversions: Decimal,
    early_conversion_amount: Decimal,
) -> PartIII:
    """Lines 19-25c as the form computes them (not completed without a line 19)."""
    if line19 <= 0:
        return dataclasses.replace(NO_PART_III, early_conversion_amount=early_conversion_amount)
    line20 = min(first_home, line19)
    line21 = max(ZERO, line19 - line20)
    line22 = contributions
    line23 = max(ZERO, line21 - line22)
    line24 = conversions if line23 else ZERO
    line25a = max(ZERO, line23 - line24)
    return PartIII(line19, line20, line21, line22, line23, line24, line25a, ZERO, line25a,
                   early_conversion_amount)  # fmt: skip


def settle_distributions(
    movements: Sequence[Movement],
    states: Mapping[str, RothState],
    returned: Mapping[int, Returned] | None = None,
) -> list[Movement]:
    """Roth IRA distributions with the figures of the year's Part III: each its share of
    the basis the year's total took out (by its gross); each nonqualified one its share of
    line 25c (by what it has beyond that basis, so the shares add up to line 25c and none is
    more than that); a qualified one nothing taxable. A returned contribution: the
    contribution is its basis, the rest its earnings, taxable; code 8 or P (with J when
    early)."""
    settled = list(movements)
    for state in states.values():
        for record in state.years.values():
            _settle_year(settled, movements, record)
    for index, back in (returned or {}).items():
        movement = movements[index]
        basis = min(back.amount, movement.gross)
        settled[index] = dataclasses.replace(
            movement,
            basis=basis,
            taxable=movement.gross - basis,
            code=corrective_code(movement.code, back.tax_year == movement.year),
            # The IRA knows the earnings it pays with the contribution: box 2a shows them.
            taxable_not_determined=False,
            rule=f"A {back.tax_year} contribution of {back.amount:,.2f} returned with its "
            f"earnings by the due date (IRC 408(d)(4)): treated as never contributed, so not "
            f"on Form 8606; the earnings, {movement.gross - basis:,.2f}, are taxable for "
            f"{back.tax_year} (IRC 408(d)(4)(C); Reg. 1.408A-6 Q&A-1(d) for a Roth IRA).",
        )
    return settled


def _settle_year(settled: list[Movement], movements: Sequence[Movement], record: RothYear) -> None:
    if not record.distributions:
        return
    indexes = [i for i, _ in record.distributions]
    basis = split_cents(record.from_contributions + record.from_conversions,
                        [_out(movements[i]) for i in indexes])  # fmt: skip
    nonqualified = [i for i, qualified in record.distributions if not qualified]
    # Line 25c over the nonqualified ones by what each has beyond its basis share (in
    # proportion to their amounts, as the basis is): the shares add up to line 25c, and none
    # is more than its distribution less its basis, even where cents round.
    beyond = {i: _out(movements[i]) - share for i, share in zip(indexes, basis, strict=True)}
    taxable = dict(zip(nonqualified, split_cents(record.part_iii.line25c,
                                                 [beyond[i] for i in nonqualified]),
                       strict=True))  # fmt: skip
    part = record.part_iii
    for index, share in zip(indexes, basis, strict=True):
        movement = movements[index]
        tax = min(taxable.get(index, ZERO), _out(movement) - share)
        rule = movement.rule
        if index in taxable:
            rule += (
                f" Form 8606 {record.year} Part III, all Roth IRA distributions of the year "
                f"together: line 19 = {part.line19:,.2f}, line 22 = {part.line22:,.2f}, line "
                f"24 = {part.line24:,.2f}, line 25c = {part.line25c:,.2f} taxable."
            )
        settled[index] = dataclasses.replace(movement, basis=share, taxable=tax, rule=rule)


def clocks(
    first_roth_years: FirstRothYears,
    plan_owners: Mapping[str, str | None],
    movements: Sequence[Movement],
    states: Mapping[str, RothState],
    year: int,
    test_of: TestOf,
) -> list[Clock]:
    """Every 5-year period running in ``year`` or later, as ``year`` ends: what is still
    exposed to the 10% and what the year's distributions took that it applies to."""
    december_31 = datetime.date(year, 12, 31)

    def exposed(person: str, amount: Decimal) -> Decimal:
        return ZERO if test_of(person, year).events.exception(december_31) else amount

    result = []
    accounts = [(person, "", first) for person, first in first_roth_years.roth_iras.items()]
    accounts += [
        (plan_owners.get(plan) or "", plan, first)
        for plan, first in first_roth_years.plans.items()
        if plan in plan_owners
    ]
    # The plans by account, then each person's Roth IRA.
    for person, plan, first in sorted(accounts, key=lambda a: (not a[1], a[1] or a[0])):
        if first <= year:
            what = "designated Roth account (box 11)" if plan else QUALIFIED_CLOCK
            result.append(Clock(person, what, plan, first, five_year_end(first), ZERO))
    result += _irr_clocks(movements, year, test_of, exposed)
    for person, state in sorted(states.items()):
        record = state.at(year)
        if record is None:
            continue
        taken = record.taken if record.year == year else {}
        for place, layer in enumerate(record.layers):
            if layer.five_year_end:
                subject = taken.get(place, (ZERO, ZERO, ZERO))[2]
                result.append(Clock(person, f"{layer.kind} of {layer.date}", "", layer.date.year,
                                    layer.five_year_end, exposed(person, layer.taxable),
                                    subject))  # fmt: skip
    return [c for c in result if c.end_year >= year]


def _irr_clocks(
    movements: Sequence[Movement],
    year: int,
    test_of: TestOf,
    exposed: Callable[[str, Decimal], Decimal],
) -> list[Clock]:
    """One clock per plan and year of in-plan Roth rollovers (automatic conversions make
    hundreds a year, and each year's share one 5-year period).

    Exposed: the taxable part of the year's rollovers (a designated Roth account comes out
    pro rata, so it is not reduced). Subject to the 10%: of the year's early designated Roth
    distributions, the part from that year's rollovers (box 10) times their taxable share
    (IRC 402A(c)(4)(D); the reading of box 10, not verified).
    """
    irr: dict[tuple[str, str, int], tuple[Decimal, Decimal]] = {}
    for movement in movements:
        if (movement.kind is MovementKind.IN_PLAN_ROTH_ROLLOVER and movement.five_year_end
                and movement.year <= year):  # fmt: skip
            key = (movement.owner or "", movement.payer, movement.year)
            gross, taxable = irr.get(key, (ZERO, ZERO))
            irr[key] = (gross + movement.gross, taxable + movement.taxable)
    out: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)
    for movement in movements:
        if movement.year != year or movement.kind is not MovementKind.DISTRIBUTION:
            continue
        if movement.first_roth_year is None:
            continue  # not designated Roth money
        if test_of(movement.owner or "", year).events.exception(movement.date):
            continue
        if "2" in movement.code:
            continue  # a known exception: separation from service at 55 (IRC 72(t)(2)(A)(v))
        for lot in movement.lots:
            if lot.origin == MovementKind.IN_PLAN_ROTH_ROLLOVER:
                out[movement.owner or "", movement.payer, lot.date.year] += lot.contributed
    clocks = []
    for (owner, plan, start), (gross, taxable) in sorted(irr.items()):
        subject = cents(out[owner, plan, start] * taxable / gross) if gross else ZERO
        clocks.append(Clock(owner, f"in-plan Roth rollovers of {start}", plan, start,
                            five_year_end(start), exposed(owner, taxable), subject))  # fmt: skip
    return clocks
