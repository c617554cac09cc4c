"""The limits table, row by row against the IRS notices, and the rules that read it.

The figures are those of docs/tax-rules.md ("Annual limits"), each year from its notice.
"""

from __future__ import annotations

import ast
from decimal import Decimal as D

import pytest

from megaroth.tax.limits import (
    LIMITS,
    LimitsConfigError,
    catch_up_for,
    ira_limit,
    is_known,
    limits_for,
    read_configured,
    roth_allowed,
)

TABLE = {  # docs/tax-rules.md, "Annual limits", row by row
    "402(g)": ("elective_deferrals_402g", [20500, 22500, 23000, 23500, 24500]),
    "catch-up 50+": ("catch_up_50", [6500, 7500, 7500, 7500, 8000]),
    "catch-up 60-63": ("catch_up_60_63", [None, None, None, 11250, 11250]),
    "415(c)": ("annual_additions_415c", [61000, 66000, 69000, 70000, 72000]),
    "401(a)(17)": ("compensation_401a17", [305000, 330000, 345000, 350000, 360000]),
    "IRA": ("ira", [6000, 6500, 7000, 7000, 7500]),
    "IRA catch-up": ("ira_catch_up", [1000, 1000, 1000, 1000, 1100]),
    "Roth single": ("roth_phase_out_single",
                    [(129000, 144000), (138000, 153000), (146000, 161000), (150000, 165000),
                     (153000, 168000)]),
    "Roth MFJ": ("roth_phase_out_joint",
                 [(204000, 214000), (218000, 228000), (230000, 240000), (236000, 246000),
                  (242000, 252000)]),
    "Roth catch-up wages": ("roth_catch_up_wages", [None, None, None, None, 150000]),
}  # fmt: skip
NOTICES = ["2021-61", "2022-55", "2023-75", "2024-80", "2025-67"]


@pytest.mark.parametrize("row", sorted(TABLE))
def test_every_limit_matches_its_irs_notice(row: str) -> None:
    field, figures = TABLE[row]
    for year, figure in zip(range(2022, 2027), figures, strict=True):
        value = getattr(LIMITS[year], field)
        expected = (
            tuple(D(n) for n in figure) if isinstance(figure, tuple)
            else None if figure is None else D(figure)
        )  # fmt: skip
        assert value == expected, (row, year)
        assert LIMITS[year].source == f"IRS Notice {NOTICES[year - 2022]}"


def test_a_year_missing_from_the_table_comes_from_configuration() -> None:
    configured = read_configured({2027: {"402g": "25000"}})
    assert limits_for(2027, configured).elective_deferrals_402g == D(25000)
    assert limits_for(2027, configured).annual_additions_415c == D(72000)  # from 2026
    assert "add them" in limits_for(2028).source


@pytest.mark.parametrize(
    ("year", "age", "catch_up"),
    [
        (2024, None, "0"),  # no birth date: no catch-up assumed
        (2024, 49, "0"),
        (2024, 50, "7500"),  # 50 by Dec 31 (IRC 414(v)(5))
        (2024, 60, "7500"),  # 60-63 starts in 2025 (SECURE 2.0 section 109)
        (2025, 59, "7500"),
        (2025, 60, "11250"),
        (2025, 63, "11250"),
        (2025, 64, "7500"),
        (2026, 50, "8000"),
    ],
)
def test_catch_up_by_age_on_dec_31(year: int, age: int | None, catch_up: str) -> None:
    assert catch_up_for(LIMITS[year], age) == D(catch_up)


def test_ira_limit_has_its_own_catch_up_from_50() -> None:
    assert ira_limit(LIMITS[2024], 49) == D(7000)
    assert ira_limit(LIMITS[2024], 50) == D(8000)
    assert ira_limit(LIMITS[2026], 50) == D(8600)  # 7,500 + 1,100 (Notice 2025-67)


@pytest.mark.parametrize(
    ("magi", "status", "allowed"),
    [
        ("146000", "single", "7000.00"),  # at the bottom of the range: all of it
        ("161000", "single", "0.00"),  # at the top: nothing
        # 7,000 x (161,000 - 150,000) / 15,000 = 5,133.33, rounded up to the next $10
        ("150000", "single", "5140.00"),
        # near the top: 7,000 x 500 / 15,000 = 233.33 -> 240; at least 200 while any
        ("160500", "single", "240.00"),
        ("160900", "single", "200.00"),  # 46.67 -> 50, raised to the 200 minimum
        ("235000", "mfj", "3500.00"),  # 7,000 x 5,000 / 10,000
        ("5000", "mfs", "3500.00"),  # married filing separately: 0-10,000 every year
    ],
)
def test_roth_ira_phase_out_pub_590_a_worksheet_2_2(magi: str, status: str, allowed: str) -> None:
    assert roth_allowed(D(7000), LIMITS[2024], D(magi), status) == D(allowed)


def test_configured_years_build_on_each_other_and_say_where_they_come_from() -> None:
    """2027 configured with a 402(g) of 25,000, 2028 with a 415(c) of 75,000: 2028 keeps
    2027's 402(g) (the latest year known before it), and both say they come from the plugin
    configuration."""
    configured = read_configured({2027: {"402g": "25000"}, 2028: {"415c": "75000"}})
    later = limits_for(2028, configured)
    assert (later.elective_deferrals_402g, later.annual_additions_415c) == (D(25000), D(75000))
    assert {limits_for(y, configured).source for y in (2027, 2028)} == {"plugin configuration"}
    assert is_known(2027, configured)
    assert not is_known(2030)
    assert not is_known(2030, configured)


def test_a_year_before_the_table_takes_its_first_year() -> None:
    """1980, before 402(g) existed: the first year of the table stands in, and says so."""
    early = limits_for(1980)
    assert early.elective_deferrals_402g == LIMITS[1987].elective_deferrals_402g
    assert early.source.endswith("(no figures for 1980 yet: add them)")


def test_configured_limits_that_cant_be_read_say_how_to_write_them() -> None:
    cases = {
        "25000": "'limits' must be a dict of years, e.g. {2027: {'402g': '25000'}}",
        "{'2027': {'402g': '25000'}}": "limits for '2027' must be written {YEAR: {...}}",
        "{2027: 25000}": "limits for 2027 must be written {YEAR: {...}}",
        "{2027: {'403b': '25000'}}": (
            "unknown limit '403b' for 2027; use one of 402g, catch-up, catch-up-60-63, 415c, "
            "401a17, ira, ira-catch-up, roth-catch-up-wages"
        ),
        "{2027: {'402g': 'lots'}}": "limit '402g' for 2027 is 'lots', not a number",
    }
    for raw, message in cases.items():
        with pytest.raises(LimitsConfigError) as caught:
            read_configured(ast.literal_eval(raw))
        assert str(caught.value) == message


def test_no_roth_ira_before_1998() -> None:
    assert roth_allowed(D(2000), LIMITS[1997], D(10000), "single") == D("0.00")
