"""Basis and value of each after-tax and Roth pot, month by month.

One pass over the entries (holdings kept as it goes) plus the engine's basis history: the
cost stays linear in the ledger's size. The fava page draws it (:mod:`megaroth.fava.charts`).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import data, prices

from megaroth.engine.book import BasisResult
from megaroth.ledger.accounts import read_accounts, units_of
from megaroth.ledger.household import Household
from megaroth.ledger.valuation import Valuer
from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Contract
from megaroth.tax.sources import ContractKind

CHARTED = (ContractKind.AFTER_TAX, ContractKind.ROTH, ContractKind.ROTH_IRA,
           ContractKind.COMBINED)  # fmt: skip


@dataclass(frozen=True)
class Point:
    date: datetime.date
    basis: Decimal
    value: Decimal

    @property
    def earnings(self) -> Decimal:
        return self.value - self.basis


@dataclass(frozen=True)
class Timeline:
    contract: Contract
    owner: str | None
    points: tuple[Point, ...]

    @property
    def title(self) -> str:
        return f"{self.contract.payer} — {self.contract.kind} money"


def month_ends(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    ends = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        ends.append(min(following - datetime.timedelta(days=1), last))
        year, month = following.year, following.month
    return ends


def timelines(
    entries: Sequence[data.Directive], household: Household, basis: BasisResult, currency: str
) -> list[Timeline]:
    """One timeline per after-tax, designated Roth and Roth IRA pot that ever held money."""
    accounts = read_accounts(entries, household)
    valuer = Valuer(prices.build_price_map(entries), currency)
    dated = [e for e in entries if isinstance(e, data.Transaction)]
    if not dated:
        return []
    ends = month_ends(dated[0].date, max(e.date for e in entries))
    holdings: dict[Contract, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    values: dict[Contract, list[Decimal]] = defaultdict(list)
    index = 0
    for end in ends:
        while index < len(dated) and dated[index].date <= end:
            entry = dated[index]
            valuer.observe(entry.date, valuer.transaction_prices(entry))
            for posting in entry.postings:
                contract = accounts.contract(posting.account)
                if contract is not None and contract.kind in CHARTED:
                    commodity, number = units_of(posting)
                    holdings[contract][commodity] += number
            index += 1
        for contract, units in holdings.items():
            values[contract].append(_value(units, valuer, end))
    history = _history(basis)
    result = []
    for contract, contract_values in sorted(values.items()):
        dates, bases = history.get(contract, ([], []))
        offset = len(ends) - len(contract_values)
        points = tuple(
            Point(end, _basis_on(dates, bases, end), value)
            for end, value in zip(ends[offset:], contract_values, strict=True)
        )
        result.append(Timeline(contract, accounts.owners.get(contract.payer), points))
    return result


def _value(units: dict[str, Decimal], valuer: Valuer, date: datetime.date) -> Decimal:
    total = ZERO
    for commodity, number in units.items():
        price = valuer.price(commodity, date, {}) if number else None
        total += number * price if price is not None else ZERO
    return cents(total)


def _history(
    basis: BasisResult,
) -> dict[Contract, tuple[list[datetime.date], list[Decimal]]]:
    history: dict[Contract, tuple[list[datetime.date], list[Decimal]]] = {}
    for date, contract, amount in basis.basis_history:
        dates, amounts = history.setdefault(contract, ([], []))
        dates.append(date)
        amounts.append(amount)
    return history


def _basis_on(dates: list[datetime.date], amounts: list[Decimal], day: datetime.date) -> Decimal:
    position = bisect_right(dates, day)
    return amounts[position - 1] if position else ZERO
