"""Fidelity NetBenefits ``history.csv``: by fund, with no money source."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import has_header
from megaroth.importers.fidelity.download import (
    CONVERTIBLE,
    HISTORY_HEADER,
    Download,
    FidelityImporter,
    Line,
    fidelity_row,
    looks_like_sources_copy,
    neighbours,
    plan_name,
)
from megaroth.importers.labels import how_to_map_source, label_key, lookup
from megaroth.importers.rows import Action, Row, Statement, StatementError
from megaroth.tax.sources import source_kind_for


class FidelityHistoryImporter(FidelityImporter):
    """NetBenefits ``history.csv``: by fund, with no money source.

    ``conversions=`` says whether the plan makes in-plan Roth conversions. Fidelity writes a
    ``Transfer`` of 0.00 on paydays (and on other days) in every history, and an in-plan
    conversion also nets to 0.00 per fund there. Read alone, a history can't tell them apart:
    when the plan converts, a 0.00 Transfer stops the import and asks for the Sources copy;
    when it doesn't, the row is passed over and named. Left out, it is taken from the
    PlanConfig: a plan with an after-tax or in-plan Roth source converts.
    """

    header = HISTORY_HEADER
    layout = "fidelity-history"
    # Alone, rows are labelled with their transaction type, which default_sources= maps to
    # a source kind.
    labelled_by_type = True

    def __init__(
        self,
        config: PlanConfig,
        plan: str | None = None,
        actions: Mapping[str, str] | None = None,
        conversions: bool | None = None,
    ) -> None:
        super().__init__(config, plan, actions)
        self.conversions = _converts(config) if conversions is None else conversions

    def identify(self, filepath: str) -> bool:
        if not filepath.lower().endswith(".csv") or not has_header(filepath, self.header[:3]):
            return False
        return self.plan is None or label_key(plan_name(filepath)) == label_key(self.plan)

    def read_file(self, filepath: str) -> Download:
        return self.history(filepath)

    def read(self, filepath: str) -> Statement:
        download = self.read_file(filepath)
        statement = Statement(skipped=list(download.skipped))
        copy = self._sources_copy(download)
        if copy is not None:
            for line in download.lines:
                statement.skip(filepath, line.lineno, f"read with the Sources copy {copy}")
            return statement
        if not self.defaults:
            raise StatementError(
                filepath,
                download.header_lineno,
                "Fidelity's history names no money source, so megaroth can't tell whose money "
                "its rows are. Copy NetBenefits' Sources view of the same dates into a text "
                "file in the same folder (select the table, paste it, save it as "
                "sources.txt), and megaroth imports that instead, taking the funds from this "
                "file; or, if every transaction type has one source, add  "
                'default_sources={"Contributions": "pretax", ...}  to the '
                f'PlanConfig(account="{self.config.account}", ...) of your import.py.',
            )
        for line in download.lines:
            row = self._row(filepath, line)
            if isinstance(row, str):
                statement.skip(filepath, line.lineno, row)
            else:
                statement.rows.append(self.batch(row))
        return statement

    def _sources_copy(self, download: Download) -> str | None:
        """The name of the Sources copy beside the history that it covers, if there is one."""
        for path in neighbours(download.path, looks_like_sources_copy):
            if download.covers(self.sources_copy(path)):
                return Path(path).name
        return None

    def _row(self, path: str, line: Line) -> Row | str:
        """The row a line is, or why it is none."""
        units_style = self.config.units_style
        if line.action is None:
            return f"{line.kind}: a note, moves no money"
        if line.action is Action.MARKET_VALUE and units_style:
            return f"{line.kind}: held in fund units, the value comes from the shares"
        if not line.amount and not line.units:
            if line.action is Action.TRANSFER:
                return self._zero_transfer(path, line)
            return f"{line.kind} of 0.00: moves no money"
        if lookup(self.defaults, line.kind) is None:
            raise StatementError(
                path,
                line.lineno,
                f"transaction type {line.kind!r} has no money source: Fidelity's history names "
                "none, so megaroth takes it from default_sources= (or copy the Sources view of "
                "the same dates into a text file in the same folder). "
                + how_to_map_source(line.kind, "default_sources", self.config.where),
            )
        units = self._units(path, line) if units_style else line.units
        return fidelity_row(
            path, line, source=line.kind, fund=line.label, amount=line.amount, units=units
        )

    def _zero_transfer(self, path: str, line: Line) -> str:
        if not self.conversions:
            return (
                f"a {line.kind} of 0.00: Fidelity writes one on paydays, and this plan makes "
                "no in-plan conversions (conversions=False)"
            )
        raise StatementError(
            path,
            line.lineno,
            f"a {line.kind} of 0.00 in {line.label!r}: Fidelity writes one on paydays, and an "
            "in-plan Roth conversion also nets to 0.00 in each fund here, so the history "
            "alone can't tell which this is. Copy NetBenefits' Sources view of the same dates "
            "into a text file in the same folder (sources.txt); megaroth reads the amounts "
            "from it. If this plan never converts in-plan, say so with  conversions=False  in "
            f"the FidelityHistoryImporter(...) of your import.py.",
        )


def _converts(config: PlanConfig) -> bool:
    labels = [*config.sources.values(), *config.default_sources.values()]
    return any(source_kind_for(label) in CONVERTIBLE for label in labels)
