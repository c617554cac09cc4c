"""Every 5-year clock of a person as the packet lists it, worked by hand (issue 20: mutation
testing found the plans' clocks asserted nowhere but in passing)."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import build_report
from tests.engine.test_law_boundaries import analysed, ira, person, plan

D = Decimal

GUS = (
    person("gus", "1985-01-01")
    + plan("Assets:Gus401k", "gus")
    + "2000-01-01 open Assets:Gus401k:IRR\n"
    + ira("Assets:GusRothIRA", "roth", "gus")
    + """
2022-01-10 * "Payroll"
  Assets:Gus401k:AfterTax  10000.00 USD
  Income:Salary
2022-01-15 * "Growth"
  Assets:Gus401k:AfterTax  500.00 USD
  Income:Retirement:MarketValue
2022-01-20 * "Plan" "In-plan Roth rollover"
  Assets:Gus401k:AfterTax  -10500.00 USD
  Assets:Gus401k:IRR        10500.00 USD
2022-06-10 * "Payroll"
  Assets:Gus401k:AfterTax  5000.00 USD
  Income:Salary
2022-06-20 * "Plan" "In-plan Roth rollover"
  Assets:Gus401k:AfterTax  -5000.00 USD
  Assets:Gus401k:IRR        5000.00 USD
2023-03-01 * "Payroll"
  Assets:Gus401k:Roth  1000.00 USD
  Income:Salary
2023-04-01 * "Bank" "Roth IRA contribution"
  Assets:GusRothIRA  1000.00 USD
  Assets:Checking
2024-05-01 * "Plan" "Paid out"
  Assets:Gus401k:IRR  -3100.00 USD
  Assets:Checking
"""
)


def test_a_plans_clocks_and_the_10_percent_its_early_distribution_owes() -> None:
    """Gus (39) rolls 10,500 (500 of it earnings, taxable) and then 5,000 of after-tax money
    into Roth inside his plan in 2022, defers 1,000 as Roth in 2023 and opens a Roth IRA
    with 1,000 in 2023. On 2024-05-01 he takes 3,100 of his 16,500 of designated Roth money
    (code 1B, all of it basis: the 500 was taxed when rolled over).

    His clocks as 2024 ends: the designated Roth account's, from 2022 (box 11: the first
    rollover) to 2026; his Roth IRAs', 2023-2027; and the 2022 rollovers', 2022-2026, which
    still expose their taxable 500 to the 10% (he is under 59 1/2). The distribution is
    3,100 / 16,500 of every lot: 1,972.73 + 939.39 = 2,912.12 from the 2022 rollovers (box
    10), of which 500 / 15,500 was taxable: 93.94 is subject to the 10% (IRC 402A(c)(4)(D))."""
    analysis, errors = analysed(GUS)
    assert errors == []
    report = build_report(analysis, 2024, "gus")
    fields = ("what", "account", "start_year", "end_year", "exposed", "subject_to_10_percent")
    listed = report["people"]["gus"]["five_year_clocks"]
    clocks = [tuple(clock[field] for field in fields) for clock in listed]
    assert clocks == [
        ("designated Roth account (box 11)", "Assets:Gus401k", 2022, 2026, "0.00", "0.00"),
        ("Roth IRA (qualified distributions)", "", 2023, 2027, "0.00", "0.00"),
        ("in-plan Roth rollovers of 2022", "Assets:Gus401k", 2022, 2026, "500.00", "93.94"),
    ]
    (form,) = report["form_1099r"]
    assert (form["code"], form["expected"]["box10"], form["expected"]["box11"]) == (
        "1B", "2912.12", 2022)  # fmt: skip


def test_the_clocks_of_a_year_before_a_clock_starts_and_after_59_and_a_half() -> None:
    """In 2021 Gus has no Roth money: no clock. Born 1962 instead (59 1/2 in 2021), he is
    past 59 1/2 when 2024 ends: the rollovers' 500 is no longer exposed, and the 3,100 owe
    no 10%."""
    analysis, _ = analysed(GUS)
    assert build_report(analysis, 2021, "gus")["people"]["gus"]["five_year_clocks"] == []
    older, _ = analysed(GUS.replace("1985-01-01", "1962-01-01"))
    clocks = build_report(older, 2024, "gus")["people"]["gus"]["five_year_clocks"]
    (irr,) = [c for c in clocks if c["what"] == "in-plan Roth rollovers of 2022"]
    assert (irr["exposed"], irr["subject_to_10_percent"]) == ("0.00", "0.00")


def test_the_plans_clocks_come_by_account_then_the_roth_iras() -> None:
    """Aaron's first Roth deferral is in 2020 at Beta, in 2022 at Acme; his Roth IRA's first
    contribution is in 2021. His 2024 clocks list the plans by account (Acme before Beta,
    whatever their years or the order the ledger met them), then the Roth IRA, even though
    his name sorts before the accounts'."""
    analysis, errors = analysed(
        person("Aaron", "1985-01-01")
        + plan("Assets:Acme401k", "Aaron")
        + plan("Assets:Beta401k", "Aaron")
        + ira("Assets:AaronRothIRA", "roth", "Aaron")
        + """
2020-03-01 * "Beta" "Payroll"
  Assets:Beta401k:Roth  1000.00 USD
  Income:Salary
2021-03-01 * "Bank" "Roth IRA contribution"
  Assets:AaronRothIRA  1000.00 USD
  Assets:Checking
2022-03-01 * "Acme" "Payroll"
  Assets:Acme401k:Roth  1000.00 USD
  Income:Salary
"""
    )
    assert errors == []
    clocks = build_report(analysis, 2024, "Aaron")["people"]["Aaron"]["five_year_clocks"]
    assert [(c["account"], c["start_year"]) for c in clocks] == [
        ("Assets:Acme401k", 2022), ("Assets:Beta401k", 2020), ("", 2021)]  # fmt: skip
