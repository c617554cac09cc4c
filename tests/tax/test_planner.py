"""The planner's pure parts: pay schedules told from paydays, and the match formula."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from megaroth.tax.planner import (
    LAST_DAY,
    MatchTier,
    PaySchedule,
    detect_schedule,
    parse_match_formula,
    schedule_of,
)

D = datetime.date


def _every(first: datetime.date, count: int, days: int) -> list[datetime.date]:
    return [first + datetime.timedelta(days=days * i) for i in range(count)]


def test_each_schedule_is_told_from_its_paydays() -> None:
    assert detect_schedule(_every(D(2025, 1, 3), 6, 7)) is PaySchedule.WEEKLY
    assert detect_schedule(_every(D(2025, 1, 3), 6, 14)) is PaySchedule.BIWEEKLY
    # The 15th and the last day, each moved to the Friday before a weekend: gaps of 13-17
    # days, only some of them 14.
    semimonthly = [D(2025, 1, 15), D(2025, 1, 31), D(2025, 2, 14), D(2025, 2, 28),
                   D(2025, 3, 14), D(2025, 3, 31)]  # fmt: skip
    assert detect_schedule(semimonthly) is PaySchedule.SEMIMONTHLY
    assert schedule_of(PaySchedule.SEMIMONTHLY, semimonthly).days_of_month == (15, LAST_DAY)
    monthly = [D(2025, 1, 24), D(2025, 2, 25), D(2025, 3, 25), D(2025, 4, 25)]
    assert detect_schedule(monthly) is PaySchedule.MONTHLY
    assert schedule_of(PaySchedule.MONTHLY, monthly).days_of_month == (25,)


def test_a_holiday_moves_one_payday_not_the_schedule() -> None:
    days = _every(D(2025, 1, 3), 8, 14)
    days[3] -= datetime.timedelta(days=1)  # a Thursday before a Friday holiday
    assert detect_schedule(days) is PaySchedule.BIWEEKLY


def test_two_paydays_are_too_few_to_tell() -> None:
    assert detect_schedule([D(2025, 1, 3), D(2025, 1, 17)]) is None


def test_paydays_to_come_skip_the_one_paid_early() -> None:
    """Paid Friday Jun 13 for the 15th (a Sunday): the next paydays are Jun 30, Jul 15..."""
    schedule = schedule_of(PaySchedule.SEMIMONTHLY, [D(2025, 5, 15), D(2025, 5, 30),
                                                      D(2025, 6, 13)])  # fmt: skip
    assert schedule.after(D(2025, 6, 13), D(2025, 7, 31)) == [
        D(2025, 6, 30), D(2025, 7, 15), D(2025, 7, 31)]  # fmt: skip
    biweekly = schedule_of(PaySchedule.BIWEEKLY, _every(D(2025, 11, 7), 3, 14))
    # The last payday moved to Thursday Dec 4 for a holiday: the next is Friday Dec 19.
    assert biweekly.after(D(2025, 12, 4), D(2025, 12, 31)) == [D(2025, 12, 19)]


@pytest.mark.parametrize(
    ("text", "deferred", "pay", "match"),
    [
        # 100% of 3% of 10,000 = 300, plus 50% of the next 2% (200) = 100: 400.
        ("100% of the first 3%, 50% of the next 2%", "600.00", "10000.00", "400.00"),
        # Deferring 4%: 300 + 50% of 100 = 350.
        ("100% of the first 3%, 50% of the next 2%", "400.00", "10000.00", "350.00"),
        ("100% of first 4%", "250.00", "10000.00", "250.00"),
        ("50% of 6%", "1000.00", "10000.00", "300.00"),
        ("100% of 3% then 50% of 2%", "0.00", "10000.00", "0.00"),
    ],
)
def test_match_formula(text: str, deferred: str, pay: str, match: str) -> None:
    formula = parse_match_formula(text)
    assert formula is not None
    assert formula.match(Decimal(deferred), Decimal(pay)) == Decimal(match)


def test_match_formula_reads_its_tiers_and_rejects_what_it_cant_read() -> None:
    formula = parse_match_formula("100% of the first 3%, 50% of the next 2%", true_up=True)
    assert formula is not None
    assert formula.tiers == (MatchTier(Decimal(1), Decimal("0.03")),
                             MatchTier(Decimal("0.5"), Decimal("0.02")))  # fmt: skip
    assert formula.true_up
    assert formula.describe() == (
        "100% of the first 3% of pay deferred, 50% of the next 2% of pay deferred, "
        "trued up after the year"
    )
    assert parse_match_formula("dollar for dollar") is None
    assert parse_match_formula("") is None
