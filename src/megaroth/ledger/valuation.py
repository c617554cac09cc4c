"""What each posting and holding is worth, in the operating currency.

A posting is worth its units at the transaction's own price for that commodity (an ``@``
price, else the cost of units bought in it), else at the latest ``price`` on or before its
date, or the latest price a transaction stated. Without any price the value is unknown, and
the caller reports which price to add.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from beancount.core import data, prices
from beancount.core.position import Cost

from megaroth.ledger.accounts import units_of


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
