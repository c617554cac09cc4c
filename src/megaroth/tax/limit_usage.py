"""How much of each annual limit each person has used (docs/tax-rules.md, "Annual limits").

- 402(g): per person and year, pre-tax and Roth deferrals to every 401(k), 403(b) and solo
  401(k), at every employer, against the limit plus the catch-up the person may make.
- 415(c): per person, employer and year, the annual additions (deferrals without their
  catch-up part, employer money, after-tax contributions; rollovers are not additions),
  against the limit, capped at 100% of the pay recorded; the after-tax room is what is left.
  A 457(b) plan is no 415 plan: its money is never an annual addition.
- 457(b): per person and year across all 457(b) plans (IRC 457(c)), deferrals and employer
  contributions against their own limit (IRC 457(b)(2), 457(e)(15)): the 402(g) figure since
  2002, but not added to 402(g); with the age-50 catch-up of a governmental plan (IRC
  414(v)(6)(A)(iii)) and from 2025 the one at 60-63. Years before 2002 are not checked.
- IRA: per person and tax year (``tax-year`` honoured), traditional and Roth contributions
  against the IRA limit, and the Roth IRA phase-out where MAGI is recorded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from megaroth.tax.ages import age_on_dec_31
from megaroth.tax.limits import YearLimits, catch_up_for, ira_limit, limits_for, roth_allowed
from megaroth.tax.money import ZERO
from megaroth.tax.records import Contribution
from megaroth.tax.sources import PLANS_UNDER_402G, ContractKind, SourceKind

DEFERRALS = (SourceKind.PRETAX, SourceKind.ROTH)
#: What counts toward a 457(b) plan's limit: every amount deferred, the employer's included
#: (IRC 457(b)(2)).
DEFERRED_457B = (SourceKind.PRETAX, SourceKind.ROTH, SourceKind.MATCH, SourceKind.NONELECTIVE,
                 SourceKind.ROTH_EMPLOYER)  # fmt: skip
PLAN_457B = "457b"
#: Since EGTRRA (2002) the 457(e)(15) amount is the 402(g) figure; earlier years differed.
FIRST_YEAR_457B = 2002
ADDITIONS = (
    SourceKind.PRETAX,
    SourceKind.ROTH,
    SourceKind.MATCH,
    SourceKind.NONELECTIVE,
    SourceKind.ROTH_EMPLOYER,
    SourceKind.AFTER_TAX,
)


@dataclass(frozen=True)
class Magi:
    """Modified AGI and filing status (single, mfj or mfs) for the Roth IRA phase-out."""

    amount: Decimal
    filing_status: str


@dataclass(frozen=True)
class PlanMoney:
    """A contribution to a plan source, with whose and which employer's it is."""

    contribution: Contribution
    person: str
    employer: str
    plan: str
    kind: SourceKind
    plan_type: str


@dataclass(frozen=True)
class IraMoney:
    """A contribution to an IRA, with its owner."""

    contribution: Contribution
    person: str


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
    crossed_at: Contribution | None  # the contribution that crossed the limit


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
    crossed_at: Contribution | None  # the contribution that crossed the limit


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
    crossed_at: Contribution | None  # the contribution that crossed the limit
    last: Contribution | None = None


@dataclass(frozen=True)
class LimitUsage:
    deferrals: tuple[DeferralUsage, ...]
    additions: tuple[AdditionsUsage, ...]
    iras: tuple[IraUsage, ...]
    # Catch-up made as pre-tax deferrals, by person, employer and year (the 2026 Roth rule).
    pretax_catch_up: Mapping[tuple[str, str, int], Decimal]
    # 457(b) deferrals and employer contributions, per person and year: their own limit.
    deferrals_457b: tuple[DeferralUsage, ...] = ()


def limit_usage(
    plan_money: Sequence[PlanMoney],
    ira_money: Sequence[IraMoney],
    birth_dates: Mapping[str, datetime.date | None],
    compensation: Mapping[tuple[str, str, int], Decimal],
    magi: Mapping[tuple[str, int], Magi],
    configured: Mapping[int, YearLimits] | None = None,
    returned: Mapping[tuple[str, int], Decimal] | None = None,
) -> LimitUsage:
    """Every person's use of every limit, year by year.

    ``compensation`` is pay by person, employer and year; ``magi`` by person and tax year;
    ``returned`` the Roth IRA contributions returned by the due date, by person and tax year:
    they count as never made (IRC 408(d)(4); Reg. 1.408A-6 Q&A-1(d)).
    """
    deferrals, catch_up = _deferrals(birth_dates, plan_money, configured)
    in_457b = [i for i in plan_money if i.plan_type == PLAN_457B
               and i.contribution.year >= FIRST_YEAR_457B]  # fmt: skip
    deferrals_457b, catch_up_457b = _deferrals(
        birth_dates, in_457b, configured, (PLAN_457B,), DEFERRED_457B
    )
    catch_up = {**catch_up, **catch_up_457b}
    additions = _additions(
        [i for i in plan_money if i.plan_type != PLAN_457B], catch_up, compensation, configured
    )
    iras = _iras(ira_money, birth_dates, magi, configured, returned or {})
    pretax_catch_up: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)
    for item in plan_money:
        part = catch_up.get(id(item.contribution), ZERO)
        if part and item.kind is SourceKind.PRETAX:
            pretax_catch_up[item.person, item.employer, item.contribution.year] += part
    return LimitUsage(tuple(deferrals), tuple(additions), tuple(iras), dict(pretax_catch_up),
                      tuple(deferrals_457b))  # fmt: skip


def _deferrals(
    birth_dates: Mapping[str, datetime.date | None],
    money: Sequence[PlanMoney],
    configured: Mapping[int, YearLimits] | None,
    plan_types: tuple[str, ...] = PLANS_UNDER_402G,
    kinds: tuple[SourceKind, ...] = DEFERRALS,
) -> tuple[list[DeferralUsage], dict[int, Decimal]]:
    """402(g) usage (or, given 457(b) and what it counts, 457(b) usage: the same figure and
    catch-up, a limit of its own), and the catch-up part of each deferral (by id of its
    contribution)."""
    groups: dict[tuple[str, int], list[PlanMoney]] = defaultdict(list)
    for item in money:
        if item.kind in kinds and item.plan_type in plan_types:
            groups[item.person, item.contribution.year].append(item)
    usages = []
    catch_up_parts: dict[int, Decimal] = {}
    for (person, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        catch_up_limit = catch_up_for(limits, age_on_dec_31(birth_dates.get(person), year))
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
                crossed = item.contribution
        excess = max(ZERO, running - limits.elective_deferrals_402g - catch_up_limit)
        plans = tuple(sorted({i.plan for i in items}))
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
    money: Sequence[PlanMoney],
    catch_up: Mapping[int, Decimal],
    compensation: Mapping[tuple[str, str, int], Decimal],
    configured: Mapping[int, YearLimits] | None,
) -> list[AdditionsUsage]:
    groups: dict[tuple[str, str, int], list[PlanMoney]] = defaultdict(list)
    for item in money:
        if item.kind in ADDITIONS:
            groups[item.person, item.employer, item.contribution.year].append(item)
    usages = []
    for (person, employer, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        pay = compensation.get((person, employer, year))
        limit = (
            min(limits.annual_additions_415c, pay * limits.additions_pay_share)
            if pay is not None
            else limits.annual_additions_415c
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
                crossed = item.contribution
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


def _iras(
    money: Sequence[IraMoney],
    birth_dates: Mapping[str, datetime.date | None],
    magi: Mapping[tuple[str, int], Magi],
    configured: Mapping[int, YearLimits] | None,
    returned: Mapping[tuple[str, int], Decimal],
) -> list[IraUsage]:
    groups: dict[tuple[str, int], list[Contribution]] = defaultdict(list)
    for item in money:
        groups[item.person, item.contribution.tax_year].append(item.contribution)
    usages = []
    for (person, year), items in sorted(groups.items()):
        limits = limits_for(year, configured)
        limit = ira_limit(limits, age_on_dec_31(birth_dates.get(person), year))
        running = ZERO
        crossed = None
        for contribution in sorted(items, key=lambda c: c.date):
            running += contribution.amount
            if crossed is None and running > limit:
                crossed = contribution
        back = returned.get((person, year), ZERO)
        running -= back
        roth = sum((c.amount for c in items if c.contract.kind is ContractKind.ROTH_IRA), ZERO)
        roth -= back
        recorded = magi.get((person, year))
        allowed = (
            roth_allowed(limit, limits, recorded.amount, recorded.filing_status)
            if recorded
            else None
        )
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
                max(items, key=lambda c: c.date),
            )
        )
    return usages
