"""Corrective distributions (issue 16, item 4): an excess returned with its earnings, the
finding it cures reading "corrected", the earnings taxed in the right year.

The law: IRC 408(d)(4) (an IRA excess removed with its net income by the due date with
extensions: never contributed, the earnings taxable for the contribution's year); IRC
402(g)(2), Reg. 1.402(g)-1(e) (an excess deferral returned by April 15: the deferral taxable
for the year deferred, a designated Roth one taxed already, the earnings for the year paid);
Rev. Proc. 2021-30, Appendix A .08 (excess annual additions returned under EPCRS);
Instructions for Forms 1099-R and 5498 (codes 8, P, B, E, 1, J; two forms for an excess
deferral returned the year after); Form 1040 instructions, line 1h (a plan's corrective
distributions of excess deferrals).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.reconciliation import Status
from tests.conftest import build_report, load

D = Decimal

HEAD = """
plugin "megaroth.plugins"
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
"""

IDA = """
2000-01-01 custom "megaroth-person" "ida"
  birth-date: 1990-02-01
2000-01-01 open Assets:IdaIRA
  megaroth-ira: "traditional"
  owner: "ida"
2024-01-15 * "Bank" "IRA contribution for 2024"
  Assets:IdaIRA  8000.00 USD
  Assets:Checking
2024-12-31 * "Broker" "Growth"
  Assets:IdaIRA  400.00 USD
  Income:Retirement:MarketValue
2025-03-01 * "Broker" "Excess contribution returned with its earnings"
  returned-contribution: 1000.00 USD
  tax-year: 2024
  Assets:IdaIRA  -1050.00 USD
  Assets:Checking
2026-01-31 custom "1099-R" Assets:IdaIRA 2025
  payer: "Broker"
  box1: 1050.00 USD
  box2a: 50.00 USD
  box7: "P1"
  ira-sep-simple: TRUE
2025-05-31 custom "5498" Assets:IdaIRA 2024
  box1: 8000.00 USD
  box5: 8400.00 USD
"""


def plan(account: str, owner: str, employer: str) -> str:
    return (
        f'2000-01-01 open Assets:{account}\n  megaroth-plan: "401k"\n  owner: "{owner}"\n'
        f'  employer: "{employer}"\n  in-plan-conversion: TRUE\n'
        f"2000-01-01 open Assets:{account}:PreTax\n2000-01-01 open Assets:{account}:Roth\n"
        f"2000-01-01 open Assets:{account}:AfterTax\n"
    )


KAI = (
    '2000-01-01 custom "megaroth-person" "kai"\n  birth-date: 1990-01-01\n'
    + plan("KaiAlpha401k", "kai", "Alpha")
    + plan("KaiBeta401k", "kai", "Beta")
    + """
2024-06-15 * "Alpha" "Payroll"
  Assets:KaiAlpha401k:PreTax  20000.00 USD
  Income:Salary
2024-09-15 * "Beta" "Payroll"
  Assets:KaiBeta401k:PreTax  5000.00 USD
  Income:Salary
2025-03-20 * "Beta 401(k)" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:KaiBeta401k:PreTax  -2080.00 USD
  Assets:Checking
2026-01-31 custom "1099-R" Assets:KaiBeta401k 2025
  payer: "Beta 401(k)"
  box1: 2000.00 USD
  box2a: 2000.00 USD
  box7: "P"
2026-01-31 custom "1099-R" Assets:KaiBeta401k 2025
  payer: "Beta 401(k)"
  box1: 80.00 USD
  box2a: 80.00 USD
  box7: "8"
"""
)

LOU = (
    '2000-01-01 custom "megaroth-person" "lou"\n  birth-date: 1992-01-01\n'
    + plan("LouGamma401k", "lou", "Gamma")
    + """
2024-03-15 * "Gamma" "Payroll"
  Assets:LouGamma401k:Roth  24000.00 USD
  Income:Salary
2024-06-30 * "Gamma" "Growth"
  Assets:LouGamma401k:Roth  500.00 USD
  Income:Retirement:MarketValue
2024-12-01 * "Gamma 401(k)" "Excess Roth deferral returned"
  returned-contribution: 1000.00 USD
  Assets:LouGamma401k:Roth  -1040.00 USD
  Assets:Checking
2025-01-31 custom "1099-R" Assets:LouGamma401k 2024
  payer: "Gamma 401(k)"
  box1: 1040.00 USD
  box2a: 40.00 USD
  box5: 1000.00 USD
  box7: "8B"
  box11: 2024
"""
)

MIA = (
    '2000-01-01 custom "megaroth-person" "mia"\n  birth-date: 1985-01-01\n'
    + plan("MiaDelta401k", "mia", "Delta")
    + """
2024-04-15 * "Delta" "Payroll"
  Assets:MiaDelta401k:PreTax    23000.00 USD
  Assets:MiaDelta401k:AfterTax  50000.00 USD
  Income:Salary
2024-12-31 * "Delta" "Growth"
  Assets:MiaDelta401k:AfterTax  1000.00 USD
  Income:Retirement:MarketValue
2025-02-01 * "Delta 401(k)" "Excess annual additions returned (EPCRS)"
  returned-contribution: 4000.00 USD
  tax-year: 2024
  Assets:MiaDelta401k:AfterTax  -4200.00 USD
  Assets:Checking
2026-01-31 custom "1099-R" Assets:MiaDelta401k 2025
  payer: "Delta 401(k)"
  box1: 4200.00 USD
  box2a: 200.00 USD
  box5: 4000.00 USD
  box7: "E"
"""
)


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(HEAD + text)
    return analyse(entries, options), errors


def checks(errors: list[Any]) -> list[str]:
    return [getattr(e, "check", "") for e in errors]


def test_item_4_an_ira_excess_removed_with_its_earnings() -> None:
    """Ida (34) puts 8,000 into her traditional IRA for 2024, 1,000 over the 7,000 limit; by
    December it has earned 400. On 2025-03-01, before the due date, the custodian returns the
    1,000 with its net income: 1,000 x (8,400 - 8,000) / 8,000 = 50 (Reg. 1.408-11), 1,050 in
    all. The 1,000 counts as never contributed (no excess left: the ira-excess finding reads
    "corrected"); the 50 is taxable for 2024, the contribution's year: the 1099-R is dated
    2025 with codes P (taxable the year before) and 1 (under 59 1/2), box 1 1,050, box 2a 50,
    and goes on her 2024 Form 1040 (line 4a 1,050, 4b 50). Not on Form 8606 (line 7 = 0).
    The IRA's 2024 5498 still reports the 8,000 it received in box 1."""
    analysis, errors = analysed(IDA)
    assert checks(errors) == []
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}, [
        (r.account, r.differences) for r in analysis.reconciled]  # fmt: skip
    assert len(analysis.reconciled) == 2
    (correction,) = analysis.corrections
    assert (correction.cures, correction.status, correction.excess, correction.earnings) == (
        "ira-excess", "corrected", D("1000.00"), D("50.00"))  # fmt: skip
    assert correction.finding.startswith("Corrected: The IRA contributions were over the limit")
    report = build_report(analysis, 2024, "ida")
    assert (report["people"]["ida"]["form_1040"]["line4a"],
            report["people"]["ida"]["form_1040"]["line4b"]) == ("1050.00", "50.00")  # fmt: skip
    later = build_report(analysis, 2025, "ida")["people"]["ida"]
    assert (later["form_1040"]["line4b"], later["form_8606"]["line7"]) == ("0.00", "0.00")


def test_item_4_an_excess_deferral_returned_the_year_after_is_two_forms() -> None:
    """Kai (34) defers 20,000 at Alpha and 5,000 at Beta in 2024: 25,000, 2,000 over the 402(g)
    limit of 23,000 across both. Beta returns the 2,000 with 80 of earnings on 2025-03-20, by
    April 15. Two 1099-Rs for 2025: the deferral, code P (taxable in 2024), box 1 and 2a
    2,000; the earnings, code 8 (taxable in 2025), box 1 and 2a 80. Form 1040 line 1h: 2,000
    in 2024, 80 in 2025; nothing on line 5. The 402g-excess finding reads "corrected"."""
    analysis, errors = analysed(KAI)
    assert checks(errors) == []
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}
    assert len(analysis.reconciled) == 2
    (correction,) = analysis.corrections
    assert (correction.cures, correction.status, correction.codes) == (
        "402g-excess", "corrected", "P, 8")  # fmt: skip
    assert correction.finding.startswith("Corrected: kai deferred 25,000.00 in 2024")
    lines = [build_report(analysis, y, "kai")["people"]["kai"]["form_1040"] for y in (2024, 2025)]
    assert [(f["line1h"], f["line5a"]) for f in lines] == [("2000.00", "0.00"), ("80.00", "0.00")]
    (listed,) = build_report(analysis, 2025, "kai")["corrections"]
    assert {k: listed[k] for k in ("cures", "tax_year", "date", "contribution", "earnings",
                                   "codes", "deadline", "excess", "status")} == {
        "cures": "402g-excess", "tax_year": 2024, "date": "2025-03-20",
        "contribution": "2000.00", "earnings": "80.00", "codes": "P, 8",
        "deadline": "2025-04-15", "excess": "2000.00", "status": "corrected"}  # fmt: skip
    assert listed["lineno"] > 0


def test_item_4_an_excess_roth_deferral_returned_the_same_year() -> None:
    """Lou (32) defers 24,000 as Roth in 2024, 1,000 over 402(g). The account earns 500; on
    2024-12-01 the plan returns the 1,000 with 40 of earnings: one form, code 8B (B combines
    with 8), box 1 1,040, box 2a 40 (the Roth deferral was taxed already), box 5 1,000 (its
    basis, exactly: not a pro rata share), box 11 2024. Form 1040 2024 line 1h 40. The Roth
    account keeps 23,000 of basis."""
    analysis, errors = analysed(LOU)
    assert checks(errors) == []
    assert [r.status for r in analysis.reconciled] == [Status.MATCH]
    (correction,) = analysis.corrections
    assert (correction.cures, correction.status, correction.codes) == (
        "402g-excess", "corrected", "8B")  # fmt: skip
    form_1040 = build_report(analysis, 2024, "lou")["people"]["lou"]["form_1040"]
    assert (form_1040["line1h"], form_1040["line5b"]) == ("40.00", "0.00")
    roth = next(p for c, p in analysis.basis.pools.items() if c.kind.value == "designated-roth")
    assert roth.basis == D("23000.00")


def test_item_4_excess_annual_additions_returned_under_epcrs() -> None:
    """Mia's 2024 additions at Delta are 23,000 of deferrals and 50,000 after-tax: 73,000, 4,000
    over the 69,000 of 415(c). The plan returns 4,000 of after-tax money with 200 of earnings
    in February 2025: code E, box 1 4,200, box 2a 200, box 5 4,000 (the after-tax money is
    basis, exactly). Taxable in 2025: Form 1040 line 5a 4,200, 5b 200. The 415c-excess
    finding reads "corrected"."""
    analysis, errors = analysed(MIA)
    assert checks(errors) == []
    assert [r.status for r in analysis.reconciled] == [Status.MATCH]
    (correction,) = analysis.corrections
    assert (correction.cures, correction.status, correction.codes) == (
        "415c-excess", "corrected", "E")  # fmt: skip
    form_1040 = build_report(analysis, 2025, "mia")["people"]["mia"]["form_1040"]
    assert (form_1040["line5a"], form_1040["line5b"]) == ("4200.00", "200.00")


def test_item_4_part_of_an_excess_corrected_keeps_the_finding_and_says_so() -> None:
    analysis, errors = analysed(KAI.replace("2000.00 USD\n  tax-year", "1500.00 USD\n  tax-year")
                                .replace("-2080.00", "-1560.00"))  # fmt: skip
    (finding,) = [e for e in errors if getattr(e, "check", "") == "402g-excess"]
    assert "Corrective step: 1,500.00 of it returned from Assets:KaiBeta401k on 2025-03-20" in (
        finding.message)  # fmt: skip
    assert finding.message.endswith("500.00 of the excess is still to be corrected.")
    assert [c.status for c in analysis.corrections] == ["partly corrected"]


def test_item_4_an_excess_deferral_returned_after_april_15_is_late() -> None:
    _, errors = analysed(KAI.replace("2025-03-20", "2025-04-20"))
    assert sorted(checks(errors)) == ["402g-excess", "correction-late", "form-unexpected",
                                      "form-unexpected"]  # fmt: skip


def test_a_tax_year_that_isnt_a_year_is_an_error_not_a_crash() -> None:
    """Found by the fuzzer: tax-year -3 on a Roth IRA contribution broke a date."""
    _, errors = analysed(IDA.replace("tax-year: 2024", "tax-year: 2024").replace(
        '2024-01-15 * "Bank" "IRA contribution for 2024"\n',
        '2024-01-15 * "Bank" "IRA contribution for 2024"\n  tax-year: -3\n'))  # fmt: skip
    (error,) = [e for e in errors if getattr(e, "check", "") == "basis"]
    assert error.message.startswith(
        "tax-year -3 is not a year; megaroth counts this contribution for 2024."
    )
