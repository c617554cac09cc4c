"""Forms as payers issue them (issue 15, items 8 and 9): Form 5498 by IRA type, a Roth IRA's
1099-R, and a qualified distribution a custodian codes T."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import analyse
from megaroth.engine.reconciliation import Reconciled, Status
from tests.conftest import load, without_findings

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "hal"
  birth-date: 1980-01-01
2000-01-01 custom "megaroth-person" "ann"
  birth-date: 1959-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:HalIRA
  megaroth-ira: "traditional"
  owner: "hal"
2000-01-01 open Assets:HalRothIRA
  megaroth-ira: "roth"
  owner: "hal"
2000-01-01 open Assets:HalSEP
  megaroth-ira: "sep"
  owner: "hal"
2000-01-01 open Assets:AnnRothIRA
  megaroth-ira: "roth"
  owner: "ann"
2024-02-01 * "Bank" "Roth IRA contribution"
  Assets:HalRothIRA  7000.00 USD
  Assets:Checking
2024-03-01 * "Bank" "Backdoor contribution"
  nondeductible: TRUE
  Assets:HalIRA  7000.00 USD
  Assets:Checking
2024-03-05 * "Broker" "Conversion"
  Assets:HalIRA      -7000.00 USD
  Assets:HalRothIRA   7000.00 USD
2024-06-01 * "Employer" "SEP contribution"
  Assets:HalSEP  20000.00 USD
  Income:Salary
2024-10-01 * "Broker" "Roth IRA withdrawal"
  Assets:HalRothIRA  -1000.00 USD
  Assets:Checking
2024-12-31 * "Broker" "Growth"
  Assets:HalRothIRA  400.00 USD
  Income:Retirement:MarketValue
2012-04-01 * "Bank" "Roth IRA contribution"
  Assets:AnnRothIRA  5000.00 USD
  Assets:Checking
2024-06-01 * "Broker" "Qualified withdrawal"
  Assets:AnnRothIRA  -3000.00 USD
  Assets:Checking
"""

FORMS_5498 = """
2025-05-31 custom "5498" Assets:HalRothIRA 2024
  box3: 7000.00 USD
  box5: 13400.00 USD
  box10: 7000.00 USD
2025-05-31 custom "5498" Assets:HalIRA 2024
  box1: 7000.00 USD
  box5: 0.00 USD
2025-05-31 custom "5498" Assets:HalSEP 2024
  box5: 20000.00 USD
  box8: 20000.00 USD
"""

ROTH_1099R = """
2025-01-31 custom "1099-R" Assets:HalRothIRA 2024
  payer: "Broker"
  box1: 1000.00 USD
  box2b-not-determined: TRUE
  box7: "J"
  ira-sep-simple: FALSE
"""


def reconciled(text: str) -> tuple[dict[tuple[str, str], Reconciled], list[Any]]:
    entries, errors, options = load(LEDGER + text)
    results = analyse(entries, options).reconciled
    return {(r.account, r.code): r for r in results}, without_findings(errors)


def test_item_8_each_ira_type_reports_its_contributions_in_its_own_5498_box() -> None:
    """Hal contributes 7,000 to his Roth IRA and 7,000 (nondeductible) to his traditional IRA,
    converted to the Roth IRA; his employer puts 20,000 in his SEP IRA; 1,000 comes out of the
    Roth IRA and it earns 400. The 5498s (Instructions for Form 5498): the Roth IRA's box 10
    = 7,000 (never box 1), box 3 = 7,000 converted, box 5 = 7,000 + 7,000 - 1,000 + 400 =
    13,400; the traditional IRA's box 1 = 7,000, box 5 = 0; the SEP IRA's box 8 = 20,000,
    box 5 = 20,000. Each as the custodian prints it is a match."""
    results, errors = reconciled(FORMS_5498)
    assert errors == []
    for account in ("Assets:HalRothIRA", "Assets:HalIRA", "Assets:HalSEP"):
        result = results[account, ""]
        assert (result.status, result.differences) == (Status.MATCH, {}), account
    assert results["Assets:HalRothIRA", ""].expected == {
        "box3": D("7000.00"), "box5": D("13400.00"), "box10": D("7000.00")}  # fmt: skip


def test_item_8_a_roth_ira_5498_with_its_contribution_in_box_1_is_a_mismatch() -> None:
    results, errors = reconciled(
        """
2025-05-31 custom "5498" Assets:HalRothIRA 2024
  box1: 7000.00 USD
"""
    )
    result = results["Assets:HalRothIRA", ""]
    assert (result.status, result.differences) == (Status.MISMATCH, {"box1": D("7000.00")})
    assert "box1 says 7,000.00 but the ledger says 0.00" in errors[0].message


def test_item_9_a_roth_ira_1099r_as_custodians_issue_it_matches() -> None:
    """Hal's 1,000 out of his Roth IRA: the custodian's 1099-R has box 1 = 1,000, box 2a
    blank (it can't know his basis: Form 8606 Part III works it out), code J, and the
    IRA/SEP/SIMPLE box unchecked (it is for traditional, SEP and SIMPLE IRAs). The ledger
    expects exactly that: a match."""
    results, errors = reconciled(ROTH_1099R)
    assert errors == []
    result = results["Assets:HalRothIRA", "J"]
    assert result.status is Status.MATCH
    assert result.expected is not None
    assert (result.expected["box1"], result.expected["box2a"], result.expected["ira-sep-simple"],
            result.expected["box2b-not-determined"]) == (D("1000.00"), None, False,
                                                         None)  # fmt: skip
    # Whether the custodian checks 2b or not, it is the same form.
    results, _ = reconciled(ROTH_1099R.replace("  box2b-not-determined: TRUE\n", ""))
    assert results["Assets:HalRothIRA", "J"].status is Status.MATCH


def test_item_9_a_roth_ira_1099r_with_the_ira_box_checked_is_a_mismatch() -> None:
    results, _ = reconciled(ROTH_1099R.replace("ira-sep-simple: FALSE", "ira-sep-simple: TRUE"))
    result = results["Assets:HalRothIRA", "J"]
    assert result.differences == {"ira-sep-simple": "expected FALSE, reported TRUE"}


def test_a_qualified_distribution_coded_t_by_a_custodian_matches() -> None:
    """Ann (65, Roth IRA since 2012) takes 3,000: qualified, code Q. A custodian that doesn't
    know her first Roth IRA year codes it T (Instructions for Forms 1099-R, code T): the same
    form, so it matches and nothing is missing."""
    results, errors = reconciled(
        """
2025-01-31 custom "1099-R" Assets:AnnRothIRA 2024
  box1: 3000.00 USD
  box7: "T"
"""
    )
    assert errors == []
    result = results["Assets:AnnRothIRA", "Q"]
    assert result.status is Status.MATCH
    assert ("Assets:AnnRothIRA", "T") not in results
