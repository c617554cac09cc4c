"""What each account is to megaroth.

A plan source or an IRA belongs to a tax contract (the plan's pre-tax, after-tax or
designated Roth money, or one IRA); every other account is an earnings account, a fee
account, a withholding account or plain outside money (the README, "Flows the plugins
recognise").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from beancount.core import data

from megaroth.ledger.household import Household
from megaroth.ledger.loans import is_loan_open
from megaroth.tax.records import Contract
from megaroth.tax.sources import CONTRACT_OF_SOURCE, ContractKind, contract_of_ira
from megaroth.vocabulary import EARNINGS, WITHHOLDING

#: A component of an ``Income:`` account that makes it an earnings account, compared
#: without case, spaces, dashes or underscores: ``Income:Retirement:Dividends`` as the
#: README writes it, and ``Income:Dividends:TradIRA:VTI`` or ``Income:Capital-Gains:TradIRA``
#: as ledgers kept with beancount-reds-importers name them (ticker last), with their
#: ``Income:...:Capital-Gains-Distributions:Long:TradIRA:VTI``.
EARNINGS_NAMES = frozenset(
    {"dividends", "dividend", "interest", "gains", "capitalgains", "capitalgain", "earnings",
     "marketvalue", "capitalgainsdistributions", "capitalgainsdistribution"}
)  # fmt: skip

#: A component of any account that makes it a rounding account, whose postings are earnings
#: (a few cents of the holding's value, neither put in nor taken out): beancount-reds-importers
#: books up to 0.04 of difference between units x price and a trade's total to its
#: ``rounding_error`` account, ``Equity:Rounding-Errors:Imports`` in its examples.
ROUNDING_NAMES = frozenset({"roundingerrors", "roundingerror", "rounding"})


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
    # Loan receivables inside plan sources (megaroth.ledger.loans).
    loans: frozenset[str] = frozenset()

    def contract(self, account: str) -> Contract | None:
        return self.contracts.get(account)

    def role(self, account: str) -> Role:
        if account in self.withholding:
            return Role.WITHHOLDING
        if account in self.earnings or (
            account not in self.not_earnings and _earnings_by_name(account)
        ):
            return Role.EARNINGS
        if account.startswith("Expenses:"):
            return Role.FEE
        return Role.OUTSIDE


def read_accounts(entries: Iterable[data.Directive], household: Household) -> Accounts:
    """Every account's place, from the household and the Opens' metadata."""
    contracts: dict[str, Contract] = {}
    owners: dict[str, str | None] = {**household.plan_owners}
    earnings: set[str] = set()
    not_earnings: set[str] = set()
    withholding: set[str] = set()
    loans: set[str] = set()
    for source in household.sources.values():
        kind = CONTRACT_OF_SOURCE[source.kind]
        if not household.plans[source.plan].separate_accounting and not kind.is_roth:
            # No separate accounting of after-tax money: one contract (IRC 72(d)(2)).
            kind = ContractKind.COMBINED
        contracts[source.account] = Contract(source.plan, kind)
    for ira in household.iras.values():
        owners[ira.account] = ira.owner
    for entry in entries:
        if not isinstance(entry, data.Open):
            continue
        account = entry.account
        holder = household.ira_of(account)
        if holder is not None:
            contracts[account] = Contract(holder.account, contract_of_ira(holder.ira_type))
        flag = entry.meta.get(EARNINGS)
        if flag is True:
            earnings.add(account)
        elif flag is False:
            not_earnings.add(account)
        if entry.meta.get(WITHHOLDING) is True:
            withholding.add(account)
        if account in household.sources and is_loan_open(entry):
            loans.add(account)
    return Accounts(
        contracts,
        frozenset(earnings),
        frozenset(withholding),
        frozenset(not_earnings),
        owners,
        frozenset(loans),
    )


@functools.lru_cache(maxsize=8192)
def _earnings_by_name(account: str) -> bool:
    """An ``Income:`` account named for earnings, or a rounding account (not an asset's).
    Cached: a ledger names a few hundred accounts in tens of thousands of postings."""
    root, *components = account.split(":")
    words = {_word(component) for component in components}
    if root == "Income" and words & EARNINGS_NAMES:
        return True
    return root not in ("Assets", "Liabilities") and bool(words & ROUNDING_NAMES)


def _word(component: str) -> str:
    return component.lower().replace("-", "").replace("_", "")


def units_of(posting: data.Posting) -> tuple[str, Decimal]:
    """A booked posting's commodity and number of units (zero if Beancount left it empty)."""
    units = posting.units
    if units is None or not isinstance(units.number, Decimal):
        return "", Decimal(0)
    return units.currency, units.number
