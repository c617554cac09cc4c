"""Roth money coming out (issue 15, items 1-5 and 11), each on a ledger worked by hand.

People: cy (born 1985), bob (born 1963-01-01: 59 1/2 on 2022-07-01), ann (born 1959: 65 in
2024), dee (born 1960: 64 in 2024), finn (born 1985) and gil (born 1964-03-01: 59 1/2 on
2023-09-01).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.reconciliation import Status
from tests.conftest import build_report, load, without_findings

D = Decimal

HOUSEHOLD = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 custom "megaroth-person" "ann"
  birth-date: 1959-01-01
2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1963-01-01
2000-01-01 custom "megaroth-person" "cy"
  birth-date: 1985-01-01
2000-01-01 custom "megaroth-person" "dee"
  birth-date: 1960-01-01
2000-01-01 custom "megaroth-person" "finn"
  birth-date: 1985-01-01
2000-01-01 custom "megaroth-person" "gil"
  birth-date: 1964-03-01
2000-01-01 open Assets:Checking
2000-01-01 open Equity:Opening
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
"""


def iras(person: str, *kinds: str) -> str:
    """Opens for ``person``'s IRAs: "traditional" is <Person>IRA, "roth" <Person>RothIRA..."""
    names = {"traditional": "IRA", "roth": "RothIRA", "roth2": "RothIRA2"}
    lines = []
    for kind in kinds:
        lines.append(
            f"2000-01-01 open Assets:{person.title()}{names[kind]}\n"
            f'  megaroth-ira: "{"roth" if kind.startswith("roth") else kind}"\n'
            f'  owner: "{person}"'
        )
    return "\n".join(lines) + "\n"


def plan(person: str, name: str) -> str:
    return (
        f"2000-01-01 open Assets:{name}\n"
        '  megaroth-plan: "401k"\n'
        f'  owner: "{person}"\n'
        f'  employer: "{name} Corp"\n'
        f"2000-01-01 open Assets:{name}:Roth\n"
    )


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(HOUSEHOLD + text)
    return analyse(entries, options), without_findings(errors)


def distributions(analysis: Analysis) -> list[Any]:
    return [m for m in analysis.basis.movements if m.kind.value == "distribution"]


def part_iii(report: dict[str, Any], person: str) -> list[str]:
    lines = report["people"][person]["form_8606"]
    return [lines[f"line{n}"] for n in ("19", "20", "21", "22", "23", "24", "25a", "25b",
                                         "25c")]  # fmt: skip


# 1. All Roth IRAs are one, and the year's distributions are one -------------------------


ITEM_1 = (
    iras("cy", "roth", "roth2")
    + """
2022-03-01 * "Bank" "Roth IRA contribution for 2022"
  Assets:CyRothIRA  3000.00 USD
  Assets:Checking
2023-12-31 * "Broker" "Growth"
  Assets:CyRothIRA  3000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "Broker" "Withdrawal"
  Assets:CyRothIRA  -5000.00 USD
  Assets:Checking
2024-06-01 * "Bank" "Roth IRA contribution for 2024, to the other Roth IRA"
  Assets:CyRothIRA2  7000.00 USD
  Assets:Checking
"""
)


def test_item_1_a_march_distribution_sees_the_june_contribution_of_the_year() -> None:
    """Cy (39) contributed 3,000 in 2022, grown to 6,000; takes 5,000 out of one Roth IRA on
    2024-03-01, and on 2024-06-01 contributes 7,000 for 2024 to the other.

    All Roth IRAs are one and the year's distributions are added up; the regular
    contributions for the year count before them (Reg. 1.408A-6 Q&A-9; Pub 590-B,
    Aggregation rules). Date by date, March would have found 3,000 of contributions and
    taxed 2,000 of earnings; for the year: line 19 = 5,000, 20 = 0, 21 = 5,000, line 22 =
    3,000 + 7,000 = 10,000, line 23 = 0 (lines 24 and 25 skipped): nothing taxable. Cy is
    under 59 1/2 with no exception: code J. Form 1040: 4a 5,000, 4b 0.
    """
    analysis, errors = analysed(ITEM_1)
    assert errors == []
    report = build_report(analysis, 2024, "cy")
    assert part_iii(report, "cy") == ["5000.00", "0.00", "5000.00", "10000.00", "0.00",
                                      "0.00", "0.00", "0.00", "0.00"]  # fmt: skip
    (distribution,) = distributions(analysis)
    assert (distribution.code, distribution.taxable) == ("J", D("0.00"))
    assert report["people"]["cy"]["form_1040"]["line4a"] == "5000.00"
    assert report["people"]["cy"]["form_1040"]["line4b"] == "0.00"


def test_item_1_a_contribution_for_the_year_made_by_the_due_date_counts_too() -> None:
    """The same 7,000 made on 2025-04-10 for 2024 (``tax-year: 2024``): still line 22 of 2024
    (contributions for the year include those made by the return's due date)."""
    text = ITEM_1.replace('2024-06-01 * "Bank"', '2025-04-10 * "Bank"').replace(
        'for 2024, to the other Roth IRA"', 'for 2024, to the other Roth IRA"\n  tax-year: 2024'
    )
    analysis, errors = analysed(text)
    assert errors == []
    assert part_iii(build_report(analysis, 2024, "cy"), "cy")[3] == "10000.00"


# 2. Qualified Roth IRA distributions: 5 taxable years AND 59 1/2 -------------------------


ITEM_2 = (
    iras("bob", "traditional", "roth")
    + iras("ann", "roth")
    + """
2021-01-04 * "Old 401(k) rolled over"
  Assets:BobIRA  20000.00 USD
  Equity:Opening
2021-03-01 * "Broker" "Conversion"
  Assets:BobIRA      -20000.00 USD
  Assets:BobRothIRA   20000.00 USD
2024-01-31 * "Broker" "Growth"
  Assets:BobRothIRA  2000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Broker" "Withdrawal"
  Assets:BobRothIRA  -21000.00 USD
  Assets:Checking
2012-04-01 * "Bank" "Roth IRA contribution for 2012"
  Assets:AnnRothIRA  5000.00 USD
  Assets:Checking
2023-12-31 * "Broker" "Growth"
  Assets:AnnRothIRA  15000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Broker" "Withdrawal"
  Assets:AnnRothIRA  -12000.00 USD
  Assets:Checking
"""
)


def test_item_2_at_61_with_a_first_conversion_in_2021_is_not_qualified() -> None:
    """Bob's first Roth IRA money is a 2021 conversion of 20,000 of pre-tax money (Form 8606
    2021: line 18 = 20,000), so his period runs 2021-2025 (IRC 408A(d)(2)(B)). On 2024-06-01,
    at 61, he takes 21,000 out of 22,000: not qualified. Part III: 19 = 21,000, 22 = 0,
    23 = 21,000, 24 = 20,000, 25a = 25c = 1,000 of earnings taxable. He is past 59 1/2: no 10%
    on the conversion, code T (the exception applies, the 5 years are not met).
    """
    analysis, errors = analysed(ITEM_2)
    assert errors == []
    report = build_report(analysis, 2024, "bob")
    assert part_iii(report, "bob") == ["21000.00", "0.00", "21000.00", "0.00", "21000.00",
                                       "20000.00", "1000.00", "0.00", "1000.00"]  # fmt: skip
    bob = next(m for m in distributions(analysis) if m.owner == "bob")
    assert (bob.code, bob.taxable, bob.basis) == ("T", D("1000.00"), D("20000.00"))
    assert report["people"]["bob"]["form_1040"]["line4b"] == "1000.00"
    test = analysis.qualified_test("bob", 2024)
    assert test.roth_ira_words().startswith("not qualified")


def test_item_2_at_65_with_a_roth_ira_since_2012_is_qualified() -> None:
    """Ann's first Roth IRA contribution is for 2012 (period 2012-2016, met); at 65 she takes
    12,000 of 20,000 (5,000 contributed): a qualified distribution (IRC 408A(d)(2)). Nothing
    on Part III, nothing taxable, code Q; Form 1040 line 4a 12,000, 4b 0. Her custodian's
    1099-R: box 1 12,000, box 2a blank, IRA/SEP/SIMPLE unchecked."""
    analysis, errors = analysed(ITEM_2)
    assert errors == []
    report = build_report(analysis, 2024, "ann")
    assert part_iii(report, "ann") == ["0.00"] * 9
    ann = next(m for m in distributions(analysis) if m.owner == "ann")
    assert (ann.code, ann.taxable) == ("Q", D("0.00"))
    assert report["people"]["ann"]["form_1040"] == {
        "line4a": "12000.00", "line4b": "0.00", "line5a": "0.00", "line5b": "0.00",
        "line1h": "0.00"}  # fmt: skip
    (form,) = report["form_1099r"]
    assert (form["code"], form["expected"]["box1"], form["expected"]["box2a"],
            form["expected"]["ira-sep-simple"]) == ("Q", "12000.00", None, False)  # fmt: skip


# 3. Qualified designated Roth distributions --------------------------------------------


ITEM_3 = (
    plan("dee", "Acme401k")
    + plan("dee", "Beta401k")
    + """
2015-01-15 * "Payroll" "Roth deferrals"
  Assets:Acme401k:Roth  18000.00 USD
  Income:Salary
2021-01-15 * "Payroll" "Roth deferrals"
  Assets:Beta401k:Roth  18000.00 USD
  Income:Salary
2023-12-31 * "Plan" "Growth"
  Assets:Acme401k:Roth  9000.00 USD
  Assets:Beta401k:Roth  9000.00 USD
  Income:Retirement:MarketValue
2024-06-01 * "Acme" "Roth distribution"
  Assets:Acme401k:Roth  -9000.00 USD
  Assets:Checking
2024-06-01 * "Beta" "Roth distribution"
  Assets:Beta401k:Roth  -9000.00 USD
  Assets:Checking
"""
)


def test_item_3_a_qualified_designated_roth_distribution_has_nothing_taxable() -> None:
    """Dee, 64 in 2024, has designated Roth money in two plans, each 18,000 of deferrals
    grown to 27,000, and takes 9,000 out of each.

    Acme's first Roth year is 2015 (box 11): its period (2015-2019) is met and she is past
    59 1/2, so the distribution is qualified (IRC 402A(d)(2)): box 2a 0, code B, nothing on
    Form 1040 line 5b. Beta's first Roth year is 2021 (period to 2025): not qualified, so its
    earnings share is taxable pro rata (IRC 72(e)(8)): basis 9,000 x 18,000 / 27,000 =
    6,000, box 2a 3,000, code B (past 59 1/2: never 7, never 1). Line 5a 18,000, 5b 3,000.
    """
    analysis, errors = analysed(ITEM_3)
    assert errors == []
    by_plan = {m.payer: m for m in distributions(analysis)}
    acme, beta = by_plan["Assets:Acme401k"], by_plan["Assets:Beta401k"]
    assert (acme.code, acme.basis, acme.taxable) == ("B", D("6000.00"), D("0.00"))
    assert (beta.code, beta.basis, beta.taxable) == ("B", D("6000.00"), D("3000.00"))
    report = build_report(analysis, 2024, "dee")
    forms = {f["account"]: f["expected"] for f in report["form_1099r"]}
    acme_form, beta_form = forms["Assets:Acme401k"], forms["Assets:Beta401k"]
    assert (acme_form["box2a"], acme_form["box11"]) == ("0.00", 2015)
    assert (beta_form["box2a"], beta_form["box11"]) == ("3000.00", 2021)
    assert report["people"]["dee"]["form_1040"]["line5a"] == "18000.00"
    assert report["people"]["dee"]["form_1040"]["line5b"] == "3000.00"


# 4. Two codes in box 7, compared as a set ----------------------------------------------


ITEM_4 = (
    plan("finn", "Gamma401k")
    + """
2024-01-10 * "Payroll" "Roth deferrals"
  Assets:Gamma401k:Roth  9400.00 USD
  Income:Salary
2024-06-30 * "Plan" "Growth"
  Assets:Gamma401k:Roth  600.00 USD
  Income:Retirement:MarketValue
2024-09-01 * "Gamma" "Roth distribution"
  Assets:Gamma401k:Roth  -5000.00 USD
  Assets:Checking
2025-01-31 custom "1099-R" Assets:Gamma401k 2024
  payer: "Gamma Record-keeping"
  box1: 5000.00 USD
  box2a: 300.00 USD
  box4: 0.00 USD
  box5: 4700.00 USD
  box7: "B1"
  box11: 2024
"""
)


def test_item_4_an_early_designated_roth_distribution_is_1b_and_b1_matches_it() -> None:
    """Finn (39) takes 5,000 out of a Roth account of 9,400 deferrals worth 10,000 (the
    Instructions for Forms 1099-R example): basis 4,700, box 2a 300. Early, with no known
    exception, not qualified: codes 1 and B. The form received prints "B1": the same two
    codes, so it matches box by box."""
    analysis, errors = analysed(ITEM_4)
    assert errors == []
    (movement,) = distributions(analysis)
    assert (movement.code, movement.basis, movement.taxable) == ("1B", D("4700.00"),
                                                                 D("300.00"))  # fmt: skip
    (result,) = [r for r in analysis.reconciled if r.form == "1099-R"]
    assert (result.code, result.status, result.differences) == ("1B", Status.MATCH, {})


# 5. The 10% on conversion money within 5 years: under 59 1/2 only, at the year's end ------


ITEM_5 = (
    iras("gil", "traditional", "roth")
    + """
2021-01-04 * "Old 401(k) rolled over"
  Assets:GilIRA  10000.00 USD
  Equity:Opening
2021-03-01 * "Broker" "Conversion"
  Assets:GilIRA      -10000.00 USD
  Assets:GilRothIRA   10000.00 USD
2022-05-01 * "Broker" "Withdrawal at 58"
  Assets:GilRothIRA  -4000.00 USD
  Assets:Checking
2024-05-01 * "Broker" "Withdrawal at 60"
  Assets:GilRothIRA  -6000.00 USD
  Assets:Checking
"""
)


def clock(report: dict[str, Any], person: str, what: str) -> dict[str, Any]:
    clocks = report["people"][person]["five_year_clocks"]
    found: dict[str, Any] = next(c for c in clocks if c["what"].startswith(what))
    return found


def test_item_5_conversion_money_exposed_only_before_59_and_a_half_as_each_year_ends() -> None:
    """Gil converts 10,000 of pre-tax money on 2021-03-01 (all taxable: its clock runs
    2021-2025). On 2022-05-01, at 58, he takes 4,000: it comes out of the conversion's
    taxable part inside its 5 years with no exception, so 4,000 is subject to the 10%
    (IRC 408A(d)(3)(F)); Part III: 19 = 4,000, 22 = 0, 23 = 4,000, 24 = 10,000, 25a = 0;
    code J. As 2022 ends, 6,000 is still exposed (the 6,000 he takes in 2024 doesn't change
    what 2022's report says). He is 59 1/2 on 2023-09-01: as 2023 ends nothing is exposed,
    and 2024's 6,000 at 60 (code T: period not met) owes no 10%; Part III 2024: 19 = 6,000,
    23 = 6,000, 24 = 10,000 - 4,000 = 6,000, 25a = 0."""
    analysis, errors = analysed(ITEM_5)
    assert errors == []
    in_2022 = build_report(analysis, 2022, "gil")
    conversion = clock(in_2022, "gil", "ira-conversion of 2021-03-01")
    assert (conversion["end_year"], conversion["exposed"], conversion["subject_to_10_percent"]) \
        == (2025, "6000.00", "4000.00")  # fmt: skip
    assert part_iii(in_2022, "gil") == ["4000.00", "0.00", "4000.00", "0.00", "4000.00",
                                        "10000.00", "0.00", "0.00", "0.00"]  # fmt: skip
    assert analysis.roth["gil"].part_iii[2022].early_conversion_amount == D("4000.00")
    in_2023 = clock(build_report(analysis, 2023, "gil"), "gil", "ira-conversion")
    assert (in_2023["exposed"], in_2023["subject_to_10_percent"]) == ("0.00", "0.00")
    in_2024 = build_report(analysis, 2024, "gil")
    assert clock(in_2024, "gil", "ira-conversion")["subject_to_10_percent"] == "0.00"
    assert part_iii(in_2024, "gil")[5] == "6000.00"
    assert [m.code for m in distributions(analysis)] == ["J", "T"]


PUB_590B = (
    '2000-01-01 custom "megaroth-person" "justin"\n  birth-date: 1960-01-01\n'
    + iras("justin", "traditional", "roth")
    + """
2015-12-31 custom "megaroth-ira-basis" "justin" 2015 20000.00 USD
2015-12-31 * "Opening" "Traditional IRA before the ledger"
  Assets:JustinIRA  80000.00 USD
  Equity:Opening
2016-10-15 * "Broker" "Conversion of the whole traditional IRA"
  Assets:JustinIRA      -80000.00 USD
  Assets:JustinRothIRA   80000.00 USD
2020-02-23 * "Bank" "Regular Roth IRA contribution"
  Assets:JustinRothIRA   5000.00 USD
  Assets:Checking
2020-11-08 * "Broker" "Distribution at 60"
  Assets:JustinRothIRA  -7000.00 USD
  Assets:Checking
"""
)


def test_the_pub_590b_ordering_example_through_a_ledger() -> None:
    """Pub 590-B, "Ordering Rules for Distributions", Example (2020 edition): Justin converts
    all 80,000 of his traditional IRA on 2016-10-15 with 20,000 of basis (60,000 included in
    income), contributes 5,000 on 2020-02-23 and takes 7,000 on 2020-11-08, at 60. "The
    first $5,000 ... is a return of Justin's regular contribution"; "the next $2,000 ...
    isn't includible in income because it was included previously." 2016's Form 8606: line
    8 = 80,000, line 2 = 20,000, taxable 60,000. 2020's Part III: 19 = 7,000, 21 = 7,000,
    22 = 5,000, 23 = 2,000, 24 = 80,000, 25a = 0: nothing taxable. His Roth money began in
    2016, so the 5-year period ends with 2020: not qualified; at 60, no 10%: code T."""
    analysis, _ = analysed(PUB_590B)
    conversion = build_report(analysis, 2016, "justin")["people"]["justin"]["form_8606"]
    assert (conversion["line2"], conversion["line8"], conversion["line18"]) == (
        "20000.00",
        "80000.00",
        "60000.00",
    )
    report = build_report(analysis, 2020, "justin")
    assert part_iii(report, "justin") == ["7000.00", "0.00", "7000.00", "5000.00", "2000.00",
                                          "80000.00", "0.00", "0.00", "0.00"]  # fmt: skip
    (distribution,) = distributions(analysis)
    assert (distribution.code, distribution.taxable) == ("T", D("0.00"))
