"""One transaction's legs, valued, and what they add up to: a contribution, a movement, or
neither (the README, "Flows the plugins recognise").

- contribution: money into plan sources or IRAs, funded from outside;
- movement: money out of a plan or IRA to other plan money, an IRA or cash;
- neither: earnings, exchanges between funds of one contract, fees, market moves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from beancount.core import data

from megaroth.ledger.accounts import Accounts, Role, units_of
from megaroth.ledger.valuation import Valuer
from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Contract
from megaroth.tax.sources import ContractKind

#: A plan's money that isn't Roth: its pots can only gain or lose against each other by the
#: market.
_NOT_ROTH = (ContractKind.PRETAX, ContractKind.AFTER_TAX, ContractKind.COMBINED)
#: Below a whole cent, a contract's net flow is rounding noise from units times prices.
ROUNDING_PER_LEG = Decimal("0.005")


@dataclass(frozen=True)
class Leg:
    posting: data.Posting
    contract: Contract | None
    role: Role
    value: Decimal

    @property
    def account(self) -> str:
        return self.posting.account

    @property
    def is_funding(self) -> bool:
        """Outside money coming in (a payroll, a bank account)."""
        return self.contract is None and self.role is Role.OUTSIDE and self.value < 0

    @property
    def is_paid_out(self) -> bool:
        """Money going to the owner, or to the tax withheld from them."""
        return (
            self.contract is None
            and self.role in (Role.OUTSIDE, Role.WITHHOLDING)
            and self.value > 0
        )


def read_legs(
    entry: data.Transaction, accounts: Accounts, valuer: Valuer, stated: Mapping[str, Decimal]
) -> tuple[list[Leg], str | None]:
    """The legs, valued; or the first commodity that has no price."""
    legs = []
    for posting in entry.postings:
        value = valuer.posting_value(posting, entry.date, stated)
        if value is None:
            return [], units_of(posting)[0]
        account = posting.account
        legs.append(Leg(posting, accounts.contract(account), accounts.role(account), value))
    return legs, None


class Shape(Enum):
    NOTHING = "nothing to follow"  # earnings, exchanges, fees, losses, market moves
    CONTRIBUTION = "contribution"
    MOVEMENT = "movement"
    MIXED = "money in from outside and out of a plan at once"


@dataclass(frozen=True)
class Flows:
    """One transaction, as the engine reads it: every figure the rules below need."""

    entry: data.Transaction
    legs: tuple[Leg, ...]
    balances: Mapping[Contract, Decimal]  # each contract's value before the transaction
    outs: Mapping[Contract, Decimal]  # what each contract lost
    ins: Mapping[Contract, Decimal]  # what each contract gained
    funding: Decimal  # outside money in
    paid: Decimal  # money paid out (with tax withheld)

    @property
    def tolerance(self) -> Decimal:
        return ROUNDING_PER_LEG * len(self.legs)

    def total(self, which: Callable[[Leg], bool]) -> Decimal:
        return cents(sum((leg.value for leg in self.legs if which(leg)), ZERO))

    @property
    def fees(self) -> Decimal:
        return self.total(lambda leg: leg.role is Role.FEE)

    @property
    def earned(self) -> Decimal:
        """Earnings posted in this transaction (positive: a gain)."""
        return -self.total(lambda leg: leg.role is Role.EARNINGS)

    @property
    def withheld(self) -> Decimal:
        return self.total(lambda leg: leg.role is Role.WITHHOLDING)

    @property
    def payers(self) -> set[str]:
        return {c.payer for c in self.outs}

    @property
    def from_account(self) -> str:
        names = sorted({leg.account for leg in self.legs if leg.contract and leg.value < 0})
        return names[0] if len(names) == 1 else ", ".join(names)

    def accounts(self, which: Callable[[Leg], bool]) -> str:
        return ", ".join(sorted({leg.account for leg in self.legs if which(leg)}))

    def first_account(self, which: Callable[[Leg], bool]) -> str:
        return next(leg.account for leg in self.legs if which(leg))

    def shape(self) -> Shape:
        if not self.outs:
            return Shape.CONTRIBUTION if self.ins and self.funding > 0 else Shape.NOTHING
        if self.funding > 0:
            return Shape.MIXED
        if not self.ins and self.paid <= 0:
            return Shape.NOTHING  # a fee or a loss: the pool's value drops, its basis does not
        if self.paid <= 0 and self._only_market_moves():
            return Shape.NOTHING  # one statement line of gains and losses over several pots
        return Shape.MOVEMENT

    def _only_market_moves(self) -> bool:
        """Gains in some pots and losses in others of one plan, against an earnings account.

        Money can't move between a plan's own pre-tax and after-tax pots, so such a
        transaction is the market, not a movement.
        """
        contracts = [*self.outs, *self.ins]
        return (
            len({c.payer for c in contracts}) == 1
            and any(leg.role is Role.EARNINGS for leg in self.legs)
            and all(c.kind in _NOT_ROTH for c in contracts)
        )


def flows(
    entry: data.Transaction, legs: Iterable[Leg], balances: Mapping[Contract, Decimal]
) -> Flows:
    legs = tuple(legs)
    net: dict[Contract, Decimal] = defaultdict(Decimal)
    for leg in legs:
        if leg.contract is not None:
            net[leg.contract] += leg.value
    # Any whole cent counts; less is rounding noise from units times prices.
    outs = {c: cents(-n) for c, n in net.items() if cents(-n) > 0}
    ins = {c: cents(n) for c, n in net.items() if cents(n) > 0}
    funding = cents(-sum((leg.value for leg in legs if leg.is_funding), ZERO))
    paid = cents(sum((leg.value for leg in legs if leg.is_paid_out), ZERO))
    return Flows(entry, legs, balances, outs, ins, funding, paid)


def names(contracts: Iterable[Contract]) -> str:
    return ", ".join(sorted({c.payer for c in contracts}))
