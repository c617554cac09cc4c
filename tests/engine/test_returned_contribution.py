"""A Roth IRA contribution returned with its earnings by the due date (IRC 408(d)(4)): not a
distribution on Form 8606 Part III, never contributed, its earnings taxable for its year."""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import Analysis, analyse
from megaroth.tax.form_1099r_codes import corrective_code
from tests.conftest import build_report, load

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "mo"
  birth-date: 1985-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:MoRothIRA
  megaroth-ira: "roth"
  owner: "mo"
2025-04-01 custom "megaroth-magi" "mo" 2024 170000.00 USD "single"
2023-03-01 * "Bank" "Roth IRA contribution for 2023"
  Assets:MoRothIRA  5000.00 USD
  Assets:Checking
2024-02-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:MoRothIRA  7000.00 USD
  Assets:Checking
2024-12-31 * "Broker" "Growth"
  Assets:MoRothIRA  600.00 USD
  Income:Retirement:MarketValue
"""

RETURNED = """
2025-03-10 * "Broker" "Excess contribution returned"
  returned-contribution: 7000.00 USD
  tax-year: 2024
  Assets:MoRothIRA  -7350.00 USD
  Assets:Checking
"""


def analysed(text: str) -> tuple[Analysis, list[str]]:
    entries, errors, options = load(LEDGER + text)
    return analyse(entries, options), [e.check for e in errors]


def test_a_contribution_returned_by_the_due_date_is_no_distribution() -> None:
    """Mo (39) contributes 7,000 to her Roth IRA for 2024, but her 2024 MAGI (170,000, single)
    is past the phase-out (146,000-161,000): none of it is allowed. On 2025-03-10 the
    custodian returns it with 350 of earnings (net income attributable, IRC 408(d)(4)).

    The 7,000 counts as never contributed (Reg. 1.408A-6 Q&A-4): no phase-out excess left,
    and the withdrawal is no distribution on Form 8606 Part III (2025: line 19 = 0). The 350
    is taxable for 2024, the year of the contribution (Reg. 1.408A-6 Q&A-1(d)): 1099-R box 1
    7,350, box 2a 350, codes J and P (early; taxable in the year before), on Form 1040 of 2024:
    line 4a 7,350, line 4b 350. Her 2023 contribution of 5,000 is still her basis.
    """
    analysis, checks = analysed(RETURNED)
    assert "roth-ira-phase-out" not in checks
    assert checks == []
    (movement,) = analysis.basis.movements
    assert (movement.code, movement.basis, movement.taxable) == ("JP", D("7000.00"),
                                                                 D("350.00"))  # fmt: skip
    assert analysis.roth["mo"].part_iii.get(2025) is None
    state = analysis.roth["mo"].at(2025)
    assert state is not None
    assert state.contributions_after == D("5000.00")
    report = build_report(analysis, 2024, "mo")
    assert report["people"]["mo"]["form_1040"]["line4a"] == "7350.00"
    assert report["people"]["mo"]["form_1040"]["line4b"] == "350.00"
    later = build_report(analysis, 2025, "mo")
    (form,) = later["form_1099r"]
    assert (form["code"], form["expected"]["box1"], form["expected"]["box2a"]) == (
        "JP", "7350.00", "350.00")  # fmt: skip
    assert later["people"]["mo"]["form_1040"]["line4a"] == "0.00"


def test_without_the_mark_the_phase_out_excess_stands_and_the_withdrawal_is_on_part_iii() -> None:
    """The same withdrawal unmarked: a nonqualified distribution of 7,350 against 12,000 of
    contributions (line 22): nothing taxable, but the 7,000 excess stays an error."""
    analysis, checks = analysed(RETURNED.replace("  returned-contribution: 7000.00 USD\n", ""))
    assert "roth-ira-phase-out" in checks
    assert analysis.roth["mo"].part_iii[2025].line19 == D("7350.00")


def test_a_mark_megaroth_cant_use_is_an_error_that_says_what_to_write() -> None:
    _, checks = analysed(RETURNED.replace("7000.00 USD", "9000.00 USD"))
    assert "basis" in checks
    _, errors, _ = load(LEDGER + RETURNED.replace("7000.00 USD", "9000.00 USD"))
    (error,) = [e for e in errors if e.check == "basis"]
    assert error.message.startswith(
        "returned-contribution 9,000.00 is more than the 7,350.00 withdrawn. Mark an IRA "
        "withdrawal that returns a contribution (IRC 408(d)(4)) with the contribution "
        "returned, e.g.  returned-contribution: 1000.00 USD"
    )
    assert error.source["lineno"] > 0


def test_corrective_codes() -> None:
    # Instructions for Forms 1099-R and 5498: 8 taxable this year, P the year before; J
    # combines with both, Q and T with neither.
    assert corrective_code("J", True) == "8J"
    assert corrective_code("J", False) == "JP"
    assert corrective_code("T", True) == "8"
    assert corrective_code("Q", False) == "P"


def test_a_corrective_code_keeps_the_accounts_own_code_in_two() -> None:
    """Box 7 holds two codes. Of an early designated Roth distribution's 1B, the corrective
    code keeps B (every designated Roth distribution carries it: Instructions for Forms
    1099-R and 5498, code B), not 1: 8B, or BP for earnings taxable the year before. Money
    with no account code keeps its first code that combines (18, 1P)."""
    assert (corrective_code("1B", True), corrective_code("1B", False)) == ("8B", "BP")
    assert (corrective_code("1J", True), corrective_code("2B", True)) == ("8J", "8B")
    assert (corrective_code("1", True), corrective_code("1", False)) == ("18", "1P")
