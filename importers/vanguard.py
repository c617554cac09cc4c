"""Vanguard Retirement Plan Access downloads: the two-section CSV and the OFX/QFX file.

Both are read for one plan; put the importers in your ``import.py``::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.vanguard import VanguardCsvImporter, VanguardOfxImporter

    INITECH = PlanConfig(
        account="Assets:Retirement:Alice:Initech401k",
        # The OFX names each transaction's source with an <INV401KSOURCE> code. OFX has no
        # Roth code, so say what each code your plan uses means:
        sources={"OTHERNONVEST": "roth", "MATCH": "match", "AFTERTAX": "after-tax",
                 "OTHERVEST": "irr"},
        # The CSV names no source at all: each row's source comes from its transaction
        # description (or, failing that, its activity):
        default_sources={"Plan Contribution": "roth", "Employer Match Contribution": "match",
                         "After-Tax Contribution": "after-tax",
                         "Dividends on Equity Investments": "roth", "Fee": "roth",
                         "Source to Source/Fund to Fund Transfer Out": "after-tax",
                         "Source to Source/Fund to Fund Transfer In": "irr"},
        # Required: Vanguard's files are in fund shares and never post the change in
        # market value, so the plan is kept in fund units. Funds by name as Vanguard writes
        # it (the OFX's <SECNAME>, the CSV's Investment Name); in the OFX a fund's <TICKER>
        # or CUSIP may be the key instead.
        funds={"Vanguard Target Retirement 2055 Trust": "VTR2055"},
        contributions={"roth": "Income:Alice:Initech:Salary",
                       "after-tax": "Income:Alice:Initech:Salary",
                       "match": "Income:Alice:Initech:Match"},
    )
    CONFIG = [VanguardCsvImporter(INITECH), VanguardOfxImporter(INITECH)]

Use one of the two per plan and period: they describe the same transactions in different
words, so importing both would count them twice. The OFX is the better one when a plan has
more than one source per kind of transaction, as it names the source of every row.

The CSV (``OfxDownload.csv``): a positions section
(``Plan Number,Plan Name,Fund Name,Shares,Price,Total Value,``) then a transactions section
(``Account Number,Trade Date,Run Date,Transaction Activity,Transaction Description,
Investment Name,Share Price,Transaction Shares,Dollar Amount,``); MM/DD/YYYY dates, a
trailing comma on every line, blank lines between and after the sections. Rows are dated by
their trade date. The positions section is not imported: it carries no date (its prices are
as of the download, which may be weeks after the last trade), so a ``price`` entry made from
it would be misdated; the trades' own share prices become the ``price`` entries. Vanguard's
descriptions (``Plan Contribution``, ``Dividends on Equity Investments``, ``Fee``,
``Source to Source/Fund to Fund Transfer In``/``Out``, ``Fund to Fund In``/``Out``,
``Plan Initiated TransferIn``/``Out``, ``Withdrawal``...) are known; ``actions=`` adds others::

    VanguardCsvImporter(INITECH, actions={"Loan Repayment": "contribution"})

Fees, withdrawals and transfers out are outflows whether or not the file gives them a minus.

The OFX/QFX (v1 SGML or v2 XML, read with ofxtools): BUYMF/BUYSTOCK/BUYOTHER are
contributions, REINVEST and INCOME dividends, SELLMF/SELLSTOCK/SELLOTHER withdrawals,
INVEXPENSE fees, TRANSFER an exchange or (between two sources on one date) a conversion,
unless its memo names a fee or an expense (Vanguard's ``Investment Expense``), which makes it
a fee. INCOME and INVEXPENSE carry no shares: they are posted in dollars to the source's
own account (cash in the plan). Dates are the trade dates as the file writes them (its own
time zone), not ofxtools' UTC. Errors name the transaction's FITID and the line it is on (line
1 for Vanguard's usual one-line files). Transactions
without an <INV401KSOURCE> have the source label ``NONE`` (map it in ``sources=`` if your
file has such). Positions (<INVPOSLIST>) give ``price`` entries on their price date.
"""

from __future__ import annotations

import datetime
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from ofxtools.Parser import OFXTree

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
    fund_name,
    has_header,
    is_summary,
    parse_amount,
    parse_date,
    parse_decimal,
    read_text,
)
from megaroth.tax.sources import accepted_kinds

PAYEE = "Vanguard"
POSITIONS_HEADER = ("Plan Number", "Plan Name", "Fund Name", "Shares", "Price", "Total Value")
TRANSACTIONS_HEADER = (
    "Account Number",
    "Trade Date",
    "Run Date",
    "Transaction Activity",
    "Transaction Description",
    "Investment Name",
    "Share Price",
    "Transaction Shares",
    "Dollar Amount",
)
_USED_COLUMNS = TRANSACTIONS_HEADER[1:2] + TRANSACTIONS_HEADER[3:]

#: Vanguard's transaction descriptions and activities, as far as public files show them.
CSV_ACTIONS: dict[str, Action] = {
    "plan contribution": Action.CONTRIBUTION,
    "contribution": Action.CONTRIBUTION,
    "contributions": Action.CONTRIBUTION,
    "dividends on equity investments": Action.DIVIDEND,
    "dividends on equity": Action.DIVIDEND,
    "daily accrual dividends": Action.DIVIDEND,
    "dividend": Action.DIVIDEND,
    "dividends": Action.DIVIDEND,
    "fee": Action.FEE,
    "fees": Action.FEE,
    "investment expense": Action.FEE,
    "source to source/fund to fund transfer in": Action.TRANSFER,
    "source to source/fund to fund transfer out": Action.TRANSFER,
    "fund to fund in": Action.TRANSFER,
    "fund to fund out": Action.TRANSFER,
    "plan initiated transferin": Action.TRANSFER,
    "plan initiated transferout": Action.TRANSFER,
    "conversion in": Action.TRANSFER,
    "conversion out": Action.TRANSFER,
    "transfer": Action.TRANSFER,
    "exchange": Action.TRANSFER,
    "withdrawal": Action.DISTRIBUTION,
    "liquidate": Action.DISTRIBUTION,
}
_OUTFLOWS = (Action.FEE, Action.DISTRIBUTION)
_IN_OR_OUT = re.compile(r"(?:\b|transfer)(in|out)$")


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _lookup(mapping: Mapping[str, str], *labels: str) -> tuple[str, str] | None:
    """The first label (as the file writes it) that the mapping has, and its value."""
    keyed = {_key(key): value for key, value in mapping.items()}
    for label in labels:
        if label and _key(label) in keyed:
            return label, keyed[_key(label)]
    return None


class VanguardCsvImporter(StatementImporter):
    """Vanguard Retirement Plan Access ``OfxDownload.csv``: positions, then transactions."""

    header = TRANSACTIONS_HEADER[:4]
    payee = PAYEE
    layout = "vanguard"

    def __init__(self, config: PlanConfig, actions: Mapping[str, str] | None = None) -> None:
        # Rows are labelled with the description or activity default_sources= maps, so the
        # same labels must name a source kind for the entries: they join sources= here.
        super().__init__(replace(config, sources={**config.default_sources, **config.sources}))
        self.defaults = config.default_sources
        self.actions: dict[str, Action] = {}
        for label, name in (actions or {}).items():
            try:
                self.actions[_key(label)] = Action(name)
            except ValueError:
                raise ValueError(
                    f"VanguardCsvImporter actions= maps {label!r} to {name!r}; use one of "
                    f"{ACTION_NAMES}."
                ) from None

    def identify(self, filepath: str) -> bool:
        """A Vanguard retirement-plan download: both sections' headers (a brokerage
        download also ends with an empty retirement transactions header, but has no
        plan positions)."""
        if not filepath.lower().endswith(".csv"):
            return False
        return has_header(filepath, POSITIONS_HEADER[:3], within=10_000) and has_header(
            filepath, self.header, within=10_000
        )

    def rows(self, filepath: str) -> list[Row]:
        _require_units(filepath, self.config)
        rows = []
        for line in csv_lines(filepath, self.header, _USED_COLUMNS):
            if line.cells.get("Account Number") in ("Account Number", "Plan Number"):
                break  # the header of a further section
            if is_summary(line, ("Trade Date", "Transaction Activity")):
                continue
            row = self._row(filepath, line)
            if row is not None:
                rows.append(row)
        return rows

    def _row(self, path: str, line: CsvLine) -> Row | None:
        date = parse_date(line, "Trade Date", path, ("%m/%d/%Y",))
        activity = line.cells.get("Transaction Activity", "")
        description = line.cells.get("Transaction Description", "")
        action, direction = self._action(path, line.lineno, activity, description)
        source = _lookup(self.defaults, description, activity)
        if source is None:
            raise StatementError(
                path,
                line.lineno,
                f"activity {activity!r} (description {description!r}) has no money source: "
                f"Vanguard's CSV names none, so megaroth takes it from default_sources=. Add  "
                f'"{description or activity}": "after-tax",  (or another of: '
                f"{accepted_kinds()}) to default_sources= in the PlanConfig(account="
                f'"{self.config.account}", ...) of your import.py.',
            )
        amount = parse_amount(line, "Dollar Amount", path)
        units = parse_decimal(line, "Transaction Shares", path)
        price = parse_decimal(line, "Share Price", path)
        fund = fund_name(line.cells.get("Investment Name", ""))
        if not amount and not units:
            return None  # a placeholder row that moves nothing
        for column, value in (("Investment Name", fund), ("Transaction Shares", units)):
            if not value:
                raise StatementError(
                    path,
                    line.lineno,
                    f"column {column!r} is empty; megaroth needs the fund and shares of every "
                    "row. Download the file again, or enter this row by hand.",
                )
        if direction is None:
            direction = -1 if amount < 0 or (not amount and units and units < 0) else 1
        return Row(
            filename=path,
            lineno=line.lineno,
            date=date,
            action=action,
            source=source[0],
            fund=fund,
            units=abs(units) if units is not None else None,
            price=abs(price) if price is not None else None,
            amount=direction * abs(amount),
            description=description or activity,
        )

    def _action(
        self, path: str, lineno: int, activity: str, description: str
    ) -> tuple[Action, int | None]:
        """What a row did, and which way it moved money (None: as the file's sign says)."""
        for label in (description, activity):
            action = self.actions.get(_key(label)) or CSV_ACTIONS.get(_key(label))
            if action is None:
                continue
            if action in _OUTFLOWS:
                return action, -1
            if action is Action.TRANSFER:
                side = _IN_OR_OUT.search(_key(label))
                return action, None if side is None else (1 if side.group(1) == "in" else -1)
            return action, None
        raise StatementError(
            path,
            lineno,
            f"activity {activity!r} (description {description!r}) is not one megaroth knows "
            f'for Vanguard. Add  "{description or activity}": "contribution",  (or another '
            f"of: {ACTION_NAMES}) to actions= in the VanguardCsvImporter(...) of your "
            "import.py.",
        )


# --- OFX ----------------------------------------------------------------------------------

#: OFX investment transactions and what they are in a 401(k).
OFX_ACTIONS: dict[str, Action] = {
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
#: A kind to suggest for each <INV401KSOURCE> code in error messages.
_SUGGESTED_KIND = {
    "PRETAX": "pretax",
    "AFTERTAX": "after-tax",
    "MATCH": "match",
    "PROFITSHARING": "nonelective",
    "ROLLOVER": "rollover",
    "OTHERVEST": "roth",
    "OTHERNONVEST": "roth",
}
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
NO_SOURCE = "NONE"
_FEE_MEMO = re.compile(r"\b(fees?|expenses?)\b", re.IGNORECASE)
_V1_HEADER = re.compile(r"\A\s*OFXHEADER\s*:\s*100")
_V2_HEADER = re.compile(r"<\?OFX\s[^>]*OFXHEADER\s*=\s*\"200\"")
_SET_ERROR = re.compile(r"Can't set \w+\.(\w+) to (.*?): ")


@dataclass(frozen=True)
class _Security:
    name: str
    ticker: str
    uniqueid: str


@dataclass(frozen=True)
class _OfxFile:
    """What megaroth takes from one OFX file: its rows and its positions' prices."""

    rows: list[Row]
    prices: list[data.Price]


class VanguardOfxImporter(StatementImporter):
    """Vanguard Retirement Plan Access OFX/QFX download of one 401(k) plan."""

    payee = PAYEE
    layout = "vanguard"

    @property
    def name(self) -> str:
        return f"megaroth.vanguard-ofx:{self.config.account}"

    def identify(self, filepath: str) -> bool:
        """An OFX file (v1 SGML or v2 XML header) of a Vanguard 401(k) statement."""
        try:
            text = read_text(filepath)
        except OSError:
            return False
        head = text[:4096]
        if not (_V1_HEADER.match(head) or _V2_HEADER.search(head)):
            return False
        upper = text.upper()
        return "<INV401K" in upper and "VANGUARD" in upper

    def rows(self, filepath: str) -> list[Row]:
        return self._read(filepath).rows

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        statement = self._read(filepath)
        rows = sorted(statement.rows, key=lambda row: (row.date, row.lineno))
        entries = build_entries(rows, self.config, self.payee)
        priced = {(e.date, e.currency) for e in entries if isinstance(e, data.Price)}
        for price in statement.prices:
            if (price.date, price.currency) not in priced:
                priced.add((price.date, price.currency))
                entries.append(price)
        return entries

    def _read(self, path: str) -> _OfxFile:
        _require_units(path, self.config)
        text = read_text(path)
        root, ofx = _parse(path, text)
        trade_dates = {
            (invtran.findtext("FITID") or "").strip(): (invtran.findtext("DTTRADE") or "")
            for invtran in root.iter("INVTRAN")
        }
        securities = {}
        for info in ofx.securities:
            uniqueid = info.secid.uniqueid
            securities[uniqueid] = _Security(info.secname or "", info.ticker or "", uniqueid)
        rows = []
        for statement in ofx.statements:
            for transaction in getattr(statement, "invtranlist", None) or []:
                rows.append(self._row(path, text, transaction, securities, trade_dates))
        return _OfxFile(rows, self._prices(path, text, root, securities))

    def _row(
        self,
        path: str,
        text: str,
        transaction: Any,
        securities: Mapping[str, _Security],
        trade_dates: Mapping[str, str],
    ) -> Row:
        kind = type(transaction).__name__
        fitid = str(getattr(transaction, "fitid", "") or "")
        lineno = _line_of(text, f"<FITID>{fitid}") if fitid else 1
        which = f"transaction FITID {fitid} (<{kind}>)"
        action = OFX_ACTIONS.get(kind)
        if action is None:
            raise StatementError(
                path,
                lineno,
                f"{which} is not a kind of transaction megaroth reads from a 401(k) "
                f"statement (it reads {', '.join(OFX_ACTIONS)}). Enter it in your ledger by "
                "hand, and import a download that leaves it out.",
            )
        date = _ofx_date(trade_dates.get(fitid, ""))
        if date is None:
            raise StatementError(path, lineno, f"{which} has no trade date <DTTRADE>.")
        which = f"transaction FITID {fitid} (<{kind}> of {date})"
        source = str(getattr(transaction, "inv401ksource", None) or NO_SOURCE)
        self._check_source(path, lineno, which, source)
        fund = self._fund(path, lineno, which, transaction, securities)
        memo = str(getattr(transaction, "memo", None) or "")
        units = _decimal(transaction, "units")
        price = _decimal(transaction, "unitprice")
        total = _decimal(transaction, "total")
        if kind == "TRANSFER":
            if price is None:
                raise StatementError(
                    path,
                    lineno,
                    f"{which} moves {units} units of {fund!r} but has no <UNITPRICE>, and "
                    "megaroth needs the price to value them. Download the file again, or "
                    "enter this transfer by hand.",
                )
            amount = (abs(_known(units)) * price).quantize(CENT)
            if transaction.tferaction == "OUT":
                amount = -amount
            if _FEE_MEMO.search(memo):
                action = Action.FEE
        elif kind == "INCOME":
            amount = _known(total).quantize(CENT)  # a cash dividend: as the file signs it
        else:
            amount = abs(_known(total)).quantize(CENT)
            if action in _OUTFLOWS:
                amount = -amount
        return Row(
            filename=path,
            lineno=lineno,
            date=date,
            action=action,
            source=source,
            fund=fund,
            units=abs(units) if units is not None else None,
            price=price,
            amount=amount,
            description=memo if memo and not _PRICE_NOTE.match(memo) else _KIND_NAMES[kind],
        )

    def _check_source(self, path: str, lineno: int, which: str, source: str) -> None:
        if _lookup(self.config.sources, source) is not None:
            return
        what = (
            f"has no <INV401KSOURCE>; megaroth labels its source {NO_SOURCE!r}, which"
            if source == NO_SOURCE
            else f"has <INV401KSOURCE>{source}, which"
        )
        raise StatementError(
            path,
            lineno,
            f"{which} {what} has no mapping for plan {self.config.account}. OFX has no code "
            "for Roth money, so say what it means in this plan: add  "
            f'"{source}": "{_SUGGESTED_KIND.get(source, "after-tax")}",  (or another of: '
            f"{accepted_kinds()}) to sources= in the PlanConfig(account="
            f'"{self.config.account}", ...) of your import.py.',
        )

    def _fund(
        self,
        path: str,
        lineno: int,
        which: str,
        transaction: Any,
        securities: Mapping[str, _Security],
    ) -> str:
        """The fund's name, or the ticker or CUSIP when that is what funds= is keyed by."""
        uniqueid = str(getattr(transaction, "uniqueid", "") or "")
        security = securities.get(uniqueid, _Security("", "", uniqueid))
        labels = [fund_name(security.name), security.ticker, security.uniqueid]
        found = _lookup(self.config.funds, *labels)
        if found is not None:
            return found[0]
        name = next(label for label in [*labels, ""] if label)
        raise StatementError(
            path,
            lineno,
            f"{which} is in fund {name!r} (ticker {security.ticker or 'none'}, "
            f"{security.uniqueid or 'no id'}), which has no commodity for plan "
            f'{self.config.account}. Add  "{name}": "TICKER",  to funds= in the '
            f'PlanConfig(account="{self.config.account}", ...) of your import.py.',
        )

    def _prices(
        self, path: str, text: str, root: ET.Element, securities: Mapping[str, _Security]
    ) -> list[data.Price]:
        """Prices of the positions, on their price dates; funds not in funds= are left out."""
        prices = []
        starts = [match.start() for match in re.finditer(r"<INVPOS>", text)]
        for index, position in enumerate(root.iter("INVPOS")):
            uniqueid = (position.findtext("SECID/UNIQUEID") or "").strip()
            security = securities.get(uniqueid, _Security("", "", uniqueid))
            found = _lookup(
                self.config.funds, fund_name(security.name), security.ticker, security.uniqueid
            )
            price = Decimal((position.findtext("UNITPRICE") or "0").strip())
            date = _ofx_date(position.findtext("DTPRICEASOF") or "")
            if found is None or not price or date is None:
                continue
            lineno = text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1
            prices.append(
                data.Price(
                    data.new_metadata(path, lineno),
                    date,
                    found[1],
                    Amount(price, self.config.currency),
                )
            )
        return prices


def _require_units(path: str, config: PlanConfig) -> None:
    """Vanguard's files are in fund shares and have no change-in-market-value rows."""
    if not config.units_style:
        raise StatementError(
            path,
            1,
            f"plan {config.account} is kept in dollar balances, but Vanguard's downloads are "
            "in fund shares and never post the change in market value, so its balances would "
            "go wrong at the first conversion. Keep the plan in fund units: add funds="
            '{"<fund name>": "TICKER", ...} to its PlanConfig in your import.py.',
        )


def _parse(path: str, text: str) -> tuple[ET.Element, Any]:
    """The file's element tree and its ofxtools model; any failure is a StatementError."""
    tree = OFXTree()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ofxtools warns of Intuit's private tags
            root = tree.parse(path)
            return root, tree.convert()
    except Exception as error:  # ofxtools raises syntax, value, type and decimal errors
        lineno = 1
        detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if isinstance(error, ArithmeticError):
            detail = "one of its numbers is not a number"
        found = _SET_ERROR.search(detail)
        if found:
            lineno = _line_of(text, f"<{found.group(1).upper()}>{found.group(2)}")
        raise StatementError(
            path,
            lineno,
            f"ofxtools can't read this file as OFX: {detail}. Download the OFX/QFX again "
            "from Vanguard; if it still fails, import the CSV download instead.",
        ) from error


def _line_of(text: str, needle: str) -> int:
    """The line a piece of the file's text is on (1 when the file is one long line)."""
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def _ofx_date(text: str) -> datetime.date | None:
    """The date an OFX date-time names in its own time zone: its first eight digits."""
    digits = text.strip()[:8]
    try:
        return datetime.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


def _decimal(transaction: Any, attribute: str) -> Decimal | None:
    value = getattr(transaction, attribute, None)
    return value if isinstance(value, Decimal) else None


def _known(number: Decimal | None) -> Decimal:
    """ofxtools requires these elements, so a converted transaction always has them."""
    if number is None:  # pragma: no cover - ofxtools rejects the file first
        raise ValueError("a required OFX number is missing")
    return number
