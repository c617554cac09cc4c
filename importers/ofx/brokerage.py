"""A brokerage IRA's OFX/QFX download (Fidelity, Schwab, Vanguard brokerage...).

One file may hold several accounts (a traditional and a Roth IRA, a taxable account), each
its own <INVSTMTRS>; the PlanConfig's ``accounts=`` maps each <ACCTID> to a whole ledger
account, and the transactions of accounts it doesn't map are skipped, by name. Cash is the
account itself, securities ``{account}:{TICKER}``. See :mod:`megaroth.importers.ofx` for
the configuration.
"""

from __future__ import annotations

import re
from collections import ChainMap, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from megaroth.importers.config import PlanConfig
from megaroth.importers.labels import how_to_map, label_key, lookup, read_actions
from megaroth.importers.ofx.common import OfxImporter, zero_reason
from megaroth.importers.ofx.plan import cents
from megaroth.importers.ofx.read import OfxFile, OfxStatement, Position, Sniff, Transaction
from megaroth.importers.rows import Action, Row, Statement, StatementError

#: Buys and sales: trades inside one account.
_TRADES: dict[str, Action] = {
    "BUYMF": Action.BUY,
    "BUYSTOCK": Action.BUY,
    "BUYOTHER": Action.BUY,
    "BUYDEBT": Action.BUY,
    "SELLMF": Action.SELL,
    "SELLSTOCK": Action.SELL,
    "SELLOTHER": Action.SELL,
    "SELLDEBT": Action.SELL,
}
#: Bank transactions whose type says what they are; the others move money in or out.
_BANK_ACTIONS = {
    "INT": Action.INTEREST,
    "DIV": Action.DIVIDEND,
    "FEE": Action.FEE,
    "SRVCHG": Action.FEE,
}
#: Words of a memo that say what money in or out of an account is, when actions= doesn't.
_MOVEMENT_WORDS = (
    (re.compile(r"\bcontribution", re.IGNORECASE), Action.CONTRIBUTION),
    (re.compile(r"\bconver(?:sion|ted)\b|\bjournal", re.IGNORECASE), Action.JOURNAL),
    (re.compile(r"\b(?:distribution|withdrawal)", re.IGNORECASE), Action.DISTRIBUTION),
)
#: Journals between an account's own sub-accounts (cash and margin): nothing leaves it.
_SUB_ACCOUNT_JOURNALS = ("JRNLFUND", "JRNLSEC")
_KINDS = (*_TRADES, "REINVEST", "INCOME", "INVEXPENSE", "INVBANKTRAN", "TRANSFER")
#: A ticker Beancount can take as a commodity name as it is.
_COMMODITY = re.compile(r"[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]")
#: The batch of a journal joined with its other half in the same file.
_BETWEEN_ACCOUNTS = "between accounts"


@dataclass(frozen=True)
class _Holding:
    """What a transaction moves: a security's units at a price, or cash (no fund)."""

    fund: str = ""
    units: Decimal | None = None
    price: Decimal | None = None


class BrokerageOfxImporter(OfxImporter):
    """A broker's OFX/QFX of the IRAs named in the PlanConfig's ``accounts=``."""

    def __init__(
        self,
        config: PlanConfig,
        *,
        payee: str | None = None,
        layout: str | None = None,
        actions: Mapping[str, str] | None = None,
    ) -> None:
        # Securities are kept as their tickers: each one read joins funds= (after the
        # user's own entries), so the entries can name its commodity.
        self._tickers: dict[str, str] = {}
        self.own_funds = dict(config.funds)
        funds = ChainMap(self.own_funds, self._tickers)
        super().__init__(
            replace(config, funds=funds),
            payee=payee,
            layout=layout,
            account_ids=tuple(config.accounts),
        )
        self.actions = read_actions("BrokerageOfxImporter actions=", actions, ignore=True)

    def accepts(self, found: Sniff) -> bool:
        """An investment statement that is no 401(k)'s, of an account in accounts=."""
        return found.is_investment and not found.is_401k and bool(self.account_ids)

    def position_commodity(self, ofx: OfxFile, position: Position) -> str | None:
        """Holdings of the mapped accounts, as their commodity; others make no price."""
        if lookup(self.config.accounts, position.account_id) is None:
            return None
        security = ofx.security(position.uniqueid)
        found = lookup(self.own_funds, *security.labels)
        if found is not None:
            return found[1]
        return security.ticker if _COMMODITY.fullmatch(security.ticker) else None

    def statement(self, ofx: OfxFile) -> Statement:
        result = Statement()
        rows = []
        for statement in ofx.statements:
            for transaction in statement.transactions:
                read = self._read(ofx, statement, transaction)
                if isinstance(read, str):
                    result.skip(ofx.path, transaction.lineno, read)
                else:
                    rows.append(read)
        result.rows = _join_journals(rows)
        return result

    def _read(self, ofx: OfxFile, statement: OfxStatement, transaction: Transaction) -> Row | str:
        """The transaction's row, or why it is skipped."""
        if lookup(self.config.accounts, statement.account_id) is None:
            return f"another account ({statement.account_id}), not in accounts= of this import"
        if transaction.kind in _SUB_ACCOUNT_JOURNALS:
            return "a journal between the sub-accounts of one account: nothing leaves it"
        if transaction.kind not in _KINDS:
            raise StatementError(
                ofx.path,
                transaction.lineno,
                f"transaction FITID {transaction.fitid} (<{transaction.kind}>) is not a kind "
                f"of transaction megaroth reads from an IRA statement (it reads "
                f"{', '.join(_KINDS)}). Enter it in your ledger by hand, and import a "
                "download that leaves it out.",
            )
        if transaction.moves_nothing:
            return zero_reason(transaction)
        if transaction.date is None:
            raise StatementError(ofx.path, transaction.lineno, f"{transaction.which} has no date.")
        self.check_start(ofx.path, transaction, statement)
        action, amount, holding = self._what(ofx, transaction)
        if action is None:
            return f"ignored by actions= ({_label(transaction)})"
        return Row(
            filename=ofx.path,
            lineno=transaction.lineno,
            date=transaction.date,
            action=action,
            source=statement.account_id,
            fund=holding.fund,
            units=holding.units,
            price=holding.price,
            amount=amount,
            description=_description(ofx, transaction),
            batch=statement.account_id,
        )

    def _what(
        self, ofx: OfxFile, transaction: Transaction
    ) -> tuple[Action | None, Decimal, _Holding]:
        """What the transaction did (None: ignored by actions=), its signed amount and
        what it moved."""
        kind = transaction.kind
        if kind in _TRADES:
            return self._trade(ofx, transaction)
        if kind == "REINVEST":
            amount = abs(self._total(ofx, transaction))
            return _income(transaction), amount, self._units(ofx, transaction)
        if kind == "INCOME":
            return _income(transaction), self._total(ofx, transaction), _Holding()
        if kind == "INVEXPENSE":
            return Action.FEE, -abs(self._total(ofx, transaction)), _Holding()
        if kind == "TRANSFER":
            return self._transfer(ofx, transaction)
        return self._bank(ofx, transaction)

    def _trade(self, ofx: OfxFile, transaction: Transaction) -> tuple[Action, Decimal, _Holding]:
        """Units in for cash (a buy), or out (a sale: a negative amount)."""
        action = _TRADES[transaction.kind]
        amount = abs(self._total(ofx, transaction))
        sign = 1 if action is Action.BUY else -1
        return action, sign * amount, self._units(ofx, transaction)

    def _transfer(
        self, ofx: OfxFile, transaction: Transaction
    ) -> tuple[Action | None, Decimal, _Holding]:
        """Securities moved in or out, valued at units times price (OFX gives no total)."""
        holding = self._units(ofx, transaction, needs_price=True)
        amount = cents((holding.units or Decimal(0)) * (holding.price or Decimal(0)))
        amount = -amount if transaction.tferaction == "OUT" else amount
        return self._movement(ofx.path, transaction, amount), amount, holding

    def _bank(
        self, ofx: OfxFile, transaction: Transaction
    ) -> tuple[Action | None, Decimal, _Holding]:
        """Cash in or out: interest, a dividend or a fee by its type (unless actions= says
        otherwise), else a movement."""
        amount = self._total(ofx, transaction)
        typed = _BANK_ACTIONS.get(transaction.trntype)
        if typed is not None and self._configured(transaction) is None:
            return typed, -abs(amount) if typed is Action.FEE else amount, _Holding()
        return self._movement(ofx.path, transaction, amount), amount, _Holding()

    def _configured(self, transaction: Transaction) -> str | None:
        """The memo, name or type that actions= maps, if one is."""
        labels = (transaction.memo, transaction.name, transaction.trntype)
        return next((label for label in labels if label_key(label) in self.actions), None)

    def _movement(self, path: str, transaction: Transaction, amount: Decimal) -> Action | None:
        """Money in or out: by actions=, else by the words of its memo or name."""
        configured = self._configured(transaction)
        if configured is not None:
            return self.actions[label_key(configured)]
        text = f"{transaction.memo} {transaction.name}"
        for words, action in _MOVEMENT_WORDS:
            if words.search(text):
                return action
        label = _label(transaction)
        raise StatementError(
            path,
            transaction.lineno,
            f"{transaction.which} moves {abs(amount):,.2f} "
            f"{'into' if amount > 0 else 'out of'} the account ({label!r}), and megaroth "
            "can't tell a contribution from money moved to or from another account of yours "
            "(a rollover, a conversion: a journal) or a distribution. "
            + how_to_map(label, "actions", "in the BrokerageOfxImporter(...) of your import.py",
                         ignore=True),
        )  # fmt: skip

    def _units(self, ofx: OfxFile, transaction: Transaction, needs_price: bool = False) -> _Holding:
        if needs_price and transaction.unitprice is None:
            raise StatementError(
                ofx.path,
                transaction.lineno,
                f"{transaction.which} moves {transaction.units} units of "
                f"{ofx.security(transaction.uniqueid).label!r} but has no <UNITPRICE>, and "
                "megaroth needs the price to value them. Download the file again, or enter "
                "this transfer by hand.",
            )
        units = transaction.units
        return _Holding(
            self._fund(ofx, transaction),
            abs(units) if units is not None else None,
            transaction.unitprice,
        )

    def _fund(self, ofx: OfxFile, transaction: Transaction) -> str:
        """The security's label in funds=, else its ticker (kept as the commodity)."""
        security = ofx.security(transaction.uniqueid)
        found = lookup(self.own_funds, *security.labels)
        if found is not None:
            return found[0]
        if _COMMODITY.fullmatch(security.ticker):
            self._tickers[security.ticker] = security.ticker
            return security.ticker
        name = security.label
        raise StatementError(
            ofx.path,
            transaction.lineno,
            f"{transaction.which} is in {name!r} (ticker {security.ticker or 'none'}, "
            f"{security.uniqueid or 'no id'}), which has no ticker Beancount can take as a "
            f'commodity. Add  "{name}": "TICKER",  to funds= {self.config.where}.',
        )

    def _total(self, ofx: OfxFile, transaction: Transaction) -> Decimal:
        if transaction.total is None:
            raise StatementError(
                ofx.path,
                transaction.lineno,
                f"{transaction.which} has no <TOTAL>. Download the file again, or enter "
                "this transaction by hand.",
            )
        return cents(transaction.total)


def _income(transaction: Transaction) -> Action:
    """Interest is interest; dividends and capital-gain distributions are dividends."""
    return Action.INTEREST if transaction.incometype == "INTEREST" else Action.DIVIDEND


def _label(transaction: Transaction) -> str:
    return transaction.memo or transaction.name or transaction.trntype or transaction.kind


def _description(ofx: OfxFile, transaction: Transaction) -> str:
    """The memo (or a bank transaction's name), else the kind and the security."""
    text = transaction.memo or transaction.name
    if text:
        return text
    security = ofx.security(transaction.uniqueid).label if transaction.uniqueid else ""
    return " ".join(part for part in (transaction.kind, security) if part)


def _join_journals(rows: Sequence[Row]) -> list[Row]:
    """A journal out of one of the file's accounts and one into another, on one date, of
    the same amount and units, become one transaction (a conversion between two IRAs):
    both legs in one entry, as the plugins need. The others stay journals, each linked to
    its other half in another statement."""
    ins: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.action is Action.JOURNAL and row.amount > 0:
            ins[_journal_key(row, row.amount)].append(index)
    joined = list(rows)
    for index, row in enumerate(rows):
        if row.action is not Action.JOURNAL or row.amount >= 0:
            continue
        waiting = ins.get(_journal_key(row, -row.amount), [])
        other = next((i for i in waiting if rows[i].source != row.source), None)
        if other is None:
            continue
        waiting.remove(other)
        for at in (index, other):
            joined[at] = replace(rows[at], action=Action.TRANSFER, batch=_BETWEEN_ACCOUNTS)
    return joined


def _journal_key(row: Row, amount: Decimal) -> tuple[object, ...]:
    return row.date, row.fund, row.units, amount
