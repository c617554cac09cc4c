"""The "workplace plan" CSV: cash receipts, then purchases, by money source."""

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
from megaroth.importers.workplace import WorkplaceImporter
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
HISTORY = HERE / "TransactionHistory.csv"
PLAN = "Assets:Retirement:Erin:Kramerica401k"
INDEX = "Vanguard Institutional Index I"
BOND = "Metropolitan West Total Return Bd I"

CONFIG = PlanConfig(
    account=PLAN,
    sources={
        "Employee 401(k)": "pretax",
        "Employer Match": "match",
        "Employee After-Tax": "after-tax",
        "In-Plan Roth Rollover": "irr",
    },
    funds={INDEX: "VINIX", BOND: "MWTIX"},
    contributions={
        "pretax": "Income:Erin:Kramerica:Salary",
        "after-tax": "Income:Erin:Kramerica:Salary",
        "match": "Income:Erin:Kramerica:Match",
    },
)
HEADER = (
    '"Transaction Date","Investment","Contribution","Description","Activity","Price","Units",'
    '"Amount",\n'
)
SOURCES_LINE = (
    "pretax, roth, match, nonelective, roth-employer, after-tax, irr, rollover, roth-rollover"
)


def importer(config: PlanConfig = CONFIG, **kwargs: Any) -> WorkplaceImporter:
    return WorkplaceImporter(config, **kwargs)


def line(date: str, *cells: str) -> str:
    """A data line as the file writes it: every cell quoted, a time, a trailing comma."""
    return ",".join(f'"{cell}"' for cell in (f"{date} 12:00:00 AM", *cells)) + ","


def write(tmp_path: Path, *lines: str, name: str = "history.csv") -> Path:
    statement = tmp_path / name
    statement.write_text(HEADER + "".join(f"{text}\n" for text in lines))
    return statement


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def postings(entry: data.Transaction) -> list[str]:
    """The transaction's postings as the ledger shows them."""
    return [" ".join(text.split()) for text in printer.format_entry(entry).splitlines()[2:]]


def on(entries: list[Any], date: str) -> list[data.Transaction]:
    return [entry for entry in transactions(entries) if entry.date.isoformat() == date]


RECEIPT = ("Cash", "Employee After-Tax", "Contributions - Employee", "Cash Receipts")
PURCHASE = (INDEX, "Employee After-Tax", "Contributions - Employee", "Purchase")


# --- the statement ----------------------------------------------------------------------------


def test_history_matches_expected_entries() -> None:
    assert_matches_expected(importer(), HISTORY)


def test_conversion_has_the_statements_basis_and_earnings() -> None:
    # 1,500.00 received after-tax on 2/13 (bought 3.137 units at 478.12); on 2/18 the 3.137
    # units moved to the in-plan Roth source at 481.55: 1,510.62, the file's Amount. The
    # basis is the cash received, the taxable part the five days' earnings.
    analysis = through_plugins(importer().extract(str(HISTORY), []), PLAN, owner="erin")
    figures = [(m.kind.value, m.gross, m.basis, m.taxable) for m in analysis.basis.movements]
    assert figures == [
        ("in-plan-roth-rollover", Decimal("1510.62"), Decimal("1500.00"), Decimal("10.62"))
    ]
    after_tax = [c for c in analysis.basis.contributions if c.account.endswith(":AfterTax")]
    assert [(c.date.isoformat(), c.amount, c.basis) for c in after_tax] == [
        ("2026-02-13", Decimal("1500.00"), Decimal("1500.00")),
        ("2026-02-27", Decimal("1500.00"), Decimal("1500.00")),
    ]


def test_receipts_are_the_contribution_and_purchases_an_exchange_within_the_source() -> None:
    entries = importer().extract(str(HISTORY), [])
    contribution, *purchases = on(entries, "2026-02-13")
    assert postings(contribution) == [
        f"{PLAN}:PreTax 579.97 USD",
        f"{PLAN}:Match 261.10 USD",
        f"{PLAN}:AfterTax 1500.00 USD",
        "Income:Erin:Kramerica:Salary -2079.97 USD",
        "Income:Erin:Kramerica:Match -261.10 USD",
    ]
    # One purchase transaction per source, each costed at the dollars it spent.
    assert [postings(p) for p in purchases] == [
        [f"{PLAN}:PreTax -579.97 USD", f"{PLAN}:PreTax:VINIX 1.213 VINIX {{0 # 579.97 USD}}"],
        [f"{PLAN}:Match -261.10 USD", f"{PLAN}:Match:VINIX 0.546 VINIX {{0 # 261.10 USD}}"],
        [
            f"{PLAN}:AfterTax -1500.00 USD",
            f"{PLAN}:AfterTax:VINIX 3.137 VINIX {{0 # 1500.00 USD}}",
        ],
    ]


def test_nothing_is_counted_twice() -> None:
    # The receipts are the contributions, once each; every dollar of them was invested, so
    # each source's own account (its cash) ends at zero.
    entries = importer().extract(str(HISTORY), [])
    analysis = through_plugins(entries, PLAN, owner="erin")
    contributed = sum((c.amount for c in analysis.basis.contributions), Decimal(0))
    assert contributed == 2 * (Decimal("579.97") + Decimal("261.10") + Decimal("1500.00"))
    cash: dict[str, Decimal] = {}
    for entry in transactions(entries):
        for posting in entry.postings:
            if posting.account.startswith(PLAN) and posting.units.currency == "USD":
                cash[posting.account] = cash.get(posting.account, Decimal(0)) + posting.units.number
    assert cash == {f"{PLAN}:{source}": 0 for source in ("PreTax", "Match", "AfterTax", "IRR")}


def test_conversion_exchange_dividend_and_fee() -> None:
    entries = importer().extract(str(HISTORY), [])
    (conversion,) = on(entries, "2026-02-18")
    assert postings(conversion) == [
        f"{PLAN}:AfterTax:VINIX -3.137 VINIX {{}} @ 481.549251 USD",
        f"{PLAN}:IRR:VINIX 3.137 VINIX {{481.549251 USD}}",
        "Income:Retirement:Gains",
    ]
    (exchange,) = on(entries, "2026-03-10")
    assert postings(exchange) == [
        f"{PLAN}:PreTax:MWTIX -19.484 MWTIX {{}} @ 8.949908 USD",
        f"{PLAN}:PreTax:VINIX 0.366 VINIX {{476.448087 USD}}",
        "Income:Retirement:Gains",
    ]
    dividend, pretax, *reinvested, fee = on(entries, "2026-03-31")
    assert postings(dividend) == [
        f"{PLAN}:PreTax 4.12 USD",
        f"{PLAN}:Match 1.86 USD",
        f"{PLAN}:AfterTax 5.04 USD",
        f"{PLAN}:IRR 5.15 USD",
        "Income:Retirement:Dividends -16.17 USD",
    ]
    # The pre-tax source's purchase and sale of the date are one exchange with its cash.
    assert postings(pretax) == [
        f"{PLAN}:PreTax -4.12 USD",
        f"{PLAN}:PreTax:VINIX 0.009 VINIX {{457.777778 USD}}",
        f"{PLAN}:PreTax:VINIX -0.032 VINIX {{}} @ 470.312500 USD",
        f"{PLAN}:PreTax 15.05 USD",
        "Income:Retirement:Gains",
    ]
    assert [postings(p)[0] for p in reinvested] == [
        f"{PLAN}:Match -1.86 USD",
        f"{PLAN}:AfterTax -5.04 USD",
        f"{PLAN}:IRR -5.15 USD",
    ]
    assert postings(fee) == [f"{PLAN}:PreTax -15.05 USD", "Expenses:Retirement:Fees 15.05 USD"]


def test_the_date_is_the_last_transaction_date() -> None:
    assert importer().date(str(HISTORY)).isoformat() == "2026-03-31"


# --- the quirks -----------------------------------------------------------------------------


def test_newest_first_gives_the_same_entries(tmp_path: Path) -> None:
    header, *lines = HISTORY.read_text().splitlines()
    reversed_file = tmp_path / "newest-first.csv"
    reversed_file.write_text("\n".join([header, *reversed(lines)]) + "\n")
    ours = [sorted(postings(e)) for e in transactions(importer().extract(str(HISTORY), []))]
    theirs = transactions(importer().extract(str(reversed_file), []))
    assert sorted(ours) == sorted(sorted(postings(e)) for e in theirs)
    assert {e.meta[ID_KEY] for e in theirs} == {
        e.meta[ID_KEY] for e in transactions(importer().extract(str(HISTORY), []))
    }


def test_a_preamble_bom_dollars_commas_and_blank_lines_are_read(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_bytes(
        (
            "\ufeffKramerica Industries 401(k) Plan\r\nTransaction history\r\n\r\n"
            + HEADER.replace("\n", "\r\n")
            + line("1/2/2026", *RECEIPT, "1.000000", "0.000000000", "$1,500.00")
            + "\r\n"
            + line("1/2/2026", *PURCHASE, "$475.00", "3.158000000", "$1,500.00")
            + "\r\n\r\n\r\n"
        ).encode()
    )
    assert importer().identify(str(statement))
    contribution, purchase = transactions(importer().extract(str(statement), []))
    assert postings(contribution)[0] == f"{PLAN}:AfterTax 1500.00 USD"
    assert postings(purchase)[1] == f"{PLAN}:AfterTax:VINIX 3.158 VINIX {{0 # 1500.00 USD}}"


def test_html_entities_in_fund_names(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("1/2/2026", *RECEIPT, "1.000000", "0.000000000", "100.00"),
        line("1/2/2026", "Dodge &amp; Cox Stock I", *PURCHASE[1:], "250.000000", "0.4", "100.00"),
    )
    config = replace(CONFIG, funds={**CONFIG.funds, "Dodge & Cox Stock I": "DODGX"})
    _, purchase = transactions(importer(config).extract(str(statement), []))
    assert postings(purchase)[1] == f"{PLAN}:AfterTax:DODGX 0.4 DODGX {{250.00 USD}}"


def test_signs_come_from_the_activity(tmp_path: Path) -> None:
    # The same fee written with negative and with positive amounts.
    for sign in ("-", ""):
        statement = write(
            tmp_path,
            line("3/31/2026", INDEX, "Employee 401(k)", "Fees", "Sale", "470.25", f"{sign}0.032")
            + f'"{sign}15.05",',
            line("3/31/2026", "Cash", "Employee 401(k)", "Fees", "Cash Disbursement", "1", "0")
            + f'"{sign}15.05",',
        )
        sale, fee = transactions(importer().extract(str(statement), []))
        assert postings(fee) == [f"{PLAN}:PreTax -15.05 USD", "Expenses:Retirement:Fees 15.05 USD"]
        assert postings(sale) == [
            f"{PLAN}:PreTax:VINIX -0.032 VINIX {{}} @ 470.312500 USD",
            f"{PLAN}:PreTax 15.05 USD",
            "Income:Retirement:Gains",
        ]


def test_cash_buying_cash_is_skipped_and_interest_stays_in_cash(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("3/31/2026", "Cash", "Employer Match", "Interest Earned", "Cash Receipts")
        + '"1.000000","0.000000000","0.10",',
        line("3/31/2026", "Cash", "Employer Match", "Interest Earned", "Purchase")
        + '"1.000000","0.100000000","0.10",',
    )
    (interest,) = transactions(importer().extract(str(statement), []))
    assert postings(interest) == [f"{PLAN}:Match 0.10 USD", "Income:Retirement:Dividends -0.10 USD"]


def test_lines_that_move_nothing_are_skipped(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("3/31/2026", "Cash", "Employer Match", "Interest Earned", "Cash Receipts")
        + '"1.000000","0.000000000","0.00",',
        line("3/31/2026", *RECEIPT, "1.000000", "0.000000000", "100.00"),
    )
    assert [row.lineno for row in importer().rows(str(statement))] == [3]


def test_a_receipt_invested_later_waits_in_the_sources_cash(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("12/31/2025", *RECEIPT, "1.000000", "0.000000000", "1500.00"),
        line("1/2/2026", *PURCHASE, "475.000000", "3.158000000", "1500.00"),
    )
    contribution, purchase = transactions(importer().extract(str(statement), []))
    # The contribution counts in 2025, the year the plan received it.
    assert (contribution.date.isoformat(), postings(contribution)[0]) == (
        "2025-12-31",
        f"{PLAN}:AfterTax 1500.00 USD",
    )
    assert purchase.date.isoformat() == "2026-01-02"


def test_a_conversion_through_cash_is_one_movement(tmp_path: Path) -> None:
    conversion = "In-Plan Roth Conversion"
    statement = write(
        tmp_path,
        line("2/13/2026", *RECEIPT, "1.000000", "0.000000000", "1500.00"),
        line("2/13/2026", *PURCHASE, "478.120000", "3.137000000", "1500.00"),
        line("2/18/2026", INDEX, "Employee After-Tax", conversion, "Sale")
        + '"481.550000","-3.137000000","-1510.62",',
        line("2/18/2026", "Cash", "Employee After-Tax", conversion, "Cash Disbursement")
        + '"1.000000","0.000000000","-1510.62",',
        line("2/18/2026", "Cash", "In-Plan Roth Rollover", conversion, "Cash Receipts")
        + '"1.000000","0.000000000","1510.62",',
        line("2/18/2026", INDEX, "In-Plan Roth Rollover", conversion, "Purchase")
        + '"481.550000","3.137000000","1510.62",',
    )
    entries = importer().extract(str(statement), [])
    sale, movement, purchase = on(entries, "2026-02-18")
    assert postings(sale)[:2] == [
        f"{PLAN}:AfterTax:VINIX -3.137 VINIX {{}} @ 481.549251 USD",
        f"{PLAN}:AfterTax 1510.62 USD",
    ]
    assert postings(movement) == [f"{PLAN}:AfterTax -1510.62 USD", f"{PLAN}:IRR 1510.62 USD"]
    assert postings(purchase) == [
        f"{PLAN}:IRR -1510.62 USD",
        f"{PLAN}:IRR:VINIX 3.137 VINIX {{0 # 1510.62 USD}}",
    ]
    analysis = through_plugins(entries, PLAN, owner="erin")
    assert [(m.gross, m.basis, m.taxable) for m in analysis.basis.movements] == [
        (Decimal("1510.62"), Decimal("1500.00"), Decimal("10.62"))
    ]


def test_descriptions_adds_a_kind_of_cash(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("3/31/2026", "Cash", "Employer Match", "Revenue Credit", "Cash Receipts")
        + '"1.000000","0.000000000","2.00",',
    )
    wp = importer(descriptions={"Revenue Credit": "dividend"}, payee="Kramerica 401(k)")
    (credit,) = transactions(wp.extract(str(statement), []))
    assert (credit.payee, postings(credit)[-1]) == (
        "Kramerica 401(k)",
        "Income:Retirement:Dividends -2.00 USD",
    )


def test_descriptions_must_name_an_action() -> None:
    with pytest.raises(ValueError, match=r"maps 'Revenue Credit' to 'credit'; use one of"):
        importer(descriptions={"Revenue Credit": "credit"})


# --- bad input ------------------------------------------------------------------------------


def test_other_layouts_are_not_identified(tmp_path: Path) -> None:
    voya = tmp_path / "voya.csv"
    voya.write_text('Activity Date,Activity,Fund,Money Source,"# of Units",Unit Price,Amount\n')
    vanguard = tmp_path / "OfxDownload.csv"
    vanguard.write_text(
        "Account Number,Trade Date,Run Date,Transaction Activity,Transaction Description,"
        "Investment Name,Share Price,Transaction Shares,Dollar Amount,\n"
    )
    renamed = tmp_path / "history.xls"
    renamed.write_text(HISTORY.read_text())
    for other in (voya, vanguard, renamed):
        assert not importer().identify(str(other)), other.name


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ("2/30/2026", *RECEIPT, "1.000000", "0.000000000", "10.00"),
            "column 'Transaction Date' holds '2/30/2026 12:00:00 AM', which is not a date "
            "written as MM/DD/YYYY.",
        ),
        (
            ("2/13/2026", *RECEIPT, "1.000000", "0.000000000", "1,5OO.00"),
            "column 'Amount' holds '1,5OO.00', which is not a number.",
        ),
        (
            ("2/13/2026", *PURCHASE, "478.12", "three", "1500.00"),
            "column 'Units' holds 'three', which is not a number.",
        ),
        (
            ("2/13/2026", *PURCHASE, "478.12", "0.000000000", "1500.00"),
            "column 'Units' holds '0.000000000' for a Purchase of 1500.00 in "
            f"'{INDEX}'; megaroth needs the units it bought or sold.",
        ),
        (
            ("2/13/2026", "", *PURCHASE[1:], "478.12", "3.137", "1500.00"),
            "column 'Investment' is empty; a Purchase needs its fund.",
        ),
        (
            ("2/13/2026", "Cash", "", "Contributions - Employee", "Cash Receipts", "1", "0", "1"),
            "column 'Contribution' is empty; megaroth needs the money source of every line.",
        ),
        (
            ("2/13/2026", INDEX, "Employee After-Tax", "Loans", "Loan Issue", "478", "-1", "-478"),
            "column 'Activity' holds 'Loan Issue', which is not an activity megaroth knows "
            "for this layout (Cash Receipts, Cash Disbursement, Purchase, Sale, Transfer In, "
            "Transfer Out).",
        ),
        (
            ("2/13/2026", "Cash", "Employer Match", "True-Up", "Cash Receipts", "1", "0", "50"),
            "column 'Description' holds 'True-Up', which doesn't say what this cash is. Add  "
            f'"True-Up": "contribution",  (or another of: {ACTION_NAMES}) to descriptions= in '
            "the WorkplaceImporter(...) of your import.py.",
        ),
        (
            (
                "2/13/2026",
                "Cash",
                "Profit Sharing",
                "Contributions",
                "Cash Receipts",
                "1",
                "0",
                "5",
            ),
            f"money source 'Profit Sharing' has no mapping for plan {PLAN}. Add  "
            f'"Profit Sharing": "<kind>",  to sources= in the PlanConfig(account="{PLAN}", '
            "...) of your import.py, with the kind of money the plan means by it: "
            f"{kinds_explained()}.",
        ),
        (
            ("2/13/2026", "Fidelity 500 Index", *PURCHASE[1:], "200.00", "7.5", "1500.00"),
            f"fund 'Fidelity 500 Index' has no commodity for plan {PLAN}. Add  "
            f'"Fidelity 500 Index": "TICKER",  to funds= in the PlanConfig(account="{PLAN}", '
            "...) of your import.py.",
        ),
    ],
)
def test_malformed_lines_name_file_line_column_and_value(
    tmp_path: Path, cells: tuple[str, ...], expected: str
) -> None:
    date, *rest = cells
    statement = write(tmp_path, line(date, *rest))
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:2: {expected}")


def test_missing_column_is_named_at_the_header_line(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_text(
        '"Transaction Date","Investment","Contribution","Description","Activity","Units",'
        '"Amount",\n'
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:1: the header line has no column 'Price'.")


def test_a_conversion_missing_a_leg_is_refused(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        line("2/18/2026", INDEX, "Employee After-Tax", "In-Plan Roth Conversion", "Transfer Out")
        + '"481.550000","-3.137000000","-1510.62",',
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:2: the transfers of 2026-02-18 add up to -1,510.62, not zero"
    )


def test_a_plan_in_dollar_balances_is_refused() -> None:
    with pytest.raises(StatementError) as caught:
        importer(replace(CONFIG, funds={})).extract(str(HISTORY), [])
    assert str(caught.value).startswith(
        f"{HISTORY}:1: plan {PLAN} is kept in dollar balances, but this file buys and sells "
        "fund units"
    )


# --- importing again ------------------------------------------------------------------------


def test_reimporting_the_same_statement_adds_nothing() -> None:
    first = importer().extract(str(HISTORY), [])
    again = importer().extract(str(HISTORY), [])
    importer().deduplicate(again, first)
    assert len(again) == len(first)
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_an_overlapping_statement_adds_only_what_is_new(tmp_path: Path) -> None:
    # A download for 2/18 to 4/15: the conversion, the 2/27 payroll and March are in the
    # books already; only April's payroll (a receipt and its purchase) is new.
    _, *lines = HISTORY.read_text().splitlines()
    overlap = [text for text in lines if not text.startswith('"2/13/2026')]
    statement = write(
        tmp_path,
        *overlap,
        line("4/15/2026", *RECEIPT, "1.000000", "0.000000000", "1500.00"),
        line("4/15/2026", *PURCHASE, "489.100000", "3.067000000", "1500.00"),
    )
    books = importer().extract(str(HISTORY), [])
    new = importer().extract(str(statement), [])
    importer().deduplicate(new, books)
    fresh = [entry for entry in new if not entry.meta.get("__duplicate__")]
    assert [(type(e).__name__, e.date.isoformat()) for e in fresh] == [
        ("Transaction", "2026-04-15"),
        ("Transaction", "2026-04-15"),
        ("Price", "2026-04-15"),
    ]
    ids = {e.meta[ID_KEY] for e in transactions(books)}
    assert all(e.meta[ID_KEY] in ids for e in transactions(new) if e not in fresh)
