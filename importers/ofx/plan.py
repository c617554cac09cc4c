"""A workplace plan's OFX/QFX download: 401(k) from any record-keeper, and 403(b).

BUYMF/BUYSTOCK/BUYOTHER are contributions, REINVEST and INCOME dividends,
SELLMF/SELLSTOCK/SELLOTHER withdrawals, INVEXPENSE fees, TRANSFER an exchange or (between two
sources on one date) a conversion, unless its memo names a fee or an expense (Vanguard's
``Investment Expense``), which makes it a fee. A transfer is valued at its units times its
<UNITPRICE> (OFX gives a transfer no <TOTAL>), rounded to the cent half up. See
:mod:`megaroth.importers.ofx` for the configuration.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from megaroth.importers.config import PlanConfig
from megaroth.importers.entries import CENT
from megaroth.importers.labels import how_to_map_source, lookup
from megaroth.importers.ofx.common import SAME_SOURCE_TRANSFERS, OfxImporter, quoted, zero_reason
from megaroth.importers.ofx.read import OfxFile, OfxStatement, Position, Sniff, Transaction
from megaroth.importers.rows import Action, Row, Statement, StatementError
from megaroth.tax.sources import SourceKind

#: OFX investment transactions and what they are in a plan.
PLAN_ACTIONS: dict[str, Action] = {
    "BUYMF": Action.CONTRIBUTION,
    "BUYSTOCK": Action.CONTRIBUTION,
    "BUYOTHER": Action.CONTRIBUTION,
    "REINVEST": Action.DIVIDEND,
    "INCOME": Action.DIVIDEND,
    "SELLMF": Action.DISTRIBUTION,
    "SELLSTOCK": Action.DISTRIBUTION,
    "SELLOTHER": Action.DISTRIBUTION,
    "INVEXPENSE": Action.FEE,
    "TRANSFER": Action.TRANSFER,
}
#: The kind each <INV401KSOURCE> code means by the OFX specification. OTHERVEST and
#: OTHERNONVEST mean whatever the plan uses them for (often Roth money): no kind is guessed.
OFX_SOURCE_KINDS = {
    "PRETAX": "pretax",
    "AFTERTAX": "after-tax",
    "MATCH": "match",
    "PROFITSHARING": "nonelective",
    "ROLLOVER": "rollover",
}
#: The label default_sources= gives every transaction of a file that names no source.
NO_SOURCE = "NONE"
#: The source label of the IN leg of a same-source pair read as an in-plan Roth conversion.
IRR_LABEL = "IRR (same_source_transfers)"
_OUTFLOWS = (Action.FEE, Action.DISTRIBUTION)
#: Narrations for transactions whose memo says nothing of them.
_KIND_NAMES = {
    "BUYMF": "Contribution",
    "BUYSTOCK": "Contribution",
    "BUYOTHER": "Contribution",
    "REINVEST": "Dividend reinvestment",
    "INCOME": "Dividend",
    "SELLMF": "Withdrawal",
    "SELLSTOCK": "Withdrawal",
    "SELLOTHER": "Withdrawal",
    "INVEXPENSE": "Fee",
    "TRANSFER": "Transfer",
}
# Vanguard's memo on most transactions: a note on pricing, not a description.
_PRICE_NOTE = re.compile(r"price as of date", re.IGNORECASE)
_FEE_MEMO = re.compile(r"\b(fees?|expenses?)\b", re.IGNORECASE)


def cents(amount: Decimal) -> Decimal:
    """An amount rounded to the cent, half up, as statements and forms round."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class PlanOfxImporter(OfxImporter):
    """One plan's OFX/QFX downloads, from any record-keeper.

    A 401(k) file is recognised by its content (<INV401K>, <INV401KBAL> or an
    <INV401KSOURCE>). A 403(b)'s is a plain investment statement, like a brokerage IRA's,
    so it is read only by an importer made with ``plain_investment=True``; give that one
    ``account_ids`` too when an IRA's OFX is imported beside it.
    """

    #: What the refusal of a plan in dollar balances says of the file.
    units_note = "OFX statements are in fund units"

    def __init__(
        self,
        config: PlanConfig,
        *,
        payee: str | None = None,
        layout: str | None = None,
        account_ids: Sequence[str] = (),
        plain_investment: bool = False,
    ) -> None:
        if config.same_source_transfers == "conversion-to-irr":
            config = replace(config, sources={IRR_LABEL: SourceKind.IRR.value, **config.sources})
        super().__init__(config, payee=payee, layout=layout, account_ids=account_ids)
        self.plain_investment = plain_investment

    def accepts(self, found: Sniff) -> bool:
        return found.is_401k or (self.plain_investment and found.is_investment)

    def position_commodity(self, ofx: OfxFile, position: Position) -> str | None:
        """Funds not in funds= make no price."""
        found = lookup(self.config.funds, *ofx.security(position.uniqueid).labels)
        return found[1] if found else None

    def statement(self, ofx: OfxFile) -> Statement:
        self.config.require_units(ofx.path, self.units_note)
        result = Statement()
        read: list[tuple[Transaction, Row]] = []
        for statement in ofx.statements:
            for transaction in statement.transactions:
                action = self._action(ofx.path, transaction)
                if transaction.moves_nothing:
                    result.skip(ofx.path, transaction.lineno, zero_reason(transaction))
                    continue
                read.append((transaction, self._row(ofx, statement, transaction, action)))
        result.rows = self._same_source_pairs(ofx.path, read)
        return result

    def _action(self, path: str, transaction: Transaction) -> Action:
        action = PLAN_ACTIONS.get(transaction.kind)
        if action is None:
            raise StatementError(
                path,
                transaction.lineno,
                f"transaction FITID {transaction.fitid} (<{transaction.kind}>) is not a kind "
                "of transaction megaroth reads from a plan's statement (it reads "
                f"{', '.join(PLAN_ACTIONS)}). Enter it in your ledger by hand, and import a "
                "download that leaves it out.",
            )
        return action

    def _row(
        self, ofx: OfxFile, statement: OfxStatement, transaction: Transaction, action: Action
    ) -> Row:
        path = ofx.path
        if transaction.date is None:
            raise StatementError(
                path, transaction.lineno, f"{transaction.which} has no trade date <DTTRADE>."
            )
        self.check_start(path, transaction, statement)
        source = self._source(path, transaction)
        fund = self._fund(ofx, transaction)
        amount, action = self._amount(path, transaction, fund, action)
        memo = transaction.memo
        units = transaction.units
        return Row(
            filename=path,
            lineno=transaction.lineno,
            date=transaction.date,
            action=action,
            source=source,
            fund=fund,
            units=abs(units) if units is not None else None,
            price=transaction.unitprice,
            amount=amount,
            description=(
                memo if memo and not _PRICE_NOTE.match(memo) else _KIND_NAMES[transaction.kind]
            ),
        )

    def _amount(
        self, path: str, transaction: Transaction, fund: str, action: Action
    ) -> tuple[Decimal, Action]:
        """The row's signed amount; a transfer whose memo names a fee or expense is a fee."""
        if transaction.kind == "TRANSFER":
            if transaction.unitprice is None:
                raise StatementError(
                    path,
                    transaction.lineno,
                    f"{transaction.which} moves {transaction.units} units of {fund!r} but has "
                    "no <UNITPRICE>, and megaroth needs the price to value them. Download the "
                    "file again, or enter this transfer by hand.",
                )
            amount = cents(abs(transaction.units or Decimal(0)) * transaction.unitprice)
            if transaction.tferaction == "OUT":
                amount = -amount
            return amount, Action.FEE if _FEE_MEMO.search(transaction.memo) else action
        total = _total(path, transaction)
        if transaction.kind == "INCOME":
            return cents(total), action  # a cash dividend: as the file signs it
        amount = cents(abs(total))
        return (-amount if action in _OUTFLOWS else amount), action

    def _source(self, path: str, transaction: Transaction) -> str:
        """The transaction's source label, as sources= or default_sources= knows it."""
        if transaction.source:
            if lookup(self.config.sources, transaction.source) is None:
                raise self._unmapped_code(path, transaction)
            return transaction.source
        found = lookup(self.config.sources, NO_SOURCE) or lookup(
            self.config.default_sources, transaction.kind, NO_SOURCE
        )
        if found is None:
            raise StatementError(
                path,
                transaction.lineno,
                f"{transaction.which} has no <INV401KSOURCE>: this file names no money "
                "source, so megaroth takes it from default_sources= (by kind of transaction, "
                f'"{transaction.kind}", or for all of them, "{NO_SOURCE}"), which has neither '
                f"for plan {self.config.account}. "
                + how_to_map_source(NO_SOURCE, "default_sources", self.config.where),
            )
        return found[0]

    def _unmapped_code(self, path: str, transaction: Transaction) -> StatementError:
        code = transaction.source
        return StatementError(
            path,
            transaction.lineno,
            f"{transaction.which} has <INV401KSOURCE>{code}, which has no mapping for plan "
            f"{self.config.account}. OFX has no code for Roth money, so say what it means in "
            "this plan. "
            + how_to_map_source(code, "sources", self.config.where, OFX_SOURCE_KINDS.get(code)),
        )

    def _fund(self, ofx: OfxFile, transaction: Transaction) -> str:
        """The fund's name, or the ticker or CUSIP when that is what funds= is keyed by;
        "" for cash that names no security."""
        if not transaction.uniqueid and transaction.units is None:
            return ""
        security = ofx.security(transaction.uniqueid)
        found = lookup(self.config.funds, *security.labels)
        if found is not None:
            return found[0]
        name = security.label
        raise StatementError(
            ofx.path,
            transaction.lineno,
            f"{transaction.which} is in fund {name!r} (ticker {security.ticker or 'none'}, "
            f"{security.uniqueid or 'no id'}), which has no commodity for plan "
            f'{self.config.account}. Add  "{name}": "TICKER",  to funds= in the '
            f'PlanConfig(account="{self.config.account}", ...) of your import.py.',
        )

    def _same_source_pairs(self, path: str, read: list[tuple[Transaction, Row]]) -> list[Row]:
        """The rows, with each same-source pair (a TRANSFER OUT and IN of the same units of
        one fund, on one date, in one source) as same_source_transfers= says."""
        rows = [row for _, row in read]
        setting = self.config.same_source_transfers
        for out, into in _pairs(rows):
            if setting == "error":
                raise self._pair_error(path, read[out][0], read[into][0], rows[out])
            if setting == "conversion-to-irr":
                rows[into] = replace(rows[into], source=IRR_LABEL)
        return rows

    def _pair_error(
        self, path: str, out: Transaction, into: Transaction, row: Row
    ) -> StatementError:
        return StatementError(
            path,
            out.lineno,
            f"{out.which} and transaction FITID {into.fitid} (line {into.lineno}) move the "
            f"same {row.units} units of {row.fund!r} out of and back into money source "
            f"{row.source}: the way a record-keeper shows after-tax money moved inside the "
            "plan, possibly an in-plan Roth conversion OFX has no code for. Read as an "
            "exchange they cancel out and the movement vanishes. Check the plan's "
            f'confirmation for {row.date}, then set  same_source_transfers="conversion-to-irr"'
            "  (the money went to the in-plan Roth source) or  "
            f'same_source_transfers="exchange"  (nothing moved) {self.config.where} (one of: '
            f"{quoted(SAME_SOURCE_TRANSFERS)}).",
        )


def _pairs(rows: Sequence[Row]) -> list[tuple[int, int]]:
    """Indexes of each TRANSFER OUT and the TRANSFER IN that undoes it (same date, fund,
    source and units)."""
    ins: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.action is Action.TRANSFER and row.amount > 0:
            ins[_pair_key(row)].append(index)
    pairs = []
    for index, row in enumerate(rows):
        waiting = ins.get(_pair_key(row))
        if row.action is Action.TRANSFER and row.amount < 0 and waiting:
            pairs.append((index, waiting.pop(0)))
    return pairs


def _pair_key(row: Row) -> tuple[object, ...]:
    return row.date, row.fund, row.source, row.units


def _total(path: str, transaction: Transaction) -> Decimal:
    if transaction.total is None:
        raise StatementError(
            path,
            transaction.lineno,
            f"{transaction.which} has no <TOTAL>. Download the file again, or enter this "
            "transaction by hand.",
        )
    return transaction.total
