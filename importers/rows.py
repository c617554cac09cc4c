"""Statement rows, normalised: what every importer turns its file into.

:mod:`megaroth.importers.entries` turns rows into ledger entries. Any value that can't be
read stops the import with a :class:`StatementError` naming the file, line, column and
value, and what would fix it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from beangulp.exceptions import Error

from megaroth.importers.inert import has_markup, inert


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
    BUY = "buy"  # cash buys fund units, inside one account (a brokerage IRA)
    SELL = "sell"  # fund units sold for cash, inside one account
    INTEREST = "interest"  # cash interest earned
    JOURNAL = "journal"  # to or from another account of yours, in another statement
    LOAN = "loan"  # a plan loan: fund units sold into the source's loan receivable
    LOAN_REPAYMENT = "loan-repayment"  # a repayment: fund units bought, the loan paid down


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
    # Rows of different batches never share a transaction (a payroll split per money source).
    batch: str = ""
    # An IRA contribution made January to April for the year before ("PRIOR YEAR").
    tax_year: int | None = None
    # The text fields whose markup was made inert (see below), for the extract summary.
    neutralised: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Every row's statement text is made inert here, where all importers' rows are
        made: a description becomes a narration that fava shows unescaped, and labels are
        quoted in messages (:mod:`megaroth.importers.inert`). The fields changed are kept, so
        the summary can say which lines held markup."""
        changed = [name for name in TEXT_FIELDS if has_markup(getattr(self, name))]
        for name in changed:
            object.__setattr__(self, name, inert(getattr(self, name)))
        if changed:
            object.__setattr__(self, "neutralised", tuple(sorted({*self.neutralised, *changed})))


#: The fields of a Row that hold a statement's own words.
TEXT_FIELDS = ("description", "source", "fund")


@dataclass(frozen=True)
class Skipped:
    """A statement line that is not a transaction, and why (a 0.00 transfer, a totals line)."""

    filename: str
    lineno: int
    reason: str


@dataclass
class Statement:
    """What a statement holds: its rows, and every other line it has, each with its reason.

    Every data line of a file is one or the other (or stops the import): nothing is dropped
    in silence.
    """

    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, filename: str, lineno: int, reason: str) -> None:
        self.skipped.append(Skipped(filename, lineno, reason))
