"""The qualified-distribution test (IRC 408A(d)(2), 402A(d)(2)) and the 10% exceptions."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from megaroth.tax.ages import date_of_59_and_a_half
from megaroth.tax.five_year import FirstRothYears
from megaroth.tax.qualified import LifeEvents, QualifiedTest, qualified_test

d = datetime.date


def test_first_converted_2021_and_61_in_2024_is_not_qualified() -> None:
    # The first case: born 1963, so 59 1/2 on 2022-07-01 and 61 in 2024; the first
    # Roth IRA money is a 2021 conversion, so the period is 2021-2025 (Reg. 1.408A-6 Q&A-2).
    test = QualifiedTest("bob", 2024, LifeEvents(d(1963, 1, 1)), 2021)
    assert test.roth_ira_five_year_end == 2025
    assert not test.roth_ira_five_years_met
    assert not test.roth_ira_qualified(d(2024, 6, 1))
    situation = test.situation(d(2024, 6, 1))
    assert situation.over_59_half
    assert situation.exception
    assert not situation.qualified
    assert test.roth_ira_words().startswith("not qualified: the 5-taxable-year period that "
                                            "started on January 1, 2021 runs to December 31, "
                                            "2025")  # fmt: skip


def test_65_with_a_roth_ira_since_2012_is_qualified() -> None:
    test = QualifiedTest("ann", 2024, LifeEvents(d(1959, 3, 1)), 2012)
    assert test.roth_ira_qualified(d(2024, 6, 1))
    assert test.roth_ira_words().startswith("qualified: ")


def test_the_five_years_are_met_on_january_1_of_the_sixth_year() -> None:
    # First contribution for 2019 (even if made in April 2020): met from 2024.
    born_1950 = LifeEvents(d(1950, 1, 1))
    assert not QualifiedTest("x", 2023, born_1950, 2019).roth_ira_qualified(d(2023, 12, 31))
    assert QualifiedTest("x", 2024, born_1950, 2019).roth_ira_qualified(d(2024, 1, 1))


def test_59_and_a_half_mid_year_qualifies_from_that_day() -> None:
    test = QualifiedTest("x", 2024, LifeEvents(d(1965, 3, 14)), 2010)
    assert date_of_59_and_a_half(d(1965, 3, 14)) == d(2024, 9, 14)
    assert not test.roth_ira_qualified(d(2024, 9, 13))
    assert test.roth_ira_qualified(d(2024, 9, 14))
    assert test.roth_ira_words().startswith("qualified from 2024-09-14")


def test_death_and_disability_are_exceptions_from_their_day() -> None:
    events = LifeEvents(d(1980, 1, 1), death=d(2024, 5, 1))
    test = QualifiedTest("x", 2024, events, 2015)
    assert not test.roth_ira_qualified(d(2024, 4, 30))
    assert test.roth_ira_qualified(d(2024, 5, 1))
    assert test.situation(d(2024, 5, 1)).dead
    disabled = QualifiedTest("x", 2024, LifeEvents(disability=d(2023, 1, 1)), 2015)
    assert disabled.roth_ira_qualified(d(2024, 1, 2))
    assert disabled.situation(d(2024, 1, 2)).disabled


def test_no_birth_date_assumes_no_exception() -> None:
    assert not QualifiedTest("x", 2024, LifeEvents(), 2000).roth_ira_qualified(d(2024, 1, 1))


def test_designated_roth_uses_the_plans_own_period_and_never_a_first_home() -> None:
    # IRC 402A(d)(2): the plan's first Roth year (box 11), not the Roth IRA's; a first home
    # doesn't qualify a designated Roth distribution (402A(d)(2)(A) leaves out (iv)).
    events = LifeEvents(d(1960, 1, 1), first_home_year=2024, first_home_expenses=D("10000"))
    test = QualifiedTest("x", 2024, events, 2010, {"Assets:Acme401k": 2021})
    assert test.roth_ira_qualified(d(2024, 8, 1))
    assert not test.designated_roth_qualified("Assets:Acme401k", d(2024, 8, 1))
    old = QualifiedTest("x", 2024, events, None, {"Assets:Acme401k": 2019})
    assert old.designated_roth_qualified("Assets:Acme401k", d(2024, 8, 1))
    assert not old.designated_roth_qualified("Assets:Other401k", d(2024, 8, 1))
    young = QualifiedTest("x", 2024, LifeEvents(d(1990, 1, 1)), None, {"Assets:Acme401k": 2010})
    assert not young.designated_roth_qualified("Assets:Acme401k", d(2024, 8, 1))


def test_first_home_is_line_20_only_once_the_five_years_are_met() -> None:
    # Form 8606 line 20: qualified first-time homebuyer expenses, at most 10,000 less earlier
    # ones (IRC 72(t)(8)); before the 5 years are met the distribution is not qualified.
    events = LifeEvents(d(1990, 1, 1), first_home_year=2024, first_home_expenses=D("8000.00"))
    assert QualifiedTest("x", 2024, events, 2018).first_home_allowance == D("8000.00")
    assert QualifiedTest("x", 2024, events, 2021).first_home_allowance == D("0.00")
    assert QualifiedTest("x", 2025, events, 2018).first_home_allowance == D("0.00")


def test_the_test_is_built_from_the_first_roth_years_the_walk_found() -> None:
    years = FirstRothYears()
    years.note_roth_ira("alice", 2021)
    years.note_roth_ira("alice", 2020)  # a contribution for 2020 made in 2021
    years.note_plan("Assets:Acme401k", 2019)
    years.note_plan("Assets:BobPlan", 2015)
    owners = {"Assets:Acme401k": "alice", "Assets:BobPlan": "bob"}
    test = qualified_test("alice", 2025, LifeEvents(), years, owners)
    assert (test.roth_ira_first_year, dict(test.plan_first_years)) == (
        2020, {"Assets:Acme401k": 2019})  # fmt: skip


def test_the_qualified_test_in_words_for_each_case() -> None:
    """What the page and the packet say: no Roth IRA money; the period met and 59 1/2 long
    past; the period running, nothing recorded; the period met, 59 1/2 still to come."""
    events = LifeEvents(d(1950, 1, 1))
    assert QualifiedTest("x", 2024, events, None).roth_ira_words() == (
        "no Roth IRA money yet, so no 5-taxable-year period has started"
    )
    assert QualifiedTest("x", 2024, events, 2010).roth_ira_words() == (
        "qualified: the 5-taxable-year period that started on January 1, 2010 is met; 59 1/2, "
        "death or disability applies from 2009-07-01 (IRC 408A(d)(2))"
    )
    assert QualifiedTest("x", 2024, LifeEvents(), 2022).roth_ira_words() == (
        "not qualified: the 5-taxable-year period that started on January 1, 2022 runs to "
        "December 31, 2026; no 59 1/2 (birth-date), death or disability is recorded "
        "(IRC 408A(d)(2))"
    )
    young = LifeEvents(d(1971, 1, 1))
    assert QualifiedTest("x", 2024, young, 2010).roth_ira_words() == (
        "not qualified: the 5-taxable-year period that started on January 1, 2010 is met; "
        "59 1/2, death or disability comes only on 2030-07-01 (IRC 408A(d)(2))"
    )
