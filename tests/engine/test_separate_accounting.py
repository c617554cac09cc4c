"""A plan that doesn't account for after-tax money separately (issue 16, item 6).

IRC 72(d)(2) makes employee contributions (and the income on them) a separate contract only
where the plan accounts for them separately. Where it doesn't, IRC 72(e)(8)'s pro rata runs
over the participant's whole non-Roth account: pre-tax deferrals, match, after-tax money and
all the earnings. The plan's Open says so with ``separate-accounting: FALSE``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.reconciliation import Status
from tests.conftest import load, without_findings

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "max"
  birth-date: 1980-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:Zed401k
  megaroth-plan: "401k"
  owner: "max"
  employer: "Zed"
  in-plan-conversion: TRUE
  separate-accounting: FALSE
2000-01-01 open Assets:Zed401k:PreTax
2000-01-01 open Assets:Zed401k:AfterTax
2000-01-01 open Assets:Zed401k:IRR
2024-01-10 * "Zed" "Payroll"
  Assets:Zed401k:PreTax    20000.00 USD
  Assets:Zed401k:AfterTax  10000.00 USD
  Income:Salary
2024-06-30 * "Zed" "Change in market value"
  Assets:Zed401k:PreTax    1500.00 USD
  Assets:Zed401k:AfterTax   500.00 USD
  Income:Retirement:MarketValue
2024-07-01 * "Zed" "In-plan Roth conversion of the after-tax source"
  Assets:Zed401k:AfterTax  -8000.00 USD
  Assets:Zed401k:IRR        8000.00 USD
"""

FORM = """
2025-01-31 custom "1099-R" Assets:Zed401k 2024
  payer: "Zed 401(k)"
  box1: 8000.00 USD
  box2a: 5500.00 USD
  box5: 2500.00 USD
  box7: "G"
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(text)
    return analyse(entries, options), errors


def test_item_6_pro_rata_runs_over_the_whole_non_roth_account() -> None:
    """Max defers 20,000 pre-tax and puts 10,000 in after-tax money in January 2024; by June
    the account has earned 2,000 (1,500 on the pre-tax source, 500 on the after-tax one): a
    non-Roth account of 32,000 with 10,000 of basis. In July the plan converts 8,000 "of the
    after-tax source". Zed doesn't account for after-tax money separately, so IRC 72(e)(8)
    takes basis over the whole 32,000: 8,000 x 10,000 / 32,000 = 2,500 of basis (box 5),
    5,500 taxable (box 2a), code G. With separate accounting it would have been 8,000 x
    10,000 / 10,500 = 7,619.05 of basis and 380.95 taxable. The checklist says why the
    conversion carried pre-tax money; the plan's form matches the ledger."""
    analysis, errors = analysed(LEDGER + FORM)
    (conversion,) = analysis.basis.movements
    assert (conversion.gross, conversion.basis, conversion.taxable, conversion.code) == (
        D("8000.00"), D("2500.00"), D("5500.00"), "G")  # fmt: skip
    assert [r.status for r in analysis.reconciled] == [Status.MATCH]
    (warning,) = [f for f in analysis.findings if f.check == "no-separate-accounting"]
    assert "carried 5,500.00 of pre-tax money" in warning.message
    assert [f.check for f in analysis.findings] == ["no-separate-accounting"]
    assert without_findings(errors) == []


def test_item_6_with_separate_accounting_only_the_after_tax_money_counts() -> None:
    analysis, _ = analysed(LEDGER.replace("  separate-accounting: FALSE\n", ""))
    (conversion,) = analysis.basis.movements
    assert (conversion.basis, conversion.taxable) == (D("7619.05"), D("380.95"))
    assert "no-separate-accounting" not in [f.check for f in analysis.findings]
