"""A broker's OFX of two IRAs and a taxable account (Fidelity's layout): a nondeductible
contribution, interest, the conversion as a journal out of one IRA and into the other, buys,
a reinvested dividend, cash dividends, a sale and a fee."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import printer

from megaroth.engine.analysis import analyse
from megaroth.importers.config import PlanConfig
from megaroth.importers.ofx import BrokerageOfxImporter, PlanOfxImporter
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected

HERE = Path(__file__).parent
QFX = HERE / "fidelity-iras.qfx"
OTHERS = [
    HERE.parent / "vanguard" / "initech-401k.qfx",
    HERE.parent / "vanguard" / "halvorsen-401k.qfx",
    HERE.parent / "ofx_401k" / "bellwether-401k.ofx",
    HERE.parent / "tiaa" / "riverside-403b.ofx",
]
TRAD = "Assets:Retirement:Erin:TraditionalIRA"
ROTH = "Assets:Retirement:Erin:RothIRA"
CONFIG = PlanConfig(
    account="Assets:Retirement:Erin",
    sources={},
    accounts={"X42118921": TRAD, "X42118922": ROTH},
    contributions="Assets:Bank:Checking",
    nondeductible=True,
)
TAXABLE_SKIP = "another account (X42118930), not in accounts= of this import"


def importer(config: PlanConfig = CONFIG, **kwargs: Any) -> BrokerageOfxImporter:
    return BrokerageOfxImporter(config, payee="Fidelity", **kwargs)


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def changed(tmp_path: Path, old: str, new: str) -> Path:
    text = QFX.read_bytes().decode()
    assert old in text
    statement = tmp_path / "download.qfx"
    statement.write_bytes(text.replace(old, new, 1).encode())
    return statement


def error(statement: Path, **kwargs: Any) -> str:
    with pytest.raises(StatementError) as caught:
        importer(**kwargs).extract(str(statement), [])
    return str(caught.value)


def test_download_matches_expected_entries() -> None:
    assert_matches_expected(importer(), QFX)


def test_identifies_only_files_of_its_accounts() -> None:
    assert importer().identify(str(QFX))
    assert [path.name for path in OTHERS if importer().identify(str(path))] == []
    # A 401(k) importer leaves a brokerage file alone, and so does a 403(b) one of
    # another account.
    plan = PlanConfig(account="Assets:Retirement:Erin:Plan", sources={})
    assert not PlanOfxImporter(plan).identify(str(QFX))
    assert not PlanOfxImporter(plan, plain_investment=True, account_ids=["T1"]).identify(str(QFX))
    other = replace(CONFIG, accounts={"X99999999": TRAD})
    assert not importer(other).identify(str(QFX))


def test_the_conversion_is_one_transaction_with_both_legs() -> None:
    entries = transactions(importer().extract(str(QFX), []))
    (conversion,) = [e for e in entries if e.date.isoformat() == "2025-02-03"]
    assert [(p.account, p.units.number) for p in conversion.postings] == [
        (TRAD, Decimal("-7001.37")),
        (ROTH, Decimal("7001.37")),
    ]
    assert conversion.links == frozenset()


def test_the_plugins_see_a_clean_backdoor_roth() -> None:
    # 7,000.00 nondeductible, 1.37 of interest, all of it converted: 1.37 taxable.
    entries = importer().extract(str(QFX), [])
    accounts = sorted({p.account for e in transactions(entries) for p in e.postings} - {TRAD, ROTH})
    header = [
        'plugin "megaroth.plugins"',
        'option "booking_method" "FIFO"',
        '2000-01-01 custom "megaroth-person" "erin"\n  birth-date: 1985-04-02',
        f'2000-01-01 open {TRAD}\n  megaroth-ira: "traditional"\n  owner: "erin"',
        f'2000-01-01 open {ROTH}\n  megaroth-ira: "roth"\n  owner: "erin"',
        *(f"2000-01-01 open {account}" for account in accounts),
    ]
    buffer = io.StringIO()
    printer.print_entries(entries, file=buffer)
    loaded, errors, options = loader.load_string("\n".join(header) + "\n" + buffer.getvalue())
    assert [e.message for e in errors] == []
    (movement,) = analyse(loaded, options).basis.movements
    assert (movement.kind.value, movement.gross, movement.taxable) == (
        "ira-conversion",
        Decimal("7001.37"),
        Decimal("1.37"),
    )


def test_summary_names_the_other_accounts_rows() -> None:
    ofx = importer()
    ofx.extract(str(QFX), [])
    summary = ofx.summaries[str(QFX)]
    assert summary.skipped == {TAXABLE_SKIP: [318, 327]}
    assert summary.text("fidelity-iras.qfx").splitlines()[:2] == [
        "fidelity-iras.qfx: 13 lines: 11 in 10 transactions (and 7 prices), 2 skipped",
        f"  skipped: {TAXABLE_SKIP} (lines 318, 327)",
    ]


def test_reimport_marks_everything_duplicate() -> None:
    first = importer().extract(str(QFX), [])
    again = importer().extract(str(QFX), [])
    importer().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_money_in_that_says_nothing_of_itself_asks_for_actions(tmp_path: Path) -> None:
    statement = changed(
        tmp_path,
        "<NAME>CONTRIBUTION\r\n<MEMO>CONTRIBUTION CURRENT YEAR",
        "<NAME>EFT\r\n<MEMO>EFT FROM BANK 0042",
    )
    assert error(statement) == (
        f"{statement}:48: transaction FITID X4211892120250106A (<INVBANKTRAN> of 2025-01-06) "
        "moves 7,000.00 into the account ('EFT FROM BANK 0042'), and megaroth can't tell a "
        "contribution from money moved to or from another account of yours (a rollover, a "
        'conversion: a journal) or a distribution. Add  "EFT FROM BANK 0042": "contribution",  '
        f'(or another of: {ACTION_NAMES}, "ignore") to actions= in the '
        "BrokerageOfxImporter(...) of your import.py."
    )
    entries = importer(actions={"EFT FROM BANK 0042": "contribution"}).extract(str(statement), [])
    assert transactions(entries)[0].postings[1].account == "Assets:Bank:Checking"


def test_a_journal_whose_other_half_is_elsewhere_is_linked(tmp_path: Path) -> None:
    statement = changed(tmp_path, "<TRNAMT>7001.37", "<TRNAMT>7001.36")
    entries = transactions(importer().extract(str(statement), []))
    out, into = [e for e in entries if e.date.isoformat() == "2025-02-03"]
    assert [(p.account, p.units.number) for p in out.postings] == [
        (TRAD, Decimal("-7001.37")),
        ("Assets:Transfers:Retirement", Decimal("7001.37")),
    ]
    assert out.links == {"transfer-2025-02-03-7001.37"}
    assert into.links == {"transfer-2025-02-03-7001.36"}


def test_ignored_and_sub_account_journals_are_skipped_by_name(tmp_path: Path) -> None:
    jrnl = (
        "<JRNLFUND>\r\n<INVTRAN>\r\n<FITID>X4211892220250601A\r\n<DTTRADE>20250601\r\n"
        "</INVTRAN>\r\n<SUBACCTTO>MARGIN\r\n<SUBACCTFROM>CASH\r\n<TOTAL>10.00\r\n</JRNLFUND>\r\n"
    )
    statement = changed(tmp_path, "</INVTRANLIST>", jrnl + "</INVTRANLIST>")
    ofx = importer(actions={"INTEREST EARNED": "ignore"})
    ofx.extract(str(statement), [])
    assert ofx.summaries[str(statement)].skipped == {
        "ignored by actions= (INTEREST EARNED)": [59],
        "a journal between the sub-accounts of one account: nothing leaves it": [78],
        TAXABLE_SKIP: [327, 336],
    }


def test_an_unknown_kind_of_transaction_is_named(tmp_path: Path) -> None:
    split = (
        "<SPLIT>\r\n<INVTRAN>\r\n<FITID>X4211892220250602A\r\n<DTTRADE>20250602\r\n"
        "</INVTRAN>\r\n<SECID>\r\n<UNIQUEID>922908769\r\n<UNIQUEIDTYPE>CUSIP\r\n</SECID>\r\n"
        "<SUBACCTSEC>CASH\r\n<OLDUNITS>1\r\n<NEWUNITS>2\r\n<NUMERATOR>2\r\n<DENOMINATOR>1\r\n"
        "</SPLIT>\r\n"
    )
    statement = changed(tmp_path, "</INVTRANLIST>", split + "</INVTRANLIST>")
    assert error(statement) == (
        f"{statement}:78: transaction FITID X4211892220250602A (<SPLIT>) is not a kind of "
        "transaction megaroth reads from an IRA statement (it reads BUYMF, BUYSTOCK, "
        "BUYOTHER, BUYDEBT, SELLMF, SELLSTOCK, SELLOTHER, SELLDEBT, REINVEST, INCOME, "
        "INVEXPENSE, INVBANKTRAN, TRANSFER). Enter it in your ledger by hand, and import a "
        "download that leaves it out."
    )


def test_a_transaction_before_the_statement_is_an_error(tmp_path: Path) -> None:
    statement = changed(
        tmp_path, "<DTPOSTED>20250131000000.000[-5:EST]", "<DTPOSTED>20241231000000.000[-5:EST]"
    )
    assert error(statement) == (
        f"{statement}:59: transaction FITID X4211892120250131A (<INVBANKTRAN> of 2024-12-31) "
        "is dated before the statement starts (2025-01-01, its <DTSTART>): a late entry, a "
        "correction, or one an earlier statement already holds. Check it against your "
        'statements for that date; to import it from this file, set  before_statement="import"'
        '  in the PlanConfig(account="Assets:Retirement:Erin", ...) of your import.py (one '
        'of: "error", "import"; the default, "error", stops here).'
    )
    config = replace(CONFIG, before_statement="import")
    dates = [e.date.isoformat() for e in transactions(importer(config).extract(str(statement), []))]
    assert dates[0] == "2024-12-31"


def test_a_security_without_a_usable_ticker_asks_for_funds(tmp_path: Path) -> None:
    statement = changed(tmp_path, "<TICKER>VTI", "<TICKER>vti")
    assert error(statement) == (
        f"{statement}:117: transaction FITID X4211892220250204A (<BUYSTOCK> of 2025-02-04) is "
        "in 'VANGUARD INDEX FDS VANGUARD TOTAL STK MKT ETF' (ticker vti, 922908769), which "
        "has no ticker Beancount can take as a commodity. Add  "
        '"VANGUARD INDEX FDS VANGUARD TOTAL STK MKT ETF": "TICKER",  to funds= in the '
        'PlanConfig(account="Assets:Retirement:Erin", ...) of your import.py.'
    )
    funds = replace(CONFIG, funds={"922908769": "VTI"})
    assert importer(funds).extract(str(statement), [])


def test_shares_moved_in_kind_between_the_iras_are_one_transaction(tmp_path: Path) -> None:
    def transfer(fitid: str, action: str, units: str, memo: str) -> str:
        return (
            f"<TRANSFER>\r\n<INVTRAN>\r\n<FITID>{fitid}\r\n<DTTRADE>20250602\r\n<MEMO>{memo}\r\n"
            "</INVTRAN>\r\n<SECID>\r\n<UNIQUEID>922908769\r\n<UNIQUEIDTYPE>CUSIP\r\n</SECID>\r\n"
            f"<SUBACCTSEC>CASH\r\n<UNITS>{units}\r\n<TFERACTION>{action}\r\n<POSTYPE>LONG\r\n"
            "<UNITPRICE>290.005\r\n</TRANSFER>\r\n"
        )

    text = QFX.read_bytes().decode()
    out = transfer("X4211892120250602A", "OUT", "-3", "ROTH CONVERSION IN KIND")
    into = transfer("X4211892220250602A", "IN", "3", "ROTH CONVERSION IN KIND")
    first, rest = text.split("</INVTRANLIST>", 1)
    statement = tmp_path / "download.qfx"
    statement.write_bytes((first + out + "</INVTRANLIST>" + rest.replace(
        "</INVTRANLIST>", into + "</INVTRANLIST>", 1)).encode())  # fmt: skip
    entries = transactions(importer().extract(str(statement), []))
    (moved,) = [e for e in entries if e.date.isoformat() == "2025-06-02"]
    # 3 x 290.005 = 870.015: 870.02, half up.
    assert [(p.account, p.units.number, p.units.currency) for p in moved.postings[:2]] == [
        (f"{TRAD}:VTI", Decimal("-3"), "VTI"),
        (f"{ROTH}:VTI", Decimal("3"), "VTI"),
    ]
    assert moved.postings[1].cost.number_per == Decimal("290.006667")
