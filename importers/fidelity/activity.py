"""fidelity.com's "Activity & Orders" download (``Accounts_History.csv``): every account at once.

One file holds brokerage accounts, IRAs, HSAs, 529s and, now, NetBenefits workplace plans.
As downloaded (evidence: participants' own files and the issues of public importers):

- one or two blank lines (or a byte-order mark and one) before the header
  ``Run Date,Account,Account Number,Action,Symbol,Description,Type,Price ($),Quantity,
  Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date``; a newer header
  drops the ``($)`` and adds ``Exchange Quantity,Exchange Currency,Currency`` and
  ``Exchange Rate``; both are read by column name;
- rows not in date order; after them blank lines, a disclaimer in quoted lines and
  ``Date downloaded MM/DD/YYYY h:mm am``: each of those lines is named as skipped;
- **workplace plan rows** (a 401(k)): Symbol and Type empty, the fund's short name in
  Description, Action a NetBenefits transaction type (``Contributions``, ``Transfer``,
  ``Dividend``, ``Exchange In``...), one field more than the header, and **the shares in the
  Price column** with Quantity empty (Fidelity's own swap: read as shares, and said so in
  this docstring because it is easy to miss). A ``Transfer`` of 0.00 on each payday. No money
  source: each plan's ``default_sources=`` gives one per transaction type, as for the
  NetBenefits history alone;
- **brokerage and IRA rows**: the Action embeds the security and the leg
  (``YOU BOUGHT VANGUARD INDEX FDS TOTAL STK MKT (VTI) (Cash)``, ``DIVIDEND RECEIVED ...``,
  ``REINVESTMENT ...``, ``CASH CONTRIBUTION CURRENT YEAR (Cash)``, ``TRANSFERRED TO ...``);
  Amount is the cash flow (a reinvestment is negative with positive shares). Actions are
  matched by how they start (:data:`ACTION_PREFIXES`); the core money market (``SPAXX``...)
  is the account's cash, so moving money in or out of it moves nothing.

Each row is routed by its Account Number (or Account name): IRAs and brokerage accounts
through the PlanConfig's ``accounts=`` (whole accounts, funds by symbol in ``funds=``), each
workplace plan through its own PlanConfig in ``plans=``. Rows of other accounts are skipped,
and named::

    FidelityActivityImporter(
        PlanConfig(account="Assets:Retirement:Bob", sources={},
                   accounts={"111222333": "Assets:Retirement:Bob:TraditionalIRA",
                             "111222444": "Assets:Retirement:Bob:RothIRA"},
                   funds={"VTI": "VTI"}, contributions="Assets:Bank:Checking",
                   nondeductible=True),
        plans={"55555": PlanConfig(account="Assets:Retirement:Bob:Acme401k", sources={},
                                   funds={"TARGET DATE 2035": "TGT2035"},
                                   contributions="Income:Bob:Acme:Salary",
                                   default_sources={"Contributions": "pretax",
                                                    "Dividend": "pretax"})},
    )

No public download shows how fidelity.com writes a Roth conversion between two IRAs: such a
row stops the import with its Action text and the line to add to ``actions=`` (a prefix of
the Action and what it is, ``"journal"`` for each half of a conversion).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from beancount.core import data

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines, has_header, read_text
from megaroth.importers.entries import build_entries, prices
from megaroth.importers.fidelity.download import (
    CONVERTIBLE,
    PAYEE,
    TRANSACTION_TYPES,
    chronological,
)
from megaroth.importers.labels import IGNORE, how_to_map, label_key, lookup, read_actions
from megaroth.importers.rows import Action, Row, Statement
from megaroth.tax.sources import source_kind_for

DATE_FORMATS = ("%m/%d/%Y",)
#: Every header generation starts so.
HEADER = ("Run Date",)
#: Columns by what they hold, under each header generation's name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "account": ("Account",),
    "number": ("Account Number",),
    "action": ("Action",),
    "symbol": ("Symbol",),
    "description": ("Description", "Security Description"),
    "type": ("Type", "Security Type"),
    "price": ("Price ($)", "Price"),
    "quantity": ("Quantity",),
    "amount": ("Amount ($)", "Amount"),
}
#: Fidelity's core money market funds: an account's cash.
CORE = ("SPAXX", "FDRXX", "FZFXX", "FZDXX", "FCASH", "CORE")

#: How brokerage and IRA Actions start, and what they are (None: moves nothing here).
ACTION_PREFIXES: tuple[tuple[str, Action | None], ...] = (
    ("you bought", Action.BUY),
    ("you sold", Action.SELL),
    ("reinvestment", Action.BUY),
    ("purchase into core account", None),
    ("redemption from core account", None),
    ("dividend received", Action.DIVIDEND),
    ("long-term cap gain", Action.DIVIDEND),
    ("short-term cap gain", Action.DIVIDEND),
    ("interest earned", Action.INTEREST),
    ("foreign tax paid", Action.FEE),
    ("fee charged", Action.FEE),
    ("cash contribution", Action.CONTRIBUTION),
    ("partic contr", Action.CONTRIBUTION),
    ("co contr", Action.CONTRIBUTION),
    ("transferred to", Action.JOURNAL),
    ("transferred from", Action.JOURNAL),
    ("electronic funds transfer", Action.JOURNAL),
    ("rollover cash", Action.JOURNAL),
    ("distribution", Action.DISTRIBUTION),
)
_PRIOR_YEAR = re.compile(r"\bprior\s+year\b", re.IGNORECASE)


class FidelityActivityImporter(StatementImporter):
    """fidelity.com's Activity & Orders CSV: IRA, brokerage and workplace plan accounts."""

    header = HEADER
    payee = PAYEE
    layout = "fidelity-activity"

    def __init__(
        self,
        config: PlanConfig,
        plans: Mapping[str, PlanConfig] | None = None,
        actions: Mapping[str, str] | None = None,
        cash: Sequence[str] = CORE,
    ) -> None:
        super().__init__(config)
        self.plans = {key: plan.with_default_sources() for key, plan in (plans or {}).items()}
        self.actions = read_actions(f"{type(self).__name__} actions=", actions, ignore=True)
        self.cash = {symbol.upper() for symbol in cash}

    def identify(self, filepath: str) -> bool:
        """A file in this layout that holds one of this import's accounts (so two people's
        imports never both claim a household's download)."""
        if not filepath.lower().endswith(".csv") or not has_header(filepath, HEADER):
            return False
        text = read_text(filepath)
        return any(label in text for label in [*self.config.accounts, *self.plans])

    def read(self, filepath: str) -> Statement:
        statement = Statement()
        for line in csv_lines(filepath, HEADER, ("Run Date", "Action"), statement):
            reason = self._not_a_row(line)
            if reason:
                statement.skip(filepath, line.lineno, reason)
                continue
            row = self._row(line)
            if isinstance(row, str):
                statement.skip(filepath, line.lineno, row)
            else:
                statement.rows.append(row)
        return statement

    def _not_a_row(self, line: CsvLine) -> str:
        if line.is_totals(("Run Date", "Action")):
            return "a totals line"
        if self._plan(line) is None and self._account_label(line) is None:
            names = [_cell(line, "account"), _cell(line, "number")]
            shown = " ".join(name for name in names if name)
            return f"another account ({shown}), not in accounts= or plans= of this import"
        return ""

    def _labels(self, line: CsvLine) -> list[str]:
        """The line's account, as its number and as its name."""
        return [label for label in (_cell(line, "number"), _cell(line, "account")) if label]

    def _plan(self, line: CsvLine) -> PlanConfig | None:
        """The workplace plan a line's account is, if it is one of plans=."""
        keyed = {label_key(key): plan for key, plan in self.plans.items()}
        for label in self._labels(line):
            if label_key(label) in keyed:
                return keyed[label_key(label)]
        return None

    def _account_label(self, line: CsvLine) -> str | None:
        """The label under which accounts= maps the line's account, if it does."""
        found = lookup(self.config.accounts, *self._labels(line))
        return found[0] if found else None

    def _row(self, line: CsvLine) -> Row | str:
        """The row a line is, or why it is none."""
        plan = self._plan(line)
        if plan is not None:
            return self._plan_row(line, plan)
        return self._account_row(line)

    # --- a workplace plan's rows --------------------------------------------------------

    def _plan_row(self, line: CsvLine, plan: PlanConfig) -> Row | str:
        kind = _cell(line, "action")
        action = self.actions.get(label_key(kind), TRANSACTION_TYPES.get(label_key(kind), ...))
        if action is ...:
            raise line.error(
                f"column 'Action' holds {kind!r}, which is not a workplace plan transaction "
                "type megaroth knows. " + how_to_map(kind, "actions", self._where, ignore=True)
            )
        if action is None:
            return f"{kind}: a note, moves no money"
        amount = line.amount(_name(line, "amount"))
        shares = self._plan_shares(line)
        if not amount and not shares:
            if action is Action.TRANSFER:
                return self._zero_transfer(line, plan, kind)
            return f"{kind} of 0.00: moves no money"
        if action is Action.MARKET_VALUE and plan.units_style:
            return f"{kind}: held in fund units, the value comes from the shares"
        if plan.units_style and not shares:
            raise line.error(
                f"this {kind} of {amount:,.2f} has no shares (in Price, where Fidelity puts a "
                f"workplace plan's shares, or Quantity); plan {plan.account} is kept in fund "
                "units. Download the file again, or enter this row by hand."
            )
        row = line.row(
            line.date("Run Date", DATE_FORMATS), action, kind,
            fund_name(_cell(line, "description")), amount,
            abs(shares) if shares else None, None, kind,
        )  # fmt: skip
        return replace(row, batch=plan.account)

    def _plan_shares(self, line: CsvLine) -> Decimal | None:
        """A workplace plan row's shares: Quantity if Fidelity filled it, else the Price
        column, where its downloads put them."""
        quantity = line.number(_name(line, "quantity"))
        if quantity:
            return quantity
        return line.number(_name(line, "price"))

    def _zero_transfer(self, line: CsvLine, plan: PlanConfig, kind: str) -> str:
        if not _converts(plan):
            return (
                f"a {kind} of 0.00: Fidelity writes one on paydays, and plan {plan.account} has "
                "no after-tax or in-plan Roth source"
            )
        raise line.error(
            f"a {kind} of 0.00 in {_cell(line, 'description')!r}: Fidelity writes one on "
            "paydays, and an in-plan Roth conversion also nets to 0.00 in each fund, so this "
            f"file can't tell which this is for plan {plan.account}, which has after-tax money. "
            "Import that plan from NetBenefits instead (its history download and a copy of its "
            "Sources view), and leave it out of plans= here."
        )

    # --- brokerage and IRA rows ---------------------------------------------------------

    def _account_row(self, line: CsvLine) -> Row | str:
        text = _cell(line, "action")
        action = self._account_action(line, text)
        symbol = _cell(line, "symbol").upper()
        if action is None:
            return f"{_short(text)}: moves money into or out of the core money market (cash)"
        if action in (Action.BUY, Action.SELL) and symbol in self.cash:
            return f"{_short(text)}: buys or sells {symbol}, the account's cash"
        amount = line.amount(_name(line, "amount"))
        units = line.number(_name(line, "quantity"))
        price = line.number(_name(line, "price"))
        if action in (Action.BUY, Action.SELL) and not units:
            raise line.error(
                f"this {_short(text)} has no Quantity; a buy or a sale needs its shares. "
                "Download the file again, or enter this row by hand."
            )
        account = self._account_label(line) or ""
        tax_year = None
        if action is Action.CONTRIBUTION and _PRIOR_YEAR.search(text):
            tax_year = line.date("Run Date", DATE_FORMATS).year - 1
        row = line.row(
            line.date("Run Date", DATE_FORMATS), action, account,
            symbol if action in (Action.BUY, Action.SELL) else "", amount,
            abs(units) if units else None, abs(price) if price else None, _short(text),
        )  # fmt: skip
        return replace(row, batch=self.config.account, tax_year=tax_year)

    def _account_action(self, line: CsvLine, text: str) -> Action | None:
        key = label_key(text)
        for prefix, action in self.actions.items():
            if key.startswith(prefix):
                return action
        for prefix, action in ACTION_PREFIXES:
            if key.startswith(prefix):
                return action
        raise line.error(
            f"column 'Action' holds {text!r}, which is not an action megaroth knows for "
            "fidelity.com. Add how it starts and what it is, "
            + how_to_map(_short(text), "actions", self._where, ignore=True)
            + f' ("journal" for each half of a Roth conversion; "{IGNORE}" leaves it out)'
        )

    @property
    def _where(self) -> str:
        return "in the FidelityActivityImporter(...) of your import.py"

    # --- entries, per account -----------------------------------------------------------

    def entries(self, statement: Statement) -> data.Entries:
        """Each plan's rows with its own PlanConfig, the IRAs' with the importer's."""
        configs = {plan.account: plan for plan in self.plans.values()}
        configs[self.config.account] = self.config
        groups: dict[str, list[Row]] = defaultdict(list)
        for row in sorted(statement.rows, key=self.order):
            groups[row.batch].append(row)
        entries: data.Entries = []
        for key, rows in groups.items():
            config = configs[key]
            built = build_entries(rows, config, self.payee)
            entries += [entry for entry in built if not isinstance(entry, data.Price)]
            entries += prices(rows, config)
        self.sort(entries)
        return entries

    def order(self, row: Row) -> tuple[object, ...]:
        # Rows are not in date order; within a day the file lists the newest first.
        return row.date, -row.lineno

    def sort(self, entries: data.Entries, reverse: bool = False) -> None:
        """Oldest first; within a day, money in before the buys it pays for (a dividend
        before its reinvestment: the file lists a day's rows in either order), then from the
        bottom of the file up."""
        entries.sort(key=lambda entry: (entry.date, _buys(entry), chronological(entry)),
                     reverse=reverse)  # fmt: skip

    def date(self, filepath: str) -> datetime.date | None:
        dates = [row.date for row in self.rows(filepath)]
        return max(dates) if dates else None


def _name(line: CsvLine, what: str) -> str:
    """The column that holds ``what`` under this file's header."""
    for name in COLUMNS[what]:
        if name in line.cells:
            return name
    return COLUMNS[what][0]


def _cell(line: CsvLine, what: str) -> str:
    return line.text(_name(line, what))


def _buys(entry: data.Directive) -> bool:
    """Whether an entry buys fund units (and so spends cash brought in that day)."""
    if not isinstance(entry, data.Transaction):
        return False
    return any(
        p.cost is not None and p.units is not None and (p.units.number or 0) > 0
        for p in entry.postings
    )


def _short(text: str) -> str:
    """An Action without its trailing ``(Cash)``/``(Margin)`` leg."""
    return re.sub(r"\s*\((cash|margin|shares)\)\s*$", "", text, flags=re.IGNORECASE).strip()


def _converts(plan: PlanConfig) -> bool:
    """Whether a plan has money it may convert in-plan (after-tax, or in-plan Roth)."""
    labels = [*plan.sources.values(), *plan.default_sources.values()]
    return any(source_kind_for(label) in CONVERTIBLE for label in labels)
