"""Traditional IRA basis (issue 15, items 6 and 7): after-tax plan money rolled in is basis
from that day, and a posting's ``nondeductible`` flag is that posting's only."""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import Analysis, analyse
from tests.conftest import load, without_findings

D = Decimal

HOUSEHOLD = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "jay"
  birth-date: 1980-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:Acme401k
  megaroth-plan: "401k"
  owner: "jay"
  employer: "Acme Corp"
2000-01-01 open Assets:Acme401k:AfterTax
2000-01-01 open Assets:JayIRA
  megaroth-ira: "traditional"
  owner: "jay"
2000-01-01 open Assets:JayRothIRA
  megaroth-ira: "roth"
  owner: "jay"
"""


def analysed(text: str) -> Analysis:
    entries, errors, options = load(HOUSEHOLD + text)
    assert without_findings(errors) == []
    return analyse(entries, options)


def lines(analysis: Analysis, year: int) -> dict[str, Decimal]:
    (form,) = [f for f in analysis.forms_8606 if (f.person, f.year) == ("jay", year)]
    return form.lines()


def test_item_6_after_tax_money_rolled_to_an_ira_carries_basis_through_a_quiet_year() -> None:
    """Jay contributes 10,000 after-tax to his 401(k) in 2023, worth 10,500 by June, and rolls
    it all to his traditional IRA on 2023-09-01 (code G: the 500 of earnings are pre-tax, the
    10,000 basis). Nothing else happens in his IRAs in 2023: Form 8606 2023 line 2 = 10,000
    (Form 8606 instructions, line 2: the basis rolled in), line 3 = 10,000, no distribution
    so lines 6-13 are blank, line 14 = 10,000 carried forward.

    In 2024 he converts the 10,500 to his Roth IRA: line 2 = 10,000, line 6 = 0, line 8 =
    10,500, line 9 = 10,500, line 10 = 10,000 / 10,500 = 0.95238095, line 11 = 10,500 x
    0.95238095 = 9,999.999975, so 10,000.00; line 18 = 500 taxable, line 14 = 0. (Without the
    2023 form the basis was lost and all 10,500 was taxed.)
    """
    analysis = analysed(
        """
2023-02-01 * "Payroll" "After-tax"
  Assets:Acme401k:AfterTax  10000.00 USD
  Income:Salary
2023-06-30 * "Plan" "Growth"
  Assets:Acme401k:AfterTax  500.00 USD
  Income:Retirement:MarketValue
2023-09-01 * "Plan" "Rollover to the IRA"
  Assets:Acme401k:AfterTax  -10500.00 USD
  Assets:JayIRA              10500.00 USD
2024-03-01 * "Broker" "Conversion"
  Assets:JayIRA      -10500.00 USD
  Assets:JayRothIRA   10500.00 USD
"""
    )
    rollover = next(m for m in analysis.basis.movements if m.kind.value == "rollover-to-ira")
    assert (rollover.code, rollover.basis, rollover.taxable) == ("G", D("10000.00"), D("0.00"))
    first = lines(analysis, 2023)
    assert (first["line2"], first["line3"], first["line14"]) == (D("10000.00"),) * 3
    assert (first["line8"], first["line13"]) == (D("0"), D("0"))
    second = lines(analysis, 2024)
    assert (second["line2"], second["line8"], second["line9"]) == (
        D("10000.00"), D("10500.00"), D("10500.00"))  # fmt: skip
    assert second["line10"] == D("0.95238095")
    assert (second["line11"], second["line18"], second["line14"]) == (
        D("10000.00"), D("500.00"), D("0.00"))  # fmt: skip
    conversion = next(m for m in analysis.basis.movements if m.kind.value == "ira-conversion")
    assert (conversion.basis, conversion.taxable) == (D("10000.00"), D("500.00"))


def test_item_7_a_posting_flagged_nondeductible_is_basis_alone() -> None:
    """Jay deposits 7,000 into his IRA in one transaction: 3,000 on a posting marked
    ``nondeductible: TRUE`` and 4,000 deductible. Line 1 = 3,000 (not 7,000); with nothing
    taken out, line 14 = 3,000. With the flag on the transaction, all 7,000 would be."""
    analysis = analysed(
        """
2024-03-01 * "Bank" "IRA contribution, part deductible"
  Assets:JayIRA  3000.00 USD
    nondeductible: TRUE
  Assets:JayIRA  4000.00 USD
  Assets:Checking
"""
    )
    form = lines(analysis, 2024)
    assert (form["line1"], form["line3"], form["line14"]) == (D("3000.00"),) * 3
    contributions = sorted((c.amount, c.basis) for c in analysis.basis.contributions)
    assert contributions == [(D("3000.00"), D("3000.00")), (D("4000.00"), D("0.00"))]
    whole = analysed(
        """
2024-03-01 * "Bank" "IRA contribution, all nondeductible"
  nondeductible: TRUE
  Assets:JayIRA  3000.00 USD
  Assets:JayIRA  4000.00 USD
  Assets:Checking
"""
    )
    assert lines(whole, 2024)["line1"] == D("7000.00")
