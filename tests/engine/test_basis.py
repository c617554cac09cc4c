"""Basis versus earnings through conversions and rollovers, and the expected 1099-Rs.

Every figure here is an IRS worked example (docs/tax-rules.md, "Form 1099-R" and "Basis
inside a plan") or computed by hand in the comment beside it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from beancount.core import data

from megaroth.engine.analysis import analyse
from megaroth.tax.form_1099r import expected_1099rs
from tests.conftest import load, messages, without_findings

D = Decimal

HEADER = """
    plugin "megaroth.plugins"
    option "operating_currency" "USD"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1980-06-01
    2020-01-01 open Assets:Checking
    2020-01-01 open Income:Salary
    2020-01-01 open Income:Retirement:Gains
    2020-01-01 open Income:Retirement:Dividends
    2020-01-01 open Income:Retirement:MarketValue
    2020-01-01 open Expenses:Retirement:Fees
    2020-01-01 open Expenses:Taxes:Federal
      megaroth-withholding: TRUE
    2020-01-01 open Assets:Retirement:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
      in-plan-conversion: TRUE
    2020-01-01 open Assets:Retirement:Acme401k:PreTax
    2020-01-01 open Assets:Retirement:Acme401k:Match
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax
    2020-01-01 open Assets:Retirement:Acme401k:Roth
    2020-01-01 open Assets:Retirement:Acme401k:IRR
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax:FXAIX  FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax:FXNAX  FXNAX
    2020-01-01 open Assets:Retirement:Acme401k:IRR:FXAIX       FXAIX
    2020-01-01 open Assets:Retirement:AliceIRA
      megaroth-ira: "traditional"
      owner: "alice"
    2020-01-01 open Assets:Retirement:AliceRothIRA
      megaroth-ira: "roth"
      owner: "alice"
"""


def run(body: str) -> tuple[Any, list[Any], list[data.Directive]]:
    """The analysis, and the errors other than the checklist's findings (tested elsewhere)."""
    entries, errors, options = load(HEADER + body)
    return analyse(entries, options), without_findings(errors), entries


def only_movement(body: str) -> Any:
    analysis, errors, _ = run(body)
    assert messages(errors) == []
    (movement,) = analysis.basis.movements
    return movement


def figures(movement: Any) -> tuple[Any, ...]:
    return (movement.kind.value, movement.gross, movement.basis, movement.taxable, movement.code)


# IRS figures ----------------------------------------------------------------------------


def test_in_plan_roth_rollover_of_after_tax_money_fund_units() -> None:
    # docs/tax-rules.md, "Form 1099-R": box 1 = contributions + earnings, 2a = earnings,
    # 5 = basis, code G.
    analysis, errors, _ = run(
        """
    2024-01-15 * "Payroll" "After-tax contribution"
      Assets:Retirement:Acme401k:AfterTax:FXAIX   200.000 FXAIX {167.50 USD}
      Assets:Checking                            -33500.00 USD
    2024-01-16 * "Fidelity" "In-plan Roth conversion"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -200.000 FXAIX {} @ 167.75 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        200.000 FXAIX {167.75 USD}
      Income:Retirement:Gains
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == ("in-plan-roth-rollover", D("33550.00"), D("33500.00"),
                                 D("50.00"), "G")  # fmt: skip
    assert movement.five_year_end == 2028
    (lot,) = movement.lots
    assert (lot.date.isoformat(), lot.basis, lot.earnings, lot.days) == (
        "2024-01-15",
        D("33500.00"),
        D("50.00"),
        1,
    )
    (form,) = expected_1099rs(analysis.basis.movements)
    assert (form.payer, form.year, form.code) == ("Assets:Retirement:Acme401k", 2024, "G")
    assert (form.box1, form.box2a, form.box5, form.box4) == (
        D("33550.00"),
        D("50.00"),
        D("33500.00"),
        D("0.00"),
    )
    assert not form.box2b_not_determined
    assert not form.ira_sep_simple


def test_partial_conversion_recovers_basis_pro_rata() -> None:
    # docs/tax-rules.md, "Basis inside a plan": 30,000 of contributions + 3,000 of earnings;
    # an IRR of 11,000 moves 11,000 x 30,000 / 33,000 = 10,000 of basis and 1,000 taxable;
    # 20,000 remains.
    analysis, errors, _ = run(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax   30000.00 USD
      Income:Salary
    2024-06-30 * "Statement" "Change in market value"
      Assets:Retirement:Acme401k:AfterTax    3000.00 USD
      Income:Retirement:MarketValue
    2024-07-01 * "Plan" "Partial in-plan Roth conversion"
      Assets:Retirement:Acme401k:AfterTax  -11000.00 USD
      Assets:Retirement:Acme401k:IRR        11000.00 USD
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == ("in-plan-roth-rollover", D("11000.00"), D("10000.00"),
                                 D("1000.00"), "G")  # fmt: skip
    assert "72(e)(8)" in movement.rule
    pools = {c.kind.value: p for c, p in analysis.basis.pools.items()}
    assert pools["after-tax"].basis == D("20000.00")
    assert pools["designated-roth"].basis == D("11000.00")


NOTICE_2014_54 = """
    2020-01-01 open Assets:Retirement:RolloverIRA
      megaroth-ira: "traditional"
      owner: "alice"
    2024-01-10 * "History" "Pre-tax balance"
      Assets:Retirement:Acme401k:PreTax    80000.00 USD
      Income:Salary
    2024-01-10 * "History" "After-tax balance"
      Assets:Retirement:Acme401k:AfterTax  20000.00 USD
      Income:Salary
"""


def test_notice_2014_54_partial_distribution_is_pro_rata_over_the_account() -> None:
    # IRS example: 100,000 (80,000 pre-tax, 20,000 after-tax); a 50,000 distribution carries
    # 40,000 pre-tax and 10,000 after-tax. Pre-tax goes first to the traditional IRA.
    analysis, errors, _ = run(
        NOTICE_2014_54
        + """
    2024-09-01 * "Plan" "Partial distribution, split"
      Assets:Retirement:Acme401k:PreTax   -40000.00 USD
      Assets:Retirement:Acme401k:AfterTax -10000.00 USD
      Assets:Retirement:RolloverIRA        40000.00 USD
      Assets:Retirement:AliceRothIRA       10000.00 USD
    """
    )
    assert errors == []
    to_ira, to_roth = sorted(analysis.basis.movements, key=lambda m: m.kind.value)
    assert figures(to_ira) == ("rollover-to-ira", D("40000.00"), D("0.00"), D("0.00"), "G")
    assert figures(to_roth) == ("rollover-to-roth-ira", D("10000.00"), D("10000.00"),
                                D("0.00"), "G")  # fmt: skip
    (form,) = expected_1099rs(analysis.basis.movements)
    assert (form.box1, form.box2a, form.box5) == (D("50000.00"), D("0.00"), D("10000.00"))


def test_notice_2014_54_full_split_to_traditional_and_roth_ira_is_tax_free() -> None:
    analysis, errors, _ = run(
        NOTICE_2014_54
        + """
    2024-09-01 * "Plan" "Full distribution, split"
      Assets:Retirement:Acme401k:PreTax   -80000.00 USD
      Assets:Retirement:Acme401k:AfterTax -20000.00 USD
      Assets:Retirement:RolloverIRA        80000.00 USD
      Assets:Retirement:AliceRothIRA       20000.00 USD
    """
    )
    assert errors == []
    by_kind = {m.kind.value: m for m in analysis.basis.movements}
    assert figures(by_kind["rollover-to-ira"])[1:] == (D("80000.00"), D("0"), D("0"), "G")
    assert figures(by_kind["rollover-to-roth-ira"])[1:] == (
        D("20000.00"),
        D("20000.00"),
        D("0.00"),
        "G",
    )
    assert "Notice 2014-54" in by_kind["rollover-to-ira"].rule


def test_pre_tax_sent_to_a_roth_ira_beyond_the_traditional_rollover_is_taxable() -> None:
    # 100,000 out: 70,000 to the traditional IRA takes 70,000 of the 80,000 pre-tax; the
    # Roth IRA gets the other 10,000 pre-tax (taxable) and the 20,000 after-tax.
    analysis, errors, _ = run(
        NOTICE_2014_54
        + """
    2024-09-01 * "Plan" "Full distribution, uneven split"
      Assets:Retirement:Acme401k:PreTax   -80000.00 USD
      Assets:Retirement:Acme401k:AfterTax -20000.00 USD
      Assets:Retirement:RolloverIRA        70000.00 USD
      Assets:Retirement:AliceRothIRA       30000.00 USD
    """
    )
    assert errors == []
    by_kind = {m.kind.value: m for m in analysis.basis.movements}
    roth = by_kind["rollover-to-roth-ira"]
    assert (roth.gross, roth.basis, roth.taxable) == (D("30000.00"), D("20000.00"),
                                                      D("10000.00"))  # fmt: skip


def test_notice_2014_54_roth_ira_and_cash_pre_tax_goes_to_the_roth_ira_first() -> None:
    """A split with no traditional-IRA leg: 80,000 directly rolled over to a Roth IRA and
    20,000 paid in cash, out of 80,000 pre-tax and 20,000 after-tax. The pre-tax amount is
    assigned to the direct rollovers first (Notice 2014-54, III.A; IRC 402(c)(2)), so the
    Roth IRA takes all 80,000 of pre-tax money (taxable, code G) and the cash is the 20,000
    of basis, tax free (code 1 at 44, nothing taxable). Kills: cash ordered before the Roth
    IRA, which would tax 20,000 of the cash and let 20,000 of basis into the Roth IRA."""
    analysis, errors, _ = run(
        NOTICE_2014_54
        + """
    2024-09-01 * "Plan" "Full distribution: Roth IRA and cash"
      Assets:Retirement:Acme401k:PreTax   -80000.00 USD
      Assets:Retirement:Acme401k:AfterTax -20000.00 USD
      Assets:Retirement:AliceRothIRA       80000.00 USD
      Assets:Checking                      20000.00 USD
    """
    )
    assert errors == []
    by_kind = {m.kind.value: m for m in analysis.basis.movements}
    assert figures(by_kind["rollover-to-roth-ira"])[1:] == (
        D("80000.00"), D("0.00"), D("80000.00"), "G")  # fmt: skip
    assert figures(by_kind["distribution"])[1:] == (D("20000.00"), D("20000.00"), D("0.00"),
                                                   "1")  # fmt: skip
    forms = {f.code: f for f in expected_1099rs(analysis.basis.movements)}
    assert (forms["G"].box1, forms["G"].box2a, forms["G"].box5) == (
        D("80000.00"), D("80000.00"), D("0.00"))  # fmt: skip
    assert (forms["1"].box1, forms["1"].box2a, forms["1"].box5) == (
        D("20000.00"), D("0.00"), D("20000.00"))  # fmt: skip


ROTH_ACCOUNT = """
    2024-01-10 * "Payroll" "Roth deferrals"
      Assets:Retirement:Acme401k:Roth   9400.00 USD
      Income:Salary
    2024-06-30 * "Statement"
      Assets:Retirement:Acme401k:Roth    600.00 USD
      Income:Retirement:MarketValue
"""


def test_designated_roth_rollover_to_a_roth_ira_is_code_h() -> None:
    # 1099-R instructions p. 12: 10,000 (9,400 contributions); 5,000 rolled to a Roth IRA:
    # box 1 5,000, box 2a 0, box 5 4,700, code H, box 11 the first Roth year.
    analysis, errors, _ = run(
        ROTH_ACCOUNT
        + """
    2024-09-01 * "Plan" "Direct rollover of Roth money"
      Assets:Retirement:Acme401k:Roth  -5000.00 USD
      Assets:Retirement:AliceRothIRA    5000.00 USD
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == ("roth-rollover-to-roth-ira", D("5000.00"), D("4700.00"),
                                 D("0"), "H")  # fmt: skip
    (form,) = expected_1099rs(analysis.basis.movements)
    assert (form.box1, form.box2a, form.box5, form.box11) == (
        D("5000.00"),
        D("0"),
        D("4700.00"),
        2024,
    )
    assert form.boxes()["box7"] == "H"


def test_designated_roth_paid_out_is_code_b_with_earnings_taxable() -> None:
    # Same account paid to the participant: box 2a 300, box 4 60 (20% of 300), code B, with
    # code 1 too: she is 44, and the distribution is early with no known exception.
    analysis, errors, _ = run(
        ROTH_ACCOUNT
        + """
    2024-09-01 * "Plan" "Roth distribution"
      Assets:Retirement:Acme401k:Roth  -5000.00 USD
      Assets:Checking                   4940.00 USD
      Expenses:Taxes:Federal              60.00 USD
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == ("distribution", D("5000.00"), D("4700.00"), D("300.00"), "1B")
    (form,) = expected_1099rs(analysis.basis.movements)
    assert (form.box1, form.box2a, form.box4, form.box5) == (
        D("5000.00"),
        D("300.00"),
        D("60.00"),
        D("4700.00"),
    )


# Ledger styles, exchanges, dividends, fees, losses ---------------------------------------


def test_both_ledger_styles_give_the_same_figures() -> None:
    units = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  10.000 FXAIX {200.00 USD}
      Income:Salary
    2024-04-15 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -10.000 FXAIX {} @ 212.34 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        10.000 FXAIX {212.34 USD}
      Income:Retirement:Gains
    """
    )
    dollars = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  2000.00 USD
      Income:Salary
    2024-03-31 * "Statement"
      Assets:Retirement:Acme401k:AfterTax   123.40 USD
      Income:Retirement:MarketValue
    2024-04-15 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax  -2123.40 USD
      Assets:Retirement:Acme401k:IRR        2123.40 USD
    """
    )
    assert (
        figures(units)
        == figures(dollars)
        == ("in-plan-roth-rollover", D("2123.40"), D("2000.00"), D("123.40"), "G")
    )
    assert [lot.days for lot in units.lots] == [lot.days for lot in dollars.lots] == [45]


def test_mixed_styles_in_one_plan_share_one_after_tax_pool() -> None:
    # 2,000 in units (now 2,200) + 1,000 in dollars; converting the units only (2,200 of
    # 3,200) recovers 2,200 x 3,000 / 3,200 = 2,062.50 of basis.
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  10.000 FXAIX {200.00 USD}
      Income:Salary
    2024-03-02 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Income:Salary
    2024-04-15 * "Plan" "Conversion of the fund only"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -10.000 FXAIX {} @ 220.00 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        10.000 FXAIX {220.00 USD}
      Income:Retirement:Gains
    """
    )
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("2200.00"),
        D("2062.50"),
        D("137.50"),
    )


def test_exchange_between_funds_moves_no_basis() -> None:
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  10.000 FXAIX {200.00 USD}
      Income:Salary
    2024-03-20 * "Plan" "Exchange"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -10.000 FXAIX {} @ 205.00 USD
      Assets:Retirement:Acme401k:AfterTax:FXNAX  205.000 FXNAX {10.00 USD}
      Income:Retirement:Gains
    2024-04-01 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax:FXNAX  -205.000 FXNAX {} @ 10.10 USD
      Assets:Retirement:Acme401k:IRR              2070.50 USD
      Income:Retirement:Gains
    """
    )
    # 2,000 of basis all the way; 205 x 10.10 = 2,070.50, of which 70.50 is earnings.
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("2070.50"),
        D("2000.00"),
        D("70.50"),
    )


def test_reinvested_dividend_is_earnings_not_basis() -> None:
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  10.000 FXAIX {200.00 USD}
      Income:Salary
    2024-03-25 * "Fidelity" "Dividend reinvested"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  0.100 FXAIX {201.00 USD}
      Income:Retirement:Dividends
    2024-03-28 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -10.100 FXAIX {} @ 202.00 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        10.100 FXAIX {202.00 USD}
      Income:Retirement:Gains
    """
    )
    # Beancount's cost of the units is 2,020.10; tax basis is the 2,000 contributed.
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("2040.20"),
        D("2000.00"),
        D("40.20"),
    )


def test_fee_lowers_earnings_never_basis() -> None:
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  5000.00 USD
      Income:Salary
    2024-03-31 * "Statement"
      Assets:Retirement:Acme401k:AfterTax   100.00 USD
      Income:Retirement:MarketValue
    2024-04-01 * "Plan" "Recordkeeping fee"
      Assets:Retirement:Acme401k:AfterTax   -30.00 USD
      Expenses:Retirement:Fees
    2024-04-02 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax  -5070.00 USD
      Assets:Retirement:Acme401k:IRR        5070.00 USD
    """
    )
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("5070.00"),
        D("5000.00"),
        D("70.00"),
    )


def test_conversion_at_a_loss_has_nothing_taxable_and_box_5_keeps_all_basis() -> None:
    analysis, errors, _ = run(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  5000.00 USD
      Income:Salary
    2024-03-31 * "Statement"
      Assets:Retirement:Acme401k:AfterTax  -400.00 USD
      Income:Retirement:MarketValue
    2024-04-02 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax  -4600.00 USD
      Assets:Retirement:Acme401k:IRR        4600.00 USD
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("4600.00"),
        D("4600.00"),
        D("0.00"),
    )
    assert movement.unrecovered_basis == D("400.00")
    (form,) = expected_1099rs(analysis.basis.movements)
    # Box 5 is the basis recoverable this year, even where it exceeds box 1.
    assert (form.box1, form.box2a, form.box5) == (D("4600.00"), D("0.00"), D("5000.00"))


def test_pre_tax_money_converted_in_plan_is_all_taxable() -> None:
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:Match  3000.00 USD
      Income:Salary
    2024-04-02 * "Plan" "In-plan Roth conversion of the match"
      Assets:Retirement:Acme401k:Match  -3000.00 USD
      Assets:Retirement:Acme401k:IRR     3000.00 USD
    """
    )
    assert figures(movement) == ("in-plan-roth-rollover", D("3000.00"), D("0.00"),
                                 D("3000.00"), "G")  # fmt: skip


def test_match_swept_into_an_after_tax_conversion_is_taxable() -> None:
    movement = only_movement(
        """
    2024-03-01 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  5000.00 USD
      Assets:Retirement:Acme401k:Match      500.00 USD
      Income:Salary
    2024-03-05 * "Plan" "Conversion that took the match too"
      Assets:Retirement:Acme401k:AfterTax  -5000.00 USD
      Assets:Retirement:Acme401k:Match      -500.00 USD
      Assets:Retirement:Acme401k:IRR        5500.00 USD
    """
    )
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("5500.00"),
        D("5000.00"),
        D("500.00"),
    )


def test_several_conversions_add_up_into_one_1099r() -> None:
    analysis, errors, _ = run(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  2500.00 USD
      Income:Salary
    2024-01-20 * "Plan"
      Assets:Retirement:Acme401k:AfterTax  -2500.00 USD
      Assets:Retirement:Acme401k:IRR        2510.00 USD
      Income:Retirement:MarketValue
    2024-02-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  2500.00 USD
      Income:Salary
    2024-02-20 * "Plan"
      Assets:Retirement:Acme401k:AfterTax  -2500.00 USD
      Assets:Retirement:Acme401k:IRR        2525.50 USD
      Income:Retirement:MarketValue
    2025-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  2500.00 USD
      Income:Salary
    2025-01-20 * "Plan"
      Assets:Retirement:Acme401k:AfterTax  -2500.00 USD
      Assets:Retirement:Acme401k:IRR        2500.00 USD
    """
    )
    assert errors == []
    forms = expected_1099rs(analysis.basis.movements)
    assert [(f.year, f.code, f.box1, f.box2a, f.box5, len(f.movements)) for f in forms] == [
        (2024, "G", D("5035.50"), D("35.50"), D("5000.00"), 2),
        (2025, "G", D("2500.00"), D("0.00"), D("2500.00"), 1),
    ]


def test_ira_conversion_is_code_2_under_59_and_a_half_with_2b_checked() -> None:
    analysis, errors, _ = run(
        """
    2024-01-10 * "Bank" "Nondeductible IRA contribution"
      nondeductible: TRUE
      Assets:Retirement:AliceIRA   7000.00 USD
      Assets:Checking
    2024-01-20 * "Broker" "Backdoor Roth conversion"
      Assets:Retirement:AliceIRA      -7000.00 USD
      Assets:Retirement:AliceRothIRA   7000.00 USD
    """
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.kind.value, movement.gross, movement.code) == (
        "ira-conversion",
        D("7000.00"),
        "2",
    )
    assert movement.five_year_end == 2028
    (form,) = expected_1099rs(analysis.basis.movements)
    assert (form.payer, form.box1, form.box2a) == (
        "Assets:Retirement:AliceIRA",
        D("7000.00"),
        D("7000.00"),
    )
    assert form.box2b_not_determined
    assert form.ira_sep_simple
    assert form.box5 == D("0.00")


def test_ira_conversion_after_59_and_a_half_is_code_7() -> None:
    analysis, _, _ = run(
        """
    2040-01-10 * "Bank"
      Assets:Retirement:AliceIRA   7000.00 USD
      Assets:Checking
    2040-01-20 * "Broker" "Conversion"
      Assets:Retirement:AliceIRA      -7000.00 USD
      Assets:Retirement:AliceRothIRA   7000.00 USD
    """
    )
    assert [m.code for m in analysis.basis.movements] == ["7"]


def test_after_tax_paid_out_with_withholding_is_code_1_under_59_and_a_half() -> None:
    movement = only_movement(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Income:Salary
    2024-06-30 * "Statement"
      Assets:Retirement:Acme401k:AfterTax   100.00 USD
      Income:Retirement:MarketValue
    2024-07-01 * "Plan" "In-service withdrawal paid out"
      Assets:Retirement:Acme401k:AfterTax  -1100.00 USD
      Assets:Checking                       1080.00 USD
      Expenses:Taxes:Federal                  20.00 USD
    """
    )
    assert figures(movement) == ("distribution", D("1100.00"), D("1000.00"), D("100.00"), "1")
    assert movement.withholding == D("20.00")


# Metadata on the entries ----------------------------------------------------------------


def test_movement_metadata_is_written_on_the_transaction_and_its_destination() -> None:
    _, errors, entries = run(
        """
    2024-01-15 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax   33500.00 USD
      Income:Salary
    2024-01-16 * "Fidelity" "In-plan Roth conversion, with the day's earnings in it"
      Assets:Retirement:Acme401k:AfterTax  -33500.00 USD
      Assets:Retirement:Acme401k:IRR        33550.00 USD
      Income:Retirement:MarketValue
    """
    )
    assert errors == []
    conversion = next(
        e for e in entries if isinstance(e, data.Transaction) and e.narration.startswith("In-plan")
    )
    assert {k: v for k, v in conversion.meta.items() if k.startswith("megaroth-")} == {
        "megaroth-kind": "in-plan-roth-rollover",
        "megaroth-gross": D("33550.00"),
        "megaroth-basis": D("33500.00"),
        "megaroth-taxable": D("50.00"),
        "megaroth-code": "G",
        "megaroth-five-year-end": 2028,
    }
    irr = next(p for p in conversion.postings if p.account.endswith(":IRR"))
    assert irr.meta["megaroth-taxable"] == D("50.00")


# Bad input ------------------------------------------------------------------------------


def _errors(body: str) -> list[tuple[int, str]]:
    _, errors, _ = run(body)
    return [(e.source["lineno"], e.message) for e in errors]


def _lineno(body: str, marker: str) -> int:
    return (HEADER + body).splitlines().index(
        next(line for line in (HEADER + body).splitlines() if marker in line)
    ) + 1


def test_movement_into_the_plans_own_pre_tax_money_cannot_be_classified() -> None:
    body = """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Income:Salary
    2024-01-20 * "Plan" "Odd move"
      Assets:Retirement:Acme401k:AfterTax  -1000.00 USD
      Assets:Retirement:Acme401k:PreTax     1000.00 USD
    """
    ((lineno, message),) = _errors(body)
    assert lineno == _lineno(body, '"Odd move"')
    assert message.startswith(
        "Money moves from Assets:Retirement:Acme401k to its own pre-tax money"
    )
    assert "IRR" in message


def test_conversion_of_more_after_tax_money_than_the_plan_holds() -> None:
    body = """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Income:Salary
    2024-01-20 * "Plan" "Too much"
      Assets:Retirement:Acme401k:AfterTax  -1500.00 USD
      Assets:Retirement:Acme401k:IRR        1500.00 USD
    """
    ((lineno, message),) = _errors(body)
    assert lineno == _lineno(body, '"Too much"')
    assert message == (
        "This takes 1,500.00 of after-tax money out of Assets:Retirement:Acme401k, which held "
        "only 1,000.00 then. Check the amount against the statement, or record the "
        "contributions that are missing before this date."
    )


def test_missing_price_names_the_commodity_date_and_the_price_line() -> None:
    body = """
    2020-01-01 open Equity:Opening-Balances
    2024-01-10 * "Old statement" "Units carried in, no cost or price"
      Assets:Retirement:Acme401k:AfterTax:FXAIX   10.000 FXAIX
      Equity:Opening-Balances                    -10.000 FXAIX
    """
    ((lineno, message),) = _errors(body)
    assert lineno == _lineno(body, "Units carried in")
    assert message == (
        "No price for FXAIX on or before 2024-01-10, so megaroth can't tell what the FXAIX "
        "held here is worth. Add a price line from the statement, e.g.  2024-01-10 price "
        "FXAIX 100.00 USD"
    )


def test_money_out_of_two_plans_in_one_transaction_is_an_error() -> None:
    body = """
    2020-01-01 open Assets:Retirement:Beta401k:AfterTax
    2020-01-01 open Assets:Retirement:Beta401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Beta"
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Assets:Retirement:Beta401k:AfterTax  1000.00 USD
      Income:Salary
    2024-01-20 * "Plans" "Both at once"
      Assets:Retirement:Acme401k:AfterTax  -1000.00 USD
      Assets:Retirement:Beta401k:AfterTax  -1000.00 USD
      Assets:Retirement:AliceRothIRA        2000.00 USD
    """
    ((lineno, message),) = _errors(body)
    assert lineno == _lineno(body, "Both at once")
    assert "record one transaction per plan or IRA" in message


def test_movement_that_does_not_add_up_at_market_value() -> None:
    body = """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax:FXAIX   10.000 FXAIX {200.00 USD}
      Income:Salary
    2024-01-20 * "Plan" "Lopsided"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -10.000 FXAIX {} @ 210.00 USD
      Assets:Retirement:Acme401k:IRR              1500.00 USD
      Income:Retirement:Gains
    """
    ((lineno, message),) = _errors(body)
    assert lineno == _lineno(body, "Lopsided")
    assert "doesn't match what arrived" in message


@pytest.mark.parametrize("amount", ["-2000.00"])
def test_negative_after_tax_balance_is_reported_not_raised(amount: str) -> None:
    body = f"""
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Income:Salary
    2024-01-20 * "Plan" "Paid out more than held"
      Assets:Retirement:Acme401k:AfterTax  {amount} USD
      Assets:Checking
    """
    ((_, message),) = _errors(body)
    assert "which held only 1,000.00" in message


def test_designated_roth_distribution_reports_the_part_from_a_recent_irr_in_box_10() -> None:
    # 4,000 of Roth deferrals and a 6,000 IRR (all basis in the Roth account), worth 10,000:
    # paying out 5,000 takes half of each lot; 3,000 comes from the IRR made this year.
    analysis, errors, _ = run(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:Roth      4000.00 USD
      Assets:Retirement:Acme401k:AfterTax  6000.00 USD
      Income:Salary
    2024-01-20 * "Plan" "IRR"
      Assets:Retirement:Acme401k:AfterTax  -6000.00 USD
      Assets:Retirement:Acme401k:IRR        6000.00 USD
    2024-09-01 * "Plan" "Roth distribution"
      Assets:Retirement:Acme401k:Roth  -2000.00 USD
      Assets:Retirement:Acme401k:IRR   -3000.00 USD
      Assets:Checking                   5000.00 USD
    """
    )
    assert errors == []
    forms = {f.code: f for f in expected_1099rs(analysis.basis.movements)}
    assert (forms["1B"].box1, forms["1B"].box2a, forms["1B"].box5, forms["1B"].box10) == (
        D("5000.00"),
        D("0.00"),
        D("5000.00"),
        D("3000.00"),
    )
    assert forms["1B"].box11 == 2024


def test_one_market_value_line_with_gains_and_losses_in_several_pots_is_earnings() -> None:
    # Found importing Fidelity's dollar view: one line per date, a gain here, a loss there.
    movement = only_movement(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:AfterTax  1000.00 USD
      Assets:Retirement:Acme401k:PreTax    1000.00 USD
      Income:Salary
    2024-01-31 * "Statement" "Change in market value"
      Assets:Retirement:Acme401k:AfterTax    12.00 USD
      Assets:Retirement:Acme401k:PreTax      -5.00 USD
      Income:Retirement:MarketValue
    2024-02-01 * "Plan" "Conversion"
      Assets:Retirement:Acme401k:AfterTax  -1012.00 USD
      Assets:Retirement:Acme401k:IRR        1012.00 USD
    """
    )
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("1012.00"),
        D("1000.00"),
        D("12.00"),
    )
