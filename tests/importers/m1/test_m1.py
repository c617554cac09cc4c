"""M1 Finance's activity CSV through the named layout (``layouts.m1``).

``Activity-Dec-31-2024.csv`` is Hank's Roth IRA at M1: an ACH deposit (``TRANSFER``), two
purchases, cash moved in from another broker (``CASH``, posted the day before its date), a
sale written with a negative amount and negative units, a dividend; dates ``"Sep 3, 2024"``,
``$`` and ``-$`` money, ``--`` in the unit fields of cash rows.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import m1
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
ACTIVITY = HERE / "Activity-Dec-31-2024.csv"
ROTH = "Assets:Retirement:Hank:RothIRA"
HEADER = (
    "Date,Posted Date,Symbol,Description,Transaction Type,Amount,Units,Unit Type,Unit Price,"
    "Security Id,Security Id Type\n"
)

HANK = PlanConfig(
    account="Assets:Retirement:Hank",
    sources={},
    accounts={"M1": ROTH},  # the file names no account: m1()'s label for it
    funds={"VTI": "VTI", "VXUS": "VXUS"},
    contributions="Assets:Bank:Checking",
)


def importer(config: PlanConfig = HANK) -> GenericImporter:
    return GenericImporter(config, m1())


def write(tmp_path: Path, *lines: str) -> Path:
    statement = tmp_path / "Activity.csv"
    statement.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    return statement


def test_activity_matches_expected_entries() -> None:
    assert_matches_expected(importer(), ACTIVITY)


def test_each_type_and_its_quirks() -> None:
    rows = importer().read(str(ACTIVITY)).rows
    assert [
        (row.lineno, row.date.isoformat(), row.action.value, row.fund, row.units, row.amount)
        for row in rows
    ] == [
        (2, "2024-12-20", "dividend", "VTI", None, Decimal("1.87")),  # "--" units: none
        (3, "2024-10-07", "sell", "VXUS", Decimal("1.7045"), Decimal("-107.89")),
        (4, "2024-09-24", "journal", "", None, Decimal("20.03")),  # Date, not Posted Date
        (5, "2024-09-03", "buy", "VXUS", Decimal("3.3175"), Decimal("200.00")),
        (6, "2024-09-03", "buy", "VTI", Decimal("1.0952"), Decimal("300.00")),
        (7, "2024-09-02", "contribution", "", None, Decimal("500.00")),
    ]
    (sale,) = [
        e
        for e in importer().extract(str(ACTIVITY), [])
        if isinstance(e, data.Transaction) and e.narration.startswith("SOLD")
    ]
    # -$107.89 and -1.7045 units: the shares go out and the cash comes in.
    assert [str(p.units) for p in sale.postings[:2]] == ["-1.7045 VXUS", "107.89 USD"]


def test_summary_says_every_line_made_entries() -> None:
    m1_importer = importer()
    m1_importer.extract(str(ACTIVITY), [])
    summary = m1_importer.summaries[str(ACTIVITY)]
    assert summary.skipped == {}
    assert summary.text("Activity-Dec-31-2024.csv").splitlines()[0] == (
        "Activity-Dec-31-2024.csv: 6 lines: 6 in 5 transactions (and 3 prices), none skipped"
    )


def test_identifies_its_activity_and_no_other_statement() -> None:
    assert identified(importer()) == ["m1/Activity-Dec-31-2024.csv"]


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), ACTIVITY)


def test_the_file_s_account_label_is_yours_to_choose(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        '"Sep 2, 2024","Sep 2, 2024",,ACH deposit of $500 completed.,TRANSFER,$500.00,--,'
        "CURRENCY,--,,",
    )
    config = replace(HANK, accounts={"M1 Roth IRA": ROTH})
    (entry,) = GenericImporter(config, m1("M1 Roth IRA")).extract(str(statement), [])
    assert [p.account for p in entry.postings] == [ROTH, "Assets:Bank:Checking"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "2024-09-02,2024-09-02,,ACH deposit of $500 completed.,TRANSFER,$500.00,--,CURRENCY,"
            "--,,",
            "column 'Date' holds '2024-09-02', which is not a date written as Mon DD, YYYY.",
        ),
        (
            '"Sep 2, 2024","Sep 2, 2024",,ACH deposit of $500 completed.,TRANSFER,$5OO.00,--,'
            "CURRENCY,--,,",
            "column 'Amount' holds '$5OO.00', which is not a number. Fix the file (or download "
            "it again) so the column has amounts like 1,234.56 or (12.00).",
        ),
        (
            '"Oct 7, 2024","Oct 7, 2024",VXUS,shares of VXUS sold.,SOLD,-$107.89,--,SHARES,'
            "$63.30,921909768,CUSIP",
            "column 'Units' holds '--' for a sell of VXUS, which moves shares: megaroth needs how "
            "many. Download the file again, or enter this line by hand and delete it from the "
            "file.",
        ),
        (
            '"Oct 7, 2024","Oct 7, 2024",,Interest paid.,INTEREST,$0.12,--,CURRENCY,--,,',
            "activity 'INTEREST' is not one megaroth knows for this layout. Add  \"INTEREST\": "
            f'"contribution",  (or another of: {ACTION_NAMES}) to actions= in the Layout of your '
            "import.py.",
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
