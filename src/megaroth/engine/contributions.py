"""Money into plan sources and IRAs from outside: each account's contribution, and its basis.

After-tax, designated Roth and Roth IRA contributions are basis (made with taxed money); so
is a traditional IRA contribution marked ``nondeductible: TRUE`` (Form 8606 line 1): on the
transaction or the IRA's Open, all of it; on a posting, that posting only, so one deposit can
be part deductible and part not. Pre-tax deferrals and employer money are not.
An IRA contribution counts for its ``tax-year`` when it has one (made Jan 1 - Apr 15 for the
year before), else for the year of its date.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from beancount.core import data

from megaroth.engine.book import Book
from megaroth.engine.legs import Flows
from megaroth.errors import as_written
from megaroth.ledger.view import tax_year
from megaroth.tax.money import ZERO, split_last_takes_rest
from megaroth.tax.pro_rata import CONTRIBUTION
from megaroth.tax.records import Contract, Contribution
from megaroth.tax.sources import ContractKind, SourceKind
from megaroth.vocabulary import NONDEDUCTIBLE, TAX_YEAR

_ALWAYS_BASIS = (ContractKind.AFTER_TAX, ContractKind.ROTH, ContractKind.ROTH_IRA)


def contribute(flows: Flows, book: Book) -> None:
    """The outside money, shared over the contracts credited, as lots and contributions."""
    entry = flows.entry
    ordered = sorted(flows.ins)
    parts = split_last_takes_rest(flows.funding, [flows.ins[c] for c in ordered])
    year = tax_year_of(entry, entry.date)
    raw = _raw_tax_year(entry)
    if raw is not None and tax_year(raw) is None:
        book.error(
            entry,
            f"{TAX_YEAR} {as_written(raw)} is not a year; megaroth counts this contribution for "
            f"{entry.date.year}. Write the year it is for, without quotes, e.g.  {TAX_YEAR}: "
            f"{entry.date.year - 1}  (a contribution made January 1 - April 15 for the year "
            "before).",
        )
    for contract, share in zip(ordered, parts, strict=True):
        basis = _record(flows, book, contract, share)
        book.pools[contract].add(entry.date, share, basis, flows.balances[contract], CONTRIBUTION)
        # A Roth IRA's period starts in the year the contribution is for (``tax-year``, Reg.
        # 1.408A-6 Q&A-2); a plan's (box 11) in the year of the deferral.
        is_roth_ira = contract.kind is ContractKind.ROTH_IRA
        book.note_roth_start(contract, datetime.date(year, 1, 1) if is_roth_ira else entry.date)


def _record(flows: Flows, book: Book, contract: Contract, share: Decimal) -> Decimal:
    """Each account's part of a contract's share (for the limits); the basis in the share."""
    entry = flows.entry
    into = [leg for leg in flows.legs if leg.contract == contract and leg.value > 0]
    parts = split_last_takes_rest(share, [leg.value for leg in into])
    year = tax_year_of(entry, entry.date)
    basis = ZERO
    for leg, part in zip(into, parts, strict=True):
        part_basis = part if carries_basis(contract, entry, book, leg.posting) else ZERO
        basis += part_basis
        book.contributions.append(
            Contribution(entry.date, leg.account, contract, part, part_basis, year, entry)
        )
    return basis


def carries_basis(
    contract: Contract,
    entry: data.Transaction,
    book: Book,
    posting: data.Posting | None = None,
) -> bool:
    """Whether money into ``contract`` (by ``posting``, if given) is basis: the
    transaction's or the IRA's flag covers every posting, a posting's own flag only it."""
    if contract.kind in _ALWAYS_BASIS:
        return True
    if contract.kind is ContractKind.COMBINED:
        # A plan without separate accounting: its after-tax sources' money is basis.
        source = book.household.sources.get(posting.account) if posting is not None else None
        return source is not None and source.kind is SourceKind.AFTER_TAX
    if contract.kind is not ContractKind.TRADITIONAL_IRA:
        return False
    metas: list[Mapping[str, object]] = [entry.meta, book.household.iras[contract.payer].meta]
    if posting is not None:
        metas.append(posting.meta or {})
    return any(meta.get(NONDEDUCTIBLE) is True for meta in metas)


def tax_year_of(entry: data.Transaction, date: datetime.date) -> int:
    """The year a contribution is for: its ``tax-year``, else the year of its date."""
    year = tax_year(_raw_tax_year(entry))
    return date.year if year is None else year


def _raw_tax_year(entry: data.Transaction) -> object:
    value = entry.meta.get(TAX_YEAR)
    if value is None:
        value = next((p.meta[TAX_YEAR] for p in entry.postings if p.meta and TAX_YEAR in p.meta),
                     None)  # fmt: skip
    return value
