"""Voya's transaction history CSV."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data
from beancount.parser import printer

from megaroth.importers.config import PlanConfig
from megaroth.importers.entries import ID_KEY
from megaroth.importers.rows import ACTION_NAMES, StatementError
from megaroth.importers.voya import VoyaImporter
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
HISTORY = HERE / "TransactionHistory.csv"
PLAN = "Assets:Retirement:Dana:Vandelay401k"
SP500 = "0899 Vanguard 500 Index Adm"
BOND = "2257 Vanguard Total Bond Mkt Index Adm"

CONFIG = PlanConfig(
    account=PLAN,
    sources={
        "Employee PreTax": "pretax",
        "Safe Harbor Match": "match",
        "ROTH": "roth",
        "After-Tax": "after-tax",
        "Roth In-Plan Conversion": "irr",
    },
    funds={SP500: "VFIAX", BOND: "VBTLX"},
    contributions={
        "pretax": "Income:Dana:Vandelay:Salary",
        "roth": "Income:Dana:Vandelay:Salary",
        "after-tax": "Income:Dana:Vandelay:Salary",
        "match": "Income:Dana:Vandelay:Match",
    },
)
HEADER = 'Activity Date,Activity,Fund,Money Source,"# of Units",Unit Price,Amount\n'
SOURCES_LINE = (
    "pretax, roth, match, nonelective, roth-employer, after-tax, irr, rollover, roth-rollover"
)


def importer(config: PlanConfig = CONFIG, **kwargs: Any) -> VoyaImporter:
    return VoyaImporter(config, **kwargs)


def write(tmp_path: Path, *lines: str, name: str = "history.csv", preamble: str = "") -> Path:
    statement = tmp_path / name
    statement.write_text(preamble + HEADER + "".join(f"{line}\n" for line in lines))
    return statement


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def postings(entry: data.Transaction) -> list[str]:
    """The transaction's postings as the ledger shows them."""
    return [" ".join(line.split()) for line in printer.format_entry(entry).splitlines()[2:]]


# --- the statement ----------------------------------------------------------------------------


def test_history_matches_expected_entries() -> None:
    assert_matches_expected(importer(), HISTORY)


def test_conversions_have_the_statements_basis_and_earnings() -> None:
    # After-tax contributions of 2,000.00 on 01/15 and 01/31 (3.7587 and 3.7750 units);
    # each converted a few days later: 3.7587 units at 536.45 = 2,016.35 on 01/21 and
    # 3.7750 units at 533.70 = 2,014.72 on 02/05 (the file's Amount column). The basis is
    # the contribution, the taxable part the earnings in between.
    analysis = through_plugins(importer().extract(str(HISTORY), []), PLAN, owner="dana")
    figures = [
        (m.date.isoformat(), m.kind.value, m.gross, m.basis, m.taxable)
        for m in analysis.basis.movements
    ]
    assert figures == [
        (
            "2025-01-21",
            "in-plan-roth-rollover",
            Decimal("2016.35"),
            Decimal("2000.00"),
            Decimal("16.35"),
        ),
        (
            "2025-02-05",
            "in-plan-roth-rollover",
            Decimal("2014.72"),
            Decimal("2000.00"),
            Decimal("14.72"),
        ),
    ]


def test_conversion_is_one_transaction_with_both_legs() -> None:
    entries = transactions(importer().extract(str(HISTORY), []))
    (conversion,) = [e for e in entries if e.date.isoformat() == "2025-01-21"]
    assert postings(conversion) == [
        f"{PLAN}:IRR:VFIAX 3.7587 VFIAX {{536.448772 USD}}",
        f"{PLAN}:AfterTax:VFIAX -3.7587 VFIAX {{}} @ 536.448772 USD",
        "Income:Retirement:Gains",
    ]


def test_exchange_between_funds_keeps_to_its_source() -> None:
    entries = transactions(importer().extract(str(HISTORY), []))
    (exchange,) = [e for e in entries if e.date.isoformat() == "2025-03-03"]
    assert postings(exchange) == [
        f"{PLAN}:PreTax:VBTLX 56.2062 VBTLX {{9.699998 USD}}",
        f"{PLAN}:PreTax:VFIAX -1.0000 VFIAX {{}} @ 545.20 USD",
        "Income:Retirement:Gains",
    ]


def test_a_payroll_is_one_transaction_per_money_source() -> None:
    # Each source's basis is then its own dollars (see VoyaImporter.extract).
    entries = transactions(importer().extract(str(HISTORY), []))
    payroll = [e for e in entries if e.date.isoformat() == "2025-01-15"]
    assert [postings(e) for e in payroll] == [
        [
            f"{PLAN}:AfterTax:VFIAX 3.7587 VFIAX {{0 # 2000.00 USD}}",
            "Income:Dana:Vandelay:Salary -2000.00 USD",
        ],
        [
            f"{PLAN}:Roth:VFIAX 0.7517 VFIAX {{0 # 400.00 USD}}",
            "Income:Dana:Vandelay:Salary -400.00 USD",
        ],
        [
            f"{PLAN}:Match:VFIAX 0.9397 VFIAX {{0 # 500.00 USD}}",
            "Income:Dana:Vandelay:Match -500.00 USD",
        ],
        [
            f"{PLAN}:PreTax:VFIAX 2.3492 VFIAX {{0 # 1250.00 USD}}",
            "Income:Dana:Vandelay:Salary -1250.00 USD",
        ],
    ]


def test_dividends_and_fees_of_a_date_are_one_transaction_each() -> None:
    entries = transactions(importer().extract(str(HISTORY), []))
    by_date = {e.date.isoformat(): e for e in entries}
    assert postings(by_date["2025-03-26"])[-1] == "Income:Retirement:Dividends -28.98 USD"
    assert len(by_date["2025-03-26"].postings) == 6
    assert postings(by_date["2025-03-31"]) == [
        f"{PLAN}:Match:VFIAX -0.0182 VFIAX {{}} @ 549.450549 USD",
        f"{PLAN}:PreTax:VFIAX -0.0273 VFIAX {{}} @ 549.450549 USD",
        "Expenses:Retirement:Fees 25.00 USD",
        "Income:Retirement:Gains",
    ]


def test_date_is_the_newest_line_of_a_newest_first_file() -> None:
    assert importer().date(str(HISTORY)).isoformat() == "2025-03-31"
    dates = [e.date for e in transactions(importer().extract(str(HISTORY), []))]
    assert dates == sorted(dates)


# --- the quirks -----------------------------------------------------------------------------


def test_bom_parentheses_us_dates_entities_summary_and_blank_lines(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_bytes(
        (
            "\ufeffTransaction History\r\n"
            "Plan: VANDELAY INDUSTRIES 401(K) SAVINGS PLAN\r\n"
            "\r\n" + HEADER.replace("\n", "\r\n") + "01/15/2025,Employee Contribution,"
            "4471 Dodge &amp; Cox Stock,ROTH,1.5000,$266.67,$400.00\r\n"
            "01/21/2025,Fund Transfer Out,4471 Dodge &amp; Cox Stock,ROTH,(0.5000),"
            "$270.00,($135.00)\r\n"
            f'01/21/2025,Fund Transfer In,{SP500},ROTH,0.2500,$540.00,"$135.00"\r\n'
            ',,,Total,,,"$400.00"\r\n'
            "\r\n\r\n"
        ).encode()
    )
    config = replace(CONFIG, funds={**CONFIG.funds, "4471 Dodge & Cox Stock": "DODGX"})
    voya = importer(config)
    assert voya.identify(str(statement))
    rows = voya.rows(str(statement))
    assert [(r.lineno, r.date.isoformat(), r.fund, r.units, r.amount) for r in rows] == [
        (5, "2025-01-15", "4471 Dodge & Cox Stock", Decimal("1.5000"), Decimal("400.00")),
        (6, "2025-01-21", "4471 Dodge & Cox Stock", Decimal("0.5000"), Decimal("-135.00")),
        (7, "2025-01-21", SP500, Decimal("0.2500"), Decimal("135.00")),
    ]
    contribution, exchange = transactions(voya.extract(str(statement), []))
    assert contribution.narration == "Employee Contribution"
    assert postings(exchange) == [
        f"{PLAN}:Roth:DODGX -0.5000 DODGX {{}} @ 270.00 USD",
        f"{PLAN}:Roth:VFIAX 0.2500 VFIAX {{540.00 USD}}",
        "Income:Retirement:Gains",
    ]


def test_rounded_units_are_costed_at_the_statements_dollars(tmp_path: Path) -> None:
    # 0.0273 x 548.75 = 14.98, but the statement took 15.00: the cost follows the dollars.
    statement = write(tmp_path, f"2025-03-31,OTHER,{SP500},Employee PreTax,-0.0273,$548.75,-$15.00")
    (fee,) = transactions(importer().extract(str(statement), []))
    assert postings(fee) == [
        f"{PLAN}:PreTax:VFIAX -0.0273 VFIAX {{}} @ 549.450549 USD",
        "Expenses:Retirement:Fees 15.00 USD",
        "Income:Retirement:Gains",
    ]


def test_a_blank_unit_price_is_the_amount_over_the_units(tmp_path: Path) -> None:
    statement = write(tmp_path, f"2025-01-15,CONTRIBUTION,{SP500},ROTH,0.8000,,$400.00")
    entries = importer().extract(str(statement), [])
    (contribution,) = transactions(entries)
    assert postings(contribution)[0] == f"{PLAN}:Roth:VFIAX 0.8000 VFIAX {{500.000000 USD}}"
    assert len(entries) == 1  # no price entry without a price


def test_lines_that_move_nothing_are_skipped(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        f"2025-01-15,DIVIDEND,{SP500},ROTH,0.0000,$532.10,$0.00",
        f"2025-01-15,CONTRIBUTION,{SP500},ROTH,0.7517,$532.10,$400.00",
    )
    assert [row.lineno for row in importer().rows(str(statement))] == [3]


def test_a_loan_and_its_repayment_move_money_between_funds_and_the_loan(tmp_path: Path) -> None:
    """The loan sells pre-tax units into the pre-tax loan receivable at the day's price; the
    repayment buys units back at cost and pays the receivable down."""
    statement = write(
        tmp_path,
        f"2025-02-14,Loan Repayment,{SP500},Employee PreTax,0.4000,$540.00,$216.00",
        f"2025-01-15,Loan Issue,{SP500},Employee PreTax,-2.0000,$532.10,-$1064.20",
    )
    loan, repayment = transactions(importer().extract(str(statement), []))
    assert postings(loan) == [
        f"{PLAN}:PreTax:VFIAX -2.0000 VFIAX {{}} @ 532.10 USD",
        f"{PLAN}:PreTax:Loan 1064.20 USD",
        "Income:Retirement:Gains",
    ]
    assert postings(repayment) == [
        f"{PLAN}:PreTax:VFIAX 0.4000 VFIAX {{540.00 USD}}",
        f"{PLAN}:PreTax:Loan -216.00 USD",
    ]


def test_actions_adds_an_activity(tmp_path: Path) -> None:
    statement = write(
        tmp_path, f"2025-06-02,Hardship Withdrawal,{SP500},Employee PreTax,-1.0000,$560.00,-$560.00"
    )
    voya = importer(actions={"Hardship Withdrawal": "distribution"})
    (withdrawal,) = transactions(voya.extract(str(statement), []))
    assert [p.account for p in withdrawal.postings] == [
        f"{PLAN}:PreTax:VFIAX",
        "Assets:Transfers:Retirement",
        "Income:Retirement:Gains",
    ]


def test_actions_must_name_an_action() -> None:
    with pytest.raises(ValueError, match=r"maps 'Loan Issue' to 'lend'; use one of"):
        importer(actions={"Loan Issue": "lend"})


# --- bad input ------------------------------------------------------------------------------


def test_other_layouts_are_not_identified(tmp_path: Path) -> None:
    workplace = tmp_path / "workplace.csv"
    workplace.write_text(
        '"Transaction Date","Investment","Contribution","Description","Activity","Price",'
        '"Units","Amount",\n'
    )
    fidelity = tmp_path / "history.csv"
    fidelity.write_text("Date,Investment,Transaction Type,Amount,Shares/Unit\n")
    renamed = tmp_path / "history.txt"
    renamed.write_text(HISTORY.read_text())
    for other in (workplace, fidelity, renamed):
        assert not importer().identify(str(other)), other.name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f"2025-02-30,CONTRIBUTION,{SP500},ROTH,0.7517,$532.10,$400.00",
            "column 'Activity Date' holds '2025-02-30', which is not a date written as "
            "YYYY-MM-DD or MM/DD/YYYY.",
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},ROTH,0.7517,$532.10,$4OO.00",
            "column 'Amount' holds '$4OO.00', which is not a number.",
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},ROTH,0.7517,$532.10,",
            "column 'Amount' is empty; it needs a number.",
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},ROTH,n/a,$532.10,$400.00",
            # "n/a" is an empty cell (as several downloads write one), and units are needed.
            "column '# of Units' holds 'n/a' for a CONTRIBUTION of 400.00; the plan is kept "
            "in fund units",
        ),
        (
            f"2025-01-15,Forfeiture,{SP500},Safe Harbor Match,-2.0000,$532.10,-$1064.20",
            "column 'Activity' holds 'Forfeiture', which is not an activity megaroth knows "
            f'for Voya. Add  "Forfeiture": "contribution",  (or another of: {ACTION_NAMES}) to '
            "actions= in the VoyaImporter(...) of your import.py.",
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},Profit Sharing,0.7517,$532.10,$400.00",
            f"money source 'Profit Sharing' has no mapping for plan {PLAN}. Add  "
            f'"Profit Sharing": "<kind>",  to sources= in the PlanConfig(account="{PLAN}", '
            "...) of your import.py, with the kind of money the plan means by it: "
            f"{kinds_explained()}.",
        ),
        (
            "2025-01-15,CONTRIBUTION,1180 Mystery Stable Value,ROTH,0.7517,$532.10,$400.00",
            f"fund '1180 Mystery Stable Value' has no commodity for plan {PLAN}. Add  "
            f'"1180 Mystery Stable Value": "TICKER",  to funds= in the PlanConfig(account='
            f'"{PLAN}", ...) of your import.py.',
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},,0.7517,$532.10,$400.00",
            "column 'Money Source' is empty; megaroth needs the money source and fund of "
            "every line.",
        ),
        (
            "2025-01-15,CONTRIBUTION,,ROTH,0.7517,$532.10,$400.00",
            "column 'Fund' is empty;",
        ),
        (
            f"2025-01-15,CONTRIBUTION,{SP500},ROTH,,$532.10,$400.00",
            "column '# of Units' holds '' for a CONTRIBUTION of 400.00; the plan is kept in "
            "fund units, so megaroth needs the units of every line.",
        ),
        (
            f"2025-03-31,OTHER,{SP500},Employee PreTax,0.0273,$548.75,-$15.00",
            "columns '# of Units' ('0.0273') and 'Amount' ('-$15.00') have opposite signs;",
        ),
    ],
)
def test_malformed_lines_name_file_line_column_and_value(
    tmp_path: Path, line: str, expected: str
) -> None:
    statement = write(tmp_path, line, preamble="Transaction History\n\n")
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:4: {expected}")


def test_missing_column_is_named_at_the_header_line(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_text(
        "Transaction History\nActivity Date,Activity,Fund,Money Source,Unit Price,Amount\n"
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:2: the header line has no column '# of Units'."
    )


def test_a_conversion_missing_a_leg_is_refused(tmp_path: Path) -> None:
    statement = write(
        tmp_path, f'2025-01-21,TRANSFER,{SP500},After-Tax,-3.7587,$536.45,"-$2,016.35"'
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:2: the transfers of 2025-01-21 add up to -2,016.35, not zero"
    )


def test_a_plan_in_dollar_balances_is_refused() -> None:
    with pytest.raises(StatementError) as caught:
        importer(replace(CONFIG, funds={})).extract(str(HISTORY), [])
    assert str(caught.value).startswith(
        f"{HISTORY}:1: plan {PLAN} is kept in dollar balances, but Voya's download is in fund units"
    )


# --- importing again ------------------------------------------------------------------------


def test_reimporting_the_same_statement_adds_nothing() -> None:
    first = importer().extract(str(HISTORY), [])
    again = importer().extract(str(HISTORY), [])
    importer().deduplicate(again, first)
    assert len(again) == len(first) == 22
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_an_overlapping_statement_adds_only_what_is_new(tmp_path: Path) -> None:
    # A second download for 2025-01-21 to 2025-04-15: both conversions, the 01/31 payroll,
    # the exchange, the dividend and the fee are in the books; only April's payroll is new
    # (two sources, so two transactions, and a price).
    lines = HISTORY.read_text().splitlines()
    header = lines.index(HEADER.strip())
    overlap = [line for line in lines[header + 1 :] if "2025-01-15" not in line and line]
    statement = write(
        tmp_path,
        f"2025-04-15,CONTRIBUTION,{SP500},ROTH,0.7401,$540.45,$400.00",
        f'2025-04-15,CONTRIBUTION,{SP500},Employee PreTax,2.3129,$540.45,"$1,250.00"',
        *overlap,
        preamble="Transaction History\nActivity Period: 01/21/2025 - 04/15/2025\n\n",
    )
    books = importer().extract(str(HISTORY), [])
    new = importer().extract(str(statement), [])
    importer().deduplicate(new, books)
    fresh = [entry for entry in new if not entry.meta.get("__duplicate__")]
    assert [(type(e).__name__, e.date.isoformat()) for e in fresh] == [
        ("Transaction", "2025-04-15"),
        ("Price", "2025-04-15"),
        ("Transaction", "2025-04-15"),
    ]
    ids = {e.meta[ID_KEY] for e in transactions(books)}
    assert all(e.meta[ID_KEY] in ids for e in transactions(new) if e not in fresh)
