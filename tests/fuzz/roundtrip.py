"""Every entry, as the plugins leave it, prints with Beancount's printer and parses back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beancount.parser import parser, printer

from tests.fuzz.tally import TRIED


def assert_prints_and_parses_back(entries: Sequence[Any]) -> None:
    """What ``bean-query PRINT`` and bean-check's error output do with each entry."""
    TRIED["entries printed and parsed back"] += len(entries)
    for entry in entries:
        text = printer.format_entry(entry)  # raises on a value type it can't write
        _, errors, _ = parser.parse_string(text)
        assert errors == [], text
