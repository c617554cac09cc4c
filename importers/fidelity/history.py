"""Fidelity NetBenefits ``history.csv``: by fund, with no money source."""

from __future__ import annotations

from megaroth.importers.fidelity.download import (
    BY_SOURCE_HEADER,
    HISTORY_HEADER,
    FidelityImporter,
    Line,
    fidelity_row,
)
from megaroth.importers.labels import how_to_map_source, lookup
from megaroth.importers.rows import Action, Row, Statement, StatementError


class FidelityHistoryImporter(FidelityImporter):
    """NetBenefits ``history.csv``: by fund, with no money source."""

    header = HISTORY_HEADER
    layout = "fidelity-history"
    # Alone, rows are labelled with their transaction type, which default_sources= maps to
    # a source kind.
    labelled_by_type = True

    def read(self, filepath: str) -> Statement:
        download = self.download(filepath, self.header)
        if self.companion(download, BY_SOURCE_HEADER) is not None:
            statement = Statement()
            for line in download.lines:
                statement.skip(filepath, line.lineno, "read with the by-source view of the period")
            return statement
        if not self.defaults:
            raise StatementError(
                filepath,
                download.header_lineno,
                "Fidelity's history names no money source, so megaroth can't tell whose money "
                'its rows are. Download the "by source" view of the same period '
                f"({download.period_text}) into the same folder, and megaroth imports that "
                "instead (taking the funds from this file); or, if every transaction type has "
                'one source, add  default_sources={"Contributions": "pretax", ...}  to the '
                f'PlanConfig(account="{self.config.account}", ...) of your import.py.',
            )
        statement = Statement()
        for line in download.lines:
            row = self._row(filepath, line)
            if row is None:
                statement.skip(filepath, line.lineno, f"{line.kind}: moves no money")
            else:
                statement.rows.append(self.batch(row))
        return statement

    def _row(self, path: str, line: Line) -> Row | None:
        units_style = self.config.units_style
        if line.action is None or (line.action is Action.MARKET_VALUE and units_style):
            return None
        if not line.amount and not line.units:
            if line.action is Action.TRANSFER:
                raise StatementError(
                    path,
                    line.lineno,
                    f"a {line.kind} of 0.00 in {line.label!r}: Fidelity's history nets a move "
                    "between money sources (an in-plan Roth conversion) to zero in each fund, "
                    "so this file can't show it and default_sources= can't place it. Download "
                    'the "by source" view of the same period into the same folder; megaroth '
                    "imports that one instead.",
                )
            return None
        if lookup(self.defaults, line.kind) is None:
            raise StatementError(
                path,
                line.lineno,
                f"transaction type {line.kind!r} has no money source: Fidelity's history names "
                'none, so megaroth takes it from default_sources= (or download the "by '
                'source" view of the same period into the same folder). '
                + how_to_map_source(line.kind, "default_sources", self.config.where),
            )
        units = self._units(path, line) if units_style else line.units
        return fidelity_row(
            path, line, source=line.kind, fund=line.label, amount=line.amount, units=units
        )
