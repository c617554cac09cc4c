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


def test_a_distribution_with_basis_is_partly_tax_free_on_lines_12_to_15() -> None:
    """Pub 590-B's worksheet, by hand: 5,000 of basis (line 2), 45,000 left on Dec 31
    (line 6), 10,000 taken out (line 7), 5,000 converted (line 8). Line 9 = 60,000, line 10
    = 5,000 / 60,000 = 0.08333333; line 11 = 416.67 of the conversion, line 12 = 833.33 of
    the distribution, line 13 = 1,250.00, line 14 = 3,750.00 carried; line 15a = 10,000 -
    833.33 = 9,166.67 taxable; line 18 = 5,000 - 416.67 = 4,583.33."""
    form = form_8606(
        "alice",
        activity(2024, year_end_value="45000", distributions="10000", converted="5000"),
        D("5000.00"),
        8,
    )
    part = form.part_i
    assert (part.line9, part.line10) == (D(60000), D("0.08333333"))
    assert (part.line11, part.line12, part.line13) == (D("416.67"), D("833.33"), D("1250.00"))
    assert (part.line14, part.line15a, part.line15c) == (D("3750.00"), D("9166.67"),
                                                         D("9166.67"))  # fmt: skip
    assert (form.line16, form.line17, form.line18) == (D(5000), D("416.67"), D("4583.33"))


def test_a_year_without_a_distribution_or_conversion_skips_lines_6_to_13() -> None:
    """7,000 contributed nondeductible and still in the IRA on Dec 31 (7,000): nothing came
    out, so lines 6 to 13 are left blank (0) and all the basis is line 14. A year with a
    1,000 distribution and a 1,000 conversion is not such a year."""
    part = form_8606("alice", activity(2024, nondeductible="7000", year_end_value="7000"),
                     D(0), 8).part_i  # fmt: skip
    assert (part.line6, part.line9, part.line10, part.line13) == (0, 0, 0, 0)
    assert part.line14 == D(7000)
    both = form_8606("alice", activity(2024, nondeductible="2000", distributions="1000",
                                       converted="1000"), D(0), 8).part_i  # fmt: skip
    assert (both.line9, both.line10, both.line13) == (D(2000), D(1), D(2000))


def test_line_10_rounds_half_up_at_its_last_place() -> None:
    """1,234,567.85 of basis over 10,000,000.00 is 0.123456785 exactly: at 8 places, half up,
    line 10 is 0.12345679 (half even would give 0.12345678)."""
    part = form_8606("alice", activity(2024, converted="10000000.00"), D("1234567.85"),
                     8).part_i  # fmt: skip
    assert part.line10 == D("0.12345679")
