"""Indirect (60-day) rollovers: money paid out of a plan or IRA and put back into one.

- **60 days** (IRC 402(c)(3)(A), 408(d)(3)(A)): what is put back into a plan or IRA within 60
  days of the day it was received is a rollover, not taxed; what isn't is a distribution.
  A plan withholds 20% of an eligible rollover distribution it doesn't roll directly (IRC
  3405(c)); rolling over the whole amount means putting the 20% back from other money.
  A redeposit after 60 days is no rollover: an error naming both transactions, and the
  redeposit is read as the contribution it then is.
- **The payer doesn't know**: its 1099-R shows the distribution as paid out (code 1, 7, 2...;
  box 4 the 20% withheld), and the receiving IRA's 5498 shows the rollover in box 2 (box 3
  when a traditional IRA's money goes into a Roth IRA: a conversion). The rollover is on the
  return: Form 1040 lines 4a/5a keep the gross, 4b/5b only what wasn't rolled over; Form
  8606 line 7 leaves out what was rolled over, and line 6 adds the rollovers outstanding on
  December 31 (paid out in the year, put back after it within the 60 days).
- **Notice 2014-54** applies to a 60-day rollover of part of the same distribution: the
  pre-tax money (and earnings) goes first to what is rolled over to a traditional IRA or a
  plan, then to Roth; the basis fills the rest; ``pretax-amount`` on the redeposit's
  posting is the participant's choice. A designated Roth distribution rolled into a Roth
  IRA takes its earnings first (IRC 402(c)(2)).
- **One per 12 months** (IRC 408(d)(3)(B); Announcement 2014-15): an IRA-to-IRA 60-day
  rollover is allowed once in the 1-year period ending on the day the money was received,
  across all of a person's IRAs. Trustee-to-trustee transfers, conversions and rollovers
  from or to plans don't count. A second one is a distribution, and its redeposit a regular
  contribution (an excess unless it fits the IRA limit): an error with the dates of both.

The ledger marks the redeposit ``indirect-rollover: TRUE`` (or gives it the link of a
distribution so marked); the distribution is found by that link, else by amount and date. A
distribution marked ``indirect-rollover: TRUE`` and not put back yet is a rollover in flight
until its 60 days end.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from beancount.core import data

from megaroth.engine.book import Book, OpenDistribution
from megaroth.engine.contributions import contribute
from megaroth.engine.findings import Finding, Severity, about, money
from megaroth.engine.legs import Flows
from megaroth.engine.movements import _DESTINATION_OF, _five_year_end, arrive
from megaroth.errors import as_written
from megaroth.tax.form_1099r_codes import Money, treatment
from megaroth.tax.money import CENT, ZERO
from megaroth.tax.notice_2014_54 import PRETAX_ELIGIBLE, Portion
from megaroth.tax.records import (
    ROLLOVER_DAYS,
    Contract,
    Destination,
    Movement,
    Rollover,
)
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import INDIRECT_ROLLOVER, PRETAX_AMOUNT

_IRAS = (ContractKind.TRADITIONAL_IRA, ContractKind.ROTH_IRA)
EXAMPLE = f"{INDIRECT_ROLLOVER}: TRUE"


def is_redeposit(flows: Flows, book: Book) -> bool:
    """Money put into a plan or IRA from outside that the ledger says is a 60-day rollover:
    marked, or linked to a distribution marked to be rolled over."""
    entry = flows.entry
    if entry.meta.get(INDIRECT_ROLLOVER) is True:
        return True
    links = set(entry.links or ())
    return bool(links) and any(
        o.marked and o.left > 0 and links & set(o.entry.links or ())
        for o in book.open_distributions
    )


def redeposit(flows: Flows, book: Book) -> None:
    """Put money paid out back as a rollover, or say why it can't be one (and then follow
    it as the contribution it is)."""
    entry = flows.entry
    if len(flows.ins) != 1:
        book.error(
            entry,
            f"This 60-day rollover puts money into {len(flows.ins)} plans or IRAs (or money "
            "sources) at once; record one redeposit per plan or IRA.",
        )
        return
    ((contract, amount),) = flows.ins.items()
    owner = book.accounts.owners.get(contract.payer)
    account = flows.first_account(lambda leg: leg.contract == contract and leg.value > 0)
    found = _distribution_for(entry, book, owner, amount)
    if found is None:
        book.error(
            entry,
            f"This puts {money(amount)} into {account} as a 60-day rollover, but megaroth "
            f"finds no distribution to {owner or 'its owner'} before it with that much left to "
            "put back. Record the distribution (paid out of the plan or IRA), and give it and "
            "this redeposit the same link, e.g. ^rollover-"
            f"{entry.date:%Y-%m}; megaroth reads this as a contribution until then.",
        )
        contribute(flows, book)
        return
    distribution = book.movements[found.index]
    refused = _refused(book, found, distribution, entry, account, amount, contract)
    if refused is not None:
        book.findings.append(refused)
        # Put back, though as no rollover: not left to put back, nor in flight any more.
        taken = min(amount, found.pretax)
        found.pretax -= taken
        found.basis = max(ZERO, found.basis - (amount - taken))
        book.rollovers.append(
            Rollover(distribution.owner, distribution.payer, distribution.date, amount,
                     distribution.meta, entry.meta, account, entry.date, refused=refused.check)
        )  # fmt: skip
        contribute(flows, book)
        return
    shares = _shares(flows, book, found, contract, amount)
    if shares is None:
        contribute(flows, book)
        return
    _roll_over(flows, book, found, distribution, contract, account, amount, shares)


def _distribution_for(
    entry: data.Transaction, book: Book, owner: str | None, amount: Decimal
) -> OpenDistribution | None:
    """The distribution a redeposit puts back: by a shared link; else, among its owner's
    earlier ones with enough left, the latest of the same amount (gross, or net of tax
    withheld), else the latest marked to be rolled over, else the latest."""
    links = set(entry.links or ())
    candidates = [
        o
        for o in book.open_distributions
        if o.entry.date <= entry.date
        and book.movements[o.index].owner == owner
        and o.left + CENT >= amount
    ]
    linked = [o for o in candidates if links & set(o.entry.links or ())]
    if linked:
        return linked[-1]
    same = [o for o in candidates if amount in _amounts(book.movements[o.index])]
    marked = [o for o in candidates if o.marked]
    for group in (same, marked, candidates):
        if group:
            return group[-1]
    return None


def _amounts(movement: Movement) -> tuple[Decimal, Decimal]:
    return movement.gross, movement.gross - movement.withholding


def _refused(
    book: Book,
    found: OpenDistribution,
    distribution: Movement,
    entry: data.Transaction,
    account: str,
    amount: Decimal,
    contract: Contract,
) -> Finding | None:
    """Why a redeposit is no rollover: past 60 days, or a second IRA-to-IRA one within 12
    months (IRC 402(c)(3), 408(d)(3)(A), (B))."""
    days = (entry.date - distribution.date).days
    where = _where(found.entry)
    if days > ROLLOVER_DAYS:
        deadline = distribution.date + datetime.timedelta(days=ROLLOVER_DAYS)
        return Finding(
            Severity.ERROR,
            "rollover-late",
            f"This puts {money(amount)} into {account} as a rollover of the distribution of "
            f"{distribution.date} from {distribution.payer} ({where}), {days} days later: past "
            f"the 60 days (the last day was {deadline}; IRC 402(c)(3)(A), 408(d)(3)(A)). It is "
            "no rollover: the distribution stays taxable (and subject to the 10% additional "
            "tax before 59 1/2), and megaroth reads this redeposit as a contribution, "
            "counted against the limits. Only an IRS waiver (Rev. Proc. 2020-46 "
            "self-certification, a private letter ruling) extends the 60 days; megaroth "
            "doesn't follow one.",
            entry.meta,
            entry,
            entry.date.year,
            about=about(distribution.payer, distribution.owner),
        )
    if not _ira_to_ira(book, distribution, contract):
        return None
    earlier = next(
        (
            r
            for r in reversed(book.rollovers)
            if r.ira_to_ira
            and r.refused is None
            and r.owner == distribution.owner
            and r.distribution_meta is not distribution.meta
            and _year_before(distribution.date) < r.distributed <= distribution.date
        ),
        None,
    )
    if earlier is None:
        return None
    return Finding(
        Severity.ERROR,
        "rollover-once-a-year",
        f"This rolls {money(amount)} paid out of {distribution.payer} on {distribution.date} "
        f"({where}) back into {account}, but {distribution.owner or 'its owner'} already "
        f"rolled over an IRA distribution of {earlier.distributed} (put back into "
        f"{earlier.to_account} on {earlier.redeposited}) in the 12 months before: one "
        "IRA-to-IRA 60-day rollover per 12 months across all of a person's IRAs (IRC "
        "408(d)(3)(B); Announcement 2014-15). This one is a distribution (taxable, and subject "
        "to the 10% additional tax before 59 1/2) and megaroth reads the redeposit as a "
        "regular contribution, an excess unless it fits the IRA limit: withdraw it with its "
        "earnings by the return's due date. Trustee-to-trustee transfers and conversions don't "
        "count: have the IRAs move money directly.",
        entry.meta,
        entry,
        entry.date.year,
        about=about(distribution.payer, distribution.owner),
    )


def _ira_to_ira(book: Book, distribution: Movement, contract: Contract) -> bool:
    """From an IRA into an IRA of the same kind (a conversion doesn't count)."""
    source = book.accounts.contract(distribution.payer)
    return (
        source is not None
        and source.kind in _IRAS
        and contract.kind in _IRAS
        and (source.kind is ContractKind.ROTH_IRA) == (contract.kind is ContractKind.ROTH_IRA)
    )


def _year_before(day: datetime.date) -> datetime.date:
    """The same day a year before (Feb 28 for Feb 29)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _shares(
    flows: Flows, book: Book, found: OpenDistribution, contract: Contract, amount: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The taxable money (pre-tax, earnings) and the basis the redeposit carries: taxable
    money first (Notice 2014-54; IRC 402(c)(2)), or as ``pretax-amount`` chooses."""
    entry = flows.entry
    roth_destination = contract.kind.is_roth
    if found.roth and not roth_destination:
        book.error(
            entry,
            f"This puts Roth money paid out of {book.movements[found.index].payer} into "
            f"{contract.payer}, which can't take Roth money: roll it into a Roth IRA.",
        )
        return None
    chosen = [
        getattr(raw, "number", raw)
        for leg in flows.legs
        if leg.contract == contract and leg.value > 0
        for raw in [(leg.posting.meta or {}).get(PRETAX_AMOUNT)]
        if raw is not None
    ]
    pretax = min(amount, found.pretax)
    if chosen:
        number = chosen[0]
        if (
            not isinstance(number, Decimal)
            or found.roth
            or number < 0
            or number > min(amount, found.pretax)
            or amount - number > found.basis + CENT
        ):
            book.error(
                entry,
                f"{PRETAX_AMOUNT} {as_written(number)} can't be followed: this redeposit of "
                f"{money(amount)} can carry between {money(max(ZERO, amount - found.basis))} "
                f"and {money(min(amount, found.pretax))} of the distribution's pre-tax money "
                "(the rest is its basis); megaroth used pre-tax money first (Notice "
                "2014-54).",
            )
        else:
            pretax = number
    return pretax, amount - pretax


def _roll_over(
    flows: Flows,
    book: Book,
    found: OpenDistribution,
    distribution: Movement,
    contract: Contract,
    account: str,
    amount: Decimal,
    shares: tuple[Decimal, Decimal],
) -> None:
    entry = flows.entry
    pretax, basis = shares
    destination = _DESTINATION_OF.get(contract.kind, Destination.PLAN_PRETAX)
    from_ira = found.money in (Money.TRADITIONAL_IRA, Money.ROTH_IRA)
    portion = Portion(destination, account, amount, ZERO if found.roth else pretax,
                      basis, found.roth)  # fmt: skip
    tax = treatment(found.money, portion, False, after_tax_taken=found.basis > 0)
    days = (entry.date - distribution.date).days
    rule = (
        f"Put back {days} days after the distribution of {distribution.date} from "
        f"{distribution.payer}: an indirect (60-day) rollover (IRC 402(c)(3), 408(d)(3)). The "
        f"payer's 1099-R shows the distribution; {tax.rule}"
    )
    movement = None
    if tax.kind is not None:
        movement = Movement(
            date=entry.date,
            kind=tax.kind,
            payer=distribution.payer,
            from_account=distribution.from_account,
            to_account=account,
            gross=amount,
            basis=ZERO if from_ira and not found.roth else basis,
            taxable=tax.taxable,
            code="",
            lots=(),
            rule=rule,
            meta=entry.meta,
            owner=distribution.owner,
            description=" — ".join(t for t in (entry.payee, entry.narration) if t),
            five_year_end=_five_year_end(book, entry.date.year, tax.kind, distribution.owner),
            ira_sep_simple=distribution.ira_sep_simple,
            taxable_not_determined=distribution.taxable_not_determined,
            first_roth_year=distribution.first_roth_year,
            pretax_moved=pretax if destination in (Destination.ROTH_IRA, Destination.PLAN_ROTH)
            and not from_ira and not found.roth else ZERO,
            indirect=True,
        )  # fmt: skip
        book.movements.append(movement)
    arrive(flows, book, portion, movement)
    # What the rollover keeps from tax: the taxable money put back into pre-tax money, or a
    # Roth distribution's earnings put back into Roth (into Roth, pre-tax money is taxed).
    kept = pretax if found.roth or destination in PRETAX_ELIGIBLE else ZERO
    book.movements[found.index] = dataclasses.replace(
        distribution,
        rolled_over=distribution.rolled_over + amount,
        rolled_over_taxable=distribution.rolled_over_taxable + min(kept, distribution.taxable),
        rule=f"{distribution.rule} Of it, {money(amount)} was put back into {account} on "
        f"{entry.date}, {days} days later: an indirect rollover (IRC 402(c)(3), 408(d)(3)).",
    )
    found.pretax -= pretax
    found.basis -= basis
    book.rollovers.append(
        Rollover(
            owner=distribution.owner,
            payer=distribution.payer,
            distributed=distribution.date,
            amount=amount,
            distribution_meta=distribution.meta,
            meta=entry.meta,
            to_account=account,
            redeposited=entry.date,
            pretax=pretax,
            basis=basis,
            kind=tax.kind,
            ira_to_ira=_ira_to_ira(book, distribution, contract),
        )
    )


def in_flight(book: Book, as_of: datetime.date | None) -> None:
    """Distributions marked to be rolled over with money not put back yet: in flight while
    their 60 days last (on the ledger's last day), else a warning that it is a distribution."""
    for found in book.open_distributions:
        if not found.marked or found.left <= CENT:
            continue
        distribution = book.movements[found.index]
        flight = Rollover(
            owner=distribution.owner,
            payer=distribution.payer,
            distributed=distribution.date,
            amount=found.left,
            distribution_meta=distribution.meta,
            meta=distribution.meta,
            pretax=found.pretax,
            basis=found.basis,
        )
        if as_of is None or as_of <= flight.deadline:
            book.rollovers.append(flight)
            continue
        book.findings.append(
            Finding(
                Severity.WARNING,
                "rollover-not-redeposited",
                f"{money(found.left)} of this distribution from {distribution.payer}, marked "
                f"{EXAMPLE}, was not put back into a plan or IRA by {flight.deadline} (60 "
                "days; IRC 402(c)(3)(A), 408(d)(3)(A)): it is a distribution, taxable and, "
                "before 59 1/2, subject to the 10% additional tax. If it was put back, record "
                f"the redeposit with  {EXAMPLE}  and the same link.",
                distribution.meta,
                found.entry,
                distribution.year,
                about=about(distribution.payer, distribution.owner),
            )
        )


def _where(entry: data.Transaction) -> str:
    return f"{entry.meta.get('filename', '?')}:{entry.meta.get('lineno', '?')}"
