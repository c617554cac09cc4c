"""Qualified Roth distributions, and the exceptions that spare the 10% additional tax.

- **A Roth IRA distribution is qualified** (IRC 408A(d)(2)(A); Reg. 1.408A-6 Q&A-1(b)) when
  it is made after the 5-taxable-year period that starts on January 1 of the first year for
  which the owner made any contribution to any Roth IRA, regular, conversion or rollover
  (IRC 408A(d)(2)(B); Reg. 1.408A-6 Q&A-2; Reg. 1.408A-10 Q&A-4), AND on or after 59 1/2, to a
  beneficiary after the owner's death, because the owner is disabled (IRC 72(m)(7)), or for a
  first home (IRC 72(t)(8), 10,000 over a lifetime). Someone at 61 whose first Roth IRA money
  came in 2021 has a nonqualified distribution in 2024; at 65 with a Roth IRA since 2012, a
  qualified one.
- **A designated Roth distribution is qualified** (IRC 402A(d)(2)) after the plan's own
  5-taxable-year period (its first Roth contribution: 1099-R box 11) and on or after 59 1/2,
  death or disability; a first home doesn't count (402A(d)(2)(A) leaves out 408A(d)(2)(A)(iv)).
- **The 10% additional tax** (IRC 72(t)) spares distributions on or after 59 1/2, after death
  and on disability (72(t)(2)(A)(i)-(iii)); the same exceptions end a conversion's exposure
  within its own 5 years (IRC 408A(d)(3)(F), 402A(c)(4)(D)).

The facts come from the ``megaroth-person`` declaration (``birth-date``, ``death-date``,
``disability-date``, ``first-home-year`` and ``first-home-expenses``); a fact not recorded is
not assumed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from megaroth.tax.ages import date_of_59_and_a_half, is_59_and_a_half
from megaroth.tax.five_year import FirstRothYears, five_year_end, five_years_met
from megaroth.tax.form_1099r_codes import Situation
from megaroth.tax.money import ZERO

#: The lifetime limit of qualified first-time homebuyer distributions (IRC 72(t)(8)(B)).
FIRST_HOME_LIMIT = Decimal("10000.00")


@dataclass(frozen=True)
class LifeEvents:
    """What a person's declaration records for the qualified-distribution test."""

    birth_date: datetime.date | None = None
    death: datetime.date | None = None
    disability: datetime.date | None = None  # disabled (IRC 72(m)(7)) from this day
    first_home_year: int | None = None  # the year of a qualified first-time homebuyer use
    first_home_expenses: Decimal = ZERO  # its qualified acquisition costs

    @property
    def age_59_and_a_half(self) -> datetime.date | None:
        return date_of_59_and_a_half(self.birth_date)

    def dead(self, on: datetime.date) -> bool:
        return self.death is not None and on >= self.death

    def disabled(self, on: datetime.date) -> bool:
        return self.disability is not None and on >= self.disability

    def over_59_and_a_half(self, on: datetime.date) -> bool:
        return is_59_and_a_half(self.birth_date, on)

    def exception(self, on: datetime.date) -> bool:
        """59 1/2, death or disability by ``on``: the events that make Roth money qualified
        once its 5 years are met, and that spare the 10% additional tax."""
        return self.over_59_and_a_half(on) or self.dead(on) or self.disabled(on)

    @property
    def exception_from(self) -> datetime.date | None:
        """The first day 59 1/2, death or disability applies (None: none recorded)."""
        days = [d for d in (self.age_59_and_a_half, self.death, self.disability) if d]
        return min(days) if days else None


@dataclass(frozen=True)
class QualifiedTest:
    """Whether one person's Roth distributions of one year are qualified, and why.

    One test per person and year (the analysis keeps them): Form 8606 Part III leaves the
    qualified distributions out, the expected 1099-R codes follow it (Q, T or J; B or 1B) and
    the page says it in words.
    """

    person: str
    year: int
    events: LifeEvents
    # The first year of the person's Roth IRAs' period (None: no Roth IRA money yet).
    roth_ira_first_year: int | None
    # Each designated Roth account of the person: its plan and its first Roth year (box 11).
    plan_first_years: Mapping[str, int] = field(default_factory=dict)

    @property
    def roth_ira_five_years_met(self) -> bool:
        return five_years_met(self.roth_ira_first_year, self.year)

    @property
    def roth_ira_five_year_end(self) -> int | None:
        first = self.roth_ira_first_year
        return None if first is None else five_year_end(first)

    def roth_ira_qualified(self, on: datetime.date) -> bool:
        """A Roth IRA distribution on ``on`` is qualified (IRC 408A(d)(2)); a first home is
        counted on Form 8606 line 20 (:attr:`first_home_allowance`), not here."""
        return self.roth_ira_five_years_met and self.events.exception(on)

    def designated_roth_qualified(self, plan: str, on: datetime.date) -> bool:
        """A distribution of ``plan``'s designated Roth money on ``on`` is qualified
        (IRC 402A(d)(2)): the plan's period (box 11) and 59 1/2, death or disability."""
        return five_years_met(self.plan_first_years.get(plan), self.year) and (
            self.events.exception(on)
        )

    @property
    def first_home_allowance(self) -> Decimal:
        """Form 8606 line 20: the first-time homebuyer expenses of this year, at most 10,000
        over a lifetime, when the 5-year period is met (else the first home spares only the
        10%, IRC 72(t)(2)(F), and the distribution stays nonqualified)."""
        events = self.events
        if events.first_home_year != self.year or not self.roth_ira_five_years_met:
            return ZERO
        return min(events.first_home_expenses, FIRST_HOME_LIMIT)

    def situation(self, on: datetime.date, plan: str | None = None) -> Situation:
        """The owner on ``on`` as box 7 tells it; ``plan`` when designated Roth money of that
        plan is taken, else the Roth IRA test decides ``qualified``."""
        events = self.events
        qualified = (
            self.designated_roth_qualified(plan, on) if plan else self.roth_ira_qualified(on)
        )
        return Situation(
            events.over_59_and_a_half(on), events.dead(on), events.disabled(on), qualified
        )

    def roth_ira_words(self) -> str:
        """Whether this year's Roth IRA distributions are qualified, in words (the page)."""
        first = self.roth_ira_first_year
        if first is None:
            return "no Roth IRA money yet, so no 5-taxable-year period has started"
        period = (
            f"the 5-taxable-year period that started on January 1, {first} "
            + ("is met" if self.roth_ira_five_years_met else f"runs to December 31, "
               f"{five_year_end(first)}")
        )  # fmt: skip
        since = self.events.exception_from
        if since is None:
            event = "no 59 1/2 (birth-date), death or disability is recorded"
        elif since.year > self.year:
            event = f"59 1/2, death or disability comes only on {since}"
        else:
            event = f"59 1/2, death or disability applies from {since}"
        verdict = (
            "qualified" if self.roth_ira_five_years_met and since and since.year <= self.year
            else "not qualified"
        )  # fmt: skip
        if verdict == "qualified" and since and since.year == self.year:
            verdict = f"qualified from {since}"
        return f"{verdict}: {period}; {event} (IRC 408A(d)(2))"


def qualified_test(
    person: str,
    year: int,
    events: LifeEvents,
    first_roth_years: FirstRothYears,
    plan_owners: Mapping[str, str | None],
) -> QualifiedTest:
    """The test of ``person``'s Roth distributions in ``year``, from the first Roth years the
    walk found (each plan's box 11 year, each person's first Roth IRA year)."""
    plans = {plan: first for plan, first in first_roth_years.plans.items()
             if plan_owners.get(plan) == person}  # fmt: skip
    return QualifiedTest(person, year, events, first_roth_years.roth_iras.get(person), plans)
