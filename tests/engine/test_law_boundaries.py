"""Every age and date the law names, tested the day before, the day of and the day after.

Each boundary is tested through what a ledger gives (a 1099-R code, a limit, a finding, the
10% owed), not through the helper that computes it, so a mistake anywhere on the way (an
``>`` for ``>=``, 59 for 59 1/2, a range one year short) changes a figure here. Each test
says which mutant of the code it was written to catch (docs/testing.md).

Who is who: each test declares its own people, born so that the boundary falls on a date
the test names.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import build_report, load, without_findings

D = Decimal

COMMON = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 open Assets:Checking
2000-01-01 open Equity:Opening
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
"""


def person(name: str, born: str) -> str:
    return f'2000-01-01 custom "megaroth-person" "{name}"\n  birth-date: {born}\n'


def ira(account: str, kind: str, owner: str) -> str:
    return f'2000-01-01 open {account}\n  megaroth-ira: "{kind}"\n  owner: "{owner}"\n'


def plan(account: str, owner: str) -> str:
    return (
        f'2000-01-01 open {account}\n  megaroth-plan: "401k"\n  owner: "{owner}"\n'
        f'  employer: "{owner.title()} Corp"\n  in-plan-conversion: TRUE\n'
        + "".join(f"2000-01-01 open {account}:{s}\n" for s in ("PreTax", "Roth", "AfterTax"))
    )


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(COMMON + text)
    return analyse(entries, options), without_findings(errors)


def codes(analysis: Analysis) -> list[str]:
    return [m.code for m in analysis.basis.movements]


# 59 1/2 (IRC 72(t)(2)(A)(i)): six calendar months after the 59th birthday ----------------
#
# Born 1965-03-14: 59 on 2024-03-14, 59 1/2 on 2024-09-14. A mutant that decides at 59
# (2024-03-14) or only the day after 59 1/2 (``>`` for ``>=``) gives another code on one of
# these days.

AROUND_59_AND_A_HALF = [
    ("2024-03-13", False),  # the day before the 59th birthday
    ("2024-03-14", False),  # 59: not yet 59 1/2
    ("2024-09-13", False),  # the day before 59 1/2
    ("2024-09-14", True),  # the day of 59 1/2
    ("2024-09-15", True),  # the day after
]


@pytest.mark.parametrize(("day", "over"), AROUND_59_AND_A_HALF)
def test_an_ira_conversion_is_code_2_before_59_and_a_half_and_7_from_that_day(
    day: str, over: bool
) -> None:
    """Box 7 of a traditional IRA converted to a Roth IRA: 2 (early, exception: conversion)
    before 59 1/2, 7 (normal) from the day itself (Instructions for Forms 1099-R, codes 2
    and 7). Kills: 59 1/2 counted as 59; 59 1/2 reached only the day after."""
    analysis, errors = analysed(
        person("ivy", "1965-03-14")
        + ira("Assets:IvyIRA", "traditional", "ivy")
        + ira("Assets:IvyRothIRA", "roth", "ivy")
        + f"""
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:IvyIRA  7000.00 USD
  Assets:Checking
{day} * "Broker" "Conversion"
  Assets:IvyIRA      -7000.00 USD
  Assets:IvyRothIRA   7000.00 USD
"""
    )
    assert errors == []
    assert codes(analysis) == ["7" if over else "2"]
    (form,) = build_report(analysis, 2024, "ivy")["form_1099r"]
    assert form["code"] == ("7" if over else "2")


@pytest.mark.parametrize(("day", "over"), AROUND_59_AND_A_HALF)
def test_a_plan_payout_is_code_1_before_59_and_a_half_and_7_from_that_day(
    day: str, over: bool
) -> None:
    """Pre-tax plan money paid out: code 1 (early, no known exception) before 59 1/2, 7 from
    the day (IRC 72(t)(2)(A)(i)); the 10% additional tax follows the code."""
    analysis, errors = analysed(
        person("ivy", "1965-03-14")
        + plan("Assets:Ivy401k", "ivy")
        + f"""
2024-01-10 * "Payroll"
  Assets:Ivy401k:PreTax  5000.00 USD
  Income:Salary
{day} * "Plan" "Paid out"
  Assets:Ivy401k:PreTax  -5000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert codes(analysis) == ["7" if over else "1"]


@pytest.mark.parametrize(("day", "over"), AROUND_59_AND_A_HALF)
def test_a_roth_ira_distribution_is_j_before_59_and_a_half_and_t_from_that_day(
    day: str, over: bool
) -> None:
    """A Roth IRA whose 5 years are not met (first money in 2022): code J (early) before
    59 1/2, T (exception applies, period not known to be met) from the day; the 2022
    conversion's taxable 5,000 is subject to the 10% only before 59 1/2 (IRC
    408A(d)(3)(F)); the words of the qualified test name 59 1/2's day."""
    analysis, errors = analysed(
        person("ivy", "1965-03-14")
        + ira("Assets:IvyIRA", "traditional", "ivy")
        + ira("Assets:IvyRothIRA", "roth", "ivy")
        + f"""
2022-01-10 * "Old 401(k) rolled over"
  Assets:IvyIRA  5000.00 USD
  Equity:Opening
2022-02-01 * "Broker" "Conversion"
  Assets:IvyIRA      -5000.00 USD
  Assets:IvyRothIRA   5000.00 USD
{day} * "Broker" "Withdrawal"
  Assets:IvyRothIRA  -5000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert codes(analysis)[-1] == ("T" if over else "J")
    ivy = build_report(analysis, 2024, "ivy")["people"]["ivy"]
    (clock,) = [c for c in ivy["five_year_clocks"] if c["what"] == "ira-conversion of 2022-02-01"]
    assert clock["subject_to_10_percent"] == ("0.00" if over else "5000.00")
    # The page and the packet say from which day: 59 1/2, not the 59th birthday.
    assert "59 1/2, death or disability applies from 2024-09-14" in ivy["roth_ira"]["qualified"]


# Catch-up at 50 (IRC 414(v)(5), 219(b)(5)(B)): the age reached by December 31 ------------
#
# In 2024, someone born 1974-12-31 turns 50 on the last day of the year and may make the
# catch-up all year; born 1975-01-01, they turn 50 only in 2025.

AROUND_50_IN_2024 = [
    ("1974-12-30", True),  # 50 the day before Dec 31
    ("1974-12-31", True),  # 50 on Dec 31 itself
    ("1975-01-01", False),  # 50 the day after the year ends: 49 all of 2024
]


@pytest.mark.parametrize(("born", "catch_up"), AROUND_50_IN_2024)
def test_402g_catch_up_from_the_year_one_turns_50_by_december_31(born: str, catch_up: bool) -> None:
    """30,500 deferred in 2024 is the 23,000 limit plus the 7,500 catch-up for whoever is 50
    by Dec 31; 7,500 over the limit for whoever turns 50 a day later. Kills: catch-up only
    after 50 (``<=`` for ``<``)."""
    analysis, _ = analysed(
        person("hal", born)
        + plan("Assets:Hal401k", "hal")
        + '2024-03-01 * "Payroll"\n  Assets:Hal401k:PreTax  30500.00 USD\n  Income:Salary\n'
    )
    (usage,) = analysis.usage.deferrals
    assert usage.excess == (D(0) if catch_up else D("7500.00"))
    excesses = [f for f in analysis.findings if f.check == "402g-excess"]
    assert len(excesses) == (0 if catch_up else 1)


@pytest.mark.parametrize(("born", "catch_up"), AROUND_50_IN_2024)
def test_ira_catch_up_from_the_year_one_turns_50_by_december_31(born: str, catch_up: bool) -> None:
    """8,000 to an IRA in 2024 is the 7,000 limit plus the 1,000 catch-up at 50 by Dec 31
    (IRC 219(b)(5)(B)); 1,000 too much otherwise, an ira-excess finding."""
    analysis, _ = analysed(
        person("hal", born)
        + ira("Assets:HalIRA", "traditional", "hal")
        + '2024-02-01 * "Bank"\n  Assets:HalIRA  8000.00 USD\n  Assets:Checking\n'
    )
    (usage,) = analysis.usage.iras
    assert (usage.limit, usage.excess) == ((D(8000), D(0)) if catch_up else (D(7000), D("1000.00")))
    assert [f.check for f in analysis.findings if f.check == "ira-excess"] == (
        [] if catch_up else ["ira-excess"]
    )


# The 60-63 catch-up (SECURE 2.0 section 109): from 2025, for a year one turns 60 to 63 ----

AROUND_60_TO_63_IN_2025 = [
    ("1966-01-01", "7500"),  # turns 60 in 2026: 59 all of 2025
    ("1965-12-31", "11250"),  # turns 60 on Dec 31, 2025
    ("1965-01-01", "11250"),  # 60 from the first day of 2025
    ("1962-01-01", "11250"),  # turns 63 in 2025
    ("1962-12-31", "11250"),  # turns 63 on Dec 31, 2025
    ("1961-12-31", "7500"),  # turns 64 on Dec 31, 2025
]


@pytest.mark.parametrize(("born", "catch_up"), AROUND_60_TO_63_IN_2025)
def test_the_60_to_63_catch_up_covers_the_years_one_turns_60_61_62_and_63(
    born: str, catch_up: str
) -> None:
    """34,750 deferred in 2025 is 23,500 plus the 11,250 catch-up of a year one turns 60 to
    63; at 59 or 64 the catch-up is 7,500 and 3,750 is an excess. Kills: the range narrowed
    to 61-63 or to 60-62."""
    analysis, _ = analysed(
        person("hal", born)
        + plan("Assets:Hal401k", "hal")
        + '2025-03-01 * "Payroll"\n  Assets:Hal401k:PreTax  34750.00 USD\n  Income:Salary\n'
    )
    (usage,) = analysis.usage.deferrals
    assert usage.catch_up_limit == D(catch_up)
    assert usage.excess == (D(0) if catch_up == "11250" else D("3750.00"))


@pytest.mark.parametrize(("year", "catch_up"), [("2024", "7500"), ("2025", "11250")])
def test_the_60_to_63_catch_up_starts_in_2025(year: str, catch_up: str) -> None:
    """Someone who is 60 in 2024 and 61 in 2025 gets the ordinary catch-up in 2024 (the
    60-63 one doesn't exist yet) and 11,250 in 2025."""
    analysis, _ = analysed(
        person("hal", "1964-06-01")
        + plan("Assets:Hal401k", "hal")
        + f'{year}-03-01 * "Payroll"\n  Assets:Hal401k:PreTax  1000.00 USD\n  Income:Salary\n'
    )
    (usage,) = analysis.usage.deferrals
    assert usage.catch_up_limit == D(catch_up)
