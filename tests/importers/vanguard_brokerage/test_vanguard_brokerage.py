"""Vanguard's brokerage and IRA download through the named layout
(``layouts.vanguard_brokerage``).

``OfxDownload.csv`` is Erin's: holdings, then transactions of three accounts interleaved
(her traditional IRA, her Roth IRA, and a taxable account this import leaves out), then the
empty retirement-plan section; the older header (``Commission Fees``, ``MM/DD/YYYY``), a
trailing comma on every line. Her backdoor Roth: 7,000.00 contributed, the settlement fund's
2.75 of dividend, 7,002.75 converted (``Conversion (outgoing)`` and ``Rollover Conversion``
on one day); then VTI bought, its dividend reinvested, a rollover in, a sale, a capital
gain distribution, sweeps.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import vanguard_brokerage
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
DOWNLOAD = HERE / "OfxDownload.csv"
TRADITIONAL = "Assets:Retirement:Erin:TraditionalIRA"
ROTH = "Assets:Retirement:Erin:RothIRA"
HEADER = (
    "Account Number,Trade Date,Settlement Date,Transaction Type,Transaction Description,"
    "Investment Name,Symbol,Shares,Share Price,Principal Amount,Commission Fees,Net Amount,"
    "Accrued Interest,Account Type,\n"
)

ERIN = PlanConfig(
    account="Assets:Retirement:Erin",
    sources={},
    accounts={"40112233": TRADITIONAL, "40445566": ROTH},
    funds={"VTI": "VTI"},
    contributions="Assets:Bank:Checking",
    nondeductible=True,
)
SWEEP = (
    "money between the settlement fund and the account's cash, which megaroth keeps as one "
    "(the settlement fund is the cash): moves nothing"
)


def importer(config: PlanConfig = ERIN) -> GenericImporter:
    return GenericImporter(config, vanguard_brokerage())


def write(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    statement = tmp_path / "OfxDownload.csv"
    statement.write_text(header + "".join(f"{line}\n" for line in lines))
    return statement


def test_download_matches_expected_entries() -> None:
    assert_matches_expected(importer(), DOWNLOAD)


def test_each_account_s_rows_go_to_its_account_and_the_conversion_is_one_transaction() -> None:
    rows = importer().read(str(DOWNLOAD)).rows
    assert [(row.lineno, row.source, row.action.value, row.fund) for row in rows] == [
        (11, "40445566", "dividend", "VTI"),  # Capital gain (LT): earnings paid in cash
        (12, "40445566", "sell", "VTI"),
        (13, "40445566", "journal", ""),  # Rollover (incoming): the other half elsewhere
        (14, "40445566", "buy", "VTI"),  # Reinvestment
        (15, "40445566", "dividend", "VTI"),
        (17, "40445566", "buy", "VTI"),
        (18, "40445566", "transfer", ""),  # Rollover Conversion
        (19, "40112233", "transfer", ""),  # Conversion (outgoing)
        (21, "40112233", "dividend", ""),  # the settlement fund's dividend: cash
        (23, "40112233", "contribution", ""),
    ]
    # A dividend's "0.00000" shares are none.
    assert {row.units for row in rows if row.action.value == "dividend"} == {None}
    (conversion,) = [
        e
        for e in importer().extract(str(DOWNLOAD), [])
        if isinstance(e, data.Transaction) and "Conversion" in e.narration
    ]
    assert [(p.account, str(p.units)) for p in conversion.postings] == [
        (ROTH, "7002.75 USD"),
        (TRADITIONAL, "-7002.75 USD"),
    ]


def test_summary_names_every_skipped_line_and_why() -> None:
    vanguard = importer()
    vanguard.extract(str(DOWNLOAD), [])
    summary = vanguard.summaries[str(DOWNLOAD)]
    assert summary.skipped == {
        f"Sweep out: {SWEEP}": [10],
        "another account (40778899), not in accounts= of this import": [16],
        "a buy of VMFXX, the account's cash (its settlement fund): moves no money": [20],
        f"Sweep in: {SWEEP}": [22],
        "another section of the file (from line 26)": [26],
    }
    assert summary.text("OfxDownload.csv").splitlines()[0] == (
        "OfxDownload.csv: 15 lines: 10 in 9 transactions (and 3 prices), 5 skipped"
    )


def test_identifies_its_download_and_no_other_statement() -> None:
    # Not Vanguard's retirement-plan download (tests/importers/vanguard), whose transactions
    # header also starts "Account Number,Trade Date".
    assert identified(importer()) == ["vanguard_brokerage/OfxDownload.csv"]


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), DOWNLOAD)


def test_newer_header_iso_dates_and_latin_1(tmp_path: Path) -> None:
    statement = tmp_path / "OfxDownload.csv"
    statement.write_bytes(
        HEADER.replace("Commission Fees", "Commissions and Fees").encode()
        + b"40112233,2024-01-08,2024-01-08,Contribution,Contribution \xb7 2024,CASH,,"
        b"0.00000,0.0,7000.00,0.0,7000.00,0.0,CASH,\n"
    )
    (entry,) = importer().extract(str(statement), [])
    assert (entry.date.isoformat(), entry.narration) == (
        "2024-01-08",
        "Contribution: Contribution \u00b7 2024",
    )
    assert entry.meta["nondeductible"] is True


def test_a_conversion_whose_other_leg_is_not_imported_stops_the_import() -> None:
    with pytest.raises(StatementError) as caught:
        importer(replace(ERIN, accounts={"40112233": TRADITIONAL})).extract(str(DOWNLOAD), [])
    assert str(caught.value) == (
        f"{DOWNLOAD}:19: the transfers of 2024-02-01 add up to -7,002.75, not zero, so they "
        "can't be one exchange or conversion. Check that every leg of it is in the file."
    )


def test_a_type_the_layout_does_not_know_says_what_to_add(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "40445566,06/03/2024,06/03/2024,Stock split,Stock Split,VANGUARD TOTAL STOCK MARKET "
        "ETF,VTI,15.08600,0.0,0.0,0.0,0.0,0.0,CASH,",
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: activity 'Stock split' is not one megaroth knows for this layout. "
        f'Add  "Stock split": "contribution",  (or another of: {ACTION_NAMES}) to actions= in '
        "the Layout of your import.py."
    )


def test_a_bad_amount_names_the_file_line_column_and_fix(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "40445566,03/27/2024,03/27/2024,Dividend,Dividend Received,VANGUARD TOTAL STOCK MARKET "
        "ETF,VTI,0.00000,0.0,22.10,0.0,22.1O,0.0,CASH,",
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: column 'Net Amount' holds '22.1O', which is not a number. Fix the file "
        "(or download it again) so the column has amounts like 1,234.56 or (12.00)."
    )


def test_a_trade_with_no_shares_is_an_error(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "40445566,02/05/2024,02/07/2024,Buy,Buy,VANGUARD TOTAL STOCK MARKET ETF,VTI,0.00000,"
        "240.00,-6000.00,0.0,-6000.00,0.0,CASH,",
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: column 'Shares' holds '0.00000' for a buy of VTI, which moves shares: "
        "megaroth needs how many. Download the file again, or enter this line by hand and "
        "delete it from the file."
    )
