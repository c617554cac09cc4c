"""The 1099-Rs and 5498s received against the ledger: every status, sums, tolerance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import analyse
from megaroth.engine.reconciliation import Status
from tests.conftest import load

D = Decimal

LEDGER = """
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1980-06-01
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:Checking
2000-01-01 open Assets:Acme401k
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Acme Corp"
  in-plan-conversion: TRUE
2000-01-01 open Assets:Acme401k:AfterTax
2000-01-01 open Assets:Acme401k:IRR
2000-01-01 open Assets:AliceIRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceRothIRA
  megaroth-ira: "roth"
  owner: "alice"
2024-01-15 * "Payroll"
  Assets:Acme401k:AfterTax   33500.00 USD
  Income:Salary
2024-01-16 * "Fidelity" "In-plan Roth conversion"
  Assets:Acme401k:AfterTax  -33500.00 USD
  Assets:Acme401k:IRR        33550.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Bank" "Backdoor"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
2024-02-10 * "Broker" "Conversion"
  Assets:AliceIRA      -7000.00 USD
  Assets:AliceRothIRA   7000.00 USD
2024-12-31 * "Broker" "Growth"
  Assets:AliceRothIRA    400.00 USD
  Income:Retirement:MarketValue
"""

FORM_G = """
2025-01-31 custom "1099-R" Assets:Acme401k 2024
  payer: "Fidelity Investments"
  box1: 33550.00 USD
  box2a: {box2a} USD
  box4: 0.00 USD
  box5: 33500.00 USD
  box7: "G"
"""


def reconciled(text: str, config: str = "") -> tuple[dict[tuple[str, str], Any], list[Any]]:
    plugin = f'plugin "megaroth.plugins" "{config}"' if config else 'plugin "megaroth.plugins"'
    entries, errors, options = load(plugin + LEDGER + text)
    results = analyse(entries, options).reconciled
    return {(r.account, r.code): r for r in results}, errors


def test_matching_form() -> None:
    results, errors = reconciled(FORM_G.format(box2a="50.00"))
    result = results["Assets:Acme401k", "G"]
    assert result.status is Status.MATCH
    assert result.differences == {}
    assert errors == []


def test_mismatch_is_box_by_box_with_the_difference_and_an_error_on_the_form() -> None:
    results, errors = reconciled(FORM_G.format(box2a="60.00"))
    result = results["Assets:Acme401k", "G"]
    assert result.status is Status.MISMATCH
    assert result.differences == {"box2a": D("10.00")}
    (error,) = errors
    lines = (LEDGER + FORM_G).splitlines()
    assert error.source["lineno"] == next(
        n for n, line in enumerate(lines, 1) if 'custom "1099-R"' in line
    )
    assert error.message.startswith(
        "Form 1099-R from Fidelity Investments for Assets:Acme401k, 2024, code G: box2a says "
        "60.00 but the ledger says 50.00 (difference +10.00)."
    )
    assert "ask the payer for a corrected form" in error.message


def test_form_not_recorded_yet_is_missing_and_not_an_error() -> None:
    results, errors = reconciled("")
    assert results["Assets:Acme401k", "G"].status is Status.MISSING
    assert results["Assets:AliceIRA", "2"].status is Status.MISSING
    assert errors == []


def test_form_with_no_activity_behind_it_is_unexpected() -> None:
    results, errors = reconciled(
        """
2025-01-31 custom "1099-R" Assets:Acme401k 2024
  box1: 1000.00 USD
  box2a: 1000.00 USD
  box7: "7"
"""
    )
    assert results["Assets:Acme401k", "7"].status is Status.UNEXPECTED
    (error,) = errors
    assert (
        "the ledger has no conversion, rollover or distribution from this account in 2024 "
        "with code 7" in error.message
    )


def test_several_forms_for_one_account_year_and_code_add_up() -> None:
    results, errors = reconciled(
        """
2025-01-31 custom "1099-R" Assets:Acme401k 2024
  box1: 20000.00 USD
  box2a: 30.00 USD
  box5: 19970.00 USD
  box7: "G"
2025-01-31 custom "1099-R" Assets:Acme401k 2024
  box1: 13550.00 USD
  box2a: 20.00 USD
  box5: 13530.00 USD
  box7: "G"
"""
    )
    result = results["Assets:Acme401k", "G"]
    assert result.status is Status.MATCH
    assert result.reported["box1"] == D("33550.00")
    assert len(result.received) == 2
    assert errors == []


def test_tolerance_lets_a_payers_rounding_match() -> None:
    results, _ = reconciled(FORM_G.format(box2a="50.40"), "{'tolerance': '0.50'}")
    assert results["Assets:Acme401k", "G"].status is Status.MATCH
    results, _ = reconciled(FORM_G.format(box2a="50.60"), "{'tolerance': '0.50'}")
    assert results["Assets:Acme401k", "G"].status is Status.MISMATCH


def test_ira_conversion_form_compares_the_ira_boxes() -> None:
    results, errors = reconciled(
        """
2025-01-31 custom "1099-R" Assets:AliceIRA 2024
  box1: 7000.00 USD
  box2a: 7000.00 USD
  box2b-not-determined: FALSE
  box7: "2"
  ira-sep-simple: TRUE
"""
    )
    result = results["Assets:AliceIRA", "2"]
    assert result.status is Status.MISMATCH
    assert result.differences == {"box2b-not-determined": "expected TRUE, reported FALSE"}
    assert "box2b-not-determined: expected TRUE, reported FALSE" in errors[0].message


def test_5498_checks_the_dec_31_value_and_the_conversions() -> None:
    results, errors = reconciled(
        """
2025-05-31 custom "5498" Assets:AliceRothIRA 2024
  box3: 7000.00 USD
  box5: 7400.00 USD
2025-05-31 custom "5498" Assets:AliceIRA 2024
  box1: 7000.00 USD
  box5: 10.00 USD
"""
    )
    roth = results["Assets:AliceRothIRA", ""]
    assert roth.status is Status.MATCH
    traditional = results["Assets:AliceIRA", ""]
    assert traditional.status is Status.MISMATCH
    assert traditional.differences == {"box5": D("10.00")}
    (error,) = errors
    assert error.message.startswith(
        "Form 5498 for Assets:AliceIRA, 2024: box5 says 10.00 but the ledger says 0.00"
    )


def test_unreadable_forms_are_errors_that_say_what_to_write() -> None:
    _, errors = reconciled(
        """
2025-01-31 custom "1099-R" "Fidelity" 2024
2025-01-31 custom "1099-R" Assets:Acme401k 2024
  box99: 1.00 USD
  box1: "lots"
"""
    )
    assert [e.message for e in errors] == [
        'custom "1099-R" needs the account it is for and the tax year, e.g. 2025-01-31 custom '
        '"1099-R" Assets:Retirement:Acme401k 2024',
        "'box99' is not a box megaroth reads on Form 1099-R, so it was left out. Did you mean "
        "box9b? Boxes megaroth reads: box1, box2a, box3, box4, "
        "box5, box9b, box10, box2b-not-determined, box2b-total, ira-sep-simple, box7, box11, "
        "payer.",
        "box1 is 'lots'; write it as  box1: 0.00 USD",
        "Form 1099-R for Assets:Acme401k has no box7: add the code(s) in box 7 of the form, "
        'e.g.  box7: "G"',
    ]


def test_box_5_of_a_received_1099r_is_compared() -> None:
    """A payer that leaves 500 of after-tax basis out of box 5 (33,000 where the ledger has
    33,500 of contributions converted) understates the employee's recovered basis: the form
    is a mismatch on box 5, by -500.00, and the message names the box. Kills: box 5 left out
    of the 1099-R comparison (the 5498 comparison would not notice)."""
    form = FORM_G.format(box2a="50.00").replace("box5: 33500.00 USD", "box5: 33000.00 USD")
    results, errors = reconciled(form)
    result = results["Assets:Acme401k", "G"]
    assert result.status is Status.MISMATCH
    assert result.differences == {"box5": D("-500.00")}
    (error,) = errors
    assert "box5 says 33,000.00 but the ledger says 33,500.00 (difference -500.00)" in (
        error.message
    )


def test_a_received_box_with_the_wrong_sign_is_a_mismatch() -> None:
    """Money boxes are compared as signed amounts: a box 2a typed -50.00 where the ledger
    says 50.00 is 100.00 off, not a match. Kills: received and expected compared by their
    absolute values."""
    results, errors = reconciled(FORM_G.format(box2a="-50.00"))
    result = results["Assets:Acme401k", "G"]
    assert result.status is Status.MISMATCH
    assert result.differences == {"box2a": D("-100.00")}
    assert len(errors) == 1
