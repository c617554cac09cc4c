"""The beangulp importer all of megaroth's statement formats share.

A format says how to recognise its files (``header``) and how to read rows from them
(``rows``); everything else (the plan's accounts, source and fund mapping, entries, ids,
duplicate detection) is common.
"""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Sequence
from pathlib import Path

from beancount.core import data
from beangulp.importer import Importer

from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import has_header
from megaroth.importers.entries import build_entries, mark_duplicates
from megaroth.importers.rows import Row


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

    @property
    def name(self) -> str:
        return f"megaroth.{self.layout}:{self.config.account}"

    def identify(self, filepath: str) -> bool:
        return filepath.lower().endswith(".csv") and has_header(filepath, self.header)

    def account(self, filepath: str) -> str:
        return self.config.account

    @abstractmethod
    def rows(self, filepath: str) -> list[Row]:
        """The statement's rows, oldest first; a StatementError for any it can't read."""

    def date(self, filepath: str) -> datetime.date | None:
        dates = [row.date for row in self.rows(filepath)]
        return max(dates) if dates else None

    def filename(self, filepath: str) -> str | None:
        plan = self.config.account.rsplit(":", 1)[-1].lower()
        return f"{plan}.{self.layout}{Path(filepath).suffix.lower()}"

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        rows = sorted(self.rows(filepath), key=lambda row: (row.date, row.lineno))
        return build_entries(rows, self.config, self.payee)

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        # By id only: beangulp's look-alike heuristic (same amounts within two days) would
        # hide a real second contribution of the same size.
        mark_duplicates(entries, existing)
