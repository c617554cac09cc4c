"""How much of each annual limit each person has used (TAX_RULES.md sections 1-2).

- 402(g): per person and year, pre-tax and Roth deferrals to every 401(k), 403(b) and solo
  401(k), at every employer, against the limit plus the catch-up the person may make.
- 415(c): per person, employer and year, the annual additions (deferrals without their
  catch-up part, employer money, after-tax contributions; rollovers are not additions),
  against the limit, capped at 100% of the pay recorded; the after-tax room is what is left.
- IRA: per person and tax year (``tax-year`` honoured), traditional and Roth contributions
  against the IRA limit, and the Roth IRA phase-out where MAGI is recorded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from beancount.core import data

from megaroth.plugins.declarations import Declarations
from megaroth.plugins.engine import BasisResult, Contribution
from megaroth.plugins.flows import ContractKind
from megaroth.plugins.household import Household
from megaroth.plugins.kinds import SourceKind
from megaroth.plugins.limits_table import MFS_PHASE_OUT, YearLimits, limits_for
from megaroth.plugins.pools import ZERO

DEFERRALS = (SourceKind.PRETAX, SourceKind.ROTH)
ADDITIONS = (
    SourceKind.PRETAX,
    SourceKind.ROTH,
    SourceKind.MATCH,
    SourceKind.NONELECTIVE,
    SourceKind.ROTH_EMPLOYER,
    SourceKind.AFTER_TAX,
)
# 457(b) deferrals have their own limit (IRC 457(e)(15)): not added to 402(g).
PLANS_UNDER_402G = ("401k", "403b", "solo401k")
TAX_YEAR_KEY = "tax-year"


@dataclass(frozen=True)
class DeferralUsage:
    """402(g) for one person and year."""

    person: str
    year: int
    limit: Decimal
    catch_up_limit: Decimal
    deferrals: Decimal
    excess: Decimal
    plans: tuple[str, ...]
    limits_source: str
    crossed_at: data.Transaction | None


@dataclass(frozen=True)
class AdditionsUsage:
    """415(c) for one person, employer and year."""

    person: str
    employer: str
    year: int
    limit: Decimal
    statutory_limit: Decimal
    compensation: Decimal | None
    annual_additions: Decimal
    after_tax: Decimal
    catch_up_excluded: Decimal
    after_tax_room: Decimal
    excess: Decimal
    limits_source: str
    crossed_at: data.Transaction | None


@dataclass(frozen=True)
class IraUsage:
    """IRA contributions for one person and tax year."""

    person: str
    year: int
    limit: Decimal
    contributions: Decimal
    roth_contributions: Decimal
    excess: Decimal
    roth_allowed: Decimal | None
    limits_source: str
    crossed_at: data.Transaction | None
    last_entry: data.Transaction | None = None


@dataclass(frozen=True)
class LimitUsage:
    deferrals: tuple[DeferralUsage, ...]
    additions: tuple[AdditionsUsage, ...]
    iras: tuple[IraUsage, ...]
    # Catch-up made as pre-tax deferrals, by person, employer and year (the 2026 Roth rule).
    pretax_catch_up: Mapping[tuple[str, str, int], Decimal]


@dataclass(frozen=True)
class _PlanMoney:
    contribution: Contribution
    person: str
    employer: str
    kind: SourceKind
    plan_type: str


def limit_usage(
    household: Household,
    basis: BasisResult,
    declarations: Declarations,
    configured: Mapping[int, YearLimits] | None = None,
) -> LimitUsage:
    """Every person's use of every limit, year by year."""
    plan_money = _plan_money(household, basis)
    deferrals, catch_up = _deferrals(household, plan_money, configured)
    additions = _additions(plan_money, catch_up, declarations, configured)
    iras = _iras(household, basis, declarations, configured)
    pretax_catch_up: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)
    for item in plan_money:
        part = catch_up.get(id(item.contribution), ZERO)
        if part and item.kind is SourceKind.PRETAX:
            pretax_catch_up[item.person, item.employer, item.contribution.year] += part
    return LimitUsage(tuple(deferrals), tuple(additions), tuple(iras), dict(pretax_catch_up))


def age_on_dec_31(birth_date: datetime.date | None, year: int) -> int | None:
    return None if birth_date is None else year - birth_date.year


def catch_up_for(limits: YearLimits, age: int | None) -> Decimal:
    """The catch-up someone of ``age`` (on Dec 31) may add to the 402(g) limit."""
    if age is None or age < 50:
        return ZERO
    if limits.catch_up_60_63 is not None and 60 <= age <= 63:
        return limits.catch_up_60_63
    return limits.catch_up_50


def _plan_money(household: Household, basis: BasisResult) -> list[_PlanMoney]:
    money = []
    for contribution in basis.contributions:
        source = household.sources.get(contribution.account)
        if source is None:
            continue
        plan = household.plans[source.plan]
        money.append(
            _PlanMoney(
                contribution, plan.owner or "", plan.employer or "", source.kind, plan.plan_type
            )
        )
    return money


def _deferrals(
    household: Household,
    money: list[_PlanMoney],
    configured: Mapping[int, YearLimits] | None,
) -> tuple[list[DeferralUsage], dict[int, Decimal]]:
    """402(g) usage, and the catch-up part of each deferral (by id of its contribution)."""
    groups: dict[tuple[str, int], list[_PlanMoney]] = defaultdict(list)
    for item in money:
        if item.kind in DEFERRALS and item.plan_type in PLANS_UNDER_402G:
            groups[item.person, item.contribution.year].append(item)
    usages = []
    catch_up_parts: dict[int, Decimal] = {}
    for (person, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        birth = household.people[person].birth_date if person in household.people else None
        catch_up_limit = catch_up_for(limits, age_on_dec_31(birth, year))
        running = ZERO
        crossed = None
        for item in sorted(items, key=lambda i: i.contribution.date):
            before = running
            running += item.contribution.amount
            over_base = max(ZERO, running - limits.elective_deferrals_402g)
            part = min(over_base, catch_up_limit) - min(
                max(ZERO, before - limits.elective_deferrals_402g), catch_up_limit
            )
            catch_up_parts[id(item.contribution)] = part
            if crossed is None and running > limits.elective_deferrals_402g + catch_up_limit:
                crossed = item.contribution.entry
        excess = max(ZERO, running - limits.elective_deferrals_402g - catch_up_limit)
        plans = tuple(sorted({household.sources[i.contribution.account].plan for i in items}))
        usages.append(
            DeferralUsage(
                person,
                year,
                limits.elective_deferrals_402g,
                catch_up_limit,
                running,
                excess,
                plans,
                limits.source,
                crossed,
            )
        )
    return usages, catch_up_parts


def _additions(
    money: list[_PlanMoney],
    catch_up: Mapping[int, Decimal],
    declarations: Declarations,
    configured: Mapping[int, YearLimits] | None,
) -> list[AdditionsUsage]:
    groups: dict[tuple[str, str, int], list[_PlanMoney]] = defaultdict(list)
    for item in money:
        if item.kind in ADDITIONS:
            groups[item.person, item.employer, item.contribution.year].append(item)
    usages = []
    for (person, employer, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        pay = declarations.compensation.get((person, employer, year))
        limit = (
            min(limits.annual_additions_415c, pay)
            if pay is not None
            else (limits.annual_additions_415c)
        )
        running = excluded = after_tax = ZERO
        crossed = None
        for item in sorted(items, key=lambda i: i.contribution.date):
            part = catch_up.get(id(item.contribution), ZERO)
            excluded += part
            running += item.contribution.amount - part
            if item.kind is SourceKind.AFTER_TAX:
                after_tax += item.contribution.amount
            if crossed is None and running > limit:
                crossed = item.contribution.entry
        usages.append(
            AdditionsUsage(
                person,
                employer,
                year,
                limit,
                limits.annual_additions_415c,
                pay,
                running,
                after_tax,
                excluded,
                max(ZERO, limit - running),
                max(ZERO, running - limit),
                limits.source,
                crossed,
            )
        )
    return usages


def tax_year_of(contribution: Contribution) -> int:
    """The tax year an IRA contribution is for: its ``tax-year``, else its date's year."""
    for meta in (contribution.entry.meta, *(p.meta or {} for p in contribution.entry.postings)):
        value = meta.get(TAX_YEAR_KEY)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return int(value)
    return contribution.year


def _iras(
    household: Household,
    basis: BasisResult,
    declarations: Declarations,
    configured: Mapping[int, YearLimits] | None,
) -> list[IraUsage]:
    groups: dict[tuple[str, int], list[Contribution]] = defaultdict(list)
    for contribution in basis.contributions:
        kind = contribution.contract.kind
        if kind not in (ContractKind.TRADITIONAL_IRA, ContractKind.ROTH_IRA):
            continue
        ira = household.iras[contribution.contract.payer]
        if ira.owner:
            groups[ira.owner, tax_year_of(contribution)].append(contribution)
    usages = []
    for (person, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        birth = household.people[person].birth_date if person in household.people else None
        age = age_on_dec_31(birth, year)
        limit = limits.ira + (limits.ira_catch_up if age is not None and age >= 50 else ZERO)
        running = ZERO
        crossed = None
        for item in sorted(items, key=lambda c: c.date):
            running += item.amount
            if crossed is None and running > limit:
                crossed = item.entry
        roth = sum((c.amount for c in items if c.contract.kind is ContractKind.ROTH_IRA), ZERO)
        magi = declarations.magi.get((person, year))
        allowed = roth_allowed(limit, limits, magi.amount, magi.filing_status) if magi else None
        usages.append(
            IraUsage(
                person,
                year,
                limit,
                running,
                roth,
                max(ZERO, running - limit),
                allowed,
                limits.source,
                crossed,
                max(items, key=lambda c: c.date).entry,
            )
        )
    return usages


def roth_allowed(limit: Decimal, limits: YearLimits, magi: Decimal, status: str) -> Decimal:
    """The most one may contribute to a Roth IRA at this MAGI (Pub 590-A worksheet 2-2)."""
    low, high = {
        "single": limits.roth_phase_out_single,
        "mfj": limits.roth_phase_out_joint,
        "mfs": MFS_PHASE_OUT,
    }[status]
    if magi <= low:
        return limit
    if magi >= high:
        return ZERO
    reduced = limit - limit * (magi - low) / (high - low)
    # Rounded up to the next $10, and at least $200 while any is allowed.
    allowed = (reduced / 10).to_integral_value(rounding=ROUND_CEILING) * 10
    return max(allowed, Decimal(200)).quantize(Decimal("0.01"))
