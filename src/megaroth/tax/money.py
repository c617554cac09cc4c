"""Money as the forms write it: Decimal dollars, rounded to the cent, half up.

Every split of an amount into parts (a fee over funds, a contribution over sources, basis
over lots) goes through :func:`split_cents`, so the parts always add up to the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """An amount rounded to the cent, half up, as the forms round."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split_cents(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` in cents over ``weights`` by largest remainder: the parts add up exactly.

    Zero weights (or no weight at all) give zero parts.
    """
    weight = sum(weights, Decimal(0))
    if not weights or weight <= 0:
        return [ZERO for _ in weights]
    raw = [total * w / weight for w in weights]
    parts = [r.quantize(CENT, rounding=ROUND_DOWN) for r in raw]
    left = int((total - sum(parts, ZERO)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:left]:
        parts[i] += CENT
    return parts


def split_last_takes_rest(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` over ``weights``, each part rounded to the cent, the last taking what is left.

    Used where the ledger already splits an amount that way (a payroll over its sources).
    """
    weight = sum(weights, Decimal(0))
    parts = []
    left = total
    for index, amount in enumerate(weights):
        share = left if index == len(weights) - 1 else cents(total * amount / weight)
        parts.append(share)
        left -= share
    return parts
