"""An OFX/QFX file (v1 SGML or v2 XML) as megaroth's OFX importers need it.

ofxtools parses the file and checks it against the OFX specification (a file it can't read
is a :class:`~megaroth.importers.rows.StatementError`); the values are then taken from its
element tree as the file writes them: dates in the file's own time zone (ofxtools turns them
into UTC, which moves a 23:00 trade to the next day), numbers exactly. Each transaction keeps
the line its ``<FITID>`` is on, so every message can point at it (line 1, or the body's one
line, in files written on one line).
"""

from __future__ import annotations

import datetime
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ofxtools.Parser import OFXTree

from megaroth.importers.columns import fund_name
from megaroth.importers.csvfile import read_text
from megaroth.importers.rows import StatementError

_V1_HEADER = re.compile(r"\A\s*OFXHEADER\s*:\s*100")
_V2_HEADER = re.compile(r"<\?OFX\s[^>]*OFXHEADER\s*=\s*\"200\"")
_SET_ERROR = re.compile(r"Can't set \w+\.(\w+) to (.*?): ")
_ACCTID = re.compile(r"<ACCTID>\s*([^<\r\n]+)", re.IGNORECASE)
#: What makes an investment statement a 401(k)'s, by the OFX specification: the 401(k)
#: aggregate, its balances by source, or a transaction's money source.
_401K_TAGS = ("<INV401K>", "<INV401KBAL>", "<INV401KSOURCE>")
#: The elements of <INVTRANLIST> that are no transaction.
_LIST_DATES = ("DTSTART", "DTEND")


@dataclass(frozen=True)
class Sniff:
    """What an OFX file is, from its text alone (for ``identify``: quick, never raises)."""

    is_401k: bool  # 401(k) content: <INV401K>, <INV401KBAL> or <INV401KSOURCE>
    is_investment: bool  # an investment statement (<INVSTMTRS>)
    account_ids: tuple[str, ...]  # every <ACCTID> it names


@dataclass(frozen=True)
class Security:
    """One security of the file's <SECLIST>: what funds= may be keyed by."""

    name: str
    ticker: str
    uniqueid: str

    @property
    def labels(self) -> tuple[str, str, str]:
        """The fund's name, ticker and CUSIP (or other id), as funds= may name it."""
        return fund_name(self.name), self.ticker, self.uniqueid

    @property
    def label(self) -> str:
        """How messages name it: its name, else its ticker, else its id."""
        return next((label for label in self.labels if label), "")


@dataclass(frozen=True)
class Transaction:
    """One transaction of an <INVTRANLIST>, its values as the file writes them."""

    kind: str  # the element: BUYMF, REINVEST, TRANSFER, INVBANKTRAN...
    fitid: str
    lineno: int
    date: datetime.date | None  # <DTTRADE>, or a bank transaction's <DTPOSTED>
    memo: str
    uniqueid: str  # the security's <SECID><UNIQUEID>; "" for cash
    units: Decimal | None
    unitprice: Decimal | None
    total: Decimal | None  # <TOTAL>, or a bank transaction's <TRNAMT>
    source: str  # <INV401KSOURCE>; "" when the file gives none
    tferaction: str  # a TRANSFER's IN or OUT
    incometype: str  # DIV, INTEREST, CGLONG, CGSHORT, MISC
    trntype: str  # a bank transaction's <TRNTYPE>: CREDIT, DEBIT, INT, XFER...
    name: str  # a bank transaction's <NAME>

    @property
    def which(self) -> str:
        """The transaction as messages name it."""
        when = f" of {self.date}" if self.date else ""
        return f"transaction FITID {self.fitid} (<{self.kind}>{when})"

    @property
    def moves_nothing(self) -> bool:
        """No units and no money: a balance update or placeholder, not a transaction."""
        return not self.units and not self.total


@dataclass(frozen=True)
class OfxStatement:
    """One account's statement (<INVSTMTRS>) in the file."""

    account_id: str
    start: datetime.date | None  # <DTSTART> of its transaction list
    transactions: tuple[Transaction, ...]


@dataclass(frozen=True)
class Position:
    """A holding's price on its date (<INVPOS>), in one account."""

    account_id: str
    uniqueid: str
    price: Decimal
    date: datetime.date | None
    lineno: int


@dataclass(frozen=True)
class OfxFile:
    """What megaroth reads from one OFX file."""

    path: str
    statements: tuple[OfxStatement, ...]
    securities: dict[str, Security]
    positions: tuple[Position, ...]

    def security(self, uniqueid: str) -> Security:
        return self.securities.get(uniqueid, Security("", "", uniqueid))


def sniff(path: str) -> Sniff | None:
    """The file's kind, or None when it is no OFX file (or can't be read)."""
    try:
        text = read_text(path)
    except OSError:
        return None
    head = text[:4096]
    if not (_V1_HEADER.match(head) or _V2_HEADER.search(head)):
        return None
    upper = text.upper()
    return Sniff(
        is_401k=any(tag in upper for tag in _401K_TAGS),
        is_investment="<INVSTMTRS>" in upper,
        account_ids=tuple(found.strip() for found in _ACCTID.findall(text)),
    )


def read_ofx(path: str, payee: str) -> OfxFile:
    """The file's statements, securities and positions; a StatementError if it isn't OFX
    that ofxtools can read (``payee`` is who to download it from again)."""
    text = read_text(path)
    root, ofx = _parse(path, text, payee)
    securities = {}
    for info in ofx.securities:
        uniqueid = str(info.secid.uniqueid)
        securities[uniqueid] = Security(info.secname or "", info.ticker or "", uniqueid)
    return OfxFile(
        path,
        tuple(_statement(path, text, element) for element in root.iter("INVSTMTRS")),
        securities,
        _positions(path, text, root),
    )


def line_of(text: str, needle: str) -> int:
    """The line a piece of the file's text is on (1 when the file is one long line)."""
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def ofx_date(text: str) -> datetime.date | None:
    """The date an OFX date-time names in its own time zone: its first eight digits."""
    digits = text.strip()[:8]
    try:
        return datetime.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None


def _parse(path: str, text: str, payee: str) -> tuple[ET.Element, Any]:
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
            lineno = line_of(text, f"<{found.group(1).upper()}>{found.group(2)}")
        raise StatementError(
            path,
            lineno,
            f"ofxtools can't read this file as OFX: {detail}. Download the OFX/QFX again "
            f"from {payee}; if it still fails, import a CSV download instead.",
        ) from error


def _statement(path: str, text: str, element: ET.Element) -> OfxStatement:
    account_id = _text(element, "INVACCTFROM/ACCTID")
    listing = element.find("INVTRANLIST")
    if listing is None:
        return OfxStatement(account_id, None, ())
    transactions = tuple(
        _transaction(path, text, child) for child in listing if child.tag not in _LIST_DATES
    )
    return OfxStatement(account_id, ofx_date(_text(listing, "DTSTART")), transactions)


def _transaction(path: str, text: str, element: ET.Element) -> Transaction:
    """One transaction; a bank transaction (<INVBANKTRAN>) keeps its <STMTTRN>'s values."""
    bank = element.find("STMTTRN")
    head = bank if bank is not None else element.find(".//INVTRAN")
    fitid = _text(head, "FITID")
    lineno = line_of(text, f"<FITID>{fitid}") if fitid else 1
    number = _Numbers(path, lineno, fitid)
    return Transaction(
        kind=element.tag,
        fitid=fitid,
        lineno=lineno,
        date=ofx_date(_text(head, "DTPOSTED" if bank is not None else "DTTRADE")),
        memo=_text(head, "MEMO"),
        uniqueid=_text(element, ".//SECID/UNIQUEID"),
        units=number(element, ".//UNITS"),
        unitprice=number(element, ".//UNITPRICE"),
        total=number(bank, "TRNAMT") if bank is not None else number(element, ".//TOTAL"),
        source=_text(element, ".//INV401KSOURCE").upper(),
        tferaction=_text(element, "TFERACTION").upper(),
        incometype=_text(element, "INCOMETYPE").upper(),
        trntype=_text(bank, "TRNTYPE").upper(),
        name=_text(bank, "NAME"),
    )


def _positions(path: str, text: str, root: ET.Element) -> tuple[Position, ...]:
    """Every holding's price and date, with the account it is in."""
    starts = [match.start() for match in re.finditer(r"<INVPOS>", text, re.IGNORECASE)]
    positions = []
    index = 0
    for statement in root.iter("INVSTMTRS"):
        account_id = _text(statement, "INVACCTFROM/ACCTID")
        for position in statement.iter("INVPOS"):
            at = starts[index] if index < len(starts) else 0
            lineno = text.count("\n", 0, at) + 1
            index += 1
            price = _Numbers(path, lineno, "")(position, "UNITPRICE")
            positions.append(
                Position(
                    account_id,
                    _text(position, "SECID/UNIQUEID"),
                    price or Decimal(0),
                    ofx_date(_text(position, "DTPRICEASOF")),
                    lineno,
                )
            )
    return tuple(positions)


def _text(element: ET.Element | None, path: str) -> str:
    if element is None:
        return ""
    return (element.findtext(path) or "").strip()


@dataclass(frozen=True)
class _Numbers:
    """Reads a transaction's numbers; one that isn't a number names its FITID and line."""

    path: str
    lineno: int
    fitid: str

    def __call__(self, element: ET.Element | None, where: str) -> Decimal | None:
        text = _text(element, where)
        if not text:
            return None
        try:  # a decimal comma too, as ofxtools reads it
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            tag = where.rsplit("/", 1)[-1]
            raise StatementError(
                self.path,
                self.lineno,
                f"transaction FITID {self.fitid} has <{tag}>{text}, which is not a number. "
                "Download the file again, or enter this transaction by hand.",
            ) from None
