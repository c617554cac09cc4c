"""What the walk over a ledger's transactions keeps, and what it finds.

:class:`Book` is the walk's state: each contract's lots, the first Roth years, and the
contributions, movements and errors found so far. :class:`BasisResult` is what it hands on.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data

from megaroth.engine.findings import Finding
from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.accounts import Accounts
from megaroth.ledger.household import Household
from megaroth.tax.five_year import FirstRothYears
from megaroth.tax.form_1099r_codes import Money
from megaroth.tax.pro_rata import Pool
from megaroth.tax.records import Contract, Contribution, Movement, Rollover
from megaroth.tax.sources import ContractKind

if TYPE_CHECKING:
    from megaroth.engine.recharacterizations import Recharacterization


@dataclass(frozen=True)
class BasisResult:
    movements: tuple[Movement, ...]
    contributions: tuple[Contribution, ...]
    # Each contract's basis after every transaction that touched it, in date order.
    basis_history: tuple[tuple[datetime.date, Contract, Decimal], ...]
    pools: Mapping[Contract, Pool]
    errors: tuple[MegarothError, ...]
    first_roth_years: FirstRothYears
    # Transactions left out because they post to an account whose source can't be told,
    # by plan.
    left_out: Mapping[str, tuple[data.Transaction, ...]] = field(default_factory=dict)
    # Indirect (60-day) rollovers: done, and still in flight at the ledger's last day.
    rollovers: tuple[Rollover, ...] = ()
    # What the walk finds wrong with the law's steps (a redeposit after 60 days...).
    findings: tuple[Finding, ...] = ()
    # Contributions recharacterized (megaroth.engine.recharacterizations.Recharacterization).
    recharacterizations: tuple[Recharacterization, ...] = ()
    # The contributions as the IRAs received them, where the law treats some otherwise
    # (``contributions`` are as treated: a recharacterized one is the second IRA's); empty:
    # the same. Form 5498 reports these.
    as_deposited: tuple[Contribution, ...] = ()


@dataclass(frozen=True)
class FlowEvent:
    """Money into or out of an IRA in one transaction, and its value just before: what
    Reg. 1.408-11's net income attributable is worked out from."""

    date: datetime.date
    meta_id: int  # id() of the transaction's metadata
    value_before: Decimal
    came_in: Decimal
    went_out: Decimal


@dataclass
class OpenDistribution:
    """Money paid out of a plan or IRA that may still be rolled over (IRC 402(c)(3),
    408(d)(3)): the place of its movement, and the money in it not put back yet."""

    index: int  # of its movement in the book's movements
    entry: data.Transaction
    money: Money
    pretax: Decimal  # taxable money left: pre-tax money, earnings (Roth: its earnings)
    basis: Decimal  # basis left: after-tax or Roth basis
    roth: bool  # designated Roth or Roth IRA money
    marked: bool  # the distribution says it is to be rolled over

    @property
    def left(self) -> Decimal:
        return self.pretax + self.basis


@dataclass
class Book:
    household: Household
    accounts: Accounts
    pools: dict[Contract, Pool] = field(default_factory=lambda: defaultdict(Pool))
    movements: list[Movement] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    basis_history: list[tuple[datetime.date, Contract, Decimal]] = field(default_factory=list)
    errors: list[MegarothError] = field(default_factory=list)
    first_roth_years: FirstRothYears = field(default_factory=FirstRothYears)
    left_out: dict[str, list[data.Transaction]] = field(default_factory=dict)
    open_distributions: list[OpenDistribution] = field(default_factory=list)
    rollovers: list[Rollover] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Each IRA's contributions and movements, in order (for the net income attributable).
    ira_flows: dict[str, list[FlowEvent]] = field(default_factory=lambda: defaultdict(list))
    recharacterizations: list[Recharacterization] = field(default_factory=list)
    # How much of each contribution (by id) was recharacterized.
    recharacterized: dict[int, Decimal] = field(default_factory=dict)

    def error(self, entry: data.Transaction, message: str) -> None:
        self.errors.append(error_on(entry, message, Reader.BASIS))

    def note_roth_start(self, contract: Contract, date: datetime.date) -> None:
        """The first year of Roth money: box 11 for a plan, the 5-year clock of Roth IRAs."""
        if contract.kind is ContractKind.ROTH:
            self.first_roth_years.note_plan(contract.payer, date.year)
        elif contract.kind is ContractKind.ROTH_IRA:
            owner = self.accounts.owners.get(contract.payer) or contract.payer
            self.first_roth_years.note_roth_ira(owner, date.year)

    def result(self) -> BasisResult:
        return BasisResult(
            tuple(self.movements),
            tuple(self.contributions),
            tuple(self.basis_history),
            dict(self.pools),
            tuple(self.errors),
            self.first_roth_years,
            {plan: tuple(entries) for plan, entries in self.left_out.items()},
            tuple(self.rollovers),
            tuple(self.findings),
            tuple(self.recharacterizations),
        )
