"""The limits table, row by row against the IRS notices, and the rules that read it.

The figures are those of docs/tax-rules.md ("Annual limits"), each year from its notice.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from megaroth.tax.limits import (
    LIMITS,
    catch_up_for,
    ira_limit,
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
