"""Fidelity NetBenefits history "by source": one row per money source, no fund.

With several funds, each row's fund comes from the history download of the same plan and
period (:mod:`~megaroth.importers.fidelity.fund_solver`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import replace

from megaroth.importers.fidelity.download import (
    BY_SOURCE_HEADER,
    HISTORY_HEADER,
    Download,
    FidelityImporter,
    Line,
    fidelity_row,
    known,
)
from megaroth.importers.fidelity.fund_solver import match
from megaroth.importers.rows import Action, Row, Statement, StatementError


class FidelityBySourceImporter(FidelityImporter):
    """The NetBenefits history "by source": one row per money source, no fund."""

    header = BY_SOURCE_HEADER
    layout = "fidelity-by-source"

    def read(self, filepath: str) -> Statement:
        download = self.download(filepath, self.header)
        statement = Statement()
        for row in self._rows(filepath, download):
            statement.rows.append(self.batch(row))
        used = {row.lineno for row in statement.rows}
        for line in download.lines:
            if line.lineno not in used:
                statement.skip(filepath, line.lineno, f"{line.kind}: moves no money")
        return statement

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
        """Rows with their funds, from the history download of the same period."""
        path = self.companion(download, HISTORY_HEADER)
        if path is None:
            raise StatementError(
                download.path,
                download.header_lineno,
                f"plan {self.config.account} holds {len(self.config.funds)} funds (funds=) "
                "and the by-source view doesn't say which fund each row is in: megaroth takes "
                "that from the history download of the same plan and period "
                f"({download.period_text}). Download it into the same folder as this file.",
            )
        history = self.download(path, HISTORY_HEADER)
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
