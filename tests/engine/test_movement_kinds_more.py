"""Money out of a plan or IRA (megaroth.engine.movements): whether a movement adds up.

A movement is followed when what left its payer, less the fees, is what arrived, valued at
the transaction's own prices, within rounding: half a cent per leg for units times prices,
plus a cent. Earnings posted in the movement itself were earned by the money that leaves,
just before it left. Written against the survivors of mutation testing of
``engine/movements.py`` (docs/testing.md); the ledgers go through the real plugins, as in
tests/engine/test_movement_kinds.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.engine.test_movement_kinds import figures, lineno, run

D = Decimal

FUND = """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10 FUND {100.00 USD}
  Income:Salary
"""


def test_a_sale_at_market_with_its_gain_booked_and_a_fee_moves_what_arrived() -> None:
    """10 units bought for 1,000 of after-tax money are sold at 105.00 (1,050.00 at the
    transaction's price) and converted to the IRR; Beancount books the 50.00 gain to the
    earnings account, and the plan keeps a 10.00 fee: 1,040 arrives. Out 1,050 less the fee
    10 is the 1,040 that arrived: it adds up, and the gain is already in the price. All of
    the pool moves: box 1 1,040, box 5 the 1,000 of basis, box 2a the 40 of earnings left
    after the fee, code G."""
    analysis, errors = run(
        FUND
        + """
2024-07-01 * "Plan" "Conversion, sold at market, with a fee"
  Assets:Acme401k:AfterTax  -10 FUND {} @ 105.00 USD
  Assets:Acme401k:IRR        1040.00 USD
  Expenses:Retirement:Fees     10.00 USD
  Income:Retirement:MarketValue
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Acme401k:IRR", D("1040.00"), D("1000.00"),
        D("40.00"), "G",
    )  # fmt: skip


def test_earnings_posted_in_the_movement_beside_a_fee_are_part_of_what_moved() -> None:
    """1,000 of after-tax money; the conversion's statement posts the last 50.00 of earnings
    in the conversion itself and a 10.00 fee: 1,000 leaves the pot, 1,040 arrives. The 50
    were earned by the money that left (1,050), and the fee comes out of it: 1,050 - 10 =
    1,040, what arrived. Box 1 1,040, box 5 1,000, box 2a 40, code G."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Income:Salary
2024-07-01 * "Plan" "Conversion, with the last earnings and a fee"
  Assets:Acme401k:AfterTax       -1000.00 USD
  Assets:Acme401k:IRR             1040.00 USD
  Expenses:Retirement:Fees          10.00 USD
  Income:Retirement:MarketValue    -50.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Acme401k:IRR", D("1040.00"), D("1000.00"),
        D("40.00"), "G",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("legs", "followed"),
    [
        # Two legs: 0.005 x 2 + 0.01 = 0.02 of rounding. Sold at 99.999: 999.99 out for
        # 1,000.00 in, a cent off.
        (
            """
  Assets:Acme401k:AfterTax  -10 FUND {} @ 99.999 USD
  Assets:Acme401k:IRR        1000.00 USD
""",
            True,
        ),
        # Four legs: 0.005 x 4 + 0.01 = 0.03. Sold at 104.997 with its 50.00 gain booked:
        # 1,049.97 out, less the 10 fee, for 1,040 in: 3 cents off.
        (
            """
  Assets:Acme401k:AfterTax  -10 FUND {} @ 104.997 USD
  Assets:Acme401k:IRR        1040.00 USD
  Expenses:Retirement:Fees     10.00 USD
  Income:Retirement:MarketValue  -50.00 USD
""",
            True,
        ),
        # Sold at 99.997 (999.97), and 50.00 of earnings posted in the movement: 1,049.97
        # earned and out, less the 10 fee, for 1,040 in: 3 cents off.
        (
            """
  Assets:Acme401k:AfterTax  -10 FUND {} @ 99.997 USD
  Assets:Acme401k:IRR        1040.00 USD
  Expenses:Retirement:Fees     10.00 USD
  Income:Retirement:MarketValue  -50.00 USD
""",
            True,
        ),
        # Sold at 99.996: 4 cents off over four legs is more than rounding.
        (
            """
  Assets:Acme401k:AfterTax  -10 FUND {} @ 99.996 USD
  Assets:Acme401k:IRR        1040.00 USD
  Expenses:Retirement:Fees     10.00 USD
  Income:Retirement:MarketValue  -50.00 USD
""",
            False,
        ),
    ],
    ids=[
        "a-cent-over-two-legs",
        "3-cents-over-four-legs",
        "3-cents-with-earnings-posted",
        "4-cents-over-four-legs",
    ],
)
def test_a_movement_off_by_rounding_at_its_prices_is_followed(legs: str, followed: bool) -> None:
    """Units times prices round: a movement whose legs, valued at the transaction's prices,
    differ by at most half a cent per leg plus a cent is followed as the conversion it is
    (code G); beyond that it doesn't add up, an error on the transaction and no movement."""
    body = FUND + '2024-07-01 * "Plan" "Conversion"' + legs
    analysis, errors = run(body)
    if followed:
        assert errors == []
        (movement,) = analysis.basis.movements
        assert (movement.kind.value, movement.to_account, movement.code) == (
            "in-plan-roth-rollover", "Assets:Acme401k:IRR", "G",
        )  # fmt: skip
    else:
        assert [e.source["lineno"] for e in errors] == [lineno(body, '"Conversion"')]
        assert "doesn't match what arrived" in errors[0].message
        assert analysis.basis.movements == ()


@pytest.mark.parametrize(
    ("to", "where"),
    [("Assets:Acme401k:IRR", "Assets:Acme401k"), ("Assets:Checking", "no plan or IRA")],
    ids=["to-the-plan", "paid-out"],
)
def test_a_movement_that_does_not_add_up_says_what_left_and_what_arrived(
    to: str, where: str
) -> None:
    """10 units that cost 2,000 sold at 210.00 are 2,100.00 at the transaction's price, but
    only 1,500 arrives, and the earnings account takes the 500 Beancount needs to balance
    the cost: 2,100 + 500 earned for 1,500 placed doesn't add up. The error says what left,
    what arrived and where (the plan or IRA it went to, else none: paid out), and the fees,
    and how to fix it; no movement."""
    body = f"""
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10 FUND {{200.00 USD}}
  Income:Salary
2024-07-01 * "Plan" "Lopsided"
  Assets:Acme401k:AfterTax  -10 FUND {{}} @ 210.00 USD
  {to}        1500.00 USD
  Income:Retirement:MarketValue
"""
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, "Lopsided"),
            "Money out of Assets:Acme401k (2,100.00) doesn't match what arrived (1,500.00 in "
            f"{where}, fees 0.00), valued at this transaction's prices. Check the units and "
            "prices of each leg; megaroth can't classify a movement that doesn't add up.",
        )
    ]
    assert analysis.basis.movements == ()


def test_taking_a_cent_more_than_the_pot_held_is_rounding() -> None:
    """The pot held 1,000.00; the conversion takes 1,000.01 (a statement's rounding). Up to
    a cent over the balance is followed, not an error: box 1 1,000.01, box 5 the 1,000 of
    basis, box 2a the cent, code G."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Income:Salary
2024-07-01 * "Plan" "Conversion"
  Assets:Acme401k:AfterTax  -1000.01 USD
  Assets:Acme401k:IRR        1000.01 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Acme401k:IRR", D("1000.01"), D("1000.00"),
        D("0.01"), "G",
    )  # fmt: skip


def test_a_loss_posted_in_the_movement_that_takes_all_that_left_moves_nothing() -> None:
    """10 units bought for 100.00 of after-tax money are sold at 9.999: 99.99 at the
    transaction's price, and the statement posts a 99.99 loss in the same transaction, with
    a cent paid out. What left, with the loss spread over it, is 99.99 - 99.99 = 0, within
    rounding (3 legs: 0.025) of the cent paid: no money moved, so no movement and no error
    (and no fee to share out of nothing)."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10 FUND {10.00 USD}
  Income:Salary
2024-07-01 * "Plan" "A loss that takes it all"
  Assets:Acme401k:AfterTax  -10 FUND {} @ 9.999 USD
  Income:Retirement:MarketValue  99.99 USD
  Assets:Checking                 0.01 USD
"""
    )
    assert errors == []
    assert analysis.basis.movements == ()


def test_a_conversion_two_cents_off_at_its_price_is_rounding_not_roth_money() -> None:
    """10 FUND bought at 100.00 with after-tax money are converted at 100.002 (1,000.02 at
    that price) into 1,000.00 of IRR: the two cents are rounding, within what a movement may
    be off (half a cent a leg and a cent). The conversion is followed, 0.02 of earnings
    taxable, code G; it used to stop with "0.02 of designated Roth money ... can't take Roth
    money", though no Roth money was taken."""
    analysis, errors = run(
        """
2000-01-01 commodity FUND
2024-01-10 * "Acme" "Payroll"
  Assets:Acme401k:AfterTax  10 FUND {100.00 USD}
  Income:Salary
2024-02-01 * "Acme" "In-plan Roth rollover"
  Assets:Acme401k:AfterTax  -10 FUND {} @ 100.002 USD
  Assets:Acme401k:IRR  1000.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.kind.value, movement.gross, movement.taxable, movement.code) == (
        "in-plan-roth-rollover", D("1000.00"), D("0.02"), "G")  # fmt: skip


def test_after_tax_money_into_two_funds_in_one_payroll_is_all_basis() -> None:
    """One payroll puts 300 of after-tax money into one fund and 500 into another (two
    sub-accounts of the after-tax source). Both are basis: converted whole to the IRR, the
    800 recovers 800 of basis, nothing taxable (IRC 72(e)(8)), not just the last posting's
    500."""
    analysis, errors = run(
        """
2000-01-01 open Assets:Acme401k:AfterTax:FundA
2000-01-01 open Assets:Acme401k:AfterTax:FundB
2024-01-10 * "Acme" "Payroll"
  Assets:Acme401k:AfterTax:FundA  300.00 USD
  Assets:Acme401k:AfterTax:FundB  500.00 USD
  Income:Salary
2024-01-20 * "Acme" "In-plan Roth rollover"
  Assets:Acme401k:AfterTax:FundA  -300.00 USD
  Assets:Acme401k:AfterTax:FundB  -500.00 USD
  Assets:Acme401k:IRR  800.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.gross, movement.basis, movement.taxable) == (D("800.00"), D("800.00"), 0)


def test_a_conversion_with_fifty_cents_added_from_checking_is_money_in_and_out() -> None:
    """A conversion of 1,000 from the traditional IRA to the Roth IRA that also takes 0.50
    from checking brings money in and takes money out in one transaction: megaroth can't
    tell a contribution from a conversion there, and says so (any amount, not from a
    dollar)."""
    _, errors = run(
        """
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  1000.00 USD
  Assets:Checking
2024-01-20 * "Broker" "Conversion, and fifty cents"
  Assets:AliceIRA      -1000.00 USD
  Assets:AliceRothIRA   1000.50 USD
  Assets:Checking         -0.50 USD
"""
    )
    (error,) = errors
    assert error.message.startswith(
        "This transaction takes money out of Assets:AliceIRA while money comes in from "
        "outside (Assets:Checking); megaroth can't tell a movement from a contribution."
    )


def test_an_ira_fee_is_no_movement_and_no_error() -> None:
    """A 25 fee taken out of the traditional IRA lowers its value (Form 8606 line 6), not its
    basis: no movement, no 1099-R, no error."""
    analysis, errors = run(
        """
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  1000.00 USD
  Assets:Checking
2024-06-01 * "Broker" "Account fee"
  Assets:AliceIRA  -25.00 USD
  Expenses:Retirement:Fees
"""
    )
    assert errors == []
    assert (list(analysis.basis.movements), list(analysis.expected_1099r)) == ([], [])


def test_a_fund_switch_in_the_roth_ira_beside_a_contribution_is_neither() -> None:
    """One transaction puts 1,000 into the traditional IRA and switches 500 between two of the
    Roth IRA's funds. The switch nets to nothing in the Roth IRA: no money out of it (no
    error about money in and out), no contribution to it (its 5-year period doesn't start)."""
    analysis, errors = run(
        """
2000-01-01 open Assets:AliceRothIRA:FundA
2000-01-01 open Assets:AliceRothIRA:FundB
2023-12-01 * "Bank" "Opening balance"
  Assets:AliceRothIRA:FundA  500.00 USD
  Equity:Opening
2024-01-10 * "Broker" "Contribution, and a switch of funds"
  Assets:AliceIRA             1000.00 USD
  Assets:Checking            -1000.00 USD
  Assets:AliceRothIRA:FundA   -500.00 USD
  Assets:AliceRothIRA:FundB    500.00 USD
"""
    )
    # The one message: the Roth IRA's opening balance (its history starts with the books).
    assert [e.message[:47] for e in errors] == ["Warning: 500.00 comes into Assets:AliceRothIRA "]
    roth = [c for c in analysis.basis.contributions if "Roth" in c.account]
    assert roth == []


def test_roth_money_rolled_to_a_roth_ira_two_cents_off_at_its_price_is_followed() -> None:
    """10 FUND of designated Roth money bought at 100.00 go to the Roth IRA at 100.002
    (1,000.02 at that price) as 1,000.00: all the Roth money has a Roth destination, and the
    two cents are rounding. A direct rollover (code H), not the error about Roth money that
    nothing can take."""
    analysis, errors = run(
        """
2000-01-01 commodity FUND
2024-01-10 * "Acme" "Payroll"
  Assets:Acme401k:Roth  10 FUND {100.00 USD}
  Income:Salary
2024-02-01 * "Acme" "Direct rollover to the Roth IRA"
  Assets:Acme401k:Roth  -10 FUND {} @ 100.002 USD
  Assets:AliceRothIRA  1000.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.gross, movement.code) == (D("1000.00"), "H")
