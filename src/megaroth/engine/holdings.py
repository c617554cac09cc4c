"""The units each plan source and IRA account holds, as the walk goes, and their value.

A contract's balance just before a transaction is what its movements are measured against
(72(e)(8) pro rata needs the account balance at the time of the distribution): the units its
accounts hold, each at the transaction's own price or the latest price before it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from beancount.core import data

from megaroth.ledger.accounts import Accounts, units_of
from megaroth.ledger.valuation import Valuer
from megaroth.tax.money import cents
from megaroth.tax.records import Contract


class MissingPrice(Exception):
    """A commodity with no price on or before the date: the walk reports which to add."""

    def __init__(self, commodity: str) -> None:
        super().__init__(commodity)
        self.commodity = commodity


class Holdings:
    def __init__(self, accounts: Accounts, valuer: Valuer) -> None:
        self.accounts = accounts
        self.valuer = valuer
        self._units: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        # The accounts holding each contract's money (so a balance reads only those).
        self._accounts_of: dict[Contract, set[str]] = {}

    def value(
        self, contract: Contract, date: datetime.date, stated: Mapping[str, Decimal]
    ) -> Decimal:
        """The contract's market value now (before the transaction being walked is applied)."""
        total = Decimal(0)
        for account in self._accounts_of.get(contract, ()):
            for commodity, number in self._units[account].items():
                if not number:
                    continue
                price = self.valuer.price(commodity, date, stated)
                if price is None:
                    raise MissingPrice(commodity)
                total += number * price
        return cents(total)

    def units(self, account: str) -> Mapping[str, Decimal]:
        """The units one account holds now, by commodity."""
        return self._units.get(account, {})

    def apply(self, entry: data.Transaction) -> None:
        """Add a transaction's units to the accounts it posts to."""
        for posting in entry.postings:
            contract = self.accounts.contract(posting.account)
            if contract is not None:
                currency, number = units_of(posting)
                self._units[posting.account][currency] += number
                self._accounts_of.setdefault(contract, set()).add(posting.account)
