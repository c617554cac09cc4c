"""The configurable importer, on an Empower-style history."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter, Layout
from megaroth.importers.rows import StatementError
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent

CONFIG = PlanConfig(
    account="Assets:Retirement:Bob:Globex401k",
    sources={
        "Roth": "roth",
        "Employer Match": "match",
        "After Tax": "after-tax",
        "In-Plan Roth": "irr",
    },
    funds={"Vanguard 500 Index Admiral": "VFIAX"},
    contributions={
        "roth": "Income:Bob:Globex:Salary",
        "after-tax": "Income:Bob:Globex:Salary",
        "match": "Income:Bob:Globex:Match",
    },
)
LAYOUT = Layout(
    header=("Date", "Activity", "Source", "Fund"),
    date="Date",
    activity="Activity",
    source="Source",
    fund="Fund",
    units="Units",
    price="Price",
    amount="Amount",
    date_formats=("%m/%d/%Y",),
    actions={
        "Contribution": "contribution",
        "Roth In-Plan Conversion": "transfer",
        "Dividend": "dividend",
        "Recordkeeping Fee": "fee",
    },
    payee="Empower",
    name="empower",
)


def importer(config: PlanConfig = CONFIG, layout: Layout = LAYOUT) -> GenericImporter:
    return GenericImporter(config, layout)


def test_empower_history_matches_expected_entries() -> None:
    assert_matches_expected(importer(), HERE / "empower.csv")


def test_other_layouts_are_not_identified(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("Trade Date,Symbol,Quantity\n2024-01-01,VTI,1\n")
    assert not importer().identify(str(other))


def test_unmapped_source_names_the_label_file_line_and_config(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text(
        "Date,Activity,Source,Fund,Units,Price,Amount\n"
        "01/15/2024,Contribution,Profit Share,Vanguard 500 Index Admiral,1,100.00,100.00\n"
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: money source 'Profit Share' has no mapping for plan "
        'Assets:Retirement:Bob:Globex401k. Add  "Profit Share": "<kind>",  to sources= in '
        'the PlanConfig(account="Assets:Retirement:Bob:Globex401k", ...) of your import.py, '
        f"with the kind of money the plan means by it: {kinds_explained()}."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "13/45/2024,Contribution,Roth,Vanguard 500 Index Admiral,1,100.00,100.00",
            "column 'Date' holds '13/45/2024', which is not a date written as MM/DD/YYYY.",
        ),
        (
            "01/15/2024,Contribution,Roth,Vanguard 500 Index Admiral,1,100.00,12O.00",
            "column 'Amount' holds '12O.00', which is not a number.",
        ),
        (
            "01/15/2024,Loan Issue,Roth,Vanguard 500 Index Admiral,1,100.00,100.00",
            "activity 'Loan Issue' is not one megaroth knows for this layout.",
        ),
        (
            "01/15/2024,Contribution,Roth,Mystery Fund,1,100.00,100.00",
            "fund 'Mystery Fund' has no commodity for plan Assets:Retirement:Bob:Globex401k.",
        ),
    ],
)
def test_malformed_lines_name_file_line_column_and_value(
    tmp_path: Path, line: str, expected: str
) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("Date,Activity,Source,Fund,Units,Price,Amount\n" + line + "\n")
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:2: {expected}")


def test_missing_column_is_named_at_the_header_line(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("Preamble\nDate,Activity,Source,Fund,Units,Amount\n")
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:2: the header line has no column 'Price'.")


def test_extracted_conversion_has_the_statements_basis_and_earnings() -> None:
    entries = importer().extract(str(HERE / "empower.csv"), [])
    analysis = through_plugins(entries, CONFIG.account, owner="bob")
    (movement,) = analysis.basis.movements
    # 2,500.00 contributed on 01/15, converted on 01/22 at 2,515.22.
    assert (movement.kind.value, movement.gross, movement.basis, movement.taxable) == (
        "in-plan-roth-rollover",
        Decimal("2515.22"),
        Decimal("2500.00"),
        Decimal("15.22"),
    )


def test_reimporting_the_same_statement_adds_nothing() -> None:
    document = str(HERE / "empower.csv")
    first = importer().extract(document, [])
    again = importer().extract(document, [])
    importer().deduplicate(again, first)
    assert all(entry.meta.get("__duplicate__") for entry in again)


IRA_LAYOUT = Layout(
    header=("Date", "Account", "Action", "Amount"),
    date="Date",
    activity="Action",
    source="Account",
    amount="Amount",
    actions={"Contribution": "contribution", "Interest": "market-value", "Conversion": "transfer"},
    payee="Broker",
    name="broker",
)
IRA_CONFIG = PlanConfig(
    account="Assets:Retirement:Bob",
    sources={},
    accounts={
        "Traditional IRA ...4821": "Assets:Retirement:Bob:TraditionalIRA",
        "Roth IRA ...4822": "Assets:Retirement:Bob:RothIRA",
    },
    contributions="Assets:Bank:Checking",
    market_value_account="Income:Retirement:Interest",
    nondeductible=True,
)


def test_broker_file_with_two_iras_makes_the_conversion_one_transaction(tmp_path: Path) -> None:
    statement = tmp_path / "ira.csv"
    statement.write_text(
        "Date,Account,Action,Amount\n"
        "2024-01-10,Traditional IRA ...4821,Contribution,7000.00\n"
        "2024-01-22,Traditional IRA ...4821,Interest,6.42\n"
        "2024-01-24,Traditional IRA ...4821,Conversion,-7006.42\n"
        "2024-01-24,Roth IRA ...4822,Conversion,7006.42\n"
    )
    ira = GenericImporter(IRA_CONFIG, IRA_LAYOUT)
    contribution, interest, conversion = ira.extract(str(statement), [])
    assert contribution.meta["nondeductible"] is True
    assert [(p.account, p.units.number) for p in contribution.postings] == [
        ("Assets:Retirement:Bob:TraditionalIRA", Decimal("7000.00")),
        ("Assets:Bank:Checking", Decimal("-7000.00")),
    ]
    assert [p.account for p in interest.postings] == [
        "Assets:Retirement:Bob:TraditionalIRA",
        "Income:Retirement:Interest",
    ]
    assert [(p.account, p.units.number) for p in conversion.postings] == [
        ("Assets:Retirement:Bob:TraditionalIRA", Decimal("-7006.42")),
        ("Assets:Retirement:Bob:RothIRA", Decimal("7006.42")),
    ]


@pytest.mark.parametrize("column", ["Units", "Amount"])
def test_absurdly_large_numbers_are_a_clear_error(tmp_path: Path, column: str) -> None:
    # Found by the fuzzer: sixty nines made Decimal arithmetic fail.
    huge = "9" * 60
    units, amount = (huge, "100.00") if column == "Units" else ("1", huge)
    statement = tmp_path / "s.csv"
    statement.write_text(
        "Date,Activity,Source,Fund,Units,Price,Amount\n"
        f"01/15/2024,Contribution,Roth,Vanguard 500 Index Admiral,{units},100.00,{amount}\n"
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:2: column '{column}' holds '{huge}', too large"
    )
