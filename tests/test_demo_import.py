"""The demo's transactions are exactly what its importers make of its statements."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from beancount.parser import parser

from tests.conftest import DEMO_LEDGER

FOLDER = DEMO_LEDGER.parent
COMMITTED = FOLDER / "transactions.beancount"
ENTRY = re.compile(r"^\d{4}-\d{2}-\d{2} ", re.MULTILINE)
COMMENTED_ENTRY = re.compile(r"^; \d{4}-\d{2}-\d{2} ", re.MULTILINE)
ID = re.compile(r'^(;)?\s*megaroth-id: "([^"]+)"', re.MULTILINE)


def _import(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`python import.py extract statements ...`, run in the folder as the README says."""
    command = [sys.executable, "import.py", "extract", "statements", *options]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ledger"
    shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_importing_the_statements_gives_the_committed_transactions(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "transactions.beancount").unlink()
    result = _import(folder, "-o", "transactions.beancount")
    assert result.returncode == 0, result.stderr
    assert (folder / "transactions.beancount").read_bytes() == COMMITTED.read_bytes()


def test_importing_again_into_the_demo_adds_nothing(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    result = _import(folder, "-e", "main.beancount", "-o", "again.beancount")
    assert result.returncode == 0, result.stderr
    again = (folder / "again.beancount").read_text()
    # Nothing left uncommented: not one entry Beancount would read.
    entries, errors, _ = parser.parse_string(again)
    assert (entries, errors) == ([], [])
    assert ENTRY.search(again) is None
    # Every entry of the committed import is there, printed commented out as a duplicate.
    committed = COMMITTED.read_text()
    expected = len(ENTRY.findall(committed)) + len(COMMENTED_ENTRY.findall(committed))
    assert len(COMMENTED_ENTRY.findall(again)) == expected
    committed_ids = [found[1] for found in ID.findall(committed)]
    again_ids = ID.findall(again)
    # The demo's transactions, each with its statement's id: Alice 2 x (12 payrolls of 3
    # sources + 12 conversions + 4 dividends + 1 fee), Bob's 401(k) 2 x (12 payrolls + 4
    # dividends), Bob's IRAs 2 x (contribution, interest, conversion, 4 quarters).
    assert len(committed_ids) == 2 * 53 + 2 * 16 + 2 * 7 == 152
    assert all(commented == ";" for commented, _ in again_ids)
    assert sorted(found for _, found in again_ids) == sorted(committed_ids)
