"""Random declarations, forms, facts, metadata and settings through the real plugins.

Every ``custom`` megaroth reads (1099-R, 5498, person, IRA basis, compensation, MAGI, FICA
wages), the metadata of plan and IRA Opens, and the plugin's settings string, with values
of every type Beancount has: each gives megaroth's errors on its line, never a crash, and
every entry still prints and parses back.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import load
from tests.fuzz.roundtrip import assert_prints_and_parses_back
from tests.fuzz.tally import EXAMPLES, TRIED

#: A value of each type Beancount's grammar has, as written in a ledger.
VALUE = st.one_of(
    st.sampled_from(['"alice"', '"Acme Corp"', '""', '"single"', '"mfj"', '"G"', '"2"', '"1B"',
                     '"x"', '"<b>"', "TRUE", "FALSE", "2024", "2024.5", "-3", "0",
                     "2024-01-31", "1999-12-31", "7000.00 USD", "-1.00 USD", "5 FUND",
                     "Assets:Plan", "Assets:IRA", "Assets:Nowhere", "#tag"]),
    st.integers(-10**6, 10**6).map(str),
    st.text(alphabet="abcXYZ019 -_", max_size=8).map(lambda t: f'"{t}"'),
)  # fmt: skip
KEYS = st.sampled_from([
    "box1", "box2a", "box2A", "box2b-not-determined", "box2b-total", "box3", "box4", "box5",
    "box7", "box9b", "box10", "box11", "ira-sep-simple", "payer", "box2", "box14", "note",
    "birth-date", "owner", "employer", "megaroth-plan", "megaroth-ira", "source",
    "in-plan-conversion", "in-service-withdrawal", "nondeductible", "tax-year",
    "megaroth-earnings", "megaroth-withholding", "death-date", "disability-date",
    "first-home-year", "first-home-expenses", "box8", "box9", "separation-date",
    "public-safety-employee", "separate-accounting", "pretax-amount", "indirect-rollover",
    "recharacterized", "corrects", "returned-contribution",
])  # fmt: skip
CUSTOMS = st.sampled_from([
    "1099-R", "5498", "megaroth-person", "megaroth-ira-basis", "megaroth-compensation",
    "megaroth-magi", "megaroth-fica-wages",
])  # fmt: skip
# At least one value: Beancount's own pad plugin and printer fail on a custom with none.
CUSTOM = st.tuples(CUSTOMS, st.lists(VALUE, min_size=1, max_size=5),
                   st.lists(st.tuples(KEYS, VALUE), max_size=6))  # fmt: skip
OPEN = st.tuples(
    st.sampled_from(["Assets:Plan", "Assets:Plan:AfterTax", "Assets:Plan:IRR", "Assets:IRA",
                     "Assets:Plan:Mystery", "Assets:RothIRA"]),
    st.lists(st.tuples(KEYS, VALUE), max_size=6),
)  # fmt: skip
SETTINGS = st.one_of(
    st.sampled_from([
        "{'delay-days': 14}", "{'delay-days': 'x'}", "{'tolerance': '1.00'}", "{'limits': 3}",
        "{'limits': {2027: {'402g': 'lots'}}}", "{'ratio-places': -4}", "[1, 2]", "{",
        "{'delay-earnings': None}", "{'limits': {'2027': {}}}", "__import__('os')",
    ]),
    st.text(max_size=20),
)  # fmt: skip

BASE = """
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1975-06-01
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2024-01-10 * "Payroll"
  Assets:Plan:AfterTax  1000.00 USD
  Income:Salary
2024-01-12 * "Conversion"
  Assets:Plan:AfterTax  -1000.00 USD
  Assets:Plan:IRR        1000.00 USD
2024-02-01 * "Backdoor"
  Assets:IRA  7000.00 USD
  Assets:Checking
"""


def _meta(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"\n  {key}: {value}" for key, value in dict(pairs).items())


def _ledger(config: str, opens: list, customs: list) -> str:  # type: ignore[type-arg]
    quoted = config.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    lines = [f'plugin "megaroth.plugins" "{quoted}"', BASE]
    seen = set()
    defaults = {"Assets:Plan": '\n  megaroth-plan: "401k"\n  owner: "alice"\n  employer: "Acme"',
                "Assets:IRA": '\n  megaroth-ira: "traditional"\n  owner: "alice"',
                "Assets:RothIRA": '\n  megaroth-ira: "roth"\n  owner: "alice"'}  # fmt: skip
    for account, pairs in opens:
        if account not in seen:
            seen.add(account)
            lines.append(f"2000-01-01 open {account}{defaults.get(account, '')}{_meta(pairs)}")
    for account in ("Assets:Plan", "Assets:Plan:AfterTax", "Assets:Plan:IRR", "Assets:IRA",
                    "Assets:RothIRA"):  # fmt: skip
        if account not in seen:
            lines.append(f"2000-01-01 open {account}{defaults.get(account, '')}")
    for kind, values, pairs in customs:
        lines.append(f'2025-02-01 custom "{kind}" {" ".join(values)}{_meta(pairs)}')
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(SETTINGS, st.lists(OPEN, max_size=4), st.lists(CUSTOM, max_size=6))
def test_random_declarations_give_errors_on_their_lines_never_a_crash(
    config: str,
    opens: list,
    customs: list,  # type: ignore[type-arg]
) -> None:
    TRIED["random declarations, forms and settings through the plugins"] += 1
    text = _ledger(config, opens, customs)
    entries, errors, _ = load(text)
    parse_errors = [e for e in errors if type(e).__name__ == "ParserError"]
    if parse_errors:
        return  # a value the grammar refuses in that place: Beancount's own error
    assert [e.message for e in errors if getattr(e, "check", None) == "internal"] == []
    assert [e.message for e in errors if 'Error applying plugin "megaroth' in e.message] == []
    for error in errors:
        assert error.source is not None
        assert isinstance(error.source.get("lineno"), int)
    assert_prints_and_parses_back(entries)


TX_KEYS = st.sampled_from([
    "indirect-rollover", "recharacterized", "corrects", "returned-contribution", "tax-year",
    "pretax-amount", "nondeductible", "megaroth-deemed-distribution",
])  # fmt: skip
MOVES = st.sampled_from([
    ("Assets:IRA", "Assets:Checking"), ("Assets:Checking", "Assets:IRA"),
    ("Assets:RothIRA", "Assets:IRA"), ("Assets:IRA", "Assets:RothIRA"),
    ("Assets:Plan:AfterTax", "Assets:Checking"), ("Assets:Checking", "Assets:RothIRA"),
    ("Assets:RothIRA", "Assets:Checking"), ("Assets:Plan:AfterTax", "Assets:RothIRA"),
])  # fmt: skip
TRANSACTION = st.tuples(
    st.sampled_from(["2024-03-01", "2024-05-15", "2025-01-10", "2025-11-01"]),
    MOVES,
    st.sampled_from(["100.00", "500.00", "1000.00"]),
    st.lists(st.tuples(TX_KEYS, VALUE), max_size=3),
    st.lists(st.tuples(TX_KEYS, VALUE), max_size=2),
    st.sampled_from(["", " ^rollover-1", " ^rollover-2"]),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(TRANSACTION, max_size=5))
def test_random_marks_on_transactions_give_errors_never_a_crash(transactions: list) -> None:  # type: ignore[type-arg]
    """Rollover, recharacterization and correction marks, right or wrong, on transactions
    and postings between plans, IRAs and the bank."""
    TRIED["random declarations, forms and settings through the plugins"] += 1
    lines = [_ledger("", [], [])]
    for date, (out, into), amount, meta, posting_meta, link in transactions:
        on_posting = _meta(posting_meta).replace("\n", "\n  ")
        lines.append(f'{date} * "Move"{link}{_meta(meta)}\n  {out}  -{amount} USD\n'
                     f"  {into}  {amount} USD{on_posting}")  # fmt: skip
    entries, errors, _ = load("\n".join(lines) + "\n")
    if any(type(e).__name__ == "ParserError" for e in errors):
        return
    assert [e.message for e in errors if getattr(e, "check", None) == "internal"] == []
    assert [e.message for e in errors if 'Error applying plugin "megaroth' in e.message] == []
    assert_prints_and_parses_back(entries)
