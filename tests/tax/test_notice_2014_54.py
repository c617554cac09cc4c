"""Notice 2014-54: one distribution to several places, pre-tax money placed first."""

from __future__ import annotations

from decimal import Decimal as D

from megaroth.tax.notice_2014_54 import Portion, allocate, choice_problem
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


# Worked splits, portion by portion (issue 20: mutation testing found these untested) ----

R, C, T, P = (
    Destination.ROTH_IRA,
    Destination.CASH,
    Destination.TRADITIONAL_IRA,
    (Destination.PLAN_PRETAX),
)


def test_designated_roth_money_split_over_a_roth_ira_and_cash_shares_its_basis() -> None:
    """15,000 out: 10,000 of designated Roth money (8,000 of it basis) and 5,000 pre-tax.
    The Roth IRA's 6,000 is Roth money with 6,000 x 8,000 / 10,000 = 4,800 of basis; the
    check takes the other 4,000 of Roth money (the 3,200 of basis left) and the 5,000 of
    pre-tax money. Nothing is left unplaced."""
    portions, unplaced = allocate(
        [(R, "Assets:RothIRA", D(6000)), (C, "Assets:Checking", D(9000))],
        pretax=D(5000), after_tax_basis=D(0), roth=D(10000), roth_basis=D(8000),
    )  # fmt: skip
    assert portions == [
        Portion(R, "Assets:RothIRA", D(6000), D(0), D("4800.00"), True),
        Portion(C, "Assets:Checking", D(4000), D(0), D("3200.00"), True),
        Portion(C, "Assets:Checking", D(5000), D(5000), D(0), False),
    ]
    assert unplaced == 0


def test_fifty_cents_of_roth_money_is_placed_too() -> None:
    cash = [(C, "Assets:Checking", D("0.50"))]
    portions, unplaced = allocate(
        cash, pretax=D(0), after_tax_basis=D(0), roth=D("0.50"), roth_basis=D("0.50")
    )
    assert portions == [Portion(C, "Assets:Checking", D("0.50"), D(0), D("0.50"), True)]
    assert unplaced == 0


def test_money_no_destination_takes_is_unplaced() -> None:
    """1,700 out (200 Roth, 1,000 pre-tax, 500 basis) but the ledger shows only 1,000 going
    anywhere: the check takes the 200 of Roth money and 800 of pre-tax; 700 is unplaced (the
    engine says so)."""
    cash = [(C, "Assets:Checking", D(1000))]
    portions, unplaced = allocate(
        cash, pretax=D(1000), after_tax_basis=D(500), roth=D(200), roth_basis=D(200)
    )
    assert [(p.amount, p.pretax, p.basis, p.roth) for p in portions] == [
        (D(200), D(0), D(200), True), (D(800), D(800), D(0), False)]  # fmt: skip
    assert unplaced == D(700)


CHOSEN = [
    (T, "Assets:IRA-A", D(40000)),
    (T, "Assets:IRA-B", D(10000)),
    (T, "Assets:IRA-C", D(10000)),
    (R, "Assets:RothIRA", D(20000)),
]


def test_a_chosen_pretax_amount_and_the_rest_in_order() -> None:
    """80,000 out, 40,000 pre-tax and 40,000 basis, to three traditional IRAs (40,000,
    10,000, 10,000) and a Roth IRA (20,000). The participant chooses 25,000 of pre-tax money
    for IRA A: the traditional IRAs take all 40,000 of pre-tax money between them, so B
    and C share the other 15,000 in order (10,000, then 5,000); each fills up with basis
    (A 15,000, C 5,000), and the Roth IRA's 20,000 is basis: tax free."""
    assert choice_problem(CHOSEN, D(40000), {"Assets:IRA-A": D(25000)}) is None
    portions, unplaced = allocate(CHOSEN, pretax=D(40000), after_tax_basis=D(40000), roth=D(0),
                                  roth_basis=D(0), chosen={"Assets:IRA-A": D(25000)})  # fmt: skip
    assert portions == [
        Portion(T, "Assets:IRA-A", D(40000), D(25000), D(15000), False),
        Portion(T, "Assets:IRA-B", D(10000), D(10000), D(0), False),
        Portion(T, "Assets:IRA-C", D(10000), D(5000), D(5000), False),
        Portion(R, "Assets:RothIRA", D(20000), D(0), D(20000), False),
    ]
    assert unplaced == 0


def test_a_choice_may_give_a_destination_all_it_receives_or_all_the_pretax_money() -> None:
    """Choosing a traditional IRA's whole 10,000 as pre-tax money is allowed; so is a choice
    that uses up all the pre-tax money. Fifty cents chosen are placed."""
    two = [(T, "Assets:IRA-A", D(10000)), (P, "Assets:Plan2:PreTax", D(10000)),
           (R, "Assets:RothIRA", D(5000))]  # fmt: skip
    assert choice_problem(two, D(15000), {"Assets:IRA-A": D(10000)}) is None
    assert choice_problem(two, D(10000), {"Assets:IRA-A": D(10000)}) is None
    tiny = [(T, "Assets:IRA", D("0.50"))]
    portions, unplaced = allocate(tiny, pretax=D("0.50"), after_tax_basis=D(0), roth=D(0),
                                  roth_basis=D(0), chosen={"Assets:IRA": D("0.50")})  # fmt: skip
    assert portions == [Portion(T, "Assets:IRA", D("0.50"), D("0.50"), D(0), False)]
    assert unplaced == 0


def test_a_choice_that_cant_be_followed_says_why() -> None:
    assert choice_problem(CHOSEN, D(40000), {"Assets:RothIRA": D(1000)}) == (
        "Assets:RothIRA takes no pre-tax money first: only a traditional IRA or another plan's "
        "pre-tax money can be given a pre-tax amount"
    )
    assert choice_problem(CHOSEN, D(40000), {"Assets:IRA-B": D(10001)}) == (
        "Assets:IRA-B is given 10,001.00 of pre-tax money but receives 10,000.00"
    )
    assert choice_problem(CHOSEN, D(40000), {"Assets:IRA-A": D(10000)}) == (
        "the pre-tax destinations take 40,000.00 of pre-tax money between them (all of the "
        "distribution's 40,000.00, or as much as they receive), and the amounts chosen "
        "(10,000.00) leave 30,000.00 for the others, which receive 20,000.00"
    )
