"""Balances from before the books: money into a plan or an IRA from an ``Equity:`` account.

Most people start their books years into a career, with a 401(k) and IRAs already full. The
usual Beancount way to bring those balances in is a transaction against an ``Equity:``
account (``Equity:Opening-Balances``, or a ``pad``). That money was contributed in years the
ledger doesn't hold, so it is no contribution of the year it is entered in: it counts toward
no limit, and it is no IRA contribution on Form 8606. What matters of it is its basis:

- pre-tax and employer money, and a traditional IRA, have none here (a traditional IRA's
  basis from before the books is Form 8606 line 14, declared with ``megaroth-ira-basis``);
- after-tax and designated Roth money have the contributions not yet taken out: written on
  the posting as ``opening-basis: 12000.00 USD`` (from the plan's statement of after-tax or
  Roth basis). Without it the money is taken as all earnings (the cautious reading, which
  taxes more), and the transaction gets an error saying what to write;
- designated Roth money's 5-year period (box 11) starts with its first year, written
  ``roth-since: 2016`` on the posting; without it, the year of the entry;
- a Roth IRA's history (regular contributions, conversions and their 5-year clocks) can't
  be told from one balance: it is taken in, and a warning says its Part III figures start
  with the books.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount.core import amount as amounts
from beancount.core import data

from megaroth.engine.book import Book
from megaroth.engine.legs import Flows
from megaroth.errors import as_written
from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Contract
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import OPENING_BASIS, ROTH_SINCE

#: Where a ledger keeps balances from before it starts.
EQUITY = "Equity:"
#: The origin of such a lot, as the lots' tables name it.
OPENING = "opening balance"
#: Money whose basis a balance can't show by itself.
_NEEDS_BASIS = (ContractKind.AFTER_TAX, ContractKind.ROTH)


def is_opening(flows: Flows) -> bool:
    """Money in from ``Equity:`` accounts only: balances from before the books."""
    funding = [leg for leg in flows.legs if leg.is_funding]
    return bool(funding) and all(leg.account.startswith(EQUITY) for leg in funding)


def open_balances(flows: Flows, book: Book) -> None:
    """Each contract's opening lot, with the basis the ledger gives it."""
    entry = flows.entry
    for contract, amount in sorted(flows.ins.items()):
        basis = _basis(flows, book, contract, amount)
        book.pools[contract].add(entry.date, amount, basis, flows.balances[contract], OPENING)
        since = _roth_since(flows, book, contract)
        if contract.kind in (ContractKind.ROTH, ContractKind.ROTH_IRA):
            book.note_roth_start(contract, datetime.date(since or entry.date.year, 1, 1))
        if contract.kind is ContractKind.ROTH_IRA:
            book.error(
                entry,
                f"Warning: {amount:,.2f} comes into {contract.payer} from {_sources(flows)}: "
                "a balance from before the books. megaroth takes it in, but a Roth IRA's "
                "history (its regular contributions, its conversions and their 5-year clocks) "
                "can't be told from one balance, so its Form 8606 Part III figures (lines 22 "
                "and 24) start with the books: enter the earlier contributions and "
                "conversions as transactions if you can.",
            )


def _basis(flows: Flows, book: Book, contract: Contract, amount: Decimal) -> Decimal:
    """The opening lot's basis: what the postings into it say, where its kind has any."""
    entry = flows.entry
    into = [leg for leg in flows.legs if leg.contract == contract and leg.value > 0]
    written = [_amount(leg.posting.meta, OPENING_BASIS) for leg in into]
    given = [value for value in written if value is not None]
    if contract.kind not in _NEEDS_BASIS:
        if given:
            book.error(
                entry,
                f"{OPENING_BASIS} on money into {contract.payer}'s {_kind(contract)} is left "
                "aside: such money has no basis in the plan. (A traditional IRA's basis from "
                'before the books is declared with  custom "megaroth-ira-basis".)',
            )
        return ZERO
    if not given:
        book.error(
            entry,
            f"{amount:,.2f} of {_kind(contract)} comes into {contract.payer} from "
            f"{_sources(flows)}: a balance from before the books. megaroth needs the basis in "
            "it (the contributions not yet taken out, on the plan's statement) and takes it "
            "as all earnings until told, which taxes more when it is converted. Write it on "
            f"the posting, e.g.  {OPENING_BASIS}: {amount:.2f} USD",
        )
        return ZERO
    basis = cents(sum(given, ZERO))
    kept = min(max(basis, ZERO), amount)
    if kept != basis:
        book.error(
            entry,
            f"{OPENING_BASIS} {basis:,.2f} on money into {contract.payer} can't be: basis is "
            f"between nothing and the {amount:,.2f} that comes in. megaroth takes "
            f"{kept:,.2f}; correct the figure from the plan's statement.",
        )
    return kept


def _roth_since(flows: Flows, book: Book, contract: Contract) -> int | None:
    """The first year of Roth money a posting into ``contract`` declares (``roth-since``)."""
    for leg in flows.legs:
        if leg.contract != contract or not leg.posting.meta:
            continue
        value = leg.posting.meta.get(ROTH_SINCE)
        if value is None:
            continue
        if isinstance(value, Decimal) and value == value.to_integral() and 1900 < value < 2200:
            return int(value)
        book.error(
            flows.entry,
            f"{ROTH_SINCE} {as_written(value)} is not a year; write the first year of this Roth "
            f"money, without quotes, e.g.  {ROTH_SINCE}: 2016",
        )
    return None


def _amount(meta: data.Meta | None, key: str) -> Decimal | None:
    value = (meta or {}).get(key)
    if isinstance(value, amounts.Amount) and isinstance(value.number, Decimal):
        return value.number
    if isinstance(value, Decimal):
        return value
    return None


_WORDS = {
    ContractKind.PRETAX: "pre-tax money",
    ContractKind.AFTER_TAX: "after-tax money",
    ContractKind.ROTH: "designated Roth money",
}


def _kind(contract: Contract) -> str:
    return _WORDS.get(contract.kind, contract.kind.value.replace("-", " "))


def _sources(flows: Flows) -> str:
    return flows.accounts(lambda leg: leg.is_funding)
