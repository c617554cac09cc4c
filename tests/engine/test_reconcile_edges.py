"""Forms received against the ledger, at their edges: a qualified Roth IRA distribution coded
Q, box 11 (a year, not money), a box 2a left blank with 2b checked, a form with nothing
behind it, every box of a 5498 the ledger has nothing for, a Dec 31 value of shares, and
the messages that say what is wrong (mutation survivors of engine/reconciliation.py).

Who is who: Hal (born 1980) puts 7,000 in his traditional IRA and converts it to his Roth
IRA (code 2), where he buys 20 VTI; Ann (born 1959, a Roth IRA since 2012) takes a
qualified 3,000 (code Q); Dee (born 1960) first deferred designated Roth money to her 401(k)
in 2021 and takes 6,000 in two payments in 2024, before her plan's 5-year period ends
(code B, box 11 2021).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from beancount.parser import printer

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.reconciliation import Reconciled, Status
from tests.conftest import build_report, load, without_findings

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 custom "megaroth-person" "hal"
  birth-date: 1980-01-01
2000-01-01 custom "megaroth-person" "ann"
  birth-date: 1959-01-01
2000-01-01 custom "megaroth-person" "dee"
  birth-date: 1960-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:HalIRA
  megaroth-ira: "traditional"
  owner: "hal"
2000-01-01 open Assets:HalRothIRA
  megaroth-ira: "roth"
  owner: "hal"
2000-01-01 open Assets:AnnRothIRA
  megaroth-ira: "roth"
  owner: "ann"
2000-01-01 open Assets:Dee401k
  megaroth-plan: "401k"
  owner: "dee"
  employer: "Dee Corp"
2000-01-01 open Assets:Dee401k:PreTax
2000-01-01 open Assets:Dee401k:Roth
2012-04-01 * "Bank" "Roth IRA contribution"
  Assets:AnnRothIRA  5000.00 USD
  Assets:Checking
2021-03-01 * "Payroll"
  Assets:Dee401k:Roth  4000.00 USD
  Income:Salary
2022-03-01 * "Payroll"
  Assets:Dee401k:Roth  1000.00 USD
  Income:Salary
2022-12-31 * "Plan" "Growth"
  Assets:Dee401k:Roth  1000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "Bank" "Backdoor contribution"
  nondeductible: TRUE
  Assets:HalIRA  7000.00 USD
  Assets:Checking
2024-03-05 * "Broker" "Conversion"
  Assets:HalIRA      -7000.00 USD
  Assets:HalRothIRA   7000.00 USD
2024-04-01 * "Broker" "Buy VTI"
  Assets:HalRothIRA  20 VTI {250.00 USD}
  Assets:HalRothIRA  -5000.00 USD
2024-06-01 * "Broker" "Qualified withdrawal"
  Assets:AnnRothIRA  -3000.00 USD
  Assets:Checking
2024-06-03 * "Plan" "Paid out"
  Assets:Dee401k:Roth  -3000.00 USD
  Assets:Checking
2024-09-03 * "Plan" "Paid out"
  Assets:Dee401k:Roth  -3000.00 USD
  Assets:Checking
2024-12-31 price VTI 300.00 USD
"""

# Hal's conversion as his custodian issues it (Instructions for Forms 1099-R and 5498: an
# IRA reports the whole amount in box 2a and checks 2b, "taxable amount not determined").
HAL_CONVERSION = """
2025-01-31 custom "1099-R" Assets:HalIRA 2024
  payer: "Broker"
  box1: 7000.00 USD
  box2a: 7000.00 USD
  box2b-not-determined: TRUE
  box4: 0.00 USD
  box7: "2"
  ira-sep-simple: TRUE
"""

# Dee's plan issues one 1099-R per payment: 3,000 each, 2,500 of it basis (box 5), 500 of
# earnings taxable (box 2a), code B, box 11 the first year of Roth deferrals.
DEE_PAYMENT = """
2025-01-31 custom "1099-R" Assets:Dee401k 2024
  payer: "Dee Corp 401(k)"
  box1: 3000.00 USD
  box2a: 500.00 USD
  box5: 2500.00 USD
  box7: "B"
  box11: {box11}
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(LEDGER + text)
    return analyse(entries, options), without_findings(errors)


def reconciled(text: str) -> tuple[dict[tuple[str, str], Reconciled], list[Any]]:
    analysis, errors = analysed(text)
    return {(r.account, r.code): r for r in analysis.reconciled}, errors


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate((LEDGER + text).splitlines(), 1) if needle in line)


# 1099-R ----------------------------------------------------------------------------------


def test_a_qualified_roth_ira_distribution_coded_q_matches_its_form() -> None:
    """Ann (65, a Roth IRA since 2012) takes 3,000: a qualified distribution, code Q
    (Instructions for Forms 1099-R, code Q). Her custodian knows her 5-year period is met and
    codes it Q: that form is the one expected, a match; nothing is missing or unexpected."""
    results, errors = reconciled(
        """
2025-01-31 custom "1099-R" Assets:AnnRothIRA 2024
  box1: 3000.00 USD
  box7: "Q"
"""
    )
    assert errors == []
    ann = {code: r for (account, code), r in results.items() if account == "Assets:AnnRothIRA"}
    assert list(ann) == ["Q"]
    assert (ann["Q"].status, ann["Q"].differences) == (Status.MATCH, {})
    assert ann["Q"].reported == {"box1": D("3000.00"), "box7": "Q"}


def test_dee_s_two_payments_on_two_forms_add_up_and_box_11_stays_a_year() -> None:
    """Dee's plan issues a 1099-R per payment: two of 3,000 (box 2a 500, box 5 2,500, code B),
    each with box 11 = 2021, the first year of her designated Roth contributions
    (Instructions for Forms 1099-R, box 11). The two add up to the one form the ledger
    expects (6,000; 1,000; 5,000), but box 11 is a year, not money: 2021 on both is 2021, not
    4042. A match."""
    results, errors = reconciled(DEE_PAYMENT.format(box11=2021) * 2)
    assert errors == []
    result = results["Assets:Dee401k", "B"]
    assert result.reported is not None
    assert (result.reported["box1"], result.reported["box2a"], result.reported["box5"],
            result.reported["box11"]) == (D("6000.00"), D("1000.00"), D("5000.00"),
                                          D("2021"))  # fmt: skip
    assert (result.status, result.differences) == (Status.MATCH, {})


def test_a_box_11_year_other_than_the_ledger_s_is_a_mismatch_that_says_both_years() -> None:
    """Dee's plan prints box 11 = 2022 (the year of her second deferral) on both forms; her
    first Roth deferral to the plan was in 2021, which starts its 5-year period (IRC
    402A(d)(2)(B); Instructions for Forms 1099-R, box 11). The money boxes agree; box 11
    doesn't: a mismatch on box 11 alone, whose message says both years."""
    analysis, errors = analysed(DEE_PAYMENT.format(box11=2022) * 2)
    (result,) = [r for r in analysis.reconciled if r.account == "Assets:Dee401k"]
    assert (result.status, result.differences) == (
        Status.MISMATCH, {"box11": "expected 2021, reported 2022"})  # fmt: skip
    (error,) = errors
    assert error.message.startswith(
        "Form 1099-R from Dee Corp 401(k) for Assets:Dee401k, 2024, code B: "
        "box11: expected 2021, reported 2022. Compare"
    )


def test_a_box_11_the_payer_left_blank_is_not_compared() -> None:
    """A payer that doesn't fill in box 11 (Instructions for Forms 1099-R, box 11) gives
    megaroth no year to compare: the form is compared on the boxes it fills in, and they
    agree. A match, not an error."""
    payment = DEE_PAYMENT.replace("  box11: {box11}\n", "")
    results, errors = reconciled(payment * 2)
    assert errors == []
    result = results["Assets:Dee401k", "B"]
    assert (result.status, result.differences) == (Status.MATCH, {})


@pytest.mark.parametrize(
    ("box", "written", "says"),
    [
        ("box11", '"2022"', "box11 is '2022'; write the first year of the designated Roth "
                            "account as a number, without quotes:  box11: 2021"),
        ("box11", "22", "box11 is Decimal('22'); write the first year"),
        ("box2b-not-determined", '"yes"', "box2b-not-determined is 'yes'; write  "
                                          "box2b-not-determined: TRUE  if the box is checked"),
    ],
)  # fmt: skip
def test_a_year_or_a_checkbox_written_another_way_is_an_error_on_the_form(
    box: str, written: str, says: str
) -> None:
    """Box 11 in quotes is text, which no year equals: compared as written, a wrong year
    would pass unnoticed; a two-digit year would never match either. A checkbox written
    "yes" is not TRUE. Each is an error on the form's line saying how to write it, and the
    box is left out of the comparison."""
    payment = DEE_PAYMENT.format(box11=2021).replace(f"  {box}: 2021\n", "")
    payment = payment.replace("  box7:", f"  {box}: {written}\n  box7:")
    _, errors = analysed(payment)
    (error,) = [e for e in errors if box in e.message]
    assert error.message.startswith(says)
    assert error.source["lineno"] == line_of(payment, 'custom "1099-R" Assets:Dee401k')


def test_box_2a_left_blank_as_not_determined_still_compares_the_boxes_after_it() -> None:
    """Hal's custodian leaves box 2a blank and checks 2b, "taxable amount not determined"
    (Instructions for Forms 1099-R, box 2a: an IRA may leave 2a blank and check 2b; Form 8606
    works out the taxable part). That blank 2a is not a difference, but the boxes after it
    are still compared: the form says 700 of federal tax was withheld (box 4), and the ledger
    has no withholding. A mismatch on box 4 alone."""
    form = HAL_CONVERSION.replace("  box2a: 7000.00 USD\n", "").replace(
        "box4: 0.00 USD", "box4: 700.00 USD"
    )
    results, _ = reconciled(form)
    result = results["Assets:HalIRA", "2"]
    assert (result.status, result.differences) == (Status.MISMATCH, {"box4": D("700.00")})


def test_a_mismatch_on_several_boxes_says_each_in_one_message() -> None:
    """Hal's custodian leaves 2b unchecked (an IRA can't know its owner's basis, so the
    Instructions for Forms 1099-R, box 2b, have it checked) and reports 700 withheld (box 4)
    the ledger doesn't have. The error names both boxes, the flag first as the form has it,
    then the money with its difference, and says what to do."""
    form = HAL_CONVERSION.replace(
        "box2b-not-determined: TRUE", "box2b-not-determined: FALSE"
    ).replace("box4: 0.00 USD", "box4: 700.00 USD")
    analysis, errors = analysed(form)
    (result,) = [r for r in analysis.reconciled if r.account == "Assets:HalIRA" and r.code]
    assert result.differences == {
        "box2b-not-determined": "expected TRUE, reported FALSE",
        "box4": D("700.00"),
    }
    (error,) = errors
    assert error.message == (
        "Form 1099-R from Broker for Assets:HalIRA, 2024, code 2: box2b-not-determined: "
        "expected TRUE, reported FALSE; box4 says 700.00 but the ledger says 0.00 (difference "
        "+700.00). Compare the movements behind it on the megaroth page: if the ledger is "
        "right, ask the payer for a corrected form; if the form is right, the ledger is "
        "missing something (a transaction, earnings, a price)."
    )


UNEXPECTED = """
2025-01-31 custom "1099-R" Assets:HalIRA 2024
  payer: "Broker"
  box1: 400.00 USD
  box2a: 400.00 USD
  box7: "1"
2025-01-31 custom "1099-R" Assets:HalIRA 2024
  payer: "Broker"
  box1: 600.00 USD
  box2a: 600.00 USD
  box7: "1"
"""


def test_forms_with_nothing_behind_them_are_reported_with_their_boxes_added_up() -> None:
    """Two 1099-Rs from Hal's IRA, code 1 (an early distribution), 400 and 600: the ledger
    has no distribution from the IRA in 2024 (its 7,000 went to his Roth IRA, code 2). They
    are unexpected, and the report shows what they say, added up (box 1 1,000), with no
    expected form and so no box-by-box differences."""
    analysis, _ = analysed(UNEXPECTED)
    forms = build_report(analysis, 2024, "hal")["form_1099r"]
    (form,) = [f for f in forms if f["code"] == "1"]
    assert form["status"] == "unexpected"
    assert form["expected"] is None
    assert form["reported"] == {
        "payer": "Broker", "box1": "1000.00", "box2a": "1000.00", "box7": "1"}  # fmt: skip
    assert form["differences"] == {}


def test_a_form_with_nothing_behind_it_is_an_error_on_the_form_that_says_what_to_do() -> None:
    """The error on those unexpected forms names the payer, the account, the year and the
    code, says what to record or check, and bean-check shows it on the form's entry."""
    _, errors = analysed(UNEXPECTED)
    (error,) = errors
    assert error.message == (
        "Form 1099-R from Broker for Assets:HalIRA, 2024, code 1: the ledger has no "
        "conversion, rollover or distribution from this account in 2024 with code 1. Record "
        "the transaction behind it (both legs in one transaction), or check the form's "
        "account, year and box 7."
    )
    assert error.source["lineno"] == line_of(UNEXPECTED, 'custom "1099-R"')
    shown = printer.format_error(error)
    assert '2025-01-31 custom "1099-R" Assets:HalIRA 2024' in shown


# 5498 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("account", "box"),
    [
        # Hal's Roth IRA received only a conversion: no Roth IRA contribution (box 10).
        ("Assets:HalRothIRA", "box10"),
        # Hal's traditional IRA converted nothing into itself (box 3 is conversions received).
        ("Assets:HalIRA", "box3"),
        # Nothing was recharacterized into Hal's traditional IRA (box 4).
        ("Assets:HalIRA", "box4"),
    ],
)
def test_a_5498_box_the_ledger_has_nothing_for_is_a_mismatch(account: str, box: str) -> None:
    """A custodian that reports 7,000 in a box of Form 5498 the ledger has nothing for
    (Instructions for Form 5498: box 3 Roth conversions received, box 4 recharacterized
    contributions received, box 10 Roth IRA contributions) is wrong, or the ledger is missing
    a transaction: a mismatch of +7,000 on that box."""
    results, errors = reconciled(
        f"""
2025-05-31 custom "5498" {account} 2024
  {box}: 7000.00 USD
"""
    )
    result = results[account, ""]
    assert (result.status, result.differences) == (Status.MISMATCH, {box: D("7000.00")})
    (error,) = errors
    assert f"{box} says 7,000.00 but the ledger says 0.00 (difference +7,000.00)" in error.message


def test_a_5498_box_5_values_shares_at_their_dec_31_price() -> None:
    """Hal's Roth IRA holds 2,000 in cash and 20 VTI bought at 250; VTI is 300 on Dec 31.
    Box 5 is the fair market value on Dec 31 (Instructions for Form 5498, box 5): 2,000 +
    20 x 300 = 8,000 USD, not 2,000 + 20 shares. Box 3 is the 7,000 converted. A match."""
    results, errors = reconciled(
        """
2025-05-31 custom "5498" Assets:HalRothIRA 2024
  box3: 7000.00 USD
  box5: 8000.00 USD
"""
    )
    assert errors == []
    result = results["Assets:HalRothIRA", ""]
    assert (result.status, result.differences) == (Status.MATCH, {})
    assert result.expected == {"box3": D("7000.00"), "box5": D("8000.00")}


def test_a_5498_that_disagrees_is_an_error_on_its_own_entry() -> None:
    """Hal's traditional IRA 5498 says 100 on Dec 31 (box 5); the IRA was emptied by the
    conversion. The error points at the 5498's line, bean-check shows that entry, and the
    report's packet gives the form's line too."""
    text = """
2025-05-31 custom "5498" Assets:HalIRA 2024
  box1: 7000.00 USD
  box5: 100.00 USD
"""
    analysis, errors = analysed(text)
    (error,) = errors
    line = line_of(text, 'custom "5498"')
    assert error.source["lineno"] == line
    assert '2025-05-31 custom "5498" Assets:HalIRA 2024' in printer.format_error(error)
    (form,) = build_report(analysis, 2024, "hal")["form_5498"]
    assert (form["status"], form["differences"], form["lineno"]) == (
        "mismatch", {"box5": "100.00"}, line)  # fmt: skip


def test_a_5498_for_an_account_not_declared_an_ira_expects_nothing_in_it() -> None:
    """A 5498 for Assets:Checking, which no megaroth-ira declares: the ledger knows no IRA
    there, so it reads the form as a traditional IRA's with nothing in it (no contributions,
    nothing on Dec 31). The 5,000 the form says is in box 5 is a mismatch, not a match."""
    results, errors = reconciled(
        """
2025-05-31 custom "5498" Assets:Checking 2024
  box1: 0.00 USD
  box5: 5000.00 USD
"""
    )
    result = results["Assets:Checking", ""]
    assert (result.status, result.differences) == (Status.MISMATCH, {"box5": D("5000.00")})
    assert len(errors) == 1


def test_a_5498_recorded_on_a_funds_sub_account_is_its_iras() -> None:
    """Hal keeps his Roth IRA's cash in Assets:HalRothIRA:Cash and records the 5498 there. A
    5498 is for the whole IRA (Instructions for Form 5498): it is read as the Roth IRA's, his
    1,000 contribution for 2024 in box 10 (not box 1), the 7,000 converted in box 3, and box
    5 the whole IRA on Dec 31, 9,000 (2,000 + 20 VTI at 300 + the 1,000). A match."""
    results, errors = reconciled(
        """
2000-01-01 open Assets:HalRothIRA:Cash
2024-04-01 * "Hal" "Roth IRA contribution for 2024"
  Assets:HalRothIRA:Cash  1000.00 USD
  Assets:Checking
2025-05-31 custom "5498" Assets:HalRothIRA:Cash 2024
  box3: 7000.00 USD
  box5: 9000.00 USD
  box10: 1000.00 USD
"""
    )
    assert errors == []
    result = results["Assets:HalRothIRA:Cash", ""]
    expected = {"box3": D("7000.00"), "box5": D("9000.00"), "box10": D("1000.00")}
    assert (result.status, result.expected) == (Status.MATCH, expected)
