"""Shared fixtures: inline ledgers loaded by the real Beancount loader."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from beancount import loader

REPO = Path(__file__).resolve().parent.parent
DEMO_LEDGER = REPO / "ledger" / "main.beancount"


def load(text: str) -> tuple[list[Any], list[Any], dict[str, Any]]:
    """Load an inline ledger (dedented) exactly as bean-check would."""
    return loader.load_string(textwrap.dedent(text))


def messages(errors: list[Any]) -> list[str]:
    return [error.message for error in errors]


def without_findings(errors: list[Any]) -> list[Any]:
    """The errors, less the limits stage's findings (for tests about something else)."""
    from megaroth.errors import MegarothError, Reader

    readers = {reader.value for reader in Reader}
    return [e for e in errors if not isinstance(e, MegarothError) or e.check in readers]


@pytest.fixture(scope="session")
def demo_ledger() -> Path:
    return DEMO_LEDGER


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """What the fuzzers and hostile-input tests tried, for the README's reliability table."""
    from tests.fuzz.tally import TRIED

    if TRIED:
        terminalreporter.section("megaroth: inputs tried")
        for what, count in TRIED.items():
            terminalreporter.write_line(f"{count:>7}  {what}")


def build_report(analysis: Any, year: int, person: str | None = None) -> dict[str, Any]:
    """The report's JSON object, as ``megaroth report --format json`` prints it."""
    from megaroth.report.as_json import as_json
    from megaroth.report.build import build_packet

    return as_json(build_packet(analysis, year, person))
