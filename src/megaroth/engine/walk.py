"""The walk: every transaction that touches a plan source or an IRA, in date order.

For each one the engine values its legs (:mod:`~megaroth.engine.legs`) and each contract's
balance just before it (:mod:`~megaroth.engine.holdings`), tells what it is, and follows it:
a contribution adds lots (:mod:`~megaroth.engine.contributions`), a movement takes them out
and works out its tax figures (:mod:`~megaroth.engine.movements`); a participant loan
follows rules of its own (:mod:`~megaroth.engine.loans`). Pure: entries in, results
out; a transaction it can't follow is an error on that transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from beancount.core import data

from megaroth.engine.book import BasisResult, Book, FlowEvent
from megaroth.engine.contributions import contribute
from megaroth.engine.holdings import Holdings, MissingPrice
from megaroth.engine.legs import Shape, flows, names, read_legs
from megaroth.engine.links import joined
from megaroth.engine.loans import lend, touches_loan
from megaroth.engine.movements import move
from megaroth.engine.opening import is_opening, open_balances
from megaroth.engine.recharacterizations import is_recharacterization, recharacterize, treated
from megaroth.engine.rollovers import in_flight, is_redeposit, redeposit
from megaroth.ledger.accounts import read_accounts
from megaroth.ledger.household import Household
from megaroth.ledger.valuation import Valuer
from megaroth.ledger.view import LedgerView
from megaroth.tax.five_year import FirstRothYears
from megaroth.tax.money import ZERO
from megaroth.tax.records import Contract, Contribution, MovementKind, into
from megaroth.tax.sources import ContractKind

_IRAS = (ContractKind.TRADITIONAL_IRA, ContractKind.ROTH_IRA)


def track_basis(ledger: LedgerView, household: Household, currency: str) -> BasisResult:
    """Follow every megaroth transaction in date order."""
    accounts = read_accounts(ledger.declared, household)
    valuer = Valuer(ledger.price_map, currency)
    book = Book(household, accounts)
    holdings = Holdings(accounts, valuer)
    unclassified = household.unclassified

    def is_mine(account: str) -> bool:
        return account in accounts.contracts or account in unclassified

    for entry in joined(ledger.transactions, is_mine):
        plans = {unclassified[p.account] for p in entry.postings if p.account in unclassified}
        if plans:
            # Money megaroth can't classify: left out of the figures (and said so), rather
            # than misread as a contribution or a distribution.
            for plan in plans:
                book.left_out.setdefault(plan, []).append(entry)
            holdings.apply(entry)
            continue
        _transaction(entry, book, holdings)
    # Distributions marked to be rolled over and not put back yet, as the ledger ends.
    in_flight(book, ledger.transactions[-1].date if ledger.transactions else None)
    result = book.result()
    if book.recharacterizations:
        # A contribution recharacterized is the second IRA's from the start (Reg. 1.408A-5).
        contributions = tuple(treated(book.contributions, book.recharacterizations))
        result = dataclasses.replace(
            result,
            contributions=contributions,
            as_deposited=tuple(book.contributions),
            first_roth_years=_first_roth_years(result, contributions, book),
        )
    return result


def _first_roth_years(
    result: BasisResult, contributions: Sequence[Contribution], book: Book
) -> FirstRothYears:
    """The first year of each person's Roth IRAs' 5-year period, with recharacterized
    contributions where the law treats them: a Roth IRA contribution recharacterized never
    was one; a traditional IRA contribution recharacterized as Roth was one from its year."""
    years = FirstRothYears(plans=dict(result.first_roth_years.plans))
    roth_iras = {c.payer for c in book.pools if c.kind is ContractKind.ROTH_IRA}
    for contribution in contributions:
        if contribution.contract.kind is ContractKind.ROTH_IRA:
            owner = book.accounts.owners.get(contribution.contract.payer)
            years.note_roth_ira(owner or contribution.contract.payer, contribution.tax_year)
    for movement in result.movements:
        into_roth = any(into(movement.to_account, ira) for ira in roth_iras)
        if into_roth and movement.kind is not MovementKind.RECHARACTERIZATION:
            years.note_roth_ira(movement.owner or movement.to_account, movement.year)
    return years


def _transaction(entry: data.Transaction, book: Book, holdings: Holdings) -> None:
    valuer = holdings.valuer
    contracts = {book.accounts.contracts[p.account] for p in entry.postings
                 if p.account in book.accounts.contracts}  # fmt: skip
    stated = valuer.transaction_prices(entry)
    legs, unpriced = read_legs(entry, book.accounts, valuer, stated)
    missing = [unpriced] if unpriced is not None else []
    balances: dict[Contract, Decimal] = {}
    for contract in contracts:
        try:
            balances[contract] = holdings.value(contract, entry.date, stated)
        except MissingPrice as error:
            missing.append(error.commodity)
    holdings.apply(entry)
    valuer.observe(entry.date, stated)
    for commodity in missing:
        book.error(
            entry,
            f"No price for {commodity} on or before {entry.date}, so megaroth can't tell what "
            f"the {commodity} held here is worth. Add a price line from the statement, e.g.  "
            f"{entry.date} price {commodity} 100.00 {valuer.currency}",
        )
    if missing:
        return
    found = flows(entry, legs, balances)
    if touches_loan(found, book.accounts):
        lend(found, book, holdings)  # a participant loan follows rules of its own
        shape = Shape.NOTHING
    else:
        shape = found.shape()
    if shape is Shape.CONTRIBUTION and is_opening(found):
        open_balances(found, book)  # balances from before the books: no contribution
    elif shape is Shape.CONTRIBUTION and is_redeposit(found, book):
        redeposit(found, book)  # a 60-day rollover of money paid out before
    elif shape is Shape.CONTRIBUTION:
        contribute(found, book)
    elif shape is Shape.MOVEMENT and is_recharacterization(found):
        recharacterize(found, book)
    elif shape is Shape.MOVEMENT:
        move(found, book)
    elif shape is Shape.MIXED:
        book.error(
            entry,
            f"This transaction takes money out of {names(found.outs)} while money comes in "
            f"from outside ({found.accounts(lambda leg: leg.is_funding)}); megaroth can't "
            "tell a movement from a contribution. Record the contribution and the movement "
            "as two transactions.",
        )
    if shape in (Shape.CONTRIBUTION, Shape.MOVEMENT):
        # Each IRA's money in and out, with its value before (Reg. 1.408-11's figures).
        for contract in contracts:
            if contract.kind in _IRAS:
                book.ira_flows[contract.payer].append(
                    FlowEvent(entry.date, id(entry.meta), balances[contract],
                              found.ins.get(contract, ZERO), found.outs.get(contract, ZERO))
                )  # fmt: skip
    for contract in sorted(contracts):
        book.basis_history.append((entry.date, contract, book.pools[contract].basis))
