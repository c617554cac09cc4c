"""Fidelity NetBenefits: the history, a copy of its Sources view, and the two together.

``fidelity/pemberly-history.csv`` and ``pemberly-sources.txt`` are one invented plan's
history download and Sources copy of one quarter: pre-tax and
match contributions split 80/20 over two funds, after-tax contributions all in the first, an
exchange between the funds, bond dividends, a revenue credit, an in-plan Roth conversion of
the after-tax money a week after it went in, and a recordkeeping fee over every source and
fund. ``fidelity/lakeside-history.csv`` is another plan's history alone, with a byte-order
mark, CRLF line ends and blank lines at the end.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import beangulp.exceptions
import pytest
from beancount.core import amount, data
from beangulp import identify

from megaroth.importers.config import PlanConfig
from megaroth.importers.fidelity import FidelityHistoryImporter, FidelitySourcesImporter
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
HISTORY = HERE / "pemberly-history.csv"
SOURCES = HERE / "pemberly-sources.txt"
LAKESIDE = HERE / "lakeside-history.csv"
PLAN = "PEMBERLY SYSTEMS, INC. 401(K) PLAN"
SP500 = "S&P 500 INDEX POOL CL 2"
BONDS = "US BOND IDX POOL CL 2"
KINDS = "pretax, roth, match, nonelective, roth-employer, after-tax, irr, rollover, roth-rollover"

PEMBERLY = PlanConfig(
    account="Assets:Retirement:Dana:Pemberly401k",
    sources={
        "1 - Employee Deferral": "pretax",
        "2 - Employer Match": "match",
        "4 - After-Tax": "after-tax",
        "11 - Roth Deferral": "roth",
        "12 - Roth In-Plan Conversion": "irr",
    },
    funds={SP500: "SPXPOOL", BONDS: "USBONDPOOL"},
    contributions={
        "pretax": "Income:Dana:Pemberly:Salary",
        "after-tax": "Income:Dana:Pemberly:Salary",
        "match": "Income:Dana:Pemberly:Match",
    },
)
IN_DOLLARS = replace(PEMBERLY, funds={})
LAKESIDE_CONFIG = PlanConfig(
    account="Assets:Retirement:Erin:Lakeside403b",
    sources={},
    funds={"HARBOR TARGET 2055 TRUST": "TGT2055", "MID CAP & SMALL CAP IDX": "MIDSMALL"},
    contributions="Income:Erin:Lakeside:Salary",
    default_sources={
        "Contributions": "pretax",
        "Exchanges": "pretax",
        "Dividend": "pretax",
        "ADMINISTRATIVE FEES": "pretax",
    },
)
PREAMBLE = (
    "\nPlan name:,PEMBERLY SYSTEMS, INC. 401(K) PLAN\nDate Range,01/01/2025 - 03/31/2025,,,,\n\n\n"
)
HISTORY_COLUMNS = "Date,Investment,Transaction Type,Amount,Shares/Unit\n"


def by_source(config: PlanConfig = PEMBERLY, **options: object) -> FidelitySourcesImporter:
    return FidelitySourcesImporter(config, **options)  # type: ignore[arg-type]


def copy(*rows: str) -> str:
    """A Sources copy from rows written date,source,type,amount,shares (amounts as the page
    writes them, with ``$``): tab separated, no header."""
    return "".join("\t".join(row.split("|")) + "\n" for row in rows)


def history(config: PlanConfig = PEMBERLY, **options: object) -> FidelityHistoryImporter:
    return FidelityHistoryImporter(config, **options)  # type: ignore[arg-type]


def transactions(entries: list[data.Directive]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


# --- the two downloads together -------------------------------------------------------------


def test_sources_copy_joined_to_its_history_matches_expected_entries() -> None:
    assert_matches_expected(by_source(plan=PLAN), SOURCES)


def test_history_beside_its_sources_copy_is_identified_and_makes_nothing() -> None:
    # Its expected file has the account, date and archive name, and no entries.
    assert_matches_expected(history(plan=PLAN), HISTORY)


def test_the_join_keeps_each_sources_amount_and_each_funds_shares_exactly() -> None:
    entries = transactions(by_source().extract(str(SOURCES), []))
    fee = next(entry for entry in entries if entry.narration == "RECORDKEEPING FEE")
    # By-source: 1 - Employee Deferral -15.98 (-0.513 shares); history: S&P -33.45 (-0.643
    # shares), bonds -4.05 (-0.387 shares). The after-tax and Roth rows are their shares at
    # the S&P price, so in it; the deferral and the match share the rest in proportion.
    pretax = [p for p in fee.postings if ":PreTax:" in p.account]
    assert sum(p.units.number * p.price.number for p in pretax).quantize(Decimal("0.01")) == (
        Decimal("-15.98")
    )
    assert sum(p.units.number for p in pretax) == Decimal("-0.513")
    shares: dict[str, Decimal] = {}
    for posting in fee.postings:
        if posting.account.startswith(PEMBERLY.account):
            currency = posting.units.currency
            shares[currency] = shares.get(currency, Decimal(0)) + posting.units.number
    assert shares == {"SPXPOOL": Decimal("-0.643"), "USBONDPOOL": Decimal("-0.387")}


def test_exchange_between_funds_is_split_over_sources_from_their_shares() -> None:
    entries = transactions(by_source().extract(str(SOURCES), []))
    (exchange,) = [entry for entry in entries if entry.narration == "Exchanges"]
    legs = {(p.account.rsplit(":", 2)[1], p.units.currency): p.units.number
            for p in exchange.postings if p.units is not None}  # fmt: skip
    # The by-source rows say 0.00 and -15.212 / -7.606 shares for the two sources; at the
    # day's prices (296.63 / 5.595 and 296.63 / 28.413) that is 197.75 and 98.88 moved.
    assert legs == {
        ("PreTax", "SPXPOOL"): Decimal("3.730"),
        ("PreTax", "USBONDPOOL"): Decimal("-18.942"),
        ("Match", "SPXPOOL"): Decimal("1.865"),
        ("Match", "USBONDPOOL"): Decimal("-9.471"),
    }


def test_sources_with_different_elections_are_solved_from_their_shares(tmp_path: Path) -> None:
    # Pre-tax 800/200 and match 250/250 at 50.00 and 10.00: in proportion the deferral's
    # shares would be 14.000 + 30.000, not its 36.000, so the two funds' prices decide.
    write(
        tmp_path,
        "history.csv",
        PREAMBLE + HISTORY_COLUMNS
        + f'01/15/2025,{BONDS},Contributions,"450.00","45.000"\n'
        + '01/15/2025,S&amp;P 500 INDEX POOL CL 2,Contributions,"1,050.00","21.000"\n',
    )  # fmt: skip
    statement = write(
        tmp_path,
        "sources.txt",
        copy(
            "01/15/2025|2 - Employer Match|Contributions|$500.00|30.000",
            "01/15/2025|1 - Employee Deferral|Contributions|$1,000.00|36.000",
        ),
    )
    (contribution,) = by_source().extract(str(statement), [])
    plan = PEMBERLY.account
    assert {p.account: p.units.number for p in contribution.postings} == {
        f"{plan}:PreTax:SPXPOOL": Decimal("16.000"),
        f"{plan}:PreTax:USBONDPOOL": Decimal("20.000"),
        f"{plan}:Match:SPXPOOL": Decimal("5.000"),
        f"{plan}:Match:USBONDPOOL": Decimal("25.000"),
        "Income:Dana:Pemberly:Salary": Decimal("-1000.00"),
        "Income:Dana:Pemberly:Match": Decimal("-500.00"),
    }


def test_conversion_basis_and_taxable_part_from_the_statements() -> None:
    entries = by_source().extract(str(SOURCES), [])
    analysis = through_plugins(entries, PEMBERLY.account, owner="dana")
    (movement,) = analysis.basis.movements
    # by-source 02/14: "4 - After-Tax,Contributions,2,500.00,46.971" is all the after-tax
    # money; 02/21: "4 - After-Tax,Transfers,-2,522.15" converts it: 22.15 of earnings.
    assert (movement.kind.value, movement.gross, movement.basis, movement.taxable) == (
        "in-plan-roth-rollover",
        Decimal("2522.15"),
        Decimal("2500.00"),
        Decimal("22.15"),
    )


def test_dollar_balances_need_only_the_sources_copy(tmp_path: Path) -> None:
    alone = tmp_path / SOURCES.name
    shutil.copy(SOURCES, alone)
    entries = by_source(IN_DOLLARS).extract(str(alone), [])
    day = [e for e in transactions(entries) if str(e.date) == "2025-02-21"]
    # The after-tax change in market value (22.15) comes before the conversion it pays for.
    assert [(e.narration, [(p.account, p.units.number) for p in e.postings]) for e in day] == [
        (
            "Change in Market Value",
            [
                (f"{PEMBERLY.account}:AfterTax", Decimal("22.15")),
                ("Income:Retirement:MarketValue", Decimal("-22.15")),
            ],
        ),
        (
            "Transfers",
            [
                (f"{PEMBERLY.account}:AfterTax", Decimal("-2522.15")),
                (f"{PEMBERLY.account}:IRR", Decimal("2522.15")),
            ],
        ),
    ]
    (movement,) = through_plugins(entries, PEMBERLY.account, owner="dana").basis.movements
    assert (movement.gross, movement.basis, movement.taxable) == (
        Decimal("2522.15"),
        Decimal("2500.00"),
        Decimal("22.15"),
    )


def test_a_single_fund_needs_no_history(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "sources.txt",
        copy(
            "02/21/2025|12 - Roth In-Plan Conversion|Transfers|$2,522.15|46.971",
            "02/21/2025|4 - After-Tax|Transfers|-$2,522.15|-46.971",
            "02/14/2025|4 - After-Tax|Contributions|$2,500.00|46.971",
        ),
    )
    config = replace(PEMBERLY, funds={SP500: "SPXPOOL"})
    contribution, conversion = transactions(by_source(config).extract(str(statement), []))
    assert [p.account for p in conversion.postings] == [
        f"{PEMBERLY.account}:AfterTax:SPXPOOL",
        f"{PEMBERLY.account}:IRR:SPXPOOL",
        "Income:Retirement:Gains",
    ]
    (bought,) = [p for p in contribution.postings if p.units.currency == "SPXPOOL"]
    assert bought.units.number == Decimal("46.971")


def test_reimporting_the_same_statement_adds_nothing() -> None:
    first = by_source().extract(str(SOURCES), [])
    again = by_source().extract(str(SOURCES), [])
    by_source().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_an_overlapping_pair_of_downloads_adds_nothing(tmp_path: Path) -> None:
    """February and March downloaded again, after the quarter was imported."""
    for source in (HISTORY, SOURCES):
        text = source.read_text().replace("01/01/2025 - 03/31/2025", "02/01/2025 - 03/31/2025")
        kept = [line for line in text.splitlines() if not line.startswith("01/")]
        (tmp_path / source.name).write_text("\n".join(kept) + "\n")
    first = by_source().extract(str(SOURCES), [])
    again = by_source().extract(str(tmp_path / SOURCES.name), [])
    assert history().extract(str(tmp_path / HISTORY.name), []) == []
    by_source().deduplicate(again, first)
    assert len(transactions(again)) == 7
    assert all(entry.meta.get("__duplicate__") for entry in again)


# --- the history alone ------------------------------------------------------------------------


def test_history_alone_with_default_sources_matches_expected_entries() -> None:
    # Byte-order mark, CRLF, blank lines before the header and after the rows, "&amp;",
    # quoted thousands, newest first; Balance Forward, Realized Gain/Loss and (in fund
    # units) Change in Market Value rows make nothing.
    assert_matches_expected(history(LAKESIDE_CONFIG), LAKESIDE)


def test_history_alone_without_default_sources_says_what_to_do(tmp_path: Path) -> None:
    alone = tmp_path / HISTORY.name
    shutil.copy(HISTORY, alone)
    with pytest.raises(StatementError) as caught:
        history().extract(str(alone), [])
    assert str(caught.value) == (
        f"{alone}:6: Fidelity's history names no money source, so megaroth can't tell whose "
        "money its rows are. Copy NetBenefits' Sources view of the same dates into a text file "
        "in the same folder (select the table, paste it, save it as sources.txt), and megaroth "
        "imports that instead, taking the funds from this file; or, if every transaction type "
        'has one source, add  default_sources={"Contributions": "pretax", ...}  to the '
        'PlanConfig(account="Assets:Retirement:Dana:Pemberly401k", ...) of your import.py.'
    )


def test_history_alone_cannot_place_a_conversion_it_nets_to_zero(tmp_path: Path) -> None:
    alone = tmp_path / HISTORY.name
    shutil.copy(HISTORY, alone)
    kinds = ("Contributions", "Dividend", "REVENUE CREDIT", "RECORDKEEPING FEE", "Exchanges")
    config = replace(PEMBERLY, default_sources=dict.fromkeys(kinds, "pretax"))
    with pytest.raises(StatementError) as caught:
        history(config).extract(str(alone), [])
    assert str(caught.value).startswith(
        f"{alone}:18: a Transfers of 0.00 in 'S&P 500 INDEX POOL CL 2': Fidelity writes one on "
        "paydays, and an in-plan Roth conversion also nets to 0.00 in each fund here, so the "
        "history alone can't tell which this is. Copy NetBenefits' Sources view of the same "
        "dates into a text file in the same folder (sources.txt); megaroth reads the amounts "
        "from it. If this plan never converts in-plan, say so with  conversions=False  in the "
        "FidelityHistoryImporter(...) of your import.py."
    )


def test_a_sources_copy_of_other_dates_is_no_companion(tmp_path: Path) -> None:
    shutil.copy(HISTORY, tmp_path / HISTORY.name)
    # The copy of another quarter: its dates are outside the history's Date Range.
    write(tmp_path, SOURCES.name, SOURCES.read_text().replace("/2025\t", "/2024\t"))
    with pytest.raises(StatementError, match="names no money source"):
        history().extract(str(tmp_path / HISTORY.name), [])


# --- identification -------------------------------------------------------------------------


def test_each_layout_is_identified_by_its_own_importer_only() -> None:
    assert by_source().identify(str(SOURCES))
    assert not by_source().identify(str(HISTORY))
    assert history().identify(str(HISTORY))
    assert not history().identify(str(SOURCES))


def test_beangulp_gives_each_download_of_the_folder_one_importer() -> None:
    lakeside = "LAKESIDE MEDICAL CENTER 403(B) PLAN"
    importers = [by_source(plan=PLAN), history(plan=PLAN), history(LAKESIDE_CONFIG, plan=lakeside)]
    files = [*HERE.glob("*.csv"), *HERE.glob("*.txt")]
    found = {path.name: identify.identify(importers, str(path)) for path in files}
    assert found == {
        "lakeside-history.csv": importers[2],
        "pemberly-sources.txt": importers[0],
        "pemberly-history.csv": importers[1],
        "northwind-history.csv": None,  # another plan: none of these importers' plan=
    }
    # Two plans' history importers without plan= both take any history download.
    with pytest.raises(beangulp.exceptions.Error, match="more than one importer"):
        identify.identify([history(), history(LAKESIDE_CONFIG)], str(HISTORY))


def test_plan_names_which_plans_downloads_an_importer_takes() -> None:
    assert history(plan="pemberly systems,  inc. 401(k) plan").identify(str(HISTORY))
    assert not history(plan="LAKESIDE MEDICAL CENTER 403(B) PLAN").identify(str(HISTORY))
    assert history(LAKESIDE_CONFIG, plan="LAKESIDE MEDICAL CENTER 403(B) PLAN").identify(
        str(LAKESIDE)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Run Date,Action,Symbol,Security Description,Security Type,Quantity,Price ($)\n"
        "01/02/2025,YOU BOUGHT,FXAIX,FIDELITY 500 INDEX,Mutual Fund,1,190.00\n",
        "Activity Date,Activity,Fund,Money Source,# of Units,Unit Price,Amount\n"
        "2025-01-15,CONTRIBUTION,0899 Vanguard 500 Index Adm,ROTH,1,400.00,400.00\n",
    ],
)
def test_other_layouts_are_not_identified(tmp_path: Path, text: str) -> None:
    other = write(tmp_path, "other.csv", text)
    assert not history().identify(str(other))
    assert not by_source().identify(str(other))


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "13/45/2025\t1 - Employee Deferral\tContributions\t$100.00\t1.000",
            "column 'Date' holds '13/45/2025', which is not a date written as MM/DD/YYYY.",
        ),
        (
            "01/15/2025\t1 - Employee Deferral\tContributions\t$1,9S8.33\t1.000",
            "column 'Amount' holds '$1,9S8.33', which is not a number.",
        ),
        (
            "01/15/2025\t1 - Employee Deferral\tContributions\t$100.00\tone",
            "column 'Shares/Unit' holds 'one', which is not a number.",
        ),
        (
            "01/15/2025\t\tContributions\t$100.00\t1.000",
            "column 'Source' is empty; megaroth needs it on every row.",
        ),
        (
            "01/15/2025\t1 - Employee Deferral\tForfeiture Reallocation\t$100.00\t1.000",
            "transaction type 'Forfeiture Reallocation' is not one megaroth knows for "
            'Fidelity. Add  "Forfeiture Reallocation": "contribution",  (or another of: '
            f'{ACTION_NAMES}, "ignore") to actions= in the FidelitySourcesImporter(...) of '
            "your import.py.",
        ),
        (
            "01/15/2025\t7 - Profit Sharing\tContributions\t$100.00\t1.000",
            "money source '7 - Profit Sharing' has no mapping for plan "
            'Assets:Retirement:Dana:Pemberly401k. Add  "7 - Profit Sharing": "<kind>",  to '
            "sources=",
        ),
        (
            "01/15/2025\t1 - Employee Deferral\tContributions\t$100.00\t",
            "column 'Shares/Unit' is empty on a Contributions of 100.00; plan "
            "Assets:Retirement:Dana:Pemberly401k is kept in fund units",
        ),
    ],
)
def test_malformed_sources_copy_lines_name_file_line_column_and_value(
    tmp_path: Path, line: str, expected: str
) -> None:
    statement = write(tmp_path, "sources.txt", "\n" + "Show details\n" + line + "\n")
    with pytest.raises(StatementError) as caught:
        by_source(replace(PEMBERLY, funds={SP500: "SPXPOOL"})).extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:3: {expected}")


def test_missing_column_is_named_at_the_header_line(tmp_path: Path) -> None:
    statement = write(tmp_path, "h.csv", PREAMBLE + "Date,Investment,Transaction Type,Amount\n")
    with pytest.raises(StatementError) as caught:
        history(LAKESIDE_CONFIG).extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:6: the header line has no column 'Shares/Unit'."
    )


def test_a_date_range_that_is_not_one_is_named(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "h.csv",
        "Plan name:,LAKESIDE\nDate Range,Q2 2025,,,,\n" + HISTORY_COLUMNS,
    )
    with pytest.raises(StatementError) as caught:
        history(LAKESIDE_CONFIG).extract(str(statement), [])
    assert str(caught.value).startswith(
        f"{statement}:2: the Date Range 'Q2 2025' is not two dates written as MM/DD/YYYY - "
        "MM/DD/YYYY."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '06/13/2025,HARBOR TARGET 2055 TRUST,Loan Repayments,"257.08","10.274"',
            "transaction type 'Loan Repayments' has no money source: Fidelity's history names "
            "none, so megaroth takes it from default_sources= (or copy the Sources view of the "
            'same dates into a text file in the same folder). Add  "Loan Repayments": '
            '"<kind>",  to default_sources=',
        ),
        (
            '06/13/2025,HARBOR TARGET 2055 TRUST,RECORDKEEPING FEE,"-4.00","-0.160"',
            "transaction type 'RECORDKEEPING FEE' has no money source: Fidelity's history "
            "names none, so megaroth takes it from default_sources= (or copy the Sources view "
            'of the same dates into a text file in the same folder). Add  "RECORDKEEPING FEE": '
            '"<kind>",  to default_sources=',
        ),
        (
            '06/13/2025,TOTAL BOND MARKET IDX,Contributions,"100.00","9.901"',
            "fund 'TOTAL BOND MARKET IDX' has no commodity for plan "
            'Assets:Retirement:Erin:Lakeside403b. Add  "TOTAL BOND MARKET IDX": "TICKER",  to '
            "funds=",
        ),
        (
            '06/13/2025,HARBOR TARGET 2055 TRUST,Contributions,"100.00","0.000"',
            "column 'Shares/Unit' is 0.000 on a Contributions of 100.00",
        ),
    ],
)
def test_malformed_history_lines_name_file_line_column_and_value(
    tmp_path: Path, line: str, expected: str
) -> None:
    statement = write(tmp_path, "h.csv", PREAMBLE + HISTORY_COLUMNS + line + "\n")
    with pytest.raises(StatementError) as caught:
        history(LAKESIDE_CONFIG).extract(str(statement), [])
    assert str(caught.value).startswith(f"{statement}:7: {expected}")


def test_ignored_loan_rows_make_nothing(tmp_path: Path) -> None:
    statement = write(
        tmp_path,
        "h.csv",
        PREAMBLE + HISTORY_COLUMNS
        + '06/13/2025,HARBOR TARGET 2055 TRUST,Loan Repayments,"257.08","10.274"\n'
        + '06/13/2025,HARBOR TARGET 2055 TRUST,Contributions,"1,425.00","56.951"\n',
    )  # fmt: skip
    importer = history(LAKESIDE_CONFIG, actions={"Loan Repayments": "ignore"})
    (contribution,) = importer.extract(str(statement), [])
    assert contribution.postings[0].units.number == Decimal("56.951")


def test_a_loan_repayment_pays_the_loan_receivable_of_its_source(tmp_path: Path) -> None:
    """A repayment buys fund units in the source the loan came from, and pays down that
    source's loan receivable: money inside the plan, neither a contribution nor earnings."""
    statement = write(
        tmp_path,
        "h.csv",
        PREAMBLE + HISTORY_COLUMNS
        + '06/13/2025,HARBOR TARGET 2055 TRUST,Transfer,"0.00","0.000"\n'
        + '06/13/2025,HARBOR TARGET 2055 TRUST,Loan Repayments,"257.08","10.274"\n',
    )  # fmt: skip
    config = replace(
        LAKESIDE_CONFIG,
        default_sources={**LAKESIDE_CONFIG.default_sources, "Loan Repayments": "pretax"},
    )
    importer = history(config)
    (repayment,) = importer.extract(str(statement), [])
    plan = config.account
    assert [(p.account, p.units) for p in repayment.postings] == [
        (f"{plan}:PreTax:TGT2055", amount.Amount(Decimal("10.274"), "TGT2055")),
        (f"{plan}:PreTax:Loan", amount.Amount(Decimal("-257.08"), "USD")),
    ]
    assert repayment.postings[0].cost.number_total == Decimal("257.08")
    assert importer.summaries[str(statement)].skipped == {
        "a Transfer of 0.00: Fidelity writes one on paydays, and this plan makes no in-plan "
        "conversions (conversions=False)": [7]
    }


def test_actions_must_name_an_action() -> None:
    with pytest.raises(ValueError, match="maps 'Loan Repayments' to 'skip'"):
        history(actions={"Loan Repayments": "skip"})


def test_several_funds_need_the_history_of_the_same_period(tmp_path: Path) -> None:
    alone = tmp_path / SOURCES.name
    shutil.copy(SOURCES, alone)
    with pytest.raises(StatementError) as caught:
        by_source().extract(str(alone), [])
    assert str(caught.value) == (
        f"{alone}:1: plan Assets:Retirement:Dana:Pemberly401k holds 2 funds (funds=) and the "
        "Sources view doesn't say which fund each row is in: megaroth takes that from the "
        "NetBenefits history download (history.csv) of the same plan, whose Date Range covers "
        "this copy (01/15/2025 - 03/31/2025). Download it into the same folder as this file."
    )


def test_downloads_that_disagree_are_named(tmp_path: Path) -> None:
    shutil.copy(SOURCES, tmp_path / SOURCES.name)
    text = HISTORY.read_text().replace('Dividend,"4.47","0.427"', 'Dividend,"4.74","0.453"')
    write(tmp_path, HISTORY.name, text)
    with pytest.raises(StatementError) as caught:
        by_source().extract(str(tmp_path / SOURCES.name), [])
    assert str(caught.value) == (
        f"{tmp_path / SOURCES.name}:5: the Dividend rows of 03/31/2025 differ between the "
        f"Sources copy and the history ({HISTORY.name}): they add up to 4.47 (0.427 shares) "
        "here and to 4.74 (0.453 shares) in the history. Download the history and copy the "
        "Sources view again, for the same dates."
    )


def test_a_history_row_the_sources_copy_lacks_is_named(tmp_path: Path) -> None:
    shutil.copy(SOURCES, tmp_path / SOURCES.name)
    extra = f'04/01/2025,{BONDS},Dividend,"1.00","0.096"\n'
    text = HISTORY.read_text().replace(HISTORY_COLUMNS, HISTORY_COLUMNS + extra)
    write(tmp_path, HISTORY.name, text)
    with pytest.raises(StatementError) as caught:
        by_source().extract(str(tmp_path / SOURCES.name), [])
    assert str(caught.value).startswith(
        f"{tmp_path / HISTORY.name}:7: the Dividend rows of 04/01/2025 differ between the "
        "Sources copy and the history (pemberly-history.csv): the Sources copy has none."
    )


def test_a_conversion_in_two_funds_cannot_be_placed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "history.csv",
        PREAMBLE + HISTORY_COLUMNS
        + f'02/21/2025,{BONDS},Transfers,"0.00","0.000"\n'
        + '02/21/2025,S&amp;P 500 INDEX POOL CL 2,Transfers,"0.00","0.000"\n',
    )  # fmt: skip
    statement = write(
        tmp_path,
        "sources.txt",
        copy(
            "02/21/2025|12 - Roth In-Plan Conversion|Transfers|$3,022.15|94.912",
            "02/21/2025|4 - After-Tax|Transfers|-$3,022.15|-94.912",
        ),
    )
    with pytest.raises(StatementError) as caught:
        by_source().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:1: on 02/21/2025 the Transfers rows of 2 sources (12 - Roth In-Plan "
        "Conversion, 4 - After-Tax) moved money in 2 funds (US BOND IDX POOL CL 2, S&P 500 "
        "INDEX POOL CL 2), and neither download says how much of each source is in each fund. "
        "Keep this plan in dollar balances (leave funds= out of its PlanConfig), where the "
        "Sources copy alone is enough; or enter this transaction by hand and delete its "
        "rows from both files."
    )


# --- a history as NetBenefits writes it today -------------------------------------------------

NORTHWIND = HERE / "northwind-history.csv"
NORTHWIND_TYPES = ("Contributions", "CONTRIBUTION", "Loan Repayments", "Dividend",
                   "REVENUE CREDIT", "RECORDKEEPING FEE", "ADMINISTRATIVE FEES", "Exchange In",
                   "Exchange Out")  # fmt: skip
NORTHWIND_CONFIG = PlanConfig(
    account="Assets:Retirement:Gus:Northwind401k",
    sources={},
    funds={
        "VANGUARD TARGET 2060": "VTTSX",
        "VAN IS S&P500 IDX TR": "VANSPX",
        "FID WORLDWIDE": "FWWFX",
        "DODGE & COX STOCK X": "DOXGX",
    },
    contributions="Income:Gus:Northwind:Salary",
    # A pre-tax-only plan with a loan from its pre-tax money: one source for every type.
    default_sources=dict.fromkeys(NORTHWIND_TYPES, "pretax"),
)


def test_a_history_with_every_transaction_type_matches_expected_entries() -> None:
    """A leading blank line, a plan name with a comma and trailing spaces, the Date Range
    padded with empty cells, two blank lines; Transfer 0.00 on each payday beside the loan
    repayment and the contribution, and on a day of its own; both spellings of contribution
    and of transfer; &amp; in fund names; quoted thousands; exchanges, fees, a revenue
    credit, Realized Gain/Loss, Change in (and On) Market Value, Balance Forward."""
    assert_matches_expected(history(NORTHWIND_CONFIG), NORTHWIND)


def test_every_line_of_the_history_is_a_row_or_named() -> None:
    importer = history(NORTHWIND_CONFIG)
    importer.extract(str(NORTHWIND), [])
    summary = importer.summaries[str(NORTHWIND)]
    padding = (
        "a {} of 0.00: Fidelity writes one on paydays, and this plan makes no in-plan "
        "conversions (conversions=False)"
    )
    assert summary.skipped == {
        "Change in Market Value: held in fund units, the value comes from the shares": [7],
        "Change On Market Value: held in fund units, the value comes from the shares": [21],
        padding.format("Transfer"): [9, 12],
        padding.format("Transfers"): [22],
        "Realized Gain/Loss: a note, moves no money": [20],
        "Balance Forward: a note, moves no money": [23, 24],
    }
    assert summary.lines == 18
    assert summary.used == 10


def test_a_converting_plans_history_asks_for_the_sources_copy_at_its_first_zero_transfer(
    tmp_path: Path,
) -> None:
    alone = tmp_path / NORTHWIND.name
    shutil.copy(NORTHWIND, alone)
    converting = replace(NORTHWIND_CONFIG, sources={"4 - After-Tax": "after-tax"})
    with pytest.raises(StatementError, match=rf"^{alone}:9: a Transfer of 0.00 in "):
        history(converting).extract(str(alone), [])
    # Told it never converts in-plan, the same plan's zero transfers are passed over.
    assert history(converting, conversions=False).extract(str(alone), [])


NORTHWIND_BEFORE = """\
2024-03-15 * "Payroll" "Deferrals of 2024, imported from an earlier download"
  Assets:Retirement:Gus:Northwind401k:PreTax:VTTSX  40.000 VTTSX {150.00 USD}
  Assets:Retirement:Gus:Northwind401k:PreTax:FWWFX  61.000 FWWFX {40.00 USD}
  Assets:Retirement:Gus:Northwind401k:PreTax:VANSPX  1.000 VANSPX {250.00 USD}
  Income:Gus:Northwind:Salary  -8690.00 USD
2025-06-02 * "Northwind 401(k)" "Loan, from the loan statement"
  Assets:Retirement:Gus:Northwind401k:PreTax:VTTSX  -30.000 VTTSX {} @ 160.00 USD
  Assets:Retirement:Gus:Northwind401k:PreTax:Loan  4800.00 USD
  Income:Retirement:Gains
"""


def test_loan_repayments_through_the_plugins_are_no_contributions() -> None:
    """Two paydays of 1,874.50 deferred and 204.16 repaid: 402(g) counts 3,749.00 for
    2026; the repayments (408.32) count toward nothing and are no distribution."""
    entries = history(NORTHWIND_CONFIG).extract(str(NORTHWIND), [])
    analysis = through_plugins(entries, NORTHWIND_CONFIG.account, owner="gus",
                               before=NORTHWIND_BEFORE)  # fmt: skip
    deferrals = {usage.year: usage.deferrals for usage in analysis.usage.deferrals}
    assert deferrals == {2024: Decimal("8690.00"), 2026: Decimal("3749.00")}
    assert analysis.basis.movements == ()
    assert analysis.expected_1099r == ()
