"""Recharacterizations: an IRA contribution moved to an IRA of the other kind, as if made
there from the start (IRC 408A(d)(6); Reg. 1.408A-5).

The ledger marks the transfer between the two IRAs with the contribution recharacterized
(the rest of what moves is its net income attributable)::

    2025-03-10 * "Broker" "2024 Roth IRA contribution recharacterized"
      recharacterized: 7000.00 USD
      tax-year: 2024
      nondeductible: TRUE                 ; as a traditional IRA contribution, nondeductible
      Assets:Retirement:BobRothIRA  -7350.00 USD
      Assets:Retirement:BobIRA       7350.00 USD

- **Contributions only** (IRC 408A(d)(6)(B)(iii), as amended by the Tax Cuts and Jobs Act,
  section 13611, for years from 2018): a conversion can't be recharacterized. The amount
  must be a contribution for the tax year still in the first IRA (the latest ones first).
- **By the due date with extensions** (Reg. 1.408A-5 Q&A-1(b)): October 15 of the year after
  the contribution's tax year (the automatic extension of Reg. 301.9100-2). Later, it is no
  recharacterization: an error, and the transfer is followed as what it otherwise is.
- **With its net income attributable** (Reg. 1.408A-5 Q&A-2; Reg. 1.408-11): NIA =
  contribution x (adjusted closing balance - adjusted opening balance) / adjusted opening
  balance, where the opening balance is the IRA's value just before the contribution plus
  what came in during the period (the contribution included), and the closing balance its
  value just before the transfer plus what went out during the period. What the ledger
  moves beyond the contribution is compared with it: a warning when they differ.
- **As made to the second IRA from the start** (Reg. 1.408A-5 Q&A-3): the contribution
  counts as the second IRA's, on its date and for its tax year, for the IRA limit and the
  Roth phase-out, Form 8606 (line 1 when it is nondeductible: ``nondeductible: TRUE`` on the
  transfer or the traditional IRA's Open) and the Roth ordering; a Roth IRA contribution
  recharacterized doesn't start the Roth IRAs' 5-year period.
- **Forms** (Instructions for Forms 1099-R and 5498): the first IRA reports the transfer on
  a 1099-R with code N (recharacterized in the year the contribution was for) or R (for the
  year before), box 1 the amount moved, box 2a 0, the IRA/SEP/SIMPLE box unchecked; the
  second reports it in Form 5498 box 4 (recharacterized contributions, earnings included).
  The first IRA's 5498 keeps the contribution it received.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from beancount.core import data

from megaroth.engine.book import Book, FlowEvent
from megaroth.engine.contributions import carries_basis
from megaroth.engine.findings import Finding, Severity, about, money
from megaroth.engine.legs import Flows
from megaroth.engine.movements import _balanced, _redeem, move
from megaroth.errors import as_written
from megaroth.ledger.view import positive_amount, tax_year
from megaroth.tax.corrections import net_income_attributable, nia_close_enough
from megaroth.tax.money import CENT, ZERO
from megaroth.tax.pro_rata import CONTRIBUTION
from megaroth.tax.records import Contract, Contribution, Movement, MovementKind
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import RECHARACTERIZED, TAX_YEAR

_IRAS = (ContractKind.TRADITIONAL_IRA, ContractKind.ROTH_IRA)
EXAMPLE = f"{RECHARACTERIZED}: 7000.00 USD"
#: The first year recharacterizing a conversion is no longer allowed (TCJA section 13611).
NO_CONVERSIONS_FROM = 2018


@dataclass(frozen=True)
class Recharacterization:
    """A contribution moved to an IRA of the other kind, as if made there from the start."""

    date: datetime.date
    owner: str | None
    from_ira: str
    to_ira: str
    to_kind: ContractKind
    amount: Decimal  # the contribution recharacterized
    moved: Decimal  # what moved: the contribution and its net income attributable
    tax_year: int
    nondeductible: bool  # as a traditional IRA contribution, nondeductible (Form 8606 line 1)
    nia: Decimal  # the net income attributable by Reg. 1.408-11's formula
    # The contributions it takes, latest first: each (contribution, the part taken).
    parts: tuple[tuple[Contribution, Decimal], ...]
    meta: dict[str, object]
    entry: data.Transaction

    @property
    def deadline(self) -> datetime.date:
        return due_date_with_extensions(self.tax_year)


def due_date_with_extensions(year: int) -> datetime.date:
    """October 15 after the tax year: the return's due date with the automatic six-month
    extension (Reg. 1.408A-5 Q&A-1(b), Reg. 301.9100-2(b))."""
    return datetime.date(year + 1, 10, 15)


def is_recharacterization(flows: Flows) -> bool:
    return RECHARACTERIZED in flows.entry.meta


def recharacterize(flows: Flows, book: Book) -> None:
    """Follow a transfer marked ``recharacterized``; when it can't be one, say why and follow
    it as the movement it otherwise is."""
    found = _read(flows, book)
    if isinstance(found, str):
        book.error(flows.entry, f"{found}. {_convention()}")
        move(flows, book)
        return
    if flows.entry.date > found.deadline:
        book.findings.append(_late(found))
        move(flows, book)
        return
    outs, balances = _balanced(flows, book)
    if outs is None:
        return
    if _redeem(flows, book, found.from_ira, outs, balances) is None:
        return
    contract = Contract(found.to_ira, found.to_kind)
    basis = found.amount if found.to_kind is ContractKind.ROTH_IRA or found.nondeductible else ZERO
    book.pools[contract].add(flows.entry.date, found.moved, basis, flows.balances[contract],
                             CONTRIBUTION)  # fmt: skip
    book.note_roth_start(contract, datetime.date(found.tax_year, 1, 1))
    for contribution, part in found.parts:
        book.recharacterized[id(contribution)] = (
            book.recharacterized.get(id(contribution), ZERO) + part
        )
    book.recharacterizations.append(found)
    book.movements.append(_movement(flows, found))
    if not nia_close_enough(found.moved - found.amount, found.nia):
        book.findings.append(_nia_differs(found))


def _read(flows: Flows, book: Book) -> Recharacterization | str:
    """The recharacterization the transaction says, or why it can't be one."""
    entry = flows.entry
    raw = entry.meta.get(RECHARACTERIZED)
    amount = positive_amount(raw)
    if amount is None:
        return f"{RECHARACTERIZED} {as_written(raw)} is not an amount"
    if len(flows.payers) != 1 or len(flows.ins) != 1 or flows.paid > 0:
        return (
            f"{RECHARACTERIZED} is followed on a transfer from one IRA to one IRA of the other "
            "kind, with nothing paid out"
        )
    ((source, moved),) = flows.outs.items()
    ((target, _),) = flows.ins.items()
    owners = book.accounts.owners
    if (
        source.kind not in _IRAS
        or target.kind not in _IRAS
        or source.kind is target.kind
        or owners.get(source.payer) != owners.get(target.payer)
    ):
        return (
            f"{RECHARACTERIZED} moves a contribution between a traditional IRA and a Roth IRA "
            f"of the same owner, and this goes from {source.payer} to {target.payer}"
        )
    if amount > moved + CENT:
        return f"{RECHARACTERIZED} {amount:,.2f} is more than the {moved:,.2f} moved"
    year_raw = entry.meta.get(TAX_YEAR)
    year = entry.date.year if year_raw is None else tax_year(year_raw)
    if year is None or year not in (entry.date.year, entry.date.year - 1):
        return (
            f"{TAX_YEAR} {as_written(year_raw)} is not this year or the year before: a "
            "contribution is recharacterized by the due date of the return for its year"
        )
    parts = _contributions(book, source.payer, year, amount)
    if parts is None:
        return (
            f"{source.payer} holds less than {amount:,.2f} of contributions for {year} that "
            "were not recharacterized yet: only contributions can be recharacterized; a "
            "conversion can't be, since 2018 (IRC 408A(d)(6)(B)(iii); Tax Cuts and Jobs Act, "
            "section 13611)"
        )
    nondeductible = target.kind is ContractKind.TRADITIONAL_IRA and carries_basis(
        target, entry, book
    )
    return Recharacterization(
        date=entry.date,
        owner=owners.get(source.payer),
        from_ira=source.payer,
        to_ira=target.payer,
        to_kind=target.kind,
        amount=amount,
        moved=moved,
        tax_year=year,
        nondeductible=nondeductible,
        nia=_nia(book.ira_flows.get(source.payer, []), parts, flows.balances[source]),
        parts=tuple(parts),
        meta=entry.meta,
        entry=entry,
    )


def _contributions(
    book: Book, ira: str, year: int, amount: Decimal
) -> list[tuple[Contribution, Decimal]] | None:
    """The contributions a recharacterization takes, the latest first, or None when they
    are too few."""
    parts = []
    left = amount
    for contribution in reversed(book.contributions):
        if left <= 0:
            break
        if contribution.contract.payer != ira or contribution.tax_year != year:
            continue
        free = contribution.amount - book.recharacterized.get(id(contribution), ZERO)
        take = min(free, left)
        if take > 0:
            parts.append((contribution, take))
            left -= take
    return parts if left <= CENT else None


def _nia(
    flows: Sequence[FlowEvent],
    parts: Sequence[tuple[Contribution, Decimal]],
    closing_value: Decimal,
) -> Decimal:
    """Reg. 1.408-11: each contribution's net income attributable, from the IRA's value just
    before it to its value just before the recharacterization."""
    total = ZERO
    for contribution, part in parts:
        start = next((i for i, e in enumerate(flows) if e.meta_id == id(contribution.meta)), None)
        if start is None:
            continue
        period = flows[start:]
        opening = flows[start].value_before
        came_in = sum((e.came_in for e in period), ZERO)
        went_out = sum((e.went_out for e in period), ZERO)
        total += net_income_attributable(part, opening + came_in, closing_value + went_out)
    return total


def _movement(flows: Flows, found: Recharacterization) -> Movement:
    entry = flows.entry
    same_year = found.tax_year == entry.date.year
    return Movement(
        date=entry.date,
        kind=MovementKind.RECHARACTERIZATION,
        payer=found.from_ira,
        from_account=flows.from_account,
        to_account=flows.first_account(lambda leg: leg.contract is not None and leg.value > 0),
        gross=found.moved,
        basis=ZERO,
        taxable=ZERO,
        code="N" if same_year else "R",
        lots=(),
        rule=(
            f"A {found.tax_year} contribution of {found.amount:,.2f} to {found.from_ira} "
            f"recharacterized with {found.moved - found.amount:,.2f} of net income "
            f"attributable as a contribution to {found.to_ira}, as if made there from the "
            "start (IRC 408A(d)(6); Reg. 1.408A-5): no distribution, nothing taxable. The "
            f"first IRA reports it with code {'N' if same_year else 'R'} (Instructions for "
            "Forms 1099-R and 5498), the second in Form 5498 box 4."
        ),
        meta=entry.meta,
        owner=found.owner,
        description=" — ".join(t for t in (entry.payee, entry.narration) if t),
    )


def treated(
    contributions: Sequence[Contribution], recharacterizations: Sequence[Recharacterization]
) -> list[Contribution]:
    """The contributions as the law treats them: each part recharacterized made to the second
    IRA from the start, on its date and for its tax year (Reg. 1.408A-5 Q&A-3)."""
    if not recharacterizations:
        return list(contributions)
    moved: dict[int, list[tuple[Recharacterization, Decimal]]] = {}
    for found in recharacterizations:
        for contribution, part in found.parts:
            moved.setdefault(id(contribution), []).append((found, part))
    result = []
    for contribution in contributions:
        parts = moved.get(id(contribution), [])
        left = contribution.amount - sum((p for _, p in parts), ZERO)
        if left > 0:
            share = left / contribution.amount
            result.append(replace(contribution, amount=left,
                                  basis=(contribution.basis * share).quantize(CENT)))  # fmt: skip
        for found, part in parts:
            basis = part if found.to_kind is ContractKind.ROTH_IRA or found.nondeductible else ZERO
            result.append(replace(contribution, account=found.to_ira,
                                  contract=Contract(found.to_ira, found.to_kind), amount=part,
                                  basis=basis))  # fmt: skip
    return result


def _late(found: Recharacterization) -> Finding:
    return Finding(
        Severity.ERROR,
        "recharacterization-late",
        f"This recharacterizes a {found.tax_year} contribution of {money(found.amount)} from "
        f"{found.from_ira} to {found.to_ira} on {found.date}, after {found.deadline}: the due "
        f"date of the {found.tax_year} return with extensions, the last day a contribution "
        "can be recharacterized (IRC 408A(d)(6); Reg. 1.408A-5 Q&A-1(b)). It stays a "
        f"{found.tax_year} contribution to {found.from_ira}, and megaroth follows this as the "
        "transfer it otherwise is. An excess left in the IRA draws the 6% excise tax of IRC "
        "4973 each year until it is withdrawn.",
        found.meta,
        found.entry,
        found.date.year,
        about=about(found.from_ira, found.owner),
    )


def _nia_differs(found: Recharacterization) -> Finding:
    recorded = found.moved - found.amount
    return Finding(
        Severity.WARNING,
        "net-income-attributable",
        f"This moves {money(found.moved)} for a contribution of {money(found.amount)}: "
        f"{money(recorded)} of net income attributable, where Reg. 1.408-11's formula "
        "(contribution x (adjusted closing balance - adjusted opening balance) / adjusted "
        f"opening balance, over {found.from_ira}'s values in the ledger) gives "
        f"{money(found.nia)}. Check the amount against the custodian's statement, and the "
        "prices and earnings the ledger records for the IRA in between.",
        found.meta,
        found.entry,
        found.date.year,
        about=about(found.from_ira, found.owner),
    )


def _convention() -> str:
    return (
        "Mark the transfer that recharacterizes an IRA contribution (IRC 408A(d)(6)) with the "
        f"contribution, e.g.  {EXAMPLE}  (the rest of what moves is its net income "
        f"attributable), and  {TAX_YEAR}:  when it was for the year before; megaroth "
        "follows it as an ordinary transfer until then."
    )
