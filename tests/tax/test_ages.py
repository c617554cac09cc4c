"""Ages as the rules count them: 59 1/2 to the day, catch-up by Dec 31."""

from __future__ import annotations

import datetime

import pytest

from megaroth.tax.ages import age_on_dec_31, is_59_and_a_half, separated_at_55

d = datetime.date


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (d(1965, 3, 14), d(2024, 9, 13), False),  # the day before 59 1/2
        (d(1965, 3, 14), d(2024, 9, 14), True),  # six months after the 59th birthday
        (d(1965, 8, 31), d(2025, 2, 27), False),  # no Feb 31: the end of February
        (d(1965, 8, 31), d(2025, 2, 28), True),
        (d(1964, 8, 29), d(2024, 2, 28), False),  # a leap year has Feb 29
        (d(1964, 8, 29), d(2024, 2, 29), True),
        (None, d(2024, 1, 1), False),  # no birth date: no exception assumed
    ],
)
def test_59_and_a_half(born: datetime.date | None, on: datetime.date, expected: bool) -> None:
    assert is_59_and_a_half(born, on) is expected


def test_catch_up_age_is_the_age_reached_by_dec_31() -> None:
    assert age_on_dec_31(d(1974, 12, 31), 2024) == 50
    assert age_on_dec_31(None, 2024) is None


def test_separation_from_service_in_or_after_the_year_of_55() -> None:
    """IRC 72(t)(2)(A)(v): the year of separation decides, not the age at the distribution;
    72(t)(10): 50 for a qualified public safety employee."""
    born = datetime.date(1969, 7, 1)  # turns 55 in 2024
    left = datetime.date(2024, 1, 15)  # still 54 that day: the year counts
    assert separated_at_55(born, left, datetime.date(2024, 2, 1))
    assert not separated_at_55(born, left, datetime.date(2024, 1, 14))  # before leaving
    assert not separated_at_55(born, datetime.date(2023, 12, 31), datetime.date(2026, 1, 1))
    assert separated_at_55(datetime.date(1974, 3, 1), datetime.date(2024, 5, 31),
                           datetime.date(2024, 8, 1), public_safety=True)  # fmt: skip
    assert not separated_at_55(None, left, datetime.date(2025, 1, 1))
