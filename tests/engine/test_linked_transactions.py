"""Transactions sharing a Beancount link are one movement (megaroth.engine.links).

A movement recorded in parts, one per statement, each balanced against a transfer account and
linked (``^conv``), is read as one transaction: on the first part's date and line, with every
part's postings to megaroth's accounts, what the parts post to an outside account netted (the
transfer account's ins and outs cancel), and the parts' narrations joined. Links chain: a part
linked to the part before it and to the one after joins all of them.

Each ledger goes through the real plugins; the figures are worked by hand in the docstrings.
"""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import Analysis
from megaroth.tax.records import MovementKind
from tests.conftest import build_report
from tests.engine.test_law_boundaries import COMMON, analysed, ira, person, plan

D = Decimal

#: Ann (born 1980: 44 in 2024, under 59 1/2) with a traditional IRA holding 7,000 of
#: deductible (pre-tax) contributions, a Roth IRA, a transfer account and a withholding account.
ANN = (
    person("ann", "1980-01-01")
    + ira("Assets:AnnIRA", "traditional", "ann")
    + ira("Assets:AnnRothIRA", "roth", "ann")
    + """
2000-01-01 open Assets:Transfers
2000-01-01 open Assets:BankEUR
2000-01-01 open Expenses:Taxes:Federal
  megaroth-withholding: TRUE
2024-01-10 * "Bank" "IRA contribution"
  Assets:AnnIRA  7000.00 USD
  Assets:Checking
"""
)


def run(text: str) -> Analysis:
    analysis, errors = analysed(ANN + text)
    assert [e.message for e in errors] == []
    return analysis


def figures(analysis: Analysis) -> list[tuple[str, str, Decimal, Decimal, str, Decimal]]:
    """Each movement as (kind, to, gross, taxable, code, withholding)."""
    return [(m.kind.value, m.to_account, m.gross, m.taxable, m.code, m.withholding)
            for m in analysis.basis.movements]  # fmt: skip


def forms(analysis: Analysis) -> list[tuple[str, str, str, str]]:
    """Each 2024 1099-R expected of the IRA as (code, box 1, box 2a, box 4)."""
    report = build_report(analysis, 2024, "ann")
    return sorted((f["code"], f["expected"]["box1"], f["expected"]["box2a"],
                   f["expected"]["box4"]) for f in report["form_1099r"])  # fmt: skip


def test_four_parts_chained_by_three_links_are_one_conversion() -> None:
    """Ann converts her IRA's 7,000: the IRA's statement shows it leaving on 2024-03-01, the
    Roth IRA's shows it arriving in three deposits (2,000, 2,000, 3,000). Each part is linked
    to the next (^a, ^a ^b, ^b ^c, ^c): no link is on all four, but the links chain them into
    one group. The transfer account gets 7,000 and gives 2,000 + 2,000 + 3,000 = 7,000: it
    nets to nothing.

    One movement: an IRA conversion of 7,000 (no basis: all taxable, 7,000), code 2 (under
    59 1/2, exception: conversion), on the first part's date. The page's description joins the
    narrations in order, each once: "Out of the IRA; Deposit; Last deposit". One 1099-R: box 1
    and 2a 7,000, nothing withheld."""
    analysis = run("""
2024-03-01 * "Broker" "Out of the IRA" ^a
  Assets:AnnIRA  -7000.00 USD
  Assets:Transfers
2024-03-04 * "Broker" "Deposit" ^a ^b
  Assets:Transfers  -2000.00 USD
  Assets:AnnRothIRA
2024-03-05 * "Broker" "Deposit" ^b ^c
  Assets:Transfers  -2000.00 USD
  Assets:AnnRothIRA
2024-03-06 * "Broker" "Last deposit" ^c
  Assets:Transfers  -3000.00 USD
  Assets:AnnRothIRA
""")
    conversion = ("ira-conversion", "Assets:AnnRothIRA", D("7000.00"), D("7000.00"), "2", D("0"))
    assert figures(analysis) == [conversion]
    (movement,) = analysis.basis.movements
    assert movement.date.isoformat() == "2024-03-01"
    assert movement.description == "Broker — Out of the IRA; Deposit; Last deposit"
    assert forms(analysis) == [("2", "7000.00", "7000.00", "0.00")]


def test_parts_of_one_day_are_read_in_their_line_order() -> None:
    """The same conversion with its three parts on one day, in the ledger in this order: out
    of the IRA (^a), a 4,000 deposit (^a ^b), a 3,000 deposit (^b). On one day the parts go
    in line order: the movement is the first line's (the page links to it, the packet names
    its line), and its description reads "Out of the IRA; Deposit; Last deposit"."""
    ledger = (
        ANN
        + """
2024-03-01 * "Broker" "Out of the IRA" ^a
  Assets:AnnIRA  -7000.00 USD
  Assets:Transfers
2024-03-01 * "Broker" "Deposit" ^a ^b
  Assets:Transfers  -4000.00 USD
  Assets:AnnRothIRA
2024-03-01 * "Broker" "Last deposit" ^b
  Assets:Transfers  -3000.00 USD
  Assets:AnnRothIRA
"""
    )
    analysis, errors = analysed(ledger)
    assert errors == []
    (movement,) = analysis.basis.movements
    assert (movement.kind, movement.gross) == (MovementKind.IRA_CONVERSION, D("7000.00"))
    assert movement.description == "Broker — Out of the IRA; Deposit; Last deposit"
    # The helper's COMMON header comes first: count the lines of the whole ledger.
    first = (COMMON + ledger).splitlines().index('2024-03-01 * "Broker" "Out of the IRA" ^a')
    (row,) = build_report(analysis, 2024, "ann")["movements"]
    assert row["lineno"] == first + 1


def test_tax_withheld_in_the_second_part_is_kept_with_its_sign() -> None:
    """7,000 leaves the IRA (first part); the second part puts 6,000 into the Roth IRA and
    1,000 to federal withholding. The transfer account nets to nothing; the withholding
    account's +1,000 is in neither part's counterpart, so it stays, as posted.

    Two movements, as from one transaction: a conversion of 6,000 (code 2, taxable 6,000),
    and the 1,000 withheld, a distribution to the tax account (code 1: early, no exception;
    taxable 1,000, withheld 1,000). Two 1099-Rs: code 1 with box 1, 2a and 4 1,000; code 2
    with box 1 and 2a 6,000, box 4 nothing."""
    analysis = run("""
2024-03-01 * "Broker" "Out of the IRA" ^c
  Assets:AnnIRA  -7000.00 USD
  Assets:Transfers
2024-03-04 * "Broker" "Into the Roth IRA, tax withheld" ^c
  Assets:Transfers  -7000.00 USD
  Assets:AnnRothIRA  6000.00 USD
  Expenses:Taxes:Federal  1000.00 USD
""")
    assert figures(analysis) == [
        ("ira-conversion", "Assets:AnnRothIRA", D("6000.00"), D("6000.00"), "2", D("0.00")),
        ("distribution", "Expenses:Taxes:Federal", D("1000.00"), D("1000.00"), "1",
         D("1000.00")),
    ]  # fmt: skip
    assert forms(analysis) == [("1", "1000.00", "1000.00", "1000.00"),
                               ("2", "6000.00", "6000.00", "0.00")]  # fmt: skip


def test_what_the_checking_account_keeps_is_paid_out() -> None:
    """7,000 leaves the IRA into checking (first part); 5,000 of it goes from checking into the
    Roth IRA (second part). Checking gets +7,000 and gives -5,000: it keeps +2,000, paid out.

    A conversion of 5,000 (code 2, taxable 5,000) and a distribution of 2,000 to checking
    (code 1, taxable 2,000, nothing withheld)."""
    analysis = run("""
2024-03-01 * "Broker" "Out of the IRA" ^c
  Assets:AnnIRA  -7000.00 USD
  Assets:Checking
2024-03-04 * "Bank" "Into the Roth IRA" ^c
  Assets:Checking  -5000.00 USD
  Assets:AnnRothIRA
""")
    assert figures(analysis) == [
        ("ira-conversion", "Assets:AnnRothIRA", D("5000.00"), D("5000.00"), "2", D("0.00")),
        ("distribution", "Assets:Checking", D("2000.00"), D("2000.00"), "1", D("0.00")),
    ]
    assert analysis.basis.movements[0].description == "Broker — Out of the IRA; Into the Roth IRA"


def test_a_posting_at_a_price_is_kept_as_posted() -> None:
    """The second part puts 6,000 into the Roth IRA and wires the rest to a euro account:
    800.00 EUR at 1.25 USD (1,000 USD). That posting has a price: it is kept as it is, not
    netted, so the 800 EUR are worth 800 x 1.25 = 1,000.00 USD (the ledger has no other EUR
    price). A conversion of 6,000 and a distribution of 1,000 to the euro account (code 1)."""
    analysis = run("""
2024-03-01 * "Broker" "Out of the IRA" ^w
  Assets:AnnIRA  -7000.00 USD
  Assets:Transfers
2024-03-04 * "Broker" "Into the Roth IRA and the euro account" ^w
  Assets:Transfers  -7000.00 USD
  Assets:AnnRothIRA  6000.00 USD
  Assets:BankEUR  800.00 EUR @ 1.25 USD
""")
    assert figures(analysis) == [
        ("ira-conversion", "Assets:AnnRothIRA", D("6000.00"), D("6000.00"), "2", D("0.00")),
        ("distribution", "Assets:BankEUR", D("1000.00"), D("1000.00"), "1", D("0.00")),
    ]


def test_the_participants_choice_on_a_part_is_followed() -> None:
    """Ada's plan holds 55,000 pre-tax (PreTax) and 45,000 after-tax (AfterTax: 40,000
    contributed, 5,000 earned): 100,000, of which 40,000 is basis and 60,000 pre-tax. The
    plan's statement shows all of it leaving (first part); the second part puts 40,000 into
    her traditional IRA, with  pretax-amount: 0.00 USD  on its posting (Notice 2014-54: she
    chose that the IRA takes none of the pre-tax money), and 60,000 into NewCo's plan.

    The choice on the second part's posting is followed: the IRA's 40,000 is all basis, NewCo
    takes the 60,000 pre-tax; nothing is taxable. (By default the IRA would take 40,000 of
    pre-tax money first, and no basis.)"""
    analysis, errors = analysed(
        person("ada", "1980-05-01")
        + plan("Assets:OldCo401k", "ada")
        + plan("Assets:NewCo401k", "ada")
        + ira("Assets:AdaIRA", "traditional", "ada")
        + """
2000-01-01 open Assets:Transfers
2022-01-10 * "OldCo" "Payroll"
  Assets:OldCo401k:PreTax   50000.00 USD
  Assets:OldCo401k:AfterTax 40000.00 USD
  Income:Salary
2023-12-31 * "OldCo" "Change in market value"
  Assets:OldCo401k:PreTax    5000.00 USD
  Assets:OldCo401k:AfterTax  5000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "OldCo" "Everything out" ^roll
  Assets:OldCo401k:PreTax     -55000.00 USD
  Assets:OldCo401k:AfterTax   -45000.00 USD
  Assets:Transfers
2024-03-04 * "OldCo" "Direct rollovers" ^roll
  Assets:Transfers           -100000.00 USD
  Assets:AdaIRA                40000.00 USD
    pretax-amount: 0.00 USD
  Assets:NewCo401k:PreTax      60000.00 USD
"""
    )
    assert [e.message for e in errors] == []
    rolled = {m.to_account: (m.gross, m.basis, m.taxable) for m in analysis.basis.movements}
    assert rolled == {
        "Assets:AdaIRA": (D("40000.00"), D("40000.00"), D("0.00")),
        "Assets:NewCo401k:PreTax": (D("60000.00"), D("0.00"), D("0.00")),
    }


def test_parts_taking_money_out_and_bringing_money_in_are_one_error_naming_all() -> None:
    """The first part takes 1,000 out of Ann's IRA; the second 500 out of her Roth IRA while
    300 comes in from checking and 200 from salary. As one transaction, money leaves two IRAs
    while 500 comes in from outside: megaroth can't tell a movement from a contribution. The
    error, on the first part's line, names both IRAs and both outside accounts."""
    ledger = (
        ANN
        + """
2024-03-01 * "Broker" "Out of the IRA" ^m
  Assets:AnnIRA  -1000.00 USD
  Assets:Transfers
2024-03-04 * "Broker" "Out of the Roth IRA, and new money in" ^m
  Assets:AnnRothIRA  -500.00 USD
  Assets:Checking  -300.00 USD
  Income:Salary  -200.00 USD
  Assets:Transfers  1000.00 USD
"""
    )
    analysis, errors = analysed(ledger)
    assert [e.message for e in errors] == [
        "This transaction takes money out of Assets:AnnIRA, Assets:AnnRothIRA while money comes "
        "in from outside (Assets:Checking, Income:Salary); megaroth can't tell a movement from "
        "a contribution. Record the contribution and the movement as two transactions."
    ]
    first = (COMMON + ledger).splitlines().index('2024-03-01 * "Broker" "Out of the IRA" ^m')
    assert errors[0].source["lineno"] == first + 1
    assert analysis.basis.movements == ()
