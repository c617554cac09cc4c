"""Which fund each source's row is in, when the Sources view doesn't say.

Rows of one date and kind are matched by shares and amounts against the history download: a
source whose amount is its shares at one fund's price is in that fund; a single source or a
single fund takes the whole; several sources in several funds are split in proportion when
every source's shares agree with that, or (two funds) solved from each source's shares at the
two funds' prices. Each source's amount stays exactly as the Sources copy says, and each
fund's total exactly as the history says; when neither file can say, it is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from megaroth.importers.entries import CENT
from megaroth.importers.fidelity.download import Download, Line
from megaroth.importers.rows import StatementError


@dataclass
class _Holding:
    """What the history says one fund did, less what is already placed."""

    fund: str
    amount: Decimal
    units: Decimal

    @property
    def price(self) -> Decimal | None:
        return abs(self.amount / self.units) if self.amount and self.units else None


_Cell = tuple[Line, str, Decimal, Decimal]  # a source's row, a fund, its amount and units


def match(
    download: Download, history: Download, sources: list[Line], funds: list[Line]
) -> list[_Cell]:
    """The Sources copy's rows of one date and action, each split over the history's funds."""
    if not sources:
        moved = [line for line in funds if line.amount or line.units]
        if moved:
            _disagree(history.path, moved[0], history, "the Sources copy has none")
        return []
    first = sources[0]
    if not funds:
        _disagree(download.path, first, history, "the history has none")
    holdings: dict[str, _Holding] = {}
    for line in funds:
        holding = holdings.setdefault(line.label, _Holding(line.label, Decimal(0), Decimal(0)))
        holding.amount += line.amount
        holding.units += line.units or 0
    quantum = _quantum(line.units for line in [*sources, *funds])
    amount = sum((line.amount for line in sources), Decimal(0))
    units = sum((line.units or Decimal(0) for line in sources), Decimal(0))
    fund_amount = sum((h.amount for h in holdings.values()), Decimal(0))
    fund_units = sum((h.units for h in holdings.values()), Decimal(0))
    if amount != fund_amount or abs(units - fund_units) > quantum * (len(sources) + len(funds)):
        _disagree(
            download.path,
            first,
            history,
            f"they add up to {amount:,.2f} ({units} shares) here and to {fund_amount:,.2f} "
            f"({fund_units} shares) in the history",
        )
    cells = _split(sources, list(holdings.values()), quantum)
    if cells is None:
        kinds = ", ".join(dict.fromkeys(line.kind for line in sources))
        raise StatementError(
            download.path,
            first.lineno,
            f"on {first.date:%m/%d/%Y} the {kinds} rows of {len(sources)} sources "
            f"({', '.join(line.label for line in sources)}) moved money in {len(holdings)} funds "
            f"({', '.join(holdings)}), and neither download says how much of each source is in "
            "each fund. Keep this plan in dollar balances (leave funds= out of its PlanConfig), "
            "where the Sources copy alone is enough; or enter this transaction by hand and "
            "delete its rows from both files.",
        )
    return cells


def _disagree(path: str, line: Line, history: Download, detail: str) -> None:
    raise StatementError(
        path,
        line.lineno,
        f"the {line.kind} rows of {line.date:%m/%d/%Y} differ between the Sources copy and "
        f"the history ({Path(history.path).name}): {detail}. Download the history and copy the "
        "Sources view again, for the same dates.",
    )


def _quantum(numbers: Iterable[Decimal | None]) -> Decimal:
    """The finest step the files write shares in (0.001 in Fidelity's downloads)."""
    places = [n.as_tuple().exponent for n in numbers if n is not None]
    exponent = min((p for p in places if isinstance(p, int)), default=-3)
    return Decimal(1).scaleb(exponent)


def _split(sources: list[Line], holdings: list[_Holding], quantum: Decimal) -> list[_Cell] | None:
    """Each source row's part of each fund, or None if the files can't say."""
    cells: list[_Cell] = []
    sources = list(sources)
    while len(holdings) > 1 and len(sources) > 1:
        whole = _in_one_fund(sources, holdings, quantum)
        if whole is None:
            split = _pro_rata(sources, holdings, quantum) or _two_funds(sources, holdings, quantum)
            return None if split is None else cells + split
        line, holding = whole
        cells.append((line, holding.fund, line.amount, line.units or Decimal(0)))
        holding.amount -= line.amount
        holding.units -= line.units or 0
        sources.remove(line)
        if not holding.amount and abs(holding.units) <= quantum * len(cells):
            holdings.remove(holding)  # all of it placed, but for rounding
    if not holdings:
        return None if sources else cells
    if len(holdings) == 1:
        fund = holdings[0].fund
        return cells + [(line, fund, line.amount, line.units or Decimal(0)) for line in sources]
    return cells + [(line, h.fund, h.amount, h.units) for line in sources for h in holdings]


def _in_one_fund(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> tuple[Line, _Holding] | None:
    """A source row that is its shares at one fund's price (and at no other's)."""
    for line in sources:
        if not line.amount or not line.units:
            continue
        fits = [
            h
            for h in holdings
            if h.price is not None
            and abs(abs(line.amount) - abs(line.units) * h.price) <= h.price * quantum + CENT
        ]
        if len(fits) == 1:
            return line, fits[0]
    return None


def _pro_rata(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> list[_Cell] | None:
    """Every source in the funds' proportions: right when the sources' shares agree."""
    total = sum((h.amount for h in holdings), Decimal(0))
    if not total:
        return None
    shares = [[line.amount * h.amount / total for h in holdings] for line in sources[:-1]]
    return _fill(sources, holdings, shares, quantum)


def _two_funds(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> list[_Cell] | None:
    """Two funds: a source's amount and shares are two equations for its part in each."""
    if len(holdings) != 2:
        return None
    first, second = holdings
    if first.price is None or second.price is None:
        return None
    spread = 1 / first.price - 1 / second.price
    # Prices so close that a thousandth of a share moves a dollar between the funds: the
    # shares can't tell them apart.
    if not spread or quantum / abs(spread) > 1:
        return None
    shares = []
    for line in sources[:-1]:
        signed = (line.units or Decimal(0)) - line.amount / second.price
        in_first = signed / spread
        shares.append([in_first, line.amount - in_first])
    return _fill(sources, holdings, shares, quantum)


def _fill(
    sources: list[Line],
    holdings: list[_Holding],
    shares: list[list[Decimal]],
    quantum: Decimal,
) -> list[_Cell] | None:
    """Cells from each source's (unrounded) part of each fund; the last source takes what is
    left of every fund, so funds add up; accepted when each source's shares still agree."""
    cells: list[_Cell] = []
    left = [(h.amount, h.units) for h in holdings]
    largest = max(range(len(holdings)), key=lambda j: abs(holdings[j].amount))
    parts: list[list[tuple[Decimal, Decimal]]] = []
    for line, share in zip(sources[:-1], shares, strict=True):
        amounts = [part.quantize(CENT) for part in share]
        amounts[largest] += line.amount - sum(amounts, Decimal(0))
        row = [(a, _units_at(a, h, quantum)) for a, h in zip(amounts, holdings, strict=True)]
        parts.append(row)
        left = [(la - a, lu - u) for (la, lu), (a, u) in zip(left, row, strict=True)]
    parts.append(left)
    tolerance = quantum * (len(holdings) + 1) + sum(
        (CENT / h.price for h in holdings if h.price), Decimal(0)
    )
    for line, row in zip(sources, parts, strict=True):
        units = sum((u for _, u in row), Decimal(0))
        if abs(units - (line.units or 0)) > tolerance:
            return None
        if any(line.amount and a and (a > 0) != (line.amount > 0) for a, _ in row):
            return None
        cells += [(line, h.fund, a, u) for (a, u), h in zip(row, holdings, strict=True)]
    return cells


def _units_at(amount: Decimal, holding: _Holding, quantum: Decimal) -> Decimal:
    if not holding.amount:
        return Decimal(0)
    return (amount * holding.units / holding.amount).quantize(quantum)
