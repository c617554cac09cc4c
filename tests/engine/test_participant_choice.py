"""The participant's choice under Notice 2014-54 (issue 16, item 7): how the pre-tax part of
one distribution is spread among the destinations that take pre-tax money.

Notice 2014-54 (III.B): all disbursements of a distribution are one distribution; its pre-tax
part goes first to what is rolled over to eligible retirement plans that take pre-tax money
(traditional IRAs, other plans' pre-tax money), and when there are several, "the individual
may select how the pretax amount is allocated among these plans" before the distribution.
megaroth's default puts the traditional IRAs first; ``pretax-amount`` on a receiving posting
says otherwise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.figures import form_8606_lines
from megaroth.engine.reconciliation import Status
from tests.conftest import load, messages, without_findings

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "ada"
  birth-date: 1980-05-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Assets:OldCo401k
  megaroth-plan: "401k"
  owner: "ada"
  employer: "OldCo"
2000-01-01 open Assets:OldCo401k:PreTax
2000-01-01 open Assets:OldCo401k:AfterTax
2000-01-01 open Assets:NewCo401k
  megaroth-plan: "401k"
  owner: "ada"
  employer: "NewCo"
2000-01-01 open Assets:NewCo401k:Rollover
2000-01-01 open Assets:AdaIRA
  megaroth-ira: "traditional"
  owner: "ada"
2000-01-01 open Assets:AdaRothIRA
  megaroth-ira: "roth"
  owner: "ada"
2022-01-10 * "OldCo" "Payroll"
  Assets:OldCo401k:PreTax   20000.00 USD
  Assets:OldCo401k:AfterTax 40000.00 USD
  Income:Salary
2023-01-10 * "OldCo" "Payroll"
  Assets:OldCo401k:PreTax   30000.00 USD
  Income:Salary
2023-12-31 * "OldCo" "Change in market value"
  Assets:OldCo401k:PreTax    5000.00 USD
  Assets:OldCo401k:AfterTax  5000.00 USD
  Income:Retirement:MarketValue
2024-03-01 * "OldCo" "Everything out, by direct rollover"
  Assets:OldCo401k:PreTax     -55000.00 USD
  Assets:OldCo401k:AfterTax   -45000.00 USD
  Assets:AdaIRA                40000.00 USD
    pretax-amount: 0.00 USD
  Assets:NewCo401k:Rollover    60000.00 USD
2024-03-05 * "Broker" "Conversion"
  Assets:AdaIRA      -40000.00 USD
  Assets:AdaRothIRA   40000.00 USD
"""

#: OldCo issues one form per direct rollover; the IRA its own for the conversion.
FORMS = """
2025-01-31 custom "1099-R" Assets:OldCo401k 2024
  payer: "OldCo 401(k)"
  box1: 40000.00 USD
  box2a: 0.00 USD
  box5: 40000.00 USD
  box7: "G"
2025-01-31 custom "1099-R" Assets:OldCo401k 2024
  payer: "OldCo 401(k)"
  box1: 60000.00 USD
  box2a: 0.00 USD
  box7: "G"
2025-01-31 custom "1099-R" Assets:AdaIRA 2024
  payer: "Broker"
  box1: 40000.00 USD
  box2a: 40000.00 USD
  box2b-not-determined: TRUE
  box7: "2"
  ira-sep-simple: TRUE
2025-05-31 custom "5498" Assets:AdaIRA 2024
  box2: 40000.00 USD
  box5: 0.00 USD
2025-05-31 custom "5498" Assets:AdaRothIRA 2024
  box3: 40000.00 USD
  box5: 40000.00 USD
"""


def analysed(text: str) -> tuple[Analysis, list[Any]]:
    entries, errors, options = load(text)
    return analyse(entries, options), errors


def test_item_7_the_pre_tax_money_goes_where_the_participant_chose() -> None:
    """Ada's OldCo 401(k) holds 55,000 of pre-tax money (50,000 deferred, 5,000 earned) and
    45,000 of after-tax money (40,000 contributed, 5,000 earned): 100,000, of which 40,000 is
    basis and 60,000 pre-tax (the after-tax earnings are pre-tax: Notice 2014-54). She rolls
    all of it directly: 40,000 to her traditional IRA, 60,000 to NewCo's plan.

    By default the IRA takes pre-tax money first: 40,000 pre-tax, and NewCo 20,000 pre-tax
    with the 40,000 of basis. She chose otherwise (pretax-amount: 0.00 USD on the IRA's
    posting): NewCo takes the 60,000 of pre-tax money and the IRA the 40,000 of basis, which is
    IRA basis from that day (Form 8606 line 2). Converted five days later with nothing else
    in her IRAs, Form 8606 2024: line 2 = 40,000, 6 = 0, 8 = 40,000, 10 = 1, 11 = 40,000,
    18 = 0: nothing taxable (by default it would have been 40,000).

    Forms: OldCo's two G forms (box 1 40,000 with box 5 40,000; box 1 60,000), the IRA's
    conversion (code 2, box 2a 40,000 with "not determined"), the IRA's 5498 (box 2 40,000,
    box 5 0) and the Roth IRA's (box 3 40,000, box 5 40,000): all match."""
    analysis, errors = analysed(LEDGER + FORMS)
    assert without_findings(errors) == []
    rolled = {m.to_account: (m.gross, m.basis, m.taxable) for m in analysis.basis.movements
              if m.payer == "Assets:OldCo401k"}  # fmt: skip
    assert rolled == {
        "Assets:AdaIRA": (D("40000.00"), D("40000.00"), D("0.00")),
        "Assets:NewCo401k:Rollover": (D("60000.00"), D("0.00"), D("0.00")),
    }
    lines = form_8606_lines(analysis, "ada", 2024)
    assert [lines[f"line{n}"] for n in (2, 6, 8, 11, 18)] == [
        D("40000.00"), D("0.00"), D("40000.00"), D("40000.00"), D("0.00")]  # fmt: skip
    assert {r.status for r in analysis.reconciled} == {Status.MATCH}
    assert len(analysis.reconciled) == 4


def test_item_7_by_default_the_traditional_ira_takes_the_pre_tax_money_first() -> None:
    analysis, _ = analysed(LEDGER.replace("    pretax-amount: 0.00 USD\n", ""))
    rolled = {m.to_account: (m.basis, m.taxable) for m in analysis.basis.movements}
    assert rolled["Assets:AdaIRA"] == (D("0.00"), D("0.00"))  # 40,000 of pre-tax money
    assert rolled["Assets:NewCo401k:Rollover"] == (D("40000.00"), D("0.00"))
    assert rolled["Assets:AdaRothIRA"] == (D("0.00"), D("40000.00"))  # the conversion: taxed
    assert form_8606_lines(analysis, "ada", 2024)["line18"] == D("40000.00")


def test_item_7_a_choice_that_cant_be_followed_says_why() -> None:
    """60,000 of pre-tax money must go to the two pre-tax destinations between them: the IRA
    can't take 50,000 of it when it receives 40,000."""
    _, errors = analysed(LEDGER.replace("pretax-amount: 0.00 USD", "pretax-amount: 50000.00 USD"))
    assert messages(without_findings(errors)) == [
        "pretax-amount: Assets:AdaIRA is given 50,000.00 of pre-tax money but receives "
        "40,000.00. The participant may choose how the pre-tax money is spread among "
        "traditional IRAs and plans' pre-tax money (Notice 2014-54), not how much of it there "
        "is; megaroth used the default order (traditional IRAs first)."
    ]
