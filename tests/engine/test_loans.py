"""401(k) participant loans (IRC 72(p)): taken, repaid, written off.

A loan is an exchange inside the plan (the source's funds into its ``Loan`` account), a
repayment is not a contribution and its interest is earnings, and only a loan the ledger
marks as written off is a distribution: a deemed distribution, 1099-R code L. Every figure
is computed by hand in the comment beside it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.values import household_values
from megaroth.tax.records import Contract
from megaroth.tax.sources import ContractKind
from tests.conftest import load, messages, without_findings

D = Decimal
PLAN = "Assets:Retirement:Acme401k"

HEADER = """
    plugin "megaroth.plugins"
    option "operating_currency" "USD"
    option "booking_method" "FIFO"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1980-06-01
    2020-01-01 open Assets:Checking
    2020-01-01 open Income:Salary
    2020-01-01 open Income:Retirement:Gains
    2020-01-01 open Income:Retirement:Interest
    2020-01-01 open Income:Retirement:MarketValue
    2020-01-01 open Expenses:Interest:Acme401k
    2020-01-01 open Expenses:Retirement:Fees
    2020-01-01 open Liabilities:Loans:Acme401k
    2020-01-01 open Assets:Retirement:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
      in-plan-conversion: TRUE
    2020-01-01 open Assets:Retirement:Acme401k:PreTax
    2020-01-01 open Assets:Retirement:Acme401k:PreTax:FXAIX  FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:PreTax:Loan   USD
    2020-01-01 open Assets:Retirement:Acme401k:Match
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax:Loan USD
    2020-01-01 open Assets:Retirement:Acme401k:Roth
    2020-01-01 open Assets:Retirement:Acme401k:Roth:Loan     USD
    2020-01-01 open Assets:Retirement:Acme401k:IRR
"""


def run(body: str, header: str = HEADER) -> tuple[Analysis, list[Any]]:
    """The analysis, and the errors other than the limits' findings."""
    entries, errors, options = load(header + body)
    return analyse(entries, options), without_findings(errors)


def pool(analysis: Analysis, kind: ContractKind) -> Any:
    return analysis.basis.pools[Contract(PLAN, kind)]


def boxes(form: Any) -> tuple[Any, ...]:
    return (form.code, form.box1, form.box2a, form.box5, form.box4)


# Taken and repaid: no distribution, no contribution ---------------------------------------


PRETAX_LOAN = """
    2024-01-15 * "Payroll" "Pre-tax deferral"
      Assets:Retirement:Acme401k:PreTax:FXAIX   100 FXAIX {115.00 USD}
      Income:Salary                          -11500.00 USD
    2024-02-01 * "Acme 401(k)" "Loan"
      Assets:Retirement:Acme401k:PreTax:FXAIX   -40 FXAIX {} @ 125.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan   5000.00 USD
      Income:Retirement:Gains
      Assets:Checking                          5000.00 USD
      Liabilities:Loans:Acme401k              -5000.00 USD
    2024-03-01 * "Payroll" "Loan repayment, interest posted"
      Assets:Checking                          -230.00 USD
      Liabilities:Loans:Acme401k                200.00 USD
      Expenses:Interest:Acme401k                 30.00 USD
      Assets:Retirement:Acme401k:PreTax:FXAIX  1.84 FXAIX {125.00 USD}
      Assets:Retirement:Acme401k:PreTax:Loan   -200.00 USD
      Income:Retirement:Interest                -30.00 USD
    2024-04-01 * "Payroll" "Loan repayment, interest the difference"
      Income:Salary                            -230.00 USD
      Liabilities:Loans:Acme401k                200.00 USD
      Assets:Retirement:Acme401k:PreTax:FXAIX  1.84 FXAIX {125.00 USD}
      Assets:Retirement:Acme401k:PreTax:Loan   -200.00 USD
    2024-06-14 * "Payroll" "Pre-tax deferral"
      Assets:Retirement:Acme401k:PreTax:FXAIX    92 FXAIX {125.00 USD}
      Income:Salary                          -11500.00 USD
    2024-12-31 price FXAIX 125.00 USD
"""


def test_pretax_loan_and_repayments_are_no_distribution_and_no_contribution() -> None:
    analysis, errors = run(PRETAX_LOAN)
    assert errors == []
    # The loan sold 5,000.00 of FXAIX into the loan receivable: inside the plan, no 1099-R.
    assert analysis.basis.movements == ()
    assert analysis.expected_1099r == ()
    # Contributions are the two deferrals only; the repayments (230.00 twice) are none.
    assert [(c.date.isoformat(), c.amount) for c in analysis.basis.contributions] == [
        ("2024-01-15", D("11500.00")),
        ("2024-06-14", D("11500.00")),
    ]
    # 402(g): 23,000.00 deferred, exactly the 2024 limit (age 44: no catch-up); 415(c) too.
    (deferrals,) = analysis.usage.deferrals
    assert (deferrals.deferrals, deferrals.limit, deferrals.excess) == (
        D("23000.00"),
        D(23000),
        D(0),
    )
    assert [(a.employer, a.annual_additions, a.excess) for a in analysis.usage.additions] == [
        ("Acme Corp", D("23000.00"), D(0))
    ]
    assert [f.check for f in analysis.findings] == []
    # The loan stays in the plan's value: FXAIX 100 - 40 + 1.84 + 1.84 + 92 = 155.68 units
    # x 125.00 = 19,460.00, the receivable 5,000 - 200 - 200 = 4,600.00: 24,060.00. Over the
    # 23,000.00 contributed that is 1,060.00 of earnings: 1,000.00 the price rise of the
    # first 100 units (115 -> 125) and the 60.00 of interest paid back into the fund.
    entries, _, _ = load(HEADER + PRETAX_LOAN)
    values = household_values(entries, analysis.household, "USD")
    ((plan,),) = [person.plans for person in values.people]
    (pretax,) = [source for source in plan.sources if source.kind.value == "pretax"]
    assert [(a.account, a.value) for a in pretax.accounts] == [
        (f"{PLAN}:PreTax", D("0.00")),
        (f"{PLAN}:PreTax:FXAIX", D("19460.00")),
        (f"{PLAN}:PreTax:Loan", D("4600.00")),
    ]
    assert pretax.value == D("24060.00")
    assert pool(analysis, ContractKind.PRETAX).basis == D(0)
    assert pool(analysis, ContractKind.PRETAX).contributed == D("23000.00")


def test_a_loan_may_be_named_otherwise_with_megaroth_loan() -> None:
    # The same loan into an account called Receivable, declared a loan on its Open.
    header = HEADER + "    2020-01-01 open Assets:Retirement:Acme401k:PreTax:Receivable USD\n"
    header += "      megaroth-loan: TRUE\n"
    analysis, errors = run(
        """
    2024-01-15 * "Payroll"
      Assets:Retirement:Acme401k:PreTax          10000.00 USD
      Income:Salary
    2024-02-01 * "Acme 401(k)" "Loan"
      Assets:Retirement:Acme401k:PreTax         -4000.00 USD
      Assets:Retirement:Acme401k:PreTax:Receivable 4000.00 USD
      Assets:Checking                            4000.00 USD
      Liabilities:Loans:Acme401k                -4000.00 USD
    2024-03-01 * "Payroll" "Repayment: 300.00 principal, 25.00 interest"
      Income:Salary                              -325.00 USD
      Liabilities:Loans:Acme401k                  300.00 USD
      Assets:Retirement:Acme401k:PreTax           325.00 USD
      Assets:Retirement:Acme401k:PreTax:Receivable -300.00 USD
    """,
        header,
    )
    assert errors == []
    assert analysis.basis.movements == ()
    assert [c.amount for c in analysis.basis.contributions] == [D("10000.00")]
    assert analysis.usage.deferrals[0].deferrals == D("10000.00")


def test_an_after_tax_loan_keeps_the_basis_and_its_interest_is_earnings() -> None:
    # 30,000 contributed, worth 33,000; 10,000 lent out of it. The receivable is part of the
    # after-tax money, so basis stays 30,000. A repayment of 1,000 principal and 50 interest
    # adds 50 of earnings and no basis: 23,000 + 1,050 in the fund, 9,000 lent = 33,050.
    # Converting the fund's 24,050 is pro rata over all 33,050 (72(e)(8)):
    # 24,050 x 30,000 / 33,050 = 21,830.56 of basis, 2,219.44 taxable; 8,169.44 of basis
    # stays with the 9,000 receivable. Written off, the loan is a deemed distribution of
    # all that is left: 9,000, 8,169.44 of basis (box 5), 830.56 taxable, code 1L.
    analysis, errors = run(
        """
    2024-01-10 * "Payroll" "After-tax contributions"
      Assets:Retirement:Acme401k:AfterTax        30000.00 USD
      Income:Salary
    2024-06-30 * "Statement" "Change in market value"
      Assets:Retirement:Acme401k:AfterTax         3000.00 USD
      Income:Retirement:MarketValue
    2024-07-01 * "Acme 401(k)" "Loan from after-tax money"
      Assets:Retirement:Acme401k:AfterTax       -10000.00 USD
      Assets:Retirement:Acme401k:AfterTax:Loan   10000.00 USD
      Assets:Checking                            10000.00 USD
      Liabilities:Loans:Acme401k                -10000.00 USD
    2024-08-01 * "Payroll" "Loan repayment"
      Assets:Checking                            -1050.00 USD
      Liabilities:Loans:Acme401k                  1000.00 USD
      Expenses:Interest:Acme401k                    50.00 USD
      Assets:Retirement:Acme401k:AfterTax         1050.00 USD
      Assets:Retirement:Acme401k:AfterTax:Loan   -1000.00 USD
      Income:Retirement:Interest                   -50.00 USD
    2024-09-01 * "Acme 401(k)" "In-plan Roth conversion"
      Assets:Retirement:Acme401k:AfterTax       -24050.00 USD
      Assets:Retirement:Acme401k:IRR             24050.00 USD
    2024-12-31 * "Acme 401(k)" "Loan in default, deemed distributed"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:AfterTax:Loan   -9000.00 USD
      Liabilities:Loans:Acme401k                  9000.00 USD
    """
    )
    assert errors == []
    assert [(c.amount, c.basis) for c in analysis.basis.contributions] == [
        (D("30000.00"), D("30000.00"))
    ]
    assert analysis.usage.additions[0].annual_additions == D("30000.00")
    conversion, deemed = analysis.basis.movements
    assert (conversion.kind.value, conversion.gross, conversion.basis, conversion.taxable) == (
        "in-plan-roth-rollover",
        D("24050.00"),
        D("21830.56"),
        D("2219.44"),
    )
    assert (deemed.kind.value, deemed.gross, deemed.basis, deemed.taxable, deemed.code) == (
        "deemed-distribution",
        D("9000.00"),
        D("8169.44"),
        D("830.56"),
        "1L",
    )
    assert (deemed.from_account, deemed.to_account) == (
        f"{PLAN}:AfterTax:Loan",
        "Liabilities:Loans:Acme401k",
    )
    assert pool(analysis, ContractKind.AFTER_TAX).basis == D(0)
    assert [boxes(form) for form in analysis.expected_1099r] == [
        ("1L", D("9000.00"), D("830.56"), D("8169.44"), D(0)),
        ("G", D("24050.00"), D("2219.44"), D("21830.56"), D(0)),
    ]


# Written off: a deemed distribution, code L ---------------------------------------------


DEFAULTED = """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:PreTax          20000.00 USD
      Income:Salary
    2024-02-01 * "Acme 401(k)" "Loan"
      Assets:Retirement:Acme401k:PreTax          -8000.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      8000.00 USD
      Assets:Checking                             8000.00 USD
      Liabilities:Loans:Acme401k                 -8000.00 USD
    2024-03-01 * "Payroll" "Repayment: 500.00 principal, 40.00 interest"
      Income:Salary                               -540.00 USD
      Liabilities:Loans:Acme401k                   500.00 USD
      Assets:Retirement:Acme401k:PreTax            540.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      -500.00 USD
    2024-12-31 * "Acme 401(k)" "Loan in default: deemed distribution"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax:Loan     -7500.00 USD
      Income:Retirement:Interest                   -60.00 USD
      Liabilities:Loans:Acme401k                  7560.00 USD
    2025-01-31 custom "1099-R" Assets:Retirement:Acme401k 2024
      payer: "Acme 401(k) Plan"
      box1: 7560.00 USD
      box2a: 7560.00 USD
      box5: 0.00 USD
      box7: "L1"
"""


@pytest.mark.parametrize(
    ("birth_date", "code"),
    [("1980-06-01", "1L"), ("1960-01-01", "L")],
    ids=["under 59 1/2: code L with 1", "59 1/2 or older: code L alone"],
)
def test_a_defaulted_pretax_loan_is_a_deemed_distribution_code_l(
    birth_date: str, code: str
) -> None:
    # The outstanding balance, 8,000 - 500 = 7,500, with 60 of interest accrued to the day of
    # the default (Reg. 1.72(p)-1 Q&A-10): 7,560 deemed distributed, all of it pre-tax money
    # and taxable. Box 7 is L, with 1 before 59 1/2 (no known exception).
    analysis, errors = run(DEFAULTED, HEADER.replace("1980-06-01", birth_date))
    received = [r for r in analysis.reconciled if r.form == "1099-R"]
    if code == "1L":
        assert errors == []
        assert [(r.code, r.status.value) for r in received] == [("1L", "match")]
    (movement,) = analysis.basis.movements
    assert (movement.kind.value, movement.gross, movement.basis, movement.taxable) == (
        "deemed-distribution",
        D("7560.00"),
        D("0.00"),
        D("7560.00"),
    )
    assert "72(p)" in movement.rule
    (form,) = analysis.expected_1099r
    assert (form.payer, form.year) == (PLAN, 2024)
    assert boxes(form) == (code, D("7560.00"), D("7560.00"), D("0.00"), D(0))
    assert form.box5 == D(0)
    # Only the deferral counts toward the limits; nothing is left in the receivable, and the
    # plan holds 20,000 - 8,000 + 540 = 12,540.
    assert analysis.usage.deferrals[0].deferrals == D("20000.00")
    entries, _, _ = load(HEADER + DEFAULTED)
    values = household_values(entries, analysis.household, "USD")
    ((plan,),) = [person.plans for person in values.people]
    assert [(a.account, a.value) for s in plan.sources for a in s.accounts if a.value] == [
        (f"{PLAN}:PreTax", D("12540.00"))
    ]


def test_interest_accrued_into_the_receivable_is_earnings_and_deemed_distributed_with_it() -> None:
    # The same default, the 60.00 of interest accrued into the receivable first (earnings,
    # no contribution): the write-off is the receivable's 7,560.00, as above.
    accrued = DEFAULTED.replace(
        """    2024-12-31 * "Acme 401(k)" "Loan in default: deemed distribution"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax:Loan     -7500.00 USD
      Income:Retirement:Interest                   -60.00 USD
      Liabilities:Loans:Acme401k                  7560.00 USD
""",
        """    2024-12-15 * "Acme 401(k)" "Interest accrued"
      Assets:Retirement:Acme401k:PreTax:Loan        60.00 USD
      Income:Retirement:Interest                   -60.00 USD
    2024-12-31 * "Acme 401(k)" "Loan in default: deemed distribution"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax:Loan     -7560.00 USD
      Liabilities:Loans:Acme401k                  7560.00 USD
""",
    )
    assert accrued != DEFAULTED
    analysis, errors = run(accrued)
    assert errors == []
    assert [c.amount for c in analysis.basis.contributions] == [D("20000.00")]
    (form,) = analysis.expected_1099r
    assert boxes(form) == ("1L", D("7560.00"), D("7560.00"), D("0.00"), D(0))


def test_a_distribution_marked_not_deemed_is_an_ordinary_distribution() -> None:
    # megaroth-deemed-distribution: FALSE changes nothing: 1,000 of pre-tax money paid out
    # before 59 1/2 is code 1, all taxable.
    analysis, errors = run(
        """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:PreTax           5000.00 USD
      Income:Salary
    2024-06-01 * "Acme 401(k)" "Hardship withdrawal"
      megaroth-deemed-distribution: FALSE
      Assets:Retirement:Acme401k:PreTax          -1000.00 USD
      Assets:Checking                             1000.00 USD
    """
    )
    assert errors == []
    (form,) = analysis.expected_1099r
    assert boxes(form) == ("1", D("1000.00"), D("1000.00"), D("0.00"), D(0))


def test_a_loan_from_pretax_and_roth_money_is_deemed_distributed_on_two_forms() -> None:
    # Pro rata out of both sources, one Loan account each. Written off, the pre-tax 3,000 is
    # taxable (1L) and the Roth 3,000 is pro rata over the Roth money: 9,400 contributed,
    # worth 10,000 -> 3,000 x 9,400 / 10,000 = 2,820 of basis, 180 taxable (BL, box 11 the
    # first Roth year, 2022).
    analysis, errors = run(
        """
    2022-01-10 * "Payroll" "Roth deferrals"
      Assets:Retirement:Acme401k:Roth             9400.00 USD
      Income:Salary
    2024-01-10 * "Payroll" "Pre-tax deferrals"
      Assets:Retirement:Acme401k:PreTax          10000.00 USD
      Income:Salary
    2024-06-30 * "Statement" "Change in market value"
      Assets:Retirement:Acme401k:Roth              600.00 USD
      Income:Retirement:MarketValue
    2024-07-01 * "Acme 401(k)" "Loan, pro rata from both sources"
      Assets:Retirement:Acme401k:PreTax          -3000.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      3000.00 USD
      Assets:Retirement:Acme401k:Roth            -3000.00 USD
      Assets:Retirement:Acme401k:Roth:Loan        3000.00 USD
      Assets:Checking                             6000.00 USD
      Liabilities:Loans:Acme401k                 -6000.00 USD
    2024-12-31 * "Acme 401(k)" "Loan in default"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax:Loan     -3000.00 USD
      Assets:Retirement:Acme401k:Roth:Loan       -3000.00 USD
      Liabilities:Loans:Acme401k                  6000.00 USD
    """
    )
    assert errors == []
    assert sorted((m.code, m.gross, m.basis, m.taxable) for m in analysis.basis.movements) == [
        ("1L", D("3000.00"), D("0.00"), D("3000.00")),
        ("BL", D("3000.00"), D("2820.00"), D("180.00")),
    ]
    pretax, roth = analysis.expected_1099r
    assert boxes(pretax) == ("1L", D("3000.00"), D("3000.00"), D("0.00"), D(0))
    assert boxes(roth) == ("BL", D("3000.00"), D("180.00"), D("2820.00"), D(0))
    assert roth.boxes()["box11"] == 2022
    assert "box11" not in pretax.boxes()
    assert pool(analysis, ContractKind.ROTH).basis == D("6580.00")  # 9,400 - 2,820


# Shapes megaroth doesn't know: an error on the transaction ---------------------------------


LENT = """
    2024-01-10 * "Payroll"
      Assets:Retirement:Acme401k:PreTax          20000.00 USD
      Assets:Retirement:Acme401k:Match            5000.00 USD
      Income:Salary
    2024-02-01 * "Acme 401(k)" "Loan"
      Assets:Retirement:Acme401k:PreTax          -8000.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      8000.00 USD
      Assets:Checking                             8000.00 USD
      Liabilities:Loans:Acme401k                 -8000.00 USD
"""

BAD_SHAPES = {
    "lent from another source's money": (
        """
    2024-03-01 * "Acme 401(k)" "Second loan"
      Assets:Retirement:Acme401k:Match           -1000.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      1000.00 USD
      Assets:Checking                             1000.00 USD
      Liabilities:Loans:Acme401k                 -1000.00 USD
    """,
        "1,000.00 leaves Assets:Retirement:Acme401k's match money, which lends nothing",
    ),
    "cash out beyond the loan": (
        """
    2024-03-01 * "Acme 401(k)" "Second loan"
      Assets:Retirement:Acme401k:PreTax          -1050.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      1000.00 USD
      Assets:Checking                             1050.00 USD
      Liabilities:Loans:Acme401k                 -1000.00 USD
    """,
        "1,050.00 left Assets:Retirement:Acme401k's pretax funds but its loan receivable "
        "gains only 1,000.00",
    ),
    "written off without the mark": (
        """
    2024-12-31 * "Acme 401(k)" "Loan in default"
      Assets:Retirement:Acme401k:PreTax:Loan     -8000.00 USD
      Liabilities:Loans:Acme401k                  8000.00 USD
    """,
        "Assets:Retirement:Acme401k's pretax loan receivable goes down by 8,000.00 but the "
        "source's funds receive only 0.00",
    ),
    "a contribution inside a repayment": (
        """
    2024-03-01 * "Payroll" "Repayment and match"
      Income:Salary                               -900.00 USD
      Liabilities:Loans:Acme401k                   500.00 USD
      Assets:Retirement:Acme401k:PreTax            540.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan      -500.00 USD
      Assets:Retirement:Acme401k:Match             360.00 USD
    """,
        "360.00 goes into Assets:Retirement:Acme401k's match money, which has no loan repaid",
    ),
    "more repaid than lent": (
        """
    2024-03-01 * "Payroll" "Repayment"
      Income:Salary                              -9000.00 USD
      Liabilities:Loans:Acme401k                  9000.00 USD
      Assets:Retirement:Acme401k:PreTax           9000.00 USD
      Assets:Retirement:Acme401k:PreTax:Loan     -9000.00 USD
    """,
        "After this transaction Assets:Retirement:Acme401k:PreTax:Loan holds -1,000.00 USD",
    ),
    "the mark on a transaction with no loan": (
        """
    2024-12-31 * "Acme 401(k)" "Withdrawal"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax          -1000.00 USD
      Assets:Checking                             1000.00 USD
    """,
        "This transaction says megaroth-deemed-distribution: TRUE but posts to no loan",
    ),
    "the mark in quotes": (
        """
    2024-12-31 * "Acme 401(k)" "Loan in default"
      megaroth-deemed-distribution: "TRUE"
      Assets:Retirement:Acme401k:PreTax:Loan     -8000.00 USD
      Liabilities:Loans:Acme401k                  8000.00 USD
    """,
        "megaroth-deemed-distribution is 'TRUE'; write  megaroth-deemed-distribution: TRUE",
    ),
    "a deemed distribution that sells funds too": (
        """
    2024-12-31 * "Acme 401(k)" "Loan in default"
      megaroth-deemed-distribution: TRUE
      Assets:Retirement:Acme401k:PreTax:Loan     -8000.00 USD
      Assets:Retirement:Acme401k:PreTax          -1000.00 USD
      Liabilities:Loans:Acme401k                  8000.00 USD
      Assets:Checking                             1000.00 USD
    """,
        "Assets:Retirement:Acme401k's pretax money moves besides its loan receivable",
    ),
}


@pytest.mark.parametrize("shape", sorted(BAD_SHAPES))
def test_a_loan_transaction_of_another_shape_is_an_error_on_it(shape: str) -> None:
    body, start = BAD_SHAPES[shape]
    entries, all_errors, options = load(HEADER + LENT + body)
    errors = without_findings(all_errors)
    (error,) = errors
    assert error.check == "basis"
    assert error.message.startswith(start), error.message
    # The error points at the transaction (fava links it) and explains the convention.
    assert error.entry is not None
    assert error.source is error.entry.meta
    assert error.entry.date.isoformat() in ("2024-03-01", "2024-12-31")
    assert "megaroth-deemed-distribution: TRUE" in error.message
    assert f"{PLAN}:PreTax:Loan" in error.message
    # And nothing of it is read as a distribution or a contribution.
    analysis = analyse(entries, options)
    assert analysis.basis.movements == ()
    assert [c.amount for c in analysis.basis.contributions] == [D("20000.00"), D("5000.00")]


def test_megaroth_loan_outside_a_plan_source_is_an_error_on_its_open() -> None:
    _, errors = run(
        """
    2020-01-01 open Assets:Retirement:AliceIRA
      megaroth-ira: "traditional"
      owner: "alice"
    2020-01-01 open Assets:Retirement:AliceIRA:Loan USD
      megaroth-loan: TRUE
    2020-01-01 open Assets:Retirement:Acme401k:PreTax:Note USD
      megaroth-loan: "yes"
    """
    )
    assert messages(errors) == [
        "Assets:Retirement:AliceIRA:Loan says megaroth-loan: TRUE but is not inside a plan's "
        "money source. A 401(k) loan is lent from a source of the plan, and its receivable "
        "stays in the plan under that source, e.g. Assets:Retirement:Acme401k:PreTax:Loan "
        "(IRAs make no loans). Open it there, or remove megaroth-loan: from this Open.",
        "Assets:Retirement:Acme401k:PreTax:Note: megaroth-loan is 'yes'; write  "
        "megaroth-loan: TRUE  (a loan receivable inside a plan source) or  megaroth-loan: "
        "FALSE  (no quotes).",
    ]
    assert {e.check for e in errors} == {"household"}
    assert [e.entry.account for e in errors] == [
        "Assets:Retirement:AliceIRA:Loan",
        "Assets:Retirement:Acme401k:PreTax:Note",
    ]


def test_a_loan_right_below_the_plan_is_told_where_its_receivable_goes() -> None:
    _, errors = run("    2020-01-01 open Assets:Retirement:Acme401k:Loan USD\n")
    (error,) = errors
    assert error.check == "household"
    assert error.message.startswith(
        'Assets:Retirement:Acme401k:Loan: can\'t tell which money source "Loan" is in plan '
        "Assets:Retirement:Acme401k."
    )
    assert error.message.endswith(
        " A 401(k) loan's receivable goes under the source it was lent from, e.g. "
        'Assets:Retirement:Acme401k:PreTax:Loan (the README, "Plan loans").'
    )
