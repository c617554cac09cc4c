"""What an import made of a statement: every line accounted for, said at the end of ``extract``.

    statements/TransactionHistory_2024.csv: 74 lines: 70 in 31 transactions (and 12 prices),
      4 skipped: a totals line (line 80); a 0.00 transfer (lines 12, 40, 66)
      by money source: After-Tax 30,000.00; Employee PreTax 23,000.00; ...
      by fund: 0899 Vanguard 500 Index Adm 76,310.93

so a user sees at once that nothing was dropped, and what was passed over and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from megaroth.importers.inert import described
from megaroth.importers.rows import Row, Statement


@dataclass(frozen=True)
class Summary:
    lines: int  # statement lines read: made into rows, or skipped
    used: int  # lines behind the transactions
    transactions: int
    prices: int
    skipped: dict[str, list[int]]  # reason -> line numbers
    by_source: dict[str, Decimal]
    by_fund: dict[str, Decimal]
    # Lines whose text held markup, made inert: field -> places (line numbers, or
    # "file:line" for a row read from a companion file).
    neutralised: dict[str, list[str]] = field(default_factory=dict)

    @property
    def neutralised_lines(self) -> int:
        """How many statement lines held markup."""
        return len({place for places in self.neutralised.values() for place in places})

    def text(self, name: str) -> str:
        skipped = sum(len(lines) for lines in self.skipped.values())
        head = (
            f"{name}: {_count(self.lines, 'line')}: {self.used} in "
            f"{_count(self.transactions, 'transaction')}"
            + (f" (and {self.prices} prices)" if self.prices else "")
            + (f", {skipped} skipped" if skipped else ", none skipped")
        )
        parts = [head]
        if skipped:
            parts.append("  skipped: " + "; ".join(
                f"{reason} ({_lines(lines)})" for reason, lines in sorted(self.skipped.items())
            ))  # fmt: skip
        for title, totals in (("by money source", self.by_source), ("by fund", self.by_fund)):
            if totals:
                parts.append(f"  {title}: " + "; ".join(
                    f"{key or '(none)'} {amount:,.2f}" for key, amount in sorted(totals.items())
                ))  # fmt: skip
        if self.neutralised:
            parts.append(
                f"  made inert ({described()}): {_count(self.neutralised_lines, 'line')}: "
                + "; ".join(
                    f"{name} ({_places(places)})"
                    for name, places in sorted(self.neutralised.items())
                )
            )
        return "\n".join(parts)


def summarize(
    statement: Statement, entries: Sequence[data.Directive], filepath: str = ""
) -> Summary:
    """What the import made of one statement (``filepath``, the file it was read from)."""
    skipped: dict[str, list[int]] = defaultdict(list)
    for line in statement.skipped:
        skipped[line.reason].append(line.lineno)
    used = {row.lineno for row in statement.rows}
    return Summary(
        lines=len(used | {line.lineno for line in statement.skipped}),
        used=len(used),
        transactions=sum(isinstance(e, data.Transaction) for e in entries),
        prices=sum(isinstance(e, data.Price) for e in entries),
        skipped=dict(skipped),
        by_source=_totals(statement.rows, lambda row: row.source),
        by_fund=_totals((row for row in statement.rows if row.fund), lambda row: row.fund),
        neutralised=_neutralised(statement.rows, filepath),
    )


def _neutralised(rows: Sequence[Row], filepath: str) -> dict[str, list[str]]:
    """Where the rows' text held markup: each field's lines, in the file's order (a row of
    a companion file, a history read beside a Sources copy, as ``file:line``)."""
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for row in rows:
        for name in row.neutralised:
            found[name].add((row.filename, row.lineno))
    return {
        name: [
            str(lineno) if filename == filepath else f"{Path(filename).name}:{lineno}"
            for filename, lineno in sorted(places, key=lambda place: (place[0] != filepath, place))
        ]
        for name, places in found.items()
    }


def _totals(rows: Iterable[Row], key: Callable[[Row], str]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[key(row)] += row.amount
    return dict(totals)


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:8])
    more = f" and {len(places) - 8} more" if len(places) > 8 else ""
    return f"line{'s' if len(places) > 1 else ''} {shown}{more}"


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in sorted(numbers)[:8])
    more = f" and {len(numbers) - 8} more" if len(numbers) > 8 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
