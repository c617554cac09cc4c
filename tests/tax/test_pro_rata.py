"""IRC 72(e)(8) pro rata inside one contract, and the Roth IRA's basis-first order."""

from __future__ import annotations

import datetime
from decimal import Decimal as D
from typing import Any

from megaroth.tax.pro_rata import Pool

DAY = datetime.date(2024, 1, 1)


def test_partial_irr_recovers_basis_pro_rata() -> None:
    # docs/tax-rules.md, "Basis inside a plan": 30,000 of contributions + 3,000 of earnings;
    # an IRR of 11,000 moves 10,000 of basis (box 5) and 1,000 taxable (box 2a).
    pool = Pool()
    pool.add(DAY, D("30000.00"), D("30000.00"), D(0), "contribution")
    redemption = pool.redeem_pro_rata(DAY, D("11000.00"), D("33000.00"))
    assert (redemption.basis, redemption.taxable) == (D("10000.00"), D("1000.00"))
    assert pool.basis == D("20000.00")  # carried to the next movement


def test_notice_2014_54_partial_distribution_carries_both_kinds() -> None:
    # Notice 2014-54: 100,000 (80,000 pre-tax, 20,000 after-tax); 50,000 out carries 10,000
    # of after-tax basis and 40,000 pre-tax. A partial distribution can't take only basis.
    pool = Pool()
    pool.add(DAY, D("20000.00"), D("20000.00"), D(0), "contribution")
    pool.add(DAY, D("80000.00"), D("0.00"), D("20000.00"), "contribution")
    redemption = pool.redeem_pro_rata(DAY, D("50000.00"), D("100000.00"))
    assert (redemption.basis, redemption.taxable) == (D("10000.00"), D("40000.00"))


def test_a_loss_recovers_all_basis_on_a_total_distribution() -> None:
    # Box 5 is the basis recoverable this year, even if it exceeds box 1 (p. 15): a total
    # distribution worth less than its basis recovers what it can, the rest is unrecovered.
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    redemption = pool.redeem_pro_rata(DAY, D("900.00"), D("900.00"))
    assert (redemption.basis, redemption.unrecovered_basis) == (D("900.00"), D("100.00"))
    assert redemption.is_total


def test_roth_ira_regular_contributions_come_out_first() -> None:
    # IRC 408A(d)(4)(B): regular contributions, then conversions oldest first, then earnings.
    pool = Pool()
    pool.add(datetime.date(2020, 1, 1), D("6000.00"), D("6000.00"), D(0), "ira-conversion")
    pool.add(datetime.date(2021, 1, 1), D("6000.00"), D("6000.00"), D("6000.00"),
             "contribution")  # fmt: skip
    redemption = pool.redeem_basis_first(DAY, D("7000.00"), D("14000.00"))
    taken = [(s.origin, s.basis) for s in redemption.slices if s.basis]
    assert taken == [("contribution", D("6000.00")), ("ira-conversion", D("1000.00"))]
    assert redemption.basis == D("7000.00")


# The pool's units, worked by hand (issue 20: mutation testing found these untested) -----

LATER = datetime.date(2024, 3, 1)


def test_a_lot_buys_units_at_the_pools_value_and_shares_its_gains() -> None:
    """1,000 contributed buys 1,000 units at 1.00; the pool grows to 1,500, so 500 more buy
    333.33 units at 1.50. At 2,000 the first lot is worth 1,500, the second 500."""
    pool = Pool()
    first = pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    second = pool.add(LATER, D("500.00"), D("500.00"), D("1500.00"), "contribution")
    assert first.units == D(1000)
    assert second.units.quantize(D("0.0001")) == D("333.3333")
    assert pool.value_of(first, D("2000.00")).quantize(D("0.01")) == D("1500.00")
    assert pool.value_of(second, D("2000.00")).quantize(D("0.01")) == D("500.00")
    assert Pool().value_of(first, D(0)) == D(0)  # an empty pool: nothing is worth anything


def test_money_put_into_a_worthless_pool_buys_new_units_and_the_old_are_worthless() -> None:
    """A pool whose 1,000 of basis is worth nothing takes 500: the old units are worthless,
    the new lot's 500 units at 1.00 are the whole pool, and the basis stays (a loss is
    unrecovered basis, not gone)."""
    pool = Pool()
    old = pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    new = pool.add(LATER, D("500.00"), D("500.00"), D(0), "contribution")
    assert (old.units, new.units) == (D(0), D(500))
    assert pool.value_of(new, D("500.00")) == D("500.00")
    assert pool.basis == D("1500.00")


def test_a_pool_worth_cents_or_less_than_a_unit_is_still_priced() -> None:
    """1,000 units worth 0.50 after a crash price a unit at 0.0005: 100 put in buy 200,000
    units and the old lot keeps its 0.50. Half a unit worth 1.00 prices a unit at 2.00."""
    pool = Pool()
    old = pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    new = pool.add(LATER, D("100.00"), D("100.00"), D("0.50"), "contribution")
    assert new.units == D(200000)
    assert pool.value_of(old, D("100.50")) == D("0.50")
    small = Pool()
    small.add(DAY, D("0.50"), D(0), D(0), "earnings")
    assert small.add(LATER, D("100.00"), D("100.00"), D("1.00"), "contribution").units == D(50)


def test_a_lot_keeps_its_5_year_end_and_what_was_taxable_when_it_arrived() -> None:
    pool = Pool()
    lot = pool.add(DAY, D("5000.00"), D("4000.00"), D(0), "in-plan-roth-rollover", 2028,
                   D("1000.00"))  # fmt: skip
    assert (lot.five_year_end, lot.taxable_on_arrival, lot.units) == (2028, D("1000.00"), 5000)


def test_value_before_the_first_lot_is_earnings_and_stays_after_a_partial_redemption() -> None:
    """The pool held 500 before its first lot (a ledger that starts mid-stream): an earnings
    lot, no basis. 1,000 contributed makes 1,500; 300 out (a fifth) takes 200 of basis and
    100 of earnings, and the earnings lot keeps 400: at 1,200 the contribution is worth 800."""
    pool = Pool()
    lot = pool.add(DAY, D("1000.00"), D("1000.00"), D("500.00"), "contribution")
    redemption = pool.redeem_pro_rata(LATER, D("300.00"), D("1500.00"))
    assert (redemption.basis, redemption.taxable, redemption.basis_before) == (
        D("200.00"), D("100.00"), D("1000.00"))  # fmt: skip
    assert [(s.date, s.origin, s.basis, s.value, s.contributed, s.days)
            for s in redemption.slices] == [
        (DAY, "earnings", 0, D("100.00"), 0, 60),
        (DAY, "contribution", D("200.00"), D("200.00"), D("200.00"), 60),
    ]  # fmt: skip
    assert pool.value_of(lot, D("1200.00")) == D("800.00")
    assert (pool.basis, pool.contributed) == (D("800.00"), D("800.00"))


def test_a_partial_redemption_of_a_pool_worth_under_a_dollar_is_still_pro_rata() -> None:
    """1,000 of basis worth 0.50: taking 0.20 out is 40% of the pool, so 400 of basis is used
    up and 0.20 recovered (399.80 unrecovered: a loss); 600 of basis stays."""
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    redemption = pool.redeem_pro_rata(LATER, D("0.20"), D("0.50"))
    assert (redemption.basis, redemption.unrecovered_basis) == (D("0.20"), D("399.80"))
    assert pool.basis == D("600.00")


ROTH_IRA_LOTS = (
    (datetime.date(2020, 1, 1), D("6000.00"), D(0), "ira-conversion"),
    (datetime.date(2021, 1, 1), D("6000.00"), D("6000.00"), "contribution"),
)


def roth_ira() -> tuple[Pool, list[Any]]:
    pool = Pool()
    lots = [pool.add(day, amount, amount, before, origin)
            for day, amount, before, origin in ROTH_IRA_LOTS]  # fmt: skip
    return pool, lots


def test_a_roth_ira_distribution_takes_contributions_then_conversions_lot_by_lot() -> None:
    """A 2020 conversion of 6,000 and a 2021 contribution of 6,000 (6,000 units each), worth
    15,000 on 2024-01-01. 7,500 out is half the account: the contribution's 6,000 of basis
    first, then 1,500 of the conversion's; each lot gives half its value, 3,750. Left: the
    conversion's 4,500 of basis, its half of the units (worth 3,750 of 7,500)."""
    pool, (conversion, contribution) = roth_ira()
    redemption = pool.redeem_basis_first(DAY, D("7500.00"), D("15000.00"))
    assert (redemption.balance_before, redemption.basis_before, redemption.basis) == (
        D("15000.00"), D("12000.00"), D("7500.00"))  # fmt: skip
    assert [(s.date.year, s.origin, s.basis, s.value, s.contributed, s.days)
            for s in redemption.slices] == [
        (2021, "contribution", D("6000.00"), D("3750.00"), D("6000.00"), 1095),
        (2020, "ira-conversion", D("1500.00"), D("3750.00"), D("1500.00"), 1461),
    ]  # fmt: skip
    assert (pool.basis, pool.contributed) == (D("4500.00"), D("4500.00"))
    assert pool.value_of(conversion, D("7500.00")) == D("3750.00")
    assert pool.value_of(contribution, D("7500.00")) == D("3750.00")


def test_a_small_roth_ira_distribution_names_the_lots_it_took_value_from() -> None:
    """5,000 out of the same 15,000 takes 5,000 of the contribution's basis; the conversion
    gives value (2,500) but no basis, and is listed all the same."""
    pool, _ = roth_ira()
    redemption = pool.redeem_basis_first(DAY, D("5000.00"), D("15000.00"))
    assert [(s.origin, s.basis, s.value) for s in redemption.slices] == [
        ("contribution", D("5000.00"), D("2500.00")),
        ("ira-conversion", 0, D("2500.00")),
    ]


def test_a_whole_roth_ira_distribution_recovers_all_basis_and_no_more() -> None:
    """All 15,000 out: the 12,000 of basis come back, 3,000 are earnings; each lot gives all
    its value (7,500) and the pool is empty."""
    pool, _ = roth_ira()
    redemption = pool.redeem_basis_first(DAY, D("15000.00"), D("15000.00"))
    assert (redemption.basis, redemption.taxable) == (D("12000.00"), D("3000.00"))
    assert [s.value for s in redemption.slices] == [D("7500.00"), D("7500.00")]
    assert pool.lots == []


def test_a_returned_contribution_takes_its_basis_and_never_more_than_the_amount() -> None:
    """``most``: a contribution returned with its earnings takes exactly the contribution's
    basis (200 of a 1,000 withdrawal), and never more than the withdrawal (100 out, most
    200: 100). A Roth IRA worth under a dollar is still redeemed pro rata in value."""
    pool, _ = roth_ira()
    assert pool.redeem_basis_first(DAY, D("1000.00"), D("15000.00"), most=D("200.00")).basis == (
        D("200.00"))  # fmt: skip
    pool, _ = roth_ira()
    assert pool.redeem_basis_first(DAY, D("100.00"), D("15000.00"), most=D("200.00")).basis == (
        D("100.00"))  # fmt: skip
    pool, _ = roth_ira()
    tiny = pool.redeem_basis_first(DAY, D("0.20"), D("0.50"))
    assert [s.value for s in tiny.slices] == [D("0.10"), D("0.10")]


def test_a_roth_ira_with_value_and_no_lots_gives_earnings() -> None:
    """A Roth IRA the ledger holds value in but no lot (it starts mid-stream): 100 out of 500
    is earnings, from a lot dated that day."""
    pool = Pool()
    redemption = pool.redeem_basis_first(DAY, D("100.00"), D("500.00"))
    assert [(s.date, s.origin, s.basis, s.value, s.days) for s in redemption.slices] == [
        (DAY, "earnings", 0, D("100.00"), 0)]  # fmt: skip
    assert redemption.taxable == D("100.00")


# Edges of a redemption (issue 20: mutmut's survivors in pro_rata.py) ----------------------


def test_more_taken_than_the_pool_was_worth_takes_it_all_and_no_more_basis() -> None:
    """The balance before a payout can be a little behind (a gain booked after it): 1,000.50
    paid out of a pool worth 1,000.00 with 1,000 of basis is the whole pool. The lot gives
    its 1,000.00 of value and all its basis, nothing is left unrecovered, the 0.50 beyond
    the value is earnings, and the pool is empty."""
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    redemption = pool.redeem_pro_rata(LATER, D("1000.50"), D("1000.00"))
    assert (redemption.basis, redemption.unrecovered_basis, redemption.taxable) == (
        D("1000.00"), 0, D("0.50"))  # fmt: skip
    assert [(s.basis, s.value, s.contributed) for s in redemption.slices] == [
        (D("1000.00"), D("1000.00"), D("1000.00"))]  # fmt: skip
    assert (pool.lots, pool.units, pool.basis) == ([], 0, 0)


def test_more_taken_than_a_roth_ira_was_worth_takes_each_lot_whole() -> None:
    """The same out of a Roth IRA worth 15,000 (a 6,000 conversion and a 6,000 contribution):
    15,000.50 out gives each lot its 7,500.00 of value, all 12,000 of basis come back and
    3,000.50 is earnings."""
    pool, _ = roth_ira()
    redemption = pool.redeem_basis_first(DAY, D("15000.50"), D("15000.00"))
    assert [s.value for s in redemption.slices] == [D("7500.00"), D("7500.00")]
    assert (redemption.basis, redemption.taxable, pool.lots) == (
        D("12000.00"), D("3000.50"), [])  # fmt: skip


def test_a_roth_ira_keeps_its_lots_value_after_a_partial_distribution() -> None:
    """3,750 out of the Roth IRA worth 15,000 is a quarter of each lot. 1,000 contributed
    when the rest is worth 11,250 buys in at that value: of the 12,250 the conversion lot
    is still worth 5,625 (three quarters of its 7,500), the new lot 1,000."""
    pool, (conversion, _) = roth_ira()
    pool.redeem_basis_first(DAY, D("3750.00"), D("15000.00"))
    new = pool.add(LATER, D("1000.00"), D("1000.00"), D("11250.00"), "contribution")
    assert pool.value_of(conversion, D("12250.00")) == D("5625.00")
    assert pool.value_of(new, D("12250.00")) == D("1000.00")


def test_cents_left_in_an_empty_pool_stay_earnings_of_their_own() -> None:
    """0.50 of earnings left after everything was moved out, then 1,000 contributed: taking
    all 1,000.50 out gives the 0.50 as earnings with no basis and the contribution its
    1,000 (the cents don't become part of the contribution's value)."""
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D("0.50"), "contribution")
    redemption = pool.redeem_pro_rata(LATER, D("1000.50"), D("1000.50"))
    assert [(s.origin, s.basis, s.value) for s in redemption.slices] == [
        ("earnings", 0, D("0.50")), ("contribution", D("1000.00"), D("1000.00"))]  # fmt: skip


def test_a_lot_of_less_than_one_unit_survives_a_partial_redemption() -> None:
    """0.80 of earnings (0.80 units, no basis) and 1,000 contributed at 1 a unit. Half out,
    then the rest: the earnings lot still gives its 0.40 (it holds 0.40 of a unit)."""
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D("0.80"), "contribution")
    pool.redeem_pro_rata(DAY, D("500.40"), D("1000.80"))
    rest = pool.redeem_pro_rata(LATER, D("500.40"), D("500.40"))
    assert [(s.origin, s.basis, s.value) for s in rest.slices] == [
        ("earnings", 0, D("0.40")), ("contribution", D("500.00"), D("500.00"))]  # fmt: skip


def test_a_worthless_pool_emptied_leaves_its_basis_unrecovered_and_names_its_lot() -> None:
    """1,000 contributed, now worth nothing, closed out for 0.00: no basis comes back, the
    1,000 is unrecovered (a loss), and the lot is still listed, 1,000 contributed, worth 0."""
    pool = Pool()
    pool.add(DAY, D("1000.00"), D("1000.00"), D(0), "contribution")
    redemption = pool.redeem_pro_rata(LATER, D("0.00"), D("0.00"))
    assert (redemption.basis, redemption.unrecovered_basis) == (0, D("1000.00"))
    assert [(s.basis, s.value, s.contributed) for s in redemption.slices] == [
        (0, 0, D("1000.00"))]  # fmt: skip
