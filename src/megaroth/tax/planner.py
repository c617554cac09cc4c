"""The after-tax room planner: how much more after-tax money fits under 415(c) this year, and
how much per remaining paycheck (docs/tax-rules.md, "The after-tax room planner").

Pure: dates, Decimals and frozen dataclasses. The engine gathers each payroll's paychecks
from the ledger (:mod:`megaroth.engine.planning`); this module

- tells the pay schedule from the paydays (weekly, biweekly, semimonthly, monthly),
- reads a declared match formula ("100% of the first 3%, 50% of the next 2%"),
- projects every payroll of a person to December 31 at the amounts of its last paycheck:
  deferrals stop when the person's 402(g) limit (with catch-up) is reached, across all
  employers (IRC 402(g)(1)); the match follows the formula on pay counted up to the
  401(a)(17) cap, or its last amount while deferrals go on; a true-up gives at the year's
  end what the formula gives on the year's pay and deferrals;
- says when each limit is reached, and the after-tax amount per remaining paycheck that
  fills each employer's 415(c) limit exactly (catch-up excluded, IRC 414(v)(3)(A); capped at
  100% of pay, IRC 415(c)(1)(B)) after keeping room for the deferrals, match and true-up
  still to come.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from itertools import pairwise

from megaroth.tax.money import CENT, ZERO, cents


class PaySchedule(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"


#: Paychecks in a year on each schedule.
PERIODS = {PaySchedule.WEEKLY: 52, PaySchedule.BIWEEKLY: 26, PaySchedule.SEMIMONTHLY: 24,
           PaySchedule.MONTHLY: 12}  # fmt: skip
STEP_DAYS = {PaySchedule.WEEKLY: 7, PaySchedule.BIWEEKLY: 14}
#: A day of the month standing for "the month's last day".
LAST_DAY = 31
#: A payday moved earlier for a weekend or holiday is at most this many days early.
SHIFT_DAYS = 3
#: A payroll with no paycheck for this many periods before the person's latest one stopped
#: (a job that ended): nothing more is projected for it.
STOPPED_AFTER_PERIODS = 2


@dataclass(frozen=True)
class Schedule:
    """A pay schedule; semimonthly and monthly ones with their days of the month."""

    kind: PaySchedule
    days_of_month: tuple[int, ...] = ()
    weekday: int | None = None  # weekly and biweekly: the usual payday's weekday

    @property
    def period_days(self) -> int:
        return {PaySchedule.WEEKLY: 7, PaySchedule.BIWEEKLY: 14, PaySchedule.SEMIMONTHLY: 15,
                PaySchedule.MONTHLY: 30}[self.kind]  # fmt: skip

    def describe(self) -> str:
        if self.kind is PaySchedule.SEMIMONTHLY or self.kind is PaySchedule.MONTHLY:
            days = " and ".join("the last day" if d == LAST_DAY else f"the {_ordinal(d)}"
                                for d in self.days_of_month)  # fmt: skip
            return f"{self.kind} (on {days} of the month)"
        if self.weekday is not None:
            return f"{self.kind} (on {calendar.day_name[self.weekday]}s)"
        return str(self.kind)

    def falls_on(self, day: datetime.date) -> bool:
        """Whether ``day`` is one of this schedule's days of the month, or up to three days
        before one (paid early for a weekend or holiday)."""
        length = calendar.monthrange(day.year, day.month)[1]
        return any(0 <= min(d, length) - day.day <= SHIFT_DAYS for d in self.days_of_month)

    def after(self, last: datetime.date, through: datetime.date) -> list[datetime.date]:
        """The paydays after ``last`` (the last one paid) up to ``through``."""
        if self.kind in STEP_DAYS:
            step = datetime.timedelta(days=STEP_DAYS[self.kind])
            anchor = last
            # A payday moved earlier for a holiday: count on from the usual weekday.
            if self.weekday is not None and anchor.weekday() != self.weekday:
                ahead = (self.weekday - anchor.weekday()) % 7
                if ahead <= SHIFT_DAYS:
                    anchor += datetime.timedelta(days=ahead)
            days = []
            day = anchor + step
            while day <= through:
                days.append(day)
                day += step
            return days
        days = []
        year, month = last.year, last.month
        while (year, month) <= (through.year, through.month):
            length = calendar.monthrange(year, month)[1]
            for day_of_month in self.days_of_month:
                day = datetime.date(year, month, min(day_of_month, length))
                # The payday ``last`` stands for (paid early for a weekend) is not another.
                if last + datetime.timedelta(days=SHIFT_DAYS) < day <= through:
                    days.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return sorted(days)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def detect_schedule(paydays: Sequence[datetime.date]) -> PaySchedule | None:
    """The schedule the paydays follow; None with fewer than three paydays or no pattern.

    Weekly: paydays about 7 days apart. Gaps of about two weeks are biweekly when more
    paydays fall on a 14-day grid than on two days of the month (semimonthly: the 15th and
    the last day, say). Monthly: gaps of 21 to 35 days. A payday moved for a holiday changes
    one gap, not the median.
    """
    days = sorted(set(paydays))
    if len(days) < 3:
        return None
    gaps = [(b - a).days for a, b in pairwise(days)]
    median = sorted(gaps)[len(gaps) // 2]
    if median <= 10:
        return PaySchedule.WEEKLY
    if median <= 20:
        # Whichever fits more paydays: a 14-day grid from the first (a day off for a
        # holiday), or two days of the month (paid up to three days early).
        biweekly = sum(1 for day in days if (day - days[0]).days % 14 in (0, 1, 13))
        semimonthly = schedule_of(PaySchedule.SEMIMONTHLY, days)
        fits = sum(1 for day in days if semimonthly.falls_on(day))
        return PaySchedule.BIWEEKLY if biweekly > fits else PaySchedule.SEMIMONTHLY
    if median <= 35:
        return PaySchedule.MONTHLY
    return None


def schedule_of(kind: PaySchedule, paydays: Sequence[datetime.date]) -> Schedule:
    """``kind`` with the days it falls on, read from the paydays seen (defaults: semimonthly
    on the 15th and the last day; monthly on the last payday's day)."""
    if kind in STEP_DAYS:
        weekdays = Counter(day.weekday() for day in paydays)
        return Schedule(kind, weekday=weekdays.most_common(1)[0][0] if weekdays else None)
    if kind is PaySchedule.SEMIMONTHLY:
        first = [d for d in paydays if d.day <= 15]
        second = [d for d in paydays if d.day > 15]
        return Schedule(kind, (_day_of_month(first, 15), _day_of_month(second, LAST_DAY)))
    return Schedule(kind, (_day_of_month(list(paydays), LAST_DAY),))


def _day_of_month(days: Sequence[datetime.date], default: int) -> int:
    if not days:
        return default
    near_end = [d for d in days if calendar.monthrange(d.year, d.month)[1] - d.day <= SHIFT_DAYS]
    if len(near_end) * 2 > len(days):
        return LAST_DAY
    # The day most paydays were paid on or up to three days before (early for a weekend).
    candidates = sorted({d.day for d in days}, reverse=True)
    return max(candidates, key=lambda c: sum(1 for d in days if 0 <= c - d.day <= SHIFT_DAYS))


# The match formula --------------------------------------------------------------------------

_TIER = re.compile(
    r"^\s*(?P<rate>\d+(?:\.\d+)?)\s*%\s*of\s+(?:the\s+)?(?:first\s+|next\s+)?"
    r"(?P<band>\d+(?:\.\d+)?)\s*%\s*(?:of\s+pay\s*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MatchTier:
    """The employer matches ``rate`` of each dollar deferred within a band of ``band`` of pay."""

    rate: Decimal
    band: Decimal


@dataclass(frozen=True)
class MatchFormula:
    """A match on deferrals (pre-tax and Roth), tier after tier of pay, with or without a
    year-end true-up."""

    tiers: tuple[MatchTier, ...]
    true_up: bool = False

    def match(self, deferred: Decimal, pay: Decimal) -> Decimal:
        """The match on ``deferred`` out of ``pay``: each tier's rate times the deferrals
        that fall in its band of pay (rounded to the cent)."""
        total = Decimal(0)
        start = Decimal(0)
        for tier in self.tiers:
            width = tier.band * pay
            total += tier.rate * min(width, max(Decimal(0), deferred - start))
            start += width
        return cents(total)

    def describe(self) -> str:
        parts = []
        for index, tier in enumerate(self.tiers):
            which = "the first" if index == 0 else "the next"
            parts.append(f"{_percent(tier.rate)} of {which} {_percent(tier.band)} of pay deferred")
        return ", ".join(parts) + (", trued up after the year" if self.true_up else "")


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def parse_match_formula(text: str, true_up: bool = False) -> MatchFormula | None:
    """``"100% of the first 3%, 50% of the next 2%"`` as a formula; None if it can't be read.

    Tiers are separated by commas, semicolons or "then"/"and"; each is "R% of B%": R% of
    each dollar deferred in the next B% of pay.
    """
    pieces = [p for p in re.split(r",|;|\bthen\b|\band\b|\bplus\b", text) if p.strip()]
    tiers = []
    for piece in pieces:
        found = _TIER.match(piece)
        if found is None:
            return None
        rate, band = Decimal(found["rate"]) / 100, Decimal(found["band"]) / 100
        if band <= 0 or rate < 0:
            return None
        tiers.append(MatchTier(rate, band))
    return MatchFormula(tuple(tiers), true_up) if tiers else None


# Paychecks and payrolls -----------------------------------------------------------------------


@dataclass(frozen=True)
class Paycheck:
    """What one payday put into an employer's plans, by kind of money."""

    date: datetime.date
    deferrals: Decimal  # pre-tax and Roth: 402(g)
    after_tax: Decimal
    match: Decimal
    other_employer: Decimal  # non-elective, Roth employer money
    pay: Decimal | None = None  # the period's pay, where a salary is recorded

    @property
    def additions(self) -> Decimal:
        return self.deferrals + self.after_tax + self.match + self.other_employer


@dataclass(frozen=True)
class Payroll:
    """One employer's plans for one person and year, as the ledger shows them so far."""

    employer: str
    plans: tuple[str, ...]
    has_after_tax: bool
    paychecks: tuple[Paycheck, ...]  # paid, in date order
    schedule: Schedule | None
    schedule_declared: bool
    formula: MatchFormula | None
    # Annual salary from each date on (``megaroth-salary``), in date order.
    salary: tuple[tuple[datetime.date, Decimal], ...]
    compensation: Decimal | None  # the year's pay, recorded (``megaroth-compensation``)
    additions_so_far: Decimal  # 415(c) annual additions so far, catch-up excluded
    limit_415c: Decimal  # the year's dollar limit
    pay_share_415c: Decimal  # 415(c)(1)(B): the share of pay additions may not exceed
    cap_401a17: Decimal | None

    def pay_on(self, day: datetime.date) -> Decimal | None:
        """One period's pay on ``day``: the salary then in force over the periods a year."""
        if self.schedule is None:
            return None
        annual = None
        for start, amount in self.salary:
            if start <= day:
                annual = amount
        return None if annual is None else cents(annual / PERIODS[self.schedule.kind])


@dataclass(frozen=True)
class Projected:
    """A paycheck still to come, as the planner projects it."""

    date: datetime.date
    pay: Decimal | None
    deferrals: Decimal
    catch_up: Decimal
    match: Decimal
    other_employer: Decimal
    after_tax: Decimal  # the planned after-tax amount (fills 415(c) exactly)
    after_tax_at_current_rate: Decimal


@dataclass(frozen=True)
class EmployerPlan:
    """The plan for one employer's 415(c) limit."""

    employer: str
    plans: tuple[str, ...]
    has_after_tax: bool
    schedule: Schedule | None
    last_payday: datetime.date | None
    stopped: bool
    rates: Paycheck | None  # the last paycheck: the current rates
    remaining: tuple[Projected, ...]
    limit: Decimal  # 415(c) for this employer: the dollar limit, or 100% of pay if less
    additions_so_far: Decimal
    projected_deferrals: Decimal  # catch-up excluded
    projected_match: Decimal
    true_up: Decimal
    projected_other: Decimal
    room: Decimal  # after-tax room left once the money to come is kept aside
    per_paycheck: Decimal | None  # after-tax per remaining paycheck (all but the last)
    last_paycheck: Decimal | None  # the last one: what is left, to the cent
    reached_415c: datetime.date | None  # at the current after-tax rate
    excess_at_current_rates: Decimal
    reached_401a17: datetime.date | None
    annual_pay: Decimal | None
    assumptions: tuple[str, ...]

    @property
    def reserved(self) -> Decimal:
        """What the planner keeps aside for the deferrals, match and true-up to come."""
        return self.projected_deferrals + self.projected_match + self.true_up + self.projected_other

    @property
    def after_tax_planned(self) -> Decimal:
        return sum((p.after_tax for p in self.remaining), ZERO)


@dataclass(frozen=True)
class PersonPlan:
    """One person's year: 402(g) across all employers, and each employer's 415(c) plan."""

    person: str
    year: int
    as_of: datetime.date
    limit_402g: Decimal  # with the catch-up
    catch_up_limit: Decimal
    deferrals_so_far: Decimal
    projected_deferrals: Decimal  # all employers, catch-up included
    reached_402g: datetime.date | None
    employers: tuple[EmployerPlan, ...]


@dataclass(frozen=True)
class PersonYear:
    """What the planner needs of a person beside the payrolls."""

    person: str
    year: int
    as_of: datetime.date
    base_402g: Decimal
    catch_up_limit: Decimal
    deferrals_so_far: Decimal
    reached_402g_on: datetime.date | None  # already, from the contributions


def plan_year(who: PersonYear, payrolls: Sequence[Payroll]) -> PersonPlan:
    """Project every payroll of one person to December 31 and plan the after-tax money."""
    year_end = datetime.date(who.year, 12, 31)
    limit_402g = who.base_402g + who.catch_up_limit
    future: list[tuple[datetime.date, int]] = []
    stopped: list[bool] = []
    for index, payroll in enumerate(payrolls):
        days, halted = _remaining_days(payroll, who.as_of, year_end)
        stopped.append(halted)
        future.extend((day, index) for day in days)
    # Deferrals across all employers, payday by payday, until 402(g) with catch-up is reached.
    deferred = who.deferrals_so_far
    reached_402g = who.reached_402g_on
    pay_so_far = [sum((p.pay or ZERO for p in r.paychecks), ZERO) for r in payrolls]
    rows: list[list[tuple[datetime.date, Decimal | None, Decimal, Decimal, Decimal, Decimal,
                          Decimal | None]]] = [[] for _ in payrolls]  # fmt: skip
    for day, index in sorted(future):
        payroll = payrolls[index]
        last = payroll.paychecks[-1]
        deferral = min(last.deferrals, max(ZERO, limit_402g - deferred))
        before = deferred
        deferred += deferral
        catch_up = max(ZERO, deferred - who.base_402g) - max(ZERO, before - who.base_402g)
        if reached_402g is None and deferral and deferred >= limit_402g:
            reached_402g = day
        pay = payroll.pay_on(day)
        eligible = None
        if pay is not None:
            eligible = pay
            if payroll.cap_401a17 is not None:
                eligible = min(pay, max(ZERO, payroll.cap_401a17 - pay_so_far[index]))
            pay_so_far[index] += pay
        if payroll.formula is not None and eligible is not None:
            match = payroll.formula.match(deferral, eligible)
        elif last.deferrals:
            match = cents(last.match * deferral / last.deferrals)
        else:
            match = last.match
        rows[index].append((day, pay, deferral, catch_up, match, last.other_employer, eligible))
    employers = tuple(
        _employer_plan(payroll, rows[i], stopped[i], who) for i, payroll in enumerate(payrolls)
    )
    projected = sum((p.deferrals for e in employers for p in e.remaining), ZERO)
    return PersonPlan(who.person, who.year, who.as_of, limit_402g, who.catch_up_limit,
                      who.deferrals_so_far, projected, reached_402g, employers)  # fmt: skip


def _remaining_days(
    payroll: Payroll, as_of: datetime.date, year_end: datetime.date
) -> tuple[list[datetime.date], bool]:
    """The paydays still to come, and whether the payroll has stopped (a job that ended)."""
    if payroll.schedule is None or not payroll.paychecks:
        return [], False
    last = payroll.paychecks[-1].date
    gap = datetime.timedelta(days=payroll.schedule.period_days * STOPPED_AFTER_PERIODS)
    if last + gap < as_of:
        return [], True
    return payroll.schedule.after(last, year_end), False


def _employer_plan(
    payroll: Payroll,
    rows: list[
        tuple[datetime.date, Decimal | None, Decimal, Decimal, Decimal, Decimal, Decimal | None]
    ],
    stopped: bool,
    who: PersonYear,
) -> EmployerPlan:
    last = payroll.paychecks[-1] if payroll.paychecks else None
    past_pay = [p.pay for p in payroll.paychecks]
    known_pay = all(p is not None for p in past_pay) and all(r[1] is not None for r in rows)
    annual_pay = (sum((p or ZERO for p in past_pay), ZERO) + sum((r[1] or ZERO for r in rows),
                  ZERO)) if known_pay and payroll.paychecks else None  # fmt: skip
    pay_for_cap = payroll.compensation if payroll.compensation is not None else annual_pay
    limit = payroll.limit_415c
    if pay_for_cap is not None:
        limit = min(limit, cents(pay_for_cap * payroll.pay_share_415c))
    projected_deferrals = sum((r[2] - r[3] for r in rows), ZERO)
    projected_match = sum((r[4] for r in rows), ZERO)
    projected_other = sum((r[5] for r in rows), ZERO)
    true_up = ZERO
    if payroll.formula is not None and payroll.formula.true_up and annual_pay is not None:
        eligible = annual_pay
        if payroll.cap_401a17 is not None:
            eligible = min(annual_pay, payroll.cap_401a17)
        deferrals = sum((p.deferrals for p in payroll.paychecks), ZERO) + sum(
            (r[2] for r in rows), ZERO
        )
        paid = sum((p.match for p in payroll.paychecks), ZERO) + projected_match
        true_up = max(ZERO, payroll.formula.match(deferrals, eligible) - paid)
    reserved = projected_deferrals + projected_match + true_up + projected_other
    room = limit - payroll.additions_so_far - reserved
    count = len(rows)
    per = final = None
    plans: list[Decimal] = [ZERO] * count
    if payroll.has_after_tax and count and room > 0:
        per = (room / count).quantize(CENT, rounding=ROUND_DOWN)
        final = room - per * (count - 1)
        plans = [per] * (count - 1) + [final]
    current = last.after_tax if last else ZERO
    remaining = tuple(
        Projected(day, pay, deferral, catch_up, match, other, plans[i], current)
        for i, (day, pay, deferral, catch_up, match, other, _) in enumerate(rows)
    )
    # When 415(c) is reached if nothing changes (after-tax at its current amount).
    running = payroll.additions_so_far
    reached = None
    for p in remaining:
        running += p.deferrals - p.catch_up + p.match + p.other_employer + current
        if reached is None and running >= limit:
            reached = p.date
    running += true_up
    if reached is None and true_up and running >= limit:
        reached = datetime.date(who.year, 12, 31)
    reached_cap = None
    if payroll.cap_401a17 is not None:
        total = ZERO
        dated = [(p.date, p.pay) for p in payroll.paychecks] + [(r[0], r[1]) for r in rows]
        for day, pay in dated:
            total += pay or ZERO
            if pay is not None and total >= payroll.cap_401a17:
                reached_cap = day
                break
    plan = EmployerPlan(
        payroll.employer, payroll.plans, payroll.has_after_tax, payroll.schedule,
        last.date if last else None, stopped, last, remaining, limit, payroll.additions_so_far,
        projected_deferrals, projected_match, true_up, projected_other, room, per, final,
        reached, max(ZERO, running - limit), reached_cap, annual_pay, (),
    )  # fmt: skip
    return _with_assumptions(plan, payroll, who)


def _with_assumptions(plan: EmployerPlan, payroll: Payroll, who: PersonYear) -> EmployerPlan:
    said: list[str] = []
    money = "{:,.2f}".format
    seen = len(payroll.paychecks)
    if payroll.schedule is None:
        said.append(
            f"Pay schedule unknown ({seen} payday{'s' if seen != 1 else ''} in {who.year} so "
            "far, three are needed to tell): nothing is projected. Declare it on the plan's "
            'Open, e.g.  pay-schedule: "biweekly".'
        )
    else:
        how = "declared on the plan's Open" if payroll.schedule_declared else (
            f"detected from {seen} paydays")  # fmt: skip
        said.append(f"Paid {payroll.schedule.describe()}, {how}.")
    if plan.stopped and plan.last_payday is not None:
        said.append(
            f"No paycheck since {plan.last_payday} while {who.person} was paid until "
            f"{who.as_of}: taken as a job that ended, nothing more is projected here."
        )
    elif plan.rates is not None and payroll.schedule is not None and not plan.remaining:
        said.append(f"No paycheck left in {who.year} after {plan.rates.date}.")
    elif plan.rates is not None and payroll.schedule is not None:
        r = plan.rates
        said.append(
            f"{len(plan.remaining)} paychecks after {r.date} to December 31, each at the "
            f"amounts of the last one: deferrals {money(r.deferrals)}, after-tax "
            f"{money(r.after_tax)}, match {money(r.match)}"
            + (f", other employer money {money(r.other_employer)}" if r.other_employer else "")
            + "."
        )
        said.append(
            "Deferrals stop when the 402(g) limit"
            + (" with its catch-up" if who.catch_up_limit else "")
            + " is reached, counted across all employers; catch-up contributions don't count "
            "toward 415(c)."
        )
    if not payroll.salary:
        said.append(
            "No salary recorded (custom \"megaroth-salary\"): the match is projected at its "
            "last amount while deferrals go on, no true-up is kept aside, and 415(c) is not "
            "capped at pay" + (" beyond the compensation recorded" if payroll.compensation
                               else "") + "."
        )  # fmt: skip
    elif plan.annual_pay is not None:
        said.append(
            f"Pay {money(plan.annual_pay)} for the year, from the salary recorded over "
            f"{PERIODS[payroll.schedule.kind] if payroll.schedule else '?'} paychecks a year"
            + (f", counted for the match up to the 401(a)(17) cap of "
               f"{money(payroll.cap_401a17)}" if payroll.cap_401a17 is not None else "")
            + "."
        )  # fmt: skip
    if payroll.formula is not None:
        said.append(f"Match: {payroll.formula.describe()} (declared on the plan's Open).")
        if payroll.formula.true_up and plan.true_up:
            said.append(
                f"The true-up of {money(plan.true_up)} counts toward {who.year}'s 415(c) "
                "limit, though the plan may pay it after December 31."
            )
    else:
        said.append("No match formula declared (match-formula on the plan's Open): no true-up.")
    if payroll.compensation is not None:
        said.append(f"415(c) capped at the {money(payroll.compensation)} of pay recorded.")
    short = [
        p for p in plan.remaining if p.pay and p.after_tax and p.after_tax + p.deferrals > p.pay
    ]
    if short:
        said.append(
            f"The after-tax amount planned is more than what is left of the paycheck of "
            f"{short[0].date} after its deferrals: the plan's own cap on after-tax "
            "contributions, and your take-home pay, may not allow it."
        )
    return dataclasses.replace(plan, assumptions=tuple(said))
