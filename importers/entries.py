"""Ledger entries from statement rows, in the forms the megaroth plugins recognise.

Rows of one date and one action become one transaction: a payroll's contributions to every
source, a dividend, a fee, a set of transfers (an exchange between funds, or a conversion
from after-tax to in-plan Roth, with both legs in one transaction so the basis stage sees
the movement), a distribution. Fund units are bought at cost (``{cost}``) and sold at the
statement's price (``{} @ price``), the difference going to the gains account; unit prices
also become ``price`` entries. Every entry carries a ``megaroth-id`` made from its rows, so an
overlapping statement imported again adds nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from beancount.core import data, flags
from beancount.core.amount import Amount
from beancount.core.number import MISSING
from beancount.core.position import CostSpec

from megaroth.importers.config import PlanConfig
from megaroth.importers.rows import Action, Row, StatementError
from megaroth.tax.sources import SourceKind
from megaroth.vocabulary import IMPORT_ID, NONDEDUCTIBLE, TAX_YEAR

ID_KEY = IMPORT_ID
# Beancount's marker for "fill this in" (an interpolated amount, a cost to match: `{}`).
_MISSING: Any = MISSING
COST_PLACES = Decimal("0.000001")
CENT = Decimal("0.01")

_OFFSET_ACCOUNT = {
    Action.DIVIDEND: "dividends_account",
    Action.INTEREST: "interest_account",
    Action.MARKET_VALUE: "market_value_account",
    Action.FEE: "fees_account",
    Action.DISTRIBUTION: "distribution_account",
    Action.JOURNAL: "transfer_account",
}
#: Trades inside one account: the cash leg is the account's (or source's) own.
_TRADES = (Action.BUY, Action.SELL)
#: A plan loan and its repayments move money between a source's funds and its loan
#: receivable (``{plan}:{Source}:Loan``), inside the plan: neither a distribution nor a
#: contribution.
_LOANS = (Action.LOAN, Action.LOAN_REPAYMENT)


def build_entries(rows: Sequence[Row], config: PlanConfig, payee: str) -> list[data.Directive]:
    """Transactions and prices for a statement's rows."""
    groups: dict[tuple[object, Action, int | None], list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.date, row.action, row.tax_year].append(row)
    groups = _journals_apart(groups)
    seen: Counter[str] = Counter()
    entries: list[data.Directive] = []
    for (_, action, _), group in sorted(groups.items(), key=lambda item: _group_order(item[1])):
        entries.append(_transaction(group, action, config, payee, seen))
    entries.extend(prices(rows, config))
    return entries


def _journals_apart(
    groups: dict[tuple[object, Action, int | None], list[Row]],
) -> dict[tuple[object, Action, int | None], list[Row]]:
    """A day's journals are one transaction when they net to nothing (both halves of a
    transfer between two accounts of the same statement), else one each: each half then
    meets its other half, in another account's statement, by its own link."""
    apart: dict[tuple[object, Action, int | None], list[Row]] = {}
    for key, rows in groups.items():
        if key[1] is not Action.JOURNAL or sum(row.amount for row in rows) == 0:
            apart[key] = rows
            continue
        for row in rows:
            apart[(row.date, row.action, row.lineno)] = [row]
    return apart


def _group_order(group: list[Row]) -> tuple[object, int]:
    return group[0].date, min(row.lineno for row in group)


def _transaction(
    rows: list[Row], action: Action, config: PlanConfig, payee: str, seen: Counter[str]
) -> data.Transaction:
    if action in (*_TRADES, *_LOANS):
        # A buy or a repayment brings units in, a sale or a loan takes them out, whatever
        # sign the file writes.
        sign = 1 if action in (Action.BUY, Action.LOAN_REPAYMENT) else -1
        rows = [replace(row, amount=sign * abs(row.amount)) for row in rows]
    sells = any(row.amount < 0 and row.units for row in rows) and config.units_style
    # With a gains leg left for Beancount to fill in, a bought lot needs its unit cost:
    # Beancount fills in one missing number per transaction, not two.
    postings = [_posting(row, config, total_cost=not sells) for row in rows]
    sells = any(p.price is not None for p in postings)
    total = sum((row.amount for row in rows), Decimal(0))
    links = data.EMPTY_SET
    if action in _TRADES:
        postings += [_plain(_cash_account(row, config), Amount(-row.amount, config.currency))
                     for row in rows]  # fmt: skip
    elif action in _LOANS:
        postings += [_plain(config.loan_account(row), Amount(-row.amount, config.currency))
                     for row in rows]  # fmt: skip
    elif action is Action.CONTRIBUTION:
        postings += _funding(rows, config)
    elif action is Action.TRANSFER:
        if abs(total) > CENT * len(rows):
            first = rows[0]
            raise StatementError(
                first.filename,
                first.lineno,
                f"the transfers of {first.date} add up to {total:,.2f}, not zero, so they "
                "can't be one exchange or conversion. Check that every leg of it is in the "
                "file.",
            )
    elif action is Action.JOURNAL and not total:
        pass  # both halves are here: money moved between two accounts of this statement
    else:
        offset = getattr(config, _OFFSET_ACCOUNT[action])
        postings.append(_plain(offset, Amount(-total, config.currency)))
        if action is Action.JOURNAL:
            # The other half is in another account's statement: the same link joins them
            # into one movement (a conversion between two IRAs, say).
            links = frozenset({f"transfer-{rows[0].date}-{abs(total):.2f}"})
    if sells:
        postings.append(data.Posting(config.gains_account, None, None, None, None, None))
    first = rows[0]
    extra: dict[str, object] = {ID_KEY: _id(rows, payee, seen)}
    if action is Action.CONTRIBUTION and config.nondeductible:
        extra[NONDEDUCTIBLE] = True
    tax_years = {row.tax_year for row in rows if row.tax_year is not None}
    if action is Action.CONTRIBUTION and tax_years:
        extra[TAX_YEAR] = Decimal(max(tax_years))
    meta = data.new_metadata(first.filename, first.lineno, extra)
    narration = "; ".join(dict.fromkeys(row.description for row in rows if row.description))
    return data.Transaction(
        meta,
        first.date,
        flags.FLAG_OKAY,
        payee,
        narration,
        data.EMPTY_SET,
        links,
        postings,
    )


def _plain(account: str, units: Amount) -> data.Posting:
    return data.Posting(account, units, None, None, None, None)


def _posting(row: Row, config: PlanConfig, total_cost: bool = True) -> data.Posting:
    whole = config.whole_account(row)
    kind = None if whole else config.source_kind(row)
    if not config.units_style or row.units is None or not row.fund:
        account = whole or config.source_account(_known(kind), None)
        return _plain(account, Amount(row.amount, config.currency))
    commodity = config.commodity(row)
    account = f"{whole}:{commodity}" if whole else config.source_account(_known(kind), commodity)
    units = row.units if row.amount >= 0 else -abs(row.units)
    if not units:
        raise StatementError(
            row.filename, row.lineno, f"a {row.action} of {row.amount} with 0 units."
        )
    per_unit = _per_unit(row, abs(units))
    if units > 0:
        if units * per_unit == row.amount or not total_cost:
            cost = CostSpec(per_unit, None, config.currency, None, None, False)
        else:  # the total the statement gives, exactly: {{2000.00 USD}}, printed {0 # 2000.00 USD}
            cost = CostSpec(Decimal(0), row.amount, config.currency, None, None, False)
        return data.Posting(account, Amount(units, commodity), cost, None, None, None)
    spec = CostSpec(_MISSING, None, _MISSING, None, None, False)
    price = Amount(per_unit, config.currency)
    return data.Posting(account, Amount(units, commodity), spec, price, None, None)


def _cash_account(row: Row, config: PlanConfig) -> str:
    """Where an account (or a plan source) keeps its cash: the account itself."""
    return config.whole_account(row) or config.source_account(config.source_kind(row), None)


def _known(kind: SourceKind | None) -> SourceKind:
    if kind is None:  # pragma: no cover - whole accounts never reach here
        raise ValueError("a source kind is needed here")
    return kind


def _per_unit(row: Row, units: Decimal) -> Decimal:
    """The unit price that makes units x price the row's amount.

    The statement's price only when the product is exact: rounded products could leave a
    multi-leg transaction a fraction of a cent out of balance.
    """
    amount = abs(row.amount)
    if row.price and units * row.price == amount:
        return row.price
    return (amount / units).quantize(COST_PLACES)


def _funding(rows: Iterable[Row], config: PlanConfig) -> list[data.Posting]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        if config.whole_account(row):
            funding = config.funding_account(None)
        else:
            funding = config.funding_account(config.source_kind(row))
        totals[funding] += row.amount
    return [_plain(account, Amount(-amount, config.currency)) for account, amount in totals.items()]


def _id(rows: list[Row], payee: str, seen: Counter[str]) -> str:
    """A stable id from what the rows say (not where they sit in the file)."""
    signature = "|".join(
        sorted(f"{row.action}/{row.source}/{row.fund}/{row.units}/{row.amount}" for row in rows)
    )
    digest = hashlib.sha1(f"{payee}|{rows[0].date}|{signature}".encode()).hexdigest()[:12]
    seen[digest] += 1
    suffix = f"-{seen[digest]}" if seen[digest] > 1 else ""
    return f"{payee.lower().replace(' ', '-')}:{rows[0].date}:{digest}{suffix}"


def prices(rows: Sequence[Row], config: PlanConfig) -> list[data.Directive]:
    """A ``price`` entry per date and fund from the rows' unit prices (units style only)."""
    if not config.units_style:
        return []
    prices: dict[tuple[object, str], tuple[Row, Decimal]] = {}
    for row in rows:
        if row.price and row.fund:
            prices.setdefault((row.date, config.commodity(row)), (row, row.price))
    ordered = sorted(prices.items(), key=lambda item: (item[1][0].date, item[0][1]))
    return [
        data.Price(
            data.new_metadata(row.filename, row.lineno),
            row.date,
            commodity,
            Amount(price, config.currency),
        )
        for (_, commodity), (row, price) in ordered
    ]


def mark_duplicates(entries: list[data.Directive], existing: Iterable[data.Directive]) -> None:
    """Mark entries already in the ledger: transactions by id, prices by date and commodity."""
    ids = set()
    prices = set()
    for entry in existing:
        if isinstance(entry, data.Transaction) and ID_KEY in entry.meta:
            ids.add(entry.meta[ID_KEY])
        elif isinstance(entry, data.Price):
            prices.add((entry.date, entry.currency))
    for entry in entries:
        if (isinstance(entry, data.Transaction) and entry.meta.get(ID_KEY) in ids) or (
            isinstance(entry, data.Price) and (entry.date, entry.currency) in prices
        ):
            entry.meta["__duplicate__"] = True
