"""Roth IRA money coming out, at the edges mutation testing found unasserted (issue 20:
survivors of ``megaroth.tax.roth_ira``), each on a ledger worked by hand.

What each test pins: the year's record of a person's Roth IRAs (what came in, what came
out), contributions added up per tax year, designated Roth money rolled in (qualified: all of
it; else its basis), 60-day rollovers, a layer's nontaxable part, layers taken in order,
amounts of a dollar, a contribution returned the same year, each distribution's share, and
the 5-year clocks (their order, a clock that starts this year, in-plan Roth rollovers and the
exceptions that spare the 10%).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import build_report, load, without_findings
from tests.engine.test_law_boundaries import COMMON, analysed, ira, person, plan

D = Decimal


def part_iii(report: dict[str, Any], who: str) -> list[str]:
    """Form 8606 lines 19, 20, 21, 22, 23, 24, 25a and 25c."""
    lines = report["people"][who]["form_8606"]
    return [lines[f"line{n}"] for n in ("19", "20", "21", "22", "23", "24", "25a", "25c")]


def clocks(report: dict[str, Any], who: str) -> list[tuple[Any, ...]]:
    fields = ("what", "account", "start_year", "end_year", "exposed", "subject_to_10_percent")
    return [tuple(c[f] for f in fields) for c in report["people"][who]["five_year_clocks"]]


def roth_distributions(analysis: Analysis) -> list[Any]:
    return [m for m in analysis.basis.movements if m.kind.value == "distribution"]


# The year's record --------------------------------------------------------------------

LOU = (
    person("lou", "1965-03-14")
    + ira("Assets:LouIRA", "traditional", "lou")
    + ira("Assets:LouRothIRA", "roth", "lou")
    + plan("Assets:Lou401k", "lou")
    + """
2015-03-01 * "Bank" "Roth IRA contribution for 2015"
  Assets:LouRothIRA  5000.00 USD
  Assets:Checking
2016-01-15 * "Payroll" "Roth deferrals"
  Assets:Lou401k:Roth  8000.00 USD
  Income:Salary
2023-12-31 * "Growth"
  Assets:Lou401k:Roth  2000.00 USD
  Assets:LouRothIRA  4000.00 USD
  Income:Retirement:MarketValue
2024-01-10 * "Old 401(k) rolled over"
  Assets:LouIRA  3000.00 USD
  Equity:Opening
2024-02-01 * "Plan" "Direct rollover of the Roth 401(k)"
  Assets:Lou401k:Roth  -10000.00 USD
  Assets:LouRothIRA     10000.00 USD
2024-02-15 * "Broker" "Conversion"
  Assets:LouIRA      -3000.00 USD
  Assets:LouRothIRA   3000.00 USD
2024-03-01 * "Broker" "Withdrawal before 59 1/2"
  Assets:LouRothIRA  -4000.00 USD
  Assets:Checking
2024-10-01 * "Broker" "Withdrawal after 59 1/2"
  Assets:LouRothIRA  -6000.00 USD
  Assets:Checking
"""
)


def test_the_year_record_of_a_roth_ira_with_everything_coming_in_and_going_out() -> None:
    """Lou (born 1965-03-14: 59 1/2 on 2024-09-14) has contributed 5,000 to a Roth IRA for
    2015 (period 2015-2019, met). In 2024 he rolls his Roth 401(k) (8,000 of deferrals since
    2016, worth 10,000) into the Roth IRA on 2024-02-01, before 59 1/2: a nonqualified plan
    distribution, so its investment in the contract, 8,000, counts as regular contributions
    (Reg. 1.408A-10 Q&A-3(a); Form 8606 instructions, line 22). On 2024-02-15 he converts
    3,000 of pre-tax IRA money (all taxable). He takes 4,000 on 2024-03-01 (before 59 1/2:
    nonqualified) and 6,000 on 2024-10-01 (after it, 5 years met: qualified, IRC 408A(d)(2)).

    The year: 10,000 distributed, 6,000 of it qualified; before them 5,000 + 8,000 = 13,000
    of contribution basis and 3,000 of conversions. Ordered over the year's total (IRC
    408A(d)(4)(B); Reg. 1.408A-6 Q&A-9) all 10,000 come from contributions, 3,000 left.
    Part III has the nonqualified 4,000 only: 19 = 21 = 4,000, 22 = 13,000, 23 = 0, so
    lines 24 and 25 are skipped: 24 = 0 though 3,000 was converted (Form 8606 instructions:
    "If line 23 is zero, skip lines 24 and 25")."""
    analysis, errors = analysed(LOU)
    assert errors == []
    record = analysis.roth["lou"].years[2024]
    names = ("regular", "designated_roth", "converted", "distributed", "qualified",
             "contributions_before", "conversions_before", "from_contributions",
             "from_conversions", "contributions_after")  # fmt: skip
    assert {n: getattr(record, n) for n in names} == {
        "regular": D("0"), "designated_roth": D("8000"), "converted": D("3000"),
        "distributed": D("10000"), "qualified": D("6000"), "contributions_before": D("13000"),
        "conversions_before": D("3000"), "from_contributions": D("10000"),
        "from_conversions": D("0"), "contributions_after": D("3000")}  # fmt: skip
    assert part_iii(build_report(analysis, 2024, "lou"), "lou") == [
        "4000.00", "0.00", "4000.00", "13000.00", "0.00", "0.00", "0.00", "0.00"]  # fmt: skip
    assert [m.code for m in roth_distributions(analysis)] == ["J", "Q"]


def test_two_contributions_for_one_tax_year_add_up_on_line_22() -> None:
    """Mia (39) contributes 3,000 on 2024-01-10 and 4,000 on 2024-06-10, both for 2024, and
    takes 8,000 on 2024-09-01 after 1,000 of growth. Contributions for the year are all of
    them (IRC 408A(c); Form 8606 instructions, line 22 worksheet): 19 = 21 = 8,000,
    22 = 7,000, 23 = 1,000 of earnings, 24 = 0, 25a = 25c = 1,000 taxable."""
    analysis, errors = analysed(
        person("mia", "1985-01-01")
        + ira("Assets:MiaRothIRA", "roth", "mia")
        + """
2024-01-10 * "Bank" "Roth IRA contribution"
  Assets:MiaRothIRA  3000.00 USD
  Assets:Checking
2024-06-10 * "Bank" "Roth IRA contribution"
  Assets:MiaRothIRA  4000.00 USD
  Assets:Checking
2024-08-31 * "Growth"
  Assets:MiaRothIRA  1000.00 USD
  Income:Retirement:MarketValue
2024-09-01 * "Broker" "Withdrawal"
  Assets:MiaRothIRA  -8000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert part_iii(build_report(analysis, 2024, "mia"), "mia") == [
        "8000.00",
        "0.00",
        "8000.00",
        "7000.00",
        "1000.00",
        "0.00",
        "1000.00",
        "1000.00",
    ]


# Designated Roth money rolled in ------------------------------------------------------


def test_designated_roth_rolled_in_counts_whole_when_qualified_and_its_basis_when_not() -> None:
    """Pat (born 1955, 69 in 2024) rolls two Roth 401(k)s into a new Roth IRA in 2024:
    Acme's (deferrals of 10,000 since 2010, worth 15,000: its period 2010-2014 met, past
    59 1/2, so a qualified distribution, IRC 402A(d)(2)) and Beta's (5,000 since 2021, worth
    6,000: period 2021-2025 not met, nonqualified). Of a qualified distribution all of it is
    investment in the contract; of the other, its basis (Reg. 1.408A-10 Q&A-3(a)): line 22
    = 15,000 + 5,000 = 20,000. His Roth IRA's own period starts in 2024 (Reg. 1.408A-10
    Q&A-4: the plan's years don't carry over), so the 21,000 he takes on 2024-06-01 is
    nonqualified: 19 = 21 = 21,000, 22 = 20,000, 23 = 1,000 (Beta's earnings), 24 = 0,
    25a = 25c = 1,000 taxable."""
    analysis, errors = analysed(
        person("pat", "1955-01-01")
        + plan("Assets:PatAcme401k", "pat")
        + plan("Assets:PatBeta401k", "pat")
        + ira("Assets:PatRothIRA", "roth", "pat")
        + """
2010-01-15 * "Payroll" "Roth deferrals"
  Assets:PatAcme401k:Roth  10000.00 USD
  Income:Salary
2021-01-15 * "Payroll" "Roth deferrals"
  Assets:PatBeta401k:Roth  5000.00 USD
  Income:Salary
2023-12-31 * "Growth"
  Assets:PatAcme401k:Roth  5000.00 USD
  Assets:PatBeta401k:Roth  1000.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Acme" "Direct rollover of the Roth 401(k)"
  Assets:PatAcme401k:Roth  -15000.00 USD
  Assets:PatRothIRA         15000.00 USD
2024-02-01 * "Beta" "Direct rollover of the Roth 401(k)"
  Assets:PatBeta401k:Roth  -6000.00 USD
  Assets:PatRothIRA         6000.00 USD
2024-06-01 * "Broker" "Withdrawal"
  Assets:PatRothIRA  -21000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    report = build_report(analysis, 2024, "pat")
    assert part_iii(report, "pat") == ["21000.00", "0.00", "21000.00", "20000.00", "1000.00",
                                       "0.00", "1000.00", "1000.00"]  # fmt: skip
    assert report["people"]["pat"]["form_1040"]["line4b"] == "1000.00"


def test_a_deceased_spouses_qualified_roth_401k_rolled_in_counts_whole() -> None:
    """Dee dies on 2024-03-01 with a Roth 401(k) of 10,000 of deferrals since 2010, worth
    15,000; her husband Eve (42) rolls it into his own, new Roth IRA on 2024-06-01. Paid to
    a beneficiary after death with the plan's period (2010-2014) met, it is a qualified
    distribution (IRC 402A(d)(2)(A), 408A(d)(2)(A)(ii)), judged on Dee, whose plan it was:
    all 15,000 is investment in the contract in Eve's Roth IRA (Reg. 1.408A-10 Q&A-3(a)).
    Eve's own period starts in 2024, so the 15,000 he takes on 2024-09-01 is nonqualified:
    19 = 21 = 15,000, 22 = 15,000, 23 = 0: nothing taxable (judged on Eve, the plan is not
    his: only its 10,000 of basis, and 5,000 taxable)."""
    analysis, errors = analysed(
        '2000-01-01 custom "megaroth-person" "dee"\n  birth-date: 1980-01-01\n'
        "  death-date: 2024-03-01\n"
        + person("eve", "1982-01-01")
        + plan("Assets:Dee401k", "dee")
        + ira("Assets:EveRothIRA", "roth", "eve")
        + """
2010-01-15 * "Payroll" "Roth deferrals"
  Assets:Dee401k:Roth  10000.00 USD
  Income:Salary
2023-12-31 * "Growth"
  Assets:Dee401k:Roth  5000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Plan" "Direct rollover to the surviving spouse's Roth IRA"
  Assets:Dee401k:Roth  -15000.00 USD
  Assets:EveRothIRA     15000.00 USD
2024-09-01 * "Broker" "Withdrawal"
  Assets:EveRothIRA  -15000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert part_iii(build_report(analysis, 2024, "eve"), "eve") == [
        "15000.00", "0.00", "15000.00", "15000.00", "0.00", "0.00", "0.00", "0.00"]  # fmt: skip


# 60-day rollovers: what is put back is no distribution ----------------------------------

PIA = (
    person("pia", "1985-01-01")
    + ira("Assets:PiaRothIRA", "roth", "pia")
    + ira("Assets:PiaRothIRA2", "roth", "pia")
    + """
2020-03-01 * "Bank" "Roth IRA contribution"
  Assets:PiaRothIRA  6000.00 USD
  Assets:Checking
2023-12-31 * "Growth"
  Assets:PiaRothIRA  4000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "Broker" "Withdrawal" ^rollover-pia
  indirect-rollover: TRUE
  Assets:PiaRothIRA  -8000.00 USD
  Assets:Checking
2024-04-15 * "Broker 2" "Put back" ^rollover-pia
  indirect-rollover: TRUE
  Assets:PiaRothIRA2  5000.00 USD
  Assets:Checking
"""
)


def test_a_roth_ira_distribution_partly_put_back_within_60_days() -> None:
    """Pia (39) takes 8,000 out of her Roth IRA on 2024-03-01 and puts 5,000 into another
    Roth IRA 45 days later: a 60-day rollover of 5,000 (IRC 408A(e), 408(d)(3)). Only the
    3,000 kept is a distribution (Form 8606 instructions, line 19: rollovers are not
    included): 19 = 21 = 3,000, 22 = 6,000, 23 = 0; all of it basis, nothing taxable."""
    analysis, errors = analysed(PIA)
    assert errors == []
    assert part_iii(build_report(analysis, 2024, "pia"), "pia") == [
        "3000.00", "0.00", "3000.00", "6000.00", "0.00", "0.00", "0.00", "0.00"]  # fmt: skip
    (distribution,) = roth_distributions(analysis)
    assert (distribution.basis, distribution.taxable) == (D("3000.00"), D("0.00"))
    # Its explanation keeps what it is and the rollover, then gives the year's Part III.
    assert distribution.rule.startswith("Nonqualified Roth IRA distribution: added to the ")
    assert distribution.rule.endswith(
        "Of it, 5,000.00 was put back into Assets:PiaRothIRA2 on 2024-04-15, 45 days later: "
        "an indirect rollover (IRC 402(c)(3), 408(d)(3)). Form 8606 2024 Part III, all Roth "
        "IRA distributions of the year together: line 19 = 3,000.00, line 22 = 6,000.00, line "
        "24 = 0.00, line 25c = 0.00 taxable."
    )


def test_a_roth_ira_distribution_put_back_whole_is_on_no_part_iii() -> None:
    """The same 8,000 put back whole: no distribution at all (line 19 excludes rollovers),
    so there is no Part III for 2024 and the distribution's explanation quotes none; its
    1099-R still shows it (box 1 8,000, code J)."""
    analysis, errors = analysed(PIA.replace("PiaRothIRA2  5000.00", "PiaRothIRA2  8000.00"))
    assert errors == []
    assert analysis.roth["pia"].part_iii.get(2024) is None
    (distribution,) = roth_distributions(analysis)
    assert "Part III, all Roth IRA distributions" not in distribution.rule
    (form,) = build_report(analysis, 2024, "pia")["form_1099r"]
    assert (form["code"], form["expected"]["box1"]) == ("J", "8000.00")


# A layer's parts, the layers in order, a dollar -----------------------------------------

KIM = (
    person("kim", "1985-01-01")
    + ira("Assets:KimIRA", "traditional", "kim")
    + ira("Assets:KimRothIRA", "roth", "kim")
    + """
2022-02-01 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:KimIRA  6000.00 USD
  Assets:Checking
2022-02-10 * "Broker" "Backdoor conversion"
  Assets:KimIRA      -6000.00 USD
  Assets:KimRothIRA   6000.00 USD
2023-12-31 * "Growth"
  Assets:KimRothIRA  1000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Broker" "Withdrawal"
  Assets:KimRothIRA  -2000.00 USD
  Assets:Checking
2025-06-01 * "Broker" "Withdrawal"
  Assets:KimRothIRA  -5000.00 USD
  Assets:Checking
"""
)


def test_a_backdoor_conversions_nontaxable_part_comes_out_and_the_rest_stays_basis() -> None:
    """Kim (39) converts a 6,000 nondeductible contribution in 2022 (Form 8606 2022: line 18
    = 0, nothing taxable): a layer all nontaxable. The 2,000 she takes in 2024 comes out of
    it (IRC 408A(d)(4)(B)(ii): conversions after contributions, the taxable part first, here
    none): all basis, no 10% (none of it was taxable, IRC 408A(d)(3)(F)). Part III 2024:
    19 = 2,000, 22 = 0, 23 = 2,000, 24 = 6,000, 25a = 0. 4,000 of the conversion is left as
    2024 ends. In 2025 she takes 5,000: the line 24 chart gives 6,000 - 2,000 = 4,000, so
    23 = 5,000, 24 = 4,000 and 25a = 1,000 of earnings is taxable."""
    analysis, errors = analysed(KIM)
    assert errors == []
    in_2024 = build_report(analysis, 2024, "kim")
    assert part_iii(in_2024, "kim") == ["2000.00", "0.00", "2000.00", "0.00", "2000.00",
                                        "6000.00", "0.00", "0.00"]  # fmt: skip
    assert in_2024["people"]["kim"]["roth_basis_at_year_end"] == {
        "roth_ira_contributions": "0.00", "roth_ira_conversions_taxed": "0.00",
        "roth_ira_conversions_untaxed": "4000.00", "designated_roth": "0.00"}  # fmt: skip
    first, _ = roth_distributions(analysis)
    assert (first.basis, first.taxable) == (D("2000.00"), D("0.00"))
    assert part_iii(build_report(analysis, 2025, "kim"), "kim") == [
        "5000.00",
        "0.00",
        "5000.00",
        "0.00",
        "5000.00",
        "4000.00",
        "1000.00",
        "1000.00",
    ]


OZ = (
    person("oz", "1985-01-01")
    + ira("Assets:OzIRA", "traditional", "oz")
    + ira("Assets:OzRothIRA", "roth", "oz")
    + """
2021-01-04 * "Old 401(k) rolled over"
  Assets:OzIRA  2000.00 USD
  Equity:Opening
2021-02-01 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:OzIRA  3000.00 USD
  Assets:Checking
2021-03-01 * "Broker" "Conversion"
  Assets:OzIRA      -5000.00 USD
  Assets:OzRothIRA   5000.00 USD
2022-01-04 * "Old 403(b) rolled over"
  Assets:OzIRA  4000.00 USD
  Equity:Opening
2022-03-01 * "Broker" "Conversion"
  Assets:OzIRA      -4000.00 USD
  Assets:OzRothIRA   4000.00 USD
2023-12-31 * "Growth"
  Assets:OzRothIRA  1000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Broker" "Withdrawal"
  Assets:OzRothIRA  -6000.00 USD
  Assets:Checking
2025-06-01 * "Broker" "Withdrawal"
  Assets:OzRothIRA  -1000.00 USD
  Assets:Checking
"""
)


def test_conversions_come_out_whole_and_oldest_first_past_one_used_up() -> None:
    """Oz (39 in 2024) converts 5,000 in 2021, 2,000 of it pre-tax and 3,000 basis (Form
    8606 2021: line 18 = 2,000), and 4,000 of pre-tax money in 2022 (all taxable).

    2024, 6,000 out, no contributions: 2021's layer whole, taxable 2,000 then nontaxable
    3,000, then 1,000 of 2022's taxable part (IRC 408A(d)(4)(B)(ii), (iii); Reg. 1.408A-6
    Q&A-8). Taxable parts inside their 5 years (2021-2025, 2022-2026) at 39: 2,000 + 1,000
    = 3,000 subject to the 10% (IRC 408A(d)(3)(F)); 3,000 of 2022's still exposed.
    2025, 1,000 out: 2021's layer is used up, so it comes from 2022's: 1,000 more subject,
    2,000 still exposed."""
    analysis, errors = analysed(OZ)
    assert errors == []
    in_2024 = build_report(analysis, 2024, "oz")
    assert part_iii(in_2024, "oz") == ["6000.00", "0.00", "6000.00", "0.00", "6000.00",
                                       "9000.00", "0.00", "0.00"]  # fmt: skip
    assert clocks(in_2024, "oz")[1:] == [
        ("ira-conversion of 2021-03-01", "", 2021, 2025, "0.00", "2000.00"),
        ("ira-conversion of 2022-03-01", "", 2022, 2026, "3000.00", "1000.00"),
    ]
    assert in_2024["people"]["oz"]["roth_ira"]["subject_to_10_percent"] == "3000.00"
    in_2025 = build_report(analysis, 2025, "oz")
    assert clocks(in_2025, "oz")[1:] == [
        ("ira-conversion of 2021-03-01", "", 2021, 2025, "0.00", "0.00"),
        ("ira-conversion of 2022-03-01", "", 2022, 2026, "2000.00", "1000.00"),
    ]


def test_a_dollar_over_the_contributions_and_a_distribution_of_a_dollar() -> None:
    """Ned (39) contributes 5,000 for 2023 and converts 2,000 of pre-tax money in 2023. In
    2024 he takes 5,001: 5,000 of contributions, then exactly 1.00 of the conversion's
    taxable part, inside its 5 years (2023-2027) with no exception: 1.00 subject to the 10%
    (IRC 408A(d)(3)(F)); Part III 19 = 5,001, 22 = 5,000, 23 = 1, 24 = 2,000, 25a = 0.
    In 2025 he takes 1.00: still a distribution, Part III 19 = 1.00, 22 = 0, 23 = 1.00,
    24 = 1,999 (the line 24 chart: 2,000 less 2024's line 23), 25a = 0; another 1.00 subject
    to the 10%."""
    analysis, errors = analysed(
        person("ned", "1985-01-01")
        + ira("Assets:NedIRA", "traditional", "ned")
        + ira("Assets:NedRothIRA", "roth", "ned")
        + """
2023-01-04 * "Old 401(k) rolled over"
  Assets:NedIRA  2000.00 USD
  Equity:Opening
2023-02-01 * "Bank" "Roth IRA contribution"
  Assets:NedRothIRA  5000.00 USD
  Assets:Checking
2023-03-01 * "Broker" "Conversion"
  Assets:NedIRA      -2000.00 USD
  Assets:NedRothIRA   2000.00 USD
2024-06-01 * "Broker" "Withdrawal"
  Assets:NedRothIRA  -5001.00 USD
  Assets:Checking
2025-06-01 * "Broker" "Withdrawal"
  Assets:NedRothIRA  -1.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    in_2024 = build_report(analysis, 2024, "ned")
    assert part_iii(in_2024, "ned") == ["5001.00", "0.00", "5001.00", "5000.00", "1.00",
                                        "2000.00", "0.00", "0.00"]  # fmt: skip
    assert in_2024["people"]["ned"]["roth_ira"]["subject_to_10_percent"] == "1.00"
    in_2025 = build_report(analysis, 2025, "ned")
    assert part_iii(in_2025, "ned") == ["1.00", "0.00", "1.00", "0.00", "1.00", "1999.00",
                                        "0.00", "0.00"]  # fmt: skip
    assert in_2025["people"]["ned"]["roth_ira"]["subject_to_10_percent"] == "1.00"


def test_each_of_three_equal_distributions_is_its_basis_plus_its_taxable_part() -> None:
    """Ivo (39) contributed 1,000 for 2020, grown to 4,000, and takes 1,000 three times in
    2024. Part III: 19 = 3,000, 22 = 1,000, 23 = 25c = 2,000. Each distribution gets its
    share of the basis and of line 25c by its amount (Reg. 1.408A-6 Q&A-9: the year's
    distributions are one). 1,000 / 3 does not go into cents: basis 333.34, 333.33, 333.33.
    Each is its basis and its taxable part, nothing of it neither (no first home, no
    qualified part), and the taxable parts are line 25c's 2,000 between them: 666.66,
    666.67, 666.67. (Rounding the two shares apart would give the first 333.34 + 666.67 =
    1,000.01, more than it paid, and, capped, leave a cent of 25c on no distribution.)"""
    analysis, errors = analysed(
        person("ivo", "1985-01-01")
        + ira("Assets:IvoRothIRA", "roth", "ivo")
        + """
2020-03-01 * "Bank" "Roth IRA contribution"
  Assets:IvoRothIRA  1000.00 USD
  Assets:Checking
2023-12-31 * "Growth"
  Assets:IvoRothIRA  3000.00 USD
  Income:Retirement:MarketValue
2024-02-01 * "Broker" "Withdrawal"
  Assets:IvoRothIRA  -1000.00 USD
  Assets:Checking
2024-05-01 * "Broker" "Withdrawal"
  Assets:IvoRothIRA  -1000.00 USD
  Assets:Checking
2024-08-01 * "Broker" "Withdrawal"
  Assets:IvoRothIRA  -1000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert part_iii(build_report(analysis, 2024, "ivo"), "ivo") == [
        "3000.00",
        "0.00",
        "3000.00",
        "1000.00",
        "2000.00",
        "0.00",
        "2000.00",
        "2000.00",
    ]
    paid = roth_distributions(analysis)
    assert [(m.basis, m.taxable) for m in paid] == [
        (D("333.34"), D("666.66")),
        (D("333.33"), D("666.67")),
        (D("333.33"), D("666.67")),
    ]
    assert sum((m.taxable for m in paid), D(0)) == D("2000.00")


# A contribution returned the same year -------------------------------------------------


def test_a_contribution_returned_in_its_own_year_is_code_8_with_its_earnings_taxable() -> None:
    """Mo (39, MAGI 170,000 single: past the 2024 phase-out) contributes 7,000 for 2024 on
    2024-02-01 and has it returned on 2024-11-01 with 210 of earnings (IRC 408(d)(4)). The
    earnings are taxable for 2024, the year of the distribution itself: code 8, with J
    (Instructions for Forms 1099-R, code 8: "taxable in 2024"), not P. Basis 7,000, taxable
    7,210 - 7,000 = 210; the IRA knows the earnings, so box 2a is determined. Not on Form
    8606 (Reg. 1.408A-6 Q&A-1(d)); Form 1040 line 4b = 210."""
    analysis, errors = analysed(
        person("mo", "1985-01-01")
        + ira("Assets:MoRothIRA", "roth", "mo")
        + """
2025-04-01 custom "megaroth-magi" "mo" 2024 170000.00 USD "single"
2024-02-01 * "Bank" "Roth IRA contribution for 2024"
  Assets:MoRothIRA  7000.00 USD
  Assets:Checking
2024-06-30 * "Broker" "Growth"
  Assets:MoRothIRA  210.00 USD
  Income:Retirement:MarketValue
2024-11-01 * "Broker" "Excess contribution returned"
  returned-contribution: 7000.00 USD
  tax-year: 2024
  Assets:MoRothIRA  -7210.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    report = build_report(analysis, 2024, "mo")
    (movement,) = report["movements"]
    assert (movement["code"], movement["basis"], movement["taxable"],
            movement["taxable_not_determined"]) == ("8J", "7000.00", "210.00", False)  # fmt: skip
    assert movement["rule"] == (
        "A 2024 contribution of 7,000.00 returned with its earnings by the due date (IRC "
        "408(d)(4)): treated as never contributed, so not on Form 8606; the earnings, 210.00, "
        "are taxable for 2024 (IRC 408(d)(4)(C); Reg. 1.408A-6 Q&A-1(d) for a Roth IRA)."
    )
    assert part_iii(report, "mo")[0] == "0.00"
    assert report["people"]["mo"]["form_1040"]["line4b"] == "210.00"


# The 5-year clocks ---------------------------------------------------------------------


def test_clocks_in_their_order_and_those_that_start_this_year() -> None:
    """Ria (39) has had a Roth IRA since 2020 (period 2020-2024, still running as 2024
    ends). In 2024 she makes her first Roth deferral (the plan's box 11 period 2024-2028),
    rolls 5,000 of after-tax money with 200 of earnings into Roth inside the plan (its own
    period 2024-2028, the 200 taxable: exposed to the 10%, IRC 402A(c)(4)(D)) and converts
    1,000 of pre-tax IRA money (period 2024-2028, 1,000 exposed, IRC 408A(d)(3)(F)).

    As 2024 ends every clock that starts in 2024 is listed; the plans' box 11 clocks come
    first (by plan), then the Roth IRAs', then the in-plan rollovers' of each year, then each
    conversion's (no account: all Roth IRAs are one)."""
    analysis, errors = analysed(
        person("ria", "1985-01-01")
        + plan("Assets:Ria401k", "ria")
        + "2000-01-01 open Assets:Ria401k:IRR\n"
        + ira("Assets:RiaIRA", "traditional", "ria")
        + ira("Assets:RiaRothIRA", "roth", "ria")
        + """
2020-03-01 * "Bank" "Roth IRA contribution"
  Assets:RiaRothIRA  6000.00 USD
  Assets:Checking
2024-01-04 * "Old 401(k) rolled over"
  Assets:RiaIRA  1000.00 USD
  Equity:Opening
2024-01-10 * "Payroll"
  Assets:Ria401k:Roth      1000.00 USD
  Assets:Ria401k:AfterTax  5000.00 USD
  Income:Salary
2024-01-15 * "Growth"
  Assets:Ria401k:AfterTax  200.00 USD
  Income:Retirement:MarketValue
2024-01-20 * "Plan" "In-plan Roth rollover"
  Assets:Ria401k:AfterTax  -5200.00 USD
  Assets:Ria401k:IRR        5200.00 USD
2024-03-01 * "Broker" "Conversion"
  Assets:RiaIRA      -1000.00 USD
  Assets:RiaRothIRA   1000.00 USD
"""
    )
    assert errors == []
    assert clocks(build_report(analysis, 2024, "ria"), "ria") == [
        ("designated Roth account (box 11)", "Assets:Ria401k", 2024, 2028, "0.00", "0.00"),
        ("Roth IRA (qualified distributions)", "", 2020, 2024, "0.00", "0.00"),
        ("in-plan Roth rollovers of 2024", "Assets:Ria401k", 2024, 2028, "200.00", "0.00"),
        ("ira-conversion of 2024-03-01", "", 2024, 2028, "1000.00", "0.00"),
    ]


def test_the_plans_clocks_come_first_whatever_the_assets_root_is_called() -> None:
    """Beancount lets a ledger name its Assets root (``option "name_assets"``). Ria's
    accounts live under Vermoegen: her plan's box 11 clock (2024-2028) still comes before
    her Roth IRAs' clock (2020-2024), as with Assets: plans by name, then the Roth IRAs."""
    text = (
        'option "name_assets" "Vermoegen"\n'
        + COMMON
        + person("ria", "1985-01-01")
        + plan("Assets:Ria401k", "ria")
        + ira("Assets:RiaRothIRA", "roth", "ria")
        + """
2020-03-01 * "Bank" "Roth IRA contribution"
  Assets:RiaRothIRA  6000.00 USD
  Assets:Checking
2024-01-10 * "Payroll"
  Assets:Ria401k:Roth  1000.00 USD
  Income:Salary
"""
    ).replace("Assets:", "Vermoegen:")
    entries, errors, options = load(text)
    assert without_findings(errors) == []
    report = build_report(analyse(entries, options), 2024, "ria")
    assert clocks(report, "ria") == [
        ("designated Roth account (box 11)", "Vermoegen:Ria401k", 2024, 2028, "0.00", "0.00"),
        ("Roth IRA (qualified distributions)", "", 2020, 2024, "0.00", "0.00"),
    ]


def test_a_conversion_clock_of_one_spouse_when_the_other_has_no_roth_ira_yet() -> None:
    """Abe and Zoe (both 39). Zoe converted 3,000 of pre-tax money in 2023 (period
    2023-2027, all exposed); Abe's first Roth IRA money comes only in 2025. As 2024 ends
    Abe's Roth IRAs have no history yet, and Zoe's conversion clock is still hers to see."""
    analysis, errors = analysed(
        person("abe", "1985-01-01")
        + person("zoe", "1985-01-01")
        + ira("Assets:AbeRothIRA", "roth", "abe")
        + ira("Assets:ZoeIRA", "traditional", "zoe")
        + ira("Assets:ZoeRothIRA", "roth", "zoe")
        + """
2023-01-04 * "Old 401(k) rolled over"
  Assets:ZoeIRA  3000.00 USD
  Equity:Opening
2023-03-01 * "Broker" "Conversion"
  Assets:ZoeIRA      -3000.00 USD
  Assets:ZoeRothIRA   3000.00 USD
2025-03-01 * "Bank" "Roth IRA contribution"
  Assets:AbeRothIRA  7000.00 USD
  Assets:Checking
"""
    )
    assert errors == []
    assert clocks(build_report(analysis, 2024, "zoe"), "zoe") == [
        ("Roth IRA (qualified distributions)", "", 2023, 2027, "0.00", "0.00"),
        ("ira-conversion of 2023-03-01", "", 2023, 2027, "3000.00", "0.00"),
    ]
    assert clocks(build_report(analysis, 2024, "abe"), "abe") == []


def _plan_with_irr(account: str, owner: str, separated: str | None = None) -> str:
    text = plan(account, owner) + f"2000-01-01 open {account}:IRR\n"
    if separated:
        text = text.replace(
            "  in-plan-conversion: TRUE\n",
            f"  in-plan-conversion: TRUE\n  separation-date: {separated}\n",
        )
    return text


HAL = (
    person("hal", "1968-01-01")
    + person("ada", "1950-01-01")
    + _plan_with_irr("Assets:HalAcme401k", "hal", "2024-03-31")
    + _plan_with_irr("Assets:HalBeta401k", "hal")
    + _plan_with_irr("Assets:AdaGamma401k", "ada")
    + """
2022-01-10 * "Payroll"
  Assets:HalAcme401k:AfterTax   10000.00 USD
  Assets:HalBeta401k:AfterTax   10000.00 USD
  Assets:AdaGamma401k:AfterTax  10000.00 USD
  Income:Salary
2022-01-15 * "Growth"
  Assets:HalAcme401k:AfterTax   1000.00 USD
  Assets:HalBeta401k:AfterTax   1000.00 USD
  Assets:AdaGamma401k:AfterTax  1000.00 USD
  Income:Retirement:MarketValue
2022-01-20 * "Acme" "In-plan Roth rollover"
  Assets:HalAcme401k:AfterTax  -11000.00 USD
  Assets:HalAcme401k:IRR        11000.00 USD
2022-01-20 * "Beta" "In-plan Roth rollover"
  Assets:HalBeta401k:AfterTax  -11000.00 USD
  Assets:HalBeta401k:IRR        11000.00 USD
2022-01-20 * "Gamma" "In-plan Roth rollover"
  Assets:AdaGamma401k:AfterTax  -11000.00 USD
  Assets:AdaGamma401k:IRR        11000.00 USD
2023-03-01 * "Payroll"
  Assets:HalBeta401k:PreTax  5000.00 USD
  Income:Salary
2024-01-15 * "Beta" "Pre-tax hardship payout"
  Assets:HalBeta401k:PreTax  -2000.00 USD
  Assets:Checking
2024-02-01 * "Gamma" "Paid out at 74"
  Assets:AdaGamma401k:IRR  -2200.00 USD
  Assets:Checking
2024-05-01 * "Acme" "Paid out after leaving Acme at 56"
  Assets:HalAcme401k:IRR  -2200.00 USD
  Assets:Checking
2024-06-01 * "Beta" "Paid out while still working for Beta"
  Assets:HalBeta401k:IRR  -2200.00 USD
  Assets:Checking
"""
)


def test_in_plan_rollover_clocks_and_the_exceptions_that_spare_the_10_percent() -> None:
    """Hal (born 1968) and Ada (born 1950) each roll 11,000 of after-tax money (1,000 of it
    earnings, taxable) into Roth inside their plans in 2022: each plan's 2022 rollovers have
    a clock to 2026 exposing 1,000 (Ada's 0: she is past 59 1/2).

    In 2024: a pre-tax hardship payout from Beta (no designated Roth money), then Ada takes
    2,200 at 74 (an exception, IRC 72(t)(2)(A)(i)); Hal, 56, left Acme on 2024-03-31, in the
    year he turned 56, and takes 2,200 from Acme: code 2B, separation from service after 55
    (IRC 72(t)(2)(A)(v)), nothing subject to the 10%; then 2,200 from Beta, where he still
    works: code 1B. It is 2,200 of the 11,000 of 2022 rollovers (box 10), of which 1,000 /
    11,000 was taxable: 200 subject to the 10% (IRC 402A(c)(4)(D)). As 2023 ended none of
    this had happened: nothing subject to the 10% then."""
    analysis, errors = analysed(HAL)
    assert errors == []
    codes = [(m.payer, m.code) for m in analysis.basis.movements if m.year == 2024]
    assert codes == [("Assets:HalBeta401k", "1"), ("Assets:AdaGamma401k", "B"),
                     ("Assets:HalAcme401k", "2B"), ("Assets:HalBeta401k", "1B")]  # fmt: skip
    irr_2022 = ("in-plan Roth rollovers of 2022", 2022, 2026)
    in_2024 = [c for c in clocks(build_report(analysis, 2024, "hal"), "hal") if c[0] == irr_2022[0]]
    assert in_2024 == [
        (*irr_2022[:1], "Assets:HalAcme401k", *irr_2022[1:], "1000.00", "0.00"),
        (*irr_2022[:1], "Assets:HalBeta401k", *irr_2022[1:], "1000.00", "200.00"),
    ]
    in_2023 = [c for c in clocks(build_report(analysis, 2023, "hal"), "hal") if c[0] == irr_2022[0]]
    assert [c[-1] for c in in_2023] == ["0.00", "0.00"]
    ada = build_report(analysis, 2024, "ada")
    assert ("in-plan Roth rollovers of 2022", "Assets:AdaGamma401k", 2022, 2026, "0.00",
            "0.00") in clocks(ada, "ada")  # fmt: skip


# A Roth IRA with no owner ------------------------------------------------------------


def test_a_roth_ira_with_no_owner_is_on_no_ones_form_8606() -> None:
    """A Roth IRA opened without ``owner:`` is an error to fix (it says whose to add); until
    then its contributions are nobody's: Una's Form 8606 counts only her own. Una (39)
    contributed 2,000 in 2022, worth 3,000, and takes 3,000 in 2024: 19 = 3,000, 22 = 2,000,
    23 = 25c = 1,000 taxable, however much went into the Roth IRA with no owner."""
    entries_text = (
        person("una", "1985-01-01")
        + ira("Assets:UnaRothIRA", "roth", "una")
        + '2000-01-01 open Assets:SomeRothIRA\n  megaroth-ira: "roth"\n'
        + """
2022-03-01 * "Bank" "Roth IRA contribution"
  Assets:UnaRothIRA  2000.00 USD
  Assets:Checking
2022-03-01 * "Bank" "Roth IRA contribution"
  Assets:SomeRothIRA  5000.00 USD
  Assets:Checking
2023-12-31 * "Growth"
  Assets:UnaRothIRA  1000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Broker" "Withdrawal"
  Assets:UnaRothIRA  -3000.00 USD
  Assets:Checking
"""
    )
    analysis, errors = analysed(entries_text)
    assert any("has no owner" in e.message for e in errors)
    assert part_iii(build_report(analysis, 2024, "una"), "una") == [
        "3000.00",
        "0.00",
        "3000.00",
        "2000.00",
        "1000.00",
        "0.00",
        "1000.00",
        "1000.00",
    ]
    assert sorted(analysis.roth) == ["una"]
