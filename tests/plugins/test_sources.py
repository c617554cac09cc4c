"""The source-tagging stage: declarations, tags, and an error for each bad declaration."""

from __future__ import annotations

from beancount.core import data
from beanquery import query

from tests.conftest import load, messages

HOUSEHOLD = """
    plugin "megaroth.plugins"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1974-03-14
    2020-01-01 open Assets:Checking
    2020-01-01 open Income:Retirement:Gains
    2020-01-01 open Assets:Retirement:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
      in-plan-conversion: TRUE
    2020-01-01 open Assets:Retirement:Acme401k:PreTax:FXAIX    FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax:FXAIX  FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:IRR:FXAIX       FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:Voluntary       USD
      source: "VoluntaryAfterTax"
    2020-01-01 open Assets:Retirement:AliceRothIRA
      megaroth-ira: "roth"
      owner: "alice"
    2020-01-01 open Assets:Retirement:AliceRothIRA:VTI         VTI
    2024-01-15 * "Payroll" "After-tax contribution"
      Assets:Retirement:Acme401k:AfterTax:FXAIX   200.000 FXAIX {167.50 USD}
      Assets:Checking                            -33500.00 USD
    2024-01-16 * "Fidelity" "In-plan Roth conversion"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -200.000 FXAIX {} @ 167.75 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        200.000 FXAIX {167.75 USD}
      Income:Retirement:Gains
    2024-02-01 * "Bank" "Roth IRA"
      Assets:Retirement:AliceRothIRA:VTI  10 VTI {230.00 USD}
      Assets:Checking
    2024-02-02 * "Payroll" "Voluntary after-tax, dollar style"
      Assets:Retirement:Acme401k:Voluntary  500.00 USD
      Assets:Checking
"""


def _opens(entries: list[data.Directive]) -> dict[str, data.Open]:
    return {e.account: e for e in entries if isinstance(e, data.Open)}


def test_household_loads_without_errors() -> None:
    _, errors, _ = load(HOUSEHOLD)
    assert errors == []


def test_source_opens_carry_their_kind_and_owner() -> None:
    entries, _, _ = load(HOUSEHOLD)
    opens = _opens(entries)
    expected = {
        "Assets:Retirement:Acme401k:PreTax:FXAIX": "pretax",
        "Assets:Retirement:Acme401k:AfterTax:FXAIX": "after-tax",
        "Assets:Retirement:Acme401k:IRR:FXAIX": "irr",
        "Assets:Retirement:Acme401k:Voluntary": "after-tax",  # from the source: override
    }
    for account, kind in expected.items():
        assert opens[account].meta["megaroth-source"] == kind
        assert opens[account].meta["megaroth-owner"] == "alice"
    assert "megaroth-source" not in opens["Assets:Checking"].meta
    assert "megaroth-source" not in opens["Assets:Retirement:Acme401k"].meta


def test_postings_carry_source_plan_and_owner() -> None:
    entries, _, _ = load(HOUSEHOLD)
    conversion = next(
        e for e in entries if isinstance(e, data.Transaction) and "conversion" in e.narration
    )
    metas = {p.account: p.meta for p in conversion.postings}
    out = metas["Assets:Retirement:Acme401k:AfterTax:FXAIX"]
    into = metas["Assets:Retirement:Acme401k:IRR:FXAIX"]
    assert (out["megaroth-source"], out["megaroth-plan"], out["megaroth-owner"]) == (
        "after-tax",
        "Assets:Retirement:Acme401k",
        "alice",
    )
    assert into["megaroth-source"] == "irr"
    assert "megaroth-source" not in (metas["Income:Retirement:Gains"] or {})


def test_ira_postings_below_the_ira_account_are_tagged() -> None:
    entries, _, _ = load(HOUSEHOLD)
    ira = next(e for e in entries if isinstance(e, data.Transaction) and e.narration == "Roth IRA")
    posting = ira.postings[0]
    assert posting.meta["megaroth-ira"] == "roth"
    assert posting.meta["megaroth-owner"] == "alice"


def test_bean_query_selects_by_source() -> None:
    entries, _, options = load(HOUSEHOLD)
    _, rows = query.run_query(
        entries,
        options,
        "SELECT account, sum(number) AS units WHERE meta('megaroth-source') = 'after-tax' "
        "GROUP BY account ORDER BY account",
    )
    assert [(account, units) for account, units in rows] == [
        ("Assets:Retirement:Acme401k:AfterTax:FXAIX", 0),
        ("Assets:Retirement:Acme401k:Voluntary", 500),
    ]


def test_names_match_ignoring_case_spaces_dashes_and_underscores() -> None:
    _, errors, _ = load(
        """
        plugin "megaroth.plugins.sources"
        2020-01-01 custom "megaroth-person" "bob"
        2020-01-01 open Assets:Plan
          megaroth-plan: "403b"
          owner: "bob"
          employer: "Globex"
        2020-01-01 open Assets:Plan:Safe-Harbor-Match
        2020-01-01 open Assets:Plan:Voluntary-After-Tax
        2020-01-01 open Assets:Plan:ROTHROLLOVER
        2020-01-01 open Assets:Plan:Other
          source: "Profit Sharing"
        """
    )
    assert errors == []


# One test per error of the foundation issue, each asserting the message and the line. -----


def _only_error(text: str) -> tuple[int, str]:
    _, errors, _ = load(text)
    assert len(errors) == 1, messages(errors)
    return errors[0].source["lineno"], errors[0].message


PERSON_AND_PLAN = """
    plugin "megaroth.plugins"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1974-03-14
    2020-01-01 open Assets:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
"""


def test_unnamed_source_is_an_error_on_its_open_line() -> None:
    lineno, message = _only_error(
        PERSON_AND_PLAN
        + """
    2020-01-01 open Assets:Acme401k:Bonus:FXAIX  FXAIX
    """
    )
    assert lineno == 10
    assert message.startswith(
        'Assets:Acme401k:Bonus:FXAIX: can\'t tell which money source "Bonus" is in plan '
        "Assets:Acme401k."
    )
    assert "PreTax, Deferral, EmployeeDeferral, Roth," in message
    # No kind is suggested: pasting a guess (after-tax) would make false basis.
    assert 'source: "<kind>"' in message
    assert "pretax = employee pre-tax deferrals; roth = designated Roth deferrals;" in message


def test_unknown_source_override_is_an_error() -> None:
    lineno, message = _only_error(
        PERSON_AND_PLAN
        + """
    2020-01-01 open Assets:Acme401k:Bucket  USD
      source: "bonus money"
    """
    )
    assert lineno == 10
    assert message == (
        "Assets:Acme401k:Bucket: source 'bonus money' (on the Open of Assets:Acme401k:Bucket) "
        "is not a money source megaroth knows. Write one of: pretax, roth, match, nonelective, "
        "roth-employer, after-tax, irr, rollover, roth-rollover."
    )


def test_plan_without_owner() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 open Assets:Acme401k
          megaroth-plan: "401k"
          employer: "Acme Corp"
        """
    )
    assert lineno == 3
    # No one is declared: no name is made up (issue 13, item 9).
    assert message == (
        "Plan Assets:Acme401k has no owner, and no one is declared yet: add  2020-01-01 "
        'custom "megaroth-person" "NAME"  with a  birth-date:  line, then  owner: "NAME"  to '
        "this Open; 402(g) deferrals are counted per person across all plans."
    )


def test_plan_without_employer() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2020-01-01 open Assets:Acme401k
          megaroth-plan: "401k"
          owner: "alice"
        """
    )
    assert lineno == 4
    assert message == (
        'Plan Assets:Acme401k has no employer: add  employer: "Acme Corp"  to its Open '
        "(415(c) annual additions are counted per employer)."
    )


def test_plan_nested_in_a_plan() -> None:
    lineno, message = _only_error(
        PERSON_AND_PLAN
        + """
    2020-01-01 open Assets:Acme401k:Old401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
    2020-01-01 open Assets:Acme401k:Old401k:PreTax
    """
    )
    assert lineno == 10
    assert message == (
        "Assets:Acme401k:Old401k declares megaroth-plan but sits inside the plan "
        "Assets:Acme401k, whose sub-accounts are its money sources. Open it outside "
        "Assets:Acme401k (for example Assets:Old401k), or remove megaroth-plan: from this Open."
    )


def test_ira_without_a_valid_type() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2020-01-01 open Assets:AliceIRA
          megaroth-ira: "trad"
          owner: "alice"
        """
    )
    assert lineno == 4
    assert message == (
        "Assets:AliceIRA: megaroth-ira 'trad' is not an IRA type. Write one of: traditional, "
        'sep, simple, roth, e.g.  megaroth-ira: "traditional"'
    )


def test_plan_type_must_be_known() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2020-01-01 open Assets:AcmePension
          megaroth-plan: "pension"
          owner: "alice"
          employer: "Acme Corp"
        """
    )
    assert lineno == 4
    assert "megaroth-plan 'pension' is not a plan type" in message
    assert "401k, 403b, 457b, solo401k" in message


def test_owner_without_a_person() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2021-06-01 open Assets:BobIRA
          megaroth-ira: "traditional"
          owner: "bob"
        """
    )
    assert lineno == 4
    assert message == (
        'Assets:BobIRA: owner "bob" is not declared. Add  2021-06-01 custom "megaroth-person" '
        '"bob"  with a  birth-date:  line, or change owner to one of: alice.'
    )


def test_unreadable_birth_date() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
          birth-date: "March 14, 1974"
        """
    )
    assert lineno == 3
    assert message == (
        "Person \"alice\": birth-date 'March 14, 1974' is not a date. Write it as a date "
        "without quotes, year-month-day, e.g.  birth-date: 1974-03-14  (it decides catch-up "
        "eligibility at 50 and at 60-63)."
    )


def test_quoted_iso_birth_date_is_accepted() -> None:
    _, errors, _ = load(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
          birth-date: "1974-03-14"
        """
    )
    assert errors == []


def test_person_declared_twice() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2021-01-01 custom "megaroth-person" "alice"
        """
    )
    assert lineno == 4
    assert message == (
        'Person "alice" is declared twice (first at <string>:3); keep one declaration.'
    )


def test_flag_that_is_not_a_boolean() -> None:
    lineno, message = _only_error(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" "alice"
        2020-01-01 open Assets:Acme401k
          megaroth-plan: "401k"
          owner: "alice"
          employer: "Acme Corp"
          in-plan-conversion: "yes"
        """
    )
    assert lineno == 4
    assert message == (
        "Assets:Acme401k: in-plan-conversion is 'yes'; write  in-plan-conversion: TRUE  or  "
        "in-plan-conversion: FALSE  (no quotes)."
    )


def test_posting_to_the_plan_account_itself() -> None:
    lineno, message = _only_error(
        PERSON_AND_PLAN
        + """
    2020-01-01 open Assets:Checking
    2024-01-02 * "Payroll"
      Assets:Acme401k   100.00 USD
      Assets:Checking
    """
    )
    assert lineno == 11
    assert message.startswith("This transaction posts to the plan account Assets:Acme401k")
    assert "Assets:Acme401k:AfterTax" in message


def test_errors_never_raise_on_odd_declarations() -> None:
    _, errors, _ = load(
        """
        plugin "megaroth.plugins"
        2020-01-01 custom "megaroth-person" 42
        2020-01-01 custom "megaroth-person" "a" "b"
        2020-01-01 open Assets:X
          megaroth-plan: TRUE
        2020-01-01 open Assets:Y
          megaroth-ira: 3
          owner: 7
        """
    )
    assert len(errors) == 4
    assert all(error.source["filename"] == "<string>" for error in errors)
