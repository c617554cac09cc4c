"""Form 8606 to the cent: backdoor Roth, pro rata, prior-year contributions, spouses, Part III."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import build_report, load

D = Decimal

HOUSEHOLD = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1985-01-01
2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1983-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Equity:Opening
2000-01-01 open Income:Retirement:Interest
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:AliceIRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceRolloverIRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:AliceRothIRA
  megaroth-ira: "roth"
  owner: "alice"
2000-01-01 open Assets:BobIRA
  megaroth-ira: "traditional"
  owner: "bob"
2000-01-01 open Assets:BobRothIRA
  megaroth-ira: "roth"
  owner: "bob"
"""

#: 7,000 nondeductible that earns 10 before it is converted.
NONDEDUCTIBLE_AND_INTEREST = """
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
2024-01-20 * "Broker" "Interest"
  Assets:AliceIRA  10.00 USD
  Income:Retirement:Interest
"""
BACKDOOR = (
    NONDEDUCTIBLE_AND_INTEREST
    + """
2024-01-24 * "Broker" "Conversion"
  Assets:AliceIRA      -7010.00 USD
  Assets:AliceRothIRA   7010.00 USD
"""
)

ROLLOVER_IRA = """
2023-12-31 * "Old 401(k) rolled over"
  Assets:AliceRolloverIRA  93000.00 USD
  Equity:Opening
"""


def analysed(text: str, config: str | None = None) -> Analysis:
    entries, _, options = load(HOUSEHOLD + text)
    return analyse(entries, options, config)


def form(analysis: Analysis, person: str, year: int) -> dict[str, Decimal]:
    (found,) = [f for f in analysis.forms_8606 if (f.person, f.year) == (person, year)]
    return found.lines()


def test_clean_backdoor_roth_leaves_only_the_interest_taxable_and_no_basis() -> None:
    lines = form(analysed(BACKDOOR), "alice", 2024)
    assert (lines["line1"], lines["line3"], lines["line5"]) == (D("7000.00"),) * 3
    assert (lines["line6"], lines["line8"], lines["line9"]) == (D("0.00"), D("7010.00"),
                                                                D("7010.00"))  # fmt: skip
    assert lines["line10"] == D("0.99857347")  # 7,000 / 7,010 at 8 places
    assert (lines["line11"], lines["line14"]) == (D("7000.00"), D("0.00"))
    assert (lines["line16"], lines["line17"], lines["line18"]) == (
        D("7010.00"),
        D("7000.00"),
        D("10.00"),
    )


def test_with_three_places_the_ratio_would_leave_negative_basis_megaroth_never_carries_it() -> None:
    lines = form(analysed(BACKDOOR, "{'ratio-places': 3}"), "alice", 2024)
    assert lines["line10"] == D("0.999")
    assert lines["line11"] == D("7002.99")  # 7,010 x .999
    assert lines["line14"] == D("0.00")  # 7,000 - 7,002.99 would be -2.99


def test_the_conversion_movement_and_its_1099r_get_the_8606_figures() -> None:
    analysis = analysed(BACKDOOR)
    (movement,) = analysis.basis.movements
    assert (movement.gross, movement.basis, movement.taxable) == (
        D("7010.00"),
        D("7000.00"),
        D("10.00"),
    )
    report = build_report(analysis, 2024, "alice")
    (ira_form,) = report["form_1099r"]
    # The IRA can't know the basis: its 1099-R shows it all in 2a, 2b checked.
    assert (ira_form["expected"]["box2a"], ira_form["expected"]["box2b-not-determined"]) == (
        "7010.00",
        True,
    )
    assert report["people"]["alice"]["form_1040"] == {
        "line4a": "7010.00",
        "line4b": "10.00",
        "line5a": "0.00",
        "line5b": "0.00",
        "line1h": "0.00",
    }
    assert report["people"]["alice"]["form_8606"]["line18"] == "10.00"


def test_pro_rata_with_93000_in_a_rollover_ira_carries_basis_to_next_year() -> None:
    analysis = analysed(
        ROLLOVER_IRA
        + BACKDOOR
        + """
2025-02-01 * "Bank" "Next year's contribution"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
"""
    )
    lines = form(analysis, "alice", 2024)
    # Line 9 = 93,000 + 7,010; line 10 = 7,000 / 100,010 = 0.06999300 (8 places).
    assert (lines["line6"], lines["line9"]) == (D("93000.00"), D("100010.00"))
    assert lines["line10"] == D("0.06999300")
    assert (lines["line11"], lines["line14"], lines["line18"]) == (
        D("490.65"),
        D("6509.35"),
        D("6519.35"),
    )
    following = form(analysis, "alice", 2025)
    assert (following["line1"], following["line2"], following["line3"]) == (
        D("7000.00"),
        D("6509.35"),
        D("13509.35"),
    )
    assert following["line14"] == D("13509.35")  # no conversion in 2025: all carried


def test_contribution_in_march_for_the_prior_year() -> None:
    analysis = analysed(
        """
2024-11-01 * "Bank"
  nondeductible: TRUE
  Assets:AliceIRA  3000.00 USD
  Assets:Checking
2024-12-02 * "Broker" "Conversion"
  Assets:AliceIRA      -3000.00 USD
  Assets:AliceRothIRA   3000.00 USD
2025-03-10 * "Bank" "For 2024"
  nondeductible: TRUE
  tax-year: 2024
  Assets:AliceIRA  4000.00 USD
  Assets:Checking
2025-03-20 * "Broker" "Conversion"
  Assets:AliceIRA      -4000.00 USD
  Assets:AliceRothIRA   4000.00 USD
"""
    )
    lines = form(analysis, "alice", 2024)
    # Lines 1 and 4 carry the March contribution; it stays out of 2024's pro rata (line 5).
    assert (lines["line1"], lines["line4"], lines["line5"]) == (
        D("7000.00"),
        D("4000.00"),
        D("3000.00"),
    )
    assert (lines["line10"], lines["line11"], lines["line18"]) == (
        D("1.00000000"),
        D("3000.00"),
        D("0.00"),
    )
    assert lines["line14"] == D("4000.00")  # carried forward
    following = form(analysis, "alice", 2025)
    assert (following["line1"], following["line2"], following["line18"]) == (
        D("0.00"),
        D("4000.00"),
        D("0.00"),
    )


def test_two_spouses_file_separate_forms() -> None:
    analysis = analysed(
        ROLLOVER_IRA
        + BACKDOOR
        + """
2024-02-10 * "Bank"
  nondeductible: TRUE
  Assets:BobIRA  7000.00 USD
  Assets:Checking
2024-02-20 * "Broker" "Bob's conversion"
  Assets:BobIRA      -7000.00 USD
  Assets:BobRothIRA   7000.00 USD
"""
    )
    # Alice's rollover IRA is hers alone: Bob's conversion is tax-free.
    assert form(analysis, "bob", 2024)["line18"] == D("0.00")
    assert form(analysis, "alice", 2024)["line18"] == D("6519.35")


def test_roth_distributions_take_contributions_then_a_young_conversion_then_earnings() -> None:
    analysis = analysed(
        """
2022-03-01 * "Bank" "Roth contribution"
  Assets:AliceRothIRA  6000.00 USD
  Assets:Checking
2023-12-31 * "Old rollover"
  Assets:AliceIRA  5000.00 USD
  Equity:Opening
2024-01-15 * "Broker" "Conversion, all taxable"
  Assets:AliceIRA      -5000.00 USD
  Assets:AliceRothIRA   5000.00 USD
2024-12-31 * "Broker"
  Assets:AliceRothIRA  1000.00 USD
  Income:Retirement:MarketValue
2025-06-01 * "Broker" "Early withdrawal"
  Assets:AliceRothIRA  -11500.00 USD
  Assets:Checking
"""
    )
    state = analysis.roth["alice"]
    part = state.part_iii[2025]
    # 11,500 out: 6,000 of contributions, the 5,000 conversion (taxable part first, inside
    # its 5 years, under 59 1/2: 10% exposure), then 500 of earnings (taxable).
    assert part.lines() == {
        "line19": D("11500.00"), "line20": D("0"), "line21": D("11500.00"),
        "line22": D("6000.00"), "line23": D("5500.00"), "line24": D("5000.00"),
        "line25a": D("500.00"), "line25b": D("0"), "line25c": D("500.00"),
    }  # fmt: skip
    assert part.early_conversion_amount == D("5000.00")
    (distribution,) = [m for m in analysis.basis.movements if m.kind.value == "distribution"]
    assert (distribution.code, distribution.taxable) == ("J", D("500.00"))
    report = build_report(analysis, 2025, "alice")
    assert report["people"]["alice"]["form_8606"]["line25c"] == "500.00"
    assert report["people"]["alice"]["form_1040"]["line4b"] == "500.00"
    clocks = report["people"]["alice"]["five_year_clocks"]
    conversion = next(c for c in clocks if c["what"].startswith("ira-conversion"))
    assert (conversion["end_year"], conversion["exposed"]) == (2028, "0.00")


def test_form_1040_lines_add_up_the_1099rs_and_the_8606() -> None:
    analysis = analysed(ROLLOVER_IRA + BACKDOOR)
    report = build_report(analysis, 2024, "alice")
    forms: list[dict[str, Any]] = report["form_1099r"]
    line4a = sum(D(f["expected"]["box1"]) for f in forms if f["expected"]["ira-sep-simple"])
    lines = report["people"]["alice"]["form_1040"]
    assert D(lines["line4a"]) == line4a
    figures = report["people"]["alice"]["form_8606"]
    assert D(lines["line4b"]) == D(figures["line15c"]) + D(figures["line18"]) + D(
        figures["line25c"]
    )


def test_a_declared_prior_year_basis_is_line_2_and_makes_the_conversion_tax_free() -> None:
    """Alice's Form 8606 for 2023 ended with 6,000 of basis (line 14), declared with
    ``custom "megaroth-ira-basis"`` because 2023 is before the ledger; the IRA holds those
    6,000 on Jan 1, 2024. She contributes 7,000 nondeductible in 2024 and converts all
    13,000: line 2 = 6,000, line 3 = 13,000, line 9 = 13,000, line 10 = 1, line 18 = 0, and
    the conversion's 1099-R leads to nothing taxable on Form 1040. Kills: the declaration
    ignored (line 2 = 0, so 6,000 of the conversion taxed twice)."""
    analysis = analysed(
        """
2023-12-31 custom "megaroth-ira-basis" "alice" 2023 6000.00 USD
2023-12-31 * "Opening" "Nondeductible 2023 contribution, before the ledger"
  Assets:AliceIRA  6000.00 USD
  Equity:Opening
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
2024-02-01 * "Broker" "Conversion"
  Assets:AliceIRA      -13000.00 USD
  Assets:AliceRothIRA   13000.00 USD
"""
    )
    lines = form(analysis, "alice", 2024)
    assert (lines["line1"], lines["line2"], lines["line3"]) == (
        D("7000.00"), D("6000.00"), D("13000.00"))  # fmt: skip
    assert (lines["line9"], lines["line10"], lines["line14"], lines["line18"]) == (
        D("13000.00"), D(1), D("0.00"), D("0.00"))  # fmt: skip
    report = build_report(analysis, 2024, "alice")
    assert report["people"]["alice"]["form_1040"]["line4b"] == "0.00"


def test_line_10_is_capped_at_1_when_the_basis_is_more_than_the_ira_is_worth() -> None:
    """7,000 contributed nondeductible loses 500 before it is converted: line 5 = 7,000 but
    line 9 = 6,500, so 7,000 / 6,500 would be 1.077; line 10 is at most 1.000 (Form 8606
    instructions, line 10). All 6,500 converted is basis (line 11), nothing is taxable, and
    the 500 of basis left carries to 2025 (line 14). Kills: line 10 not capped at 1."""
    analysis = analysed(
        """
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:AliceIRA  7000.00 USD
  Assets:Checking
2024-01-20 * "Broker" "Loss"
  Assets:AliceIRA  -500.00 USD
  Income:Retirement:MarketValue
2024-01-24 * "Broker" "Conversion"
  Assets:AliceIRA      -6500.00 USD
  Assets:AliceRothIRA   6500.00 USD
"""
    )
    lines = form(analysis, "alice", 2024)
    assert (lines["line5"], lines["line9"]) == (D("7000.00"), D("6500.00"))
    assert lines["line10"] == D(1)
    assert (lines["line11"], lines["line14"], lines["line18"]) == (
        D("6500.00"), D("500.00"), D("0.00"))  # fmt: skip
    report = build_report(analysis, 2024, "alice")
    assert report["people"]["alice"]["form_8606"]["line10"] == "1.00000000"


def test_two_conversions_in_a_year_share_line_17_pro_rata_the_last_taking_the_rest() -> None:
    """7,000 contributed nondeductible earns 10, then goes to the Roth IRA in two
    conversions, 3,000 and 4,010. Form 8606: line 16 = 7,010, line 17 = 7,000. The first
    conversion's share of the basis is 7,000 x 3,000 / 7,010 = 2,995.72 (4.28 taxable);
    the last takes the rest, 4,004.28 (5.72 taxable); each 1099-R and the rule in words
    say so."""
    analysis = analysed(
        NONDEDUCTIBLE_AND_INTEREST
        + """
2024-01-24 * "Broker" "First conversion"
  Assets:AliceIRA      -3000.00 USD
  Assets:AliceRothIRA   3000.00 USD
2024-02-01 * "Broker" "Second conversion"
  Assets:AliceIRA      -4010.00 USD
  Assets:AliceRothIRA   4010.00 USD
"""
    )
    first, second = analysis.basis.movements
    assert (first.gross, first.basis, first.taxable) == (D("3000.00"), D("2995.72"), D("4.28"))
    assert (second.gross, second.basis, second.taxable) == (
        D("4010.00"), D("4004.28"), D("5.72"))  # fmt: skip
    assert first.rule.endswith(
        "Form 8606 2024: line 10 = 0.99857347, so 2,995.72 of it is basis and 4.28 taxable."
    )
    assert form(analysis, "alice", 2024)["line18"] == D("10.00")


def test_three_conversions_share_line_17_and_the_last_takes_the_cent_rounding_left() -> None:
    """7,000 nondeductible and 10 of interest go to the Roth IRA in three conversions of
    2,331.18, 2,331.18 and 2,347.64 (line 16 = 7,010, line 17 = 7,000). The first two take
    7,000 x 2,331.18 / 7,010 = 2,327.8468, so 2,327.85 each; the last takes what is left of
    line 17, 2,344.30, where its own share would round to 2,344.29 (7,000 x 2,347.64 /
    7,010 = 2,344.2868) and a cent of the basis would be lost."""
    analysis = analysed(
        NONDEDUCTIBLE_AND_INTEREST
        + "".join(
            f"""
2024-0{month}-01 * "Broker" "Conversion"
  Assets:AliceIRA      -{amount} USD
  Assets:AliceRothIRA   {amount} USD
"""
            for month, amount in ((2, "2331.18"), (3, "2331.18"), (4, "2347.64"))
        )
    )
    bases = [(m.basis, m.taxable) for m in analysis.basis.movements]
    assert bases == [(D("2327.85"), D("3.33")), (D("2327.85"), D("3.33")),
                     (D("2344.30"), D("3.34"))]  # fmt: skip
    line17 = form(analysis, "alice", 2024)["line17"]
    assert sum(basis for basis, _ in bases) == line17


def test_a_conversion_from_an_ira_with_no_owner_leaves_the_others_settled() -> None:
    """An IRA with no owner converts first in 2024: an error on its Open (whose Form 8606
    would it be on?) and on the transaction, which is left out until the owner is written.
    Alice's backdoor of the same year is settled all the same: 10 taxable."""
    entries, errors, options = load(
        HOUSEHOLD
        + """
2000-01-01 open Assets:NobodysIRA
  megaroth-ira: "traditional"
2024-01-02 * "Broker" "Conversion"
  Assets:NobodysIRA    -500.00 USD
  Assets:AliceRothIRA   500.00 USD
"""
        + BACKDOOR
    )
    assert errors[0].message.startswith("IRA Assets:NobodysIRA has no owner")
    analysis = analyse(entries, options)
    assert [(m.owner, m.gross, m.taxable) for m in analysis.basis.movements] == [
        ("alice", D("7010.00"), D("10.00"))]  # fmt: skip


def test_a_recharacterization_is_no_distribution_on_form_1040() -> None:
    """Bob's 2024 Roth IRA contribution of 7,000 is recharacterized as traditional on
    2025-03-10 and converted on 2025-03-12. The recharacterization's 1099-R (code R) goes on
    no line of Form 1040 (Form 8606 instructions, "Recharacterizations"): 2025's line 4a is
    the conversion's 7,000 only."""
    analysis = analysed(
        """
2024-02-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:BobRothIRA  7000.00 USD
  Assets:Checking
2025-03-10 * "Broker" "2024 Roth IRA contribution recharacterized as traditional"
  recharacterized: 7000.00 USD
  tax-year: 2024
  nondeductible: TRUE
  Assets:BobRothIRA  -7000.00 USD
  Assets:BobIRA       7000.00 USD
2025-03-12 * "Broker" "Backdoor conversion"
  Assets:BobIRA      -7000.00 USD
  Assets:BobRothIRA   7000.00 USD
"""
    )
    report = build_report(analysis, 2025, "bob")
    assert sorted(f["code"] for f in report["form_1099r"]) == ["2", "R"]
    assert report["people"]["bob"]["form_1040"] == {
        "line4a": "7000.00", "line4b": "0.00", "line5a": "0.00", "line5b": "0.00",
        "line1h": "0.00"}  # fmt: skip


def test_iras_kept_by_fund_in_sub_accounts_are_the_iras() -> None:
    """Alice keeps each IRA's cash in a sub-account (Assets:AliceIRA:Cash): the backdoor
    into Assets:AliceRothIRA:Cash is a conversion into her Roth IRA (10 taxable), the Roth
    IRA's 5498 matches it, and 1,000 taken out of the sub-account in 2025 is a Roth IRA
    distribution (code J, Part III: line 19 = 1,000, nothing taxable as it is conversion
    basis)."""
    analysis = analysed(
        """
2000-01-01 open Assets:AliceIRA:Cash
2000-01-01 open Assets:AliceRothIRA:Cash
"""
        + BACKDOOR.replace("Assets:AliceIRA ", "Assets:AliceIRA:Cash ").replace(
            "Assets:AliceRothIRA ", "Assets:AliceRothIRA:Cash "
        )
        + """
2025-03-01 * "Broker" "Roth IRA distribution"
  Assets:AliceRothIRA:Cash  -1000.00 USD
  Assets:Checking
2025-05-31 custom "5498" Assets:AliceRothIRA 2024
  box3: 7010.00 USD
  box5: 7010.00 USD
"""
    )
    conversion, _ = analysis.basis.movements
    assert (conversion.to_account, conversion.taxable) == ("Assets:AliceRothIRA:Cash", D("10.00"))
    report = build_report(analysis, 2024, "alice")
    assert [f["status"] for f in report["form_5498"]] == ["match"]
    later = build_report(analysis, 2025, "alice")
    assert [(f["code"], f["expected"]["box1"]) for f in later["form_1099r"]] == [("J", "1000.00")]
    part_iii = later["people"]["alice"]["form_8606"]
    assert (part_iii["line19"], part_iii["line25c"]) == ("1000.00", "0.00")
