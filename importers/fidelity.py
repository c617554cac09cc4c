"""Fidelity NetBenefits downloads: the transaction history and its "by source" view.

NetBenefits offers a plan's history two ways, and megaroth reads both:

- the **history** (``history.csv``): ``Plan name:`` and ``Date Range`` lines, then
  ``Date,Investment,Transaction Type,Amount,Shares/Unit``, one row per fund, newest first.
  It names the fund but **not the money source**, and a move between sources (an in-plan
  Roth conversion) nets to a ``0.00`` ``Transfer`` row in each fund, as public downloads
  show them, so on its own it can't show a conversion;
- the **by-source** view: one row per plan-numbered source ("1 - Employee Deferral",
  "4 - After-Tax", "12 - Roth In-Plan Conversion"...) with its date, transaction type, amount
  and shares. No public download of it was found, so megaroth reads it in the history's
  layout with ``Source`` for ``Investment``: the same preamble, then
  ``Date,Source,Transaction Type,Amount,Shares/Unit``. It names the source but not the
  fund, and an exchange between funds nets to ``0.00`` per source.

Put both downloads of one period in one folder and configure both importers::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.fidelity import FidelityBySourceImporter, FidelityHistoryImporter

    PEMBERLY = PlanConfig(
        account="Assets:Retirement:Dana:Pemberly401k",
        sources={"1 - Employee Deferral": "pretax", "2 - Employer Match": "match",
                 "4 - After-Tax": "after-tax", "12 - Roth In-Plan Conversion": "irr"},
        # Funds by name as the history writes them (no tickers there): pick a commodity each.
        # Leave funds= out to keep the plan in dollar balances (by source, not by fund).
        funds={"S&P 500 INDEX POOL CL 2": "SPXPOOL", "US BOND IDX POOL CL 2": "USBONDPOOL"},
        contributions={"pretax": "Income:Dana:Pemberly:Salary",
                       "after-tax": "Income:Dana:Pemberly:Salary",
                       "match": "Income:Dana:Pemberly:Match"},
    )
    # The downloads' "Plan name:", needed when Fidelity keeps more than one of your plans.
    PLAN = "PEMBERLY SYSTEMS, INC. 401(K) PLAN"
    CONFIG = [FidelityBySourceImporter(PEMBERLY, plan=PLAN),
              FidelityHistoryImporter(PEMBERLY, plan=PLAN)]

How the two files share the work, so nothing is counted twice:

- The **by-source** file makes the entries. Its companion is the history file in the same
  folder with the same ``Plan name:`` and ``Date Range``. Without ``funds=`` (dollar
  balances) or with a single fund in ``funds=`` it needs no companion; with several funds it
  takes each row's fund from the companion: rows of one date and kind (contributions, fees,
  transfers...) are matched by shares and amounts. A source whose amount is its shares at one
  fund's price is in that fund; a single source or a single fund takes the whole; several
  sources in several funds are split in proportion when every source's shares agree with
  that, or (two funds) solved from each source's shares at the two funds' prices. Each
  source's amount always stays exactly as the by-source view says (that is what the tax
  figures rest on) and each fund's total exactly as the history says; when neither file can
  say how much of each source is in each fund, the import stops and says what to do.
- The **history** file makes nothing when its by-source companion is there (beangulp still
  identifies and archives it). Alone, it is imported only with ``default_sources=`` on the
  PlanConfig, the source of each transaction type (``{"Contributions": "pretax",
  "Dividend": "pretax", "RECORDKEEPING FEE": "pretax"}``); without them the import stops and
  says so. A ``0.00`` transfer row stops it too: that is a conversion it can't see.

Fidelity gives no unit prices: a unit's cost is the row's amount over its shares, and no
``price`` entries are made (shares are rounded to three places, so a small row's amount over
its shares can be off by a percent). ``Change in Market Value`` rows are used only for a plan
kept in dollar balances. ``Balance Forward`` and ``Realized Gain/Loss`` rows are notes, not
money moved, and are skipped. Plan loans are not imported: a ``Loan Repayments`` row stops
the import until you say what to do with it, e.g. ``actions={"Loan Repayments": "ignore"}``
after recording the loan by hand; ``actions=`` also names transaction types megaroth doesn't
know (``{"Roth In-Plan Conversion": "transfer"}``). Rows are dated as the file dates them;
the files list the newest first, also within a day, so a day's entries follow the file from
the bottom up. ``plan=`` (the files' ``Plan name:``) is needed only when one import.py reads
downloads of several Fidelity plans.
"""

from __future__ import annotations

import csv
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from megaroth.importers.base import StatementImporter
from megaroth.importers.config import PlanConfig
from megaroth.importers.entries import CENT, build_entries
from megaroth.importers.rows import (
    ACTION_NAMES,
    Action,
    CsvLine,
    Row,
    StatementError,
    csv_lines,
    find_header,
    fund_name,
    has_header,
    is_summary,
    parse_amount,
    parse_date,
    parse_decimal,
    read_text,
)
from megaroth.tax.sources import CONTRACT_OF_SOURCE, ContractKind, accepted_kinds

PAYEE = "Fidelity"
HISTORY_HEADER = ("Date", "Investment", "Transaction Type", "Amount", "Shares/Unit")
BY_SOURCE_HEADER = ("Date", "Source", "Transaction Type", "Amount", "Shares/Unit")
DATE_FORMATS = ("%m/%d/%Y",)
IGNORE = "ignore"

#: Fidelity's transaction types (as public exports write them) and what they are; None:
#: a note that moves no money.
TRANSACTION_TYPES: dict[str, Action | None] = {
    "contributions": Action.CONTRIBUTION,
    "contribution": Action.CONTRIBUTION,
    "dividend": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "interest": Action.DIVIDEND,
    "revenue credit": Action.DIVIDEND,
    "recordkeeping fee": Action.FEE,
    "administrative fees": Action.FEE,
    "administrative fee": Action.FEE,
    "fee": Action.FEE,
    "fees": Action.FEE,
    "change in market value": Action.MARKET_VALUE,
    "transfer": Action.TRANSFER,
    "transfers": Action.TRANSFER,
    "exchange": Action.TRANSFER,
    "exchanges": Action.TRANSFER,
    "exchange in": Action.TRANSFER,
    "exchange out": Action.TRANSFER,
    "roth in-plan conversion": Action.TRANSFER,
    "in-plan roth conversion": Action.TRANSFER,
    "roth conversion": Action.TRANSFER,
    "withdrawal": Action.DISTRIBUTION,
    "withdrawals": Action.DISTRIBUTION,
    "distribution": Action.DISTRIBUTION,
    "balance forward": None,
    "realized gain/loss": None,
}
LOAN_TYPES = frozenset({"loan repayments", "loan repayment", "loan", "loans", "loan issue"})
_ACTION_NAMES = f'{ACTION_NAMES}, "{IGNORE}"'


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _lookup(mapping: Mapping[str, str], label: str) -> str | None:
    keyed = {_key(key): value for key, value in mapping.items()}
    return keyed.get(_key(label))


@dataclass(frozen=True)
class Line:
    """One data line of a download: ``label`` is its fund (history) or its source."""

    lineno: int
    date: datetime.date
    label: str
    kind: str
    action: Action | None
    amount: Decimal
    units: Decimal | None


@dataclass(frozen=True)
class Download:
    path: str
    header_lineno: int
    plan: str
    period: tuple[datetime.date, datetime.date] | None
    lines: list[Line]

    @property
    def period_text(self) -> str:
        if self.period is None:
            return "its period"
        start, end = (day.strftime("%m/%d/%Y") for day in self.period)
        return f"Date Range {start} - {end}"


class _FidelityImporter(StatementImporter):
    """What both layouts share: the preamble, the rows, the order of a day's entries."""

    payee = PAYEE
    header: Sequence[str] = ()

    def __init__(
        self,
        config: PlanConfig,
        plan: str | None = None,
        actions: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(config)
        self.plan = plan
        self.actions: dict[str, Action | None] = {}
        for label, name in (actions or {}).items():
            if name == IGNORE:
                self.actions[_key(label)] = None
                continue
            try:
                self.actions[_key(label)] = Action(name)
            except ValueError:
                raise ValueError(
                    f"{type(self).__name__} actions= maps {label!r} to {name!r}; use one of "
                    f"{_ACTION_NAMES}."
                ) from None

    def identify(self, filepath: str) -> bool:
        if not filepath.lower().endswith(".csv") or not has_header(filepath, self.header[:3]):
            return False
        return self.plan is None or _key(_plan_name(filepath)) == _key(self.plan)

    def date(self, filepath: str) -> datetime.date | None:
        download = self.read(filepath, self.header)
        if download.period is not None:
            return download.period[1]
        return max((line.date for line in download.lines), default=None)

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        # Newest first, also within a day: a day's rows happened from the bottom up.
        rows = sorted(self.rows(filepath), key=lambda row: (row.date, -row.lineno))
        entries = []
        for part in self._parts(rows):
            entries += build_entries(part, self.config, self.payee)
        self.sort(entries)
        return entries

    def sort(self, entries: data.Entries, reverse: bool = False) -> None:
        """Oldest first, and a day's entries in the order they happened: from the bottom of
        the file up (beangulp's own order, by line, would reverse each day)."""
        entries.sort(key=_chronological, reverse=reverse)

    def _parts(self, rows: list[Row]) -> list[list[Row]]:
        """Rows to make entries of separately: each tax pot's (pre-tax, after-tax, Roth)
        changes in market value on their own. The basis stage reads one entry with a gain in
        one pot and a loss in another as money moved between them."""
        parts: dict[ContractKind | None, list[Row]] = defaultdict(list)
        for row in rows:
            pot = None
            if row.action is Action.MARKET_VALUE:
                pot = CONTRACT_OF_SOURCE[self.config.source_kind(row)]
            parts[pot].append(row)
        return list(parts.values())

    def read(self, path: str, header: Sequence[str]) -> Download:
        """A download of either layout, every line read (a StatementError if one can't be)."""
        text = read_text(path).splitlines()
        start = find_header(path, text, header[:3])
        plan, period = _preamble(path, text[:start])
        lines = []
        for line in csv_lines(path, header[:3], header):
            if is_summary(line, ("Date", "Transaction Type")):
                continue
            lines.append(self._line(path, line, header[1]))
        return Download(path, start + 1, plan, period, lines)

    def _line(self, path: str, line: CsvLine, column: str) -> Line:
        label = fund_name(line.cells.get(column, ""))
        if not label:
            raise StatementError(
                path,
                line.lineno,
                f"column {column!r} is empty; megaroth needs it on every row. Download the "
                "file again, or enter this row by hand and delete it from the file.",
            )
        kind = line.cells.get("Transaction Type", "")
        return Line(
            lineno=line.lineno,
            date=parse_date(line, "Date", path, DATE_FORMATS),
            label=label,
            kind=kind,
            action=self._action(path, line.lineno, kind),
            amount=parse_amount(line, "Amount", path),
            units=parse_decimal(line, "Shares/Unit", path),
        )

    def _action(self, path: str, lineno: int, kind: str) -> Action | None:
        key = _key(kind)
        if key in self.actions:
            return self.actions[key]
        if key in TRANSACTION_TYPES:
            return TRANSACTION_TYPES[key]
        where = f"in the {type(self).__name__}(...) of your import.py"
        if key in LOAN_TYPES:
            raise StatementError(
                path,
                lineno,
                f"transaction type {kind!r} is a plan loan, which megaroth does not import: a "
                "repayment is money into the plan that is not a contribution (it counts toward "
                "no limit), and a loan is not a distribution. Record the loan by hand, then "
                f'leave these rows out with  actions={{"{kind}": "{IGNORE}"}}  {where}.',
            )
        raise StatementError(
            path,
            lineno,
            f"transaction type {kind!r} is not one megaroth knows for Fidelity. Add  "
            f'"{kind}": "contribution",  (or another of: {_ACTION_NAMES}) to actions= {where}.',
        )

    def _units(self, path: str, line: Line) -> Decimal:
        """The shares of a row, which a plan kept in fund units needs."""
        if line.units:
            return line.units
        shown = "empty" if line.units is None else f"{line.units}"
        raise StatementError(
            path,
            line.lineno,
            f"column 'Shares/Unit' is {shown} on a {line.kind} of {line.amount:,.2f}; plan "
            f"{self.config.account} is kept in fund units, and megaroth needs each row's shares "
            "to know what they cost. Download the file again, or leave funds= out of its "
            "PlanConfig to keep the plan in dollar balances.",
        )

    def companion(self, download: Download, header: Sequence[str]) -> str | None:
        """The other layout's download of the same plan and period, in the same folder."""
        here = Path(download.path)
        for other in sorted(here.parent.iterdir()):
            if other == here or other.suffix.lower() != ".csv":
                continue
            if has_header(str(other), header[:3]) and _same_statement(other, download):
                return str(other)
        return None


class FidelityHistoryImporter(_FidelityImporter):
    """NetBenefits ``history.csv``: by fund, with no money source."""

    header = HISTORY_HEADER
    layout = "fidelity-history"

    def __init__(
        self,
        config: PlanConfig,
        plan: str | None = None,
        actions: Mapping[str, str] | None = None,
    ) -> None:
        # Alone, rows are labelled with their transaction type, which default_sources= maps
        # to a source kind: those labels join sources= for the entries.
        super().__init__(
            replace(config, sources={**config.default_sources, **config.sources}), plan, actions
        )
        self.defaults = config.default_sources

    def rows(self, filepath: str) -> list[Row]:
        download = self.read(filepath, self.header)
        if self.companion(download, BY_SOURCE_HEADER) is not None:
            return []  # the by-source view of the same period makes the entries
        if not self.defaults:
            raise StatementError(
                filepath,
                download.header_lineno,
                "Fidelity's history names no money source, so megaroth can't tell whose money "
                'its rows are. Download the "by source" view of the same period '
                f"({download.period_text}) into the same folder, and megaroth imports that "
                "instead (taking the funds from this file); or, if every transaction type has "
                'one source, add  default_sources={"Contributions": "pretax", ...}  to the '
                f'PlanConfig(account="{self.config.account}", ...) of your import.py.',
            )
        rows = []
        for line in download.lines:
            row = self._row(filepath, line)
            if row is not None:
                rows.append(row)
        return rows

    def _row(self, path: str, line: Line) -> Row | None:
        units_style = self.config.units_style
        if line.action is None or (line.action is Action.MARKET_VALUE and units_style):
            return None
        if not line.amount and not line.units:
            if line.action is Action.TRANSFER:
                raise StatementError(
                    path,
                    line.lineno,
                    f"a {line.kind} of 0.00 in {line.label!r}: Fidelity's history nets a move "
                    "between money sources (an in-plan Roth conversion) to zero in each fund, "
                    "so this file can't show it and default_sources= can't place it. Download "
                    'the "by source" view of the same period into the same folder; megaroth '
                    "imports that one instead.",
                )
            return None
        if _lookup(self.defaults, line.kind) is None:
            raise StatementError(
                path,
                line.lineno,
                f"transaction type {line.kind!r} has no money source: Fidelity's history names "
                f"none, so megaroth takes it from default_sources=. Add  "
                f'"{line.kind}": "pretax",  (or another of: {accepted_kinds()}) to '
                f'default_sources= in the PlanConfig(account="{self.config.account}", ...) of '
                'your import.py, or download the "by source" view of the same period into '
                "the same folder.",
            )
        units = self._units(path, line) if units_style else line.units
        return _row(path, line, source=line.kind, fund=line.label, amount=line.amount, units=units)


class FidelityBySourceImporter(_FidelityImporter):
    """The NetBenefits history "by source": one row per money source, no fund."""

    header = BY_SOURCE_HEADER
    layout = "fidelity-by-source"

    def rows(self, filepath: str) -> list[Row]:
        download = self.read(filepath, self.header)
        lines = [line for line in download.lines if line.action is not None]
        if not self.config.units_style:
            return [
                _row(filepath, line, line.label, "", line.amount, line.units)
                for line in lines
                if line.amount
            ]
        lines = [line for line in lines if line.action is not Action.MARKET_VALUE]
        if len(self.config.funds) == 1:
            (fund,) = self.config.funds
            return [
                _row(filepath, line, line.label, fund, line.amount, self._units(filepath, line))
                for line in lines
                if line.amount
            ]
        return self._joined(download, lines)

    def _joined(self, download: Download, lines: list[Line]) -> list[Row]:
        """Rows with their funds, from the history download of the same period."""
        path = self.companion(download, HISTORY_HEADER)
        if path is None:
            raise StatementError(
                download.path,
                download.header_lineno,
                f"plan {self.config.account} holds {len(self.config.funds)} funds (funds=) "
                "and the by-source view doesn't say which fund each row is in: megaroth takes "
                "that from the history download of the same plan and period "
                f"({download.period_text}). Download it into the same folder as this file.",
            )
        history = self.read(path, HISTORY_HEADER)
        by_source: dict[tuple[datetime.date, Action], list[Line]] = defaultdict(list)
        by_fund: dict[tuple[datetime.date, Action], list[Line]] = defaultdict(list)
        for line in lines:
            if line.amount or line.units:
                by_source[line.date, _known(line.action)].append(line)
        for line in history.lines:
            if line.action is not None and line.action is not Action.MARKET_VALUE:
                by_fund[line.date, line.action].append(line)
        rows = []
        for key in sorted(by_source.keys() | by_fund.keys()):
            for line, fund, amount, units in _match(
                download, history, by_source[key], by_fund[key]
            ):
                if amount and not units:  # a part too small for a thousandth of a share
                    self._units(download.path, replace(line, amount=amount, units=units))
                if amount or units:
                    rows.append(_row(download.path, line, line.label, fund, amount, units))
        return rows


def _row(
    path: str, line: Line, source: str, fund: str, amount: Decimal, units: Decimal | None
) -> Row:
    return Row(
        filename=path,
        lineno=line.lineno,
        date=line.date,
        action=_known(line.action),
        source=source,
        fund=fund,
        units=abs(units) if units is not None else None,
        price=None,
        amount=amount,
        description=line.kind,
    )


def _chronological(entry: data.Directive) -> tuple[datetime.date, int, int]:
    return entry.date, data.SORT_ORDER.get(type(entry), 0), -entry.meta["lineno"]


def _known(action: Action | None) -> Action:
    if action is None:  # pragma: no cover - notes are left out before rows are made
        raise ValueError("a note row has no action")
    return action


# --- the preamble ------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in next(csv.reader([text]), [])]


def _heading(lines: Sequence[str]) -> tuple[str, str, int]:
    """The ``Plan name:``, the ``Date Range`` as written and its line number (0: none)."""
    plan, written, lineno = "", "", 0
    for number, text in enumerate(lines, start=1):
        cells = _cells(text)
        key = cells[0].lower() if cells else ""
        if key == "plan name:" and not plan:
            plan = ", ".join(cell for cell in cells[1:] if cell)
        elif key == "date range" and not lineno:
            written, lineno = (cells[1] if len(cells) > 1 else ""), number
    return plan, written, lineno


def _preamble(
    path: str, lines: Sequence[str]
) -> tuple[str, tuple[datetime.date, datetime.date] | None]:
    """The plan and period above the header; a Date Range that isn't one is an error."""
    plan, written, lineno = _heading(lines)
    period = _period(written)
    if lineno and period is None:
        raise StatementError(
            path,
            lineno,
            f"the Date Range {written!r} is not two dates written as MM/DD/YYYY - MM/DD/YYYY. "
            "Download the file again.",
        )
    return plan, period


def _period(text: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        start, end = (
            datetime.datetime.strptime(part.strip(), "%m/%d/%Y").date()
            for part in text.split(" - ")
        )
    except ValueError:
        return None
    return start, end


def _first_lines(path: str) -> list[str]:
    try:
        return read_text(path).splitlines()[:40]
    except OSError:
        return []


def _plan_name(path: str) -> str:
    """A file's ``Plan name:`` ("" if none), for identify: never an error."""
    return _heading(_first_lines(path))[0]


def _same_statement(other: Path, download: Download) -> bool:
    """Whether a file has the download's plan and period."""
    plan, written, _ = _heading(_first_lines(str(other)))
    return _key(plan) == _key(download.plan) and _period(written) == download.period


# --- which fund each source's row is in ----------------------------------------------------


@dataclass
class _Holding:
    """What the history says one fund did, less what is already placed."""

    fund: str
    amount: Decimal
    units: Decimal

    @property
    def price(self) -> Decimal | None:
        return abs(self.amount / self.units) if self.amount and self.units else None


_Cell = tuple[Line, str, Decimal, Decimal]  # a source's row, a fund, its amount and units


def _match(
    download: Download, history: Download, sources: list[Line], funds: list[Line]
) -> list[_Cell]:
    """The by-source rows of one date and action, each split over the history's funds."""
    if not sources:
        moved = [line for line in funds if line.amount or line.units]
        if moved:
            _disagree(history.path, moved[0], history, "the by-source view has none")
        return []
    first = sources[0]
    if not funds:
        _disagree(download.path, first, history, "the history has none")
    holdings: dict[str, _Holding] = {}
    for line in funds:
        holding = holdings.setdefault(line.label, _Holding(line.label, Decimal(0), Decimal(0)))
        holding.amount += line.amount
        holding.units += line.units or 0
    quantum = _quantum(line.units for line in [*sources, *funds])
    amount = sum((line.amount for line in sources), Decimal(0))
    units = sum((line.units or Decimal(0) for line in sources), Decimal(0))
    fund_amount = sum((h.amount for h in holdings.values()), Decimal(0))
    fund_units = sum((h.units for h in holdings.values()), Decimal(0))
    if amount != fund_amount or abs(units - fund_units) > quantum * (len(sources) + len(funds)):
        _disagree(
            download.path,
            first,
            history,
            f"they add up to {amount:,.2f} ({units} shares) here and to {fund_amount:,.2f} "
            f"({fund_units} shares) in the history",
        )
    cells = _split(sources, list(holdings.values()), quantum)
    if cells is None:
        kinds = ", ".join(dict.fromkeys(line.kind for line in sources))
        raise StatementError(
            download.path,
            first.lineno,
            f"on {first.date:%m/%d/%Y} the {kinds} rows of {len(sources)} sources "
            f"({', '.join(line.label for line in sources)}) moved money in {len(holdings)} funds "
            f"({', '.join(holdings)}), and neither download says how much of each source is in "
            "each fund. Keep this plan in dollar balances (leave funds= out of its PlanConfig), "
            "where the by-source view alone is enough; or enter this transaction by hand and "
            "delete its rows from both downloads.",
        )
    return cells


def _disagree(path: str, line: Line, history: Download, detail: str) -> None:
    raise StatementError(
        path,
        line.lineno,
        f"the {line.kind} rows of {line.date:%m/%d/%Y} differ between the by-source view and "
        f"the history ({Path(history.path).name}): {detail}. Download both again for the same "
        "period.",
    )


def _quantum(numbers: Iterable[Decimal | None]) -> Decimal:
    """The finest step the files write shares in (0.001 in Fidelity's downloads)."""
    places = [n.as_tuple().exponent for n in numbers if n is not None]
    exponent = min((p for p in places if isinstance(p, int)), default=-3)
    return Decimal(1).scaleb(exponent)


def _split(sources: list[Line], holdings: list[_Holding], quantum: Decimal) -> list[_Cell] | None:
    """Each source row's part of each fund, or None if the files can't say."""
    cells: list[_Cell] = []
    sources = list(sources)
    while len(holdings) > 1 and len(sources) > 1:
        whole = _in_one_fund(sources, holdings, quantum)
        if whole is None:
            split = _pro_rata(sources, holdings, quantum) or _two_funds(sources, holdings, quantum)
            return None if split is None else cells + split
        line, holding = whole
        cells.append((line, holding.fund, line.amount, line.units or Decimal(0)))
        holding.amount -= line.amount
        holding.units -= line.units or 0
        sources.remove(line)
        if not holding.amount and abs(holding.units) <= quantum * len(cells):
            holdings.remove(holding)  # all of it placed, but for rounding
    if not holdings:
        return None if sources else cells
    if len(holdings) == 1:
        fund = holdings[0].fund
        return cells + [(line, fund, line.amount, line.units or Decimal(0)) for line in sources]
    return cells + [(line, h.fund, h.amount, h.units) for line in sources for h in holdings]


def _in_one_fund(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> tuple[Line, _Holding] | None:
    """A source row that is its shares at one fund's price (and at no other's)."""
    for line in sources:
        if not line.amount or not line.units:
            continue
        fits = [
            h
            for h in holdings
            if h.price is not None
            and abs(abs(line.amount) - abs(line.units) * h.price) <= h.price * quantum + CENT
        ]
        if len(fits) == 1:
            return line, fits[0]
    return None


def _pro_rata(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> list[_Cell] | None:
    """Every source in the funds' proportions: right when the sources' shares agree."""
    total = sum((h.amount for h in holdings), Decimal(0))
    if not total:
        return None
    shares = [[line.amount * h.amount / total for h in holdings] for line in sources[:-1]]
    return _fill(sources, holdings, shares, quantum)


def _two_funds(
    sources: list[Line], holdings: list[_Holding], quantum: Decimal
) -> list[_Cell] | None:
    """Two funds: a source's amount and shares are two equations for its part in each."""
    if len(holdings) != 2:
        return None
    first, second = holdings
    if first.price is None or second.price is None:
        return None
    spread = 1 / first.price - 1 / second.price
    # Prices so close that a thousandth of a share moves a dollar between the funds: the
    # shares can't tell them apart.
    if not spread or quantum / abs(spread) > 1:
        return None
    shares = []
    for line in sources[:-1]:
        signed = (line.units or Decimal(0)) - line.amount / second.price
        in_first = signed / spread
        shares.append([in_first, line.amount - in_first])
    return _fill(sources, holdings, shares, quantum)


def _fill(
    sources: list[Line],
    holdings: list[_Holding],
    shares: list[list[Decimal]],
    quantum: Decimal,
) -> list[_Cell] | None:
    """Cells from each source's (unrounded) part of each fund; the last source takes what is
    left of every fund, so funds add up; accepted when each source's shares still agree."""
    cells: list[_Cell] = []
    left = [(h.amount, h.units) for h in holdings]
    largest = max(range(len(holdings)), key=lambda j: abs(holdings[j].amount))
    parts: list[list[tuple[Decimal, Decimal]]] = []
    for line, share in zip(sources[:-1], shares, strict=True):
        amounts = [part.quantize(CENT) for part in share]
        amounts[largest] += line.amount - sum(amounts, Decimal(0))
        row = [(a, _units_at(a, h, quantum)) for a, h in zip(amounts, holdings, strict=True)]
        parts.append(row)
        left = [(la - a, lu - u) for (la, lu), (a, u) in zip(left, row, strict=True)]
    parts.append(left)
    tolerance = quantum * (len(holdings) + 1) + sum(
        (CENT / h.price for h in holdings if h.price), Decimal(0)
    )
    for line, row in zip(sources, parts, strict=True):
        units = sum((u for _, u in row), Decimal(0))
        if abs(units - (line.units or 0)) > tolerance:
            return None
        if any(line.amount and a and (a > 0) != (line.amount > 0) for a, _ in row):
            return None
        cells += [(line, h.fund, a, u) for (a, u), h in zip(row, holdings, strict=True)]
    return cells


def _units_at(amount: Decimal, holding: _Holding, quantum: Decimal) -> Decimal:
    if not holding.amount:
        return Decimal(0)
    return (amount * holding.units / holding.amount).quantize(quantum)
