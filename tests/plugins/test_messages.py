"""Every error and finding megaroth can emit: where it is, and what to write instead.

The lists below are checked against the source, so a new error type or check can't be
added without an example here that shows its message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from megaroth.errors import MegarothError, Reader
from tests.conftest import REPO, load

PERSON = '2000-01-01 custom "megaroth-person" "alice"\n  birth-date: 1985-01-01\n'
PLAN = (
    '2000-01-01 open Assets:Plan\n  megaroth-plan: "401k"\n  owner: "alice"\n'
    '  employer: "Acme"\n  in-plan-conversion: {flag}\n'
    "2000-01-01 open Assets:Plan:PreTax\n2000-01-01 open Assets:Plan:Roth\n"
    "2000-01-01 open Assets:Plan:Match\n2000-01-01 open Assets:Plan:AfterTax\n"
    "2000-01-01 open Assets:Plan:IRR\n2000-01-01 open Income:Salary\n"
    "2000-01-01 open Assets:Checking\n2000-01-01 open Income:Retirement:MarketValue\n"
    "2000-01-01 open Equity:Opening\n"
)
IRAS = (
    '2000-01-01 open Assets:IRA\n  megaroth-ira: "traditional"\n  owner: "alice"\n'
    '2000-01-01 open Assets:RothIRA\n  megaroth-ira: "roth"\n  owner: "alice"\n'
)
BASE = PERSON + PLAN.format(flag="TRUE") + IRAS
PLAN_457B = (
    '2000-01-01 open Assets:Gov457\n  megaroth-plan: "457b"\n  owner: "alice"\n'
    '  employer: "City"\n2000-01-01 open Assets:Gov457:PreTax\n'
)


GROWN_IRA = '2023-12-31 * "Growth"\n  Assets:IRA  5000.00 USD\n  Income:Retirement:MarketValue\n'
ROLLED_OUT = (
    '{date} * "Out, to go back in"\n  indirect-rollover: TRUE\n  Assets:IRA  -1000.00 USD\n'
    "  Assets:Checking\n"
)
ROLLED_IN = (
    '{date} * "Put back"\n  indirect-rollover: TRUE\n  Assets:IRA  1000.00 USD\n  Assets:Checking\n'
)


ROTH_IRA_CONTRIBUTION = '2024-03-01 * "Bank"\n  Assets:RothIRA  7000.00 USD\n  Assets:Checking\n'
RECHARACTERIZE = (
    '{date} * "Recharacterize"\n  recharacterized: 7000.00 USD\n  tax-year: 2024\n'
    "  Assets:RothIRA  -{moved} USD\n  Assets:IRA  {moved} USD\n"
)


def pay(date: str, account: str, amount: str) -> str:
    return f'{date} * "Payroll"\n  {account}  {amount} USD\n  Income:Salary\n'


def move(date: str, out: str, into: str, amount: str) -> str:
    return f'{date} * "Move"\n  {out}  -{amount} USD\n  {into}  {amount} USD\n'


#: check name -> (ledger, the start of its message, what it tells the user to do)
FINDINGS = {
    "402g-excess": (BASE + pay("2024-03-01", "Assets:Plan:PreTax", "30000.00"),
                    "alice deferred 30,000.00 in 2024", "by April 15, 2025"),
    "limits-unknown-year": (BASE + pay("2031-03-01", "Assets:Plan:PreTax", "1000.00"),
                            "megaroth has no limits for 2031 yet", "Add the year's figures"),
    "limits-years-before-table": (BASE.replace("2000-01-01", "1980-01-01")
                                  + pay("1985-03-01", "Assets:Plan:PreTax", "30000.00"),
                                  "megaroth's table of limits starts in 1987",
                                  "add their figures from the IRS notices"),
    "415c-excess": (BASE + pay("2024-03-01", "Assets:Plan:AfterTax", "70000.00"),
                    "alice's annual additions at Acme in 2024", "correct it under EPCRS"),
    "457b-excess": (BASE + PLAN_457B + pay("2024-03-01", "Assets:Gov457:PreTax", "25000.00"),
                    "alice deferred 25,000.00 to 457(b) plans in 2024",
                    "pay the excess back with its earnings"),
    "ira-excess": (BASE + pay("2024-03-01", "Assets:IRA", "8000.00"),
                   "alice's IRA contributions for 2024", "Withdraw the excess"),
    "roth-ira-phase-out": (
        BASE + '2025-04-01 custom "megaroth-magi" "alice" 2024 170000.00 USD "single"\n'
        + pay("2024-03-01", "Assets:RothIRA", "7000.00"),
        "alice put 7,000.00 straight into a Roth IRA", "Recharacterize"),
    "after-tax-stuck": (PERSON + PLAN.format(flag="FALSE")
                        + pay("2024-03-01", "Assets:Plan:AfterTax", "100.00"),
                        "After-tax money goes into Assets:Plan", "set in-plan-conversion: TRUE"),
    "conversion-delay": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
                         + move("2024-03-01", "Assets:Plan:AfterTax", "Assets:Plan:IRR",
                                "1000.00"),
                         "This conversion waited: 2024-01-01 held 60 days", "Converting sooner"),
    "pretax-swept": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
                     + pay("2024-01-01", "Assets:Plan:Match", "100.00")
                     + '2024-01-02 * "Move"\n  Assets:Plan:AfterTax  -1000.00 USD\n'
                     "  Assets:Plan:Match  -100.00 USD\n  Assets:Plan:IRR  1100.00 USD\n",
                     "100.00 of pre-tax money", "ask the plan to convert the after-tax source"),
    "after-tax-via-ira": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
                          + move("2024-01-02", "Assets:Plan:AfterTax", "Assets:IRA", "1000.00"),
                          "1,000.00 of after-tax basis was rolled to a traditional IRA",
                          "Rolled directly to a Roth IRA"),
    "roth-401k-as-roth-ira": (BASE + pay("2024-01-01", "Assets:RothIRA", "1000.00"),
                              "Assets:RothIRA is declared a Roth IRA but takes payroll money",
                              "Declare it as a plan"),
    "roth-catch-up": (BASE.replace("1985-01-01", "1970-01-01")
                      + '2025-12-31 custom "megaroth-fica-wages" "alice" "Acme" 2025 '
                      "200000.00 USD\n" + pay("2026-03-01", "Assets:Plan:PreTax", "26000.00"),
                      "alice made 1,500.00 of catch-up contributions", "Ask the plan"),
    "ira-missing-price": (BASE + '2024-01-01 * "Buy"\n  Assets:IRA  5 NOPRICE {10.00 USD}\n'
                          "  Assets:Checking  -50.00 USD\n"
                          '2024-01-02 * "Convert"\n  Assets:IRA  -5 NOPRICE {}\n'
                          "  Assets:RothIRA  5 NOPRICE {10.00 USD}\n"
                          '2024-06-01 * "Buy"\n  Assets:IRA  1 NOPRICE {10.00 USD}\n'
                          "  Assets:Checking  -10.00 USD\n",
                          "Form 8606 2024 for alice: the Dec 31 value", "Add a price line"),
    "ira-pro-rata": (BASE + '2023-12-31 * "Old"\n  Assets:IRA  5000.00 USD\n  Equity:Opening\n'
                     + pay("2024-01-01", "Assets:Checking", "0.01")
                     + move("2024-01-02", "Assets:IRA", "Assets:RothIRA", "1000.00"),
                     "alice converted 1,000.00 from a traditional IRA in 2024",
                     "Rolling the pre-tax IRA money into a 401(k)"),
    "split-conversion": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
                         + '2024-01-02 * "Out"\n  Assets:Plan:AfterTax  -1000.00 USD\n'
                         "  Assets:Checking\n"
                         '2024-01-03 * "In"\n  Assets:Plan:IRR  1000.00 USD\n'
                         "  Assets:Checking\n",
                         "This takes 1,000.00 out of Assets:Plan, and on 2024-01-03",
                         "give both transactions the same link, e.g. ^irr-2024-01"),
    "no-in-service-withdrawal": (
        PERSON
        + PLAN.format(flag="TRUE").replace("TRUE\n", "TRUE\n  in-service-withdrawal: FALSE\n", 1)
        + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
        + move("2024-02-01", "Assets:Plan:AfterTax", "Assets:Checking", "1000.00"),
        "1,000.00 leaves Assets:Plan for Assets:Checking", "record where it went"),
    "no-separate-accounting": (
        PERSON
        + PLAN.format(flag="TRUE").replace("TRUE\n", "TRUE\n  separate-accounting: FALSE\n", 1)
        + pay("2024-01-01", "Assets:Plan:PreTax", "1000.00")
        + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
        + move("2024-01-02", "Assets:Plan:AfterTax", "Assets:Plan:IRR", "500.00"),
        "Assets:Plan doesn't account for after-tax money separately",
        "remove separate-accounting: FALSE"),
    "rollover-late": (
        BASE + GROWN_IRA + ROLLED_OUT.format(date="2024-01-02")
        + ROLLED_IN.format(date="2024-03-15"),
        "This puts 1,000.00 into Assets:IRA as a rollover of the distribution of 2024-01-02",
        "Only an IRS waiver"),
    "rollover-once-a-year": (
        BASE + GROWN_IRA + ROLLED_OUT.format(date="2024-01-02")
        + ROLLED_IN.format(date="2024-01-10") + ROLLED_OUT.format(date="2024-03-01")
        + ROLLED_IN.format(date="2024-03-05"),
        "This rolls 1,000.00 paid out of Assets:IRA on 2024-03-01",
        "Announcement 2014-15"),
    "rollover-not-redeposited": (
        BASE + GROWN_IRA + ROLLED_OUT.format(date="2024-01-02")
        + pay("2024-06-01", "Assets:Checking", "1.00"),
        "1,000.00 of this distribution from Assets:IRA, marked indirect-rollover: TRUE",
        "record the redeposit"),
    "recharacterization-late": (
        BASE + ROTH_IRA_CONTRIBUTION
        + RECHARACTERIZE.format(date="2025-10-20", moved="7000.00"),
        "This recharacterizes a 2024 contribution of 7,000.00 from Assets:RothIRA",
        "the last day a contribution can be recharacterized"),
    "net-income-attributable": (
        BASE + ROTH_IRA_CONTRIBUTION
        + '2024-06-30 * "Growth"\n  Assets:RothIRA  700.00 USD\n  Income:Retirement:MarketValue\n'
        + RECHARACTERIZE.format(date="2024-08-01", moved="7000.00"),
        "This moves 7,000.00 for a contribution of 7,000.00",
        "Check the amount against the custodian's statement"),
    "correction-late": (
        BASE + pay("2024-03-01", "Assets:IRA", "8000.00")
        + '2025-11-03 * "Excess returned"\n  returned-contribution: 1000.00 USD\n'
        "  tax-year: 2024\n  Assets:IRA  -1050.00 USD\n  Assets:Checking\n",
        "This returns a 2024 contribution of 1,000.00 from Assets:IRA on 2025-11-03",
        "It is an ordinary distribution"),
    "figures-incomplete": (
        BASE + "2000-01-01 open Assets:Plan:AfterTx\n"
        + pay("2024-01-01", "Assets:Plan:AfterTx", "1000.00"),
        "megaroth left out 1 transaction of Assets:Plan from 2024 on",
        "whose money source it can't tell"),
    "strict-booking": (
        BASE + "2000-01-01 open Assets:Plan:AfterTax:FUND FUND\n"
        + '2024-01-01 * "Buy"\n  Assets:Plan:AfterTax:FUND  10 FUND {10.00 USD}\n'
        "  Income:Salary\n"
        + '2024-02-01 * "Buy"\n  Assets:Plan:AfterTax:FUND  10 FUND {11.00 USD}\n'
        "  Income:Salary\n",
        "Assets:Plan:AfterTax:FUND holds lots bought at 2 different costs",
        '2000-01-01 open Assets:Plan:AfterTax:FUND FUND "FIFO"'),
    "backdoor-not-nondeductible": (
        BASE + pay("2024-01-01", "Assets:IRA", "7000.00")
        + move("2024-01-05", "Assets:IRA", "Assets:RothIRA", "7000.00"),
        "7,000.00 went into Assets:IRA on 2024-01-01", "nondeductible: TRUE"),
    "unmatched-transfer": (
        BASE + '2024-01-05 * "Journal" ^transfer-2024-01-05-7000.00\n'
        "  Assets:RothIRA  7000.00 USD\n  Assets:Checking\n",
        "This is one half of a transfer between two of your accounts",
        "Import the other account's statement"),
}  # fmt: skip

#: reader check -> (ledger, the start of its message, what it tells the user to write)
ERRORS = {
    "household": (PERSON + '2000-01-01 open Assets:X\n  megaroth-plan: "401k"\n'
                  '  owner: "alice"\n', "Plan Assets:X has no employer", 'employer: "'),
    "basis": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1.00")
              + move("2024-01-02", "Assets:Plan:AfterTax", "Assets:Plan:PreTax", "1.00"),
              "Money moves from Assets:Plan to its own pre-tax money", "IRR"),
    "facts": (BASE + '2024-01-01 custom "megaroth-magi" "alice" 2024\n',
              'custom "megaroth-magi" needs its values in this order',
              '"alice" 2024 180000.00 USD "single"'),
    "ira-basis": (BASE + '2024-01-01 custom "megaroth-ira-basis" "alice"\n',
                  'custom "megaroth-ira-basis" needs the person, the year',
                  '"alice" 2024 3500.00 USD'),
    "form": (BASE + '2025-01-01 custom "1099-R" Assets:Plan 2024\n  box1: 1.00 USD\n',
             "Form 1099-R for Assets:Plan has no box7", 'box7: "G"'),
    "form-unexpected": (BASE + '2025-01-01 custom "1099-R" Assets:Plan 2024\n  box1: 1.00 USD\n'
                        '  box7: "G"\n', "Form 1099-R for Assets:Plan, 2024, code G: the ledger "
                        "has no conversion", "Record the transaction behind it"),
    "form-mismatch": (BASE + pay("2024-01-01", "Assets:Plan:AfterTax", "1000.00")
                      + move("2024-01-02", "Assets:Plan:AfterTax", "Assets:Plan:IRR", "1000.00")
                      + '2025-01-01 custom "1099-R" Assets:Plan 2024\n  box1: 1000.00 USD\n'
                      '  box2a: 5.00 USD\n  box5: 1000.00 USD\n  box7: "G"\n',
                      "Form 1099-R for Assets:Plan, 2024, code G: box2a says 5.00 but the "
                      "ledger says 0.00", "ask the payer for a corrected form"),
    "settings": ("plugin \"megaroth.plugins\" \"{'delays': 3}\"\n",
                 "The megaroth plugin configuration", "unknown key 'delays'"),
}  # fmt: skip


def _where(error: object) -> tuple[str, int]:
    source = error.source  # type: ignore[attr-defined]
    return source["filename"], source["lineno"]


@pytest.mark.parametrize("check", sorted(FINDINGS))
def test_each_finding_says_where_and_what_to_do(check: str) -> None:
    ledger, start, advice = FINDINGS[check]
    _, errors, _ = load('plugin "megaroth.plugins"\n' + ledger)
    found = [e for e in errors if e.message.removeprefix("Warning: ").startswith(start)]
    assert len(found) == 1, [e.message for e in errors]
    assert advice in found[0].message
    filename, lineno = _where(found[0])
    assert filename == "<string>"
    assert lineno > 0


@pytest.mark.parametrize("check", sorted(ERRORS))
def test_each_error_says_where_and_what_to_write(check: str) -> None:
    ledger, start, advice = ERRORS[check]
    text = ledger if ledger.startswith("plugin") else 'plugin "megaroth.plugins"\n' + ledger
    _, errors, _ = load(text)
    found = [e for e in errors if e.check == check and e.message.startswith(start)]
    assert len(found) == 1, [(getattr(e, "check", None), e.message) for e in errors]
    assert advice in found[0].message
    _, lineno = _where(found[0])
    assert lineno >= (0 if check == "settings" else 1)


def test_every_check_and_reader_in_the_source_has_an_example_here() -> None:
    engine = REPO / "src" / "megaroth" / "engine"
    source = "\n".join(p.read_text() for p in engine.glob("*.py"))
    checks = set(re.findall(r'Severity\.(?:ERROR|WARNING),\s*"([a-z0-9]+(?:-[a-z0-9]+)+)"',
                            source))  # fmt: skip
    assert checks == set(FINDINGS)
    # "internal" (megaroth itself failed) has its fault-injection test in tests/usability.
    assert {reader.value for reader in Reader} - {"internal"} == set(ERRORS)
    # The importers' one error type has its message tests in tests/importers.
    importer_source = (REPO / "importers" / "rows.py").read_text()
    assert "class StatementError(Error)" in importer_source
    assert Path(REPO / "tests" / "importers" / "generic" / "test_generic.py").exists()


def test_every_error_megaroth_reports_is_one_type_naming_its_check() -> None:
    ledgers = [ledger for ledger, _, _ in [*FINDINGS.values(), *ERRORS.values()]]
    for ledger in ledgers:
        text = ledger if ledger.startswith("plugin") else 'plugin "megaroth.plugins"\n' + ledger
        _, errors, _ = load(text)
        assert errors
        for error in errors:
            assert isinstance(error, MegarothError), error
            assert error.check in {*FINDINGS, *ERRORS}


def test_configuration_examples_in_messages_are_valid_plugin_lines() -> None:
    """The plugin lines that messages suggest can be pasted as they are."""
    for check in ("limits-years-before-table", "limits-unknown-year"):
        ledger, _, _ = FINDINGS[check]
        _, errors, _ = load('plugin "megaroth.plugins"\n' + ledger)
        (message,) = [e.message for e in errors if 'plugin "megaroth.plugins" "' in e.message]
        suggested = message[message.index('plugin "megaroth.plugins"') :].replace("...", "1")
        _, config_errors, _ = load(suggested + "\n")
        assert config_errors == [], suggested
