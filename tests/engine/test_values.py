"""Values per person, plan, source and IRA, hand-computed from units and prices."""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount.core.amount import Amount

from megaroth.engine.values import household_values
from megaroth.ledger.household import read_household
from tests.conftest import load

LEDGER = """
    plugin "megaroth.plugins"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1974-03-14
    2020-01-01 custom "megaroth-person" "bob"
    2020-01-01 open Assets:Checking
    2020-01-01 open Income:Retirement:Gains
    2020-01-01 open Income:Retirement:Dividends
    2020-01-01 open Assets:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
      in-plan-conversion: TRUE
    2020-01-01 open Assets:Acme401k:PreTax:FXAIX    FXAIX
    2020-01-01 open Assets:Acme401k:PreTax:FXNAX    FXNAX
    2020-01-01 open Assets:Acme401k:AfterTax:FXAIX  FXAIX
    2020-01-01 open Assets:Acme401k:IRR:FXAIX       FXAIX
    2020-01-01 open Assets:BobRothIRA
      megaroth-ira: "roth"
      owner: "bob"
    2020-01-01 open Assets:BobRothIRA:Cash          USD

    2024-01-15 * "Payroll" "Deferral"
      Assets:Acme401k:PreTax:FXAIX   10.000 FXAIX {150.00 USD}
      Assets:Acme401k:PreTax:FXNAX   20.000 FXNAX {10.00 USD}
      Assets:Checking
    2024-01-15 * "Payroll" "After-tax"
      Assets:Acme401k:AfterTax:FXAIX  4.000 FXAIX {150.00 USD}
      Assets:Checking
    2024-01-20 * "Fidelity" "In-plan Roth conversion"
      Assets:Acme401k:AfterTax:FXAIX  -4.000 FXAIX {} @ 151.00 USD
      Assets:Acme401k:IRR:FXAIX        4.000 FXAIX {151.00 USD}
      Income:Retirement:Gains
    2024-03-01 * "Bank" "Roth IRA contribution"
      Assets:BobRothIRA:Cash  7000.00 USD
      Assets:Checking
    2024-06-30 price FXAIX 175.25 USD
    2024-06-30 price FXNAX 9.80 USD
    2024-12-31 price FXAIX 200.00 USD
"""


def _values(as_of: datetime.date | None = None):  # type: ignore[no-untyped-def]
    entries, errors, _ = load(LEDGER)
    assert errors == []
    household, _ = read_household(entries)
    return household_values(entries, household, "USD", as_of)


def test_values_at_the_latest_prices() -> None:
    values = _values()
    assert values.as_of == datetime.date(2024, 12, 31)
    alice, bob = values.people
    plan = alice.plans[0]
    by_kind = {source.kind.value: source for source in plan.sources}
    # 10 FXAIX at 200.00 + 20 FXNAX at 9.80 (its last price, June)
    assert by_kind["pretax"].value == Decimal("2196.00")
    assert [a.value for a in by_kind["pretax"].accounts] == [Decimal("2000.00"), Decimal("196.00")]
    assert by_kind["after-tax"].value == Decimal("0.00")
    assert by_kind["irr"].value == Decimal("800.00")
    assert [source.kind.value for source in plan.sources] == ["pretax", "after-tax", "irr"]
    assert plan.value == alice.value == Decimal("2996.00")
    assert bob.iras[0].value == bob.value == Decimal("7000.00")
    assert values.unpriced == []


def test_values_on_an_earlier_date_use_the_prices_then() -> None:
    values = _values(datetime.date(2024, 7, 1))
    alice = values.people[0]
    # 14 FXAIX at 175.25 (4 of them in IRR) + 20 FXNAX at 9.80
    assert alice.plans[0].value == Decimal("2649.50")


def test_units_without_any_price_are_named_not_valued_at_zero() -> None:
    entries, _, _ = load(
        LEDGER
        + """
    2024-12-31 * "Payroll" "New fund"
      Assets:Acme401k:PreTax:FXAIX  1.000 FXAIX {200.00 USD}
      Assets:Checking
    2020-01-01 open Assets:Acme401k:PreTax:NEWFD  NEWFD
    2024-12-31 * "Payroll" "Fund with no price"
      Assets:Acme401k:PreTax:NEWFD  3 NEWFD
      Assets:Checking  -30.00 USD
      Income:Retirement:Dividends  30.00 USD
    """
    )
    household, _ = read_household(entries)
    values = household_values(entries, household, "USD")
    assert values.unpriced == [("Assets:Acme401k:PreTax:NEWFD", Amount(Decimal(3), "NEWFD"))]
    assert values.people[0].plans[0].sources[0].value == Decimal("2396.00")
