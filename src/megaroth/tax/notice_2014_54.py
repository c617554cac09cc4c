"""One distribution to several places: how its pre-tax money and basis are split (Notice 2014-54).

All disbursements from a plan at the same time are one distribution, however many places
they go. Its pre-tax part goes first to what is rolled over to a traditional IRA or another
plan's pre-tax money (IRC 402(c)(2)), then to Roth rollovers, then to cash paid out; the
after-tax basis fills the rest in the same order. So a participant who takes everything out
can send the pre-tax money to a traditional IRA and the after-tax basis to a Roth IRA, tax
free. Designated Roth money is a separate contract (IRC 402A(d)(4)): it goes only to Roth
destinations or cash.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Destination

PRETAX_ORDER = (
    Destination.TRADITIONAL_IRA,
    Destination.PLAN_PRETAX,
    Destination.PLAN_ROTH,
    Destination.ROTH_IRA,
    Destination.CASH,
    Destination.DEEMED,
)
ROTH_ORDER = (Destination.ROTH_IRA, Destination.PLAN_ROTH, Destination.CASH, Destination.DEEMED)


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
