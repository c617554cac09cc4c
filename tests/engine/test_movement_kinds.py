"""Money out of a plan or IRA (megaroth.engine.movements), case by case: what one transaction
took, where each part went, and the kind, figures, 1099-R boxes and messages that follow.

Each ledger goes through the real plugins; each figure is worked by hand in the test's
docstring. Written against the survivors of mutation testing of ``engine/movements.py``
(docs/testing.md): a fee on the movement, small amounts paid out, the participant's choice
written in other ways, the withholding, box 11 and 5-year years of each part, a loss split
over two destinations, and the words of each error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from megaroth.engine.analysis import Analysis, analyse
from megaroth.tax.records import Movement
from tests.conftest import build_report, load, without_findings

D = Decimal

HEADER = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1980-06-01
2000-01-01 open Assets:Checking
2000-01-01 open Equity:Opening
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Expenses:Retirement:Fees
2000-01-01 open Expenses:Taxes:Federal
  megaroth-withholding: TRUE
2000-01-01 open Assets:Acme401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Acme Corp"
  in-plan-conversion: TRUE
2000-01-01 open Assets:Acme401k:PreTax
2000-01-01 open Assets:Acme401k:AfterTax
2000-01-01 open Assets:Acme401k:Roth
2000-01-01 open Assets:Acme401k:IRR
2000-01-01 open Assets:Acme401k:IRR:Cash
2000-01-01 open Assets:AliceIRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceIRA2
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceRothIRA
  megaroth-ira: "roth"
  owner: "alice"
"""


def run(body: str) -> tuple[Analysis, list[Any]]:
    """The analysis, and the errors other than the checklist's findings."""
    entries, errors, options = load(HEADER + body)
    return analyse(entries, options), without_findings(errors)


def lineno(body: str, marker: str) -> int:
    lines = (HEADER + body).splitlines()
    return next(n for n, line in enumerate(lines, 1) if marker in line)


def figures(movement: Movement) -> tuple[Any, ...]:
    return (movement.kind.value, movement.to_account, movement.gross, movement.basis,
            movement.taxable, movement.code)  # fmt: skip


# What one transaction took --------------------------------------------------------------


def test_a_fee_on_the_movement_comes_out_of_its_earnings_and_is_not_moved() -> None:
    """1,000 of after-tax money has earned 100: 1,100, of which 1,000 is basis. The plan
    converts all of it to the IRR and keeps a 10.00 fee: 1,090 arrives. The fee is taken
    from what leaves first (1,100 - 10 = 1,090 moved, the pool worth 1,090 after it), so the
    whole pool moves: box 1 1,090, box 5 the 1,000 of basis, box 2a 90 (the earnings less
    the fee), code G (Instructions for Forms 1099-R, In-plan Roth rollovers). Read as if no
    fee were taken, 1,100 would leave for 1,090 arriving, and the movement wouldn't add up."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Income:Salary
2024-06-30 * "Statement"
  Assets:Acme401k:AfterTax  100.00 USD
  Income:Retirement:MarketValue
2024-07-01 * "Plan" "Conversion, with the plan's fee"
  Assets:Acme401k:AfterTax  -1100.00 USD
  Assets:Acme401k:IRR        1090.00 USD
  Expenses:Retirement:Fees     10.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Acme401k:IRR", D("1090.00"), D("1000.00"),
        D("90.00"), "G",
    )  # fmt: skip


def test_money_out_of_two_payers_at_once_names_both() -> None:
    """One transaction that takes money out of two plans is two distributions, each on its
    payer's own 1099-R (Notice 2014-54 treats only one payer's disbursements as one): an
    error on the transaction naming both payers, and no movement."""
    body = """
2000-01-01 open Assets:Beta401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Beta Corp"
2000-01-01 open Assets:Beta401k:AfterTax
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Assets:Beta401k:AfterTax  1000.00 USD
  Income:Salary
2024-01-20 * "Plans" "Both at once"
  Assets:Acme401k:AfterTax  -1000.00 USD
  Assets:Beta401k:AfterTax  -1000.00 USD
  Assets:AliceRothIRA        2000.00 USD
"""
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, "Both at once"),
            "This transaction takes money out of 2 plans or IRAs at once (Assets:Acme401k, "
            "Assets:Beta401k). Each payer issues its own 1099-R: record one transaction per "
            "plan or IRA.",
        )
    ]
    assert analysis.basis.movements == ()


@pytest.mark.parametrize(
    ("returned", "paid", "basis", "code"),
    [
        # A plain number is an amount as much as one with its currency.
        ("1000.00", "1050.00", "1000.00", "E"),
        # A contribution of 1.00 returned (a payroll rounding over 415(c)).
        ("1.00 USD", "1.05", "1.00", "E"),
    ],
)
def test_a_corrective_distribution_takes_exactly_the_contribution_as_basis(
    returned: str, paid: str, basis: str, code: str
) -> None:
    """Alice's after-tax money: 10,000 contributed, worth 20,000 (half of it basis). The plan
    returns an excess annual addition with its earnings (EPCRS, Rev. Proc. 2021-30 Appendix A
    .08): the contribution returned is all basis and the rest earnings, not the pool's pro
    rata half. 1,050 paid for 1,000 returned: basis 1,000, box 2a 50 (pro rata would have
    been 525 and 525); 1.05 for 1.00: basis 1.00, 0.05 taxable (pro rata 0.53). Code E
    (excess annual additions under EPCRS)."""
    analysis, errors = run(
        f"""
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Salary
2024-06-30 * "Statement"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Retirement:MarketValue
2025-02-01 * "Acme 401(k)" "Excess annual additions returned (EPCRS)"
  returned-contribution: {returned}
  tax-year: 2024
  Assets:Acme401k:AfterTax  -{paid} USD
  Assets:Checking
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "distribution", "Assets:Checking", D(paid), D(basis), D(paid) - D(basis), code,
    )  # fmt: skip


def test_a_returned_contribution_of_nothing_leaves_the_distribution_pro_rata() -> None:
    """``returned-contribution: 0.00 USD`` names no contribution: an error on the mark, and
    the 1,050 paid out of after-tax money worth 20,000 with 10,000 of basis is an ordinary
    distribution, pro rata (IRC 72(e)(8)): basis 1,050 x 10,000 / 20,000 = 525, taxable 525,
    code 1 (Alice is 44)."""
    body = """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Salary
2024-06-30 * "Statement"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Retirement:MarketValue
2025-02-01 * "Acme 401(k)" "Withdrawal"
  returned-contribution: 0.00 USD
  tax-year: 2024
  Assets:Acme401k:AfterTax  -1050.00 USD
  Assets:Checking
"""
    analysis, errors = run(body)
    ((error),) = errors
    assert error.source["lineno"] == lineno(body, '"Withdrawal"')
    assert error.message.startswith("returned-contribution 0.00 USD is not an amount. ")
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "distribution", "Assets:Checking", D("1050.00"), D("525.00"), D("525.00"), "1",
    )  # fmt: skip


# Where it went ----------------------------------------------------------------------------


def test_money_moved_to_the_plans_own_pre_tax_money_says_what_it_would_take() -> None:
    """After-tax money moved into the same plan's pre-tax money is neither a conversion nor
    a rollover: the whole message, on the transaction."""
    body = """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Income:Salary
2024-01-20 * "Plan" "Odd move"
  Assets:Acme401k:AfterTax  -1000.00 USD
  Assets:Acme401k:PreTax     1000.00 USD
"""
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, '"Odd move"'),
            "Money moves from Assets:Acme401k to its own pre-tax money, which is not a "
            "conversion or rollover megaroth knows. An in-plan Roth rollover goes into an IRR "
            "(or other designated Roth) sub-account.",
        )
    ]
    assert analysis.basis.movements == ()


def test_a_zero_line_in_the_destination_is_not_where_the_money_went() -> None:
    """The statement lists the IRR's cash line at 0.00 before the line that receives the
    1,000 converted: the movement goes to the account that received it (the 1099-R's and
    the report's "to")."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  1000.00 USD
  Income:Salary
2024-01-11 * "Plan" "Conversion"
  Assets:Acme401k:AfterTax  -1000.00 USD
  Assets:Acme401k:IRR:Cash     0.00 USD
  Assets:Acme401k:IRR       1000.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Acme401k:IRR", D("1000.00"), D("1000.00"),
        D("0.00"), "G",
    )  # fmt: skip


def test_cents_paid_out_beside_a_direct_rollover_are_a_distribution_of_their_own() -> None:
    """All 5,000.60 of Alice's pre-tax money leaves: 5,000.00 in shares to her traditional
    IRA, the 0.60 left over from a fractional share paid to her. One distribution (Notice
    2014-54) with two parts: a direct rollover (code G, nothing taxable) and 0.60 paid out,
    all of it pre-tax money, taxable, code 1 at 44 (IRC 72(t))."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:PreTax  5000.60 USD
  Income:Salary
2024-03-01 * "Plan" "Everything out"
  Assets:Acme401k:PreTax  -5000.60 USD
  Assets:AliceIRA          5000.00 USD
  Assets:Checking             0.60 USD
"""
    )
    assert errors == []
    assert [figures(m) for m in analysis.basis.movements] == [
        ("rollover-to-ira", "Assets:AliceIRA", D("5000.00"), D("0.00"), D("0.00"), "G"),
        ("distribution", "Assets:Checking", D("0.60"), D("0.00"), D("0.60"), "1"),
    ]


def test_a_traditional_ira_distribution_leaves_its_basis_to_form_8606() -> None:
    """Alice holds 7,000 of pre-tax money rolled into one IRA and makes a 7,000
    nondeductible contribution to another, then withdraws the 7,000 from the second. The
    IRA's 1099-R can't know her basis, which is spread over all her IRAs (IRC 408(d)(2)):
    box 1 and 2a 7,000, 2b checked (Instructions for Forms 1099-R), so the movement carries
    no basis, not the 7,000 that account received. Form 8606: line 10 = 7,000 / 14,000 =
    0.5, line 13 = 3,500 nontaxable, line 15c = 3,500 taxable. Code 1: Alice is 43."""
    analysis, errors = run(
        """
2024-01-05 * "Old plan money rolled in"
  Assets:AliceIRA2  7000.00 USD
  Equity:Opening
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
2024-01-20 * "Broker" "Withdrawal"
  Assets:AliceIRA  -7000.00 USD
  Assets:Checking   7000.00 USD
"""
    )
    assert errors == []
    report = build_report(analysis, 2024, "alice")
    ((row),) = report["movements"]
    assert (row["kind"], row["gross"], row["basis"], row["taxable"], row["code"]) == (
        "distribution", "7000.00", "0.00", "7000.00", "1")  # fmt: skip
    assert row["taxable_not_determined"] is True
    lines = report["people"]["alice"]["form_8606"]
    assert (lines["line10"], lines["line13"], lines["line15c"]) == (
        "0.50000000", "3500.00", "3500.00")  # fmt: skip


@pytest.mark.parametrize(("roth", "error"), [("0.01", False), ("0.02", True)])
def test_designated_roth_money_sent_to_a_traditional_ira_is_an_error_beyond_a_cent(
    roth: str, error: bool
) -> None:
    """Designated Roth money can go only to a Roth IRA or another plan's Roth account (IRC
    402A(c)(3)); a traditional IRA can't take it. Everything in Alice's plan goes to her
    traditional IRA: 5,000 of pre-tax money, and a little Roth money. A cent left unplaced
    is the rounding of units times prices megaroth allows everywhere; two cents are money
    in the wrong place: an error on the transaction, and no movement."""
    body = f"""
2024-01-10 * "Payroll"
  Assets:Acme401k:PreTax  5000.00 USD
  Assets:Acme401k:Roth    {roth} USD
  Income:Salary
2024-03-01 * "Plan" "Everything to the IRA"
  Assets:Acme401k:PreTax  -5000.00 USD
  Assets:Acme401k:Roth    -{roth} USD
  Assets:AliceIRA          {D("5000.00") + D(roth)} USD
"""
    analysis, errors = run(body)
    if not error:
        assert errors == []
        assert [figures(m) for m in analysis.basis.movements] == [
            ("rollover-to-ira", "Assets:AliceIRA", D("5000.00"), D("0.00"), D("0.00"), "G")
        ]
        return
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, '"Everything to the IRA"'),
            "0.02 of designated Roth money from Assets:Acme401k goes somewhere that can't "
            "take Roth money (a traditional IRA or pre-tax plan money). Roll Roth money to a "
            "Roth IRA or another plan's Roth account.",
        )
    ]
    assert analysis.basis.movements == ()


# The participant's choice of where the pre-tax money goes (Notice 2014-54) ---------------

CHOICE = """
2000-01-01 open Assets:NewCo401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "NewCo"
2000-01-01 open Assets:NewCo401k:Rollover
2000-01-01 open Assets:AliceIRA:Fund
2000-01-01 open Assets:AliceIRA:Cash
2022-01-10 * "Acme" "Payroll"
  Assets:Acme401k:PreTax   60000.00 USD
  Assets:Acme401k:AfterTax 40000.00 USD
  Income:Salary
2024-03-01 * "Acme" "Everything out, by direct rollover"
  Assets:Acme401k:PreTax    -60000.00 USD
  Assets:Acme401k:AfterTax  -40000.00 USD
"""


def rolled(analysis: Analysis) -> dict[str, tuple[Decimal, Decimal]]:
    return {m.to_account: (m.gross, m.basis) for m in analysis.basis.movements}


def test_a_pretax_amount_written_as_a_plain_number_is_followed() -> None:
    """Alice's plan holds 60,000 of pre-tax money and 40,000 of after-tax basis; she rolls
    40,000 to her IRA and 60,000 to NewCo's plan, and chooses that the IRA takes no pre-tax
    money (Notice 2014-54, III.B): ``pretax-amount: 0.00``, a number without its currency.
    The IRA takes the 40,000 of basis, NewCo the 60,000 of pre-tax money (by default it
    would be the other way round)."""
    analysis, errors = run(
        CHOICE
        + """  Assets:AliceIRA          40000.00 USD
    pretax-amount: 0.00
  Assets:NewCo401k:Rollover 60000.00 USD
"""
    )
    assert errors == []
    assert rolled(analysis) == {
        "Assets:AliceIRA": (D("40000.00"), D("40000.00")),
        "Assets:NewCo401k:Rollover": (D("60000.00"), D("0.00")),
    }


def test_a_pretax_amount_over_several_postings_of_one_ira_adds_up() -> None:
    """The IRA receives the rollover in two postings, a fund (39,999.40) and the cash left
    over from a fractional share (0.60), and the choice is written on each: 9,999.40 and
    0.60, 10,000 of pre-tax money for the IRA. It takes 10,000 pre-tax and 30,000 basis;
    NewCo the other 50,000 pre-tax and 10,000 basis."""
    analysis, errors = run(
        CHOICE
        + """  Assets:AliceIRA:Fund     39999.40 USD
    pretax-amount: 9999.40 USD
  Assets:AliceIRA:Cash         0.60 USD
    pretax-amount: 0.60 USD
  Assets:NewCo401k:Rollover 60000.00 USD
"""
    )
    assert errors == []
    assert rolled(analysis) == {
        "Assets:AliceIRA:Fund": (D("40000.00"), D("30000.00")),
        "Assets:NewCo401k:Rollover": (D("60000.00"), D("10000.00")),
    }


UNFOLLOWED = (
    "pretax-amount {raw} on {account} can't be followed: write it on a posting that receives "
    "part of the distribution, as an amount, e.g.  pretax-amount: 40000.00 USD  (Notice "
    "2014-54: how much of the pre-tax money that destination takes; the rest of it is basis)."
)


@pytest.mark.parametrize(
    ("postings", "raw", "account"),
    [
        # Not an amount.
        (
            '  Assets:AliceIRA  40000.00 USD\n    pretax-amount: "none"\n'
            "  Assets:NewCo401k:Rollover 60000.00 USD\n",
            '"none"',
            "Assets:AliceIRA",
        ),
        # On a line of the IRA that receives nothing.
        (
            "  Assets:AliceIRA:Cash  0.00 USD\n    pretax-amount: 0.00 USD\n"
            "  Assets:AliceIRA  40000.00 USD\n  Assets:NewCo401k:Rollover 60000.00 USD\n",
            "0.00 USD",
            "Assets:AliceIRA:Cash",
        ),
        # On the day's earnings, in a distribution partly paid out.
        (
            "  Assets:AliceIRA  40000.00 USD\n  Assets:NewCo401k:Rollover 50000.00 USD\n"
            "  Assets:Checking  10010.00 USD\n  Income:Retirement:MarketValue  -10.00 USD\n"
            "    pretax-amount: 0.00 USD\n",
            "0.00 USD",
            "Income:Retirement:MarketValue",
        ),
    ],
    ids=["not-an-amount", "on-a-zero-line", "on-the-earnings"],
)
def test_a_pretax_amount_that_cant_be_followed_says_how_to_write_it(
    postings: str, raw: str, account: str
) -> None:
    """A choice megaroth can't read, or written where nothing is received: the error on the
    transaction says where and how to write it, and the default order applies (the IRA
    takes pre-tax money first: 40,000 of pre-tax money, no basis)."""
    body = CHOICE + postings
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (lineno(body, "Everything out"), UNFOLLOWED.format(raw=raw, account=account))
    ]
    ira = next(m for m in analysis.basis.movements if m.to_account == "Assets:AliceIRA")
    assert (ira.gross, ira.basis) == (D("40000.00"), D("0.00"))


# Each part's own boxes --------------------------------------------------------------------


def test_each_part_of_a_split_distribution_has_its_own_boxes() -> None:
    """Alice (44) takes the 10,000 of pre-tax money out of her plan: 8,000 rolled directly to
    her IRA, 2,000 paid to her, of which the plan withholds 400 (IRC 3405(c): 20% of what
    isn't rolled directly).

    Two 1099-Rs (one per code): the direct rollover, code G, box 1 8,000, box 2a 0, box 4 0
    (nothing withheld from it); the 2,000 paid out, code 1 (under 59 1/2, IRC 72(t)), box 2a
    2,000, box 4 400. Neither goes to Roth, so neither starts a 5-year period; the rule says
    all of it is pre-tax money (no after-tax money was taken)."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:PreTax  10000.00 USD
  Income:Salary
2024-06-03 * "Plan" "Pre-tax money out"
  Assets:Acme401k:PreTax  -10000.00 USD
  Assets:AliceIRA           8000.00 USD
  Assets:Checking           1600.00 USD
  Expenses:Taxes:Federal     400.00 USD
"""
    )
    assert errors == []
    rollover, paid = analysis.basis.movements
    assert figures(rollover) == (
        "rollover-to-ira", "Assets:AliceIRA", D("8000.00"), D("0.00"), D("0.00"), "G",
    )  # fmt: skip
    assert figures(paid) == (
        "distribution", "Assets:Checking", D("2000.00"), D("0.00"), D("2000.00"), "1",
    )  # fmt: skip
    assert (rollover.withholding, paid.withholding) == (D("0.00"), D("400.00"))
    assert (rollover.five_year_end, paid.five_year_end) == (None, None)
    assert paid.rule == (
        "Paid out: pre-tax plan money, all taxable when it goes to Roth or is paid out."
    )
    forms = build_report(analysis, 2024, "alice")["form_1099r"]
    assert {f["code"]: (f["expected"]["box1"], f["expected"]["box4"]) for f in forms} == {
        "G": ("8000.00", "0.00"),
        "1": ("2000.00", "400.00"),
    }


def test_designated_roth_rolled_to_a_roth_ira_keeps_the_roth_iras_5_years() -> None:
    """Alice has had a Roth IRA since a 2015 contribution; in 2024 she rolls her plan's
    designated Roth money (since 2020) into it directly: code H, nothing taxable. Money
    rolled from a designated Roth account into a Roth IRA takes the Roth IRA's 5-year
    period, begun on January 1, 2015, and met after 2019 (Reg. 1.408A-10 Q&A-4): the
    movement's 5-year end is 2019, not 2028 as if the period began with the rollover."""
    analysis, errors = run(
        """
2015-04-01 * "Bank" "Roth IRA contribution"
  Assets:AliceRothIRA  5500.00 USD
  Assets:Checking
2020-01-10 * "Payroll"
  Assets:Acme401k:Roth  3000.00 USD
  Income:Salary
2024-03-01 * "Plan" "Roth money rolled to the Roth IRA"
  Assets:Acme401k:Roth  -3000.00 USD
  Assets:AliceRothIRA    3000.00 USD
"""
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "roth-rollover-to-roth-ira", "Assets:AliceRothIRA", D("3000.00"), D("3000.00"),
        D("0.00"), "H",
    )  # fmt: skip
    assert movement.five_year_end == 2019


def test_a_loss_split_over_two_destinations_shares_its_unrecovered_basis() -> None:
    """Alice's after-tax money: 10,000 contributed, now worth 8,000. All of it leaves: 4,000
    to her Roth IRA, 4,000 paid to her. Only 8,000 of the 10,000 basis can be recovered (the
    amount); the other 2,000 is basis unrecovered, a loss (IRC 72(e)(8); box 5 shows all
    10,000). Each part is half the distribution: basis 4,000, unrecovered 1,000, box 5
    5,000, and half the lot (basis 4,000, earnings 4,000 - 5,000 = -1,000). Codes: G for
    the rollover, 1 for the cash (taxable 0)."""
    analysis, errors = run(
        """
2024-01-10 * "Payroll"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Salary
2024-03-31 * "Statement"
  Assets:Acme401k:AfterTax  -2000.00 USD
  Income:Retirement:MarketValue
2024-04-01 * "Plan" "Everything out"
  Assets:Acme401k:AfterTax  -8000.00 USD
  Assets:AliceRothIRA        4000.00 USD
  Assets:Checking            4000.00 USD
"""
    )
    assert errors == []
    report = build_report(analysis, 2024, "alice")
    parts = [
        (m["kind"], m["gross"], m["basis"], m["taxable"], m["unrecovered_basis"], m["lots"])
        for m in report["movements"]
    ]
    lot = {"date": "2024-01-10", "origin": "contribution", "basis": "4000.00",
           "earnings": "-1000.00", "days": 82}  # fmt: skip
    assert parts == [
        ("rollover-to-roth-ira", "4000.00", "4000.00", "0.00", "1000.00", [lot]),
        ("distribution", "4000.00", "4000.00", "0.00", "1000.00", [lot]),
    ]
    assert {f["code"]: f["expected"]["box5"] for f in report["form_1099r"]} == {
        "G": "5000.00",
        "1": "5000.00",
    }
    assert report["people"]["alice"]["after_tax_basis_unrecovered"] == "2000.00"


def test_after_tax_money_without_separate_accounting_counts_as_after_tax_basis() -> None:
    """Where the plan doesn't account for after-tax money separately (IRC 72(d)(2);
    ``separate-accounting: FALSE``), pre-tax and after-tax money are one contract: 20,000
    deferred and 10,000 after-tax, grown by 2,000 to 32,000. Converting 8,000 in plan
    recovers 8,000 x 10,000 / 32,000 = 2,500 of basis, taxable 5,500, code G; the report's
    after-tax basis recovered that year is those 2,500."""
    analysis, errors = run(
        """
2000-01-01 open Assets:Zed401k
  megaroth-plan: "401k"
  owner: "alice"
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
    )
    assert errors == []
    (movement,) = analysis.basis.movements
    assert figures(movement) == (
        "in-plan-roth-rollover", "Assets:Zed401k:IRR", D("8000.00"), D("2500.00"),
        D("5500.00"), "G",
    )  # fmt: skip
    person = build_report(analysis, 2024, "alice")["people"]["alice"]
    assert person["after_tax_basis_recovered"] == "2500.00"


def test_pre_tax_money_returned_from_a_plan_with_roth_money_is_not_coded_b() -> None:
    """Alice (44) deferred 25,000 of pre-tax money in 2024, 2,000 over the 23,000 limit of
    IRC 402(g)(1) (she turns 50 only in 2030: no catch-up); her plan has held designated
    Roth money since 2020. The plan returns the 2,000 with 80 of earnings on 2025-03-20,
    before April 15 (IRC 402(g)(2)). Pre-tax money, so no code B and no box 11 (they are
    for designated Roth money; Instructions for Forms 1099-R, code B and box 11): the
    deferral on a form coded P (taxable for 2024), the earnings on one coded 8 (taxable in
    2025), each box 2a its whole box 1 (Reg. 1.402(g)-1(e))."""
    analysis, errors = run(
        """
2020-01-10 * "Payroll"
  Assets:Acme401k:Roth    1000.00 USD
  Income:Salary
2024-06-15 * "Payroll"
  Assets:Acme401k:PreTax  25000.00 USD
  Income:Salary
2025-03-20 * "Acme 401(k)" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:Acme401k:PreTax  -2080.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    forms = build_report(analysis, 2025, "alice")["form_1099r"]
    assert sorted((f["code"], f["expected"]["box1"], f["expected"]["box2a"]) for f in forms) == [
        ("8", "80.00", "80.00"),
        ("P", "2000.00", "2000.00"),
    ]


# What arrives, and what may still be rolled over -----------------------------------------


def test_pre_tax_money_rolled_into_another_plan_stays_pre_tax_there() -> None:
    """Alice rolls 10,000 of pre-tax money from Acme's plan directly into NewCo's (code G,
    nothing taxable), then takes it out of NewCo's plan: it is pre-tax money there too, with
    no basis (only money converted or rolled into Roth is after-tax on arrival), so all
    10,000 is taxable, code 1 at 44 (IRC 72(t))."""
    analysis, errors = run(
        """
2000-01-01 open Assets:NewCo401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "NewCo"
2000-01-01 open Assets:NewCo401k:Rollover
2024-01-10 * "Acme" "Payroll"
  Assets:Acme401k:PreTax  10000.00 USD
  Income:Salary
2024-03-01 * "Acme" "Direct rollover to NewCo"
  Assets:Acme401k:PreTax     -10000.00 USD
  Assets:NewCo401k:Rollover   10000.00 USD
2024-09-01 * "NewCo" "Paid out"
  Assets:NewCo401k:Rollover  -10000.00 USD
  Assets:Checking             10000.00 USD
"""
    )
    assert errors == []
    assert [figures(m) for m in analysis.basis.movements] == [
        ("rollover-to-plan", "Assets:NewCo401k:Rollover", D("10000.00"), D("0.00"),
         D("0.00"), "G"),
        ("distribution", "Assets:Checking", D("10000.00"), D("0.00"), D("10000.00"), "1"),
    ]  # fmt: skip


def test_money_moved_between_traditional_iras_arrives_as_a_transfer() -> None:
    """A trustee-to-trustee transfer between Alice's traditional IRAs is no distribution
    (Rev. Rul. 78-406): no movement, no 1099-R. The money arrives in the second IRA as a
    lot of its own, which the report names "transfer" when it is later converted."""
    analysis, errors = run(
        """
2024-01-10 * "Old plan money rolled in"
  Assets:AliceIRA  5000.00 USD
  Equity:Opening
2024-02-01 * "Brokers" "Transfer"
  Assets:AliceIRA   -5000.00 USD
  Assets:AliceIRA2   5000.00 USD
2024-03-01 * "Broker" "Conversion"
  Assets:AliceIRA2     -5000.00 USD
  Assets:AliceRothIRA   5000.00 USD
"""
    )
    assert errors == []
    ((row),) = build_report(analysis, 2024, "alice")["movements"]
    assert (row["kind"], row["from"], row["gross"]) == ("ira-conversion", "Assets:AliceIRA2",
                                                        "5000.00")  # fmt: skip
    assert [(lot["date"], lot["origin"]) for lot in row["lots"]] == [("2024-02-01", "transfer")]


def test_a_direct_rollover_cannot_be_put_back_as_a_60_day_rollover() -> None:
    """Alice's 5,000 of pre-tax money went directly to her IRA: nothing was paid to her, so
    nothing is left to roll over within 60 days (IRC 402(c)(3) is for money received). A
    deposit marked as a 60-day rollover finds no distribution: an error, and the deposit is
    read as the contribution it is."""
    body = """
2024-01-10 * "Payroll"
  Assets:Acme401k:PreTax  5000.00 USD
  Income:Salary
2024-03-01 * "Plan" "Direct rollover"
  Assets:Acme401k:PreTax  -5000.00 USD
  Assets:AliceIRA          5000.00 USD
2024-03-20 * "Bank" "Deposit"
  indirect-rollover: TRUE
  Assets:AliceIRA2  5000.00 USD
  Assets:Checking
"""
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, '"Deposit"'),
            "This puts 5,000.00 into Assets:AliceIRA2 as a 60-day rollover, but megaroth finds "
            "no distribution to alice before it with that much left to put back. Record the "
            "distribution (paid out of the plan or IRA), and give it and this redeposit the "
            "same link, e.g. ^rollover-2024-03; megaroth reads this as a contribution until "
            "then.",
        )
    ]
    assert analysis.basis.rollovers == ()


ROTH_PAID = """
2024-01-10 * "Payroll"
  Assets:Acme401k:Roth  4000.00 USD
  Income:Salary
2024-06-30 * "Statement"
  Assets:Acme401k:Roth  1000.00 USD
  Income:Retirement:MarketValue
2024-07-01 * "Plan" "Roth money paid out"
  Assets:Acme401k:Roth  -5000.00 USD
  Assets:Checking        5000.00 USD
"""


def test_designated_roth_money_paid_out_and_put_back_into_a_roth_ira() -> None:
    """Alice's designated Roth account (4,000 deferred, 1,000 earned) is paid to her, code 1B:
    basis 4,000, the 1,000 of earnings taxable (IRC 402A(d)(4), not qualified: 44, and the
    plan's 5 years run to 2028). She puts all 5,000 into her Roth IRA within 60 days: a
    rollover of designated Roth money into a Roth IRA (IRC 402A(c)(3), 402(c)(3)), whose
    earnings are put back first, so none of the distribution stays taxable."""
    analysis, errors = run(
        ROTH_PAID
        + """2024-08-15 * "Bank" "Put back"
  indirect-rollover: TRUE
  Assets:AliceRothIRA  5000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    paid, put_back = analysis.basis.movements
    assert figures(paid) == (
        "distribution", "Assets:Checking", D("5000.00"), D("4000.00"), D("1000.00"), "1B",
    )  # fmt: skip
    assert (paid.rolled_over, paid.rolled_over_taxable) == (D("5000.00"), D("1000.00"))
    assert (put_back.kind.value, put_back.to_account, put_back.indirect) == (
        "roth-rollover-to-roth-ira", "Assets:AliceRothIRA", True)  # fmt: skip


def test_designated_roth_money_paid_out_cannot_be_put_back_into_a_traditional_ira() -> None:
    """The same 5,000 of designated Roth money, put back into Alice's traditional IRA: Roth
    money can be rolled only into Roth (IRC 402A(c)(3)): an error on the redeposit."""
    body = (
        ROTH_PAID
        + """2024-08-15 * "Bank" "Put back"
  indirect-rollover: TRUE
  Assets:AliceIRA  5000.00 USD
  Assets:Checking
"""
    )
    analysis, errors = run(body)
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (
            lineno(body, '"Put back"'),
            "This puts Roth money paid out of Assets:Acme401k into Assets:AliceIRA, which "
            "can't take Roth money: roll it into a Roth IRA.",
        )
    ]
    assert analysis.basis.movements[0].rolled_over == D("0")


ZED_COMBINED = """
2000-01-01 open Assets:Zed401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Zed"
  separate-accounting: FALSE
2000-01-01 open Assets:Zed401k:PreTax
2000-01-01 open Assets:Zed401k:AfterTax
2024-01-10 * "Zed" "Payroll"
  Assets:Zed401k:PreTax    25000.00 USD
  Assets:Zed401k:AfterTax   5000.00 USD
  Income:Salary
2025-03-20 * "Zed 401(k)" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:Zed401k:PreTax  -2080.00 USD
  Assets:Checking
"""


def test_an_excess_deferral_returned_by_a_plan_without_separate_accounting_is_402g() -> None:
    """Alice defers 25,000 pre-tax in 2024, 2,000 over the 402(g) limit of 23,000 (she is
    44), beside 5,000 after-tax in a plan that doesn't account for after-tax money
    separately. The plan returns the 2,000 with 80 of earnings on 2025-03-20: a corrective
    distribution of excess deferrals (IRC 402(g)(2)), codes P for the 2,000 (taxable for
    2024, Form 1040 line 1h) and 8 for the 80, all taxable, and the finding is corrected.
    It used to be read as a 415(c) return (code E, basis pro rata) because the plan's one
    contract holds after-tax money too."""
    analysis, errors = run(ZED_COMBINED)
    assert errors == []
    codes = sorted((f.code, f.box1, f.box2a) for f in analysis.expected_1099r)
    assert codes == [("8", D("80.00"), D("80.00")), ("P", D("2000.00"), D("2000.00"))]
    (correction,) = analysis.corrections
    assert (correction.cures, correction.status, correction.codes) == (
        "402g-excess", "corrected", "P, 8")  # fmt: skip
    assert correction.finding.startswith("Corrected: alice deferred 25,000.00 in 2024")
