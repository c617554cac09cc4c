"""Vanguard Retirement Plan Access: the two-section CSV and the OFX/QFX download."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data
from ofxtools.header import make_header
from ofxtools.Parser import OFXTree

from megaroth.importers.config import PlanConfig
from megaroth.importers.entries import ID_KEY
from megaroth.importers.rows import ACTION_NAMES, StatementError
from megaroth.importers.vanguard import VanguardCsvImporter, VanguardOfxImporter
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
CSV = HERE / "OfxDownload.csv"
QFX = HERE / "initech-401k.qfx"
PLAN = "Assets:Retirement:Alice:Initech401k"
FUND = "Vanguard Target Retirement 2055 Trust"
TRANSFER = "Source to Source/Fund to Fund Transfer"

CONFIG = PlanConfig(
    account=PLAN,
    sources={"OTHERNONVEST": "roth", "MATCH": "match", "AFTERTAX": "after-tax", "OTHERVEST": "irr"},
    default_sources={
        "Plan Contribution": "roth",
        "Employer Match Contribution": "match",
        "After-Tax Contribution": "after-tax",
        "Dividends on Equity Investments": "roth",
        "Fee": "roth",
        "Source to Source/Fund to Fund Transfer Out": "after-tax",
        "Source to Source/Fund to Fund Transfer In": "irr",
    },
    funds={FUND: "VTR2055"},
    contributions={
        "roth": "Income:Alice:Initech:Salary",
        "after-tax": "Income:Alice:Initech:Salary",
        "match": "Income:Alice:Initech:Match",
    },
)
SOURCES_LINE = (
    "pretax, roth, match, nonelective, roth-employer, after-tax, irr, rollover, roth-rollover"
)
CSV_HEADER = (
    "Account Number,Trade Date,Run Date,Transaction Activity,Transaction Description,"
    "Investment Name,Share Price,Transaction Shares,Dollar Amount,\n"
)
POSITIONS = (
    "Plan Number,Plan Name,Fund Name,Shares,Price,Total Value,\n"
    f"093817,INITECH CORP 401(K) SAVINGS PLAN,{FUND},59.7417,$53.62,$3203.35,\n\n"
)


def csv_importer(config: PlanConfig = CONFIG, **kwargs: Any) -> VanguardCsvImporter:
    return VanguardCsvImporter(config, **kwargs)


def ofx_importer(config: PlanConfig = CONFIG) -> VanguardOfxImporter:
    return VanguardOfxImporter(config)


def txn(date: str, activity: str, description: str, price: str, shares: str, amount: str) -> str:
    """A transactions line of the CSV (run date = trade date), without its trailing comma."""
    return f"093817,{date},{date},{activity},{description},{FUND},{price},{shares},{amount}"


def write_csv(tmp_path: Path, *lines: str) -> Path:
    statement = tmp_path / "OfxDownload.csv"
    statement.write_text(POSITIONS + CSV_HEADER + "".join(f"{line},\n" for line in lines))
    return statement


def write_qfx(tmp_path: Path, text: str, name: str = "download.qfx") -> Path:
    statement = tmp_path / name
    statement.write_bytes(text.encode())
    return statement


def qfx_text() -> str:
    return QFX.read_bytes().decode()


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def postings(entries: list[Any]) -> list[list[tuple[str, str]]]:
    """Each transaction's postings as text (in any order): what two extractions share."""
    return [
        sorted((p.account, f"{p.units} {p.cost} {p.price}") for p in entry.postings)
        for entry in transactions(entries)
    ]


def conversion_figures(entries: list[Any]) -> tuple[str, Decimal, Decimal, Decimal]:
    analysis = through_plugins(entries, PLAN)
    (movement,) = analysis.basis.movements
    return (movement.kind.value, movement.gross, movement.basis, movement.taxable)


# --- the CSV --------------------------------------------------------------------------------


def test_csv_download_matches_expected_entries() -> None:
    assert_matches_expected(csv_importer(), CSV)


def test_csv_conversion_has_the_statements_basis_and_earnings() -> None:
    # 01/15: 38.2117 shares after-tax for 2,000.00; 01/17: all of them moved to the
    # in-plan Roth source at 52.90, 2,021.40 (the file's Dollar Amount): 21.40 earnings.
    entries = csv_importer().extract(str(CSV), [])
    assert conversion_figures(entries) == (
        "in-plan-roth-rollover",
        Decimal("2021.40"),
        Decimal("2000.00"),
        Decimal("21.40"),
    )


def test_csv_positions_section_makes_no_prices() -> None:
    # The positions (53.62 and 9.87 a share) carry no date: only the trades' prices are kept.
    entries = csv_importer().extract(str(CSV), [])
    prices = [(e.date.isoformat(), e.amount.number) for e in entries if isinstance(e, data.Price)]
    assert prices == [
        ("2025-01-15", Decimal("52.34")),
        ("2025-01-17", Decimal("52.90")),
        ("2025-03-27", Decimal("53.10")),
        ("2025-03-31", Decimal("53.40")),
    ]


def test_csv_quirks_read_the_same(tmp_path: Path) -> None:
    # The fixture: CRLF, two sections, trailing commas, blank lines, newest first. The same
    # rows oldest first, unsigned outflows, $ signs, quoted thousands and a summary line.
    statement = write_csv(
        tmp_path,
        txn("01/15/2025", "Contribution", "Plan Contribution", "$52.34", "14.3294", '"$750.00"'),
        txn(
            "01/15/2025", "Contribution", "Employer Match Contribution", "52.34", "7.1647", "375.00"
        ),
        txn(
            "01/15/2025",
            "Contribution",
            "After-Tax Contribution",
            "52.34",
            "38.2117",
            '"$2,000.00"',
        ),
        txn("01/17/2025", "Transfer", f"{TRANSFER} In", "52.90", "38.2117", "2021.40"),
        txn("01/17/2025", "Transfer", f"{TRANSFER} Out", "52.90", "38.2117", "2021.40"),
        txn("03/27/2025", "Dividend", "Dividends on Equity Investments", "53.10", "0.1529", "8.12"),
        txn("03/31/2025", "Fee", "Fee", "53.40", "0.1170", "6.25"),
        ',,,,,,,Total,"$5,155.77"',
    )
    assert b",\r\n\r\n\r\n\r\nAccount Number," in CSV.read_bytes()  # CRLF, blank lines
    expected = csv_importer().extract(str(CSV), [])
    got = csv_importer().extract(str(statement), [])
    assert postings(got) == postings(expected)
    assert [e.meta[ID_KEY] for e in transactions(got)] == [
        e.meta[ID_KEY] for e in transactions(expected)
    ]


def test_csv_stops_at_a_further_section(tmp_path: Path) -> None:
    statement = write_csv(
        tmp_path,
        f"093817,03/31/2025,03/31/2025,Fee,Fee,{FUND},53.40,-0.1170,-6.25",
        "\nPlan Number,Plan Name,Fund Name,Shares,Price,Total Value",
        f"093900,INITECH CORP RETIREMENT PLAN,{FUND},1.0000,$53.62,$53.62",
    )
    (row,) = csv_importer().rows(str(statement))
    assert (row.date.isoformat(), row.amount) == ("2025-03-31", Decimal("-6.25"))


def test_csv_identifies_only_retirement_plan_downloads(tmp_path: Path) -> None:
    assert csv_importer().identify(str(CSV))
    assert not csv_importer().identify(str(QFX))
    assert not ofx_importer().identify(str(CSV))
    # A brokerage download ends with an empty retirement header, but has no plan positions.
    brokerage = tmp_path / "brokerage.csv"
    brokerage.write_text(
        "Account Number,Investment Name,Symbol,Shares,Share Price,Total Value,\n"
        "57821940,VANGUARD FEDERAL MONEY MARKET INVESTOR CL,VMFXX,1000,1,1000,\n\n\n"
        "Account Number,Trade Date,Settlement Date,Transaction Type,Transaction "
        "Description,Investment Name,Symbol,Shares,Share Price,Principal Amount,"
        "Commissions and Fees,Net Amount,Accrued Interest,Account Type,\n\n\n" + CSV_HEADER
    )
    assert not csv_importer().identify(str(brokerage))
    other = tmp_path / "other.csv"
    other.write_text("Date,Activity,Amount\n01/15/2025,Contribution,100.00\n")
    assert not csv_importer().identify(str(other))


def test_csv_row_without_default_source_names_the_activity_and_config_line(
    tmp_path: Path,
) -> None:
    statement = write_csv(
        tmp_path,
        txn("02/14/2025", "Contribution", "Rollover Contribution", "52.00", "1.0000", "52.00"),
    )
    with pytest.raises(StatementError) as caught:
        csv_importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:5: activity 'Contribution' (description 'Rollover Contribution') has no "
        "money source: Vanguard's CSV names none, so megaroth takes it from default_sources=. "
        'Add  "Rollover Contribution": "<kind>",  to default_sources= in the '
        f'PlanConfig(account="{PLAN}", ...) of your import.py, with the kind of money the '
        f"plan means by it: {kinds_explained()}."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f"093817,2025-03-31,03/31/2025,Fee,Fee,{FUND},53.40,-0.1170,-6.25",
            "column 'Trade Date' holds '2025-03-31', which is not a date written as MM/DD/YYYY.",
        ),
        (
            f"093817,03/31/2025,03/31/2025,Fee,Fee,{FUND},53.40,-0.1170,-6.2S",
            "column 'Dollar Amount' holds '-6.2S', which is not a number.",
        ),
        (
            f"093817,03/31/2025,03/31/2025,Fee,Fee,{FUND},53.40,abc,-6.25",
            "column 'Transaction Shares' holds 'abc', which is not a number.",
        ),
        (
            f"093817,03/31/2025,03/31/2025,Forfeit,Forfeiture,{FUND},53.40,-1.0000,-53.40",
            "activity 'Forfeit' (description 'Forfeiture') is not one megaroth knows for "
            f'Vanguard. Add  "Forfeiture": "contribution",  (or another of: {ACTION_NAMES}) to '
            "actions= in the VanguardCsvImporter(...) of your import.py.",
        ),
        (
            "093817,03/31/2025,03/31/2025,Fee,Fee,Vanguard Mystery Trust,53.40,-0.1170,-6.25",
            f"fund 'Vanguard Mystery Trust' has no commodity for plan {PLAN}.",
        ),
        (
            f"093817,03/31/2025,03/31/2025,Fee,Fee,{FUND},53.40,,-6.25",
            "column 'Transaction Shares' is empty; megaroth needs the fund and shares",
        ),
    ],
)
def test_csv_malformed_lines_name_file_line_column_and_value(
    tmp_path: Path, line: str, expected: str
) -> None:
    statement = write_csv(tmp_path, line)
    with pytest.raises(StatementError) as caught:
        csv_importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:5: {expected}")


def test_csv_missing_column_is_named_at_the_header_line(tmp_path: Path) -> None:
    statement = tmp_path / "OfxDownload.csv"
    statement.write_text(
        POSITIONS + "Account Number,Trade Date,Run Date,Transaction Activity,"
        "Transaction Description,Investment Name,Transaction Shares,Dollar Amount,\n"
    )
    with pytest.raises(StatementError) as caught:
        csv_importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:4: the header line has no column 'Share Price'."
    )


def test_csv_actions_add_descriptions(tmp_path: Path) -> None:
    statement = write_csv(
        tmp_path,
        f"093817,02/14/2025,02/14/2025,Loan,Loan Repayment,{FUND},52.00,1.0000,52.00",
    )
    config = PlanConfig(
        account=PLAN,
        sources={},
        funds=CONFIG.funds,
        default_sources={"Loan Repayment": "pretax"},
    )
    (row,) = csv_importer(config, actions={"Loan Repayment": "contribution"}).rows(str(statement))
    assert (row.action.value, row.source, row.amount) == (
        "contribution",
        "Loan Repayment",
        Decimal("52.00"),
    )
    with pytest.raises(ValueError, match="use one of"):
        csv_importer(config, actions={"Loan Repayment": "repay"})


def test_csv_reimport_and_overlap_add_nothing(tmp_path: Path) -> None:
    first = csv_importer().extract(str(CSV), [])
    again = csv_importer().extract(str(CSV), [])
    csv_importer().deduplicate(again, first)
    assert all(entry.meta.get("__duplicate__") for entry in again)
    # A later download: the March rows again, and a new payroll.
    later = write_csv(
        tmp_path,
        txn("04/15/2025", "Contribution", "Plan Contribution", "54.00", "13.8889", "750.00"),
        txn("03/31/2025", "Fee", "Fee", "53.40", "-0.1170", "-6.25"),
        txn("03/27/2025", "Dividend", "Dividends on Equity Investments", "53.10", "0.1529", "8.12"),
    )
    overlap = csv_importer().extract(str(later), [])
    csv_importer().deduplicate(overlap, first)
    new = [entry for entry in overlap if not entry.meta.get("__duplicate__")]
    assert [(type(e).__name__, e.date.isoformat()) for e in new] == [
        ("Transaction", "2025-04-15"),
        ("Price", "2025-04-15"),
    ]


# --- the OFX --------------------------------------------------------------------------------


def test_qfx_download_matches_expected_entries() -> None:
    assert_matches_expected(ofx_importer(), QFX)


def test_qfx_conversion_has_the_statements_basis_and_earnings() -> None:
    # 06/13: 36.90037 units after-tax for 2,000.00; 06/26: 0.19927 more reinvested from a
    # 10.98 dividend; 06/27: all 37.09964 moved OUT of AFTERTAX and IN to OTHERVEST at
    # 55.40 = 2,055.32. Basis 2,000.00; taxable 55.32 (the dividend and the gain).
    entries = ofx_importer().extract(str(QFX), [])
    assert conversion_figures(entries) == (
        "in-plan-roth-rollover",
        Decimal("2055.32"),
        Decimal("2000.00"),
        Decimal("55.32"),
    )


def test_qfx_positions_give_a_price_on_their_date() -> None:
    entries = ofx_importer().extract(str(QFX), [])
    prices = [(e.date.isoformat(), e.amount.number) for e in entries if isinstance(e, data.Price)]
    assert prices[-1] == ("2025-07-03", Decimal("55.87"))
    assert len(prices) == 5  # four trade dates and the positions' date


def version2(tmp_path: Path) -> Path:
    """The fixture as OFX v2 XML on one line, written by ofxtools itself."""
    tree = OFXTree()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree.parse(str(QFX))
        ofx = tree.convert()
    body = ET.tostring(ofx.to_etree(), encoding="unicode")
    header = str(make_header(version=220)).replace("\n", "")
    return write_qfx(tmp_path, header + body, "download.ofx")


def test_ofx_version_2_xml_reads_the_same(tmp_path: Path) -> None:
    statement = version2(tmp_path)
    assert ofx_importer().identify(str(statement))
    expected = ofx_importer().extract(str(QFX), [])
    got = ofx_importer().extract(str(statement), [])
    assert postings(got) == postings(expected)
    assert [e.meta[ID_KEY] for e in transactions(got)] == [
        e.meta[ID_KEY] for e in transactions(expected)
    ]


def test_ofx_identifies_401k_statements_by_content(tmp_path: Path) -> None:
    assert ofx_importer().identify(str(QFX))
    # Any institution's 401(k) OFX: the name says nothing of the account.
    other = write_qfx(
        tmp_path,
        qfx_text().replace("Vanguard", "First Bank").replace("vanguard.com", "bank.example"),
    )
    assert ofx_importer().identify(str(other))
    # With its plan's account id, only that plan's files.
    ours = VanguardOfxImporter(CONFIG, account_ids=["0938170042"])
    assert ours.identify(str(QFX))
    elsewhere = write_qfx(tmp_path, qfx_text().replace("0938170042", "0938170099"), "b.qfx")
    assert not ours.identify(str(elsewhere))
    brokerage = write_qfx(tmp_path, qfx_text().replace("INV401K", "INVXXXK"), "brokerage.qfx")
    assert not ofx_importer().identify(str(brokerage))
    assert not ofx_importer().identify(str(tmp_path / "missing.qfx"))


def test_trade_date_is_the_files_own_day(tmp_path: Path) -> None:
    # 23:00 in New York on 06/13 is 06/14 in UTC; the trade is still on 06/13.
    late = qfx_text().replace(
        "<DTTRADE>20250613160000.000[-4:EDT]", "<DTTRADE>20250613230000.000[-4:EDT]"
    )
    rows = ofx_importer().rows(str(write_qfx(tmp_path, late)))
    assert rows[0].date.isoformat() == "2025-06-13"


def test_unmapped_source_code_names_code_file_fitid_and_config_line() -> None:
    config = PlanConfig(account=PLAN, sources={"MATCH": "match"}, funds=CONFIG.funds)
    with pytest.raises(StatementError) as caught:
        ofx_importer(config).extract(str(QFX), [])
    assert str(caught.value) == (
        f"{QFX}:50: transaction FITID 5501938170042061301AAA (<BUYMF> of 2025-06-13) has "
        f"<INV401KSOURCE>OTHERNONVEST, which has no mapping for plan {PLAN}. OFX has no code "
        'for Roth money, so say what it means in this plan. Add  "OTHERNONVEST": "<kind>",  '
        f'to sources= in the PlanConfig(account="{PLAN}", ...) of your import.py, with the '
        f"kind of money the plan means by it: {kinds_explained()}."
    )


def test_one_line_file_errors_at_line_1_naming_the_fitid(tmp_path: Path) -> None:
    statement = version2(tmp_path)
    config = PlanConfig(account=PLAN, sources={"MATCH": "match"}, funds=CONFIG.funds)
    with pytest.raises(StatementError) as caught:
        ofx_importer(config).extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:1: transaction FITID 5501938170042061301AAA (<BUYMF> of 2025-06-13) "
        "has <INV401KSOURCE>OTHERNONVEST"
    )


def test_transaction_without_source_asks_for_a_none_mapping(tmp_path: Path) -> None:
    text = qfx_text().replace("<INV401KSOURCE>AFTERTAX\r\n</INVBUY>", "</INVBUY>")
    statement = write_qfx(tmp_path, text)
    with pytest.raises(StatementError) as caught:
        ofx_importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:92: transaction FITID 5501938170042061303AAA (<BUYMF> of 2025-06-13) "
        "has no <INV401KSOURCE>: this file names no money source, so megaroth takes it from "
        'default_sources= (by kind of transaction, "BUYMF", or for all of them, "NONE"), '
        f'which has neither for plan {PLAN}. Add  "NONE": "<kind>",  to default_sources= in '
        f'the PlanConfig(account="{PLAN}", ...) of your import.py, with the kind of money the '
        f"plan means by it: {kinds_explained()}."
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda text: text[: len(text) // 2],
            ":1: ofxtools can't read this file as OFX: Can't set ",
        ),
        (
            lambda text: text.replace("<INV401KSOURCE>MATCH", "<INV401KSOURCE>ROTH", 1),
            ":85: ofxtools can't read this file as OFX: Can't set INVBUY.inv401ksource to "
            "ROTH: 'ROTH' is not OneOf",
        ),
        (
            lambda text: text.replace("<UNITS>6.91882", "<UNITS>6.9l882"),
            ":1: ofxtools can't read this file as OFX: one of its numbers is not a number. "
            "Download the OFX/QFX again from Vanguard",
        ),
        (
            lambda text: text.split("\r\n\r\n", 1)[1],
            ":1: ofxtools can't read this file as OFX: OFX header is malformed:. Download",
        ),
    ],
)
def test_malformed_ofx_is_a_statement_error_naming_the_file(
    tmp_path: Path, change: Any, expected: str
) -> None:
    statement = write_qfx(tmp_path, change(qfx_text()))
    with pytest.raises(StatementError) as caught:
        ofx_importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}{expected}")


def test_transfer_without_price_needs_one(tmp_path: Path) -> None:
    statement = write_qfx(tmp_path, qfx_text().replace("<UNITPRICE>55.25\r\n", ""))
    with pytest.raises(StatementError) as caught:
        ofx_importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:202: transaction FITID 5501938170042063001AAA (<TRANSFER> of "
        f"2025-06-30) moves -0.1086 units of '{FUND}' but has no <UNITPRICE>"
    )


def test_unknown_transaction_type_is_named(tmp_path: Path) -> None:
    split = (
        "<SPLIT>\r\n<INVTRAN>\r\n<FITID>5501938170042070101AAA\r\n"
        "<DTTRADE>20250701160000.000[-4:EDT]\r\n</INVTRAN>\r\n<SECID>\r\n"
        "<UNIQUEID>92202W417\r\n<UNIQUEIDTYPE>CUSIP\r\n</SECID>\r\n<SUBACCTSEC>CASH\r\n"
        "<OLDUNITS>1\r\n<NEWUNITS>2\r\n<NUMERATOR>2\r\n<DENOMINATOR>1\r\n</SPLIT>\r\n"
    )
    text = qfx_text().replace("</INVTRANLIST>", split + "</INVTRANLIST>")
    statement = write_qfx(tmp_path, text)
    with pytest.raises(StatementError) as caught:
        ofx_importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:220: transaction FITID 5501938170042070101AAA (<SPLIT>) is not a kind "
        "of transaction megaroth reads from a plan's statement"
    )


def test_unmapped_fund_names_fund_and_cusip() -> None:
    config = PlanConfig(account=PLAN, sources=CONFIG.sources, funds={"Other Fund": "OTHER"})
    with pytest.raises(StatementError) as caught:
        ofx_importer(config).extract(str(QFX), [])
    assert str(caught.value).startswith(
        f"{QFX}:50: transaction FITID 5501938170042061301AAA (<BUYMF> of 2025-06-13) is in "
        f"fund '{FUND}' (ticker none, 92202W417), which has no commodity for plan {PLAN}. "
        f'Add  "{FUND}": "TICKER",  to funds='
    )


def test_funds_may_be_keyed_by_cusip() -> None:
    by_cusip = PlanConfig(
        account=PLAN,
        sources=CONFIG.sources,
        funds={"92202W417": "VTR2055"},
        contributions=CONFIG.contributions,
    )
    expected = ofx_importer().extract(str(QFX), [])
    got = ofx_importer(by_cusip).extract(str(QFX), [])
    assert postings(got) == postings(expected)
    assert [e.amount for e in got if isinstance(e, data.Price)] == [
        e.amount for e in expected if isinstance(e, data.Price)
    ]


def test_ofx_reimport_and_overlap_add_nothing(tmp_path: Path) -> None:
    first = ofx_importer().extract(str(QFX), [])
    again = ofx_importer().extract(str(QFX), [])
    ofx_importer().deduplicate(again, first)
    assert all(entry.meta.get("__duplicate__") for entry in again)
    # A download from 06/20 on: the dividend, conversion and fee again, nothing new.
    text = qfx_text()
    start = text.index("<BUYMF>")
    end = text.index("<REINVEST>")
    later = write_qfx(tmp_path, text[:start] + text[end:])
    overlap = ofx_importer().extract(str(later), [])
    ofx_importer().deduplicate(overlap, first)
    assert len(transactions(overlap)) == 3
    assert all(entry.meta.get("__duplicate__") for entry in overlap)


def test_sales_cash_dividends_and_expenses(tmp_path: Path) -> None:
    def invtran(fitid: str, memo: str) -> str:
        return (
            f"<INVTRAN>\r\n<FITID>{fitid}\r\n<DTTRADE>20250702160000.000[-4:EDT]\r\n"
            f"<MEMO>{memo}\r\n</INVTRAN>\r\n<SECID>\r\n<UNIQUEID>92202W417\r\n"
            "<UNIQUEIDTYPE>CUSIP\r\n</SECID>\r\n"
        )

    more = (
        "<SELLMF>\r\n<INVSELL>\r\n" + invtran("5501938170042070201AAA", "Withdrawal") + "<UNITS>"
        "-1.0\r\n<UNITPRICE>55.87\r\n<TOTAL>55.87\r\n<SUBACCTSEC>CASH\r\n<SUBACCTFUND>CASH\r\n"
        "<INV401KSOURCE>MATCH\r\n</INVSELL>\r\n<SELLTYPE>SELL\r\n</SELLMF>\r\n"
        "<INCOME>\r\n" + invtran("5501938170042070202AAA", "Dividend") + "<INCOMETYPE>DIV\r\n"
        "<TOTAL>1.25\r\n<SUBACCTSEC>CASH\r\n<SUBACCTFUND>CASH\r\n"
        "<INV401KSOURCE>OTHERNONVEST\r\n</INCOME>\r\n"
        "<INVEXPENSE>\r\n" + invtran("5501938170042070203AAA", "Loan Fee") + "<TOTAL>-3.00\r\n"
        "<SUBACCTSEC>CASH\r\n<SUBACCTFUND>CASH\r\n<INV401KSOURCE>OTHERNONVEST\r\n"
        "</INVEXPENSE>\r\n"
    )
    text = qfx_text().replace("</INVTRANLIST>", more + "</INVTRANLIST>")
    rows = ofx_importer().rows(str(write_qfx(tmp_path, text)))
    assert [(r.action.value, r.source, r.units, r.amount, r.description) for r in rows[-3:]] == [
        ("distribution", "MATCH", Decimal("1.0"), Decimal("-55.87"), "Withdrawal"),
        ("dividend", "OTHERNONVEST", None, Decimal("1.25"), "Dividend"),
        ("fee", "OTHERNONVEST", None, Decimal("-3.00"), "Loan Fee"),
    ]


def test_plan_in_dollar_balances_is_refused() -> None:
    # Without market-value rows a dollar-balance plan would convert more than it holds.
    dollars = replace(CONFIG, funds={})
    for importer, statement in ((csv_importer(dollars), CSV), (ofx_importer(dollars), QFX)):
        with pytest.raises(StatementError) as caught:
            importer.extract(str(statement), [])
        assert str(caught.value).startswith(
            f"{statement}:1: plan {PLAN} is kept in dollar balances, but Vanguard's downloads"
        )
