"""Indirect (60-day) rollovers and the one-per-12-months rule (issue 16, items 1 and 2).

The law, as the docstrings below work it:

- IRC 402(c)(3)(A), 408(d)(3)(A): money paid out of a plan or IRA and put back into one
  within 60 days is a rollover, not taxed; what isn't put back is a distribution.
- IRC 3405(c): a plan withholds 20% of an eligible rollover distribution it pays out; rolling
  the whole of it over means putting the 20% back from other money.
- Notice 2014-54 applies to 60-day rollovers of parts of one distribution: pre-tax money goes
  first to what is rolled over to a traditional IRA, basis to the rest.
- Instructions for Forms 1099-R and 5498: the payer reports the distribution as paid out
  (code 1 before 59 1/2, box 4 the tax withheld); the receiving IRA's 5498 shows the rollover
  in box 2 (box 3 for a conversion).
- Form 1040 instructions, lines 4a-5b: the gross on 4a/5a, the part not rolled over on
  4b/5b. Form 8606 instructions: line 6 adds rollovers outstanding on December 31, line 7
  leaves out what was rolled over.
- IRC 408(d)(3)(B), Announcement 2014-15: one IRA-to-IRA 60-day rollover per 12 months across
  all of a person's IRAs; trustee-to-trustee transfers and conversions don't count.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.figures import form_8606_lines
from megaroth.engine.reconciliation import Status
from tests.conftest import build_report, load, messages, without_findings

D = Decimal

HEAD = """
plugin "megaroth.plugins"
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Equity:Opening
2000-01-01 open Expenses:Taxes:Federal
  megaroth-withholding: TRUE
"""

RAY = """
2000-01-01 custom "megaroth-person" "ray"
  birth-date: 1975-06-01
2000-01-01 open Assets:RayAcme401k
  megaroth-plan: "401k"
  owner: "ray"
  employer: "Acme"
  in-plan-conversion: TRUE
  separation-date: 2024-01-31
2000-01-01 open Assets:RayAcme401k:PreTax
2000-01-01 open Assets:RayAcme401k:AfterTax
2000-01-01 open Assets:RayIRA
  megaroth-ira: "traditional"
  owner: "ray"
2000-01-01 open Assets:RayRothIRA
  megaroth-ira: "roth"
  owner: "ray"
2022-01-10 * "Acme" "Payroll"
  Assets:RayAcme401k:PreTax   40000.00 USD
  Assets:RayAcme401k:AfterTax 10000.00 USD
  Income:Salary
2023-12-31 * "Acme" "Change in market value"
  Assets:RayAcme401k:AfterTax  2000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "Acme 401(k)" "Pre-tax money paid out, 20% withheld" ^rollover-acme-pretax
  indirect-rollover: TRUE
  Assets:RayAcme401k:PreTax  -40000.00 USD
  Expenses:Taxes:Federal       8000.00 USD
  Assets:Checking             32000.00 USD
2024-04-20 * "Broker" "Rolled over, the 8,000 withheld replaced" ^rollover-acme-pretax
  indirect-rollover: TRUE
  Assets:RayIRA     40000.00 USD
  Assets:Checking  -40000.00 USD
2024-05-01 * "Acme 401(k)" "After-tax money paid out, 20% of the earnings withheld"
  indirect-rollover: TRUE
  Assets:RayAcme401k:AfterTax  -12000.00 USD
  Expenses:Taxes:Federal          400.00 USD
  Assets:Checking               11600.00 USD
2024-06-10 * "Broker" "The earnings rolled into the IRA"
  indirect-rollover: TRUE
  Assets:RayIRA     2000.00 USD
  Assets:Checking  -2000.00 USD
2024-06-12 * "Broker" "The basis rolled into the Roth IRA"
  indirect-rollover: TRUE
  Assets:RayRothIRA  10000.00 USD
  Assets:Checking   -10000.00 USD
"""

RAY_FORMS = """
2025-01-31 custom "1099-R" Assets:RayAcme401k 2024
  payer: "Acme 401(k)"
  box1: 40000.00 USD
  box2a: 40000.00 USD
  box4: 8000.00 USD
  box7: "1"
2025-01-31 custom "1099-R" Assets:RayAcme401k 2024
  payer: "Acme 401(k)"
  box1: 12000.00 USD
  box2a: 2000.00 USD
  box4: 400.00 USD
  box5: 10000.00 USD
  box7: "1"
2025-05-31 custom "5498" Assets:RayIRA 2024
  box2: 42000.00 USD
  box5: 42000.00 USD
2025-05-31 custom "5498" Assets:RayRothIRA 2024
  box2: 10000.00 USD
  box5: 10000.00 USD
"""

UNA = """
2000-01-01 custom "megaroth-person" "una"
  birth-date: 1980-01-01
2000-01-01 open Assets:UnaIRA
  megaroth-ira: "traditional"
  owner: "una"
2000-01-01 open Assets:UnaIRA2
  megaroth-ira: "traditional"
  owner: "una"
2000-01-01 open Assets:UnaRothIRA
  megaroth-ira: "roth"
  owner: "una"
2023-12-31 * "Broker" "Pre-tax IRA money (rolled in long ago), as grown"
  Assets:UnaIRA  13000.00 USD
  Income:Retirement:MarketValue
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:UnaIRA  7000.00 USD
  Assets:Checking
2024-06-01 * "Broker" "Conversion"
  Assets:UnaIRA      -4000.00 USD
  Assets:UnaRothIRA   4000.00 USD
2024-12-20 * "Broker" "IRA distribution, to go back in"
  indirect-rollover: TRUE
  Assets:UnaIRA   -5000.00 USD
  Assets:Checking
2025-01-10 * "Other broker" "Put back in another IRA"
  indirect-rollover: TRUE
  Assets:UnaIRA2   5000.00 USD
  Assets:Checking
"""

UNA_FORMS = """
2025-01-31 custom "1099-R" Assets:UnaIRA 2024
  payer: "Broker"
  box1: 4000.00 USD
  box2a: 4000.00 USD
  box2b-not-determined: TRUE
  box7: "2"
  ira-sep-simple: TRUE
2025-01-31 custom "1099-R" Assets:UnaIRA 2024
  payer: "Broker"
  box1: 5000.00 USD
  box2a: 5000.00 USD
  box2b-not-determined: TRUE
  box7: "1"
  ira-sep-simple: TRUE
2025-05-31 custom "5498" Assets:UnaIRA 2024
  box1: 7000.00 USD
  box5: 11000.00 USD
2025-05-31 custom "5498" Assets:UnaRothIRA 2024
  box3: 4000.00 USD
  box5: 4000.00 USD
2026-05-31 custom "5498" Assets:UnaIRA2 2025
  box2: 5000.00 USD
  box5: 5000.00 USD
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(text)
    return analyse(entries, options), errors


def test_item_1_a_plan_distribution_rolled_over_in_60_days() -> None:
    """Ray (48) left Acme on 2024-01-31. In March Acme pays out his 40,000 of pre-tax money,
    withholding 20% (8,000, IRC 3405(c)); 50 days later he puts all 40,000 into his IRA,
    the 8,000 from savings. In May Acme pays out his after-tax money, 12,000 (10,000 of
    basis, 2,000 of earnings), withholding 20% of the taxable 2,000 (400); within 60 days he
    puts 2,000 into his IRA and 10,000 into his Roth IRA. Notice 2014-54: the 2,000 of
    earnings (pre-tax money) go to the IRA, the 10,000 of basis to the Roth IRA.

    Acme's forms (it doesn't know): code 1, box 1 40,000, box 2a 40,000, box 4 8,000; and
    code 1, box 1 12,000, box 2a 2,000, box 4 400, box 5 10,000. Form 1040 2024: line 5a
    52,000, line 5b 0 (all of the taxable money was rolled over into pre-tax money). The
    IRA's 5498: box 2 42,000, box 5 42,000; the Roth IRA's: box 2 10,000, box 5 10,000, a
    rollover layer of 10,000 with nothing taxed on the way in, its 5-year period to 2028."""
    analysis, errors = analysed(HEAD + RAY + RAY_FORMS)
    assert without_findings(errors) == []
    statuses = {(r.form, r.account, r.code): r.status for r in analysis.reconciled}
    assert set(statuses.values()) == {Status.MATCH}, statuses
    assert len(statuses) == 3
    paid = [m for m in analysis.basis.movements if m.kind.value == "distribution"]
    assert [(m.gross, m.taxable, m.rolled_over, m.rolled_over_taxable) for m in paid] == [
        (D("40000.00"), D("40000.00"), D("40000.00"), D("40000.00")),
        (D("12000.00"), D("2000.00"), D("12000.00"), D("2000.00")),
    ]
    report = build_report(analysis, 2024, "ray")
    assert report["people"]["ray"]["form_1040"] == {
        "line4a": "0.00", "line4b": "0.00", "line5a": "52000.00", "line5b": "0.00",
        "line1h": "0.00"}  # fmt: skip
    (layer,) = analysis.roth["ray"].years[2024].layers
    assert (layer.taxable, layer.nontaxable, layer.five_year_end) == (D("0.00"), D("10000.00"),
                                                                      2028)  # fmt: skip
    assert [(r.to_account, r.amount, r.pretax, r.basis) for r in analysis.basis.rollovers] == [
        ("Assets:RayIRA", D("40000.00"), D("40000.00"), D("0.00")),
        ("Assets:RayIRA", D("2000.00"), D("2000.00"), D("0.00")),
        ("Assets:RayRothIRA", D("10000.00"), D("0.00"), D("10000.00")),
    ]


def test_item_1_what_isnt_put_back_is_a_distribution() -> None:
    """Without replacing the 8,000 withheld, only 32,000 goes back: 8,000 is a distribution,
    taxable (line 5b 8,000, plus the after-tax money's 0)."""
    text = HEAD + RAY.replace(
        "Assets:RayIRA     40000.00 USD\n  Assets:Checking  -40000.00",
        "Assets:RayIRA     32000.00 USD\n  Assets:Checking  -32000.00",
    )
    analysis, _ = analysed(text)
    form_1040 = build_report(analysis, 2024, "ray")["people"]["ray"]["form_1040"]
    assert (form_1040["line5a"], form_1040["line5b"]) == ("52000.00", "8000.00")


def test_item_1_an_ira_rollover_outstanding_on_december_31_is_on_form_8606_line_6() -> None:
    """Una holds 13,000 of pre-tax IRA money, contributes 7,000 nondeductible in January 2024,
    converts 4,000 in June, and on 2024-12-20 takes 5,000 out, put back into another IRA on
    2025-01-10 (21 days): outstanding on December 31.

    Form 8606 2024: line 5 = 7,000; line 6 = 11,000 (13,000 + 7,000 - 4,000 - 5,000) plus the
    5,000 outstanding = 16,000; line 7 = 0 (rolled over); line 8 = 4,000; line 9 = 20,000;
    line 10 = 0.35; line 11 = 1,400; line 14 = 5,600; line 18 = 2,600. Form 1040: 4a 9,000,
    4b 2,600. The IRA's two 1099-Rs (code 2, the conversion; code 1, the distribution it
    doesn't know was rolled over), its 5498 (box 1 7,000, box 5 11,000), the Roth IRA's (box
    3 4,000) and the other IRA's 2025 5498 (box 2 5,000) all match."""
    analysis, errors = analysed(HEAD + UNA + UNA_FORMS)
    assert without_findings(errors) == []
    lines = form_8606_lines(analysis, "una", 2024)
    assert [lines[f"line{n}"] for n in (5, 6, 7, 8, 9, 11, 14, 18)] == [
        D("7000.00"), D("16000.00"), D("0.00"), D("4000.00"), D("20000.00"), D("1400.00"),
        D("5600.00"), D("2600.00")]  # fmt: skip
    assert lines["line10"] == D("0.35")
    form_1040 = build_report(analysis, 2024, "una")["people"]["una"]["form_1040"]
    assert (form_1040["line4a"], form_1040["line4b"]) == ("9000.00", "2600.00")
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}
    assert len(analysis.reconciled) == 5


def test_item_1_a_redeposit_after_60_days_is_an_error_naming_both() -> None:
    """Put back on day 61: no rollover. The 5,000 stays a distribution (Form 8606 line 7),
    and the redeposit is a contribution to the IRA (for 2025)."""
    analysis, errors = analysed(HEAD + UNA.replace("2025-01-10", "2025-02-19"))
    (late,) = [e for e in errors if getattr(e, "check", "") == "rollover-late"]
    assert late.message.startswith(
        "This puts 5,000.00 into Assets:UnaIRA2 as a rollover of the distribution of 2024-12-20 "
        "from Assets:UnaIRA (<string>:"
    )
    assert "61 days later: past the 60 days (the last day was 2025-02-18" in late.message
    assert late.source["lineno"] > 0
    assert form_8606_lines(analysis, "una", 2024)["line7"] == D("5000.00")
    assert [(c.amount, c.tax_year) for c in analysis.basis.contributions
            if c.account == "Assets:UnaIRA2"] == [(D("5000.00"), 2025)]  # fmt: skip


def test_item_1_a_distribution_to_be_rolled_over_is_in_flight_for_60_days() -> None:
    """The ledger ends on 2025-01-05, before the redeposit: the 5,000 is in flight, to be put
    back by 2025-02-18. If it ends past that day with nothing put back, a warning says it is
    a distribution."""
    text = HEAD + UNA.split("2025-01-10")[0]
    analysis, _ = analysed(text + '2025-01-05 * "Bank" "Interest"\n  Assets:Checking  1.00 USD\n'
                           "  Income:Salary\n")  # fmt: skip
    (flight,) = [r for r in analysis.basis.rollovers if r.in_flight]
    (listed,) = build_report(analysis, 2024, "una")["rollovers"]
    assert (listed["in_flight"], listed["deadline"], listed["amount"], listed["to"]) == (
        True, "2025-02-18", "5000.00", None)  # fmt: skip
    assert (flight.payer, flight.amount, str(flight.deadline)) == (
        "Assets:UnaIRA",
        D("5000.00"),
        "2025-02-18",
    )
    analysis, errors = analysed(text + '2025-03-01 * "Bank" "Interest"\n  Assets:Checking  '
                                "1.00 USD\n  Income:Salary\n")  # fmt: skip
    assert [r for r in analysis.basis.rollovers if r.in_flight] == []
    (warning,) = [e for e in errors if getattr(e, "check", "") == "rollover-not-redeposited"]
    assert "was not put back into a plan or IRA by 2025-02-18" in warning.message


def test_item_1_a_redeposit_with_nothing_to_put_back_says_how_to_link_it() -> None:
    analysis, errors = analysed(
        HEAD
        + RAY.split("2024-03-01")[0]
        + """
2024-04-20 * "Broker" "Rolled over"
  indirect-rollover: TRUE
  Assets:RayIRA     40000.00 USD
  Assets:Checking  -40000.00 USD
"""
    )
    assert messages(without_findings(errors)) == [
        "This puts 40,000.00 into Assets:RayIRA as a 60-day rollover, but megaroth finds no "
        "distribution to ray before it with that much left to put back. Record the "
        "distribution (paid out of the plan or IRA), and give it and this redeposit the same "
        "link, e.g. ^rollover-2024-04; megaroth reads this as a contribution until then."
    ]
    assert [c.amount for c in analysis.basis.contributions if c.account == "Assets:RayIRA"] == [
        D("40000.00")]  # fmt: skip


VIC = """
2000-01-01 custom "megaroth-person" "vic"
  birth-date: 1985-01-01
2000-01-01 open Assets:VicIRA1
  megaroth-ira: "traditional"
  owner: "vic"
2000-01-01 open Assets:VicIRA2
  megaroth-ira: "traditional"
  owner: "vic"
2000-01-01 open Assets:VicRothIRA
  megaroth-ira: "roth"
  owner: "vic"
2015-03-01 * "Bank" "Roth IRA contribution"
  Assets:VicRothIRA  5500.00 USD
  Assets:Checking
2016-03-01 * "Bank" "Roth IRA contribution"
  Assets:VicRothIRA  4500.00 USD
  Assets:Checking
2023-12-31 * "Broker" "Pre-tax IRA money (rolled in long ago), as grown"
  Assets:VicIRA1  20000.00 USD
  Assets:VicIRA2  20000.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Broker 1" "IRA distribution" ^rollover-1
  indirect-rollover: TRUE
  Assets:VicIRA1  -8000.00 USD
  Assets:Checking
2024-03-01 * "Broker 2" "Put back" ^rollover-1
  indirect-rollover: TRUE
  Assets:VicIRA2   8000.00 USD
  Assets:Checking
2024-04-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:VicRothIRA  7000.00 USD
  Assets:Checking
2024-05-01 * "Broker 2" "Trustee-to-trustee transfer"
  Assets:VicIRA2  -5000.00 USD
  Assets:VicIRA1   5000.00 USD
2024-07-01 * "Broker 1" "IRA distribution, to convert"
  indirect-rollover: TRUE
  Assets:VicIRA1  -3000.00 USD
  Assets:Checking
2024-07-20 * "Broker 3" "Into the Roth IRA: a conversion by 60-day rollover"
  indirect-rollover: TRUE
  Assets:VicRothIRA  3000.00 USD
  Assets:Checking
2024-10-01 * "Broker 3" "Roth IRA distribution"
  indirect-rollover: TRUE
  Assets:VicRothIRA  -2000.00 USD
  Assets:Checking
2024-11-01 * "Broker 3" "Put back"
  indirect-rollover: TRUE
  Assets:VicRothIRA   2000.00 USD
  Assets:Checking
2025-02-15 * "Broker 2" "IRA distribution"
  indirect-rollover: TRUE
  Assets:VicIRA2  -4000.00 USD
  Assets:Checking
2025-03-10 * "Broker 1" "Put back"
  indirect-rollover: TRUE
  Assets:VicIRA1   4000.00 USD
  Assets:Checking
"""

VIC_FORMS = """
2025-01-31 custom "1099-R" Assets:VicIRA1 2024
  payer: "Broker 1"
  box1: 11000.00 USD
  box2a: 11000.00 USD
  box2b-not-determined: TRUE
  box7: "1"
  ira-sep-simple: TRUE
2025-01-31 custom "1099-R" Assets:VicRothIRA 2024
  payer: "Broker 3"
  box1: 2000.00 USD
  box7: "J"
2025-05-31 custom "5498" Assets:VicIRA2 2024
  box2: 8000.00 USD
  box5: 23000.00 USD
2025-05-31 custom "5498" Assets:VicRothIRA 2024
  box2: 2000.00 USD
  box3: 3000.00 USD
  box10: 7000.00 USD
  box5: 20000.00 USD
2026-01-31 custom "1099-R" Assets:VicIRA2 2025
  payer: "Broker 2"
  box1: 4000.00 USD
  box2a: 4000.00 USD
  box2b-not-determined: TRUE
  box7: "1"
  ira-sep-simple: TRUE
2026-05-31 custom "5498" Assets:VicIRA1 2025
  box2: 4000.00 USD
"""


def test_item_2_one_ira_to_ira_rollover_per_12_months() -> None:
    """Vic (39) rolls 8,000 from one IRA to another (paid out 2024-02-01, put back
    2024-03-01): her IRA-to-IRA rollover for the 12 months. A trustee-to-trustee transfer in
    May and a conversion by 60-day rollover in July (3,000 into her Roth IRA) don't count.
    In October she takes 2,000 out of her Roth IRA and puts it back on 2024-11-01: a second
    IRA-to-IRA rollover within 12 months of 2024-02-01, so no rollover (IRC 408(d)(3)(B)):
    an error with both dates. The 2,000 is a Roth IRA distribution (Form 8606 line 19 =
    2,000, out of her contributions: nothing taxable) and the redeposit a regular 2024 Roth
    IRA contribution: with her 7,000 that is 9,000, 2,000 over the 7,000 limit (ira-excess).
    In February 2025 another IRA-to-IRA rollover (paid out 2025-02-15) is fine: 2024-02-01 is
    more than a year before, and the refused one was no rollover.

    Form 8606 2024: line 6 = 14,000 + 23,000 = 37,000; line 7 = 11,000 - 8,000 - 3,000 = 0;
    line 8 = 3,000; no basis, so line 18 = 3,000 (and a warning: the conversion is pro rata
    over 37,000 of pre-tax IRA money). The payers' forms: IRA 1's 1099-R code 1 (box 1
    11,000: it doesn't know about the rollovers), the Roth IRA's code J (2,000), IRA 2's in
    2025 code 1 (4,000); the
    5498s show what each IRA was told: IRA 2 box 2 8,000, box 5 23,000; the Roth IRA box 2
    2,000 (it was told a rollover), box 3 3,000, box 10 7,000, box 5 20,000; IRA 1 in 2025
    box 2 4,000. All match."""
    analysis, errors = analysed(HEAD + VIC + VIC_FORMS)
    (second,) = [e for e in errors if getattr(e, "check", "") == "rollover-once-a-year"]
    assert "paid out of Assets:VicRothIRA on 2024-10-01" in second.message
    assert "already rolled over an IRA distribution of 2024-02-01 (put back into " in (
        second.message)  # fmt: skip
    assert "Assets:VicIRA2 on 2024-03-01) in the 12 months before" in second.message
    checks = sorted(getattr(e, "check", "") for e in errors)
    assert checks == ["ira-excess", "ira-pro-rata", "rollover-once-a-year"]
    lines = form_8606_lines(analysis, "vic", 2024)
    assert [lines[f"line{n}"] for n in (6, 7, 8, 18, 19, 23)] == [
        D("37000.00"), D("0.00"), D("3000.00"), D("3000.00"), D("2000.00"), D("0.00")]  # fmt: skip
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}, [
        (r.account, r.differences) for r in analysis.reconciled]  # fmt: skip
    assert len(analysis.reconciled) == 6
    done = [(str(r.distributed), r.to_account) for r in analysis.basis.rollovers if not r.refused]
    assert done == [("2024-02-01", "Assets:VicIRA2"), ("2024-07-01", "Assets:VicRothIRA"),
                    ("2025-02-15", "Assets:VicIRA1")]  # fmt: skip
