"""Ages as the rules count them.

- 59 1/2 (IRC 72(t)(2)(A)(i)): the day six calendar months after the 59th birthday; a
  distribution on or after it is not early (1099-R code 7, not 1 or 2).
- Catch-up eligibility (IRC 414(v)(5)): age on December 31 of the year, so someone turning
  50 in December may make catch-up contributions all year.
- Separation from service (IRC 72(t)(2)(A)(v)): a plan distribution after the employee left
  the employer in or after the year they turn 55 is spared the 10% additional tax (code 2);
  50 for a qualified public safety employee of a governmental plan (IRC 72(t)(10)). It
  never applies to IRAs (IRC 72(t)(3)(A)).
"""

from __future__ import annotations

import calendar
import datetime


def reaches_age(birth_date: datetime.date | None, years: int, months: int) -> datetime.date | None:
    """The day someone born on ``birth_date`` is ``years`` and ``months`` old (None: unknown).

    Counted in calendar months; a day the month lacks (Feb 31) is its last day.
    """
    if birth_date is None:
        return None
    total = birth_date.year * 12 + birth_date.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    day = min(birth_date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def age_at_least(
    birth_date: datetime.date | None, on: datetime.date, years: int, months: int
) -> bool:
    """Whether someone born on ``birth_date`` is at least ``years`` and ``months`` old on ``on``.

    Unknown birth dates are never old enough: megaroth doesn't assume an exception applies.
    """
    reached = reaches_age(birth_date, years, months)
    return reached is not None and on >= reached


def date_of_59_and_a_half(birth_date: datetime.date | None) -> datetime.date | None:
    """The day six calendar months after the 59th birthday (IRC 72(t)(2)(A)(i))."""
    return reaches_age(birth_date, 59, 6)


def is_59_and_a_half(birth_date: datetime.date | None, on: datetime.date) -> bool:
    """At least 59 1/2 on ``on`` (IRC 72(t)(2)(A)(i))."""
    return age_at_least(birth_date, on, 59, 6)


def age_on_dec_31(birth_date: datetime.date | None, year: int) -> int | None:
    """The age someone reaches in ``year`` (catch-up counts it on Dec 31, IRC 414(v)(5))."""
    return None if birth_date is None else year - birth_date.year


#: The age by the end of the year of separation from service that spares a plan distribution
#: the 10% additional tax (IRC 72(t)(2)(A)(v)), and for a qualified public safety employee
#: of a governmental plan (IRC 72(t)(10)).
SEPARATION_AGE, PUBLIC_SAFETY_SEPARATION_AGE = 55, 50


def separated_at_55(
    birth_date: datetime.date | None,
    separation: datetime.date | None,
    on: datetime.date,
    public_safety: bool = False,
) -> bool:
    """A plan distribution on ``on`` comes after a separation from service in or after the
    year the employee turns 55 (50, public safety): the exception of IRC 72(t)(2)(A)(v).
    Unknown dates never make it apply."""
    if birth_date is None or separation is None or on < separation:
        return False
    age = separation.year - birth_date.year  # the age reached in the year of separation
    return age >= (PUBLIC_SAFETY_SEPARATION_AGE if public_safety else SEPARATION_AGE)
