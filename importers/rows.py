"""Statement rows, normalised: what every importer turns its file into.

:mod:`megaroth.importers.entries` turns rows into ledger entries. Any value that can't be
read stops the import with a :class:`StatementError` naming the file, line, column and
value, and what would fix it. Labels (activities, sources, funds) are matched as
:func:`label_key` writes them: case and runs of spaces don't matter.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from beangulp.exceptions import Error


class StatementError(Error):
    """A statement line megaroth can't read. beangulp prints it and imports nothing of it."""

    def __init__(self, filename: str, lineno: int, message: str) -> None:
        super().__init__(f"{filename}:{lineno}: {message}")  # type: ignore[no-untyped-call]
        self.filename = filename
        self.lineno = lineno


class Action(StrEnum):
    """What a statement row did, in megaroth's terms (the README, "Flows the plugins
    recognise")."""

    CONTRIBUTION = "contribution"  # money into a source from payroll
    DIVIDEND = "dividend"  # earnings reinvested
    MARKET_VALUE = "market-value"  # change in market value (dollar statements)
    FEE = "fee"  # recordkeeping or administrative fee
    TRANSFER = "transfer"  # between funds, or between sources (a conversion)
    DISTRIBUTION = "distribution"  # out of the plan: withdrawal or rollover out


#: The actions as users write them in ``actions=``, for error messages.
ACTION_NAMES = ", ".join(f'"{action.value}"' for action in Action)


@dataclass(frozen=True)
class Row:
    """One statement row. ``amount`` is signed: positive into the plan, negative out."""

    filename: str
    lineno: int
    date: datetime.date
    action: Action
    source: str
    fund: str
    units: Decimal | None
    price: Decimal | None
    amount: Decimal
    description: str


#: The word that leaves a row out, in ``actions=``.
IGNORE = "ignore"


def label_key(text: str) -> str:
    """A label as megaroth compares labels: lower case, single spaces."""
    return " ".join(text.lower().split())


def lookup(mapping: Mapping[str, str], *labels: str) -> tuple[str, str] | None:
    """The first label (as the file writes it) that the mapping has, and its value."""
    keyed = {label_key(key): value for key, value in mapping.items()}
    for label in labels:
        if label and label_key(label) in keyed:
            return label, keyed[label_key(label)]
    return None


def read_actions(
    owner: str, mapping: Mapping[str, str] | None, ignore: bool = False
) -> dict[str, Action | None]:
    """An importer's ``actions=`` (label -> action name), checked: a ValueError names the
    importer, the label and the names it may use."""
    names = f'{ACTION_NAMES}, "{IGNORE}"' if ignore else ACTION_NAMES
    actions: dict[str, Action | None] = {}
    for label, name in (mapping or {}).items():
        if ignore and name == IGNORE:
            actions[label_key(label)] = None
            continue
        try:
            actions[label_key(label)] = Action(name)
        except ValueError:
            raise ValueError(f"{owner} maps {label!r} to {name!r}; use one of {names}.") from None
    return actions
