"""The beangulp importer all of megaroth's statement formats share.

A format says how to recognise its files (``header``) and how to read rows from them
(``rows``); everything else (the plan's accounts, source and fund mapping, entries, ids,
duplicate detection) is common.
"""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from beancount.core import data
from beangulp.importer import Importer

from megaroth.gcpause import collector_paused
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import has_header
from megaroth.importers.entries import build_entries, mark_duplicates, prices
from megaroth.importers.rows import Action, Row, Statement
from megaroth.importers.summary import Summary, summarize


class StatementImporter(Importer):
    """One plan's statements in one record-keeper's layout."""

    #: The columns the layout's header line starts with.
    header: Sequence[str] = ()
    #: Who sends the statement (the transactions' payee), e.g. "Fidelity".
    payee: str = ""
    #: A short name for the layout, used in archived file names.
    layout: str = ""

    def __init__(self, config: PlanConfig) -> None:
        self.config = config
        # What each file's extract made of it, for the summary ingest prints.
        self.summaries: dict[str, Summary] = {}

    @property
    def name(self) -> str:
        return f"megaroth.{self.layout}:{self.config.account}"

    def identify(self, filepath: str) -> bool:
        return filepath.lower().endswith(".csv") and has_header(filepath, self.header)

    def account(self, filepath: str) -> str:
        return self.config.account

    @abstractmethod
    def read(self, filepath: str) -> Statement:
        """The statement's rows and skipped lines; a StatementError for a line it can't read."""

    def rows(self, filepath: str) -> list[Row]:
        return self.read(filepath).rows

    def date(self, filepath: str) -> datetime.date | None:
        dates = [row.date for row in self.rows(filepath)]
        return max(dates) if dates else None

    def filename(self, filepath: str) -> str | None:
        plan = self.config.account.rsplit(":", 1)[-1].lower()
        return f"{plan}.{self.layout}{Path(filepath).suffix.lower()}"

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        with collector_paused():
            statement = self.settled(self.read(filepath))
            entries = self.entries(statement)
        self.summaries[filepath] = summarize(statement, entries, filepath)
        return entries

    def settled(self, statement: Statement) -> Statement:
        """The statement with the rows no entry is made of named as skipped: a change in
        market value, in a plan kept in fund units (its value comes from the shares)."""
        if not self.config.units_style:
            return statement
        kept = Statement(skipped=list(statement.skipped))
        for row in statement.rows:
            if row.action is Action.MARKET_VALUE:
                what = row.description or "a change in market value"
                reason = f"{what}: held in fund units, the value comes from the shares"
                kept.skip(row.filename, row.lineno, reason)
            else:
                kept.rows.append(row)
        return kept

    def entries(self, statement: Statement) -> data.Entries:
        """The ledger entries of a statement's rows: transactions batch by batch (rows of
        different batches never share one), and the unit prices of all of them."""
        rows = sorted(statement.rows, key=self.order)
        batches: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            batches[row.batch].append(row)
        entries: data.Entries = [
            entry
            for batch in batches.values()
            for entry in build_entries(batch, self.config, self.payee)
            if not isinstance(entry, data.Price)
        ]
        entries += prices(rows, self.config)
        self.sort(entries)
        return entries

    def order(self, row: Row) -> tuple[object, ...]:
        """The order rows happened in: by date, then as the file lists them."""
        return row.date, row.lineno

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        # By id only: beangulp's look-alike heuristic (same amounts within two days) would
        # hide a real second contribution of the same size.
        mark_duplicates(entries, existing)
