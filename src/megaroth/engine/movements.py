"""Money out of a plan or IRA: what it took, where it went, and the tax figures of each part.

One transaction that takes money out of one payer is one distribution (Notice 2014-54),
however many places it goes. The engine takes it out of each contract's lots (pro rata for
plan money, IRC 72(e)(8); basis first for a Roth IRA, IRC 408A(d)(4)(B)), splits it over its
destinations (:mod:`megaroth.tax.notice_2014_54`), gives each part its 1099-R code and
taxable amount (:mod:`megaroth.tax.form_1099r_codes`), and adds what arrives in another
plan source or IRA to that contract's lots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from megaroth.engine.book import Book, OpenDistribution
from megaroth.engine.legs import Flows, Leg, names
from megaroth.errors import as_written
from megaroth.ledger.view import positive_amount
from megaroth.tax.ages import separated_at_55
from megaroth.tax.five_year import five_year_end
from megaroth.tax.form_1099r_codes import Money, money_taken, treatment
from megaroth.tax.money import CENT, ZERO, cents, split_last_takes_rest
from megaroth.tax.notice_2014_54 import Portion, allocate, choice_problem
from megaroth.tax.pro_rata import LotSlice, Redemption
from megaroth.tax.qualified import qualified_test
from megaroth.tax.records import CONVERSIONS, Contract, Destination, Movement, MovementKind
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import INDIRECT_ROLLOVER, PRETAX_AMOUNT, RETURNED_CONTRIBUTION

_DESTINATION_OF = {
    ContractKind.TRADITIONAL_IRA: Destination.TRADITIONAL_IRA,
    ContractKind.ROTH_IRA: Destination.ROTH_IRA,
    ContractKind.ROTH: Destination.PLAN_ROTH,
}
_PAID = (Destination.CASH, Destination.DEEMED)


@dataclass(frozen=True)
class Taken:
    """What one distribution took out of its payer, shared by all its destinations."""

    payer: str
    redemptions: Mapping[Contract, Redemption]

    @property
    def contracts(self) -> set[ContractKind]:
        return {c.kind for c in self.redemptions}

    @property
    def from_ira(self) -> bool:
        return any(not c.kind.is_plan for c in self.redemptions)

    def moved(self, kind: ContractKind) -> Decimal:
        return sum((r.amount for c, r in self.redemptions.items() if c.kind is kind), ZERO)

    @property
    def lots(self) -> tuple[LotSlice, ...]:
        return tuple(s for r in self.redemptions.values() for s in r.slices)

    @property
    def unrecovered(self) -> Decimal:
        return sum((r.unrecovered_basis for r in self.redemptions.values()), ZERO)


def move(flows: Flows, book: Book, deemed: bool = False) -> None:
    """Follow one distribution; an error on the transaction when it can't be followed.

    ``deemed``: what is paid out is a participant loan written off, a deemed distribution
    (IRC 72(p), :mod:`megaroth.engine.loans`), not money received.
    """
    if len(flows.payers) > 1:
        book.error(
            flows.entry,
            f"This transaction takes money out of {len(flows.payers)} plans or IRAs at once "
            f"({', '.join(sorted(flows.payers))}). Each payer issues its own 1099-R: record "
            "one transaction per plan or IRA.",
        )
        return
    outs, balances = _balanced(flows, book)
    if outs is None:
        return
    (payer,) = flows.payers
    taken = _redeem(flows, book, payer, outs, balances)
    if taken is None:
        return
    destinations = _destinations(flows, book, payer, deemed)
    if destinations is None:
        return
    _record(flows, book, taken, destinations)


def _balanced(
    flows: Flows, book: Book
) -> tuple[Mapping[Contract, Decimal] | None, Mapping[Contract, Decimal]]:
    """What left each contract, with earnings posted in the movement itself spread over it."""
    taken = sum(flows.outs.values(), ZERO)
    placed = sum(flows.ins.values(), ZERO) + flows.paid
    slack = flows.tolerance + CENT
    if abs(taken - flows.fees - placed) <= slack:
        return flows.outs, flows.balances
    # Dollar-style statements may post the last earnings in the movement itself: they were
    # earned by the money that leaves, just before it left.
    earned = flows.earned
    if abs(taken + earned - flows.fees - placed) > slack:
        (payer,) = flows.payers
        book.error(
            flows.entry,
            f"Money out of {payer} ({taken:,.2f}) doesn't match what arrived "
            f"({placed:,.2f} in {names(flows.ins) or 'no plan or IRA'}, fees "
            f"{flows.fees:,.2f}), valued at this transaction's prices. Check the units and "
            "prices of each leg; megaroth can't classify a movement that doesn't add up.",
        )
        return None, flows.balances
    ordered = sorted(flows.outs)
    shares = split_last_takes_rest(earned, [flows.outs[c] for c in ordered])
    outs = {c: flows.outs[c] + share for c, share in zip(ordered, shares, strict=True)}
    balances = {**flows.balances}
    balances.update({c: flows.balances[c] + s for c, s in zip(ordered, shares, strict=True)})
    return outs, balances


def _redeem(
    flows: Flows,
    book: Book,
    payer: str,
    outs: Mapping[Contract, Decimal],
    balances: Mapping[Contract, Decimal],
) -> Taken | None:
    taken = sum(outs.values(), ZERO)
    fees = flows.fees
    redemptions = {}
    for contract, amount in sorted(outs.items()):
        fee = cents(fees * amount / taken) if taken else ZERO
        balance = balances[contract] - fee
        moved = amount - fee
        if moved > balance + CENT:
            book.error(
                flows.entry,
                f"This takes {moved:,.2f} of {contract.kind} money out of {payer}, which "
                f"held only {balance:,.2f} then. Check the amount against the statement, "
                "or record the contributions that are missing before this date.",
            )
            return None
        pool = book.pools[contract]
        date = flows.entry.date
        returned = _returned(flows, contract)
        if contract.kind is ContractKind.ROTH_IRA:
            redemptions[contract] = pool.redeem_basis_first(date, moved, balance)
        elif returned is not None:
            # A contribution returned with its earnings (a corrective distribution) takes
            # exactly the contribution as basis, not a pro rata share (Reg. 1.402(g)-1(e),
            # Rev. Proc. 2021-30 Appendix A .08).
            redemptions[contract] = pool.redeem_basis_first(date, moved, balance, returned)
        else:
            redemptions[contract] = pool.redeem_pro_rata(date, moved, balance)
    return Taken(payer, redemptions)


def _returned(flows: Flows, contract: Contract) -> Decimal | None:
    """The contribution a plan's corrective distribution of after-tax or designated Roth money
    returns (``returned-contribution``), if it says one."""
    if contract.kind not in (ContractKind.AFTER_TAX, ContractKind.ROTH):
        return None
    return positive_amount(flows.entry.meta.get(RETURNED_CONTRIBUTION))


def _destinations(
    flows: Flows, book: Book, payer: str, deemed: bool = False
) -> list[tuple[Destination, str, Decimal]] | None:
    destinations = []
    for contract, amount in sorted(flows.ins.items()):
        destination = _DESTINATION_OF.get(contract.kind)
        if destination is None and contract.payer == payer:
            book.error(
                flows.entry,
                f"Money moves from {payer} to its own {contract.kind} money, which is not "
                "a conversion or rollover megaroth knows. An in-plan Roth rollover goes "
                "into an IRR (or other designated Roth) sub-account.",
            )
            return None

        def arriving(leg: Leg, contract: Contract = contract) -> bool:
            return leg.contract == contract and leg.value > 0

        account = flows.first_account(arriving)
        destinations.append((destination or Destination.PLAN_PRETAX, account, amount))
    if flows.paid > 0:
        paid_to = flows.first_account(lambda leg: leg.is_paid_out)
        paid = Destination.DEEMED if deemed else Destination.CASH
        destinations.append((paid, paid_to, flows.paid))
    return destinations


def _record(
    flows: Flows, book: Book, taken: Taken, destinations: list[tuple[Destination, str, Decimal]]
) -> None:
    roth = [r for c, r in taken.redemptions.items() if c.kind.is_roth]
    other = [r for c, r in taken.redemptions.items() if not c.kind.is_roth]
    gross = sum((r.amount for r in other), ZERO)
    # Inside a plan, after-tax basis is known now; a traditional IRA's taxable part
    # comes from Form 8606, over all of the owner's IRAs.
    basis = ZERO if taken.from_ira else sum((r.basis for r in other), ZERO)
    chosen = chosen_pretax(flows, book, destinations, gross - basis)
    portions, unplaced = allocate(
        destinations,
        gross - basis,
        basis,
        sum((r.amount for r in roth), ZERO),
        sum((r.basis for r in roth), ZERO),
        chosen,
    )
    # What no destination took: Roth money where only non-Roth money may go is an error;
    # what the destinations lack of what was taken is the rounding the movement was found
    # to balance within (a price to a fraction of a cent).
    roth_amount = sum((r.amount for r in roth), ZERO)
    short = gross + roth_amount - sum((amount for _, _, amount in destinations), ZERO)
    roth_placed = sum((p.amount for p in portions if p.roth), ZERO)
    roth_left = min(unplaced, roth_amount - roth_placed) - max(short, ZERO)
    if roth_left > CENT:
        book.error(
            flows.entry,
            f"{roth_left:,.2f} of designated Roth money from {taken.payer} goes somewhere that "
            "can't take Roth money (a traditional IRA or pre-tax plan money). Roll Roth "
            "money to a Roth IRA or another plan's Roth account.",
        )
        return
    total = sum((p.amount for p in portions), ZERO)
    for portion in portions:
        movement = _movement(flows, book, taken, portion, total)
        if movement is not None:
            book.movements.append(movement)
            may_roll_over(flows, book, taken, portion, movement)
        arrive(flows, book, portion, movement)


def chosen_pretax(
    flows: Flows,
    book: Book,
    destinations: list[tuple[Destination, str, Decimal]],
    pretax: Decimal,
) -> dict[str, Decimal]:
    """The participant's choice of how the pre-tax money is spread over the destinations that
    take it (Notice 2014-54): ``pretax-amount`` on a receiving posting, by destination
    account. A choice that can't be followed is an error, and the default order applies."""
    account_of = {book.accounts.contract(account): account for _, account, _ in destinations}
    chosen: dict[str, Decimal] = {}
    for leg in flows.legs:
        raw = (leg.posting.meta or {}).get(PRETAX_AMOUNT)
        if raw is None:
            continue
        number = getattr(raw, "number", raw)
        account = account_of.get(leg.contract) if leg.value > 0 else None
        if not isinstance(number, Decimal) or account is None:
            book.error(
                flows.entry,
                f"{PRETAX_AMOUNT} {as_written(raw)} on {leg.account} can't be followed: write it "
                "on a posting that receives part of the distribution, as an amount, e.g.  "
                f"{PRETAX_AMOUNT}: 40000.00 USD  (Notice 2014-54: how much of the pre-tax "
                "money that destination takes; the rest of it is basis).",
            )
            return {}
        chosen[account] = chosen.get(account, ZERO) + number
    problem = choice_problem(destinations, pretax, chosen) if chosen else None
    if problem is not None:
        book.error(
            flows.entry,
            f"{PRETAX_AMOUNT}: {problem}. The participant may choose how the pre-tax money "
            "is spread among traditional IRAs and plans' pre-tax money (Notice 2014-54), not "
            "how much of it there is; megaroth used the default order (traditional IRAs "
            "first).",
        )
        return {}
    return chosen


def _movement(
    flows: Flows, book: Book, taken: Taken, portion: Portion, total: Decimal
) -> Movement | None:
    entry = flows.entry
    owner = book.accounts.owners.get(taken.payer)
    money = money_taken(taken.contracts, portion.roth)
    after_tax = bool({ContractKind.AFTER_TAX, ContractKind.COMBINED} & taken.contracts)
    # Age, death, disability, and whether Roth money comes out qualified (IRC 408A(d)(2),
    # 402A(d)(2)): the same test the analysis keeps per person and year.
    test = qualified_test(owner or "", entry.date.year, book.household.life_events(owner),
                          book.first_roth_years, book.household.plan_owners)  # fmt: skip
    plan = taken.payer if money is Money.DESIGNATED_ROTH else None
    situation = test.situation(entry.date, plan)
    employer_plan = book.household.plans.get(taken.payer)
    if employer_plan is not None and separated_at_55(
        test.events.birth_date, employer_plan.separation_date, entry.date,
        employer_plan.public_safety,
    ):  # fmt: skip
        situation = dataclasses.replace(situation, separated=True)
    tax = treatment(money, portion, situation.over_59_half, after_tax, situation=situation)
    if tax.kind is None:
        return None  # a trustee-to-trustee transfer between IRAs of one kind
    scale = portion.amount / total if total else Decimal(0)
    first_roth = book.first_roth_years.plans.get(taken.payer) if portion.roth else None
    return Movement(
        date=entry.date,
        kind=tax.kind,
        payer=taken.payer,
        from_account=flows.from_account,
        to_account=portion.account,
        gross=portion.amount,
        basis=portion.basis,
        taxable=tax.taxable,
        code=tax.code,
        lots=tuple(_scaled(s, scale) for s in taken.lots),
        rule=tax.rule,
        meta=entry.meta,
        owner=owner,
        description=" — ".join(t for t in (entry.payee, entry.narration) if t),
        withholding=flows.withheld if portion.destination in _PAID else ZERO,
        five_year_end=_five_year_end(book, entry.date.year, tax.kind, owner),
        # The IRA/SEP/SIMPLE box: not for a Roth IRA (Instructions for Forms 1099-R).
        ira_sep_simple=ContractKind.TRADITIONAL_IRA in taken.contracts,
        roth_ira=ContractKind.ROTH_IRA in taken.contracts,
        taxable_not_determined=taken.from_ira and tax.kind is not MovementKind.ROLLOVER_TO_PLAN,
        first_roth_year=first_roth,
        unrecovered_basis=cents(taken.unrecovered * scale),
        pretax_moved=taken.moved(ContractKind.PRETAX),
        after_tax_moved=taken.moved(ContractKind.AFTER_TAX) + taken.moved(ContractKind.COMBINED),
    )


def _five_year_end(book: Book, year: int, kind: MovementKind, owner: str | None) -> int | None:
    if kind in CONVERSIONS:
        return five_year_end(year)
    if kind is MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA:
        first = book.first_roth_years.roth_iras.get(owner) if owner else None
        return five_year_end(first or year)
    return None


def may_roll_over(
    flows: Flows, book: Book, taken: Taken, portion: Portion, movement: Movement
) -> None:
    """Money paid out may be put back within 60 days (IRC 402(c)(3), 408(d)(3)): keep it
    open for a redeposit (:mod:`megaroth.engine.rollovers`). A corrective distribution is no
    eligible rollover distribution (Reg. 1.402(c)-2 Q&A-4), nor a loan deemed distributed."""
    entry = flows.entry
    if portion.destination is not Destination.CASH or RETURNED_CONTRIBUTION in entry.meta:
        return
    book.open_distributions.append(
        OpenDistribution(
            index=len(book.movements) - 1,
            entry=entry,
            money=money_taken(taken.contracts, portion.roth),
            pretax=portion.amount - portion.basis,
            basis=portion.basis,
            roth=portion.roth or movement.roth_ira,
            marked=entry.meta.get(INDIRECT_ROLLOVER) is True,
        )
    )


def arrive(flows: Flows, book: Book, portion: Portion, movement: Movement | None) -> None:
    contract = book.accounts.contract(portion.account)
    if contract is None or contract not in flows.ins:
        return
    # Money converted or rolled into Roth is all after-tax there: its taxable part was
    # taxed on the way in. Designated Roth money keeps the basis it had.
    becomes_roth = contract.kind.is_roth and not portion.roth
    book.pools[contract].add(
        flows.entry.date,
        portion.amount,
        portion.amount if becomes_roth else portion.basis,
        flows.balances[contract],
        movement.kind.value if movement else "transfer",
        movement.five_year_end if movement else None,
        movement.taxable if movement else ZERO,
    )
    book.note_roth_start(contract, flows.entry.date)


def _scaled(lot: LotSlice, scale: Decimal) -> LotSlice:
    return LotSlice(
        lot.date,
        lot.origin,
        cents(lot.basis * scale),
        cents(lot.value * scale),
        cents(lot.contributed * scale),
        lot.days,
    )
