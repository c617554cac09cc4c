"""Any record-keeper's or broker's CSV, with its columns, dates, signs and labels configured.

For Empower, Schwab, Principal, T. Rowe Price and the rest: say which column holds what,
how dates are written and what each activity means (named layouts for the downloads
megaroth has seen are in :mod:`megaroth.importers.layouts`)::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.generic import GenericImporter, Layout

    GenericImporter(
        PlanConfig(account="Assets:Retirement:Bob:Globex401k", sources={...}),
        Layout(
            header=("Date", "Activity", "Source", "Fund", "Units", "Price", "Amount"),
            date="Date", activity="Activity", source="Source", fund="Fund",
            units="Units", price="Price", amount="Amount",
            date_formats=("%m/%d/%Y",),
            actions={"Contribution": "contribution", "Dividend": "dividend",
                     "Fee": "fee", "Transfer": "transfer", "Roth Conversion": "transfer",
                     "Withdrawal": "distribution", "Gain/Loss": "market-value"},
            payee="Empower",
        ),
    )

- ``sign="inverted"`` reads files that show money into the plan as negative.
- Activities are matched after normalising case, spaces, ``&amp;`` and ``$``; an activity
  whose text embeds the fund (``REINVESTMENT VANGUARD TOTAL BOND (BND) (Cash)``) is matched
  by ``action_patterns=[(regex, action)]``, the regex's group ``symbol`` naming the fund.
- The action ``"in-or-out"`` is a contribution when money comes in and a distribution when
  it goes out (a bank transfer to or from an IRA).
- A file of several accounts names each row's account in ``account=`` (its column); one
  account's file may name it only in a title line before the header (``account_title=``, a
  regex whose first group is the account). The accounts are mapped in the PlanConfig's
  ``accounts=``; rows of an account not mapped there are skipped, and said so.
- A copy of a web table with no header line gives its columns in ``names=``; a
  tab-separated one ``delimiter="\\t"``.
- ``skip_values={"Ticker": "null"}`` names values that mark a row as no transaction (bad
  data some downloads carry); such rows are skipped, and said so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, read_text
from megaroth.importers.labels import how_to_map, label_key, lookup
from megaroth.importers.rows import ACTION_NAMES, Action, Row, Statement, StatementError

#: The pseudo-action for a flow whose direction decides what it is.
IN_OR_OUT = "in-or-out"


def _normal(text: str) -> str:
    """A label as compared: case, runs of spaces, ``&amp;`` and ``$`` don't matter."""
    return label_key(html.unescape(text).replace("$", ""))


@dataclass(frozen=True)
class Layout:
    """Which column holds what in one record-keeper's CSV."""

    header: Sequence[str]
    date: str
    activity: str
    amount: str
    actions: Mapping[str, str]
    source: str | None = None
    fund: str | None = None
    symbol: str | None = None
    units: str | None = None
    price: str | None = None
    account: str | None = None
    account_title: str | None = None
    action_patterns: Sequence[tuple[str, str]] = ()
    skip_values: Mapping[str, str] = field(default_factory=dict)
    delimiter: str = ","
    names: Sequence[str] = ()
    date_formats: Sequence[str] = ("%Y-%m-%d", "%m/%d/%Y")
    sign: Literal["signed", "inverted"] = "signed"
    payee: str = "Record-keeper"
    name: str = "generic"
    default_source: str | None = None

    def columns(self) -> list[str]:
        optional = (self.source, self.fund, self.symbol, self.units, self.price, self.account)
        return [self.date, self.activity, self.amount, *(c for c in optional if c)]


class GenericImporter(StatementImporter):
    """A CSV statement read through a :class:`Layout`."""

    def __init__(self, config: PlanConfig, layout: Layout) -> None:
        super().__init__(config)
        self.layout_spec = layout
        self.header = tuple(layout.header)
        self.payee = layout.payee
        self.layout = layout.name
        self._actions = {_normal(label): name for label, name in layout.actions.items()}
        self._patterns = [(re.compile(p, re.IGNORECASE), a) for p, a in layout.action_patterns]

    def identify(self, filepath: str) -> bool:
        if not self.layout_spec.header:
            return False  # a headerless copy: only the importer configured for it, by name
        return super().identify(filepath) and self._title_account(filepath) is not False

    def read(self, filepath: str) -> Statement:
        spec = self.layout_spec
        statement = Statement()
        title = self._title_account(filepath)
        lines = csv_lines(filepath, spec.header, spec.columns(), statement, spec.delimiter,
                          names=spec.names)  # fmt: skip
        for line in lines:
            if line.is_totals((spec.date, spec.activity, spec.amount)):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            reason = self._not_a_row(line, title)
            if reason:
                statement.skip(filepath, line.lineno, reason)
                continue
            statement.rows.append(self._row(filepath, line, title))
        return statement

    def _title_account(self, filepath: str) -> str | Literal[False] | None:
        """The account a title line names (None: the layout has none; False: not found)."""
        pattern = self.layout_spec.account_title
        if pattern is None:
            return None
        found = re.search(pattern, "\n".join(read_text(filepath).splitlines()[:5]))
        return found.group(1).strip() if found else False

    def _not_a_row(self, line: CsvLine, title: str | Literal[False] | None) -> str:
        """Why a line is no transaction of this import ("" if it is one)."""
        spec = self.layout_spec
        for column, value in spec.skip_values.items():
            if _normal(line.text(column)) == _normal(value):
                return f"marked {value!r} in {column!r}: not a transaction (bad data)"
        account = line.text(spec.account) if spec.account else title
        if account and self.config.accounts and lookup(self.config.accounts, account) is None:
            return f"another account ({account}), not in accounts= of this import"
        return ""

    def _row(self, path: str, line: CsvLine, title: str | Literal[False] | None) -> Row:
        spec = self.layout_spec
        amount = line.amount(spec.amount)
        units = line.number(spec.units) if spec.units else None
        price = line.number(spec.price) if spec.price else None
        if spec.sign == "inverted":
            amount = -amount
        activity = line.cells.get(spec.activity, "")
        action, embedded = self._action(path, line.lineno, activity, amount)
        account = line.text(spec.account) if spec.account else (title or "")
        source = line.cells.get(spec.source, "") if spec.source else ""
        fund = fund_name(line.cells.get(spec.fund, "")) if spec.fund else ""
        symbol = line.text(spec.symbol) if spec.symbol else ""
        return line.row(
            line.date(spec.date, spec.date_formats),
            action,
            account or source or spec.default_source or "",
            fund or symbol or embedded,
            amount,
            abs(units) if units is not None else None,
            abs(price) if price is not None else None,
            activity,
        )

    def _action(self, path: str, lineno: int, activity: str, amount: Decimal) -> tuple[Action, str]:
        """What a row did, and the fund its activity text names (if it embeds one)."""
        mapped, embedded = self._actions.get(_normal(activity)), ""
        for pattern, name in self._patterns if mapped is None else ():
            found = pattern.search(activity)
            if found:
                mapped = name
                embedded = found.groupdict().get("symbol") or ""
                break
        if mapped is None:
            raise StatementError(
                path,
                lineno,
                f"activity {activity!r} is not one megaroth knows for this layout. "
                + how_to_map(activity, "actions", "in the Layout of your import.py"),
            )
        if mapped == IN_OR_OUT:
            return (Action.CONTRIBUTION if amount > 0 else Action.DISTRIBUTION), embedded
        try:
            return Action(mapped), embedded
        except ValueError:
            raise StatementError(
                path,
                lineno,
                f"actions= maps {activity!r} to {mapped!r}; use one of {ACTION_NAMES}, "
                f'"{IN_OR_OUT}".',
            ) from None
