"""Random but well-formed ledgers through the real plugins: errors, never crashes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from megaroth.engine.analysis import analyse
from tests.conftest import load
from tests.fuzz.roundtrip import assert_prints_and_parses_back
from tests.fuzz.tally import EXAMPLES, TRIED

HEADER = """
plugin "megaroth.plugins"
option "booking_method" "FIFO"
2000-01-01 custom "megaroth-person" "alice"
  birth-date: 1975-06-01
2000-01-01 open Assets:Checking
2000-01-01 open Equity:Opening
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 open Income:Retirement:Gains
2000-01-01 open Expenses:Fees
2000-01-01 open Assets:Plan
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Acme"
  in-plan-conversion: TRUE
2000-01-01 open Assets:IRA
  megaroth-ira: "traditional"
  owner: "alice"
2000-01-01 open Assets:RothIRA
  megaroth-ira: "roth"
  owner: "alice"
"""
DOLLAR_ACCOUNTS = [
    "Assets:Plan:PreTax", "Assets:Plan:Match", "Assets:Plan:AfterTax", "Assets:Plan:IRR",
    "Assets:Plan:Roth", "Assets:IRA", "Assets:RothIRA",
]  # fmt: skip
FUND_ACCOUNTS = ["Assets:Plan:AfterTax:FUND", "Assets:Plan:IRR:FUND", "Assets:Plan:PreTax:FUND"]
OUTSIDE = ["Assets:Checking", "Income:Retirement:MarketValue", "Expenses:Fees", "Equity:Opening"]

AMOUNT = st.integers(min_value=-500_000, max_value=900_000).map(lambda n: Decimal(n) / 100)
DOLLAR_FLOW = st.tuples(
    st.just("dollars"), st.sampled_from(DOLLAR_ACCOUNTS),
    st.sampled_from(DOLLAR_ACCOUNTS + OUTSIDE), AMOUNT,
)  # fmt: skip
FUND_BUY = st.tuples(
    st.just("buy"), st.sampled_from(FUND_ACCOUNTS), st.sampled_from(OUTSIDE),
    st.integers(1, 5000).map(lambda n: Decimal(n) / 10),
)  # fmt: skip
FUND_MOVE = st.tuples(
    st.just("move"), st.sampled_from(FUND_ACCOUNTS), st.sampled_from(FUND_ACCOUNTS),
    st.integers(1, 500).map(lambda n: Decimal(n) / 10),
)  # fmt: skip
PRICE = st.tuples(st.just("price"), st.just(""), st.just(""),
                  st.integers(1, 100_000).map(lambda n: Decimal(n) / 100))  # fmt: skip
FLOWS = st.lists(st.one_of(DOLLAR_FLOW, FUND_BUY, FUND_MOVE, PRICE), min_size=1, max_size=30)


def _ledger(flows: list[tuple[str, str, str, Decimal]]) -> str:
    lines = [HEADER, *(f"2000-01-01 open {a}" for a in DOLLAR_ACCOUNTS[:5]),
             *(f"2000-01-01 open {a} FUND" for a in FUND_ACCOUNTS)]  # fmt: skip
    day = datetime.date(2024, 1, 1)
    for kind, first, second, amount in flows:
        day += datetime.timedelta(days=5)
        if kind == "price":
            lines.append(f"{day} price FUND {amount} USD")
        elif kind == "dollars" and first != second:
            lines.append(f'{day} * "x"\n  {first}  {amount} USD\n  {second}  {-amount} USD')
        elif kind == "buy":
            lines.append(f'{day} * "x"\n  {first}  {amount} FUND {{10.00 USD}}\n  {second}')
        elif kind == "move" and first != second:
            lines.append(
                f'{day} * "x"\n  {first}  -{amount} FUND {{}} @ 11.00 USD\n'
                f"  {second}  {amount} FUND {{11.00 USD}}\n  Income:Retirement:Gains"
            )
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(FLOWS)
def test_random_ledgers_give_errors_never_a_crash(
    flows: list[tuple[str, str, str, Decimal]],
) -> None:
    TRIED["random ledgers through the plugins"] += 1
    entries, errors, options = load(_ledger(flows))
    crashes = [e.message for e in errors if "Error applying plugin" in e.message]
    assert crashes == []
    for error in errors:
        assert error.source is not None
    assert_prints_and_parses_back(entries)
    analysis = analyse(entries, options)
    for movement in analysis.basis.movements:
        assert isinstance(movement.gross, Decimal)
        assert movement.basis >= 0
        if movement.kind.value == "in-plan-roth-rollover":
            assert movement.basis + movement.taxable == movement.gross
