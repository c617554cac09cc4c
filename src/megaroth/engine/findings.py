"""Findings: limits crossed and the steps of the participant's checklist done wrong.

Each finding has a stable ``check`` name, a severity, a message that says what to do, and
the entry it is about, so it shows on fava's Errors page with a link. Warnings say so at the
start of their message. The checks are in :mod:`~megaroth.engine.limit_checks` and
:mod:`~megaroth.engine.checklist`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from beancount.core import data

from megaroth.errors import MegarothError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str
    message: str
    meta: data.Meta
    entry: data.Directive | None
    year: int | None = None  # the tax year it is about; None for every year
    # The people and plan or IRA accounts it concerns.
    about: frozenset[str] = frozenset()

    def as_error(self) -> MegarothError:
        prefix = "Warning: " if self.severity is Severity.WARNING else ""
        return MegarothError(self.meta, prefix + self.message, self.entry, self.check)


def money(amount: Decimal) -> str:
    """An amount as messages write it: thousands separators, two decimals."""
    return f"{amount:,.2f}"


def about(*names: str | None) -> frozenset[str]:
    """The people and accounts a finding concerns (unknown ones left out)."""
    return frozenset(name for name in names if name)
