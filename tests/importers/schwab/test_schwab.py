"""Schwab's transaction history CSV through the named layout (``layouts.schwab``).

``dana-ira-2023.csv`` is a titled 2023 download of a traditional IRA (the account named only
in the title; ``as of`` dates; ``$`` and ``-$`` money; a quoted ``Transactions Total`` with a
trailing comma) with every action the layout maps. ``Roth_Contributory_IRA_XXX378_...csv`` is
an untitled download (since late 2023): header first, no total, the account only in the
file's name. The two are one conversion: the journal out of the traditional IRA and into the
Roth IRA on 03/01/2023. Bob's two files are the end-to-end scenario
(``tests/importers/test_brokerage_ira_end_to_end.py``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import SCHWAB, schwab
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
TITLED = HERE / "dana-ira-2023.csv"
UNTITLED = HERE / "Roth_Contributory_IRA_XXX378_Transactions_20240105-093000.csv"
TRADITIONAL = "Assets:Retirement:Dana:TraditionalIRA"
ROTH = "Assets:Retirement:Dana:RothIRA"
HEADER = '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"\n'
WHERE = 'in the PlanConfig(account="Assets:Retirement:Dana", ...) of your import.py'

DANA = PlanConfig(
    account="Assets:Retirement:Dana",
    sources={},
    # The title line's account, and the untitled download's name (underscores as spaces).
    accounts={"Traditional IRA ...377": TRADITIONAL, "Roth Contributory IRA XXX378": ROTH},
    funds={"SCHB": "SCHB", "SCHD": "SCHD", "VTI": "VTI"},
    contributions="Assets:Bank:Northwind",
    nondeductible=True,
)


def importer(config: PlanConfig = DANA, account: str | None = None) -> GenericImporter:
    return GenericImporter(config, schwab(account))


def write(tmp_path: Path, *lines: str, name: str = UNTITLED.name) -> Path:
    """An untitled download of Dana's Roth IRA holding ``lines`` (line 2 on)."""
    statement = tmp_path / name
    statement.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    return statement


def transactions(document: Path) -> list[data.Transaction]:
    return [e for e in importer().extract(str(document), []) if isinstance(e, data.Transaction)]


def test_titled_download_matches_expected_entries() -> None:
    assert_matches_expected(importer(), TITLED)


def test_untitled_download_names_its_account_in_the_file_name() -> None:
    assert_matches_expected(importer(), UNTITLED)


def test_every_action_becomes_its_megaroth_action() -> None:
    rows = importer().read(str(TITLED)).rows
    assert [(row.lineno, row.description.split(":")[0], row.action.value) for row in rows] == [
        (3, "Service Fee", "fee"),
        (4, "MoneyLink Transfer", "distribution"),  # money out to the bank
        (5, "Credit Interest", "interest"),
        (6, "Sell", "sell"),
        (7, "Reinvest Shares", "buy"),
        (8, "Reinvest Dividend", "dividend"),
        (9, "Cash Dividend", "dividend"),
        (10, "Qualified Dividend", "dividend"),
        (11, "Bank Interest", "interest"),
        (12, "Journal", "journal"),
        (13, "Buy", "buy"),
        (14, "Buy", "buy"),
        (15, "MoneyLink Deposit", "contribution"),
        (16, "MoneyLink Transfer", "contribution"),  # money in from the bank
    ]
    # "04/17/2023 as of 04/15/2023": the day it counts for.
    assert str(rows[8].date) == "2023-04-15"
    assert {row.source for row in rows} == {"Traditional IRA ...377"}


def test_the_journal_halves_in_the_two_files_carry_one_link() -> None:
    out = [e for e in transactions(TITLED) if e.narration.startswith("Journal")]
    into = [e for e in transactions(UNTITLED) if e.narration.startswith("Journal")]
    assert [e.links for e in out] == [e.links for e in into] == [{"transfer-2023-03-01-500.00"}]


def test_identifies_the_files_of_the_accounts_it_maps_and_no_other_statement() -> None:
    assert identified(importer()) == [
        "schwab/Roth_Contributory_IRA_XXX378_Transactions_20240105-093000.csv",
        "schwab/dana-ira-2023.csv",
    ]
    # Without accounts=, every Schwab file that names its account is Schwab's.
    assert identified(GenericImporter(replace(DANA, accounts={}), SCHWAB)) == [
        "schwab/Roth_Contributory_IRA_XXX378_Transactions_20240105-093000.csv",
        "schwab/Roth_Contributory_IRA_XXX822_Transactions_20240405-101500.csv",
        "schwab/bob-traditional-ira-2024.csv",
        "schwab/dana-ira-2023.csv",
    ]


def test_a_file_that_names_no_account_needs_the_layout_to_say_which(tmp_path: Path) -> None:
    statement = write(tmp_path, '"01/02/2024","Credit Interest","","SCHWAB1 INT","","","","$0.41"',
                      name="history.csv")  # fmt: skip
    assert not importer().identify(str(statement))
    mine = importer(replace(DANA, accounts={"Roth IRA": ROTH}), account="Roth IRA")
    assert mine.identify(str(statement))
    (entry,) = mine.extract(str(statement), [])
    assert [posting.account for posting in entry.postings] == [ROTH, "Income:Retirement:Interest"]


def test_2020_download_with_trailing_commas_crlf_and_an_unquoted_total(tmp_path: Path) -> None:
    statement = tmp_path / "ira-2020.csv"
    statement.write_bytes(
        b'"Transactions  for account Traditional IRA ...377 as of 11/15/2020 18:01:20 ET"\r\n'
        b'"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount",\r\n'
        b'"11/10/2020","Journal","","JOURNAL TO ...378","","","","-$123.45",\r\n'
        b'"10/19/2020","Buy","SCHB","SCHWAB US BROAD MARKET ETF",3,"$41.15","","-$123.45"\r\n'
        b'Transactions Total,"","","","","","",-$246.90\r\n'
    )
    ira = importer()
    assert ira.identify(str(statement))
    buy, journal = [e for e in ira.extract(str(statement), []) if isinstance(e, data.Transaction)]
    assert (buy.date.isoformat(), journal.date.isoformat()) == ("2020-10-19", "2020-11-10")
    assert [str(p.units) for p in buy.postings] == ["3 SCHB", "-123.45 USD"]
    assert ira.summaries[str(statement)].skipped == {"a totals line": [5]}


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), TITLED)
    assert_reimport_adds_nothing(importer(), UNTITLED)


def test_summary_names_the_totals_line() -> None:
    ira = importer()
    ira.extract(str(TITLED), [])
    summary = ira.summaries[str(TITLED)]
    assert summary.skipped == {"a totals line": [17]}
    assert summary.text("dana-ira-2023.csv").splitlines()[:2] == [
        "dana-ira-2023.csv: 15 lines: 14 in 13 transactions (and 4 prices), 1 skipped",
        "  skipped: a totals line (line 17)",
    ]


@pytest.mark.parametrize("action", ["Journaled Shares", "Security Transfer"])
def test_shares_moved_in_kind_stop_the_import_with_what_to_do(tmp_path: Path, action: str) -> None:
    statement = write(tmp_path, f'"04/03/2024","{action}","SCHB","SCHWAB US BROAD MARKET ETF",'
                                '"-11","","",""')  # fmt: skip
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: activity {action!r}: it moves shares between accounts with no dollar "
        "amount, and megaroth needs the value of what moves (a conversion is taxed on the "
        "shares' value that day), so it does not read these yet. Enter the move by hand (the "
        "shares out of one account and into the other at that day's price, both legs in one "
        "transaction) and delete the line from the file."
    )


def test_an_action_the_layout_does_not_know_says_what_to_add(tmp_path: Path) -> None:
    statement = write(tmp_path, '"06/11/2024","Foreign Tax Paid","NOK","NOKIA CORP","","","",'
                                '"-$1.05"')  # fmt: skip
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: activity 'Foreign Tax Paid' is not one megaroth knows for this layout. "
        f'Add  "Foreign Tax Paid": "contribution",  (or another of: {ACTION_NAMES}) to actions= '
        "in the Layout of your import.py."
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '"03/26/2024","Qualified Dividend","SCHB","SCHWAB US BROAD MARKET ETF","","","",'
            '"$70.O0"',
            "column 'Amount' holds '$70.O0', which is not a number. Fix the file (or download "
            "it again) so the column has amounts like 1,234.56 or (12.00).",
        ),
        (
            '"13/26/2024","Qualified Dividend","SCHB","SCHWAB US BROAD MARKET ETF","","","",'
            '"$70.00"',
            "column 'Date' holds '13/26/2024', which is not a date written as MM/DD/YYYY or "
            "YYYY/MM/DD.",
        ),
        (
            '"01/11/2024","Buy","QQQM","INVESCO NASDAQ 100 ETF","4","$175.00","","-$700.00"',
            "fund 'QQQM' has no commodity for plan Assets:Retirement:Dana. Add  \"QQQM\": "
            f'"TICKER",  to funds= {WHERE}.',
        ),
    ],
)
def test_bad_lines_name_the_file_line_column_and_fix(
    tmp_path: Path, line: str, message: str
) -> None:
    statement = write(tmp_path, line)
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == f"{statement}:2: {message}"


def test_a_trade_in_an_account_kept_in_dollars_says_to_keep_it_in_units(tmp_path: Path) -> None:
    statement = write(tmp_path, '"01/11/2024","Buy","VTI","VANGUARD TOTAL STOCK MARKET ETF","28",'
                                '"$250.00","","-$7000.00"')  # fmt: skip
    with pytest.raises(StatementError) as caught:
        importer(replace(DANA, funds={})).extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: a buy of VTI, but Assets:Retirement:Dana is kept in dollar balances, "
        "which can't follow shares bought and sold (their gains would be lost). Keep it in "
        'fund units: add funds={"VTI": "<COMMODITY>", ...} (the file\'s fund and the commodity '
        f"you hold it as) {WHERE}."
    )
