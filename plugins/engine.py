"""The basis engine: every transaction touching megaroth money, classified and followed.

For each transaction it values the postings, tells contributions, earnings, exchanges, fees,
movements and distributions apart (DESIGN.md section 2), keeps each contract's lots
(:mod:`megaroth.plugins.pools`) and, for every movement, works out gross, basis, taxable
part and 1099-R code (:mod:`megaroth.plugins.movements`). Pure: entries in, results out.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from beancount.core import data

from megaroth.plugins.flows import (
    Accounts,
    Contract,
    ContractKind,
    Role,
    Valuer,
    read_accounts,
    units_of,
)
from megaroth.plugins.household import Household
from megaroth.plugins.ledger import LedgerView
from megaroth.plugins.movements import (
    Destination,
    Movement,
    MovementKind,
    Portion,
    age_at_least,
    allocate,
)
from megaroth.plugins.pools import ZERO, LotSlice, Pool, Redemption, cents

NONDEDUCTIBLE_KEY = "nondeductible"
FIVE_YEARS = 4  # the period is the year of the event and the four after it


class BasisError(NamedTuple):
    """A transaction the basis engine cannot follow, reported on that transaction."""

    source: data.Meta
    message: str
    entry: data.Directive | None


@dataclass(frozen=True)
class Contribution:
    """Money that came into a plan source or an IRA from outside."""

    date: datetime.date
    account: str
    contract: Contract
    amount: Decimal
    basis: Decimal
    entry: data.Transaction

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class BasisResult:
    movements: tuple[Movement, ...]
    contributions: tuple[Contribution, ...]
    # Each contract's basis after every transaction that touched it, in date order.
    basis_history: tuple[tuple[datetime.date, Contract, Decimal], ...]
    pools: Mapping[Contract, Pool]
    errors: tuple[BasisError, ...]
    first_roth_year: Mapping[str, int]


def track_basis(ledger: LedgerView, household: Household, currency: str) -> BasisResult:
    """Follow every megaroth transaction in date order."""
    accounts = read_accounts(ledger.declared, household)
    tracker = _Tracker(household, accounts, Valuer(ledger.price_map, currency))
    for entry in ledger.transactions:
        tracker.transaction(entry)
    return BasisResult(
        tuple(tracker.movements),
        tuple(tracker.contributions),
        tuple(tracker.basis_history),
        dict(tracker.pools),
        tuple(tracker.errors),
        dict(tracker.first_roth_year),
    )


@dataclass
class _Leg:
    posting: data.Posting
    contract: Contract | None
    role: Role
    value: Decimal


@dataclass
class _Tracker:
    household: Household
    accounts: Accounts
    valuer: Valuer
    pools: dict[Contract, Pool] = field(default_factory=lambda: defaultdict(Pool))
    holdings: dict[str, dict[str, Decimal]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Decimal))
    )
    # The accounts holding each contract's money (so a balance reads only those).
    accounts_of: dict[Contract, set[str]] = field(default_factory=dict)
    movements: list[Movement] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    basis_history: list[tuple[datetime.date, Contract, Decimal]] = field(default_factory=list)
    errors: list[BasisError] = field(default_factory=list)
    # First year of designated Roth money per plan (1099-R box 11) and per person's Roth IRAs.
    first_roth_year: dict[str, int] = field(default_factory=dict)

    # -- the walk -----------------------------------------------------------------------

    def transaction(self, entry: data.Transaction) -> None:
        mine = self.accounts.contracts
        if not any(posting.account in mine for posting in entry.postings):
            return  # most of a household's transactions: nothing to follow
        contracts = {mine[p.account] for p in entry.postings if p.account in mine}
        stated = self.valuer.transaction_prices(entry)
        legs = self._legs(entry, stated)
        balances = {c: self._balance(c, entry, stated) for c in contracts}
        self._apply(entry)
        self.valuer.observe(entry.date, stated)
        if legs is None or any(b is None for b in balances.values()):
            return
        self._classify(entry, legs, {c: b for c, b in balances.items() if b is not None})
        for contract in sorted(contracts):
            self.basis_history.append((entry.date, contract, self.pools[contract].basis))

    def _legs(self, entry: data.Transaction, stated: Mapping[str, Decimal]) -> list[_Leg] | None:
        legs = []
        for posting in entry.postings:
            value = self.valuer.posting_value(posting, entry.date, stated)
            if value is None:
                self._missing_price(entry, units_of(posting)[0])
                return None
            contract = self.accounts.contract(posting.account)
            legs.append(_Leg(posting, contract, self.accounts.role(posting.account), value))
        return legs

    def _balance(
        self, contract: Contract, entry: data.Transaction, stated: Mapping[str, Decimal]
    ) -> Decimal | None:
        """The contract's market value just before this transaction."""
        total = Decimal(0)
        for account in self.accounts_of.get(contract, ()):
            for commodity, number in self.holdings[account].items():
                if not number:
                    continue
                price = self.valuer.price(commodity, entry.date, stated)
                if price is None:
                    self._missing_price(entry, commodity)
                    return None
                total += number * price
        return cents(total)

    def _apply(self, entry: data.Transaction) -> None:
        for posting in entry.postings:
            contract = self.accounts.contract(posting.account)
            if contract is not None:
                currency, number = units_of(posting)
                self.holdings[posting.account][currency] += number
                self.accounts_of.setdefault(contract, set()).add(posting.account)

    def _classify(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        balances: Mapping[Contract, Decimal],
    ) -> None:
        net: dict[Contract, Decimal] = defaultdict(Decimal)
        for leg in legs:
            if leg.contract is not None:
                net[leg.contract] += leg.value
        tolerance = Decimal("0.005") * len(legs)
        # Any whole cent counts; less is rounding noise from units times prices.
        outs = {c: cents(-n) for c, n in net.items() if cents(-n) > 0}
        ins = {c: cents(n) for c, n in net.items() if cents(n) > 0}
        funding = cents(-sum((leg.value for leg in legs if _is_funding(leg)), Decimal(0)))
        if not outs:
            if ins and funding > 0:
                self._contribute(entry, legs, ins, funding, balances)
            return
        if funding > 0:
            self._error(
                entry,
                "This transaction takes money out of "
                f"{_names(outs)} while money comes in from outside "
                f"({_accounts(legs, _is_funding)}); megaroth can't tell a movement from a "
                "contribution. Record the contribution and the movement as two transactions.",
            )
            return
        paid = cents(sum((leg.value for leg in legs if _is_paid_out(leg)), Decimal(0)))
        if not ins and paid <= 0:
            return  # a fee or a loss: the pool's value drops, its basis does not
        if paid <= 0 and _only_market_moves(legs, outs, ins):
            return  # one statement line of gains and losses over several pots
        self._move(entry, legs, outs, ins, paid, balances, tolerance)

    # -- contributions ------------------------------------------------------------------

    def _contribute(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        ins: Mapping[Contract, Decimal],
        funding: Decimal,
        balances: Mapping[Contract, Decimal],
    ) -> None:
        credited = sum(ins.values(), ZERO)
        shares = _split_over(funding, [(c, ins[c]) for c in sorted(ins)], credited)
        self._record_contributions(entry, legs, ins, shares)
        for contract, share in shares.items():
            basis = share if self._carries_basis(contract, entry) else ZERO
            self.pools[contract].add(entry.date, share, basis, balances[contract], "contribution")
            self._note_roth_start(contract, entry.date)

    def _record_contributions(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        ins: Mapping[Contract, Decimal],
        shares: Mapping[Contract, Decimal],
    ) -> None:
        """Each account's part of the contribution, for the limits."""
        for contract, share in shares.items():
            carries_basis = self._carries_basis(contract, entry)
            into = [leg for leg in legs if leg.contract == contract and leg.value > 0]
            weight = sum((leg.value for leg in into), Decimal(0))
            left = share
            for index, leg in enumerate(into):
                part = left if index == len(into) - 1 else cents(share * leg.value / weight)
                left -= part
                basis = part if carries_basis else ZERO
                self.contributions.append(
                    Contribution(entry.date, leg.posting.account, contract, part, basis, entry)
                )

    def _carries_basis(self, contract: Contract, entry: data.Transaction) -> bool:
        kind = contract.kind
        if kind in (ContractKind.AFTER_TAX, ContractKind.ROTH, ContractKind.ROTH_IRA):
            return True
        if kind is ContractKind.TRADITIONAL_IRA:
            return any(
                meta.get(NONDEDUCTIBLE_KEY) is True
                for meta in [
                    entry.meta,
                    *(p.meta or {} for p in entry.postings if p.account.startswith(contract.payer)),
                    self.household.iras[contract.payer].meta,
                ]
            )
        return False

    def _note_roth_start(self, contract: Contract, date: datetime.date) -> None:
        if contract.kind is ContractKind.ROTH:
            self.first_roth_year.setdefault(contract.payer, date.year)
        elif contract.kind is ContractKind.ROTH_IRA:
            owner = self.accounts.owners.get(contract.payer) or contract.payer
            self.first_roth_year.setdefault(f"roth-ira:{owner}", date.year)

    # -- movements ----------------------------------------------------------------------

    def _move(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        outs: Mapping[Contract, Decimal],
        ins: Mapping[Contract, Decimal],
        paid: Decimal,
        balances: Mapping[Contract, Decimal],
        tolerance: Decimal,
    ) -> None:
        payers = {c.payer for c in outs}
        if len(payers) > 1:
            self._error(
                entry,
                f"This transaction takes money out of {len(payers)} plans or IRAs at once "
                f"({', '.join(sorted(payers))}). Each payer issues its own 1099-R: record one "
                "transaction per plan or IRA.",
            )
            return
        (payer,) = payers
        fees = cents(sum((leg.value for leg in legs if leg.role is Role.FEE), Decimal(0)))
        taken = sum(outs.values(), ZERO)
        placed = sum(ins.values(), ZERO) + paid
        if abs(taken - fees - placed) > tolerance + Decimal("0.01"):
            # Dollar-style statements may post the last earnings in the movement itself:
            # they were earned by the money that leaves, just before it left.
            earned = cents(-sum((leg.value for leg in legs if leg.role is Role.EARNINGS), ZERO))
            if abs(taken + earned - fees - placed) > tolerance + Decimal("0.01"):
                self._error(
                    entry,
                    f"Money out of {payer} ({taken:,.2f}) doesn't match what arrived "
                    f"({placed:,.2f} in {_names(ins) or 'no plan or IRA'}, fees "
                    f"{fees:,.2f}), valued at this transaction's prices. Check the units and "
                    "prices of each leg; megaroth can't classify a movement that doesn't "
                    "add up.",
                )
                return
            outs, balances = _with_earnings(outs, balances, earned)
        redemptions = self._redeem(entry, payer, outs, fees, balances)
        if redemptions is None:
            return
        destinations = self._destinations(entry, legs, payer, ins, paid)
        if destinations is None:
            return
        self._record(entry, legs, payer, redemptions, destinations, ins, balances)

    def _redeem(
        self,
        entry: data.Transaction,
        payer: str,
        outs: Mapping[Contract, Decimal],
        fees: Decimal,
        balances: Mapping[Contract, Decimal],
    ) -> dict[Contract, Redemption] | None:
        taken = sum(outs.values(), ZERO)
        redemptions = {}
        for contract, amount in sorted(outs.items()):
            fee = cents(fees * amount / taken) if taken else ZERO
            balance = balances[contract] - fee
            moved = amount - fee
            if moved > balance + Decimal("0.01"):
                self._error(
                    entry,
                    f"This takes {moved:,.2f} of {contract.kind} money out of {payer}, which "
                    f"held only {balance:,.2f} then. Check the amount against the statement, "
                    "or record the contributions that are missing before this date.",
                )
                return None
            pool = self.pools[contract]
            if contract.kind is ContractKind.ROTH_IRA:
                redemptions[contract] = pool.redeem_basis_first(entry.date, moved, balance)
            else:
                redemptions[contract] = pool.redeem(entry.date, moved, balance)
        return redemptions

    def _destinations(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        payer: str,
        ins: Mapping[Contract, Decimal],
        paid: Decimal,
    ) -> list[tuple[Destination, str, Decimal]] | None:
        destinations = []
        for contract, amount in sorted(ins.items()):
            destination = _destination(contract, payer)
            if destination is None:
                self._error(
                    entry,
                    f"Money moves from {payer} to its own {contract.kind} money, which is not "
                    "a conversion or rollover megaroth knows. An in-plan Roth rollover goes "
                    "into an IRR (or other designated Roth) sub-account.",
                )
                return None
            account = next(
                leg.posting.account for leg in legs if leg.contract == contract and leg.value > 0
            )
            destinations.append((destination, account, amount))
        if paid > 0:
            account = next(leg.posting.account for leg in legs if _is_paid_out(leg))
            destinations.append((Destination.CASH, account, paid))
        return destinations

    def _record(
        self,
        entry: data.Transaction,
        legs: list[_Leg],
        payer: str,
        redemptions: Mapping[Contract, Redemption],
        destinations: list[tuple[Destination, str, Decimal]],
        ins: Mapping[Contract, Decimal],
        balances: Mapping[Contract, Decimal],
    ) -> None:
        roth = [r for c, r in redemptions.items() if c.kind in _ROTH_MONEY]
        other = [r for c, r in redemptions.items() if c.kind not in _ROTH_MONEY]
        gross = sum((r.amount for r in other), ZERO)
        # Inside a plan, after-tax basis is known now; a traditional IRA's taxable part
        # comes from Form 8606, over all of the owner's IRAs.
        basis = ZERO if _is_ira_payer(redemptions) else sum((r.basis for r in other), ZERO)
        portions, unplaced = allocate(
            destinations,
            gross - basis,
            basis,
            sum((r.amount for r in roth), ZERO),
            sum((r.basis for r in roth), ZERO),
        )
        if unplaced > Decimal("0.01"):
            self._error(
                entry,
                f"{unplaced:,.2f} of designated Roth money from {payer} goes somewhere that "
                "can't take Roth money (a traditional IRA or pre-tax plan money). Roll Roth "
                "money to a Roth IRA or another plan's Roth account.",
            )
            return
        taken = _Taken(
            withheld=cents(
                sum((leg.value for leg in legs if leg.role is Role.WITHHOLDING), Decimal(0))
            ),
            from_account=_from_account(legs),
            lots=tuple(s for r in redemptions.values() for s in r.slices),
            unrecovered=sum((r.unrecovered_basis for r in redemptions.values()), ZERO),
            total=sum((p.amount for p in portions), ZERO),
            pretax=_moved(redemptions, ContractKind.PRETAX),
            after_tax=_moved(redemptions, ContractKind.AFTER_TAX),
        )
        for portion in portions:
            movement = self._movement(entry, payer, portion, redemptions, taken)
            if movement is not None:
                self.movements.append(movement)
            self._arrive(entry, portion, movement, ins, balances)

    def _movement(
        self,
        entry: data.Transaction,
        payer: str,
        portion: Portion,
        redemptions: Mapping[Contract, Redemption],
        taken: _Taken,
    ) -> Movement | None:
        owner = self.accounts.owners.get(payer)
        person = self.household.people.get(owner) if owner else None
        birth = person.birth_date if person else None
        over_59_half = age_at_least(birth, entry.date, 59, 6)
        kind, code, taxable, rule = _tax_treatment(portion, redemptions, over_59_half)
        if kind is None:
            return None  # a trustee-to-trustee transfer between IRAs of one kind
        scale = portion.amount / taken.total if taken.total else Decimal(0)
        is_ira = _is_ira_payer(redemptions)
        return Movement(
            date=entry.date,
            kind=kind,
            payer=payer,
            from_account=taken.from_account,
            to_account=portion.account,
            gross=portion.amount,
            basis=portion.basis,
            taxable=taxable,
            code=code,
            lots=tuple(_scaled(s, scale) for s in taken.lots),
            rule=rule,
            meta=entry.meta,
            owner=owner,
            description=" — ".join(t for t in (entry.payee, entry.narration) if t),
            withholding=taken.withheld if portion.destination is Destination.CASH else ZERO,
            five_year_end=self._five_year_end(entry, kind, owner),
            ira_sep_simple=is_ira,
            taxable_not_determined=is_ira and kind is not MovementKind.ROLLOVER_TO_PLAN,
            first_roth_year=self.first_roth_year.get(payer) if portion.roth else None,
            unrecovered_basis=cents(taken.unrecovered * scale),
            pretax_moved=taken.pretax,
            after_tax_moved=taken.after_tax,
        )

    def _five_year_end(
        self, entry: data.Transaction, kind: MovementKind, owner: str | None
    ) -> int | None:
        if kind in (
            MovementKind.IN_PLAN_ROTH_ROLLOVER,
            MovementKind.ROLLOVER_TO_ROTH_IRA,
            MovementKind.IRA_CONVERSION,
        ):
            return entry.date.year + FIVE_YEARS
        if kind is MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA:
            start = self.first_roth_year.get(f"roth-ira:{owner}", entry.date.year)
            return start + FIVE_YEARS
        return None

    def _arrive(
        self,
        entry: data.Transaction,
        portion: Portion,
        movement: Movement | None,
        ins: Mapping[Contract, Decimal],
        balances: Mapping[Contract, Decimal],
    ) -> None:
        contract = self.accounts.contract(portion.account)
        if contract is None or contract not in ins:
            return
        # Money converted or rolled into Roth is all after-tax there: its taxable part was
        # taxed on the way in. Designated Roth money keeps the basis it had.
        becomes_roth = contract.kind in _ROTH_MONEY and not portion.roth
        self.pools[contract].add(
            entry.date,
            portion.amount,
            portion.amount if becomes_roth else portion.basis,
            balances[contract],
            movement.kind.value if movement else "transfer",
            movement.five_year_end if movement else None,
            movement.taxable if movement else ZERO,
        )
        self._note_roth_start(contract, entry.date)

    # -- errors -------------------------------------------------------------------------

    def _missing_price(self, entry: data.Transaction, commodity: str) -> None:
        self._error(
            entry,
            f"No price for {commodity} on or before {entry.date}, so megaroth can't tell what "
            f"the {commodity} held here is worth. Add a price line from the statement, e.g.  "
            f"{entry.date} price {commodity} 100.00 {self.valuer.currency}",
        )

    def _error(self, entry: data.Transaction, message: str) -> None:
        self.errors.append(BasisError(entry.meta, message, entry))


_ROTH_MONEY = (ContractKind.ROTH, ContractKind.ROTH_IRA)


def _split_over(
    total: Decimal, weights: list[tuple[Contract, Decimal]], weight: Decimal
) -> dict[Contract, Decimal]:
    """``total`` in cents over the weights, the last taking what rounding leaves."""
    shares: dict[Contract, Decimal] = {}
    left = total
    for index, (key, amount) in enumerate(weights):
        share = left if index == len(weights) - 1 else cents(total * amount / weight)
        shares[key] = share
        left -= share
    return shares


def _only_market_moves(
    legs: list[_Leg], outs: Mapping[Contract, Decimal], ins: Mapping[Contract, Decimal]
) -> bool:
    """Gains in some pots and losses in others of one plan, against an earnings account.

    Money can't move between a plan's own pre-tax and after-tax pots, so such a transaction
    is the market, not a movement.
    """
    payers = {c.payer for c in [*outs, *ins]}
    return (
        len(payers) == 1
        and any(leg.role is Role.EARNINGS for leg in legs)
        and all(c.kind in (ContractKind.PRETAX, ContractKind.AFTER_TAX) for c in [*outs, *ins])
    )


def _is_funding(leg: _Leg) -> bool:
    return leg.contract is None and leg.role is Role.OUTSIDE and leg.value < 0


def _is_paid_out(leg: _Leg) -> bool:
    return leg.contract is None and leg.role in (Role.OUTSIDE, Role.WITHHOLDING) and leg.value > 0


def _names(contracts: Mapping[Contract, Decimal]) -> str:
    return ", ".join(sorted({c.payer for c in contracts}))


def _accounts(legs: list[_Leg], which: object) -> str:
    return ", ".join(sorted({leg.posting.account for leg in legs if which(leg)}))  # type: ignore[operator]


def _from_account(legs: list[_Leg]) -> str:
    accounts = sorted({leg.posting.account for leg in legs if leg.contract and leg.value < 0})
    return accounts[0] if len(accounts) == 1 else ", ".join(accounts)


def _destination(contract: Contract, payer: str) -> Destination | None:
    kind = contract.kind
    if kind is ContractKind.TRADITIONAL_IRA:
        return Destination.TRADITIONAL_IRA
    if kind is ContractKind.ROTH_IRA:
        return Destination.ROTH_IRA
    if kind is ContractKind.ROTH:
        return Destination.PLAN_ROTH
    if contract.payer == payer:
        return None
    return Destination.PLAN_PRETAX


def _is_ira_payer(redemptions: Mapping[Contract, Redemption]) -> bool:
    return any(not c.kind.is_plan for c in redemptions)


def _with_earnings(
    outs: Mapping[Contract, Decimal], balances: Mapping[Contract, Decimal], earned: Decimal
) -> tuple[dict[Contract, Decimal], dict[Contract, Decimal]]:
    """Outflows and balances with earnings posted in the movement spread over the outflows."""
    ordered = sorted(outs.items())
    shares = _split_over(earned, ordered, sum(outs.values(), ZERO))
    new_outs = {c: amount + shares[c] for c, amount in ordered}
    new_balances = {**balances, **{c: balances[c] + shares[c] for c in shares}}
    return new_outs, new_balances


@dataclass(frozen=True)
class _Taken:
    """What one distribution took out, shared by all its destinations."""

    withheld: Decimal
    from_account: str
    lots: tuple[LotSlice, ...]
    unrecovered: Decimal
    total: Decimal
    pretax: Decimal
    after_tax: Decimal


def _moved(redemptions: Mapping[Contract, Redemption], kind: ContractKind) -> Decimal:
    return sum((r.amount for c, r in redemptions.items() if c.kind is kind), ZERO)


def _scaled(lot: LotSlice, scale: Decimal) -> LotSlice:
    return LotSlice(
        lot.date,
        lot.origin,
        cents(lot.basis * scale),
        cents(lot.value * scale),
        cents(lot.contributed * scale),
        lot.days,
    )


def _tax_treatment(
    portion: Portion,
    redemptions: Mapping[Contract, Redemption],
    over_59_half: bool,
) -> tuple[MovementKind | None, str, Decimal, str]:
    """Kind, 1099-R code, taxable amount and the rule applied, for one portion."""
    destination = portion.destination
    kinds = {c.kind for c in redemptions}
    early = "7" if over_59_half else "1"
    if ContractKind.TRADITIONAL_IRA in kinds:
        if destination is Destination.ROTH_IRA:
            return (
                MovementKind.IRA_CONVERSION,
                "7" if over_59_half else "2",
                portion.amount,
                "Traditional IRA converted to a Roth IRA: the IRA reports the whole amount "
                "with 'taxable amount not determined'; Form 8606 works out the taxable part "
                "(IRA pro rata, IRC 408(d)(2)).",
            )
        if destination is Destination.TRADITIONAL_IRA:
            return None, "", ZERO, ""
        if destination is Destination.CASH:
            return (
                MovementKind.DISTRIBUTION,
                early,
                portion.amount,
                "IRA distribution: Form 8606 works out the taxable part.",
            )
        return (
            MovementKind.ROLLOVER_TO_PLAN,
            "G",
            ZERO,
            "Direct rollover of IRA money to an employer plan: not taxable.",
        )
    if ContractKind.ROTH_IRA in kinds:
        if destination is not Destination.CASH:
            return None, "", ZERO, ""
        taxable = portion.amount - portion.basis
        return (
            MovementKind.DISTRIBUTION,
            "Q" if over_59_half and taxable == 0 else ("T" if over_59_half else "J"),
            taxable,
            "Roth IRA distribution: contributions and conversions come out first, earnings "
            "last (IRC 408A(d)(4)(B)).",
        )
    if portion.roth:
        if destination is Destination.CASH:
            return (
                MovementKind.DISTRIBUTION,
                "B",
                portion.amount - portion.basis,
                "Designated Roth distribution: pro rata over the Roth account's basis and "
                "earnings (IRC 72(e)(8), 402A(d)(4)).",
            )
        return (
            MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA
            if destination is Destination.ROTH_IRA
            else MovementKind.ROLLOVER_TO_PLAN,
            "H",
            ZERO,
            "Direct rollover of a designated Roth account: not taxable; box 5 carries the "
            "Roth basis, never pro rata with IRAs.",
        )
    pro_rata = (
        "IRC 72(e)(8) pro rata over the plan's after-tax money"
        if ContractKind.AFTER_TAX in kinds
        else "pre-tax plan money, all taxable when it goes to Roth or is paid out"
    )
    if destination in (Destination.TRADITIONAL_IRA, Destination.PLAN_PRETAX):
        kind = (
            MovementKind.ROLLOVER_TO_IRA
            if destination is Destination.TRADITIONAL_IRA
            else MovementKind.ROLLOVER_TO_PLAN
        )
        return (
            kind,
            "G",
            ZERO,
            f"Direct rollover to pre-tax money: not taxable ({pro_rata}; Notice 2014-54 "
            "assigns pre-tax money here first).",
        )
    if destination is Destination.CASH:
        return MovementKind.DISTRIBUTION, early, portion.pretax, f"Paid out: {pro_rata}."
    kind = (
        MovementKind.IN_PLAN_ROTH_ROLLOVER
        if destination is Destination.PLAN_ROTH
        else MovementKind.ROLLOVER_TO_ROTH_IRA
    )
    return (
        kind,
        "G",
        portion.pretax,
        f"Roth rollover: {pro_rata}; earnings and pre-tax money are taxable.",
    )
