"""Checks every named layout's tests share (``megaroth.importers.layouts``).

Each layout's folder holds statements in its real layout; these say that an importer
identifies its own statements and none of the other statements under ``tests/importers``
(beangulp stops when two importers claim one file), and that importing a statement again
adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from beangulp.importer import Importer

from megaroth.importers.base import StatementImporter

IMPORTERS = Path(__file__).parent
#: What statements are saved as: downloads, web tables pasted into a file, OFX.
STATEMENT_SUFFIXES = (".csv", ".tsv", ".txt", ".qfx", ".ofx")


def statements() -> list[Path]:
    """Every statement in the importers' test folders."""
    return sorted(
        path
        for path in IMPORTERS.rglob("*")
        if path.is_file() and path.suffix.lower() in STATEMENT_SUFFIXES
    )


def identified(importer: Importer) -> list[str]:
    """The statements the importer claims, by path under ``tests/importers``."""
    return [
        str(path.relative_to(IMPORTERS)) for path in statements() if importer.identify(str(path))
    ]


def assert_reimport_adds_nothing(importer: StatementImporter, document: Path) -> None:
    """Every entry of a second import of the same statement is marked a duplicate."""
    first = importer.extract(str(document), [])
    again = importer.extract(str(document), [])
    importer.deduplicate(again, first)
    assert again, f"{document.name} made no entries"
    assert [entry for entry in again if not entry.meta.get("__duplicate__")] == []
