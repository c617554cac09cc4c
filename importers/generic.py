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
- An account's file may also name the account only in the file's name
  (``account_file_name=``, a regex over the name whose first group is the account; an
  underscore reads as a space). When the title or the name gives the account and the
  PlanConfig has ``accounts=``, only files of those accounts are identified, so two
  importers of one layout (two people's IRAs) never both claim a file. A file that names no
  account is identified only when ``default_source=`` says which account it is.
- ``description=`` names a free-text column that joins the activity in the narration.
- ``skip_activities={"Sweep in": "why"}`` passes over rows that move nothing this import
  follows, with the reason; ``unsupported={"Journaled Shares": "what to do"}`` stops the
  import at such a row with that advice (for activities no action can stand for).
- ``cash=("VMFXX",)`` names funds that are the account's cash (a broker's settlement fund):
  their rows carry no shares, and buying or selling them moves no money, so those rows are
  skipped, and said so.
- ``outflows=("Fund Transfer Out",)`` names activities whose money always leaves the
  account, whatever sign the file writes (a web table that shows every amount positive).
- A file that keeps several sections (Vanguard's holdings, then transactions, then more)
  ends its transactions at the next section's header line: that line and the lines after it
  are skipped as another section, and said so.
- A buy or a sale needs the account kept in fund units (``funds=``): in dollar balances its
  gains would be lost, so the import stops and says what to add.
"""

from __future__ import annotations

import csv
import functools
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import CellError, Dates, fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, has_header, read_text
from megaroth.importers.labels import how_to_map, label_key, lookup
from megaroth.importers.rows import ACTION_NAMES, Action, Row, Statement, StatementError

#: The pseudo-action for a flow whose direction decides what it is.
IN_OR_OUT = "in-or-out"


@functools.lru_cache(maxsize=4096)
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
    description: str | None = None
    account_file_name: str | None = None
    skip_activities: Mapping[str, str] = field(default_factory=dict)
    unsupported: Mapping[str, str] = field(default_factory=dict)
    cash: Sequence[str] = ()
    outflows: Sequence[str] = ()

    def columns(self) -> list[str]:
        optional = (self.source, self.fund, self.symbol, self.units, self.price, self.account,
                    self.description)  # fmt: skip
        return [self.date, self.activity, self.amount, *(c for c in optional if c)]


#: Trades: they need the account kept in fund units, and a zero unit count is an error.
_TRADES = (Action.BUY, Action.SELL)
#: What a file's name may end with: a download is a CSV; a copied web table, pasted into a
#: file, is often saved as text.
_SUFFIXES = {",": (".csv",), "\t": (".csv", ".tsv", ".txt")}


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
        self._skips = {_normal(label): reason for label, reason in layout.skip_activities.items()}
        self._unsupported = {_normal(label): why for label, why in layout.unsupported.items()}
        self._cash = {_normal(fund) for fund in layout.cash}
        self._outflows = {_normal(label) for label in layout.outflows}

    def identify(self, filepath: str) -> bool:
        spec = self.layout_spec
        if not filepath.lower().endswith(_SUFFIXES.get(spec.delimiter, (".csv",))):
            return False
        if spec.header:
            found = has_header(filepath, spec.header, delimiter=spec.delimiter)
        else:
            found = self._starts_with_a_row(filepath)
        if not found:
            return False
        named = self._named_account(filepath)
        if named is False:
            # A file that names no account is this importer's only when it says which one.
            return spec.default_source is not None
        if named and self.config.accounts:
            return lookup(self.config.accounts, named) is not None
        return True

    def _starts_with_a_row(self, filepath: str) -> bool:
        """Whether a file with no header line (a copied web table, ``names=``) starts with a
        line of this layout: as many cells as the names, a date, and an activity it knows."""
        spec = self.layout_spec
        try:
            text = read_text(filepath)
        except OSError:
            return False
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            cells = next(csv.reader([first], delimiter=spec.delimiter), [])
        except csv.Error:
            return False
        while cells and not cells[-1].strip() and len(cells) > len(spec.names):
            cells.pop()
        if not spec.names or len(cells) != len(spec.names):
            return False
        named = dict(zip(spec.names, (cell.strip() for cell in cells), strict=True))
        try:
            Dates(spec.date, formats=spec.date_formats).parse(named.get(spec.date, ""))
        except CellError:
            return False
        activity = named.get(spec.activity, "")
        return _normal(activity) in self._actions or any(
            pattern.search(activity) for pattern, _ in self._patterns
        )

    def read(self, filepath: str) -> Statement:
        spec = self.layout_spec
        statement = Statement()
        named = self._named_account(filepath)
        title = spec.default_source if named is False else named
        lines = csv_lines(filepath, spec.header, spec.columns(), statement, spec.delimiter,
                          names=spec.names)  # fmt: skip
        other_section: str | None = None
        for line in lines:
            if other_section is None and self._is_a_header(line):
                if self._is_own_header(line):
                    statement.skip(filepath, line.lineno, "the header line, repeated")
                    continue
                other_section = f"another section of the file (from line {line.lineno})"
            if other_section is not None:
                statement.skip(filepath, line.lineno, other_section)
                continue
            reason = self._not_a_row(line, title)
            unsupported = self._unsupported.get(_normal(line.text(spec.activity)))
            if unsupported is not None and not reason:
                # Before the totals check: such a row may leave its amount blank.
                raise line.error(f"activity {line.text(spec.activity)!r}: {unsupported}")
            if line.is_totals((spec.date, spec.activity, spec.amount)):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            if reason:
                statement.skip(filepath, line.lineno, reason)
                continue
            row = self._row(filepath, line, title)
            if isinstance(row, str):
                statement.skip(filepath, line.lineno, row)
            else:
                statement.rows.append(row)
        return statement

    def _is_a_header(self, line: CsvLine) -> bool:
        """A header line under the data: its date cell is the date column's name."""
        return _normal(line.text(self.layout_spec.date)) == _normal(self.layout_spec.date)

    def _is_own_header(self, line: CsvLine) -> bool:
        spec = self.layout_spec
        wanted = [_normal(name) for name in spec.header or spec.names]
        cells = [_normal(cell) for cell in line.cells.values()]
        return bool(wanted) and cells[: len(wanted)] == wanted

    def _named_account(self, filepath: str) -> str | Literal[False] | None:
        """The account the file names in its title line or its file name (None: the layout
        has neither; False: the file names none)."""
        spec = self.layout_spec
        if spec.account_title is None and spec.account_file_name is None:
            return None
        if spec.account_title is not None:
            head = "\n".join(read_text(filepath).splitlines()[:5])
            found = re.search(spec.account_title, head)
            if found:
                return found.group(1).strip()
        if spec.account_file_name is not None:
            found = re.search(spec.account_file_name, Path(filepath).name)
            if found:
                return " ".join(found.group(1).replace("_", " ").split())
        return False

    def _not_a_row(self, line: CsvLine, title: str | None) -> str:
        """Why a line is no transaction of this import ("" if it is one)."""
        spec = self.layout_spec
        for column, value in spec.skip_values.items():
            if _normal(line.text(column)) == _normal(value):
                return f"marked {value!r} in {column!r}: not a transaction (bad data)"
        account = line.text(spec.account) if spec.account else title
        if account and self.config.accounts and lookup(self.config.accounts, account) is None:
            return f"another account ({account}), not in accounts= of this import"
        skip = self._skips.get(_normal(line.text(spec.activity)))
        if skip is not None:
            return f"{line.text(spec.activity)}: {skip}"
        return ""

    def _row(self, path: str, line: CsvLine, title: str | None) -> Row | str:
        """The line's row, or why it moves nothing (a trade in the account's cash fund)."""
        spec = self.layout_spec
        amount = line.amount(spec.amount)
        units = line.number(spec.units) if spec.units else None
        price = line.number(spec.price) if spec.price else None
        if spec.sign == "inverted":
            amount = -amount
        activity = line.cells.get(spec.activity, "")
        if _normal(activity) in self._outflows:
            amount = -abs(amount)
        action, embedded = self._action(path, line.lineno, activity, amount)
        account = line.text(spec.account) if spec.account else (title or "")
        source = line.cells.get(spec.source, "") if spec.source else ""
        fund = fund_name(line.cells.get(spec.fund, "")) if spec.fund else ""
        symbol = line.text(spec.symbol) if spec.symbol else ""
        fund = fund or symbol or embedded
        if fund and _normal(fund) in self._cash:
            if action in _TRADES:
                return (
                    f"a {action.value} of {fund}, the account's cash (its settlement fund): "
                    "moves no money"
                )
            fund, units, price = "", None, None
        if units == 0 and (not fund or action not in (*_TRADES, Action.TRANSFER)):
            # A cash row, a dividend or a deposit moves no shares, whatever "0.00000" says; a
            # trade or an exchange of a fund must (entries says so if it doesn't).
            units = None
        if action in _TRADES and fund and not units:
            column = spec.units or "units"
            raise line.error(
                f"column {column!r} holds {line.text(column)!r} for a {action.value} of {fund}, "
                "which moves shares: megaroth needs how many. Download the file again, or "
                "enter this line by hand and delete it from the file."
            )
        if action in _TRADES and fund and not self.config.units_style:
            raise line.error(
                f"a {action.value} of {fund}, but {self.config.account} is kept in dollar "
                "balances, which can't follow shares bought and sold (their gains would be "
                f'lost). Keep it in fund units: add funds={{"{fund}": "<COMMODITY>", ...}} (the '
                f"file's fund and the commodity you hold it as) {self.config.where}."
            )
        narration = activity
        text = line.text(spec.description) if spec.description else ""
        if text and _normal(text) != _normal(activity):
            narration = f"{activity}: {text}"
        return line.row(
            line.date(spec.date, spec.date_formats),
            action,
            account or source or spec.default_source or "",
            fund,
            amount,
            abs(units) if units is not None else None,
            abs(price) if price is not None else None,
            narration,
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
