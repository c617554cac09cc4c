"""Vanguard's 401(k) OFX/QFX download (v1 SGML or v2 XML, read with ofxtools).

BUYMF/BUYSTOCK/BUYOTHER are contributions, REINVEST and INCOME dividends,
SELLMF/SELLSTOCK/SELLOTHER withdrawals, INVEXPENSE fees, TRANSFER an exchange or (between two
sources on one date) a conversion, unless its memo names a fee or an expense, which makes it a
fee. See :mod:`megaroth.importers.vanguard` for the configuration.
"""

from __future__ import annotations

import datetime
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from ofxtools.Parser import OFXTree

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import read_text
from megaroth.importers.entries import CENT
from megaroth.importers.labels import how_to_map_source, lookup
from megaroth.importers.rows import Action, Row, Statement, StatementError
from megaroth.importers.vanguard.plan_csv import OUTFLOWS, PAYEE, VANGUARD_UNITS

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
#: The kind each <INV401KSOURCE> code means by the OFX specification. OTHERVEST and
#: OTHERNONVEST mean whatever the plan uses them for (often Roth money): no kind is guessed.
OFX_SOURCE_KINDS = {
    "PRETAX": "pretax",
    "AFTERTAX": "after-tax",
    "MATCH": "match",
    "PROFITSHARING": "nonelective",
    "ROLLOVER": "rollover",
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

    def __init__(self, config: PlanConfig) -> None:
        super().__init__(config)
        self._positions: dict[str, list[data.Price]] = {}

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

    def read(self, filepath: str) -> Statement:
        ofx = self._read(filepath)
        self._positions[filepath] = ofx.prices
        return Statement(ofx.rows)

    def entries(self, statement: Statement) -> data.Entries:
        """The transactions, and the positions' prices on dates the trades priced none."""
        entries = super().entries(statement)
        filename = statement.rows[0].filename if statement.rows else ""
        priced = {(e.date, e.currency) for e in entries if isinstance(e, data.Price)}
        for price in self._positions.get(filename, []):
            if (price.date, price.currency) not in priced:
                priced.add((price.date, price.currency))
                entries.append(price)
        return entries

    def _read(self, path: str) -> _OfxFile:
        self.config.require_units(path, VANGUARD_UNITS)
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
            if action in OUTFLOWS:
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
        if lookup(self.config.sources, source) is not None:
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
            "for Roth money, so say what it means in this plan. "
            + how_to_map_source(source, "sources", self.config.where, OFX_SOURCE_KINDS.get(source)),
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
        found = lookup(self.config.funds, *labels)
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
            found = lookup(
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
