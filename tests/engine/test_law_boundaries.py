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


def checks(text: str) -> list[str]:
    """The check of every error and finding a ledger gives."""
    _, errors, _ = load(COMMON + text)
    return [getattr(e, "check", "") for e in errors]


# 55 at separation from service (IRC 72(t)(2)(A)(v)); 50 for public safety (72(t)(10)) -----
#
# The exception counts the age reached in the year of separation: born 1969-06-15, someone
# who leaves on the last day of 2023 (the year they turn 54) is not spared; on the first day
# of 2024 (the year they turn 55), they are, even before the birthday.


def separated(born: str, left: str, *, public_safety: bool = False) -> str:
    flag = "  public-safety-employee: TRUE\n" if public_safety else ""
    return (
        person("sam", born)
        + plan("Assets:Sam401k", "sam").replace(
            "  in-plan-conversion: TRUE\n",
            f"  in-plan-conversion: TRUE\n  separation-date: {left}\n" + flag,
        )
        + """
2020-01-10 * "Payroll"
  Assets:Sam401k:PreTax  5000.00 USD
  Income:Salary
2024-09-02 * "Plan" "Paid out after leaving"
  Assets:Sam401k:PreTax  -5000.00 USD
  Assets:Checking
"""
    )


@pytest.mark.parametrize(
    ("left", "code"),
    [("2023-12-31", "1"), ("2024-01-01", "2"), ("2024-01-02", "2")],
)
def test_a_plan_payout_after_leaving_in_the_year_of_55_is_code_2(left: str, code: str) -> None:
    """Sam, born 1969-06-15, leaves the employer on the day given and is paid out on
    2024-09-02, at 55 and under 59 1/2: code 2 (exception applies) when he left in or after
    the year he turned 55, code 1 when he left in the year before."""
    analysis, errors = analysed(separated("1969-06-15", left))
    assert errors == []
    assert codes(analysis) == [code]


@pytest.mark.parametrize(("left", "code"), [("2024-09-02", "2"), ("2024-09-03", "1")])
def test_a_payout_on_the_day_of_leaving_comes_after_the_separation(left: str, code: str) -> None:
    """Paid out on 2024-09-02, the day Sam leaves: after the separation (code 2); had he
    left the day after, it was paid while he still worked there (code 1)."""
    analysis, _ = analysed(separated("1969-06-15", left))
    assert codes(analysis) == [code]


@pytest.mark.parametrize(
    ("left", "code"),
    [("2018-12-31", "1"), ("2019-01-01", "2"), ("2019-01-02", "2")],
)
def test_a_public_safety_employee_is_spared_from_the_year_of_50(left: str, code: str) -> None:
    """A qualified public safety employee of a governmental plan, born 1969-06-15, turns 50
    in 2019: leaving from 2019-01-01 spares the 2024 payout (code 2), leaving on 2018-12-31
    doesn't (IRC 72(t)(10))."""
    analysis, errors = analysed(separated("1969-06-15", left, public_safety=True))
    assert errors == []
    assert codes(analysis) == [code]


# 60 days (IRC 402(c)(3)(A), 408(d)(3)(A)): put back within 60 days of the day received ---

ROLLED = (
    person("una", "1980-01-01")
    + ira("Assets:UnaIRA", "traditional", "una")
    + ira("Assets:UnaIRA2", "traditional", "una")
    + """
2024-01-10 * "Old 401(k) rolled over"
  Assets:UnaIRA  5000.00 USD
  Equity:Opening
2024-12-20 * "Broker" "IRA distribution, to roll over"
  indirect-rollover: TRUE
  Assets:UnaIRA  -5000.00 USD
  Assets:Checking
{day} * "Other broker" "Put back"
  indirect-rollover: TRUE
  Assets:UnaIRA2  5000.00 USD
  Assets:Checking
"""
)


@pytest.mark.parametrize(
    ("day", "late"),
    [("2025-02-17", False), ("2025-02-18", False), ("2025-02-19", True)],
)
def test_a_redeposit_on_the_60th_day_is_a_rollover_and_on_the_61st_is_not(
    day: str, late: bool
) -> None:
    """Paid out 2024-12-20: 2025-02-18 is the 60th day. Put back on day 59 or 60 it is a
    rollover; on day 61 an error (rollover-late) and the 5,000 a distribution on Form 8606
    line 7."""
    analysis, _ = analysed(ROLLED.format(day=day))
    assert ("rollover-late" in checks(ROLLED.format(day=day))) is late
    line7 = build_report(analysis, 2024, "una")["people"]["una"]["form_8606"]["line7"]
    assert line7 == ("5000.00" if late else "0.00")


# One IRA-to-IRA rollover per 12 months (IRC 408(d)(3)(B)): the 1-year period ending on the
# day the second distribution is received --------------------------------------------------

TWICE = (
    person("vic", "1985-01-01")
    + ira("Assets:VicIRA1", "traditional", "vic")
    + ira("Assets:VicIRA2", "traditional", "vic")
    + """
2023-12-31 * "Broker" "Pre-tax IRA money, as grown"
  Assets:VicIRA1  20000.00 USD
  Assets:VicIRA2  20000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "Broker 1" "IRA distribution"
  indirect-rollover: TRUE
  Assets:VicIRA1  -8000.00 USD
  Assets:Checking
2024-03-10 * "Broker 2" "Put back"
  indirect-rollover: TRUE
  Assets:VicIRA2   8000.00 USD
  Assets:Checking
{day} * "Broker 2" "IRA distribution"
  indirect-rollover: TRUE
  Assets:VicIRA2  -4000.00 USD
  Assets:Checking
{back} * "Broker 1" "Put back"
  indirect-rollover: TRUE
  Assets:VicIRA1   4000.00 USD
  Assets:Checking
"""
)


@pytest.mark.parametrize(
    ("day", "back", "refused"),
    [("2025-02-28", "2025-03-05", True), ("2025-03-01", "2025-03-06", False),
     ("2025-03-02", "2025-03-07", False)],
)  # fmt: skip
def test_a_second_ira_rollover_is_refused_until_a_year_after_the_first(
    day: str, back: str, refused: bool
) -> None:
    """The first IRA-to-IRA rollover's money was received on 2024-03-01. A second one
    received on 2025-02-28 is within the 1-year period and refused (rollover-once-a-year);
    from 2025-03-01 the period that ends that day no longer holds 2024-03-01 (Announcement
    2014-15; Pub 590-A)."""
    text = TWICE.format(day=day, back=back)
    assert ("rollover-once-a-year" in checks(text)) is refused


# The due date with extensions, October 15 (Reg. 1.408A-5 Q&A-1; IRC 408(d)(4)) ------------

RECHARACTERIZED = (
    person("bob", "1980-05-01")
    + ira("Assets:BobIRA", "traditional", "bob")
    + ira("Assets:BobRothIRA", "roth", "bob")
    + """
2024-02-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:BobRothIRA  7000.00 USD
  Assets:Checking
{day} * "Broker" "2024 Roth IRA contribution recharacterized as traditional"
  recharacterized: 7000.00 USD
  tax-year: 2024
  Assets:BobRothIRA  -7000.00 USD
  Assets:BobIRA       7000.00 USD
"""
)

AROUND_OCTOBER_15 = [("2025-10-14", False), ("2025-10-15", False), ("2025-10-16", True)]


@pytest.mark.parametrize(("day", "late"), AROUND_OCTOBER_15)
def test_a_recharacterization_is_in_time_until_october_15(day: str, late: bool) -> None:
    """A 2024 contribution may be recharacterized until the due date of the 2024 return with
    extensions, 2025-10-15; the day after it is too late (recharacterization-late)."""
    assert ("recharacterization-late" in checks(RECHARACTERIZED.format(day=day))) is late


RETURNED = (
    person("ida", "1990-02-01")
    + ira("Assets:IdaIRA", "traditional", "ida")
    + """
2024-01-15 * "Bank" "IRA contribution for 2024"
  Assets:IdaIRA  8000.00 USD
  Assets:Checking
{day} * "Broker" "Excess contribution returned"
  returned-contribution: 1000.00 USD
  tax-year: 2024
  Assets:IdaIRA  -1000.00 USD
  Assets:Checking
"""
)


@pytest.mark.parametrize(("day", "late"), AROUND_OCTOBER_15)
def test_an_ira_excess_is_returned_in_time_until_october_15(day: str, late: bool) -> None:
    """An excess IRA contribution for 2024 taken back with its earnings by the due date with
    extensions (2025-10-15) counts as never made (IRC 408(d)(4)); the day after, it is late
    (correction-late)."""
    assert ("correction-late" in checks(RETURNED.format(day=day))) is late


# April 15: an excess deferral returned by April 15 of the next year (IRC 402(g)(2)) ------

EXCESS_DEFERRAL = (
    person("kai", "1990-01-01")
    + plan("Assets:Kai401k", "kai")
    + """
2024-06-15 * "Payroll"
  Assets:Kai401k:PreTax  25000.00 USD
  Income:Salary
{day} * "Plan" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:Kai401k:PreTax  -2000.00 USD
  Assets:Checking
"""
)


@pytest.mark.parametrize(
    ("day", "late"), [("2025-04-14", False), ("2025-04-15", False), ("2025-04-16", True)]
)
def test_an_excess_deferral_is_returned_in_time_until_april_15(day: str, late: bool) -> None:
    """2,000 deferred over the 2024 limit, returned by April 15, 2025, is taxed once (for
    2024); on April 16 it is late (correction-late), and the 402g-excess stands."""
    found = checks(EXCESS_DEFERRAL.format(day=day))
    assert ("correction-late" in found) is late


# 5 taxable years (IRC 408A(d)(2)(B), 402A(d)(2)(B), 408A(d)(3)(F)): January 1 of the first
# year through December 31 of the fifth ----------------------------------------------------

AROUND_JANUARY_1_2024 = [("2023-12-31", False), ("2024-01-01", True), ("2024-01-02", True)]


@pytest.mark.parametrize(("day", "met"), AROUND_JANUARY_1_2024)
def test_a_roth_ira_is_qualified_from_the_first_day_of_its_sixth_year(day: str, met: bool) -> None:
    """Ann, 64, made her first Roth IRA contribution on 2020-04-10 for 2019 (``tax-year``:
    made by April 15, it counts for the year before, and so does her period: Reg. 1.408A-6
    Q&A-2; a later contribution doesn't move it). The period runs 2019-2023: a distribution
    on 2023-12-31 is not qualified (code T), one on 2024-01-01 is (code Q)."""
    analysis, errors = analysed(
        person("ann", "1960-01-01")
        + ira("Assets:AnnRothIRA", "roth", "ann")
        + f"""
2020-04-10 * "Bank" "Roth IRA contribution for 2019"
  tax-year: 2019
  Assets:AnnRothIRA  6000.00 USD
  Assets:Checking
2021-02-01 * "Bank" "Roth IRA contribution for 2021"
  Assets:AnnRothIRA  1000.00 USD
  Assets:Checking
{day} * "Broker" "Withdrawal"
  Assets:AnnRothIRA  -1000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert codes(analysis)[-1] == ("Q" if met else "T")


@pytest.mark.parametrize(("day", "met"), AROUND_JANUARY_1_2024)
def test_a_designated_roth_payout_is_qualified_from_the_sixth_year_of_its_plan(
    day: str, met: bool
) -> None:
    """Dee, 63, first deferred Roth money to her plan in 2019 (box 11; more in 2021): the
    plan's period runs 2019-2023. 6,000 paid out (5,000 deferred, 1,000 earned) on
    2023-12-31 taxes the 1,000 of earnings (code B); from 2024-01-01 it is a qualified
    distribution, nothing taxable (IRC 402A(d)(2))."""
    analysis, errors = analysed(
        person("dee", "1960-01-01")
        + plan("Assets:Dee401k", "dee")
        + f"""
2019-03-01 * "Payroll"
  Assets:Dee401k:Roth  4000.00 USD
  Income:Salary
2021-03-01 * "Payroll"
  Assets:Dee401k:Roth  1000.00 USD
  Income:Salary
2022-12-31 * "Growth"
  Assets:Dee401k:Roth  1000.00 USD
  Income:Retirement:MarketValue
{day} * "Plan" "Paid out"
  Assets:Dee401k:Roth  -6000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    (payout,) = [m for m in analysis.basis.movements if m.kind.value == "distribution"]
    assert (payout.code, payout.taxable) == (("B", D("0.00")) if met else ("B", D("1000.00")))
    (form,) = build_report(analysis, int(day[:4]), "dee")["form_1099r"]
    assert form["expected"]["box11"] == 2019


@pytest.mark.parametrize(("day", "exposed"), [("2024-12-31", True), ("2025-01-01", False),
                                              ("2025-01-02", False)])  # fmt: skip
def test_a_conversion_owes_the_10_percent_until_its_fifth_year_ends(
    day: str, exposed: bool
) -> None:
    """Finn, 39, converts 5,000 of pre-tax IRA money in 2020: its own 5-year period runs
    2020-2024 (IRC 408A(d)(3)(F)). Taken out on 2024-12-31, the 5,000 owes the 10%; from
    2025-01-01 it doesn't."""
    analysis, errors = analysed(
        person("finn", "1985-01-01")
        + ira("Assets:FinnIRA", "traditional", "finn")
        + ira("Assets:FinnRothIRA", "roth", "finn")
        + f"""
2020-01-10 * "Old 401(k) rolled over"
  Assets:FinnIRA  5000.00 USD
  Equity:Opening
2020-02-01 * "Broker" "Conversion"
  Assets:FinnIRA      -5000.00 USD
  Assets:FinnRothIRA   5000.00 USD
{day} * "Broker" "Withdrawal"
  Assets:FinnRothIRA  -5000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    finn = build_report(analysis, int(day[:4]), "finn")["people"]["finn"]
    assert finn["roth_ira"]["subject_to_10_percent"] == ("5000.00" if exposed else "0.00")
    clocks = [c["what"] for c in finn["five_year_clocks"]]
    assert ("ira-conversion of 2020-02-01" in clocks) is exposed


@pytest.mark.parametrize(("day", "box10"), [("2024-12-31", "10000.00"), ("2025-01-01", "0.00"),
                                            ("2025-01-02", "0.00")])  # fmt: skip
def test_box_10_holds_an_in_plan_roth_rollover_until_its_fifth_year_ends(
    day: str, box10: str
) -> None:
    """Gus, 39, rolls 10,000 of after-tax money into Roth inside his plan in 2020 (its 5-year
    period: 2020-2024). A designated Roth distribution of it all on 2024-12-31 reports the
    10,000 in box 10 (allocable to an IRR within 5 years: Instructions for Forms 1099-R, box
    10); from 2025-01-01, box 10 is 0."""
    analysis, errors = analysed(
        person("gus", "1985-01-01")
        + plan("Assets:Gus401k", "gus")
        + "2000-01-01 open Assets:Gus401k:IRR\n"
        + f"""
2020-01-10 * "Payroll"
  Assets:Gus401k:AfterTax  10000.00 USD
  Income:Salary
2020-01-20 * "Plan" "In-plan Roth rollover"
  Assets:Gus401k:AfterTax  -10000.00 USD
  Assets:Gus401k:IRR        10000.00 USD
{day} * "Plan" "Paid out"
  Assets:Gus401k:IRR  -10000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    year = int(day[:4])
    (form,) = [f for f in build_report(analysis, year, "gus")["form_1099r"] if "B" in f["code"]]
    assert form["expected"]["box10"] == box10


# Disability and death (IRC 72(t)(2)(A)(ii), (iii)): from their day -----------------------


@pytest.mark.parametrize(
    ("fact", "day", "code"),
    [("disability-date", "2024-04-30", "1"), ("disability-date", "2024-05-01", "3"),
     ("disability-date", "2024-05-02", "3"), ("death-date", "2024-04-30", "1"),
     ("death-date", "2024-05-01", "4"), ("death-date", "2024-05-02", "4")],
)  # fmt: skip
def test_disability_and_death_change_the_code_from_their_day(
    fact: str, day: str, code: str
) -> None:
    """Lee, 44, disabled (or dead) from 2024-05-01: a plan payout the day before is code 1,
    from that day code 3 (disability) or 4 (death, paid to a beneficiary)."""
    analysis, errors = analysed(
        person("lee", "1980-01-01").rstrip("\n")
        + f"\n  {fact}: 2024-05-01\n"
        + plan("Assets:Lee401k", "lee")
        + f"""
2020-01-10 * "Payroll"
  Assets:Lee401k:PreTax  5000.00 USD
  Income:Salary
{day} * "Plan" "Paid out"
  Assets:Lee401k:PreTax  -5000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert codes(analysis) == [code]


def test_box_10_of_a_direct_rollover_of_designated_roth_money_too() -> None:
    """The same IRR money rolled directly into a Roth IRA on 2024-12-31 (code H) reports the
    10,000 allocable to the IRR within its 5 years in box 10 as well, and box 11 its first
    Roth year."""
    analysis, errors = analysed(
        person("gus", "1985-01-01")
        + plan("Assets:Gus401k", "gus")
        + "2000-01-01 open Assets:Gus401k:IRR\n"
        + ira("Assets:GusRothIRA", "roth", "gus")
        + """
2020-01-10 * "Payroll"
  Assets:Gus401k:AfterTax  10000.00 USD
  Income:Salary
2020-01-20 * "Plan" "In-plan Roth rollover"
  Assets:Gus401k:AfterTax  -10000.00 USD
  Assets:Gus401k:IRR        10000.00 USD
2024-12-31 * "Plan" "Direct rollover to the Roth IRA"
  Assets:Gus401k:IRR  -10000.00 USD
  Assets:GusRothIRA    10000.00 USD
"""
    )
    assert errors == []
    (form,) = [f for f in build_report(analysis, 2024, "gus")["form_1099r"] if f["code"] == "H"]
    assert (form["expected"]["box10"], form["expected"]["box11"]) == ("10000.00", 2020)
