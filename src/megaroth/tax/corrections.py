"""Corrections: the net income attributable to a contribution returned or recharacterized.

Reg. 1.408-11(a)(2)(i): the net income attributable to a contribution distributed as an
excess (IRC 408(d)(4)) or recharacterized (IRC 408A(d)(6); Reg. 1.408A-5 Q&A-2) is

    contribution x (adjusted closing balance - adjusted opening balance)
                 / adjusted opening balance

over the computation period, from just before the contribution to just before it is removed:
the adjusted opening balance is the IRA's value at the start plus what came in during the
period (the contribution itself included); the adjusted closing balance its value at the
end plus what went out during the period. It may be negative (a loss).
"""

from __future__ import annotations

from decimal import Decimal

from megaroth.tax.money import ZERO, cents

#: How far what the custodian moved may be from the formula's figure before megaroth warns:
#: a ledger's prices and values are the statements', not the custodian's to the minute.
NIA_TOLERANCE = Decimal("1.00")
NIA_SHARE = Decimal("0.01")


def net_income_attributable(
    contribution: Decimal, adjusted_opening: Decimal, adjusted_closing: Decimal
) -> Decimal:
    """Reg. 1.408-11(a)(2)(i), rounded to the cent (0 when there is no opening balance)."""
    if adjusted_opening <= 0:
        return ZERO
    return cents(contribution * (adjusted_closing - adjusted_opening) / adjusted_opening)


def nia_close_enough(recorded: Decimal, computed: Decimal) -> bool:
    """Whether what a ledger records as the net income attributable agrees with the formula:
    within 1.00, or 1% of the formula's figure."""
    return abs(recorded - computed) <= max(NIA_TOLERANCE, abs(computed) * NIA_SHARE)
