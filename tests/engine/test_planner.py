"""The after-tax room planner on whole ledgers, each figure worked by hand (2025 limits:
402(g) 23,500, catch-up at 50 7,500, 415(c) 70,000, 401(a)(17) 350,000)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from megaroth.engine.analysis import analyse
from megaroth.engine.planning import plan_person
from megaroth.tax.planner import EmployerPlan, PaySchedule, PersonPlan
from tests.conftest import load
from tests.engine import planner_ledgers as ledgers

D = datetime.date


def _plan(text: str, person: str = "alice") -> PersonPlan:
    entries, errors, options = load(text)
    assert errors == []
    plan = plan_person(analyse(entries, options), person, 2025)
    assert plan is not None
    return plan


def _schedule(employer: EmployerPlan) -> list[Decimal]:
    return [p.after_tax for p in employer.remaining]


def test_biweekly() -> None:
    """13 biweekly paydays (Jan 3 - Jun 20) of 900 pre-tax, 1,000 after-tax, 270 match;
    13 to come (Jul 4 - Dec 19).

    So far: 13 x 2,170 = 28,210 of 415(c). To come: 13 x 900 = 11,700 deferrals (402(g):
    23,400 of 23,500, never reached) and 13 x 270 = 3,510 match. Room: 70,000 - 28,210 -
    11,700 - 3,510 = 26,580; per paycheck 26,580 / 13 = 2,044.615..., 2,044.61 twelve times
    and 26,580 - 12 x 2,044.61 = 2,044.68 the last. At 1,000 a paycheck 415(c) is never
    reached.
    """
    plan = _plan(ledgers.BIWEEKLY)
    (acme,) = plan.employers
    assert acme.schedule is not None
    assert acme.schedule.kind is PaySchedule.BIWEEKLY
    assert [p.date for p in acme.remaining][:2] == [D(2025, 7, 4), D(2025, 7, 18)]
    assert acme.remaining[-1].date == D(2025, 12, 19)
    assert acme.additions_so_far == Decimal("28210.00")
    assert (acme.projected_deferrals, acme.projected_match) == (Decimal("11700.00"),
                                                                Decimal("3510.00"))  # fmt: skip
    assert acme.room == Decimal("26580.00")
    assert _schedule(acme) == [Decimal("2044.61")] * 12 + [Decimal("2044.68")]
    assert sum(_schedule(acme)) == acme.room
    assert plan.reached_402g is None
    assert acme.reached_415c is None


def test_weekly_with_catch_up_reaching_402g() -> None:
    """26 weekly paydays (Jan 3 - Jun 27) of 1,000 pre-tax, 600 after-tax, 500 match; alice
    is 52: 402(g) 23,500 + 7,500 catch-up = 31,000.

    Deferred 26,000, so 2,500 is catch-up (not a 415(c) addition): 415(c) so far 26 x 2,100 -
    2,500 = 52,100. 5,000 more deferral room: Jul 4 - Aug 1, five paychecks, all catch-up;
    402(g) reached Aug 1; the match (its last 500) stops with the deferrals: 2,500. Room:
    70,000 - 52,100 - 0 - 2,500 = 15,400 over 26 paychecks (Jul 4 - Dec 26): 592.30 x 25 and
    592.50. At the current 600 a week 415(c) is crossed on Dec 26 by 200: 52,100 + 5 x 1,100
    + 21 x 600 = 70,200.
    """
    plan = _plan(ledgers.WEEKLY)
    (acme,) = plan.employers
    assert acme.schedule is not None
    assert acme.schedule.kind is PaySchedule.WEEKLY
    assert plan.limit_402g == Decimal(31000)
    assert plan.reached_402g == D(2025, 8, 1)
    assert [p.deferrals for p in acme.remaining[:6]] == [Decimal("1000.00")] * 5 + [Decimal(0)]
    assert sum(p.catch_up for p in acme.remaining) == Decimal("5000.00")
    assert acme.additions_so_far == Decimal("52100.00")
    assert acme.projected_match == Decimal("2500.00")
    assert acme.room == Decimal("15400.00")
    assert _schedule(acme) == [Decimal("592.30")] * 25 + [Decimal("592.50")]
    assert (acme.reached_415c, acme.excess_at_current_rates) == (D(2025, 12, 26),
                                                                 Decimal("200.00"))  # fmt: skip


def test_semimonthly_with_a_match_true_up() -> None:
    """The 15th and the last day (paid early on weekends), salary 240,000 (10,000 a
    paycheck), match 100% of the first 4% with a true-up. Ten paychecks of 2,350 reach
    402(g) on May 30; each got 400 of match (4% of 10,000); Jun 13 and Jun 30 defer nothing
    and get no match. After-tax 1,000 each, 12 so far.

    415(c) so far: 10 x 2,750 + 12 x 1,000 = 39,500. True-up: 4% of the year's 240,000 is
    9,600, 4,000 paid: 5,600, which counts for 2025. Room: 70,000 - 39,500 - 5,600 = 24,900
    over 12 paychecks (Jul 15 - Dec 31): 2,075.00 each. Without the true-up kept aside it
    would have been 30,500, 5,600 over once the plan pays it.
    """
    plan = _plan(ledgers.SEMIMONTHLY)
    (acme,) = plan.employers
    assert acme.schedule is not None
    assert acme.schedule.kind is PaySchedule.SEMIMONTHLY
    assert [p.date for p in acme.remaining][:3] == [D(2025, 7, 15), D(2025, 7, 31),
                                                    D(2025, 8, 15)]  # fmt: skip
    assert acme.remaining[-1].date == D(2025, 12, 31)
    assert plan.reached_402g == D(2025, 5, 30)
    assert acme.annual_pay == Decimal("240000.00")
    assert acme.true_up == Decimal("5600.00")
    assert acme.additions_so_far == Decimal("39500.00")
    assert acme.room == Decimal("24900.00")
    assert _schedule(acme) == [Decimal("2075.00")] * 12
    assert any("true-up of 5,600.00" in a for a in acme.assumptions)


def test_monthly_with_a_mid_year_raise() -> None:
    """Monthly on the 25th, salary 240,000 (20,000 a month) raised to 300,000 (25,000) from
    Jul 1; 10% pre-tax, 10% after-tax; match 100% of the first 3% and 50% of the next 2%.

    So far: Jan-Jun 6 x (2,000 + 2,000 + 800), Jul-Aug 2 x (2,500 + 2,500 + 1,000): 40,800;
    deferred 17,000. To come at the raised amounts (Sep 25 - Dec 25): deferrals 2,500, 2,500,
    then 1,500 reaches 402(g) on Nov 25, then 0; match by the formula on 25,000 of pay: 750
    + 250 = 1,000 on each of the three paychecks that defer (1,500 is 6%, still over 5%),
    none in December: 3,000. Room: 70,000 - 40,800 - 6,500 - 3,000 = 19,700, 4,925.00 a
    month. The year's pay is 6 x 20,000 + 6 x 25,000 = 270,000.
    """
    plan = _plan(ledgers.MONTHLY_RAISE)
    (acme,) = plan.employers
    assert acme.schedule is not None
    assert acme.schedule.kind is PaySchedule.MONTHLY
    assert [p.date for p in acme.remaining] == [D(2025, 9, 25), D(2025, 10, 25),
                                                D(2025, 11, 25), D(2025, 12, 25)]  # fmt: skip
    assert [p.pay for p in acme.remaining] == [Decimal("25000.00")] * 4
    assert [p.deferrals for p in acme.remaining] == [Decimal("2500.00"), Decimal("2500.00"),
                                                     Decimal("1500.00"), Decimal(0)]  # fmt: skip
    assert [p.match for p in acme.remaining] == [Decimal("1000.00")] * 3 + [Decimal("0.00")]
    assert plan.reached_402g == D(2025, 11, 25)
    assert acme.annual_pay == Decimal("270000.00")
    assert acme.room == Decimal("19700.00")
    assert _schedule(acme) == [Decimal("4925.00")] * 4


def test_job_change_shares_402g_and_keeps_415c_per_employer() -> None:
    """bob, 55: 402(g) 31,000 with catch-up. Initech (Jan 3 - May 23, 11 biweekly paydays
    of 1,500 / 1,000 / 750) then Hooli (Jun 13 - Aug 22, 6 of 2,000 / 2,000 / 1,000).

    402(g): 16,500 + 12,000 = 28,500 deferred; base 23,500 crossed at Hooli on Jul 25, so
    5,000 of Hooli's deferrals are catch-up. 2,500 left: Sep 5 (2,000) and Sep 19 (500),
    reached Sep 19, all catch-up; Hooli's match follows: 1,000 + 250 = 1,250.
    Hooli's 415(c): 30,000 - 5,000 = 25,000 so far; room 70,000 - 25,000 - 1,250 = 43,750
    over 9 paychecks (Sep 5 - Dec 26): 4,861.11 x 8 and 4,861.12. Initech's 415(c) is its
    own: 11 x 3,250 = 35,750, no paycheck since May 23: nothing projected there.
    """
    plan = _plan(ledgers.JOB_CHANGE, "bob")
    hooli, initech = plan.employers
    assert (hooli.employer, initech.employer) == ("Hooli", "Initech")
    assert plan.deferrals_so_far == Decimal("28500.00")
    assert plan.reached_402g == D(2025, 9, 19)
    assert initech.stopped
    assert initech.remaining == ()
    assert initech.additions_so_far == Decimal("35750.00")
    assert initech.per_paycheck is None
    assert hooli.additions_so_far == Decimal("25000.00")
    assert hooli.projected_deferrals == Decimal(0)
    assert hooli.projected_match == Decimal("1250.00")
    assert hooli.room == Decimal("43750.00")
    assert _schedule(hooli) == [Decimal("4861.11")] * 8 + [Decimal("4861.12")]


def test_declared_schedule_and_unreadable_declarations() -> None:
    """A schedule declared on the Open wins over the paydays; what can't be read is an error
    on its entry that says what to write."""
    text = ledgers.BIWEEKLY.replace(
        '  employer: "Acme Corp"', '  employer: "Acme Corp"\n  pay-schedule: "semimonthly"'
    )
    plan = _plan(text)
    (acme,) = plan.employers
    assert acme.schedule is not None
    assert acme.schedule.kind is PaySchedule.SEMIMONTHLY
    assert "declared on the plan's Open" in acme.assumptions[0]
    bad = (
        ledgers.BIWEEKLY.replace(
            '  employer: "Acme Corp"',
            '  employer: "Acme Corp"\n  pay-schedule: "fortnightly"\n  match-formula: "lots"',
        )
        + '2025-01-01 custom "megaroth-salary" "alice" 150000.00 USD\n'
    )
    _, errors, _ = load(bad)
    messages = [e.message for e in errors]
    assert any("pay-schedule 'fortnightly'" in m and "biweekly" in m for m in messages)
    assert any("match-formula 'lots' can't be read" in m for m in messages)
    assert any('custom "megaroth-salary" needs the person, the employer' in m
               for m in messages)  # fmt: skip
