"""The 5-taxable-year periods of Roth money.

Each period runs from January 1 of its first year through December 31 of the fourth year
after: the year of the event and the four after it.

- A designated Roth account: from the first year of a Roth contribution to the plan
  (IRC 402A(d)(2)(B); 1099-R box 11).
- A person's Roth IRAs: from the first year of any contribution or conversion to any of them
  (IRC 408A(d)(2)(B)); it decides whether a distribution is qualified.
- Each in-plan Roth rollover, IRA conversion and plan rollover to a Roth IRA: its own period
  for the 10% additional tax on its taxable part (IRC 402A(c)(4)(D), 408A(d)(3)(F)).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The years after the first that a 5-taxable-year period still covers.
FIVE_YEARS = 4


def five_year_end(first_year: int) -> int:
    """The last year of the 5-taxable-year period that starts in ``first_year``."""
    return first_year + FIVE_YEARS


def five_years_met(first_year: int | None, year: int) -> bool:
    """Whether a distribution in ``year`` comes after the period that starts in ``first_year``
    (None: no period has started, so it can't be met)."""
    return first_year is not None and year > five_year_end(first_year)


@dataclass
class FirstRothYears:
    """The first year of each Roth 5-year period that runs per account or per person."""

    plans: dict[str, int] = field(default_factory=dict)  # plan account -> box 11's year
    roth_iras: dict[str, int] = field(default_factory=dict)  # person -> first Roth IRA year

    def note_plan(self, plan: str, year: int) -> None:
        self.plans[plan] = min(year, self.plans.get(plan, year))

    def note_roth_ira(self, person: str, year: int) -> None:
        """The earliest year wins: a contribution made by April 15 for the year before
        (``tax-year``) starts the period in that year (Reg. 1.408A-6 Q&A-2)."""
        self.roth_iras[person] = min(year, self.roth_iras.get(person, year))
