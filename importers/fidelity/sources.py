"""A copy of NetBenefits' "Sources" view: one row per money source, no fund.

NetBenefits shows a plan's history by money source on screen but offers no download of it,
so this is what users save: the table selected and pasted into a text file. Tab separated,
no header and no preamble; columns date (MM/DD/YYYY), source as the plan numbers it
(``1 - Employee Deferral``, ``4 - After-Tax``, ``12 - Roth In-Plan Conversion``),
transaction type, amount (``$1,234.56``, ``-$12.00``) and shares; the page's "show details"
links leave a blank line and a line of text, which are passed over and named.

With several funds, each row's fund comes from the history download of the same plan beside
it (:mod:`~megaroth.importers.fidelity.fund_solver`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from megaroth.importers.csvfile import has_header
from megaroth.importers.fidelity.download import (
    HISTORY_HEADER,
    Download,
    FidelityImporter,
    Line,
    fidelity_row,
    known,
    looks_like_sources_copy,
    neighbours,
    plan_name,
)
from megaroth.importers.fidelity.fund_solver import match
from megaroth.importers.labels import label_key
from megaroth.importers.rows import Action, Row, Statement, StatementError


class FidelitySourcesImporter(FidelityImporter):
    """A copy of the NetBenefits Sources view, joined to the history beside it for funds."""

    layout = "fidelity-sources"

    def identify(self, filepath: str) -> bool:
        if not looks_like_sources_copy(filepath):
            return False
        # With plan= (several Fidelity plans), a copy is this plan's when the history beside
        # it is: the copy itself names no plan.
        return self.plan is None or bool(self._histories(filepath))

    def filename(self, filepath: str) -> str | None:
        plan = self.config.account.rsplit(":", 1)[-1].lower()
        return f"{plan}.{self.layout}.txt"

    def read_file(self, filepath: str) -> Download:
        return self.sources_copy(filepath)

    def read(self, filepath: str) -> Statement:
        download = self.read_file(filepath)
        statement = Statement(skipped=list(download.skipped))
        for row in self._rows(filepath, download):
            statement.rows.append(self.batch(row))
        used = {row.lineno for row in statement.rows}
        for line in download.lines:
            if line.lineno not in used:
                statement.skip(filepath, line.lineno, _why_not_used(line))
        return statement

    def _histories(self, filepath: str) -> list[str]:
        """The history downloads beside the copy (of this plan, with plan=)."""

        def is_history(path: str) -> bool:
            if not path.lower().endswith(".csv") or not has_header(path, HISTORY_HEADER[:3]):
                return False
            return self.plan is None or label_key(plan_name(path)) == label_key(self.plan)

        return neighbours(filepath, is_history)

    def companion(self, download: Download) -> Download | None:
        """The history beside the copy whose period holds every row of the copy."""
        covering = [
            history
            for history in map(self.history, self._histories(download.path))
            if history.covers(download)
        ]
        if len(covering) > 1:
            names = ", ".join(Path(history.path).name for history in covering)
            raise StatementError(
                download.path,
                1,
                f"several history downloads beside this copy cover its dates ({names}), so "
                "megaroth can't tell which one is its plan's. Keep one plan's files per folder, "
                "or name the plan with plan= on both importers.",
            )
        return covering[0] if covering else None

    def _rows(self, filepath: str, download: Download) -> list[Row]:
        lines = [line for line in download.lines if line.action is not None]
        if not self.config.units_style:
            return [
                fidelity_row(filepath, line, line.label, "", line.amount, line.units)
                for line in lines
                if line.amount
            ]
        lines = [line for line in lines if line.action is not Action.MARKET_VALUE]
        if len(self.config.funds) == 1:
            (fund,) = self.config.funds
            return [
                fidelity_row(
                    filepath, line, line.label, fund, line.amount, self._units(filepath, line)
                )
                for line in lines
                if line.amount
            ]
        return self._joined(download, lines)

    def _joined(self, download: Download, lines: list[Line]) -> list[Row]:
        """Rows with their funds, from the history download of the same plan and dates."""
        history = self.companion(download)
        if history is None:
            dates = download.dates
            period = f"{dates[0]:%m/%d/%Y} - {dates[1]:%m/%d/%Y}" if dates else "its dates"
            raise StatementError(
                download.path,
                1,
                f"plan {self.config.account} holds {len(self.config.funds)} funds (funds=) "
                "and the Sources view doesn't say which fund each row is in: megaroth takes "
                "that from the NetBenefits history download (history.csv) of the same plan, "
                f"whose Date Range covers this copy ({period}). Download it into the same "
                "folder as this file.",
            )
        by_source: dict[tuple[datetime.date, Action], list[Line]] = defaultdict(list)
        by_fund: dict[tuple[datetime.date, Action], list[Line]] = defaultdict(list)
        for line in lines:
            if line.amount or line.units:
                by_source[line.date, known(line.action)].append(line)
        for line in history.lines:
            if line.action is not None and line.action is not Action.MARKET_VALUE:
                by_fund[line.date, line.action].append(line)
        rows = []
        for key in sorted(by_source.keys() | by_fund.keys()):
            for line, fund, amount, units in match(download, history, by_source[key], by_fund[key]):
                if amount and not units:  # a part too small for a thousandth of a share
                    self._units(download.path, replace(line, amount=amount, units=units))
                if amount or units:
                    rows.append(fidelity_row(download.path, line, line.label, fund, amount, units))
        return rows


def _why_not_used(line: Line) -> str:
    if line.action is None:
        return f"{line.kind}: a note, moves no money"
    if line.action is Action.MARKET_VALUE:
        return f"{line.kind}: held in fund units, the value comes from the shares"
    return f"{line.kind} of 0.00: moves no money"


#: The name this importer had when it read an invented "by source" CSV; a copy of the
#: Sources view is what it reads now.
FidelityBySourceImporter = FidelitySourcesImporter
