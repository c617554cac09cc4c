"""IRC 72(e)(8) pro rata inside one contract, and the Roth IRA's basis-first order."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

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
