"""Movements of money out of a plan or IRA, and the Form 1099-R code each one gets.

One transaction that takes money out of a plan is one distribution, however many places it
goes (Notice 2014-54). Its pre-tax part goes first to what is rolled over to a traditional IRA
or another plan's pre-tax money, then to Roth rollovers, then to cash paid out; the after-tax
basis fills the rest in the same order. Designated Roth money is a separate contract
(IRC 402A(d)(4)): it goes only to Roth destinations or cash, and is coded H or B.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from megaroth.plugins.pools import ZERO, LotSlice, cents


class MovementKind(StrEnum):
    """The ``kind`` values of DESIGN.md section 4."""

    IN_PLAN_ROTH_ROLLOVER = "in-plan-roth-rollover"
    ROLLOVER_TO_ROTH_IRA = "rollover-to-roth-ira"
    ROLLOVER_TO_IRA = "rollover-to-ira"
    ROLLOVER_TO_PLAN = "rollover-to-plan"
    ROTH_ROLLOVER_TO_ROTH_IRA = "roth-rollover-to-roth-ira"
    IRA_CONVERSION = "ira-conversion"
    DISTRIBUTION = "distribution"


class Destination(StrEnum):
    """Where money goes, in the order Notice 2014-54 assigns pre-tax money to it."""

    TRADITIONAL_IRA = "traditional-ira"
    PLAN_PRETAX = "plan-pretax"
    PLAN_ROTH = "plan-roth"
    ROTH_IRA = "roth-ira"
    CASH = "cash"


PRETAX_ORDER = (
    Destination.TRADITIONAL_IRA,
    Destination.PLAN_PRETAX,
    Destination.PLAN_ROTH,
    Destination.ROTH_IRA,
    Destination.CASH,
)
ROTH_ORDER = (Destination.ROTH_IRA, Destination.PLAN_ROTH, Destination.CASH)


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

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class Portion:
    """Part of a destination's amount, with the pre-tax and basis money in it."""

    destination: Destination
    account: str
    amount: Decimal
    pretax: Decimal
    basis: Decimal
    roth: bool


@dataclass
class _Slot:
    destination: Destination
    account: str
    left: Decimal


def allocate(
    destinations: list[tuple[Destination, str, Decimal]],
    pretax: Decimal,
    after_tax_basis: Decimal,
    roth: Decimal,
    roth_basis: Decimal,
) -> tuple[list[Portion], Decimal]:
    """Split one distribution over its destinations; also the money left unplaced.

    ``pretax`` and ``after_tax_basis`` are the non-Roth money; ``roth`` and ``roth_basis``
    the designated Roth money, which only Roth destinations and cash can take.
    """
    slots = [_Slot(d, account, amount) for d, account, amount in destinations]
    portions: list[Portion] = []
    roth_left = roth
    for destination in ROTH_ORDER:
        for slot in _slots(slots, destination):
            take = min(slot.left, roth_left)
            if take > 0:
                basis = roth_basis if take == roth_left else _share(roth_basis, take, roth)
                portions.append(Portion(destination, slot.account, take, ZERO, basis, True))
                roth_basis -= basis
                slot.left -= take
                roth_left -= take
    pretax_left, basis_left = pretax, after_tax_basis
    for destination in PRETAX_ORDER:
        for slot in _slots(slots, destination):
            take_pretax = min(slot.left, pretax_left)
            take_basis = min(slot.left - take_pretax, basis_left)
            if take_pretax + take_basis > 0:
                portions.append(
                    Portion(
                        destination,
                        slot.account,
                        take_pretax + take_basis,
                        take_pretax,
                        take_basis,
                        False,
                    )
                )
            pretax_left -= take_pretax
            basis_left -= take_basis
            slot.left -= take_pretax + take_basis
    return portions, roth_left + pretax_left + basis_left


def _slots(slots: list[_Slot], destination: Destination) -> list[_Slot]:
    return [slot for slot in slots if slot.destination is destination and slot.left > 0]


def _share(total: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    return cents(total * part / whole) if whole else ZERO


def age_at_least(
    birth_date: datetime.date | None, on: datetime.date, years: int, months: int
) -> bool:
    """Whether someone born on ``birth_date`` is at least ``years`` and ``months`` old on ``on``."""
    if birth_date is None:
        return False
    total = birth_date.year * 12 + birth_date.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    day = min(birth_date.day, 28 if month + 1 == 2 else 30 if month + 1 in (4, 6, 9, 11) else 31)
    return on >= datetime.date(year, month + 1, day)
