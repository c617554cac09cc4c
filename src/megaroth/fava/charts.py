"""The charts of the megaroth page, drawn as SVG.

Basis and earnings of a pot over time, stacked: numbers and fixed class names only, nothing
from the ledger, coloured with fava's theme variables so it reads in the light and dark themes.
"""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.timeline import Timeline
from megaroth.tax.money import ZERO

WIDTH, HEIGHT, PAD = 640, 170, 4


def svg(timeline: Timeline) -> str:
    """A stacked area chart: basis at the bottom, earnings above it (numbers only, no text)."""
    points = timeline.points
    top = max((max(p.value, p.basis) for p in points), default=ZERO) or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def xy(index: int, amount: Decimal) -> str:
        y = HEIGHT - PAD - float(max(amount, ZERO) / top) * (HEIGHT - 2 * PAD)
        return f"{PAD + index * step:.1f},{y:.1f}"

    base = f"{xy(len(points) - 1, ZERO)} {xy(0, ZERO)}"
    basis_line = " ".join(xy(i, p.basis) for i, p in enumerate(points))
    value_line = " ".join(xy(i, max(p.value, p.basis)) for i, p in enumerate(points))
    basis_back = " ".join(xy(i, p.basis) for i, p in reversed(list(enumerate(points))))
    value_points = " ".join(xy(i, p.value) for i, p in enumerate(points))
    return (
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="basis and earnings over time">'
        f'<polygon class="basis" points="{basis_line} {base}"/>'
        f'<polygon class="earnings" points="{value_line} {basis_back}"/>'
        f'<polyline class="value" points="{value_points}"/>'
        "</svg>"
    )
