"""Mutated real-layout statements through the importers: entries or a clear error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from beancount.core import data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from megaroth.importers.rows import StatementError
from tests.fuzz.tally import EXAMPLES, TRIED
from tests.importers.generic.test_generic import importer

STATEMENT = (Path(__file__).parent.parent / "importers" / "generic" / "empower.csv").read_bytes()
LINES = STATEMENT.decode().splitlines()

CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "-", "(", "$", "1e308", "9" * 60, "NaN", "Infinity", "0x10", "1,2,3",
                     "(1,000.00)", "2024-02-30", "13/45/2024", "=cmd|' /C calc'!A0", "\x00"]),
    st.integers().map(str),
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        choice = draw(st.sampled_from(["cell", "truncate", "duplicate", "drop", "swap", "columns"]))
        cells = lines[index].split(",")
        if choice == "cell" and cells:
            cells[draw(st.integers(0, len(cells) - 1))] = draw(CELL).replace(",", "")
            lines[index] = ",".join(cells)
        elif choice == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif choice == "duplicate":
            lines.insert(index, lines[index])
        elif choice == "drop":
            del lines[index]
        elif choice == "swap" and len(cells) > 1:
            i, j = draw(st.integers(0, len(cells) - 1)), draw(st.integers(0, len(cells) - 1))
            cells[i], cells[j] = cells[j], cells[i]
            lines[index] = ",".join(cells)
        elif choice == "columns":
            headers = [k for k, line in enumerate(lines) if line.startswith("Date,")]
            if headers:
                names = lines[headers[0]].split(",")
                lines[headers[0]] = ",".join(draw(st.permutations(names)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return "\n".join(lines).encode(encoding, errors="replace")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_statements_give_entries_or_a_clear_error(content: bytes) -> None:
    TRIED["mutated statements through an importer"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statement.csv"
        path.write_bytes(content)
        reader = importer()
        if not reader.identify(str(path)):
            TRIED["... of which not identified"] += 1
            return
        try:
            entries = reader.extract(str(path), [])
        except StatementError as error:
            TRIED["... of which stopped with a clear error"] += 1
            message = str(error)
        else:
            message = ""
        if message:
            assert message.startswith(f"{path}:"), message
            return
        TRIED["... of which imported"] += 1
        for entry in entries:
            data.sanity_check_types(entry)
