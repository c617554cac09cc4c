"""Money into plan sources and IRAs from outside: each account's contribution, and its basis.

After-tax, designated Roth and Roth IRA contributions are basis (made with taxed money); so
is a traditional IRA contribution marked ``nondeductible: TRUE`` (on the transaction, the
posting or the IRA's Open; Form 8606 line 1). Pre-tax deferrals and employer money are not.
An IRA contribution counts for its ``tax-year`` when it has one (made Jan 1 - Apr 15 for the
year before), else for the year of its date.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from beancount.core import account as accounts
from beancount.core import data

from megaroth.engine.book import Book
from megaroth.engine.legs import Flows
from megaroth.tax.money import ZERO, split_last_takes_rest
from megaroth.tax.pro_rata import CONTRIBUTION
from megaroth.tax.records import Contract, Contribution
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import NONDEDUCTIBLE, TAX_YEAR

_ALWAYS_BASIS = (ContractKind.AFTER_TAX, ContractKind.ROTH, ContractKind.ROTH_IRA)


def contribute(flows: Flows, book: Book) -> None:
    """The outside money, shared over the contracts credited, as lots and contributions."""
    entry = flows.entry
    ordered = sorted(flows.ins)
    parts = split_last_takes_rest(flows.funding, [flows.ins[c] for c in ordered])
    shares = dict(zip(ordered, parts, strict=True))
    for contract, share in shares.items():
        has_basis = carries_basis(contract, entry, book)
        _record(flows, book, contract, share, has_basis)
        basis = share if has_basis else ZERO
        book.pools[contract].add(entry.date, share, basis, flows.balances[contract], CONTRIBUTION)
        book.note_roth_start(contract, entry.date)


def _record(flows: Flows, book: Book, contract: Contract, share: Decimal, basis: bool) -> None:
    """Each account's part of a contract's share, for the limits."""
    entry = flows.entry
    into = [leg for leg in flows.legs if leg.contract == contract and leg.value > 0]
    parts = split_last_takes_rest(share, [leg.value for leg in into])
    year = tax_year_of(entry, entry.date)
    for leg, part in zip(into, parts, strict=True):
        book.contributions.append(
            Contribution(
                entry.date, leg.account, contract, part, part if basis else ZERO, year, entry
            )
        )


def carries_basis(contract: Contract, entry: data.Transaction, book: Book) -> bool:
    if contract.kind in _ALWAYS_BASIS:
        return True
    if contract.kind is not ContractKind.TRADITIONAL_IRA:
        return False
    in_ira = accounts.parent_matcher(contract.payer)
    metas: list[Mapping[str, object]] = [
        entry.meta,
        *(p.meta or {} for p in entry.postings if in_ira(p.account)),
        book.household.iras[contract.payer].meta,
    ]
    return any(meta.get(NONDEDUCTIBLE) is True for meta in metas)


def tax_year_of(entry: data.Transaction, date: datetime.date) -> int:
    """The year a contribution is for: its ``tax-year``, else the year of its date."""
    for meta in (entry.meta, *(p.meta or {} for p in entry.postings)):
        value = meta.get(TAX_YEAR)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return int(value)
    return date.year
