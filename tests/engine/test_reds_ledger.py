"""A backdoor Roth in a ledger kept with beancount-reds-importers (issue 14, item 5).

The IRA is a tree: the account whose Open says ``megaroth-ira``, one account per fund below
it and one for its cash (``...:TradIRA:USD`` or ``...:TradIRA:Cash``). Buys, sells and
reinvestments inside it are exchanges; dividends, capital gains (and their distributions)
and reds' rounding postings are earnings; fees are fees; a conversion is cash or shares moving
from the traditional IRA's tree to the Roth IRA's, in one transaction or in two linked halves
(one from each account's import). The scenario and its Form 8606 are
``tests/brokerage_ira_scenario.py``, shared with the importer tests.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from beancount.core import data

from megaroth.engine.analysis import Analysis, analyse
from megaroth.ledger.accounts import Accounts, Role
from megaroth.tax.records import MovementKind
from tests.brokerage_ira_scenario import (
    FORM_1099R_2024,
    FORM_8606_2024,
    REDS_ACCOUNTS,
    REDS_LEDGER,
    REDS_TRANSACTIONS,
    TRADITIONAL,
)
from tests.conftest import build_report, load

D = Decimal

#: The conversion as two transactions, one from each account's import, joined by a link and
#: balanced against a transfer account; the Roth IRA shows the money a day later.
LINKED_THROUGH_TRANSFERS = """
2020-01-01 open Assets:Transfers  USD
2024-04-03 * "Fidelity" "TRANSFER TO ROTH IRA" ^transfer-2024-04-03
  Assets:Investments:Fidelity:TradIRA:USD  -8750.00 USD
  Assets:Transfers                          8750.00 USD
2024-04-04 * "Fidelity" "TRANSFER FROM TRADITIONAL IRA" ^transfer-2024-04-03
  Assets:Investments:Fidelity:RothIRA:USD   8750.00 USD
  Assets:Transfers                         -8750.00 USD
"""

#: The same two halves as reds' zerosum plugin leaves them with 'link_transactions': True
#: (listed before megaroth's plugin): both moved to the matched account, and linked.
LINKED_BY_ZEROSUM = """
2020-01-01 open Assets:Zero-Sum-Accounts:Transfers:Bank-Account  USD
2020-01-01 open Assets:ZSA-Matched:Transfers:Bank-Account  USD
2024-04-03 * "Fidelity" "TRANSFER TO ROTH IRA" ^ZeroSum.u1bDhH2oJ3yQx0CqTfEz
  Assets:Investments:Fidelity:TradIRA:USD     -8750.00 USD
  Assets:ZSA-Matched:Transfers:Bank-Account    8750.00 USD
2024-04-04 * "Fidelity" "TRANSFER FROM TRADITIONAL IRA" ^ZeroSum.u1bDhH2oJ3yQx0CqTfEz
  Assets:Investments:Fidelity:RothIRA:USD      8750.00 USD
  Assets:ZSA-Matched:Transfers:Bank-Account   -8750.00 USD
"""

#: The two halves with no link: each import's transfer, left for megaroth to guess.
UNLINKED = """
2020-01-01 open Assets:Zero-Sum-Accounts:Transfers:Bank-Account  USD
2024-04-03 * "Fidelity" "TRANSFER TO ROTH IRA"
  Assets:Investments:Fidelity:TradIRA:USD            -8750.00 USD
  Assets:Zero-Sum-Accounts:Transfers:Bank-Account     8750.00 USD
2024-04-04 * "Fidelity" "TRANSFER FROM TRADITIONAL IRA"
  Assets:Investments:Fidelity:RothIRA:USD             8750.00 USD
  Assets:Zero-Sum-Accounts:Transfers:Bank-Account    -8750.00 USD
"""

#: A 10.00 account fee before the conversion, which then takes the 8,740.00 left.
FEE_THEN_CONVERSION = """
2024-04-02 * "Fidelity" "ANNUAL ACCOUNT FEE"
  Assets:Investments:Fidelity:TradIRA:USD  -10.00 USD
  Expenses:Fees-and-Commissions:TradIRA     10.00 USD
2024-04-03 * "Fidelity" "ROTH CONVERSION"
  Assets:Investments:Fidelity:TradIRA:USD  -8740.00 USD
  Assets:Investments:Fidelity:RothIRA:USD   8740.00 USD
"""

#: The shares converted in kind (README style: the Roth IRA's lots at the day's price) on the
#: day they were sold above, then the dividend's cash: 8,680.00 + 70.00 = 8,750.00 in all.
IN_KIND = """
2020-01-01 open Assets:Investments:Fidelity:RothIRA:VTI  VTI
2024-01-10 * "Fidelity" "Contribution for 2024"
  nondeductible: TRUE
  Assets:Investments:Fidelity:TradIRA:USD  7000.00 USD
  Assets:Bank:Checking                    -7000.00 USD
2024-01-11 * "Fidelity" "YOU BOUGHT VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI      28 VTI {250.00 USD}
  Assets:Investments:Fidelity:TradIRA:USD  -7000.00 USD
2024-03-26 * "Fidelity" "DIVIDEND RECEIVED VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:USD   70.00 USD
  Income:Dividends:TradIRA:VTI             -70.00 USD
2024-04-01 * "Fidelity" "ROTH CONVERSION IN KIND"
  Assets:Investments:Fidelity:TradIRA:VTI  -28 VTI {} @ 310.00 USD
  Assets:Investments:Fidelity:RothIRA:VTI   28 VTI {310.00 USD}
  Income:Capital-Gains:TradIRA:VTI
2024-04-03 * "Fidelity" "ROTH CONVERSION"
  Assets:Investments:Fidelity:TradIRA:USD  -70.00 USD
  Assets:Investments:Fidelity:RothIRA:USD   70.00 USD
"""

#: What else reds writes into an IRA: a buy with a rounding posting (reds books up to 0.04 of
#: difference between units x price and the total to its 'rounding_error' account), a
#: reinvested dividend (booked against Income:Dividends:...:{ticker}), a long-term capital
#: gain distribution (Income:Capital-Gains-Distributions:Long:...), the sale of everything.
REDS_EXTRAS = """
2020-01-01 open Income:Capital-Gains-Distributions:Long:TradIRA:VTI  USD
2020-01-01 open Equity:Rounding-Errors:Imports  USD
2024-01-10 * "Fidelity" "Contribution for 2024"
  nondeductible: TRUE
  Assets:Investments:Fidelity:TradIRA:USD  7000.00 USD
  Assets:Bank:Checking                    -7000.00 USD
2024-01-11 * "Fidelity" "YOU BOUGHT VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI      28 VTI {250.001 USD}
  Assets:Investments:Fidelity:TradIRA:USD  -7000.00 USD
  Equity:Rounding-Errors:Imports              -0.028 USD
2024-03-26 * "Fidelity" "REINVESTMENT VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI    0.25 VTI {280.00 USD}
  Income:Dividends:TradIRA:VTI             -70.00 USD
2024-03-27 * "Fidelity" "LONG-TERM CAP GAIN VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:USD                 20.00 USD
  Income:Capital-Gains-Distributions:Long:TradIRA:VTI   -20.00 USD
2024-04-01 * "Fidelity" "YOU SOLD VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI  -28.25 VTI {} @ 310.00 USD
  Assets:Investments:Fidelity:TradIRA:USD  8757.50 USD
  Income:Capital-Gains:TradIRA:VTI
2024-04-03 * "Fidelity" "ROTH CONVERSION"
  Assets:Investments:Fidelity:TradIRA:USD  -8777.50 USD
  Assets:Investments:Fidelity:RothIRA:USD   8777.50 USD
"""


def loaded(text: str, config: str | None = None) -> tuple[list[Any], list[Any], Analysis]:
    entries, errors, options = load(text)
    return entries, errors, analyse(entries, options, config)


def form_2024(analysis: Analysis) -> dict[str, Decimal]:
    (form,) = analysis.forms_8606
    assert (form.person, form.year) == ("bob", 2024)
    return form.lines()


def assert_the_scenario(errors: list[Any], analysis: Analysis) -> None:
    """The scenario's figures: every Form 8606 line, one 7,000 contribution with basis, one
    conversion whose 1,750.00 of earnings are the dividend and the gain."""
    assert errors == []
    assert analysis.errors.all() == []
    assert form_2024(analysis) == FORM_8606_2024
    (contribution,) = analysis.basis.contributions
    assert (contribution.contract.payer, contribution.amount, contribution.basis) == (
        TRADITIONAL,
        D("7000.00"),
        D("7000.00"),
    )
    (conversion,) = analysis.basis.movements
    assert (conversion.kind, conversion.code) == (MovementKind.IRA_CONVERSION, "2")
    assert (conversion.gross, conversion.basis, conversion.taxable) == (
        D("8750.00"),
        D("7000.00"),
        D("1750.00"),
    )
    (lot,) = conversion.lots
    # 70.00 of dividend + 1,680.00 of gain: earnings, never contributions.
    assert (lot.contributed, lot.value, lot.earnings) == (D("7000.00"), D("8750.00"),
                                                          D("1750.00"))  # fmt: skip
    assert conversion.five_year_end == 2028
    (expected,) = build_report(analysis, 2024, "bob")["form_1099r"]
    assert expected["account"] == TRADITIONAL
    assert {key: expected["expected"][key] for key in FORM_1099R_2024} == FORM_1099R_2024


def test_reds_ledger_with_the_conversion_in_one_transaction() -> None:
    entries, errors, analysis = loaded(REDS_LEDGER)
    assert_the_scenario(errors, analysis)
    kinds = {
        entry.narration: entry.meta.get("megaroth-kind")
        for entry in entries
        if isinstance(entry, data.Transaction)
    }
    # Buy, dividend and sale stay inside the IRA: only the conversion is a movement.
    assert kinds == {
        "Contribution for 2024": None,
        "YOU BOUGHT VANGUARD TOTAL STOCK MARKET ETF": None,
        "DIVIDEND RECEIVED VANGUARD TOTAL STOCK MARKET ETF": None,
        "YOU SOLD VANGUARD TOTAL STOCK MARKET ETF": None,
        "ROTH CONVERSION": "ira-conversion",
    }
    report = build_report(analysis, 2024, "bob")
    assert report["people"]["bob"]["form_1040"] == {
        "line4a": "8750.00",
        "line4b": "1750.00",
        "line5a": "0.00",
        "line5b": "0.00",
        "line1h": "0.00",
    }


@pytest.mark.parametrize(
    "halves", [LINKED_THROUGH_TRANSFERS, LINKED_BY_ZEROSUM], ids=["transfers", "zerosum"]
)
def test_reds_ledger_with_the_conversion_in_two_linked_halves(halves: str) -> None:
    _, errors, analysis = loaded(REDS_ACCOUNTS + REDS_TRANSACTIONS + halves)
    assert_the_scenario(errors, analysis)
    (conversion,) = analysis.basis.movements
    assert conversion.date.isoformat() == "2024-04-03"  # the first half's date
    assert conversion.to_account == "Assets:Investments:Fidelity:RothIRA:USD"


def test_two_halves_without_a_link_are_an_error_on_each_saying_to_link_them() -> None:
    _, errors, analysis = loaded(REDS_ACCOUNTS + REDS_TRANSACTIONS + UNLINKED)
    split = [e for e in errors if getattr(e, "check", None) == "split-conversion"]
    assert [e.source["lineno"] for e in split] == [
        line_of(REDS_ACCOUNTS + REDS_TRANSACTIONS + UNLINKED, "TRANSFER TO ROTH IRA"),
        line_of(REDS_ACCOUNTS + REDS_TRANSACTIONS + UNLINKED, "TRANSFER FROM TRADITIONAL IRA"),
    ]
    out, into = (e.message for e in split)
    assert out.startswith(
        f"This takes 8,750.00 out of {TRADITIONAL}, and on 2024-04-04 8,750.00 goes into "
        "Assets:Investments:Fidelity:RothIRA:USD: it looks like one Roth conversion"
    )
    assert "^conversion-2024-04" in out
    assert "'link_transactions': True" in out
    assert into.startswith(
        "This puts 8,750.00 into Assets:Investments:Fidelity:RothIRA:USD 1 day after 8,750.00 "
        f"left {TRADITIONAL} on 2024-04-03: it looks like the second half of one Roth "
        "conversion."
    )
    # Read as recorded until linked: a distribution (code 1) and a new Roth contribution.
    (movement,) = analysis.basis.movements
    assert (movement.kind, movement.code) == (MovementKind.DISTRIBUTION, "1")


def test_reds_ledger_whose_cash_account_is_cash_not_usd() -> None:
    ledger = REDS_LEDGER.replace("IRA:USD", "IRA:Cash")
    assert "TradIRA:Cash" in ledger
    assert "TradIRA:USD" not in ledger
    _, errors, analysis = loaded(ledger)
    assert_the_scenario(errors, analysis)
    (conversion,) = analysis.basis.movements
    assert conversion.from_account == "Assets:Investments:Fidelity:TradIRA:Cash"


def test_a_fee_before_the_conversion_lowers_it_and_what_is_taxable() -> None:
    _, errors, analysis = loaded(REDS_ACCOUNTS + REDS_TRANSACTIONS + FEE_THEN_CONVERSION)
    assert errors == []
    lines = form_2024(analysis)
    # 7,000 of basis over 8,740 converted: line 10 = 0.800915331... at 8 places; 8,740 x
    # 0.80091533 = 6,999.99998, 7,000.00 to the cent.
    assert {k: lines[k] for k in ("line1", "line3", "line6", "line8", "line9")} == {
        "line1": D("7000.00"),
        "line3": D("7000.00"),
        "line6": D("0.00"),
        "line8": D("8740.00"),
        "line9": D("8740.00"),
    }
    assert lines["line10"] == D("0.80091533")
    assert (lines["line11"], lines["line13"], lines["line14"]) == (D("7000.00"), D("7000.00"),
                                                                   D("0.00"))  # fmt: skip
    assert (lines["line16"], lines["line17"], lines["line18"]) == (
        D("8740.00"),
        D("7000.00"),
        D("1740.00"),
    )
    (conversion,) = analysis.basis.movements
    (lot,) = conversion.lots
    assert lot.earnings == D("1740.00")  # 70 + 1,680 - the 10.00 fee
    (expected,) = build_report(analysis, 2024, "bob")["form_1099r"]
    assert (expected["expected"]["box1"], expected["expected"]["box7"]) == ("8740.00", "2")


def test_the_fee_variant_with_line_10_at_three_places_never_carries_negative_basis() -> None:
    _, _, analysis = loaded(
        REDS_ACCOUNTS + REDS_TRANSACTIONS + FEE_THEN_CONVERSION, "{'ratio-places': 3}"
    )
    lines = form_2024(analysis)
    assert lines["line10"] == D("0.801")  # 0.80091... rounded to the form's 3 places
    assert lines["line11"] == D("7000.74")  # 8,740 x .801
    assert lines["line14"] == D("0.00")  # 7,000 - 7,000.74 would be -0.74
    assert (lines["line17"], lines["line18"]) == (D("7000.74"), D("1739.26"))


def test_shares_converted_in_kind_then_the_cash_add_up_to_the_same_form() -> None:
    _, errors, analysis = loaded(REDS_ACCOUNTS + IN_KIND)
    assert errors == []
    assert form_2024(analysis) == FORM_8606_2024
    shares, cash = analysis.basis.movements
    assert (shares.kind, shares.gross, shares.to_account) == (
        MovementKind.IRA_CONVERSION,
        D("8680.00"),
        "Assets:Investments:Fidelity:RothIRA:VTI",
    )
    assert (cash.gross, shares.taxable + cash.taxable) == (D("70.00"), D("1750.00"))
    (expected,) = build_report(analysis, 2024, "bob")["form_1099r"]
    assert (expected["expected"]["box1"], expected["expected"]["box2a"]) == ("8750.00",
                                                                             "8750.00")  # fmt: skip


def test_rounding_postings_reinvestments_and_capital_gain_distributions_are_earnings() -> None:
    _, errors, analysis = loaded(REDS_ACCOUNTS + REDS_EXTRAS)
    assert errors == []
    # Only the contribution: neither the 0.028 of rounding nor the 20.00 distribution of
    # capital gains is money from outside, and nothing but the conversion leaves.
    (contribution,) = analysis.basis.contributions
    assert (contribution.amount, contribution.basis) == (D("7000.00"), D("7000.00"))
    (conversion,) = analysis.basis.movements
    assert (conversion.kind, conversion.gross) == (MovementKind.IRA_CONVERSION, D("8777.50"))
    (lot,) = conversion.lots
    assert lot.earnings == D("1777.50")  # 70 reinvested + 20 distributed + 1,687.50 gained
    lines = form_2024(analysis)
    # 7,000 / 8,777.50 = 0.797493591... at 8 places; 8,777.50 x 0.79749359 = 6,999.99998.
    assert (lines["line1"], lines["line8"], lines["line10"]) == (D("7000.00"), D("8777.50"),
                                                                 D("0.79749359"))  # fmt: skip
    assert (lines["line11"], lines["line14"], lines["line18"]) == (D("7000.00"), D("0.00"),
                                                                   D("1777.50"))  # fmt: skip


@pytest.mark.parametrize(
    ("account", "role"),
    [
        ("Income:Dividends:TradIRA:VTI", Role.EARNINGS),
        ("Income:Capital-Gains:TradIRA:VTI", Role.EARNINGS),
        ("Income:Interest:TradIRA:USD", Role.EARNINGS),
        ("Income:Investments:Tax-Deferred:Capital-Gains-Distributions:Long:TradIRA:VTI",
         Role.EARNINGS),
        ("Equity:Rounding-Errors:Imports", Role.EARNINGS),
        ("Expenses:Fees-and-Commissions:TradIRA", Role.FEE),
        ("Assets:Zero-Sum-Accounts:Transfers:Bank-Account", Role.OUTSIDE),
        ("Assets:Bank:Rounding", Role.OUTSIDE),  # an asset is money, whatever its name
        ("Income:Salary", Role.OUTSIDE),
    ],
)  # fmt: skip
def test_reds_account_names_have_their_roles(account: str, role: Role) -> None:
    accounts = Accounts({}, frozenset(), frozenset(), frozenset(), {})
    assert accounts.role(account) is role


def line_of(text: str, marker: str) -> int:
    """The 1-based line of the first line of ``text`` holding ``marker``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)
