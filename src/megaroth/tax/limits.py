"""Every annual limit and tax constant megaroth uses, by year, with its IRS source.

The one table of figures (docs/tax-rules.md, "Annual limits"), and the rules that pick a
person's figure from it: the catch-up by age (IRC 414(v)), the IRA limit with its catch-up
(IRC 219(b)(5)), the Roth IRA phase-out (IRC 408A(c)(3)). A year the table lacks can be added
from the plugin configuration, without waiting for a release::

    plugin "megaroth.plugins" "{'limits': {2027: {'402g': '25000', '415c': '73000'}}}"

Any key left out of a configured year is taken from the latest year in the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from typing import Any

D = Decimal


@dataclass(frozen=True)
class YearLimits:
    """One year's limits. Money in dollars; ``None`` where the rule doesn't exist that year."""

    source: str
    elective_deferrals_402g: Decimal
    catch_up_50: Decimal
    catch_up_60_63: Decimal | None
    annual_additions_415c: Decimal
    compensation_401a17: Decimal
    ira: Decimal
    ira_catch_up: Decimal
    roth_phase_out_single: tuple[Decimal, Decimal]
    roth_phase_out_joint: tuple[Decimal, Decimal]
    roth_catch_up_wages: Decimal | None


MFS_PHASE_OUT = (D(0), D(10_000))  # IRC 408A(c)(3)(B)(ii): the same every year
CATCH_UP_AGE = 50  # IRC 414(v)(5), 219(b)(5)(B): 50 by Dec 31
SUPER_CATCH_UP_AGES = range(60, 64)  # SECURE 2.0 section 109: a year one turns 60 to 63

LIMITS: dict[int, YearLimits] = {
    2022: YearLimits("IRS Notice 2021-61", D(20_500), D(6_500), None, D(61_000), D(305_000),
                     D(6_000), D(1_000), (D(129_000), D(144_000)), (D(204_000), D(214_000)),
                     None),
    2023: YearLimits("IRS Notice 2022-55", D(22_500), D(7_500), None, D(66_000), D(330_000),
                     D(6_500), D(1_000), (D(138_000), D(153_000)), (D(218_000), D(228_000)),
                     None),
    2024: YearLimits("IRS Notice 2023-75", D(23_000), D(7_500), None, D(69_000), D(345_000),
                     D(7_000), D(1_000), (D(146_000), D(161_000)), (D(230_000), D(240_000)),
                     None),
    2025: YearLimits("IRS Notice 2024-80", D(23_500), D(7_500), D(11_250), D(70_000),
                     D(350_000), D(7_000), D(1_000), (D(150_000), D(165_000)),
                     (D(236_000), D(246_000)), None),
    2026: YearLimits("IRS Notice 2025-67", D(24_500), D(8_000), D(11_250), D(72_000),
                     D(360_000), D(7_500), D(1_100), (D(153_000), D(168_000)),
                     (D(242_000), D(252_000)), D(150_000)),
}  # fmt: skip

#: Configuration keys, as users write them, for each field.
CONFIG_KEYS: dict[str, str] = {
    "402g": "elective_deferrals_402g",
    "catch-up": "catch_up_50",
    "catch-up-60-63": "catch_up_60_63",
    "415c": "annual_additions_415c",
    "401a17": "compensation_401a17",
    "ira": "ira",
    "ira-catch-up": "ira_catch_up",
    "roth-catch-up-wages": "roth_catch_up_wages",
}


class LimitsConfigError(ValueError):
    """Configured limits that can't be read."""


def limits_for(year: int, configured: Mapping[int, YearLimits] | None = None) -> YearLimits:
    """The limits of ``year``: configured, else the table, else the latest year known."""
    table = {**LIMITS, **(configured or {})}
    if year in table:
        return table[year]
    earlier = [y for y in table if y < year]
    latest = table[max(earlier)] if earlier else table[min(table)]
    return replace(latest, source=f"{latest.source} (no figures for {year} yet: add them)")


def is_known(year: int, configured: Mapping[int, YearLimits] | None = None) -> bool:
    return year in LIMITS or year in (configured or {})


def read_configured(raw: Any) -> dict[int, YearLimits]:
    """Years given in the plugin configuration, each filled in from the latest known year."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise LimitsConfigError("'limits' must be a dict of years, e.g. {2027: {'402g': '25000'}}")
    years: dict[int, YearLimits] = {}
    for year, values in sorted(raw.items()):
        if not isinstance(year, int) or not isinstance(values, Mapping):
            raise LimitsConfigError(f"limits for {year!r} must be written {{YEAR: {{...}}}}")
        base = limits_for(year, years)
        changes: dict[str, Any] = {"source": "plugin configuration"}
        for key, value in values.items():
            if key not in CONFIG_KEYS:
                known = ", ".join(CONFIG_KEYS)
                raise LimitsConfigError(f"unknown limit {key!r} for {year}; use one of {known}")
            try:
                changes[CONFIG_KEYS[key]] = Decimal(str(value))
            except InvalidOperation:
                raise LimitsConfigError(
                    f"limit {key!r} for {year} is {value!r}, not a number"
                ) from None
        years[year] = replace(base, **changes)
    return years


def catch_up_for(limits: YearLimits, age: int | None) -> Decimal:
    """The catch-up someone of ``age`` (on Dec 31) may add to the 402(g) limit."""
    if age is None or age < CATCH_UP_AGE:
        return D("0.00")
    if limits.catch_up_60_63 is not None and age in SUPER_CATCH_UP_AGES:
        return limits.catch_up_60_63
    return limits.catch_up_50


def ira_limit(limits: YearLimits, age: int | None) -> Decimal:
    """The IRA contribution limit, with the catch-up from 50 (IRC 219(b)(5))."""
    catch_up = age is not None and age >= CATCH_UP_AGE
    return limits.ira + (limits.ira_catch_up if catch_up else D("0.00"))


def roth_allowed(limit: Decimal, limits: YearLimits, magi: Decimal, status: str) -> Decimal:
    """The most one may contribute to a Roth IRA at this MAGI (Pub 590-A, Worksheet 2-2)."""
    low, high = {
        "single": limits.roth_phase_out_single,
        "mfj": limits.roth_phase_out_joint,
        "mfs": MFS_PHASE_OUT,
    }[status]
    if magi <= low:
        return limit
    if magi >= high:
        return D("0.00")
    reduced = limit - limit * (magi - low) / (high - low)
    # Rounded up to the next $10, and at least $200 while any is allowed.
    allowed = (reduced / 10).to_integral_value(rounding=ROUND_CEILING) * 10
    return max(allowed, D(200)).quantize(D("0.01"))
