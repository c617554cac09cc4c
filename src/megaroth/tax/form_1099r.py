"""The Form 1099-R each payer should issue, from the year's movements.

One form per payer account (plan or IRA), tax year and box 7 code: several conversions in a
year add up into one form, as payers issue them (Instructions for Forms 1099-R and 5498).

A Roth IRA's form is as its custodian issues it: the gross in box 1, box 2a left blank (the
custodian can't know the owner's other Roth IRAs: Form 8606 Part III works out the taxable
part), and the IRA/SEP/SIMPLE box not checked, which is for traditional, SEP and SIMPLE IRAs
only (Instructions for Forms 1099-R and 5498, box 2a, "IRA/SEP/SIMPLE checkbox").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from megaroth.tax.five_year import five_year_end
from megaroth.tax.money import ZERO
from megaroth.tax.records import Movement, MovementKind


@dataclass(frozen=True)
class Expected1099R:
    """The boxes of one expected Form 1099-R, and the movements behind them."""

    payer: str
    year: int
    code: str
    box1: Decimal
    box2a: Decimal | None  # None: left blank (a Roth IRA), so not compared
    box2b_not_determined: bool | None  # None: either is right (a Roth IRA), not compared
    box4: Decimal
    box5: Decimal
    box10: Decimal
    box11: int | None
    ira_sep_simple: bool
    movements: tuple[Movement, ...]
    # Paid out of a Roth IRA: Form 1040 line 4a, though the IRA/SEP/SIMPLE box is unchecked.
    roth_ira: bool = False
    # Of box 2a, what a 60-day rollover kept from tax (Form 1040 line 5b leaves it out).
    rolled_over_taxable: Decimal = ZERO

    def boxes(self) -> dict[str, object]:
        """The boxes by the names ``custom "1099-R"`` entries use (the README, "Forms")."""
        boxes: dict[str, object] = {
            "box1": self.box1,
            "box2a": self.box2a,
            "box2b-not-determined": self.box2b_not_determined,
            "box4": self.box4,
            "box5": self.box5,
            "box7": self.code,
            "ira-sep-simple": self.ira_sep_simple,
        }
        if {"B", "H"} & set(self.code):  # designated Roth money (with L: a loan deemed out)
            boxes["box10"] = self.box10
            boxes["box11"] = self.box11
        return boxes


def expected_1099rs(movements: Iterable[Movement]) -> list[Expected1099R]:
    """One expected 1099-R per payer, year and code, in that order. The redeposit of a 60-day
    rollover is on none: the payer reports the distribution."""
    groups: dict[tuple[str, int, str], list[Movement]] = defaultdict(list)
    for movement in movements:
        if not movement.indirect:
            groups[movement.payer, movement.year, movement.code].append(movement)
    return [
        _form(payer, year, code, group) for (payer, year, code), group in sorted(groups.items())
    ]


def _form(payer: str, year: int, code: str, movements: list[Movement]) -> Expected1099R:
    is_ira = any(m.ira_sep_simple for m in movements)
    roth_ira = any(m.roth_ira for m in movements)
    first_years = [m.first_roth_year for m in movements if m.first_roth_year]
    return Expected1099R(
        payer=payer,
        year=year,
        code=code,
        box1=_sum(m.gross for m in movements),
        # An IRA can't know its owner's basis: it reports the whole amount and checks 2b; a
        # Roth IRA leaves 2a blank, except for the earnings of a contribution returned.
        box2a=(_sum(m.taxable for m in movements) if returns_contribution(code) else None)
        if roth_ira
        else _sum(m.gross if m.taxable_not_determined else m.taxable for m in movements),
        box2b_not_determined=None if roth_ira else any(m.taxable_not_determined for m in movements),
        box4=_sum(m.withholding for m in movements),
        # Box 5 is the basis recoverable this year, even where it exceeds box 1 (a loss).
        box5=ZERO if is_ira or roth_ira else _sum(m.basis + m.unrecovered_basis for m in movements),
        box10=_sum(_allocable_to_recent_irr(m) for m in movements),
        box11=min(first_years) if first_years else None,
        ira_sep_simple=is_ira,
        movements=tuple(movements),
        roth_ira=roth_ira,
        rolled_over_taxable=_sum(m.rolled_over_taxable for m in movements),
    )


def returns_contribution(code: str) -> bool:
    """Codes 8 and P: a contribution (or deferral) returned with its earnings, which box 2a
    shows even for a Roth IRA (Instructions for Forms 1099-R and 5498, box 2a)."""
    return "8" in code or "P" in code


#: Box 7 codes of a recharacterized IRA contribution: N in the year it was for, R the year
#: after (Instructions for Forms 1099-R and 5498).
RECHARACTERIZED_CODES = ("N", "R")


def recharacterized(code: str) -> bool:
    """A 1099-R that reports a recharacterization: no distribution."""
    return code in RECHARACTERIZED_CODES


def _allocable_to_recent_irr(movement: Movement) -> Decimal:
    """The part of a designated Roth distribution that came from an IRR under 5 years old."""
    if movement.first_roth_year is None:
        return ZERO
    return _sum(
        lot.contributed
        for lot in movement.lots
        if lot.origin == MovementKind.IN_PLAN_ROTH_ROLLOVER
        and five_year_end(lot.date.year) >= movement.year
    )


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)
