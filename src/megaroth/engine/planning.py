"""The after-tax room planner fed from the analysis: each person's paychecks of a year, by
employer, for :func:`megaroth.tax.planner.plan_year`.

A payday is a day employee money (pre-tax, Roth or after-tax) reached one of the employer's
plans; employer money (match, non-elective, Roth employer) counts with the payday on or
before it. 457(b) plans are left out: they are no 415 plans.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal

from megaroth.engine.analysis import Analysis
from megaroth.engine.figures import person_limits
from megaroth.ledger.household import Plan
from megaroth.tax.limit_usage import ADDITIONS, PLAN_457B
from megaroth.tax.limits import limits_for
from megaroth.tax.money import ZERO
from megaroth.tax.planner import (
    Paycheck,
    Payroll,
    PersonPlan,
    PersonYear,
    detect_schedule,
    plan_year,
    schedule_of,
)
from megaroth.tax.records import Contribution
from megaroth.tax.sources import SourceKind

EMPLOYEE = (SourceKind.PRETAX, SourceKind.ROTH, SourceKind.AFTER_TAX)
DEFERRALS = (SourceKind.PRETAX, SourceKind.ROTH)


def plan_person(analysis: Analysis, person: str, year: int) -> PersonPlan | None:
    """The planner's figures for ``person`` in ``year``; None without plan contributions."""
    household = analysis.household
    plans = [p for p in household.plans_of(person) if p.plan_type != PLAN_457B]
    by_employer: dict[str, list[Plan]] = defaultdict(list)
    for plan in plans:
        by_employer[plan.employer or plan.account].append(plan)
    money: dict[str, list[tuple[Contribution, SourceKind]]] = defaultdict(list)
    for contribution in analysis.basis.contributions:
        source = household.sources.get(contribution.account)
        if source is None or contribution.year != year or source.kind not in ADDITIONS:
            continue
        plan = household.plans[source.plan]
        if plan.owner == person and plan.plan_type != PLAN_457B:
            money[plan.employer or plan.account].append((contribution, source.kind))
    if not money:
        return None
    limits = limits_for(year, analysis.settings.limits)
    usage = person_limits(analysis, person, year)
    deferrals = usage.deferrals
    additions = {a.employer: a for a in usage.additions}
    payrolls = []
    for employer in sorted(money):
        employer_plans = by_employer[employer]
        paychecks = _paychecks(money[employer])
        days = [p.date for p in paychecks]
        declared = next((analysis.payroll.plans[p.account].schedule for p in employer_plans
                         if p.account in analysis.payroll.plans
                         and analysis.payroll.plans[p.account].schedule), None)  # fmt: skip
        kind = declared or detect_schedule(days)
        schedule = schedule_of(kind, days) if kind else None
        formula = next((analysis.payroll.plans[p.account].formula for p in employer_plans
                        if p.account in analysis.payroll.plans
                        and analysis.payroll.plans[p.account].formula), None)  # fmt: skip
        salary = analysis.payroll.salaries.get((person, employer), ())
        payroll = Payroll(
            employer=employer,
            plans=tuple(p.account for p in employer_plans),
            has_after_tax=any(
                s.kind is SourceKind.AFTER_TAX
                for p in employer_plans
                for s in household.sources_of(p.account)
            ),
            paychecks=(),
            schedule=schedule,
            schedule_declared=declared is not None,
            formula=formula,
            salary=tuple(salary),
            compensation=analysis.facts.compensation.get((person, employer, year)),
            additions_so_far=additions[employer].annual_additions
            if employer in additions
            else ZERO,
            limit_415c=limits.annual_additions_415c,
            pay_share_415c=limits.additions_pay_share,
            cap_401a17=limits.compensation_401a17,
        )
        priced = tuple(
            Paycheck(
                p.date, p.deferrals, p.after_tax, p.match, p.other_employer, payroll.pay_on(p.date)
            )
            for p in paychecks
        )
        payrolls.append(_replace_paychecks(payroll, priced))
    as_of = max(c.date for items in money.values() for c, _ in items)
    reached = _reached(analysis, person, year, deferrals.limit + deferrals.catch_up_limit)
    who = PersonYear(person, year, as_of, deferrals.limit, deferrals.catch_up_limit,
                     deferrals.deferrals, reached)  # fmt: skip
    return plan_year(who, payrolls)


def _replace_paychecks(payroll: Payroll, paychecks: tuple[Paycheck, ...]) -> Payroll:
    return dataclasses.replace(payroll, paychecks=paychecks)


def _paychecks(items: list[tuple[Contribution, SourceKind]]) -> list[Paycheck]:
    """The year's contributions to one employer's plans, by payday."""
    employee_days = sorted({c.date for c, kind in items if kind in EMPLOYEE})
    days = employee_days or sorted({c.date for c, _ in items})
    sums: dict[datetime.date, dict[str, Decimal]] = {d: defaultdict(Decimal) for d in days}
    for contribution, kind in items:
        day = max((d for d in days if d <= contribution.date), default=days[0])
        if kind not in ADDITIONS:
            continue
        if kind in DEFERRALS:
            field = "deferrals"
        elif kind is SourceKind.AFTER_TAX:
            field = "after_tax"
        elif kind is SourceKind.MATCH:
            field = "match"
        else:
            field = "other"
        sums[day][field] += contribution.amount
    return [
        Paycheck(d, s["deferrals"], s["after_tax"], s["match"], s["other"])
        for d, s in sorted(sums.items())
    ]


def _reached(analysis: Analysis, person: str, year: int, limit: Decimal) -> datetime.date | None:
    """The day ``person``'s deferrals of ``year``, across all plans, reached ``limit``."""
    household = analysis.household
    running = ZERO
    for contribution in sorted(analysis.basis.contributions, key=lambda c: c.date):
        source = household.sources.get(contribution.account)
        if source is None or contribution.year != year or source.kind not in DEFERRALS:
            continue
        plan = household.plans[source.plan]
        if plan.owner != person or plan.plan_type == PLAN_457B:
            continue
        running += contribution.amount
        if running >= limit:
            return contribution.date
    return None
