"""Form 8606 Parts I and II from one year's figures, computed by hand from the form."""

from __future__ import annotations

from decimal import Decimal as D

from megaroth.tax.form_8606 import YearActivity, form_8606, forms_8606


def activity(year: int, **figures: str) -> YearActivity:
    values = {"nondeductible": "0", "made_next_year": "0", "rolled_in_basis": "0",
              "year_end_value": "0", "distributions": "0", "converted": "0", **figures}  # fmt: skip
    return YearActivity(year, **{k: D(v) for k, v in values.items()})


def test_clean_backdoor_roth() -> None:
    # 7,000 nondeductible, 7,010 converted, nothing left on Dec 31: line 10 = 7,000 / 7,010.
    form = form_8606("alice", activity(2024, nondeductible="7000", converted="7010"), D(0), 8)
    part = form.part_i
    assert (part.line3, part.line9) == (D(7000), D(7010))
    assert part.line10 == D("0.99857347")
    assert (form.line17, form.line18, part.line14) == (D("7000.00"), D("10.00"), D("0.00"))


def test_line_10_has_at_least_three_places_and_basis_never_goes_negative() -> None:
    # Rounded to 3 places, .999 x 7,010 = 7,003 > 7,000 of basis: line 14 would be -3.
    form = form_8606("alice", activity(2024, nondeductible="7000", converted="7010"), D(0), 1)
    assert form.places == 3
    assert form.part_i.line10 == D("0.999")
    assert form.part_i.line14 == D("0.00")


def test_pro_rata_with_a_pre_tax_ira_and_line_10_capped_at_one() -> None:
    # 93,000 of rollover money on Dec 31: only 7,000 / 100,000 of the conversion is basis.
    form = form_8606(
        "alice",
        activity(2024, nondeductible="7000", converted="7000", year_end_value="93000"),
        D(0),
        8,
    )
    assert (form.part_i.line10, form.line17, form.line18) == (D("0.07"), D("490.00"),
                                                               D("6510.00"))  # fmt: skip
    assert form.part_i.line14 == D("6510.00")
    # More basis than value (a loss): line 10 is at most 1.000.
    capped = form_8606("alice", activity(2025, converted="5000"), D(8000), 8)
    assert capped.part_i.line10 == D(1)
    assert capped.part_i.line14 == D("3000.00")


def test_basis_carries_forward_and_a_declared_line_14_replaces_it() -> None:
    years = [activity(2023, nondeductible="6500"), activity(2024), activity(2025)]
    forms = forms_8606("alice", years, {2023: D("1000")})
    assert [f.part_i.line2 for f in forms] == [D(0), D("1000"), D("1000")]
    assert forms[0].part_i.line14 == D("6500")


def test_contribution_for_the_year_made_next_spring_is_line_4() -> None:
    form = form_8606("alice", activity(2024, nondeductible="7000", made_next_year="7000"),
                     D(0), 8)  # fmt: skip
    assert (form.part_i.line4, form.part_i.line5, form.part_i.line14) == (
        D(7000), D(0), D(7000))  # fmt: skip
