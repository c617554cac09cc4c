"""Early-distribution exceptions on the 1099-R (issue 16, item 5): separation from service at
55 (50 for public safety), with disability and death, and the codes they combine with.

The law (Instructions for Forms 1099-R and 5498, box 7 codes 1, 2, 3, 4, 7 and the Guide to
Distribution Codes; IRC 72(t)(2)(A)(v), 72(t)(10)):

- A plan distribution after the participant separated from service *in or after the year
  they turn 55* is spared the 10% additional tax, and the payer, who knows, codes it 2 (an
  early distribution, exception applies). For a qualified public safety employee of a
  governmental plan the age is 50. It never applies to IRAs (IRC 72(t)(3)(A)). Someone who
  left the year they turned 54 keeps code 1 even when paid at 56.
- Code B (designated Roth) combines with 2: "2B"; G (direct rollover) and H combine with 4
  after the participant's death: "4G", "4H".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.reconciliation import Status
from tests.conftest import load, messages, without_findings

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "sam"
  birth-date: 1969-07-01
2000-01-01 custom "megaroth-person" "pat"
  birth-date: 1974-03-01
2000-01-01 custom "megaroth-person" "lee"
  birth-date: 1970-03-01
2000-01-01 custom "megaroth-person" "dee"
  birth-date: 1980-01-01
  death-date: 2024-03-01
2000-01-01 custom "megaroth-person" "eve"
  birth-date: 1982-01-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Expenses:Taxes:Federal
  megaroth-withholding: TRUE
2000-01-01 open Assets:SamAcme401k
  megaroth-plan: "401k"
  owner: "sam"
  employer: "Acme"
  in-service-withdrawal: FALSE
  separation-date: 2024-09-30
2000-01-01 open Assets:SamAcme401k:PreTax
2000-01-01 open Assets:SamAcme401k:Roth
2000-01-01 open Assets:PatCity457
  megaroth-plan: "457b"
  owner: "pat"
  employer: "City Police"
  separation-date: 2024-05-31
  public-safety-employee: TRUE
2000-01-01 open Assets:PatCity457:PreTax
2000-01-01 open Assets:LeeBeta401k
  megaroth-plan: "401k"
  owner: "lee"
  employer: "Beta"
  separation-date: 2024-12-31
2000-01-01 open Assets:LeeBeta401k:PreTax
2000-01-01 open Assets:DeeGamma401k
  megaroth-plan: "401k"
  owner: "dee"
  employer: "Gamma"
2000-01-01 open Assets:DeeGamma401k:PreTax
2000-01-01 open Assets:EveInheritedIRA
  megaroth-ira: "traditional"
  owner: "eve"

2020-01-15 * "Acme" "Payroll"
  Assets:SamAcme401k:PreTax  19500.00 USD
  Income:Salary
2020-01-15 * "Acme" "Payroll"
  Assets:SamAcme401k:Roth  10000.00 USD
  Income:Salary
2023-12-31 * "Acme" "Growth"
  Assets:SamAcme401k:Roth  2000.00 USD
  Income:Retirement:MarketValue
2024-06-03 * "Acme" "Hardship withdrawal"
  Assets:SamAcme401k:PreTax  -1000.00 USD
  Assets:Checking
2024-11-01 * "Acme" "Distribution after leaving Acme"
  Assets:SamAcme401k:PreTax  -10000.00 USD
  Expenses:Taxes:Federal       2000.00 USD
  Assets:Checking              8000.00 USD
2025-03-03 * "Acme" "Roth 401(k) distribution"
  Assets:SamAcme401k:Roth  -6000.00 USD
  Assets:Checking

2022-01-15 * "City" "Payroll"
  Assets:PatCity457:PreTax  20000.00 USD
  Income:Salary
2024-08-01 * "City" "Distribution after leaving the police"
  Assets:PatCity457:PreTax  -5000.00 USD
  Assets:Checking

2022-01-15 * "Beta" "Payroll"
  Assets:LeeBeta401k:PreTax  20000.00 USD
  Income:Salary
2026-04-01 * "Beta" "Distribution at 56"
  Assets:LeeBeta401k:PreTax  -4000.00 USD
  Assets:Checking

2022-01-15 * "Gamma" "Payroll"
  Assets:DeeGamma401k:PreTax  20000.00 USD
  Income:Salary
2024-06-01 * "Gamma" "Direct rollover to the beneficiary's inherited IRA"
  Assets:DeeGamma401k:PreTax  -20000.00 USD
  Assets:EveInheritedIRA       20000.00 USD
"""

#: The forms as each payer fills them in.
FORMS = """
2025-01-31 custom "1099-R" Assets:SamAcme401k 2024
  payer: "Acme 401(k)"
  box1: 1000.00 USD
  box2a: 1000.00 USD
  box7: "1"
2025-01-31 custom "1099-R" Assets:SamAcme401k 2024
  payer: "Acme 401(k)"
  box1: 10000.00 USD
  box2a: 10000.00 USD
  box4: 2000.00 USD
  box7: "2"
2026-01-31 custom "1099-R" Assets:SamAcme401k 2025
  payer: "Acme 401(k)"
  box1: 6000.00 USD
  box2a: 1000.00 USD
  box5: 5000.00 USD
  box7: "B2"
  box11: 2020
2025-01-31 custom "1099-R" Assets:PatCity457 2024
  payer: "City 457(b)"
  box1: 5000.00 USD
  box2a: 5000.00 USD
  box7: "2"
2027-01-31 custom "1099-R" Assets:LeeBeta401k 2026
  payer: "Beta 401(k)"
  box1: 4000.00 USD
  box2a: 4000.00 USD
  box7: "1"
2025-01-31 custom "1099-R" Assets:DeeGamma401k 2024
  payer: "Gamma 401(k)"
  box1: 20000.00 USD
  box2a: 0.00 USD
  box7: "4G"
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(text)
    return analyse(entries, options), errors


def test_item_5_codes_follow_separation_disability_and_death() -> None:
    """Worked from the box 7 codes and IRC 72(t):

    - Sam, born 1969-07-01, turns 55 in 2024 and leaves Acme on 2024-09-30 (separation-date
      on the plan's Open). June's 1,000, taken while still employed, is code 1. November's
      10,000 (2,000 withheld, box 4), after leaving in the year he turns 55, is code 2: box 1
      10,000, box 2a 10,000. In March 2025 his Roth 401(k) (10,000 of deferrals since 2020, worth
      12,000) pays 6,000: pro rata 6,000 x 10,000 / 12,000 = 5,000 of basis (box 5), 1,000 of
      earnings (box 2a); the plan's period (2020-2024) is met but he is 55, not 59 1/2: not
      qualified, so "2B" (B combines with 2), box 11 2020.
    - Pat, born 1974-03-01, a police officer (public-safety-employee: TRUE on the city's
      457(b) plan), leaves on 2024-05-31, the year she turns 50: her 5,000 in August is code
      2 (IRC 72(t)(10)).
    - Lee, born 1970-03-01, leaves Beta on 2024-12-31, the year she turns 54: her 4,000 in
      April 2026, at 56, is still code 1 (the separation wasn't in or after the year of 55).
    - Dee died on 2024-03-01; her plan's 20,000 rolled directly to her beneficiary Eve's
      inherited IRA is "4G", box 2a 0.

    Each expected 1099-R matches the form the payer filled in.
    """
    analysis, errors = analysed(LEDGER + FORMS)
    codes = sorted((m.payer, str(m.date), m.code, m.taxable) for m in analysis.basis.movements)
    assert codes == [
        ("Assets:DeeGamma401k", "2024-06-01", "4G", D("0.00")),
        ("Assets:LeeBeta401k", "2026-04-01", "1", D("4000.00")),
        ("Assets:PatCity457", "2024-08-01", "2", D("5000.00")),
        ("Assets:SamAcme401k", "2024-06-03", "1", D("1000.00")),
        ("Assets:SamAcme401k", "2024-11-01", "2", D("10000.00")),
        ("Assets:SamAcme401k", "2025-03-03", "2B", D("1000.00")),
    ]
    statuses = {(r.account, r.year, r.code): r.status for r in analysis.reconciled}
    assert set(statuses.values()) == {Status.MATCH}, statuses
    assert len(statuses) == 6
    assert without_findings(errors) == []


def test_item_5_the_in_service_warning_stops_at_the_separation_date() -> None:
    """Acme's Open says in-service-withdrawal: FALSE: the June withdrawal, before Sam left,
    is warned about; November's, after separation-date, is not."""
    analysis, _ = analysed(LEDGER)
    warned = [f for f in analysis.findings if f.check == "no-in-service-withdrawal"]
    assert [str(f.meta["lineno"]) for f in warned] == [
        str(m.meta["lineno"]) for m in analysis.basis.movements if str(m.date) == "2024-06-03"
    ]


def test_item_5_without_the_public_safety_flag_pat_is_code_1() -> None:
    analysis, _ = analysed(LEDGER.replace("  public-safety-employee: TRUE\n", ""))
    (pat,) = [m for m in analysis.basis.movements if m.payer == "Assets:PatCity457"]
    assert pat.code == "1"


def test_item_5_a_separation_date_that_isnt_a_date_says_what_to_write() -> None:
    _, errors = analysed(LEDGER.replace("separation-date: 2024-12-31", 'separation-date: "Dec"'))
    assert messages(without_findings(errors)) == [
        "Assets:LeeBeta401k: separation-date 'Dec' is not a date. Write it as a date without "
        "quotes, year-month-day, e.g.  separation-date: 2025-06-30  (the day its owner left the "
        "employer: a distribution after it, in or after the year they turn 55 (50 for a "
        "qualified public safety employee), is spared the 10% additional tax, box 7 code 2)."
    ]
