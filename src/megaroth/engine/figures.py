"""The analysis' figures for one person and year, as the report and the fava page show them:
zeros where nothing happened, never a missing line."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import data

from megaroth.engine.analysis import Analysis
from megaroth.engine.corrections import Correction
from megaroth.tax.ages import age_on_dec_31
from megaroth.tax.limit_usage import PLAN_457B, AdditionsUsage, DeferralUsage, IraUsage
from megaroth.tax.limits import catch_up_for, ira_limit, limits_for
from megaroth.tax.money import ZERO
from megaroth.tax.records import Rollover
from megaroth.tax.roth_ira import Clock, clocks


@dataclass(frozen=True)
class PersonLimits:
    """One person's use of every limit in one year, zero where nothing was contributed."""

    deferrals: DeferralUsage
    additions: tuple[AdditionsUsage, ...]
    ira: IraUsage
    # 457(b) deferrals and employer money: their own limit (IRC 457(e)(15)); zero without
    # a 457(b) plan.
    deferrals_457b: DeferralUsage | None = None

    @property
    def has_457b(self) -> bool:
        return self.deferrals_457b is not None and bool(self.deferrals_457b.plans)


def person_limits(analysis: Analysis, person: str, year: int) -> PersonLimits:
    usage = analysis.usage
    limits = limits_for(year, analysis.settings.limits)
    age = age_on_dec_31(analysis.household.birth_dates.get(person), year)
    deferrals = next(
        (d for d in usage.deferrals if (d.person, d.year) == (person, year)),
        DeferralUsage(
            person,
            year,
            limits.elective_deferrals_402g,
            catch_up_for(limits, age),
            ZERO,
            ZERO,
            (),
            limits.source,
            None,
        ),
    )
    # 415(c) is per employer, for 415 plans: a 457(b) plan is none (its own limit below).
    employers = sorted({p.employer for p in analysis.household.plans_of(person)
                        if p.employer and p.plan_type != PLAN_457B})  # fmt: skip
    additions = tuple(
        next(
            (a for a in usage.additions if (a.person, a.employer, a.year) == (person, e, year)),
            AdditionsUsage(
                person,
                e,
                year,
                limits.annual_additions_415c,
                limits.annual_additions_415c,
                None,
                ZERO,
                ZERO,
                ZERO,
                limits.annual_additions_415c,
                ZERO,
                limits.source,
                None,
            ),
        )
        for e in employers
    )
    ira = next(
        (i for i in usage.iras if (i.person, i.year) == (person, year)),
        IraUsage(person, year, ira_limit(limits, age), ZERO, ZERO, ZERO, None, limits.source,
                 None),
    )  # fmt: skip
    deferrals_457b = next(
        (d for d in usage.deferrals_457b if (d.person, d.year) == (person, year)),
        DeferralUsage(person, year, limits.elective_deferrals_402g, catch_up_for(limits, age),
                      ZERO, ZERO, tuple(p.account for p in analysis.household.plans_of(person)
                                        if p.plan_type == PLAN_457B), limits.source, None),
    )  # fmt: skip
    return PersonLimits(deferrals, additions, ira, deferrals_457b)


PART_III_LINES = ("line19", "line20", "line21", "line22", "line23", "line24", "line25a",
                  "line25b", "line25c")  # fmt: skip


def form_8606_lines(analysis: Analysis, person: str, year: int) -> dict[str, Decimal]:
    """Every line of one person's Form 8606 for one year; zeros where there is nothing."""
    form = next((f for f in analysis.forms_8606 if (f.person, f.year) == (person, year)), None)
    lines = form.lines() if form else {f"line{n}": ZERO for n in range(1, 19)}
    if not form:
        lines["line15a"] = lines["line15b"] = lines["line15c"] = ZERO
        del lines["line15"]
    state = analysis.roth.get(person)
    part_iii = state.part_iii.get(year) if state else None
    lines.update(part_iii.lines() if part_iii else dict.fromkeys(PART_III_LINES, ZERO))
    return lines


def five_year_clocks(analysis: Analysis, year: int) -> list[Clock]:
    """Every 5-year clock running in ``year`` or later, as ``year`` ends."""
    return clocks(analysis.basis.first_roth_years, analysis.household.plan_owners,
                  analysis.basis.movements, analysis.roth, year,
                  analysis.qualified_test)  # fmt: skip


def default_year(analysis: Analysis, entries: Sequence[data.Directive]) -> int:
    """The latest year with a movement, else the year of the last entry."""
    years = sorted({m.year for m in analysis.basis.movements})
    if years:
        return years[-1]
    return max((e.date.year for e in entries), default=datetime.date.today().year)


def rollovers_of(analysis: Analysis, year: int, person: str | None = None) -> list[Rollover]:
    """The 60-day rollovers of ``year``: paid out or put back in it, or in flight with a
    deadline in it (IRC 402(c)(3), 408(d)(3)); ``person``'s only, if given."""
    return [
        r
        for r in analysis.basis.rollovers
        if year in {r.distributed.year, r.deadline.year if r.in_flight else year - 1,
                    r.redeposited.year if r.redeposited else year - 1}
        and (person is None or r.owner == person)
    ]  # fmt: skip


def corrections_of(analysis: Analysis, year: int, person: str | None = None) -> list[Correction]:
    """The corrections made in ``year`` or of an excess of ``year``; ``person``'s only, if
    given."""
    return [
        c
        for c in analysis.corrections
        if year in (c.date.year, c.tax_year) and (person is None or c.person == person)
    ]
