"""Recharacterizations (issue 16, item 3): an IRA contribution moved with its net income
attributable to an IRA of the other kind, as if made there from the start.

The law: IRC 408A(d)(6); Reg. 1.408A-5 Q&A-1 (by the due date of the return with extensions),
Q&A-2 (with its net income), Q&A-3 (treated as contributed to the second IRA); Reg. 1.408-11
(net income attributable = contribution x (adjusted closing balance - adjusted opening
balance) / adjusted opening balance); IRC 408A(d)(6)(B)(iii) (no conversion since 2018);
Instructions for Forms 1099-R and 5498 (codes N and R; Form 5498 box 4).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.figures import form_8606_lines
from megaroth.engine.reconciliation import Status
from tests.conftest import build_report, load, messages, without_findings

D = Decimal

BOB = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1980-05-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:BobIRA
  megaroth-ira: "traditional"
  owner: "bob"
2000-01-01 open Assets:BobRothIRA
  megaroth-ira: "roth"
  owner: "bob"
2025-04-01 custom "megaroth-magi" "bob" 2024 170000.00 USD "single"
2024-02-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:BobRothIRA  7000.00 USD
  Assets:Checking
2024-12-31 * "Broker" "Growth"
  Assets:BobRothIRA  280.00 USD
  Income:Retirement:MarketValue
2025-03-10 * "Broker" "2024 Roth IRA contribution recharacterized as traditional"
  recharacterized: 7000.00 USD
  tax-year: 2024
  nondeductible: TRUE
  Assets:BobRothIRA  -7280.00 USD
  Assets:BobIRA       7280.00 USD
2025-03-12 * "Broker" "Backdoor conversion"
  Assets:BobIRA      -7280.00 USD
  Assets:BobRothIRA   7280.00 USD
"""

BOB_FORMS = """
2026-01-31 custom "1099-R" Assets:BobRothIRA 2025
  payer: "Broker"
  box1: 7280.00 USD
  box2a: 0.00 USD
  box7: "R"
2026-01-31 custom "1099-R" Assets:BobIRA 2025
  payer: "Broker"
  box1: 7280.00 USD
  box2a: 7280.00 USD
  box2b-not-determined: TRUE
  box7: "2"
  ira-sep-simple: TRUE
2025-05-31 custom "5498" Assets:BobRothIRA 2024
  box10: 7000.00 USD
  box5: 7280.00 USD
2026-05-31 custom "5498" Assets:BobIRA 2025
  box4: 7280.00 USD
  box5: 0.00 USD
2026-05-31 custom "5498" Assets:BobRothIRA 2025
  box3: 7280.00 USD
  box5: 7280.00 USD
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(text)
    return analyse(entries, options), errors


def test_item_3_a_roth_contribution_past_the_phase_out_recharacterized_and_converted() -> None:
    """Bob (43) puts 7,000 into a new Roth IRA for 2024 in February; his 2024 MAGI, 170,000
    single, is past the phase-out (146,000-161,000): none of it is allowed. By December it is
    worth 7,280. On 2025-03-10 he recharacterizes it as a nondeductible traditional IRA
    contribution, moving 7,280: Reg. 1.408-11 gives net income attributable of 7,000 x
    (7,280 - 7,000) / 7,000 = 280 (opening balance 0 + the 7,000 contributed; closing
    balance 7,280). Two days later he converts the 7,280 (the backdoor Roth).

    Treated as made to the traditional IRA from the start: no phase-out excess; Form 8606
    2024 line 1 = 7,000, line 14 = 7,000 carried; 2025: line 2 = 7,000, line 6 = 0, line 8 =
    7,280, line 10 = 7,000 / 7,280 = 0.96153846, line 11 = 7,000.00, line 18 = 280 (read as a
    Roth contribution left in place, the conversion would have been taxed on all 7,280). His
    Roth IRAs' 5-year period starts in 2025, the year of the conversion: the recharacterized
    contribution never was a Roth IRA contribution. Form 1040 2025: line 4a 7,280 (the
    conversion; the recharacterization is on neither line), line 4b 280.

    Forms: the Roth IRA's 1099-R code R (a 2024 contribution recharacterized in 2025), box 1
    7,280, box 2a 0; the traditional IRA's code 2 for the conversion; the Roth IRA's 2024
    5498 box 10 7,000 (the contribution it received), box 5 7,280; the traditional IRA's
    2025 5498 box 4 7,280; the Roth IRA's 2025 5498 box 3 7,280. All match."""
    analysis, errors = analysed(BOB + BOB_FORMS)
    assert [getattr(e, "check", "") for e in errors] == []
    lines_2024 = form_8606_lines(analysis, "bob", 2024)
    assert (lines_2024["line1"], lines_2024["line14"]) == (D("7000.00"), D("7000.00"))
    lines = form_8606_lines(analysis, "bob", 2025)
    assert [lines[f"line{n}"] for n in (2, 6, 8, 11, 18)] == [
        D("7000.00"), D("0.00"), D("7280.00"), D("7000.00"), D("280.00")]  # fmt: skip
    assert lines["line10"] == D("0.96153846")
    assert analysis.basis.first_roth_years.roth_iras["bob"] == 2025
    form_1040 = build_report(analysis, 2025, "bob")["people"]["bob"]["form_1040"]
    assert (form_1040["line4a"], form_1040["line4b"]) == ("7280.00", "280.00")
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}, [
        (r.account, r.year, r.differences) for r in analysis.reconciled]  # fmt: skip
    assert len(analysis.reconciled) == 5
    (found,) = analysis.basis.recharacterizations
    assert (found.amount, found.moved, found.nia) == (D("7000"), D("7280.00"), D("280.00"))
    (correction,) = analysis.corrections  # the phase-out excess it cures now reads corrected
    assert (correction.cures, correction.status, correction.codes) == (
        "roth-ira-phase-out", "corrected", "R")  # fmt: skip


def test_item_3_without_the_mark_the_conversion_is_taxed_in_full() -> None:
    """The same ledger without the mark: the phase-out excess stands and the conversion,
    with no basis in the traditional IRA, is all taxable."""
    analysis, errors = analysed(BOB.replace("  recharacterized: 7000.00 USD\n", ""))
    assert "roth-ira-phase-out" in [getattr(e, "check", "") for e in errors]
    assert form_8606_lines(analysis, "bob", 2025)["line18"] == D("7280.00")


CY = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "cy"
  birth-date: 1990-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:CyIRA
  megaroth-ira: "traditional"
  owner: "cy"
2000-01-01 open Assets:CyRothIRA
  megaroth-ira: "roth"
  owner: "cy"
2023-12-31 * "Broker" "Money already in the IRA, as grown"
  Assets:CyIRA  4000.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Bank" "IRA contribution"
  Assets:CyIRA  6000.00 USD
  Assets:Checking
2024-06-28 * "Broker" "Growth"
  Assets:CyIRA  500.00 USD
  Income:Retirement:MarketValue
2024-11-01 * "Broker" "Recharacterized as a Roth IRA contribution"
  recharacterized: 6000.00 USD
  Assets:CyIRA      -6300.00 USD
  Assets:CyRothIRA   6300.00 USD
"""

CY_FORMS = """
2025-01-31 custom "1099-R" Assets:CyIRA 2024
  payer: "Broker"
  box1: 6300.00 USD
  box7: "N"
2025-05-31 custom "5498" Assets:CyRothIRA 2024
  box4: 6300.00 USD
  box10: 0.00 USD
  box5: 6300.00 USD
2025-05-31 custom "5498" Assets:CyIRA 2024
  box1: 6000.00 USD
  box5: 4200.00 USD
"""


def test_item_3_a_traditional_contribution_recharacterized_as_roth_the_same_year() -> None:
    """Cy (34) has 4,000 in a traditional IRA and contributes 6,000 in February 2024: 10,000.
    By June it has earned 500 (10,500). In November she recharacterizes the 6,000 as a Roth IRA
    contribution: net income attributable 6,000 x (10,500 - 10,000) / 10,000 = 300, so 6,300
    moves. Recharacterized in the year it was for: code N, box 1 6,300. The Roth IRA's 5498:
    box 4 6,300, box 10 0 (the contribution was received by the traditional IRA, whose 5498
    keeps it in box 1, 6,000); box 5 6,300 and 4,200. For the law it is a 2024 Roth IRA
    contribution from the start: the Roth ordering's regular contributions are 6,000 and her
    Roth IRAs' period starts in 2024; the traditional IRA has no 2024 contribution left."""
    analysis, errors = analysed(CY + CY_FORMS)
    assert without_findings(errors) == []
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}, [
        (r.account, r.year, r.differences) for r in analysis.reconciled]  # fmt: skip
    assert analysis.roth["cy"].years[2024].regular == D("6000.00")
    assert analysis.basis.first_roth_years.roth_iras["cy"] == 2024
    treated = [(c.account, c.amount) for c in analysis.basis.contributions]
    assert treated == [("Assets:CyRothIRA", D("6000.00"))]


def test_item_3_net_income_that_disagrees_with_the_formula_is_a_warning() -> None:
    _, errors = analysed(CY.replace("6300.00 USD", "6100.00 USD"))
    (warning,) = [e for e in errors if getattr(e, "check", "") == "net-income-attributable"]
    assert "100.00 of net income attributable, where Reg. 1.408-11's formula" in warning.message
    assert "gives 300.00" in warning.message


def test_item_3_after_october_15_it_is_no_recharacterization() -> None:
    """The due date of the 2024 return with extensions is 2025-10-15: on 2025-10-20 it is too
    late, an error; the excess stays in the Roth IRA."""
    text = BOB.replace("2025-03-10", "2025-10-20").replace("2025-03-12", "2025-10-22")
    _, errors = analysed(text)
    checks = [getattr(e, "check", "") for e in errors]
    assert "recharacterization-late" in checks
    assert "roth-ira-phase-out" in checks


def test_item_3_a_conversion_cant_be_recharacterized() -> None:
    text = CY.replace("recharacterized: 6000.00 USD", "recharacterized: 6000.00 USD\n  "
                      "tax-year: 2023")  # fmt: skip
    _, errors = analysed(text)
    (error,) = without_findings(errors)
    assert error.message.startswith(
        "Assets:CyIRA holds less than 6,000.00 of contributions for 2023 that were not "
        "recharacterized yet: only contributions can be recharacterized; a conversion can't "
        "be, since 2018"
    )
    assert messages([error])[0].endswith("follows it as an ordinary transfer until then.")
