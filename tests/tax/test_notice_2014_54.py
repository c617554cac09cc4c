"""Notice 2014-54: one distribution to several places, pre-tax money placed first."""

from __future__ import annotations

from decimal import Decimal as D

from megaroth.tax.notice_2014_54 import allocate, choice_problem
from megaroth.tax.records import Destination


def test_full_distribution_sends_pretax_to_the_ira_and_basis_to_the_roth_ira() -> None:
    # The Notice's example: 100,000 (80,000 pre-tax, 20,000 after-tax), all of it out:
    # 80,000 to a traditional IRA, 20,000 to a Roth IRA, nothing taxable.
    portions, unplaced = allocate(
        [(Destination.ROTH_IRA, "Assets:RothIRA", D(20000)),
         (Destination.TRADITIONAL_IRA, "Assets:IRA", D(80000))],
        pretax=D(80000), after_tax_basis=D(20000), roth=D(0), roth_basis=D(0),
    )  # fmt: skip
    placed = {(p.destination, p.amount, p.pretax, p.basis) for p in portions}
    assert placed == {
        (Destination.TRADITIONAL_IRA, D(80000), D(80000), D(0)),
        (Destination.ROTH_IRA, D(20000), D(0), D(20000)),
    }
    assert unplaced == 0


def test_pretax_goes_to_pretax_destinations_before_cash() -> None:
    # 10,000 out (4,000 pre-tax, 6,000 basis): 3,000 to a traditional IRA takes only pre-tax
    # money; the check for 7,000 carries the other 1,000 of pre-tax and all the basis.
    portions, _ = allocate(
        [(Destination.CASH, "Assets:Checking", D(7000)),
         (Destination.TRADITIONAL_IRA, "Assets:IRA", D(3000))],
        pretax=D(4000), after_tax_basis=D(6000), roth=D(0), roth_basis=D(0),
    )  # fmt: skip
    by_place = {p.destination: (p.pretax, p.basis) for p in portions}
    assert by_place[Destination.TRADITIONAL_IRA] == (D(3000), D(0))
    assert by_place[Destination.CASH] == (D(1000), D(6000))


def test_designated_roth_money_cannot_go_to_a_traditional_ira() -> None:
    # A designated Roth account is its own contract (IRC 402A(d)(4)): only Roth or cash.
    portions, unplaced = allocate(
        [(Destination.TRADITIONAL_IRA, "Assets:IRA", D(5000))],
        pretax=D(0), after_tax_basis=D(0), roth=D(5000), roth_basis=D(4700),
    )  # fmt: skip
    assert portions == []
    assert unplaced == D(5000)


def test_the_participant_chooses_how_the_pretax_money_is_spread() -> None:
    """Notice 2014-54, III.B: among several destinations that take pre-tax money the
    individual may select how the pre-tax amount is allocated. 60,000 pre-tax and 40,000
    basis to a traditional IRA (40,000) and a plan (60,000): by default the IRA takes
    40,000 of pre-tax money; chosen 0, it takes the 40,000 of basis instead."""
    destinations = [
        (Destination.TRADITIONAL_IRA, "Assets:IRA", D("40000")),
        (Destination.PLAN_PRETAX, "Assets:NewCo:Rollover", D("60000")),
    ]
    default, _ = allocate(destinations, D("60000"), D("40000"), D(0), D(0))
    assert [(p.account, p.pretax, p.basis) for p in default] == [
        ("Assets:IRA", D("40000"), D(0)),
        ("Assets:NewCo:Rollover", D("20000"), D("40000")),
    ]
    chosen = {"Assets:IRA": D("0")}
    assert choice_problem(destinations, D("60000"), chosen) is None
    portions, left = allocate(destinations, D("60000"), D("40000"), D(0), D(0), chosen)
    assert [(p.account, p.pretax, p.basis) for p in portions] == [
        ("Assets:IRA", D("0"), D("40000")),
        ("Assets:NewCo:Rollover", D("60000"), D(0)),
    ]
    assert left == 0
    assert choice_problem(destinations, D("60000"), {"Assets:IRA": D("50000")})
    assert choice_problem(
        destinations, D("60000"), {"Assets:IRA": D("0"), "Assets:NewCo:Rollover": D("50000")}
    )
