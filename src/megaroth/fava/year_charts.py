"""The year's charts of the megaroth page, drawn as SVG on the server (no script).

Each chart has a title and a description that say in words what it shows (its text
alternative), and the page prints its figures in a table beside it. Every text that comes
from the ledger is escaped; colours are fava's theme variables (in the page's style sheet),
so the charts read in the light and dark themes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

from megaroth.engine.year_charts import AfterTaxChart, RothYearEnd, UsageChart
from megaroth.tax.money import ZERO

WIDTH, HEIGHT, PAD, AXIS = 640, 180, 6, 60


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _frame(key: str, title: str, desc: str, body: str) -> Markup:
    return Markup(
        f'<svg class="year-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{key}-title {key}-desc">'
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _x(day: datetime.date, year: int) -> float:
    start = datetime.date(year, 1, 1)
    length = (datetime.date(year, 12, 31) - start).days or 1
    return AXIS + (day - start).days / length * (WIDTH - AXIS - PAD)


def _y(amount: Decimal, top: Decimal) -> float:
    share = float(max(amount, ZERO) / top) if top else 0.0
    return HEIGHT - PAD - min(share, 1.05) * (HEIGHT - 2 * PAD)


def _axis(top: Decimal) -> str:
    """The scale's top and zero, in numbers at the left."""
    return (
        f'<line class="axis" x1="{AXIS}" y1="{PAD}" x2="{AXIS}" y2="{HEIGHT - PAD}"/>'
        f'<text class="tick" x="{AXIS - 4}" y="{PAD + 8}" text-anchor="end">{top:,.0f}</text>'
        f'<text class="tick" x="{AXIS - 4}" y="{HEIGHT - PAD}" text-anchor="end">0</text>'
    )


def after_tax_svg(chart: AfterTaxChart, year: int, key: str) -> Markup:
    """Basis (blue) and earnings (green) of a plan's after-tax money, day by day: a tooth
    for each contribution and its conversion, green where it earned while it waited."""
    points: list[tuple[float, Decimal, Decimal]] = []
    for day in chart.days:
        x = _x(day.date, year)
        points.append((x, day.basis_before, day.value_before))
        points.append((x, day.basis_after, day.value_after))
    top = max((max(b, v) for _, b, v in points), default=ZERO) or Decimal(1)
    zero = f"{points[-1][0]:.1f},{HEIGHT - PAD:.1f} {points[0][0]:.1f},{HEIGHT - PAD:.1f}"
    basis = " ".join(f"{x:.1f},{_y(b, top):.1f}" for x, b, _ in points)
    upper = " ".join(f"{x:.1f},{_y(max(v, b), top):.1f}" for x, b, v in points)
    lower = " ".join(f"{x:.1f},{_y(b, top):.1f}" for x, b, _ in reversed(points))
    most = max(chart.days, key=lambda d: d.earnings_before)
    title = f"After-tax money of {chart.plan} in {year}: basis and earnings"
    desc = (
        f"{len(chart.days)} days moved it: {_money(chart.contributed)} contributed, "
        f"{_money(chart.basis_moved)} of basis converted or paid out. The most earnings "
        f"before a move: {_money(most.earnings_before)} on {most.date}."
    )
    body = (
        _axis(top)
        + f'<polygon class="basis" points="{basis} {zero}"/>'
        + f'<polygon class="earnings" points="{upper} {lower}"/>'
    )
    return _frame(key, title, desc, body)


def usage_svg(chart: UsageChart, year: int, key: str) -> Markup:
    """402(g) deferrals and each employer's 415(c) additions over the year, as steps,
    against their limits (dashed)."""
    limits = [chart.limit_402g, *(limit for _, limit in chart.limits_415c)]
    top = max([*limits, *(max((a for _, a in d.additions), default=ZERO) for d in chart.days)])
    top = top or Decimal(1)
    end = _x(datetime.date(year, 12, 31), year)
    body = [_axis(top)]
    series: list[tuple[str, list[Decimal]]] = [("deferrals", [d.deferrals for d in chart.days])]
    for index, (employer, _) in enumerate(chart.limits_415c):
        series.append((f"additions a{index}", [dict(d.additions).get(employer, ZERO)
                                               for d in chart.days]))  # fmt: skip
    for name, values in series:
        coords = []
        last = ZERO
        for day, value in zip(chart.days, values, strict=True):
            x = _x(day.date, year)
            coords += [f"{x:.1f},{_y(last, top):.1f}", f"{x:.1f},{_y(value, top):.1f}"]
            last = value
        coords.append(f"{end:.1f},{_y(last, top):.1f}")
        body.append(f'<polyline class="usage {name}" points="{" ".join(coords)}"/>')
    for index, limit in enumerate(limits):
        y = _y(limit, top)
        kind = "deferrals" if index == 0 else f"additions a{index - 1}"
        body.append(f'<line class="limit-line {kind}" x1="{AXIS}" y1="{y:.1f}" x2="{end:.1f}" '
                    f'y2="{y:.1f}"/>')  # fmt: skip
        body.append(f'<text class="tick" x="{AXIS - 4}" y="{y + 4:.1f}" text-anchor="end">'
                    f"{limit:,.0f}</text>")  # fmt: skip
    final = chart.days[-1]
    parts = [f"402(g) deferrals {_money(final.deferrals)} of {_money(chart.limit_402g)}"]
    parts += [f"415(c) at {employer} {_money(dict(final.additions).get(employer, ZERO))} of "
              f"{_money(limit)}" for employer, limit in chart.limits_415c]  # fmt: skip
    title = f"{chart.person}'s limits used over {year}"
    desc = f"By {final.date}: " + "; ".join(parts) + "."
    return _frame(key, title, desc, "".join(body))


def roth_layers_svg(rows: Sequence[RothYearEnd], person: str, key: str) -> Markup:
    """Roth basis at the end of each year, stacked: contributions, conversions taxed and not
    taxed on the way in, designated Roth basis in plans."""
    top = max((r.total for r in rows), default=ZERO) or Decimal(1)
    slot = (WIDTH - AXIS - PAD) / max(len(rows), 1)
    body = [_axis(top)]
    for index, row in enumerate(rows):
        x = AXIS + index * slot + slot * 0.2
        width = slot * 0.6
        base = ZERO
        for name, amount in (("contributions", row.contributions),
                             ("conversions-taxed", row.conversions_taxed),
                             ("conversions-untaxed", row.conversions_untaxed),
                             ("designated-roth", row.designated_roth)):  # fmt: skip
            if amount <= 0:
                continue
            y_top, y_base = _y(base + amount, top), _y(base, top)
            height = max(y_base - y_top, 0.5)
            body.append(f'<rect class="layer {name}" x="{x:.1f}" y="{y_top:.1f}" '
                        f'width="{width:.1f}" height="{height:.1f}"/>')  # fmt: skip
            base += amount
        body.append(f'<text class="tick" x="{x + width / 2:.1f}" y="{HEIGHT - 1}" '
                    f'text-anchor="middle">{row.year}</text>')  # fmt: skip
    last = rows[-1]
    title = f"{person}'s Roth basis at the end of each year"
    desc = (
        f"{len(rows)} year{'s' if len(rows) != 1 else ''} from {rows[0].year}; at the end of "
        f"{last.year}: Roth IRA contributions {_money(last.contributions)}, conversions "
        f"{_money(last.conversions_taxed + last.conversions_untaxed)} "
        f"({_money(last.conversions_taxed)} taxed on the way in), designated Roth basis in "
        f"plans {_money(last.designated_roth)}."
    )
    return _frame(key, title, desc, "".join(body))
