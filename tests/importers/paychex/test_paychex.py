"""Paychex's 401(k) CSV through the named layout (``layouts.paychex``).

``paychex-401k.csv`` is Gina's: the header and every line with a space after each comma; a
payroll's contribution and match; a row whose Ticker is ``null`` (bad data, skipped); a
reinvested dividend; a fee with ``N/A`` shares. No money-source column: each row's source is
its Transaction, mapped in ``default_sources=``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import paychex
from megaroth.importers.rows import ACTION_NAMES, StatementError
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
DOWNLOAD = HERE / "paychex-401k.csv"
PLAN = "Assets:Retirement:Gina:Hooli401k"
HEADER = "Date, Transaction, Ticker, Shares, Price, Amount\n"
WHERE = f'in the PlanConfig(account="{PLAN}", ...) of your import.py'

GINA = PlanConfig(
    account=PLAN,
    sources={},
    # The file names no source: each Transaction is one source's.
    default_sources={
        "Contribution": "pretax",
        "Employer Match": "match",
        "Dividend": "pretax",
        "Fee": "pretax",
    },
    funds={"FXAIX": "FXAIX"},
    contributions={"pretax": "Income:Gina:Hooli:Salary", "match": "Income:Gina:Hooli:Match"},
)


def importer(config: PlanConfig = GINA, source: str | None = None) -> GenericImporter:
    return GenericImporter(config, paychex(source))


def write(tmp_path: Path, *lines: str) -> Path:
    statement = tmp_path / "paychex.csv"
    statement.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    return statement


def test_download_matches_expected_entries() -> None:
    assert_matches_expected(importer(), DOWNLOAD)


def test_n_a_shares_move_dollars_only_and_null_tickers_are_skipped_as_bad_data() -> None:
    statement = importer().read(str(DOWNLOAD))
    assert [(row.lineno, row.source, row.units, row.amount) for row in statement.rows] == [
        (2, "Contribution", Decimal("2.4321"), Decimal("432.00")),
        (3, "Employer Match", Decimal("1.2160"), Decimal("216.00")),
        (5, "Dividend", Decimal("0.0912"), Decimal("16.79")),
        (6, "Fee", None, Decimal("-6.25")),
    ]
    (fee,) = [
        e
        for e in importer().extract(str(DOWNLOAD), [])
        if isinstance(e, data.Transaction) and e.narration == "Fee"
    ]
    assert [(p.account, str(p.units)) for p in fee.postings] == [
        (f"{PLAN}:PreTax", "-6.25 USD"),
        ("Expenses:Retirement:Fees", "6.25 USD"),
    ]


def test_summary_names_the_bad_data_line() -> None:
    paychex_importer = importer()
    paychex_importer.extract(str(DOWNLOAD), [])
    summary = paychex_importer.summaries[str(DOWNLOAD)]
    assert summary.skipped == {"marked 'null' in 'Ticker': not a transaction (bad data)": [4]}
    assert summary.text("paychex-401k.csv").splitlines()[:2] == [
        "paychex-401k.csv: 5 lines: 4 in 3 transactions (and 3 prices), 1 skipped",
        "  skipped: marked 'null' in 'Ticker': not a transaction (bad data) (line 4)",
    ]


def test_identifies_its_download_and_no_other_statement() -> None:
    assert identified(importer()) == ["paychex/paychex-401k.csv"]


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), DOWNLOAD)


def test_the_plan_loads_with_the_plugins() -> None:
    analysis = through_plugins(importer().extract(str(DOWNLOAD), []), PLAN, owner="gina")
    assert sorted(c.amount for c in analysis.basis.contributions) == [
        Decimal("216.00"),
        Decimal("432.00"),
    ]


def test_a_plan_with_one_source_names_it_once(tmp_path: Path) -> None:
    statement = write(tmp_path, "01/12/2024, Contribution, FXAIX, 2.4321, 177.62, 432.00")
    config = replace(GINA, sources={"Paychex": "pretax"}, default_sources={})
    (entry, _price) = importer(config, source="Paychex").extract(str(statement), [])
    assert entry.postings[0].account == f"{PLAN}:PreTax:FXAIX"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "01/12/2024, Contribution, FXAIX, 2.4321, 177.62, 43two.00",
            "column 'Amount' holds '43two.00', which is not a number. Fix the file (or download "
            "it again) so the column has amounts like 1,234.56 or (12.00).",
        ),
        (
            "01/12/2024, Contribution, VBTLX, 2.4321, 177.62, 432.00",
            f'fund \'VBTLX\' has no commodity for plan {PLAN}. Add  "VBTLX": "TICKER",  to '
            f"funds= {WHERE}.",
        ),
        (
            "01/12/2024, Roth Contribution, FXAIX, 2.4321, 177.62, 432.00",
            "activity 'Roth Contribution' is not one megaroth knows for this layout. Add  "
            f'"Roth Contribution": "contribution",  (or another of: {ACTION_NAMES}) to actions= '
            "in the Layout of your import.py.",
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


def test_a_transaction_with_no_source_mapping_says_where_to_map_it(tmp_path: Path) -> None:
    statement = write(tmp_path, "01/12/2024, Contribution, FXAIX, 2.4321, 177.62, 432.00")
    with pytest.raises(StatementError) as caught:
        importer(replace(GINA, default_sources={})).extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: money source 'Contribution' has no mapping for plan {PLAN}. Add  "
        f'"Contribution": "<kind>",  to sources= {WHERE}, with the kind of money the plan '
        f"means by it: {kinds_explained()}."
    )
