"""T. Rowe Price's 401(k) history CSV through the named layout (``layouts.trowe``).

``trowe-history.csv`` is Frank's first quarter: four preamble lines, then the header (its
names are megaroth's guess, see the layout), payroll contributions to two sources, a fee
written ``$-1.23``, an exchange between two funds, a positive fee (a rebate) and a market
fluctuation. The plan is kept in dollar balances, as the layout advises.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import TROWE_HEADER, trowe
from megaroth.importers.rows import ACTION_NAMES, StatementError
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
HISTORY = HERE / "trowe-history.csv"
PLAN = "Assets:Retirement:Frank:Initrode401k"
PREAMBLE = (
    "T. Rowe Price Retirement Plan Services\nInitrode Corporation 401(k) Savings Plan\n"
    "Participant: Frank Example\nActivity from 01/01/2024 through 03/31/2024\n"
)

FRANK = PlanConfig(
    account=PLAN,
    sources={"Pre-Tax": "pretax", "Employer Match": "match"},
    contributions={
        "pretax": "Income:Frank:Initrode:Salary",
        "match": "Income:Frank:Initrode:Match",
    },
)


def importer(config: PlanConfig = FRANK, source: str | None = None) -> GenericImporter:
    return GenericImporter(config, trowe(source=source))


def write(tmp_path: Path, *lines: str, header: str = ",".join(TROWE_HEADER)) -> Path:
    statement = tmp_path / "history.csv"
    statement.write_text(PREAMBLE + header + "\n" + "".join(f"{line}\n" for line in lines))
    return statement


def test_history_matches_expected_entries() -> None:
    assert_matches_expected(importer(), HISTORY)


def test_fees_are_signed_as_written_and_a_positive_fee_is_a_rebate() -> None:
    fees = [
        [(p.account, str(p.units)) for p in entry.postings]
        for entry in importer().extract(str(HISTORY), [])
        if isinstance(entry, data.Transaction) and entry.narration == "Fee"
    ]
    assert fees == [
        [(f"{PLAN}:PreTax", "-1.23 USD"), ("Expenses:Retirement:Fees", "1.23 USD")],  # $-1.23
        [(f"{PLAN}:PreTax", "0.42 USD"), ("Expenses:Retirement:Fees", "-0.42 USD")],  # rebate
    ]


def test_every_activity_becomes_its_megaroth_action() -> None:
    rows = importer().read(str(HISTORY)).rows
    assert [(row.lineno, row.description, row.action.value) for row in rows] == [
        (6, "Market Fluctuation", "market-value"),
        (7, "Fee", "fee"),
        (8, "Exchange In", "transfer"),
        (9, "Exchange Out", "transfer"),
        (10, "Fee", "fee"),
        (11, "Contribution", "contribution"),
        (12, "Contribution", "contribution"),
    ]


def test_identifies_its_history_and_no_other_statement() -> None:
    assert identified(importer()) == ["trowe/trowe-history.csv"]


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), HISTORY)


def test_summary_says_every_line_made_entries_and_the_preamble_is_no_line() -> None:
    trowe_importer = importer()
    trowe_importer.extract(str(HISTORY), [])
    summary = trowe_importer.summaries[str(HISTORY)]
    assert summary.skipped == {}
    assert summary.text("trowe-history.csv").splitlines() == [
        "trowe-history.csv: 7 lines: 7 in 5 transactions, none skipped",
        "  by money source: Employer Match 225.00; Pre-Tax 467.96",
        "  by fund: T. Rowe Price Retirement 2050 Fund 392.96; T. Rowe Price Stable Value "
        "Fund 300.00",
    ]


def test_the_plan_loads_with_the_plugins() -> None:
    analysis = through_plugins(importer().extract(str(HISTORY), []), PLAN, owner="frank")
    assert sorted(c.amount for c in analysis.basis.contributions) == [
        Decimal("225.00"),
        Decimal("450.00"),
    ]


def test_the_header_names_are_configurable(tmp_path: Path) -> None:
    names = ("Trade Date", "Transaction", "Investment", "Money Source", "Amount ($)", "Units",
             "Balance")  # fmt: skip
    statement = write(
        tmp_path,
        "01/12/2024,Contribution,T. Rowe Price Retirement 2050 Fund,Pre-Tax,$450.00,21.7391,"
        "$450.00",
        header=",".join(names),
    )
    custom = GenericImporter(FRANK, trowe(header=names))
    assert custom.identify(str(statement))
    assert not importer().identify(str(statement))
    (entry,) = custom.extract(str(statement), [])
    assert [str(p.units) for p in entry.postings] == ["450.00 USD", "-450.00 USD"]


def test_one_source_for_every_row_makes_the_text_column_the_narration(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "01/12/2024,Contribution,T. Rowe Price Retirement 2050 Fund,Payroll 01/12,$450.00,"
        "21.7391,$450.00",
    )
    (entry,) = importer(source="Pre-Tax").extract(str(statement), [])
    assert entry.narration == "Contribution: Payroll 01/12"
    assert entry.postings[0].account == f"{PLAN}:PreTax"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "01/31/2024,Fee,T. Rowe Price Retirement 2050 Fund,Pre-Tax,$-1.2.3,-0.0589,$-1.23",
            "column 'Amount' holds '$-1.2.3', which is not a number. Fix the file (or download "
            "it again) so the column has amounts like 1,234.56 or (12.00).",
        ),
        (
            "2024-01-31,Fee,T. Rowe Price Retirement 2050 Fund,Pre-Tax,$-1.23,-0.0589,$-1.23",
            "column 'Date' holds '2024-01-31', which is not a date written as MM/DD/YYYY.",
        ),
        (
            "01/31/2024,Loan Repayment,T. Rowe Price Retirement 2050 Fund,Pre-Tax,$120.00,"
            "5.7971,$120.00",
            "activity 'Loan Repayment' is not one megaroth knows for this layout. Add  "
            f'"Loan Repayment": "contribution",  (or another of: {ACTION_NAMES}) to actions= in '
            "the Layout of your import.py.",
        ),
        (
            "01/12/2024,Contribution,T. Rowe Price Retirement 2050 Fund,Roth,$100.00,4.8309,"
            "$100.00",
            f'money source \'Roth\' has no mapping for plan {PLAN}. Add  "Roth": "<kind>",  to '
            f'sources= in the PlanConfig(account="{PLAN}", ...) of your import.py, with the kind '
            f"of money the plan means by it: {kinds_explained()}.",
        ),
    ],
)
def test_bad_lines_name_the_file_line_column_and_fix(
    tmp_path: Path, line: str, message: str
) -> None:
    statement = write(tmp_path, line)
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == f"{statement}:6: {message}"


def test_a_file_without_the_header_is_named(tmp_path: Path) -> None:
    statement = write(tmp_path, header="Date,Activity,Fund,Source,Amount,Value")
    assert not importer().identify(str(statement))
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:1: no header line Date, Activity, Fund, Source, Amount, Shares, Value "
        "found; this is not the statement layout this importer reads."
    )
