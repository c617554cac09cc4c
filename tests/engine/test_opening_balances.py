"""Balances from before the books, brought in from an ``Equity:`` account.

Figures worked by hand. Alice (born 1980) starts her books on 2024-01-01 with a 401(k)
holding 50,000.00 of pre-tax money and 20,000.00 of after-tax money, of which 15,000.00 is
contributions not yet converted (the plan's statement of after-tax basis); in 2024 she
defers exactly the 402(g) limit, 23,000.00, adds 5,000.00 after-tax, and converts the whole
after-tax source (25,000.00) in-plan. The after-tax pool: the opening lot 20,000.00 with
15,000.00 of basis, and the new 5,000.00 with 5,000.00: basis 20,000.00, taxable 5,000.00.
"""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import load

D = Decimal

HEADER = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1980-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Equity:Opening-Balances
2000-01-01 open Assets:Retirement:Acme401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Acme"
  in-plan-conversion: TRUE
2000-01-01 open Assets:Retirement:Acme401k:PreTax
2000-01-01 open Assets:Retirement:Acme401k:AfterTax
2000-01-01 open Assets:Retirement:Acme401k:Roth
2000-01-01 open Assets:Retirement:Acme401k:IRR
2000-01-01 open Assets:AliceRothIRA
  megaroth-ira: "roth"
  owner: "alice"
"""

OPENING = """
2024-01-01 * "Opening balances" "From the plan's December statement"
  Assets:Retirement:Acme401k:PreTax    50000.00 USD
  Assets:Retirement:Acme401k:AfterTax  20000.00 USD
    opening-basis: 15000.00 USD
  Equity:Opening-Balances
"""

YEAR = """
2024-06-28 * "Payroll" "Deferrals of the year"
  Assets:Retirement:Acme401k:PreTax   23000.00 USD
  Income:Salary
2024-06-28 * "Payroll" "After-tax contribution"
  Assets:Retirement:Acme401k:AfterTax  5000.00 USD
  Income:Salary
2024-07-01 * "Acme 401(k)" "In-plan Roth conversion"
  Assets:Retirement:Acme401k:AfterTax  -25000.00 USD
  Assets:Retirement:Acme401k:IRR        25000.00 USD
"""


def run(text: str) -> tuple[Analysis, list[str]]:
    entries, errors, options = load(HEADER + text)
    return analyse(entries, options), [error.message for error in errors]


def test_an_opening_balance_is_no_contribution_and_carries_its_basis() -> None:
    analysis, errors = run(OPENING + YEAR)
    assert errors == []
    # 402(g): only the year's 23,000.00 deferrals, exactly the 2024 limit: no excess.
    (deferrals,) = analysis.usage.deferrals
    assert (deferrals.deferrals, deferrals.excess) == (D("23000.00"), D("0.00"))
    assert [c.amount for c in analysis.basis.contributions] == [D("23000.00"), D("5000.00")]
    (conversion,) = analysis.basis.movements
    assert (conversion.gross, conversion.basis, conversion.taxable) == (
        D("25000.00"),
        D("20000.00"),
        D("5000.00"),
    )


def test_after_tax_money_without_its_basis_is_all_earnings_and_an_error_says_what_to_write() -> (
    None
):
    analysis, errors = run(OPENING.replace("    opening-basis: 15000.00 USD\n", "") + YEAR)
    assert errors == [
        "20,000.00 of after-tax money comes into Assets:Retirement:Acme401k from "
        "Equity:Opening-Balances: a balance from before the books. megaroth needs the basis "
        "in it (the contributions not yet taken out, on the plan's statement) and takes it as "
        "all earnings until told, which taxes more when it is converted. Write it on the "
        "posting, e.g.  opening-basis: 20000.00 USD"
    ]
    (conversion,) = analysis.basis.movements
    assert (conversion.basis, conversion.taxable) == (D("5000.00"), D("20000.00"))


def test_a_basis_on_pre_tax_money_is_left_aside_and_said_so() -> None:
    text = OPENING.replace(
        "  Assets:Retirement:Acme401k:PreTax    50000.00 USD\n",
        "  Assets:Retirement:Acme401k:PreTax    50000.00 USD\n    opening-basis: 100.00 USD\n",
    )
    _, errors = run(text)
    assert errors == [
        "opening-basis on money into Assets:Retirement:Acme401k's pre-tax money is left aside: "
        "such money has no basis in the plan. (A traditional IRA's basis from before the books is "
        'declared with  custom "megaroth-ira-basis".)'
    ]


def test_designated_roth_money_keeps_the_first_year_it_declares() -> None:
    text = """
2024-01-01 * "Opening balances"
  Assets:Retirement:Acme401k:Roth  30000.00 USD
    opening-basis: 24000.00 USD
    roth-since: 2016
  Equity:Opening-Balances
"""
    analysis, errors = run(text)
    assert errors == []
    assert analysis.basis.first_roth_years.plans == {"Assets:Retirement:Acme401k": 2016}


def test_a_roth_ira_balance_is_taken_in_with_a_warning_about_its_history() -> None:
    text = """
2024-01-01 * "Opening balances"
  Assets:AliceRothIRA  40000.00 USD
  Equity:Opening-Balances
"""
    analysis, errors = run(text)
    assert analysis.basis.contributions == ()
    (warning,) = errors
    assert warning.startswith(
        "Warning: 40,000.00 comes into Assets:AliceRothIRA from Equity:Opening-Balances: a "
        "balance from before the books."
    )
