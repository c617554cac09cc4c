"""What each person's plans, money sources and IRAs are worth on a date.

Value is market value: units times the latest price on or before the date (``price``
directives and ``@`` prices), in the operating currency. Units with no price are kept apart
and named, never valued at zero.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import convert, data, inventory, prices
from beancount.core.amount import Amount

from megaroth.ledger.household import Household, Ira, Plan
from megaroth.ledger.view import LedgerView
from megaroth.tax.money import ZERO
from megaroth.tax.sources import SOURCE_DESCRIPTIONS, SourceKind


@dataclass(frozen=True)
class AccountValue:
    """One account's balance, valued."""

    account: str
    value: Decimal
    unpriced: tuple[Amount, ...]


_AccountValuer = Callable[[Iterable[str]], tuple[AccountValue, ...]]


@dataclass(frozen=True)
class SourceValue:
    """All accounts of one source kind in one plan (a source may hold several funds)."""

    kind: SourceKind
    description: str
    accounts: tuple[AccountValue, ...]
    value: Decimal


@dataclass(frozen=True)
class PlanValue:
    plan: Plan
    sources: tuple[SourceValue, ...]
    value: Decimal


@dataclass(frozen=True)
class IraValue:
    ira: Ira
    accounts: tuple[AccountValue, ...]
    value: Decimal


@dataclass(frozen=True)
class PersonValue:
    name: str
    birth_date: datetime.date | None
    plans: tuple[PlanValue, ...]
    iras: tuple[IraValue, ...]
    value: Decimal


@dataclass(frozen=True)
class HouseholdValues:
    currency: str
    as_of: datetime.date
    people: tuple[PersonValue, ...]

    @property
    def unpriced(self) -> list[tuple[str, Amount]]:
        """Every (account, units) left out of the values for want of a price."""
        return [
            (account.account, amount)
            for person in self.people
            for account in _all_accounts(person)
            for amount in account.unpriced
        ]


def household_values(
    entries: Sequence[data.Directive],
    household: Household,
    currency: str,
    as_of: datetime.date | None = None,
) -> HouseholdValues:
    """The household's holdings valued on ``as_of`` (default: the last entry's date)."""
    if as_of is None:
        as_of = max((entry.date for entry in entries), default=datetime.date.today())
    price_map = prices.build_price_map(entries)
    balances = _balances(entries, household, as_of)

    def account_values(accounts: Iterable[str]) -> tuple[AccountValue, ...]:
        return tuple(
            _value(account, balances[account], currency, price_map, as_of)
            for account in sorted(accounts)
        )

    owners = sorted(
        set(household.people)
        | {plan.owner for plan in household.plans.values() if plan.owner}
        | {ira.owner for ira in household.iras.values() if ira.owner}
    )
    people = []
    for name in owners:
        plans = tuple(
            _plan_value(plan, household, account_values) for plan in household.plans_of(name)
        )
        iras = tuple(_ira_value(ira, balances, account_values) for ira in household.iras_of(name))
        person = household.people.get(name)
        total = sum((p.value for p in plans), ZERO) + sum((i.value for i in iras), ZERO)
        people.append(PersonValue(name, person.birth_date if person else None, plans, iras, total))
    return HouseholdValues(currency, as_of, tuple(people))


def _balances(
    entries: Iterable[data.Directive], household: Household, as_of: datetime.date
) -> dict[str, inventory.Inventory]:
    tracked = set(household.sources)
    ira_roots = tuple(ira + ":" for ira in household.iras)
    balances: dict[str, inventory.Inventory] = defaultdict(inventory.Inventory)
    for entry in entries:
        if not isinstance(entry, data.Transaction) or entry.date > as_of:
            continue
        for posting in entry.postings:
            account = posting.account
            if account in tracked or account in household.iras or account.startswith(ira_roots):
                balances[account].add_position(posting)
    return balances


def _value(
    account: str,
    balance: inventory.Inventory,
    currency: str,
    price_map: prices.PriceMap,
    as_of: datetime.date,
) -> AccountValue:
    value = ZERO
    unpriced: list[Amount] = []
    for position in balance:
        amount = convert.convert_position(position, currency, price_map, as_of)
        if amount.currency == currency:
            value += amount.number
        else:
            unpriced.append(position.units)
    return AccountValue(account, value.quantize(ZERO), tuple(unpriced))


def _plan_value(
    plan: Plan,
    household: Household,
    account_values: _AccountValuer,
) -> PlanValue:
    by_kind: dict[SourceKind, list[str]] = defaultdict(list)
    for source in household.sources_of(plan.account):
        by_kind[source.kind].append(source.account)
    sources = []
    for kind in SourceKind:  # the table's order: pre-tax first, Roth rollovers last
        if kind in by_kind:
            accounts = account_values(by_kind[kind])
            sources.append(SourceValue(kind, SOURCE_DESCRIPTIONS[kind], accounts, _total(accounts)))
    return PlanValue(plan, tuple(sources), sum((s.value for s in sources), ZERO))


def _ira_value(
    ira: Ira,
    balances: dict[str, inventory.Inventory],
    account_values: _AccountValuer,
) -> IraValue:
    names = {ira.account} | {name for name in balances if name.startswith(ira.account + ":")}
    accounts = account_values(names)
    return IraValue(ira, accounts, _total(accounts))


def _total(accounts: Iterable[AccountValue]) -> Decimal:
    return sum((account.value for account in accounts), ZERO)


def _all_accounts(person: PersonValue) -> Iterable[AccountValue]:
    for plan in person.plans:
        for source in plan.sources:
            yield from source.accounts
    for ira in person.iras:
        yield from ira.accounts


def ira_year_end_values(
    ledger: LedgerView,
    household: Household,
    currency: str,
    years: Iterable[int],
) -> dict[tuple[str, int], AccountValue]:
    """Every IRA account's value on Dec 31 of each year, in one pass over the transactions."""
    wanted = sorted(set(years))
    if not wanted:
        return {}
    price_map = ledger.price_map
    ira_roots = tuple(ira + ":" for ira in household.iras)
    balances: dict[str, inventory.Inventory] = defaultdict(inventory.Inventory)
    values: dict[tuple[str, int], AccountValue] = {}
    pending = list(wanted)
    for entry in ledger.transactions:
        while pending and entry.date > datetime.date(pending[0], 12, 31):
            _snapshot(balances, pending.pop(0), currency, price_map, values)
        for posting in entry.postings:
            if posting.account in household.iras or posting.account.startswith(ira_roots):
                balances[posting.account].add_position(posting)
    for year in pending:
        _snapshot(balances, year, currency, price_map, values)
    return values


def _snapshot(
    balances: dict[str, inventory.Inventory],
    year: int,
    currency: str,
    price_map: prices.PriceMap,
    values: dict[tuple[str, int], AccountValue],
) -> None:
    day = datetime.date(year, 12, 31)
    for account, balance in balances.items():
        values[account, year] = _value(account, balance, currency, price_map, day)
