"""What the engine finds in a ledger and the rules work on: contributions and movements.

Plain records, with no Beancount in them: ``meta`` is the metadata of the entry a record came
from (its file and line, so a finding can point there) and ``entry`` the entry itself, carried
along untouched for the errors that print it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from megaroth.tax.money import ZERO
from megaroth.tax.pro_rata import LotSlice
from megaroth.tax.sources import ContractKind


@dataclass(frozen=True, order=True)
class Contract:
    """One pool of money with its own basis: ``payer`` is the plan or IRA account."""

    payer: str
    kind: ContractKind

    def __hash__(self) -> int:
        # By the kind's value: an Enum's own __hash__ is Python code, and contracts are
        # dictionary keys on every posting the walk reads.
        return hash((self.payer, self.kind.value))


@dataclass(frozen=True)
class Contribution:
    """Money that came into a plan source or an IRA from outside."""

    date: datetime.date
    account: str
    contract: Contract
    amount: Decimal
    basis: Decimal
    # The year it counts for: the date's, or an IRA contribution's ``tax-year``.
    tax_year: int
    entry: Any = field(repr=False, compare=False)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def meta(self) -> dict[str, object]:
        meta: dict[str, object] = self.entry.meta
        return meta


class MovementKind(StrEnum):
    """The ``kind`` of a movement, as the report and the entries' metadata name it."""

    IN_PLAN_ROTH_ROLLOVER = "in-plan-roth-rollover"
    ROLLOVER_TO_ROTH_IRA = "rollover-to-roth-ira"
    ROLLOVER_TO_IRA = "rollover-to-ira"
    ROLLOVER_TO_PLAN = "rollover-to-plan"
    ROTH_ROLLOVER_TO_ROTH_IRA = "roth-rollover-to-roth-ira"
    IRA_CONVERSION = "ira-conversion"
    DISTRIBUTION = "distribution"
    # A participant loan treated as distributed (IRC 72(p)): no money moves, the loan is
    # taxed as if it had been paid out.
    DEEMED_DISTRIBUTION = "deemed-distribution"
    # An IRA contribution moved with its net income to an IRA of the other kind, treated as
    # made to the second from the start (IRC 408A(d)(6)): no distribution, code R or N.
    RECHARACTERIZATION = "recharacterization"


#: Movements that make money Roth and start a 5-year period of their own
#: (IRC 402A(c)(4)(D), 408A(d)(3)(F)).
CONVERSIONS = (
    MovementKind.IN_PLAN_ROTH_ROLLOVER,
    MovementKind.ROLLOVER_TO_ROTH_IRA,
    MovementKind.IRA_CONVERSION,
)


class Destination(StrEnum):
    """Where money goes, in the order Notice 2014-54 assigns pre-tax money to it."""

    TRADITIONAL_IRA = "traditional-ira"
    PLAN_PRETAX = "plan-pretax"
    PLAN_ROTH = "plan-roth"
    ROTH_IRA = "roth-ira"
    CASH = "cash"
    # A defaulted participant loan written off: taxed as paid out, but not money that can be
    # rolled over (Reg. 1.72(p)-1 Q&A-12), so it comes last.
    DEEMED = "deemed"


@dataclass(frozen=True)
class Movement:
    """Money that left a plan or IRA for one destination, with its tax figures."""

    date: datetime.date
    kind: MovementKind
    payer: str
    from_account: str
    to_account: str
    gross: Decimal
    basis: Decimal
    taxable: Decimal
    code: str
    lots: tuple[LotSlice, ...]
    rule: str
    meta: dict[str, object]
    owner: str | None = None
    description: str = ""
    withholding: Decimal = ZERO
    five_year_end: int | None = None
    ira_sep_simple: bool = False
    taxable_not_determined: bool = False
    first_roth_year: int | None = None
    unrecovered_basis: Decimal = ZERO
    # Pre-tax plan money (deferrals, match) taken out in the same distribution.
    pretax_moved: Decimal = ZERO
    # After-tax plan money taken out in the same distribution.
    after_tax_moved: Decimal = ZERO
    # Paid out of a Roth IRA (its 1099-R leaves the IRA/SEP/SIMPLE box unchecked).
    roth_ira: bool = False
    # Of a distribution paid out: what was put back into a plan or IRA within 60 days (an
    # indirect rollover, IRC 402(c)(3), 408(d)(3)), and how much of its taxable part that
    # kept from tax. The payer's 1099-R still shows the whole distribution.
    rolled_over: Decimal = ZERO
    rolled_over_taxable: Decimal = ZERO
    # The redeposit of an indirect rollover: on no 1099-R of its own (the distribution's is).
    indirect: bool = False

    @property
    def year(self) -> int:
        return self.date.year


#: The days a distribution may be put back into a plan or IRA as a rollover (IRC
#: 402(c)(3)(A), 408(d)(3)(A)).
ROLLOVER_DAYS = 60


@dataclass(frozen=True)
class Rollover:
    """Money paid out of a plan or IRA to be put back into one within 60 days (an indirect
    rollover, IRC 402(c)(3), 408(d)(3)): done, or still in flight (``to_account`` None)."""

    owner: str | None
    payer: str
    distributed: datetime.date
    amount: Decimal  # redeposited; in flight: what is left to redeposit
    distribution_meta: dict[str, object]
    meta: dict[str, object]  # the redeposit's (in flight: the distribution's)
    to_account: str | None = None
    redeposited: datetime.date | None = None
    pretax: Decimal = ZERO  # pre-tax money (and earnings) it carried
    basis: Decimal = ZERO  # after-tax or Roth basis it carried
    # The kind of the redeposit's movement; None when it makes none (IRA to an IRA of the
    # same kind), so Form 5498 counts it in box 2 from here.
    kind: MovementKind | None = None
    # IRA to IRA of the same kind: one per 12 months (IRC 408(d)(3)(B)).
    ira_to_ira: bool = False
    # Put back as a rollover but none in law (the finding's check: too late, or a second
    # IRA-to-IRA one within 12 months): a contribution, though the receiving IRA, told it is
    # a rollover, reports it in Form 5498 box 2.
    refused: str | None = None

    @property
    def deadline(self) -> datetime.date:
        """The last day the money can be put back (IRC 402(c)(3)(A), 408(d)(3)(A))."""
        return self.distributed + datetime.timedelta(days=ROLLOVER_DAYS)

    @property
    def in_flight(self) -> bool:
        return self.to_account is None


def into(account: str, container: str) -> bool:
    """Whether ``account`` is ``container`` or one of its sub-accounts."""
    return account == container or account.startswith(container + ":")
