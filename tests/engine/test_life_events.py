"""Death, disability and a first home on ``megaroth-person``: read with clear errors, and used
by the qualified-distribution test, Form 8606 line 20 and the 1099-R codes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import build_report, load, messages, without_findings

D = Decimal

ACCOUNTS = """
plugin "megaroth.plugins"
2000-01-01 open Assets:Checking
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:IvyIRA
  megaroth-ira: "traditional"
  owner: "ivy"
2000-01-01 open Assets:IvyRothIRA
  megaroth-ira: "roth"
  owner: "ivy"
2015-03-01 * "Bank" "Roth IRA contribution"
  Assets:IvyRothIRA  3000.00 USD
  Assets:Checking
2023-12-31 * "Broker" "Growth"
  Assets:IvyRothIRA  17000.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Bank" "IRA contribution"
  Assets:IvyIRA  7000.00 USD
  Assets:Checking
"""


def analysed(person: str, text: str = "") -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(ACCOUNTS + person + text)
    return analyse(entries, options), without_findings(errors)


def test_the_facts_are_read() -> None:
    analysis, errors = analysed(
        """
2000-01-01 custom "megaroth-person" "ivy"
  birth-date: 1989-01-01
  death-date: 2025-02-01
  disability-date: 2023-06-01
  first-home-year: 2024
  first-home-expenses: 8000.00 USD
"""
    )
    assert errors == []
    events = analysis.household.life_events("ivy")
    assert (events.death, events.disability) == (datetime.date(2025, 2, 1),
                                                  datetime.date(2023, 6, 1))  # fmt: skip
    assert (events.first_home_year, events.first_home_expenses) == (2024, D("8000.00"))


def test_a_first_home_once_the_five_years_are_met_is_line_20() -> None:
    """Ivy, 35, Roth IRA since 2015 (3,000 contributed, worth 20,000), takes 15,000 in 2024 for
    a first home with 10,000 of qualified acquisition costs (IRC 72(t)(8)). Her period
    (2015-2019) is met but she is under 59 1/2: not qualified, so Part III: 19 = 15,000;
    20 = 10,000; 21 = 5,000; 22 = 3,000; 23 = 2,000; 24 = 0; 25a = 25c = 2,000. Code J:
    custodians don't code a first home."""
    analysis, errors = analysed(
        """
2000-01-01 custom "megaroth-person" "ivy"
  birth-date: 1989-01-01
  first-home-year: 2024
  first-home-expenses: 10000.00 USD
""",
        """
2024-05-01 * "Broker" "For the house"
  Assets:IvyRothIRA  -15000.00 USD
  Assets:Checking
""",
    )
    assert errors == []
    lines = build_report(analysis, 2024, "ivy")["people"]["ivy"]["form_8606"]
    assert [lines[f"line{n}"] for n in ("19", "20", "21", "22", "23", "24", "25c")] == [
        "15000.00", "10000.00", "5000.00", "3000.00", "2000.00", "0.00", "2000.00"]  # fmt: skip
    (distribution,) = [m for m in analysis.basis.movements if m.payer == "Assets:IvyRothIRA"]
    assert distribution.code == "J"


def test_disability_qualifies_roth_money_and_codes_the_ira_3() -> None:
    """Ivy, 35 and disabled since 2023-06-01 (IRC 72(m)(7)), Roth IRA since 2015: her 2024
    Roth IRA distribution is qualified (code Q, nothing on Part III, nothing taxable); a
    traditional IRA distribution is code 3 (disability), not 1."""
    analysis, errors = analysed(
        """
2000-01-01 custom "megaroth-person" "ivy"
  birth-date: 1989-01-01
  disability-date: 2023-06-01
""",
        """
2024-05-01 * "Broker" "Roth IRA withdrawal"
  Assets:IvyRothIRA  -5000.00 USD
  Assets:Checking
2024-05-01 * "Broker" "IRA withdrawal"
  Assets:IvyIRA  -2000.00 USD
  Assets:Checking
""",
    )
    assert errors == []
    codes = {m.payer: (m.code, m.taxable) for m in analysis.basis.movements}
    assert codes["Assets:IvyRothIRA"] == ("Q", D("0.00"))
    assert codes["Assets:IvyIRA"][0] == "3"
    assert analysis.roth["ivy"].part_iii[2024].line19 == D("0")


def test_after_death_distributions_go_to_beneficiaries_code_4() -> None:
    """Ivy died on 2024-03-01: the IRA's payment to her beneficiary is code 4, whatever her
    age; the Roth IRA's (period met, death) is qualified: Q."""
    analysis, errors = analysed(
        """
2000-01-01 custom "megaroth-person" "ivy"
  birth-date: 1989-01-01
  death-date: 2024-03-01
""",
        """
2024-05-01 * "Broker" "To the beneficiary"
  Assets:IvyRothIRA  -5000.00 USD
  Assets:Checking
2024-05-01 * "Broker" "To the beneficiary"
  Assets:IvyIRA  -2000.00 USD
  Assets:Checking
""",
    )
    assert errors == []
    assert {m.payer: m.code for m in analysis.basis.movements} == {
        "Assets:IvyRothIRA": "Q", "Assets:IvyIRA": "4"}  # fmt: skip


def test_facts_that_cant_be_read_are_errors_that_say_what_to_write() -> None:
    _, errors = analysed(
        """
2000-01-01 custom "megaroth-person" "ivy"
  birth-date: 1989-01-01
  death-date: "soon"
  disability-date: 2023
  first-home-year: 2024
2000-01-01 custom "megaroth-person" "jo"
  first-home-year: 2024
  first-home-expenses: 12000.00 USD
2000-01-01 custom "megaroth-person" "kim"
  first-home-year: "last year"
  first-home-expenses: 5000.00 USD
"""
    )
    assert messages(errors) == [
        "Person \"ivy\": death-date 'soon' is not a date. Write it as a date without quotes, "
        "year-month-day, e.g.  death-date: 2025-03-14  (distributions from that day go to "
        "beneficiaries: box 7 code 4, and Roth money may be qualified).",
        "Person \"ivy\": disability-date Decimal('2023') is not a date. Write it as a date "
        "without quotes, year-month-day, e.g.  disability-date: 2025-03-14  (disabled within "
        "IRC 72(m)(7) from that day: no 10% additional tax, and Roth money may be qualified).",
        'Person "ivy": first-home-expenses is missing: a first home needs both lines. Record '
        "Roth IRA money used for a first home (IRC 72(t)(8)) with the year and its qualified "
        "acquisition costs, at most 10,000.00 over a lifetime, e.g.  first-home-year: 2000  "
        "and  first-home-expenses: 10000.00 USD",
        'Person "jo": first-home-expenses 12,000.00 is more than the lifetime limit of '
        "10,000.00 (IRC 72(t)(8)(B)). Record Roth IRA money used for a first home (IRC "
        "72(t)(8)) with the year and its qualified acquisition costs, at most 10,000.00 over "
        "a lifetime, e.g.  first-home-year: 2000  and  first-home-expenses: 10000.00 USD",
        "Person \"kim\": first-home-year 'last year' is not a year. Record Roth IRA money used "
        "for a first home (IRC 72(t)(8)) with the year and its qualified acquisition costs, "
        "at most 10,000.00 over a lifetime, e.g.  first-home-year: 2000  and  "
        "first-home-expenses: 10000.00 USD",
    ]
    assert all(e.source["lineno"] > 0 for e in errors)
