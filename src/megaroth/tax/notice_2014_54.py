"""One distribution to several places: how its pre-tax money and basis are split (Notice 2014-54).

All disbursements from a plan at the same time are one distribution, however many places
they go. Its pre-tax part goes first to what is rolled over to a traditional IRA or another
plan's pre-tax money (IRC 402(c)(2)), then to Roth rollovers, then to cash paid out; the
after-tax basis fills the rest in the same order. So a participant who takes everything out
can send the pre-tax money to a traditional IRA and the after-tax basis to a Roth IRA, tax
free. Designated Roth money is a separate contract (IRC 402A(d)(4)): it goes only to Roth
destinations or cash.

Among several destinations that take pre-tax money (traditional IRAs, other plans' pre-tax
money), the participant may choose, before the distribution, how the pre-tax part is spread
(Notice 2014-54, III.B: "the individual may select how the pretax amount is allocated among
these plans"); by default the traditional IRAs come first. ``chosen`` gives each chosen
destination's pre-tax amount; the other pre-tax destinations share the rest in the default
order, and what each takes beyond its pre-tax money is basis.
"""

from __future__ import annotations

from collections.abc import Mapping
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
#: The destinations that take pre-tax money first, among which the participant may choose
#: how it is spread.
PRETAX_ELIGIBLE = (Destination.TRADITIONAL_IRA, Destination.PLAN_PRETAX)


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
    chosen: Mapping[str, Decimal] | None = None,
) -> tuple[list[Portion], Decimal]:
    """Split one distribution over its destinations; also the money left unplaced.

    ``pretax`` and ``after_tax_basis`` are the non-Roth money; ``roth`` and ``roth_basis``
    the designated Roth money, which only Roth destinations and cash can take. ``chosen``:
    the pre-tax amount of pre-tax destinations, by account, as the participant chose it
    (:func:`choice_problem` says whether a choice can be made).
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
    if chosen:
        pretax_left, basis_left = _chosen(slots, pretax_left, basis_left, chosen, portions)
    for destination in PRETAX_ORDER:
        if chosen and destination in PRETAX_ELIGIBLE:
            continue
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
    return portions, roth_left + pretax_left + basis_left


def _eligible(slots: list[_Slot]) -> list[_Slot]:
    return [s for d in PRETAX_ELIGIBLE for s in slots if s.destination is d and s.left > 0]


def _chosen(
    slots: list[_Slot],
    pretax: Decimal,
    basis: Decimal,
    chosen: Mapping[str, Decimal],
    portions: list[Portion],
) -> tuple[Decimal, Decimal]:
    """The pre-tax destinations' portions as chosen; the pre-tax and basis money left."""
    eligible = _eligible(slots)
    to_eligible = min(pretax, sum((s.left for s in eligible), ZERO))
    rest = to_eligible - sum((chosen.get(s.account, ZERO) for s in eligible), ZERO)
    for slot in eligible:
        if slot.account in chosen:
            take_pretax = min(chosen[slot.account], slot.left)
        else:
            take_pretax = min(slot.left, max(rest, ZERO))
            rest -= take_pretax
        take_basis = min(slot.left - take_pretax, basis)
        if take_pretax + take_basis > 0:
            portions.append(Portion(slot.destination, slot.account, take_pretax + take_basis,
                                    take_pretax, take_basis, False))  # fmt: skip
        basis -= take_basis
    return pretax - to_eligible, basis


def choice_problem(
    destinations: list[tuple[Destination, str, Decimal]],
    pretax: Decimal,
    chosen: Mapping[str, Decimal],
) -> str | None:
    """Why the participant's choice of how the pre-tax money is spread can't be followed,
    if it can't: only pre-tax destinations take a choice, and the pre-tax money they take
    together (pre-tax money goes to them first) must fit the amounts chosen."""
    eligible = {account: amount for d, account, amount in destinations if d in PRETAX_ELIGIBLE}
    for account, amount in chosen.items():
        if account not in eligible:
            return (
                f"{account} takes no pre-tax money first: only a traditional IRA or another "
                "plan's pre-tax money can be given a pre-tax amount"
            )
        if amount < 0 or amount > eligible[account]:
            return (
                f"{account} is given {amount:,.2f} of pre-tax money but receives "
                f"{eligible[account]:,.2f}"
            )
    to_eligible = min(pretax, sum(eligible.values(), ZERO))
    given = sum(chosen.values(), ZERO)
    others = sum((a for account, a in eligible.items() if account not in chosen), ZERO)
    if given > to_eligible or to_eligible - given > others:
        return (
            f"the pre-tax destinations take {to_eligible:,.2f} of pre-tax money between them "
            f"(all of the distribution's {pretax:,.2f}, or as much as they receive), and the "
            f"amounts chosen ({given:,.2f}) leave "
            f"{max(to_eligible - given, ZERO):,.2f} for the others, which receive "
            f"{others:,.2f}"
        )
    return None


def _slots(slots: list[_Slot], destination: Destination) -> list[_Slot]:
    return [slot for slot in slots if slot.destination is destination and slot.left > 0]


def _share(total: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    return cents(total * part / whole) if whole else ZERO
