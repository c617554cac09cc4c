"""The one error type megaroth reports through Beancount.

Every problem megaroth finds, from an Open it can't read to a 402(g) excess, is a
:class:`MegarothError`: Beancount prints it with the entry it is about, and fava's Errors page
links ``source`` (the entry's file and line) to the ledger. ``check`` names what found it, so
a test or a tool can pick errors out without parsing messages.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from beancount.core import data


class Reader(StrEnum):
    """The checks that read the ledger's declarations and transactions."""

    HOUSEHOLD = "household"  # people, plans, IRAs and their money sources
    BASIS = "basis"  # a transaction the basis engine can't follow
    SETTINGS = "settings"  # the plugin's configuration string
    FACTS = "facts"  # compensation, MAGI, FICA wages
    IRA_BASIS = "ira-basis"  # IRA basis from before the ledger
    FORM = "form"  # a 1099-R or 5498 that can't be read
    FORM_MISMATCH = "form-mismatch"  # a form that disagrees with the ledger
    FORM_UNEXPECTED = "form-unexpected"  # a form with nothing behind it
    INTERNAL = "internal"  # megaroth itself failed: a bug to report


class MegarothError(NamedTuple):
    """A problem, on the entry it is about (Beancount's error shape, plus ``check``)."""

    source: data.Meta
    message: str
    entry: data.Directive | None
    check: str


def error_on(entry: data.Directive, message: str, check: str) -> MegarothError:
    """An error pointing at ``entry``."""
    return MegarothError(entry.meta, message, entry, check)


def as_written(value: object) -> str:
    """A ledger value in a message as it is written in the ledger: 2022, "2022", TRUE,
    1000.00 USD (not Python's Decimal('2022'))."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
