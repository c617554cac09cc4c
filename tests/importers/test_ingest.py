"""The import command as users run it: ``python import.py extract``, whole or nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

IMPORT_PY = textwrap.dedent(
    """\
    from megaroth.importers.config import PlanConfig
    from megaroth.importers.generic import GenericImporter, Layout
    from megaroth.importers.ingest import Ingest

    IMPORTERS = [
        GenericImporter(
            PlanConfig(account="Assets:Retirement:Bob:Globex401k",
                       sources={"Roth": "roth"}, contributions="Income:Salary"),
            Layout(header=("Date", "Activity", "Source", "Amount"), date="Date",
                   activity="Activity", source="Source", amount="Amount",
                   actions={"Contribution": "contribution"}, payee="Empower"),
        )
    ]

    if __name__ == "__main__":
        Ingest(IMPORTERS)()
    """
)
GOOD = "Date,Activity,Source,Amount\n2024-01-15,Contribution,Roth,500.00\n"
BAD = "Date,Activity,Source,Amount\n2024-01-16,Contribution,Roth,five hundred\n"


def _extract(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(folder / "import.py"), "extract", str(folder / "statements"),
         *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def _setup(tmp_path: Path, *statements: str) -> Path:
    (tmp_path / "import.py").write_text(IMPORT_PY)
    (tmp_path / "statements").mkdir()
    for index, text in enumerate(statements):
        (tmp_path / "statements" / f"s{index}.csv").write_text(text)
    return tmp_path


def test_extract_writes_the_entries(tmp_path: Path) -> None:
    folder = _setup(tmp_path, GOOD)
    out = folder / "imported.beancount"
    result = _extract(folder, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Assets:Retirement:Bob:Globex401k:Roth   500.00 USD" in out.read_text()


def test_an_error_in_any_statement_writes_nothing_and_keeps_the_old_output(
    tmp_path: Path,
) -> None:
    folder = _setup(tmp_path, GOOD, BAD)
    out = folder / "imported.beancount"
    out.write_text("; yesterday's import, still good\n")
    before = {p: p.read_bytes() for p in (folder / "statements").iterdir()}
    result = _extract(folder, "-o", str(out))
    assert result.returncode == 1
    assert "column 'Amount' holds 'five hundred', which is not a number" in result.stderr
    assert "s1.csv:2:" in result.stderr
    assert "nothing was written" in result.stderr
    assert out.read_text() == "; yesterday's import, still good\n"
    assert {p: p.read_bytes() for p in (folder / "statements").iterdir()} == before
    assert sorted(p.name for p in folder.iterdir()) == [
        "import.py",
        "imported.beancount",
        "statements",
    ]


def test_importing_again_against_the_ledger_adds_nothing(tmp_path: Path) -> None:
    folder = _setup(tmp_path, GOOD)
    ledger = folder / "main.beancount"
    first = _extract(folder, "-o", str(ledger))
    assert first.returncode == 0
    ledger.write_text(
        "2000-01-01 open Income:Salary\n2000-01-01 open Assets:Retirement:Bob:Globex401k:Roth\n"
        + ledger.read_text()
    )
    again = _extract(folder, "-e", str(ledger))
    assert again.returncode == 0
    entries = [line for line in again.stdout.splitlines() if line.startswith("2024")]
    assert entries == []  # the transaction is printed commented out, as a duplicate
    assert '; 2024-01-15 * "Empower"' in again.stdout
