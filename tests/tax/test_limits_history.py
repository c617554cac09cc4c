"""The limits table from 1987 against a second source, figure by figure.

The table (``megaroth.tax.limits.LIMITS``) takes each year from its IRS notice or news
release; the figures below were read, independently, in other published tables (named with
each year). Only the figures found there are compared. Where the two disagreed, the IRS
text won: 1995's 402(g) limit is 9,240 ("remains unchanged", IRS release of December 23,
1994), not the 9,440 one table prints.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from megaroth.tax.limits import LIMITS

FIELDS = {
    "402g": "elective_deferrals_402g",
    "catch_up": "catch_up_50",
    "415c": "annual_additions_415c",
    "401a17": "compensation_401a17",
    "ira": "ira",
    "ira_catch_up": "ira_catch_up",
    "roth_single": "roth_phase_out_single",
    "roth_joint": "roth_phase_out_joint",
}

SECOND_SOURCE = {
    1987: (
        {"402g": 7000, "ira": 2000},
        "pensionsoft 402(g) table; brandoncurtis/wiki table (cites TSP bulletin oc08-13);"
        " dqydj & extension.org IRA history",
    ),
    1988: ({"402g": 7313, "ira": 2000}, "pensionsoft 402(g) table; brandoncurtis/wiki; dqydj IRA"),
    1989: (
        {"402g": 7627, "401a17": 200000, "ira": 2000},
        "pensionsoft 402(g) & 401(a)(17) tables; dqydj IRA",
    ),
    1990: (
        {"402g": 7979, "401a17": 209200, "ira": 2000},
        "pensionsoft 402(g) & 401(a)(17) tables; dqydj IRA",
    ),
    1991: ({"402g": 8475, "401a17": 222220, "ira": 2000}, "pensionsoft tables; dqydj IRA"),
    1992: ({"402g": 8728, "401a17": 228860, "ira": 2000}, "pensionsoft tables; dqydj IRA"),
    1993: (
        {"402g": 8994, "401a17": 235840, "ira": 2000},
        "pensionsoft tables; vlex (Davis) 'Impact of $150,000 compensation limit' (1993 "
        "limit $235,840); dqydj IRA",
    ),
    1994: (
        {"402g": 9240, "401a17": 150000, "ira": 2000},
        "pensionsoft tables; brandoncurtis/wiki; vlex (Davis); dqydj IRA",
    ),
    1995: (
        {"402g": 9240, "401a17": 150000, "ira": 2000},
        "brandoncurtis/wiki (402g 9,240; NOTE pensionsoft shows 9,440); pensionsoft "
        "401(a)(17); dqydj IRA",
    ),
    1996: (
        {"402g": 9500, "415c": 30000, "401a17": 150000, "ira": 2000},
        "retsource.com/limits/1996.html; crainsdetroit 1998-03-23 table; dqydj IRA",
    ),
    1997: (
        {"402g": 9500, "415c": 30000, "401a17": 160000, "ira": 2000},
        "retsource.com/limits/1997.html; findlaw 'Annual COLAs: 1997'; wagnerlawgroup Nov"
        " 1997; dqydj IRA",
    ),
    1998: (
        {
            "402g": 10000,
            "415c": 30000,
            "401a17": 160000,
            "ira": 2000,
            "roth_single": (95000, 110000),
            "roth_joint": (150000, 160000),
        },
        "Journal of Accountancy Jan 1998; crainsdetroit; wagnerlawgroup; dqydj IRA; "
        "experts123 & si.frajer (Treas. Reg. 1.408A-3 quote) for Roth",
    ),
    1999: (
        {
            "402g": 10000,
            "415c": 30000,
            "401a17": 160000,
            "ira": 2000,
            "roth_single": (95000, 110000),
            "roth_joint": (150000, 160000),
        },
        "retsource.com/limits/1999.html; IRS COLA table (webharvest 2004 snapshot); "
        "msfiscallyfit (1999 Roth); dqydj IRA",
    ),
    2000: (
        {"402g": 10500, "415c": 30000, "401a17": 170000, "ira": 2000},
        "IRS COLA table (webharvest 2004 snapshot); venable Oct 1999; dqydj IRA",
    ),
    2001: (
        {"402g": 10500, "415c": 35000, "401a17": 170000, "ira": 2000},
        "IRS COLA table (webharvest 2004 snapshot); retsource 2002 page (2001 column); dqydj IRA",
    ),
    2002: (
        {
            "402g": 11000,
            "catch_up": 1000,
            "415c": 40000,
            "401a17": 200000,
            "ira": 3000,
            "ira_catch_up": 500,
            "roth_single": (95000, 110000),
            "roth_joint": (150000, 160000),
        },
        "retsource.com/limits/2002.html; IRS COLA table (webharvest); CRS RS20629; "
        "familyfs.com (Roth)",
    ),
    2003: (
        {
            "402g": 12000,
            "catch_up": 2000,
            "415c": 40000,
            "401a17": 200000,
            "ira": 3000,
            "ira_catch_up": 500,
        },
        "mondaq 19625; wagnerlawgroup Nov 2002; IRS COLA table (webharvest); "
        "dqydj/mutual-funds-advisor IRA",
    ),
    2004: (
        {
            "402g": 13000,
            "catch_up": 3000,
            "415c": 41000,
            "401a17": 205000,
            "ira": 3000,
            "ira_catch_up": 500,
        },
        "benefitsconsulting.net; mondaq 23139; IRS COLA table (webharvest); dqydj IRA",
    ),
    2005: (
        {
            "402g": 14000,
            "catch_up": 4000,
            "415c": 42000,
            "401a17": 210000,
            "ira": 4000,
            "ira_catch_up": 500,
        },
        "fisherphillips 2005; mondaq 29469; IRS COLA table (webharvest); mutual-funds-"
        "advisor IRA ($4,000/$4,500)",
    ),
    2006: (
        {
            "402g": 15000,
            "catch_up": 5000,
            "415c": 44000,
            "401a17": 220000,
            "ira": 4000,
            "ira_catch_up": 1000,
            "roth_single": (95000, 110000),
            "roth_joint": (150000, 160000),
        },
        "benefitsconsulting.net; faegredrinker Oct 2005; washingtonpost 2006-12-31 (IRA & Roth)",
    ),
    2007: (
        {
            "402g": 15500,
            "catch_up": 5000,
            "415c": 45000,
            "401a17": 225000,
            "ira": 4000,
            "ira_catch_up": 1000,
            "roth_single": (99000, 114000),
            "roth_joint": (156000, 166000),
        },
        "IARFC Journal of Personal Finance Table 1 (yumpu); investopedia/Appleby & beamcap (Roth)",
    ),
    2008: (
        {
            "402g": 15500,
            "catch_up": 5000,
            "415c": 46000,
            "401a17": 230000,
            "ira": 5000,
            "ira_catch_up": 1000,
            "roth_single": (101000, 116000),
            "roth_joint": (159000, 169000),
        },
        "cbiz 2008 COLAs; IARFC table; investopedia & mymoneyblog (Roth)",
    ),
    2009: (
        {
            "402g": 16500,
            "catch_up": 5500,
            "415c": 49000,
            "401a17": 245000,
            "ira": 5000,
            "ira_catch_up": 1000,
            "roth_single": (105000, 120000),
            "roth_joint": (166000, 176000),
        },
        "parkerpoe Oct 2008; foley 2009/10; financialducksinarow 2009",
    ),
    2010: (
        {
            "402g": 16500,
            "catch_up": 5500,
            "415c": 49000,
            "401a17": 245000,
            "ira": 5000,
            "ira_catch_up": 1000,
            "roth_single": (105000, 120000),
            "roth_joint": (167000, 177000),
        },
        "foley 2009/10; foster.com; hzcapital 2010 table",
    ),
    2011: (
        {
            "402g": 16500,
            "catch_up": 5500,
            "415c": 49000,
            "401a17": 245000,
            "ira": 5000,
            "ira_catch_up": 1000,
            "roth_single": (107000, 122000),
            "roth_joint": (169000, 179000),
        },
        "tiaa-cref admin1011_109 table; irarothira.blogspot (Pub 590 table)",
    ),
    2012: (
        {
            "402g": 17000,
            "catch_up": 5500,
            "415c": 50000,
            "401a17": 250000,
            "ira": 5000,
            "ira_catch_up": 1000,
            "roth_single": (110000, 125000),
            "roth_joint": (173000, 183000),
        },
        "tiaa-cref admin1110_112 table; irs.gov COLA page (2014 version, 2012 column); "
        "fraserstryker (Roth)",
    ),
    2013: (
        {
            "402g": 17500,
            "catch_up": 5500,
            "415c": 51000,
            "401a17": 255000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (112000, 127000),
            "roth_joint": (178000, 188000),
        },
        "irs.gov COLA page (2014 version); thethinkers.com (Roth)",
    ),
    2014: (
        {
            "402g": 17500,
            "catch_up": 5500,
            "415c": 52000,
            "401a17": 260000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (114000, 129000),
            "roth_joint": (181000, 191000),
        },
        "irs.gov COLA page (2014 & 2016 versions); ahpplc (Roth)",
    ),
    2015: (
        {
            "402g": 18000,
            "catch_up": 6000,
            "415c": 53000,
            "401a17": 265000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (116000, 131000),
            "roth_joint": (183000, 193000),
        },
        "irs.gov COLA page (2016 version); bfsg (Roth joint); integritypension (Roth "
        "single, as 2015 'from' value)",
    ),
    2016: (
        {
            "402g": 18000,
            "catch_up": 6000,
            "415c": 53000,
            "401a17": 265000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (117000, 132000),
            "roth_joint": (184000, 194000),
        },
        "irs.gov COLA page (2016 version); integritypension (Roth)",
    ),
    2017: (
        {
            "402g": 18000,
            "catch_up": 6000,
            "415c": 54000,
            "401a17": 270000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (118000, 133000),
            "roth_joint": (186000, 196000),
        },
        "irs.gov COLA page (2019 version); fidelity.com ira-benefits-faq (Roth)",
    ),
    2018: (
        {
            "402g": 18500,
            "catch_up": 6000,
            "415c": 55000,
            "401a17": 275000,
            "ira": 5500,
            "ira_catch_up": 1000,
            "roth_single": (120000, 135000),
            "roth_joint": (189000, 199000),
        },
        "irs.gov COLA page (2019 version); irahelp.com & fidelity.com (Roth)",
    ),
    2019: (
        {
            "402g": 19000,
            "catch_up": 6000,
            "415c": 56000,
            "401a17": 280000,
            "ira": 6000,
            "ira_catch_up": 1000,
            "roth_single": (122000, 137000),
            "roth_joint": (193000, 203000),
        },
        "irs.gov COLA page (2019 & ko versions); irahelp.com & nerdwallet (Roth)",
    ),
    2020: (
        {
            "402g": 19500,
            "catch_up": 6500,
            "415c": 57000,
            "401a17": 285000,
            "ira": 6000,
            "ira_catch_up": 1000,
            "roth_single": (124000, 139000),
            "roth_joint": (196000, 206000),
        },
        "irs.gov/ko COLA page; safemoneymba (2020 Pub 590-A worksheet) & "
        "Kiplinger/richmond.com (Roth)",
    ),
    2021: (
        {
            "402g": 19500,
            "catch_up": 6500,
            "415c": 58000,
            "401a17": 290000,
            "ira": 6000,
            "ira_catch_up": 1000,
            "roth_single": (125000, 140000),
            "roth_joint": (198000, 208000),
        },
        "irs.gov COLA page (2024 version); pensionsoft 401(a)(17); Kiplinger/richmond.com"
        " & accountingpartnersinc (Roth)",
    ),
}


@pytest.mark.parametrize("year", sorted(SECOND_SOURCE))
def test_each_year_agrees_with_a_second_source(year: int) -> None:
    figures, source = SECOND_SOURCE[year]
    assert source
    for key, figure in figures.items():
        value = getattr(LIMITS[year], FIELDS[key])
        expected = tuple(D(n) for n in figure) if isinstance(figure, tuple) else D(figure)
        assert value == expected, (year, key, source)


def test_every_year_from_1987_has_its_figures_and_a_source() -> None:
    assert sorted(LIMITS) == list(range(1987, 2027))
    for year, limits in LIMITS.items():
        assert limits.source, year
        assert limits.elective_deferrals_402g > 0
        # Rules that came later: catch-up in 2002, 401(a)(17) in 1989, the Roth IRA in 1998.
        assert (limits.catch_up_50 > 0) is (year >= 2002), year
        assert (limits.compensation_401a17 is not None) is (year >= 1989), year
        assert (limits.roth_phase_out_single is not None) is (year >= 1998), year
        assert limits.additions_pay_share == (D("0.25") if year < 2002 else D(1)), year
