"""What each account is to megaroth, and what each posting is worth.

Accounts: a plan source or an IRA belongs to a tax contract (the plan's pre-tax, after-tax or
designated Roth money, or one IRA); every other account is an earnings account, a fee
account, a withholding account or plain outside money (DESIGN.md section 2, "Flows").

Values: a posting is worth its units at the transaction's own price for that commodity (an
``@`` price, else the cost of units bought in it), else at the latest ``price`` on or before
its date. Without any price the value is unknown, and the caller reports which price to add.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from beancount.core import data, prices
from beancount.core.position import Cost

from megaroth.plugins.household import Household
from megaroth.plugins.kinds import IraType, SourceKind

EARNINGS_NAMES = frozenset(
    {"Dividends", "Interest", "Gains", "CapitalGains", "Earnings", "MarketValue"}
)
EARNINGS_KEY = "megaroth-earnings"
WITHHOLDING_KEY = "megaroth-withholding"


class ContractKind(StrEnum):
    """The separate contracts of IRC 72(d)(2) and 402A(d)(4), and the IRAs."""

    PRETAX = "pre-tax"
    AFTER_TAX = "after-tax"
    ROTH = "designated-roth"
    TRADITIONAL_IRA = "traditional-ira"
    ROTH_IRA = "roth-ira"

    @property
    def is_plan(self) -> bool:
        return self in (ContractKind.PRETAX, ContractKind.AFTER_TAX, ContractKind.ROTH)


CONTRACT_OF_SOURCE: dict[SourceKind, ContractKind] = {
    SourceKind.PRETAX: ContractKind.PRETAX,
    SourceKind.MATCH: ContractKind.PRETAX,
    SourceKind.NONELECTIVE: ContractKind.PRETAX,
    SourceKind.ROLLOVER: ContractKind.PRETAX,
    SourceKind.AFTER_TAX: ContractKind.AFTER_TAX,
    SourceKind.ROTH: ContractKind.ROTH,
    SourceKind.ROTH_EMPLOYER: ContractKind.ROTH,
    SourceKind.IRR: ContractKind.ROTH,
    SourceKind.ROTH_ROLLOVER: ContractKind.ROTH,
}


@dataclass(frozen=True, order=True)
class Contract:
    """One pool of money with its own basis: ``payer`` is the plan or IRA account."""

    payer: str
    kind: ContractKind


class Role(Enum):
    EARNINGS = "earnings"
    FEE = "fee"
    WITHHOLDING = "withholding"
    OUTSIDE = "outside"


@dataclass(frozen=True)
class Accounts:
    """Where each account belongs."""

    contracts: Mapping[str, Contract]
    earnings: frozenset[str]
    withholding: frozenset[str]
    not_earnings: frozenset[str]
    owners: Mapping[str, str | None]

    def contract(self, account: str) -> Contract | None:
        return self.contracts.get(account)

    def role(self, account: str) -> Role:
        if account in self.withholding:
            return Role.WITHHOLDING
        if account in self.earnings or (
            account.startswith("Income:")
            and account.rsplit(":", 1)[-1] in EARNINGS_NAMES
            and account not in self.not_earnings
        ):
            return Role.EARNINGS
        if account.startswith("Expenses:"):
            return Role.FEE
        return Role.OUTSIDE


def read_accounts(entries: Iterable[data.Directive], household: Household) -> Accounts:
    """Every account's place, from the household and the Opens' metadata."""
    contracts: dict[str, Contract] = {}
    owners: dict[str, str | None] = {}
    earnings: set[str] = set()
    not_earnings: set[str] = set()
    withholding: set[str] = set()
    for source in household.sources.values():
        contracts[source.account] = Contract(source.plan, CONTRACT_OF_SOURCE[source.kind])
        owners[source.plan] = household.plans[source.plan].owner
    ira_kinds = {
        ira.account: ContractKind.ROTH_IRA
        if ira.ira_type is IraType.ROTH
        else ContractKind.TRADITIONAL_IRA
        for ira in household.iras.values()
    }
    for ira in household.iras.values():
        owners[ira.account] = ira.owner
    for entry in entries:
        if not isinstance(entry, data.Open):
            continue
        account = entry.account
        ira_account = _enclosing_ira(account, ira_kinds)
        if ira_account is not None:
            contracts[account] = Contract(ira_account, ira_kinds[ira_account])
        flag = entry.meta.get(EARNINGS_KEY)
        if flag is True:
            earnings.add(account)
        elif flag is False:
            not_earnings.add(account)
        if entry.meta.get(WITHHOLDING_KEY) is True:
            withholding.add(account)
    return Accounts(
        contracts, frozenset(earnings), frozenset(withholding), frozenset(not_earnings), owners
    )


def _enclosing_ira(account: str, iras: Mapping[str, ContractKind]) -> str | None:
    if account in iras:
        return account
    parts = account.split(":")
    for depth in range(len(parts) - 1, 0, -1):
        candidate = ":".join(parts[:depth])
        if candidate in iras:
            return candidate
    return None


def units_of(posting: data.Posting) -> tuple[str, Decimal]:
    """A booked posting's commodity and number of units (zero if Beancount left it empty)."""
    units = posting.units
    if units is None or not isinstance(units.number, Decimal):
        return "", Decimal(0)
    return units.currency, units.number


def _cost_number(posting: data.Posting, currency: str) -> Decimal | None:
    cost = posting.cost
    if isinstance(cost, Cost) and cost.currency == currency and isinstance(cost.number, Decimal):
        return cost.number
    return None


class Valuer:
    """Market values in the operating currency."""

    def __init__(self, price_map: prices.PriceMap, currency: str) -> None:
        self.currency = currency
        self._price_map = price_map
        # Prices seen in transactions so far (costs of units bought, @ prices): Beancount's
        # price map holds only price directives, and a ledger need not repeat them.
        self._seen: dict[str, tuple[datetime.date, Decimal]] = {}

    def observe(self, date: datetime.date, stated: Mapping[str, Decimal]) -> None:
        """Remember a transaction's prices for later dates without a price directive."""
        for commodity, price in stated.items():
            self._seen[commodity] = (date, price)

    def transaction_prices(self, entry: data.Transaction) -> dict[str, Decimal]:
        """The prices a transaction states for the commodities it trades."""
        stated: dict[str, Decimal] = {}
        for posting in entry.postings:
            price = posting.price
            if price is not None and price.currency == self.currency and price.number:
                stated[units_of(posting)[0]] = price.number
        for posting in entry.postings:
            currency, number = units_of(posting)
            cost = _cost_number(posting, self.currency)
            if currency not in stated and cost is not None and number > 0:
                stated[currency] = cost
        return stated

    def price(
        self, commodity: str, date: datetime.date, stated: Mapping[str, Decimal]
    ) -> Decimal | None:
        if commodity == self.currency:
            return Decimal(1)
        if commodity in stated:
            return stated[commodity]
        price_date, price = prices.get_price(self._price_map, (commodity, self.currency), date)
        seen = self._seen.get(commodity)
        if seen is not None and (price_date is None or seen[0] > price_date):
            return seen[1]
        return price if isinstance(price, Decimal) else None

    def posting_value(
        self, posting: data.Posting, date: datetime.date, stated: Mapping[str, Decimal]
    ) -> Decimal | None:
        """Units bought are worth what they cost; others the transaction's or market price."""
        currency, number = units_of(posting)
        cost = _cost_number(posting, self.currency)
        if cost is not None and number > 0:
            return number * cost
        stated_here = posting.price
        if (
            stated_here is not None
            and stated_here.currency == self.currency
            and isinstance(stated_here.number, Decimal)
        ):
            return number * stated_here.number
        price = self.price(currency, date, stated)
        if price is None:
            cost = _cost_number(posting, self.currency)
            return None if cost is None else number * cost
        return number * price
