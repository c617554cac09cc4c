"""A crafted statement can't put markup into the ledger: every importer, its real layout.

fava 1.30 renders a transaction's payee and narration into its Journal unescaped (see
docs/security.md), so an importer that copied ``"><img src=x onerror=alert(1)>`` from a
downloaded statement into a narration would run that script when the Journal is opened.
Each real-layout statement of ``test_every_row_accounted.CASES`` is made hostile here: the
payload is written into one of its cells, the one whose words reach the entries (a
description, a memo), or, in layouts whose only words are labels that ``import.py`` maps (a
fund's name), into a label that the configuration then maps as the user would. The import
must go through with the markup made inert (``< > "`` shown as look-alikes), nothing of it
left in any entry, and the summary naming the line.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import printer

from megaroth.importers.base import StatementImporter
from megaroth.importers.csvfile import read_text
from megaroth.importers.inert import NEUTRAL, inert
from megaroth.importers.ingest import Ingest
from megaroth.importers.labels import lookup
from tests.importers.test_every_row_accounted import CASES, HERE, assert_accounted

#: What a crafted CSV writes into a cell: out of an attribute, then an element with a handler.
PAYLOAD = '"><img src=x onerror=alert(1)>'
#: OFX is SGML: a raw ``<img ...>`` in a memo is read as an element (ofxtools drops it), so a
#: crafted OFX gets quotes and ``>`` through, and entities (kept as written, never decoded).
OFX_PAYLOAD = '"> x" onmouseover="alert(1)" &lt;img src=x onerror=alert(1)&gt;'


@dataclass(frozen=True)
class Hostile:
    """Where a statement gets the payload: after ``anchor``, on line ``line`` of the file.
    ``maps`` names the PlanConfig mapping (funds, sources) that must then map the label."""

    line: int
    anchor: str
    maps: str = ""


#: Each statement of CASES, and the cell of it that is made hostile.
HOSTILE: dict[str, Hostile] = {
    "fidelity/pemberly-sources.txt": Hostile(1, "2 - Employer Match", maps="sources"),
    "fidelity/lakeside-history.csv": Hostile(8, "HARBOR TARGET 2055 TRUST", maps="funds"),
    "fidelity/northwind-history.csv": Hostile(10, "VANGUARD TARGET 2060", maps="funds"),
    "fidelity_activity/Accounts_History.csv": Hostile(8, "INTEREST EARNED CASH (315994103)"),
    "fidelity_activity/Accounts_History_new_header.csv": Hostile(
        3, "VANGUARD BD INDEX FDS TOTAL BND MRKT (BND)"
    ),
    "generic/empower.csv": Hostile(6, "Vanguard 500 Index Admiral", maps="funds"),
    "m1/Activity-Dec-31-2024.csv": Hostile(2, "Dividend of 922908769 $1.87 received."),
    "ofx_401k/bellwether-401k.ofx": Hostile(49, "<MEMO>Contribution"),
    "ofx_ira/fidelity-iras.qfx": Hostile(50, "<MEMO>CONTRIBUTION CURRENT YEAR"),
    "paychex/paychex-401k.csv": Hostile(2, "FXAIX", maps="funds"),
    "schwab/dana-ira-2023.csv": Hostile(3, "ANNUAL IRA FEE"),
    "tiaa/riverside-403b.ofx": Hostile(0, "<MEMO>Remittance"),
    "trowe/trowe-history.csv": Hostile(6, "Pre-Tax", maps="sources"),
    "vanguard/OfxDownload.csv": Hostile(8, "Vanguard Target Retirement 2055 Trust", maps="funds"),
    "vanguard/initech-401k.qfx": Hostile(0, "<MEMO>Investment Expense"),
    "vanguard_brokerage/OfxDownload.csv": Hostile(15, "Dividend Received"),
    "voya/TransactionHistory.csv": Hostile(7, "0899 Vanguard 500 Index Adm", maps="funds"),
    "voya_web/voya-history.tsv": Hostile(2, "0899 Vanguard 500 Index Fund Adm", maps="funds"),
    "voya_web/voya-history-copied.txt": Hostile(
        1, "0899 Vanguard 500 Index Fund Adm", maps="funds"
    ),
    "workplace/TransactionHistory.csv": Hostile(2, "Contributions - Employee"),
}
IDS = [name for name, _ in CASES]


def test_every_statement_has_a_hostile_variant() -> None:
    assert set(HOSTILE) == set(IDS)


@pytest.mark.parametrize(("name", "factory"), CASES, ids=IDS)
def test_a_hostile_statement_imports_with_its_markup_made_inert(
    name: str, factory: Any, tmp_path: Path
) -> None:
    hostile = HOSTILE[name]
    path, line = _hostile_copy(HERE / name, hostile, tmp_path)
    importer = _mapping_the_label(factory(), hostile)
    assert importer.identify(str(path))
    entries = importer.extract(str(path), [])
    # Markup nowhere in what the ledger would hold.
    assert list(_markup(entries)) == []
    # The statement's words are still there, visibly changed.
    statement = importer.read(str(path))
    changed = [row for row in statement.rows if row.neutralised]
    assert changed, "the payload reached no row"
    shown = _payload(path)
    texts = [getattr(row, field) for row in changed for field in row.neutralised]
    assert any(inert(shown) in text for text in texts), texts
    if not hostile.maps:
        narrations = [e.narration for e in entries if isinstance(e, data.Transaction)]
        assert any(inert(shown) in narration for narration in narrations)
    # The summary says how many lines held markup, and which.
    summary = importer.summaries[str(path)]
    assert summary.neutralised_lines == 1
    (places,) = summary.neutralised.values()
    assert places == [str(line)]
    assert "made inert" in summary.text(name)
    # Every line and dollar is still accounted for, and the entries print and load back.
    assert_accounted(_mapping_the_label(factory(), hostile), path)
    _loads_back(entries)


def test_extract_prints_what_was_made_inert(tmp_path: Path, capsys: Any) -> None:
    name = "schwab/dana-ira-2023.csv"
    (factory,) = [factory for case, factory in CASES if case == name]
    path, _ = _hostile_copy(HERE / name, HOSTILE[name], tmp_path)
    output = tmp_path / "new.beancount"
    Ingest([factory()]).cli.main(["extract", str(path), "-o", str(output)], standalone_mode=False)
    written = output.read_text()
    assert "<img" not in written
    assert inert(PAYLOAD) in written
    err = capsys.readouterr().err
    assert f"made inert ({' '.join(NEUTRAL)} shown as {' '.join(NEUTRAL.values())}): 1 line" in err
    assert "description (line 3)" in err


def test_real_names_keep_their_ampersands_and_apostrophes(tmp_path: Path) -> None:
    # Not markup: S&P and Dodge & Cox are real fund names, Investor's a real share class.
    name = "schwab/dana-ira-2023.csv"
    (factory,) = [factory for case, factory in CASES if case == name]
    text = read_text(str(HERE / name)).replace("ANNUAL IRA FEE", "S&P 500 Investor's FEE")
    path = tmp_path / Path(name).name
    path.write_text(text)
    importer = factory()
    entries = importer.extract(str(path), [])
    narrations = [e.narration for e in entries if isinstance(e, data.Transaction)]
    assert "Service Fee: S&P 500 Investor's FEE" in narrations
    assert importer.summaries[str(path)].neutralised == {}


# --- helpers ---------------------------------------------------------------------------------


def _payload(path: Path) -> str:
    """The payload as the importer reads it: OFX entities stay as written."""
    return OFX_PAYLOAD if path.suffix.lower() in (".ofx", ".qfx") else PAYLOAD


def _hostile_copy(source: Path, hostile: Hostile, folder: Path) -> tuple[Path, int]:
    """The statement (and its companions) in ``folder``, the payload written after the
    anchor; and the line the payload is on."""
    for other in source.parent.iterdir():
        if other.is_file() and not other.name.startswith(("test_", "__")):
            shutil.copy(other, folder / other.name)
    text = read_text(str(source))
    lines = text.split("\n")
    if hostile.line:
        index = hostile.line - 1
    else:  # the first line that holds the anchor (OFX written on one line per tag)
        index = next(i for i, line in enumerate(lines) if hostile.anchor in line)
    line = lines[index]
    assert hostile.anchor in line, (source.name, hostile)
    at = line.index(hostile.anchor) + len(hostile.anchor)
    payload = _payload(source)
    if source.suffix.lower() not in (".ofx", ".qfx") and line[:at].count('"') % 2:
        payload = payload.replace('"', '""')  # inside a quoted cell, as CSV writes quotes
    lines[index] = f"{line[:at]} {payload}{line[at:]}"
    path = folder / source.name
    path.write_text("\n".join(lines), encoding="utf-8")
    if source.suffix.lower() in (".ofx", ".qfx"):  # a transaction is on its <FITID>'s line
        index = max(i for i, text in enumerate(lines[: index + 1]) if "<FITID>" in text)
    return path, index + 1


def _mapping_the_label(importer: StatementImporter, hostile: Hostile) -> StatementImporter:
    """The importer with ``import.py`` mapping the hostile label too, as a user who copied
    it from the statement would (labels match with their markup made inert)."""
    if not hostile.maps:
        return importer
    mapping = dict(getattr(importer.config, hostile.maps))
    found = lookup(mapping, hostile.anchor)
    assert found is not None, hostile
    mapping[f"{hostile.anchor} {PAYLOAD}"] = found[1]
    importer.config = dataclasses.replace(importer.config, **{hostile.maps: mapping})
    return importer


def _strings(entry: data.Directive) -> Iterator[str]:
    """Every string an entry holds: what fava and Beancount's printer show of it."""
    for value in entry.meta.values():
        if isinstance(value, str) and value is not entry.meta.get("filename"):
            yield value
    if isinstance(entry, data.Transaction):
        yield from (entry.payee or "", entry.narration or "", *entry.tags, *entry.links)
        for posting in entry.postings:
            yield posting.account
            if posting.units is not None and isinstance(posting.units.currency, str):
                yield posting.units.currency
            yield from (str(value) for value in (posting.meta or {}).values())
    if isinstance(entry, data.Price):
        yield entry.currency


def _markup(entries: list[data.Directive]) -> Iterator[tuple[str, str]]:
    for entry in entries:
        for text in _strings(entry):
            if any(character in text for character in NEUTRAL):
                yield type(entry).__name__, text


def _loads_back(entries: list[data.Directive]) -> None:
    """The entries as extract writes them parse again, with no error of syntax."""
    buffer = io.StringIO()
    printer.print_entries(entries, file=buffer)
    _, errors, _ = loader.load_string(buffer.getvalue())
    assert [e for e in errors if "syntax" in str(e.message).lower()] == []
