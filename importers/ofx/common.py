"""What megaroth's OFX importers share: recognising a file by what it holds (never by the
institution's name, which says nothing of the account), reading it, the statement-start
check and the positions' prices.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Sequence
from typing import get_args

from beancount.core import data
from beancount.core.amount import Amount

from megaroth.importers.base import StatementImporter
from megaroth.importers.config import PlanConfig
from megaroth.importers.labels import label_key
from megaroth.importers.ofx.read import (
    OfxFile,
    OfxStatement,
    Position,
    Sniff,
    Transaction,
    read_ofx,
    sniff,
)
from megaroth.importers.rows import Statement, StatementError


def _literal_values(name: str) -> tuple[str, ...]:
    """The values a ``Literal`` field of PlanConfig takes, read from its own annotation (a
    string, as config.py postpones annotations), so that they are written only there."""
    annotation = PlanConfig.__dataclass_fields__[name].type
    if isinstance(annotation, str):
        return tuple(re.findall(r"""["']([^"']*)["']""", annotation))
    return tuple(get_args(annotation))


#: The values of PlanConfig's two OFX settings.
SAME_SOURCE_TRANSFERS = _literal_values("same_source_transfers")
BEFORE_STATEMENT = _literal_values("before_statement")


def quoted(values: Sequence[str]) -> str:
    return ", ".join(f'"{value}"' for value in values)


class OfxImporter(StatementImporter):
    """One plan's or one broker's OFX/QFX downloads."""

    payee = "Record-keeper"
    layout = "ofx"

    def __init__(
        self,
        config: PlanConfig,
        *,
        payee: str | None = None,
        layout: str | None = None,
        account_ids: Sequence[str] = (),
    ) -> None:
        _check_settings(config)
        super().__init__(config)
        self.payee = payee or self.payee
        # Archived files are named after the layout: the sender's, unless said otherwise.
        self.layout = layout or (_slug(payee) if payee else self.layout)
        # Files of other accounts (another plan's, an IRA's) look the same: their <ACCTID>
        # tells them apart.
        self.account_ids = tuple(account_ids)
        self._positions: dict[str, list[data.Price]] = {}

    def identify(self, filepath: str) -> bool:
        found = sniff(filepath)
        return found is not None and self.accepts(found) and self.holds_our_account(found)

    def holds_our_account(self, found: Sniff) -> bool:
        """Whether the file names one of ``account_ids`` (any file, when none are given)."""
        if not self.account_ids:
            return True
        ours = {label_key(account_id) for account_id in self.account_ids}
        return any(label_key(account_id) in ours for account_id in found.account_ids)

    @abstractmethod
    def accepts(self, found: Sniff) -> bool:
        """Whether a file of this kind is one this importer reads."""

    @abstractmethod
    def statement(self, ofx: OfxFile) -> Statement:
        """The file's rows and skipped transactions."""

    @abstractmethod
    def position_commodity(self, ofx: OfxFile, position: Position) -> str | None:
        """The commodity a holding is kept as, or None to make no price of it."""

    def read(self, filepath: str) -> Statement:
        ofx = read_ofx(filepath, self.payee)
        statement = self.statement(ofx)
        self._positions[filepath] = self._position_prices(ofx)
        return statement

    def entries(self, statement: Statement) -> data.Entries:
        """The transactions, and the positions' prices on dates the trades priced none."""
        entries = super().entries(statement)
        names = [row.filename for row in statement.rows]
        names += [line.filename for line in statement.skipped]
        filename = names[0] if names else ""
        priced = {(e.date, e.currency) for e in entries if isinstance(e, data.Price)}
        for price in self._positions.get(filename, []):
            if (price.date, price.currency) not in priced:
                priced.add((price.date, price.currency))
                entries.append(price)
        return entries

    def check_start(self, path: str, transaction: Transaction, statement: OfxStatement) -> None:
        """Stop at a transaction older than its statement (a fee charged a year before, a
        late correction), unless ``before_statement="import"`` takes it."""
        start, date = statement.start, transaction.date
        if start is None or date is None or date >= start or self._takes_early():
            return
        raise StatementError(
            path,
            transaction.lineno,
            f"{transaction.which} is dated before the statement starts ({start}, its "
            "<DTSTART>): a late entry, a correction, or one an earlier statement already "
            "holds. Check it against your statements for that date; to import it from this "
            f'file, set  before_statement="import"  {self.config.where} (one of: '
            f'{quoted(BEFORE_STATEMENT)}; the default, "error", stops here).',
        )

    def _takes_early(self) -> bool:
        return self.config.before_statement == "import"

    def _position_prices(self, ofx: OfxFile) -> list[data.Price]:
        prices = []
        for position in ofx.positions:
            commodity = self.position_commodity(ofx, position)
            if commodity is None or not position.price or position.date is None:
                continue
            prices.append(
                data.Price(
                    data.new_metadata(ofx.path, position.lineno),
                    position.date,
                    commodity,
                    Amount(position.price, self.config.currency),
                )
            )
        return prices


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "ofx"


def zero_reason(transaction: Transaction) -> str:
    """Why a transaction that moves nothing is skipped, in the summary's words."""
    what = transaction.memo or transaction.name or transaction.kind
    return f"moves nothing, 0 units and 0.00 ({what})"


def _check_settings(config: PlanConfig) -> None:
    """A mistyped OFX setting stops at once, with the values it may take."""
    for name, values in (
        ("same_source_transfers", SAME_SOURCE_TRANSFERS),
        ("before_statement", BEFORE_STATEMENT),
    ):
        value = getattr(config, name)
        if value not in values:
            raise ValueError(f"{name}={value!r} {config.where}; use one of {quoted(values)}.")
