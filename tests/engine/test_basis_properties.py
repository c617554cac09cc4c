"""Properties of the basis engine over random contribution, earnings and conversion sequences."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from megaroth.engine.analysis import analyse
from megaroth.tax.sources import ContractKind
from tests.conftest import load, without_findings

HEADER = """
plugin "megaroth.plugins"
2020-01-01 custom "megaroth-person" "alice"
2020-01-01 open Income:Salary
2020-01-01 open Income:Retirement:MarketValue
2020-01-01 open Assets:Retirement:Plan
  megaroth-plan: "401k"
  owner: "alice"
  employer: "Acme Corp"
2020-01-01 open Assets:Retirement:Plan:AfterTax
2020-01-01 open Assets:Retirement:Plan:IRR
"""

CENTS = st.integers(min_value=1, max_value=2_000_000).map(lambda n: Decimal(n) / 100)
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("contribute"), CENTS),
        st.tuples(st.just("earn"), st.integers(-50_000, 100_000).map(lambda n: Decimal(n) / 100)),
        st.tuples(st.just("convert"), st.integers(1, 100)),
    ),
    min_size=1,
    max_size=25,
)


def _ledger(events: list[tuple[str, object]]) -> tuple[str, Decimal]:
    lines = [HEADER]
    balance = contributed = Decimal("0.00")
    day = datetime.date(2024, 1, 1)
    for kind, value in events:
        day += datetime.timedelta(days=3)
        if kind == "contribute":
            assert isinstance(value, Decimal)
            balance += value
            contributed += value
            lines.append(f'{day} * "Payroll"\n  Assets:Retirement:Plan:AfterTax  {value} USD\n'
                         "  Income:Salary\n")  # fmt: skip
        elif kind == "earn":
            assert isinstance(value, Decimal)
            value = max(value, -balance)  # a loss can't take the balance below zero
            if value:
                balance += value
                lines.append(f'{day} * "Statement"\n  Assets:Retirement:Plan:AfterTax  {value} USD'
                             "\n  Income:Retirement:MarketValue\n")  # fmt: skip
        else:
            assert isinstance(value, int)
            amount = (balance * value / 100).quantize(Decimal("0.01"))
            if amount > 0:
                balance -= amount
                lines.append(
                    f'{day} * "Plan" "Conversion"\n'
                    f"  Assets:Retirement:Plan:AfterTax  -{amount} USD\n"
                    f"  Assets:Retirement:Plan:IRR  {amount} USD\n"
                )
    return "\n".join(lines), contributed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EVENTS)
def test_basis_and_taxable_add_up_and_basis_is_never_overdrawn(
    events: list[tuple[str, object]],
) -> None:
    text, contributed = _ledger(events)
    entries, errors, options = load(text)
    assert without_findings(errors) == []
    analysis = analyse(entries, options)
    recovered = Decimal(0)
    for movement in analysis.basis.movements:
        assert movement.basis + movement.taxable == movement.gross
        assert movement.basis >= 0
        assert movement.taxable >= 0
        assert isinstance(movement.gross, Decimal)
        recovered += movement.basis + movement.unrecovered_basis
        assert sum((lot.basis for lot in movement.lots), Decimal(0)) == movement.basis
    assert recovered <= contributed
    for contract, pool in analysis.basis.pools.items():
        assert all(lot.basis >= 0 for lot in pool.lots)
        if contract.kind is ContractKind.AFTER_TAX:
            assert pool.basis + recovered == contributed
