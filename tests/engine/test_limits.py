"""Annual limits and the checklist, through the plugins: the figures and messages of
docs/tax-rules.md, "Annual limits" and "The checklist"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from megaroth.engine.analysis import Analysis, analyse
from megaroth.tax.limits import LIMITS, roth_allowed
from tests.conftest import load

D = Decimal


def person(name: str, birth: str | None) -> str:
    line = f'2000-01-01 custom "megaroth-person" "{name}"\n'
    return line + (f"  birth-date: {birth}\n" if birth else "")


def plan(account: str, owner: str, employer: str, *, convertible: bool = True) -> str:
    flag = "TRUE" if convertible else "FALSE"
    return (
        f'2000-01-01 open {account}\n  megaroth-plan: "401k"\n  owner: "{owner}"\n'
        f'  employer: "{employer}"\n  in-plan-conversion: {flag}\n'
        f"2000-01-01 open {account}:PreTax\n2000-01-01 open {account}:Roth\n"
        f"2000-01-01 open {account}:Match\n2000-01-01 open {account}:AfterTax\n"
        f"2000-01-01 open {account}:IRR\n"
    )


COMMON = """
plugin "megaroth.plugins"
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:Checking
"""


def pay(date: str, *legs: tuple[str, str]) -> str:
    lines = [f'{date} * "Payroll"'] + [f"  {account}  {amount} USD" for account, amount in legs]
    return "\n".join([*lines, "  Income:Salary", ""])


def analysed(text: str, config: str | None = None) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(COMMON + text)
    return analyse(entries, options, config), errors


def findings(analysis: Analysis, check: str) -> list[Any]:
    return [f for f in analysis.findings if f.check == check]


def test_two_jobs_deferring_23000_each_exceed_402g_by_23000() -> None:
    analysis, errors = analysed(
        person("alice", "1985-01-01")
        + plan("Assets:Acme401k", "alice", "Acme Corp")
        + plan("Assets:Beta401k", "alice", "Beta LLC")
        + pay("2024-03-01", ("Assets:Acme401k:PreTax", "23000.00"))
        + pay("2024-09-01", ("Assets:Beta401k:Roth", "23000.00"))
    )
    (usage,) = analysis.usage.deferrals
    assert (usage.limit, usage.catch_up_limit, usage.deferrals, usage.excess) == (
        D(23000),
        D(0),
        D("46000.00"),
        D("23000.00"),
    )
    (finding,) = findings(analysis, "402g-excess")
    assert finding.message.startswith(
        "alice deferred 46,000.00 in 2024 (pre-tax and Roth, across Assets:Acme401k, "
        "Assets:Beta401k): 23,000.00 over the 402(g) limit of 23,000.00 (IRS Notice 2023-75)."
    )
    assert "by March 1, 2025" in finding.message
    assert "by April 15, 2025" in finding.message
    assert "taxed twice" in finding.message
    # The error is on the deferral that crossed the limit, so fava links to it.
    assert finding.meta["lineno"] == 31
    assert any(e.message == finding.message for e in errors)
    # Each employer's 415(c) is its own: 23,000 of 69,000.
    assert [(a.employer, a.annual_additions, a.excess) for a in analysis.usage.additions] == [
        ("Acme Corp", D("23000.00"), D(0)),
        ("Beta LLC", D("23000.00"), D(0)),
    ]


def test_two_unrelated_employers_each_taking_60000_have_no_415c_excess() -> None:
    analysis, _ = analysed(
        person("alice", "1985-01-01")
        + plan("Assets:Acme401k", "alice", "Acme Corp")
        + plan("Assets:Beta401k", "alice", "Beta LLC")
        + pay("2024-03-01", ("Assets:Acme401k:Match", "20000.00"),
              ("Assets:Acme401k:AfterTax", "40000.00"))
        + pay("2024-04-01", ("Assets:Beta401k:Match", "25000.00"),
              ("Assets:Beta401k:AfterTax", "35000.00"))
    )  # fmt: skip
    assert [(a.annual_additions, a.excess, a.after_tax_room) for a in analysis.usage.additions] == [
        (D("60000.00"), D(0), D("9000.00")),
        (D("60000.00"), D(0), D("9000.00")),
    ]
    assert findings(analysis, "415c-excess") == []


def test_one_employer_over_both_limits_under_50() -> None:
    # 23,500 deferral + 20,000 match + 50,000 after-tax = 93,500: 24,500 over 69,000;
    # and 500 over the 2024 402(g) limit of 23,000 (23,500 is the 2025 figure).
    analysis, _ = analysed(
        person("alice", "1985-01-01")
        + plan("Assets:Acme401k", "alice", "Acme Corp")
        + pay("2024-03-01", ("Assets:Acme401k:PreTax", "23500.00"),
              ("Assets:Acme401k:Match", "20000.00"), ("Assets:Acme401k:AfterTax", "50000.00"))
    )  # fmt: skip
    (additions,) = analysis.usage.additions
    assert (additions.annual_additions, additions.excess, additions.after_tax_room) == (
        D("93500.00"),
        D("24500.00"),
        D(0),
    )
    (deferral,) = analysis.usage.deferrals
    assert deferral.excess == D("500.00")
    (finding,) = findings(analysis, "415c-excess")
    assert finding.message == (
        "alice's annual additions at Acme Corp in 2024 are 93,500.00: 24,500.00 over the "
        "415(c) limit of 69,000.00 (IRS Notice 2023-75). Ask the plan to correct it under "
        "EPCRS (Rev. Proc. 2021-30): it returns the excess, after-tax money first, with its "
        "earnings, on a 1099-R with code E. The 6% excise tax of IRC 4973 is for IRAs; it "
        "does not apply to a 401(k)."
    )


def test_over_50_deferring_30500_with_a_12000_match_has_34000_of_after_tax_room() -> None:
    analysis, _ = analysed(
        person("bob", "1970-06-01")
        + plan("Assets:Globex401k", "bob", "Globex")
        + pay("2024-03-01", ("Assets:Globex401k:PreTax", "15000.00"))
        + pay("2024-09-01", ("Assets:Globex401k:PreTax", "15500.00"),
              ("Assets:Globex401k:Match", "12000.00"))
    )  # fmt: skip
    (deferral,) = analysis.usage.deferrals
    assert (deferral.limit, deferral.catch_up_limit, deferral.excess) == (D(23000), D(7500), D(0))
    (additions,) = analysis.usage.additions
    # The 7,500 of catch-up is not an annual addition (IRC 414(v)(3)(A)).
    assert (additions.catch_up_excluded, additions.annual_additions) == (
        D("7500.00"),
        D("35000.00"),
    )
    assert additions.after_tax_room == D("34000.00")
    assert analysis.findings == ()


def test_turning_61_in_2025_allows_the_11250_catch_up() -> None:
    analysis, _ = analysed(
        person("carol", "1964-05-01")
        + plan("Assets:Initech401k", "carol", "Initech")
        + pay("2025-03-01", ("Assets:Initech401k:PreTax", "34750.00"))
    )
    (deferral,) = analysis.usage.deferrals
    assert (deferral.limit, deferral.catch_up_limit, deferral.excess) == (D(23500), D(11250), D(0))


def test_turning_64_falls_back_to_the_ordinary_catch_up() -> None:
    analysis, _ = analysed(
        person("carol", "1961-05-01")
        + plan("Assets:Initech401k", "carol", "Initech")
        + pay("2025-03-01", ("Assets:Initech401k:PreTax", "34750.00"))
    )
    (deferral,) = analysis.usage.deferrals
    assert (deferral.catch_up_limit, deferral.excess) == (D(7500), D("3750.00"))


DELAYED = (
    person("alice", "1985-01-01")
    + plan("Assets:Acme401k", "alice", "Acme Corp")
    + pay("2024-03-01", ("Assets:Acme401k:AfterTax", "10000.00"))
    + """
2024-04-14 * "Statement"
  Assets:Acme401k:AfterTax  600.00 USD
  Income:Retirement:MarketValue
2024-04-15 * "Plan" "Conversion, 45 days late"
  Assets:Acme401k:AfterTax  -10600.00 USD
  Assets:Acme401k:IRR        10600.00 USD
"""
)


def test_conversion_45_days_after_contribution_with_600_of_earnings() -> None:
    analysis, _ = analysed(DELAYED)
    (movement,) = analysis.basis.movements
    assert movement.taxable == D("600.00")
    (finding,) = findings(analysis, "conversion-delay")
    assert finding.severity == "warning"
    assert finding.message.startswith(
        "This conversion waited: 2024-03-01 held 45 days, earned 600.00. The 600.00 of "
        "earnings are taxable this year."
    )
    assert finding.as_error().message.startswith("Warning: This conversion waited")


def test_delay_thresholds_come_from_the_configuration() -> None:
    analysis, _ = analysed(DELAYED, "{'delay-days': 60, 'delay-earnings': '1000'}")
    assert findings(analysis, "conversion-delay") == []


def test_after_tax_in_a_plan_with_no_conversion_or_withdrawal() -> None:
    analysis, _ = analysed(
        person("bob", None)
        + plan("Assets:Globex401k", "bob", "Globex", convertible=False)
        + pay("2024-03-01", ("Assets:Globex401k:AfterTax", "5000.00"))
    )
    (finding,) = findings(analysis, "after-tax-stuck")
    assert finding.message.startswith(
        "After-tax money goes into Assets:Globex401k, whose Open says the plan allows neither "
        "in-plan Roth conversion nor in-service withdrawal"
    )
    assert "in-plan-conversion: TRUE" in finding.message


def test_match_swept_into_a_conversion() -> None:
    analysis, _ = analysed(
        person("alice", "1985-01-01")
        + plan("Assets:Acme401k", "alice", "Acme Corp")
        + pay("2024-03-01", ("Assets:Acme401k:AfterTax", "5000.00"),
              ("Assets:Acme401k:Match", "800.00"))
        + """
2024-03-03 * "Plan" "Conversion of the whole account"
  Assets:Acme401k:AfterTax  -5000.00 USD
  Assets:Acme401k:Match      -800.00 USD
  Assets:Acme401k:IRR        5800.00 USD
"""
    )  # fmt: skip
    (finding,) = findings(analysis, "pretax-swept")
    assert finding.message.startswith(
        "800.00 of pre-tax money (deferrals or match) went into this Roth conversion along "
        "with 5,000.00 of after-tax money. All of it is taxable: the 1099-R will show it in "
        "box 2a."
    )
    assert analysis.basis.movements[0].taxable == D("800.00")


def test_ira_conversion_with_a_pre_tax_ira_balance_is_pro_rata() -> None:
    # 7,000 nondeductible converted while 93,000 of rollover money sits in another IRA:
    # about 7,000 x (1 - 7,000 / 100,000) = 6,510 is taxable.
    analysis, _ = analysed(
        person("bob", "1979-01-01")
        + """
2000-01-01 open Assets:BobIRA
  megaroth-ira: "traditional"
  owner: "bob"
2000-01-01 open Assets:BobRolloverIRA
  megaroth-ira: "traditional"
  owner: "bob"
2000-01-01 open Assets:BobRothIRA
  megaroth-ira: "roth"
  owner: "bob"
2000-01-01 open Equity:Opening
2023-12-31 * "Old rollover"
  Assets:BobRolloverIRA  93000.00 USD
  Equity:Opening
2024-01-10 * "Backdoor, step 1"
  nondeductible: TRUE
  Assets:BobIRA  7000.00 USD
  Assets:Checking
2024-01-20 * "Backdoor, step 2"
  Assets:BobIRA     -7000.00 USD
  Assets:BobRothIRA  7000.00 USD
"""
    )
    (finding,) = findings(analysis, "ira-pro-rata")
    assert finding.message.startswith(
        "bob converted 7,000.00 from a traditional IRA in 2024 while holding 93,000.00 in "
        "traditional, SEP or SIMPLE IRAs on Dec 31."
    )
    assert "Form 8606 line 18 makes 6,510.00 of the conversion taxable" in finding.message


def test_ira_contributions_over_the_limit_and_the_roth_phase_out() -> None:
    analysis, _ = analysed(
        person("dan", "1990-01-01")
        + """
2000-01-01 open Assets:DanRothIRA
  megaroth-ira: "roth"
  owner: "dan"
2025-04-01 custom "megaroth-magi" "dan" 2024 153500.00 USD "single"
2024-02-01 * "Bank"
  Assets:DanRothIRA  7500.00 USD
  Assets:Checking
"""
    )
    (ira,) = analysis.usage.iras
    # Single, 2024 phase-out 146,000-161,000: 7,000 x (1 - 7,500/15,000) = 3,500.
    assert (ira.limit, ira.contributions, ira.excess, ira.roth_allowed) == (
        D(7000),
        D("7500.00"),
        D("500.00"),
        D("3500.00"),
    )
    assert [f.check for f in analysis.findings] == ["ira-excess", "roth-ira-phase-out"]
    assert "6% excise tax of IRC 4973" in analysis.findings[0].message


def test_prior_year_ira_contribution_counts_in_its_tax_year() -> None:
    analysis, _ = analysed(
        person("dan", "1990-01-01")
        + """
2000-01-01 open Assets:DanIRA
  megaroth-ira: "traditional"
  owner: "dan"
2025-03-10 * "Bank" "For 2024"
  tax-year: 2024
  Assets:DanIRA  7000.00 USD
  Assets:Checking
"""
    )
    assert [(i.year, i.contributions) for i in analysis.usage.iras] == [(2024, D("7000.00"))]


@pytest.mark.parametrize(
    ("magi", "status", "allowed"),
    [("140000", "single", "7000.00"), ("161000", "single", "0.00"),
     ("159900", "single", "520.00"), ("160800", "single", "200.00"),
     ("235000", "mfj", "3500.00"), ("5000", "mfs", "3500.00")],
)  # fmt: skip
def test_roth_ira_phase_out_rounds_up_to_ten_dollars(magi: str, status: str, allowed: str) -> None:
    assert roth_allowed(D(7000), LIMITS[2024], D(magi), status) == D(allowed)


def test_415c_is_capped_at_pay_when_recorded() -> None:
    analysis, _ = analysed(
        person("erin", "1980-01-01")
        + plan("Assets:Solo401k", "erin", "Erin Consulting")
        + '2024-12-31 custom "megaroth-compensation" "erin" "Erin Consulting" 2024 40000.00 USD\n'
        + pay("2024-06-01", ("Assets:Solo401k:PreTax", "23000.00"),
              ("Assets:Solo401k:AfterTax", "20000.00"))
    )  # fmt: skip
    (additions,) = analysis.usage.additions
    assert (additions.limit, additions.excess) == (D("40000.00"), D("3000.00"))
    assert (
        "capped at 100% of the 40,000.00 of pay recorded, IRC 415(c)(1)(B); the dollar limit "
        "is 69,000.00" in findings(analysis, "415c-excess")[0].message
    )


def test_bad_configuration_is_one_error_not_a_crash() -> None:
    _, errors, _ = load('plugin "megaroth.plugins" "{\'delay-days\': oops}"\n')
    assert len(errors) == 1
    assert "can't be read" in errors[0].message


def _high_earner(source: str) -> str:
    return (
        person("bob", "1970-06-01")
        + plan("Assets:Globex401k", "bob", "Globex")
        + '2025-12-31 custom "megaroth-fica-wages" "bob" "Globex" 2025 180000.00 USD\n'
        + pay("2026-03-01", (f"Assets:Globex401k:{source}", "27000.00"))
    )


def test_from_2026_catch_up_of_a_high_earner_must_be_roth() -> None:
    analysis, _ = analysed(_high_earner("PreTax"))
    (finding,) = findings(analysis, "roth-catch-up")
    assert finding.message.startswith(
        "bob made 2,500.00 of catch-up contributions at Globex in 2026 as pre-tax deferrals, "
        "but earned 180,000.00 of FICA wages there in 2025, over the 150,000.00 threshold"
    )
    analysis, _ = analysed(_high_earner("Roth"))
    assert findings(analysis, "roth-catch-up") == []


def test_after_tax_rolled_to_a_traditional_ira_and_a_roth_401k_declared_as_an_ira() -> None:
    analysis, _ = analysed(
        person("alice", "1985-01-01")
        + plan("Assets:Acme401k", "alice", "Acme Corp")
        + """
2000-01-01 open Assets:AliceIRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceRoth401k
  megaroth-ira: "roth"
  owner: "alice"
2024-03-01 * "Payroll"
  Assets:Acme401k:AfterTax  4000.00 USD
  Assets:AliceRoth401k      1000.00 USD
  Income:Salary
2024-03-05 * "Plan" "After-tax rolled to the wrong IRA"
  Assets:Acme401k:AfterTax  -4000.00 USD
  Assets:AliceIRA            4000.00 USD
"""
    )
    (via_ira,) = findings(analysis, "after-tax-via-ira")
    assert via_ira.message.startswith(
        "4,000.00 of after-tax basis was rolled to a traditional IRA. It becomes IRA basis"
    )
    (as_ira,) = findings(analysis, "roth-401k-as-roth-ira")
    assert as_ira.message.startswith(
        "Assets:AliceRoth401k is declared a Roth IRA but takes payroll money or is named like "
        "a workplace plan."
    )
