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
    # 415(c)(1)(B): the share of pay annual additions may not exceed.
    additions_pay_share: Decimal
    compensation_401a17: Decimal | None
    ira: Decimal
    ira_catch_up: Decimal
    roth_phase_out_single: tuple[Decimal, Decimal] | None
    roth_phase_out_joint: tuple[Decimal, Decimal] | None
    roth_catch_up_wages: Decimal | None


QUARTER, WHOLE = D("0.25"), D(1)  # 415(c)(1)(B): 25% of pay before 2002, 100% since
MFS_PHASE_OUT = (D(0), D(10_000))  # IRC 408A(c)(3)(B)(ii): the same every year
CATCH_UP_AGE = 50  # IRC 414(v)(5), 219(b)(5)(B): 50 by Dec 31
SUPER_CATCH_UP_AGES = range(60, 64)  # SECURE 2.0 section 109: a year one turns 60 to 63

#: Each year from the first the limits existed (402(g): 1987). Before 2002 catch-up
#: contributions didn't exist (0 here), 415(c) was capped at 25% of pay, not 100%
#: (IRC 415(c)(1)(B) before EGTRRA); 401(a)(17) starts in 1989, the Roth IRA in 1998.
LIMITS: dict[int, YearLimits] = {
    1987: YearLimits(
        "IRC 402(g)(1), 415(c)(1)(A), 219(b) as enacted (Tax Reform Act of 1986)",
        D(7_000), D(0), None, D(30_000), QUARTER, None, D(2_000), D(0),
        None, None, None),
    1988: YearLimits(
        "IRS 1988 cost-of-living release, as restated in IRS News Release IR-89-10",
        D(7_313), D(0), None, D(30_000), QUARTER, None, D(2_000), D(0),
        None, None, None),
    1989: YearLimits(
        "IRS News Release IR-89-10",
        D(7_627), D(0), None, D(30_000), QUARTER, D(200_000), D(2_000), D(0),
        None, None, None),
    1990: YearLimits(
        "IRS News Release IR-90-15",
        D(7_979), D(0), None, D(30_000), QUARTER, D(209_200), D(2_000), D(0),
        None, None, None),
    1991: YearLimits(
        "IRS News Release IR-91-12",
        D(8_475), D(0), None, D(30_000), QUARTER, D(222_220), D(2_000), D(0),
        None, None, None),
    1992: YearLimits(
        "IRS News Release IR-92-3",
        D(8_728), D(0), None, D(30_000), QUARTER, D(228_860), D(2_000), D(0),
        None, None, None),
    1993: YearLimits(
        "IRS News Release of January 15, 1993 (Nr93-02)",
        D(8_994), D(0), None, D(30_000), QUARTER, D(235_840), D(2_000), D(0),
        None, None, None),
    1994: YearLimits(
        "IRS News Release of January 13, 1994 (Nr94-03)",
        D(9_240), D(0), None, D(30_000), QUARTER, D(150_000), D(2_000), D(0),
        None, None, None),
    1995: YearLimits(
        "IRS News Release of December 23, 1994 (Nr94-117)",
        D(9_240), D(0), None, D(30_000), QUARTER, D(150_000), D(2_000), D(0),
        None, None, None),
    1996: YearLimits(
        "IRS News Release of October 17, 1995 (Nr95-57)",
        D(9_500), D(0), None, D(30_000), QUARTER, D(150_000), D(2_000), D(0),
        None, None, None),
    1997: YearLimits(
        "IRS News Release of October 24, 1996 (Nr96-43)",
        D(9_500), D(0), None, D(30_000), QUARTER, D(160_000), D(2_000), D(0),
        None, None, None),
    1998: YearLimits(
        "IRS News Release of October 22, 1997 (Nr97-41)",
        D(10_000), D(0), None, D(30_000), QUARTER, D(160_000), D(2_000), D(0),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    1999: YearLimits(
        "IRS News Release of October 23, 1998 (nr98-63)",
        D(10_000), D(0), None, D(30_000), QUARTER, D(160_000), D(2_000), D(0),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2000: YearLimits(
        "IRS News Release IR-1999-80",
        D(10_500), D(0), None, D(30_000), QUARTER, D(170_000), D(2_000), D(0),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2001: YearLimits(
        "IRS News Release IR-2000-82",
        D(10_500), D(0), None, D(35_000), QUARTER, D(170_000), D(2_000), D(0),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2002: YearLimits(
        "EGTRRA (P.L. 107-16), IRS news release of December 2001",
        D(11_000), D(1_000), None, D(40_000), WHOLE, D(200_000), D(3_000), D(500),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2003: YearLimits(
        "IRS News Release IR-2002-111",
        D(12_000), D(2_000), None, D(40_000), WHOLE, D(200_000), D(3_000), D(500),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2004: YearLimits(
        "IRS News Release IR-2003-122",
        D(13_000), D(3_000), None, D(41_000), WHOLE, D(205_000), D(3_000), D(500),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2005: YearLimits(
        "IRS News Release of October 20, 2004",
        D(14_000), D(4_000), None, D(42_000), WHOLE, D(210_000), D(4_000), D(500),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2006: YearLimits(
        "IRS News Release IR-2005-120",
        D(15_000), D(5_000), None, D(44_000), WHOLE, D(220_000), D(4_000), D(1_000),
        (D(95_000), D(110_000)), (D(150_000), D(160_000)), None),
    2007: YearLimits(
        "IRS News Release IR-2006-162",
        D(15_500), D(5_000), None, D(45_000), WHOLE, D(225_000), D(4_000), D(1_000),
        (D(99_000), D(114_000)), (D(156_000), D(166_000)), None),
    2008: YearLimits(
        "IRS News Release IR-2007-171",
        D(15_500), D(5_000), None, D(46_000), WHOLE, D(230_000), D(5_000), D(1_000),
        (D(101_000), D(116_000)), (D(159_000), D(169_000)), None),
    2009: YearLimits(
        "IRS Notice 2008-102",
        D(16_500), D(5_500), None, D(49_000), WHOLE, D(245_000), D(5_000), D(1_000),
        (D(105_000), D(120_000)), (D(166_000), D(176_000)), None),
    2010: YearLimits(
        "IRS News Release IR-2009-94",
        D(16_500), D(5_500), None, D(49_000), WHOLE, D(245_000), D(5_000), D(1_000),
        (D(105_000), D(120_000)), (D(167_000), D(177_000)), None),
    2011: YearLimits(
        "IRS News Release IR-2010-108",
        D(16_500), D(5_500), None, D(49_000), WHOLE, D(245_000), D(5_000), D(1_000),
        (D(107_000), D(122_000)), (D(169_000), D(179_000)), None),
    2012: YearLimits(
        "IRS News Release IR-2011-103",
        D(17_000), D(5_500), None, D(50_000), WHOLE, D(250_000), D(5_000), D(1_000),
        (D(110_000), D(125_000)), (D(173_000), D(183_000)), None),
    2013: YearLimits(
        "IRS Notice 2012-67",
        D(17_500), D(5_500), None, D(51_000), WHOLE, D(255_000), D(5_500), D(1_000),
        (D(112_000), D(127_000)), (D(178_000), D(188_000)), None),
    2014: YearLimits(
        "IRS Notice 2013-73",
        D(17_500), D(5_500), None, D(52_000), WHOLE, D(260_000), D(5_500), D(1_000),
        (D(114_000), D(129_000)), (D(181_000), D(191_000)), None),
    2015: YearLimits(
        "IRS Notice 2014-70",
        D(18_000), D(6_000), None, D(53_000), WHOLE, D(265_000), D(5_500), D(1_000),
        (D(116_000), D(131_000)), (D(183_000), D(193_000)), None),
    2016: YearLimits(
        "IRS News Release IR-2015-118",
        D(18_000), D(6_000), None, D(53_000), WHOLE, D(265_000), D(5_500), D(1_000),
        (D(117_000), D(132_000)), (D(184_000), D(194_000)), None),
    2017: YearLimits(
        "IRS Notice 2016-62",
        D(18_000), D(6_000), None, D(54_000), WHOLE, D(270_000), D(5_500), D(1_000),
        (D(118_000), D(133_000)), (D(186_000), D(196_000)), None),
    2018: YearLimits(
        "IRS Notice 2017-64",
        D(18_500), D(6_000), None, D(55_000), WHOLE, D(275_000), D(5_500), D(1_000),
        (D(120_000), D(135_000)), (D(189_000), D(199_000)), None),
    2019: YearLimits(
        "IRS Notice 2018-83",
        D(19_000), D(6_000), None, D(56_000), WHOLE, D(280_000), D(6_000), D(1_000),
        (D(122_000), D(137_000)), (D(193_000), D(203_000)), None),
    2020: YearLimits(
        "IRS Notice 2019-59",
        D(19_500), D(6_500), None, D(57_000), WHOLE, D(285_000), D(6_000), D(1_000),
        (D(124_000), D(139_000)), (D(196_000), D(206_000)), None),
    2021: YearLimits(
        "IRS Notice 2020-79",
        D(19_500), D(6_500), None, D(58_000), WHOLE, D(290_000), D(6_000), D(1_000),
        (D(125_000), D(140_000)), (D(198_000), D(208_000)), None),
    2022: YearLimits(
        "IRS Notice 2021-61",
        D(20_500), D(6_500), None, D(61_000), WHOLE, D(305_000), D(6_000), D(1_000),
        (D(129_000), D(144_000)), (D(204_000), D(214_000)), None),
    2023: YearLimits(
        "IRS Notice 2022-55",
        D(22_500), D(7_500), None, D(66_000), WHOLE, D(330_000), D(6_500), D(1_000),
        (D(138_000), D(153_000)), (D(218_000), D(228_000)), None),
    2024: YearLimits(
        "IRS Notice 2023-75",
        D(23_000), D(7_500), None, D(69_000), WHOLE, D(345_000), D(7_000), D(1_000),
        (D(146_000), D(161_000)), (D(230_000), D(240_000)), None),
    2025: YearLimits(
        "IRS Notice 2024-80",
        D(23_500), D(7_500), D(11_250), D(70_000), WHOLE, D(350_000), D(7_000), D(1_000),
        (D(150_000), D(165_000)), (D(236_000), D(246_000)), None),
    2026: YearLimits(
        "IRS Notice 2025-67",
        D(24_500), D(8_000), D(11_250), D(72_000), WHOLE, D(360_000), D(7_500), D(1_100),
        (D(153_000), D(168_000)), (D(242_000), D(252_000)), D(150_000)),
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
    phase_out = {
        "single": limits.roth_phase_out_single,
        "mfj": limits.roth_phase_out_joint,
        "mfs": MFS_PHASE_OUT,
    }[status]
    if phase_out is None:  # before 1998: there was no Roth IRA
        return D("0.00")
    low, high = phase_out
    if magi <= low:
        return limit
    if magi >= high:
        return D("0.00")
    reduced = limit - limit * (magi - low) / (high - low)
    # Rounded up to the next $10, and at least $200 while any is allowed.
    allowed = (reduced / 10).to_integral_value(rounding=ROUND_CEILING) * 10
    return max(allowed, D(200)).quantize(D("0.01"))
