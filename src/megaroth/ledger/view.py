"""The loaded entries, sorted once into what each part of megaroth reads.

A lifetime ledger has hundreds of thousands of entries: the declarations (Opens and
Customs), the transactions and the price map are picked out in one pass and shared, rather
than each reader scanning every entry again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import data, prices


@dataclass(frozen=True)
class LedgerView:
    entries: Sequence[data.Directive]
    declared: list[data.Directive]  # Opens and Customs
    transactions: list[data.Transaction]
    price_map: prices.PriceMap


def view(entries: Sequence[data.Directive]) -> LedgerView:
    declared: list[data.Directive] = []
    transactions: list[data.Transaction] = []
    for entry in entries:
        if isinstance(entry, data.Transaction):
            transactions.append(entry)
        elif isinstance(entry, (data.Open, data.Custom)):
            declared.append(entry)
    return LedgerView(entries, declared, transactions, prices.build_price_map(entries))


#: Tax years megaroth reads: any a ledger could hold.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def positive_amount(value: object) -> Decimal | None:
    """An amount a mark gives (``1000.00 USD`` or a plain ``1000.00``), if it is one above 0."""
    number = getattr(value, "number", value)
    if isinstance(number, Decimal) and number > 0:
        return number
    return None


def tax_year(value: object) -> int | None:
    """A tax year as a ledger writes it (2024, unquoted), or None if it isn't one."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        year = int(value)
        if FIRST_YEAR <= year <= LAST_YEAR:
            return year
    return None
