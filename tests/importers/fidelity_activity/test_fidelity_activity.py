"""fidelity.com's Activity & Orders CSV: IRAs, a workplace plan and an account not ours.

``Accounts_History.csv`` is in the ``($)`` layout: two blank lines, rows out of date order,
401(k) rows one field longer than the header with their shares under Price, IRA actions
that embed the fund and the leg, the core money market, a prior-year IRA contribution, a
transfer between the two IRAs, a brokerage account the import doesn't follow, and the
disclaimer and "Date downloaded" trailer. ``Accounts_History_new_header.csv`` is the newer
header (no ``($)``, currency columns) after a byte-order mark.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import printer

from megaroth.engine.analysis import analyse
from megaroth.importers.config import PlanConfig
from megaroth.importers.fidelity.activity import FidelityActivityImporter
from megaroth.importers.rows import StatementError
from tests.importers.expected import assert_matches_expected

HERE = Path(__file__).parent
HISTORY = HERE / "Accounts_History.csv"
NEW_HEADER = HERE / "Accounts_History_new_header.csv"
TRADITIONAL = "Assets:Retirement:Bob:TraditionalIRA"
ROTH = "Assets:Retirement:Bob:RothIRA"
PLAN = "Assets:Retirement:Bob:Acme401k"

IRAS = PlanConfig(
    account="Assets:Retirement:Bob",
    sources={},
    accounts={"111222333": TRADITIONAL, "111222444": ROTH},
    funds={"VTI": "VTI", "BND": "BND"},
    contributions="Assets:Bank:Checking",
    interest_account="Income:Retirement:Interest",
    nondeductible=True,
)
ACME = PlanConfig(
    account=PLAN,
    sources={},
    funds={
        "TARGET DATE 2035": "TGT2035",
        "S&P 500 INDEX FUND": "SP500F",
        "STABLE VALUE FUND": "STABLE",
        "VANG MIDCAP IDX ADM": "VIMAX",
    },
    contributions="Income:Bob:Acme:Salary",
    default_sources=dict.fromkeys(
        ("Contributions", "Dividend", "Exchange In", "Exchange Out"), "pretax"
    ),
)


def importer(**options: object) -> FidelityActivityImporter:
    return FidelityActivityImporter(IRAS, plans={"55555": ACME}, **options)  # type: ignore[arg-type]


def test_the_activity_download_matches_expected_entries() -> None:
    assert_matches_expected(importer(), HISTORY)


def test_the_newer_header_matches_expected_entries() -> None:
    assert_matches_expected(importer(), NEW_HEADER)


def test_a_workplace_plans_shares_are_read_from_the_price_column() -> None:
    entries = importer().extract(str(HISTORY), [])
    (contribution,) = [
        e for e in entries if isinstance(e, data.Transaction) and e.narration == "Contributions"
    ]
    bought = contribution.postings[0]
    assert (bought.account, bought.units.number, bought.units.currency) == (
        f"{PLAN}:PreTax:TGT2035",
        Decimal("21.118"),
        "TGT2035",
    )
    assert bought.cost.number_total == Decimal("640.5")


def test_every_line_is_a_row_or_named() -> None:
    imp = importer()
    imp.extract(str(HISTORY), [])
    summary = imp.summaries[str(HISTORY)]
    assert summary.skipped == {
        "PURCHASE INTO CORE ACCOUNT FIDELITY GOVERNMENT MONEY MARKET (SPAXX) MORNING TRADE: "
        "moves money into or out of the core money market (cash)": [4],
        "REINVESTMENT CASH (315994103): buys or sells FCASH, the account's cash": [7],
        "a Transfer of 0.00: Fidelity writes one on paydays, and plan "
        "Assets:Retirement:Bob:Acme401k has no after-tax or in-plan Roth source": [12],
        "another account (Individual - TOD Z00000001), not in accounts= or plans= of this import": [
            13
        ],
        **{f"a note, not a transaction: {text!r}": [line] for line, text in _trailer().items()},
    }
    assert summary.lines == 15 + 9


def _trailer() -> dict[int, str]:
    lines = HISTORY.read_text().splitlines()
    return {
        number: line.strip('"')[:60]
        for number, line in enumerate(lines, start=1)
        if number > 18 and line.strip()
    }


def test_a_prior_year_contribution_is_for_the_year_before() -> None:
    entries = importer().extract(str(HISTORY), [])
    (contribution,) = [
        e for e in entries if isinstance(e, data.Transaction) and "CONTRIBUTION" in e.narration
    ]
    assert contribution.meta["tax-year"] == Decimal(2025)
    assert contribution.meta["nondeductible"] is True
    assert [(p.account, p.units.number) for p in contribution.postings] == [
        (TRADITIONAL, Decimal("7000.00")),
        ("Assets:Bank:Checking", Decimal("-7000.00")),
    ]


def test_a_transfer_between_two_iras_of_the_file_is_one_transaction() -> None:
    entries = importer().extract(str(HISTORY), [])
    (transfer,) = [
        e for e in entries if isinstance(e, data.Transaction) and "TRANSFERRED" in e.narration
    ]
    assert not transfer.links
    assert [(p.account, p.units.number) for p in transfer.postings] == [
        (TRADITIONAL, Decimal("-7000.00")),
        (ROTH, Decimal("7000.00")),
    ]


def test_reimporting_adds_nothing() -> None:
    first = importer().extract(str(HISTORY), [])
    again = importer().extract(str(HISTORY), [])
    importer().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_a_file_of_other_accounts_is_not_identified(tmp_path: Path) -> None:
    other = tmp_path / "Accounts_History.csv"
    text = HISTORY.read_text()
    for label in ("111222333", "111222444", "55555"):
        text = text.replace(label, "999999999")
    other.write_text(text)
    assert importer().identify(str(HISTORY))
    assert not importer().identify(str(other))


def test_an_action_megaroth_does_not_know_names_the_prefix_to_add(tmp_path: Path) -> None:
    statement = tmp_path / "Accounts_History.csv"
    header = HISTORY.read_text().splitlines()[2]
    statement.write_text(
        header + "\n"
        '01/07/2026,"ROTH IRA","111222444","ROTH CONVERSION FROM 111222333 (Cash)", ,'
        '"No Description",Cash,,0.000,,,,"7,000.00",\n'
    )
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: column 'Action' holds 'ROTH CONVERSION FROM 111222333 (Cash)', which "
        "is not an action megaroth knows for fidelity.com. Add how it starts and what it is, "
        'Add  "ROTH CONVERSION FROM 111222333": "contribution",  (or another of: '
        '"contribution", "dividend", "market-value", "fee", "transfer", "distribution", '
        '"buy", "sell", "interest", "journal", "loan", "loan-repayment", "ignore") to actions= '
        'in the FidelityActivityImporter(...) of your import.py. ("journal" for each half of '
        'a Roth conversion; "ignore" leaves it out)'
    )
    mapped = importer(actions={"Roth conversion from": "journal"})
    (half,) = mapped.extract(str(statement), [])
    assert half.links == frozenset({"transfer-2026-01-07-7000.00"})


def test_a_converting_plan_in_the_activity_download_is_sent_to_netbenefits(
    tmp_path: Path,
) -> None:
    converting = FidelityActivityImporter(
        IRAS, plans={"55555": PlanConfig(**{**ACME.__dict__, "sources": {"4": "after-tax"}})}
    )
    with pytest.raises(StatementError, match=r":12: a Transfer of 0.00 in 'TARGET DATE 2035'"):
        converting.extract(str(HISTORY), [])


LEDGER = """\
option "operating_currency" "USD"
option "booking_method" "FIFO"
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1985-06-15
2020-01-01 open Assets:Bank:Checking
2020-01-01 open Assets:Retirement:Bob:TraditionalIRA
  megaroth-ira: "traditional"
  owner: "bob"
2020-01-01 open Assets:Retirement:Bob:RothIRA
  megaroth-ira: "roth"
  owner: "bob"
2020-01-01 open Assets:Retirement:Bob:RothIRA:VTI
2020-01-01 open Income:Retirement:Dividends
2020-01-01 open Income:Retirement:Interest
"""


def test_the_iras_rows_through_the_plugins_make_the_8606_of_both_years() -> None:
    """A 7,000 contribution for 2025 made in January 2026, converted the next day, as the
    download holds them: 2025's Form 8606 carries 7,000 of basis (line 14, nothing
    converted in 2025); 2026's converts 7,000 with 7,000 of basis (line 10 = 1): nothing
    taxable on line 18. The Roth IRA's dividend and interest stay inside it, untaxed."""
    entries = FidelityActivityImporter(IRAS).extract(str(HISTORY), [])
    buffer = io.StringIO()
    printer.print_entries(entries, file=buffer)
    loaded, errors, options = loader.load_string(LEDGER + buffer.getvalue())
    assert [error.message for error in errors] == []
    forms = {f.year: f.lines() for f in analyse(loaded, options).forms_8606}
    assert (forms[2025]["line1"], forms[2025]["line14"]) == (Decimal("7000.00"),) * 2
    lines = forms[2026]
    assert (lines["line2"], lines["line8"], lines["line10"]) == (
        Decimal("7000.00"),
        Decimal("7000.00"),
        Decimal("1"),
    )
    assert (lines["line17"], lines["line18"], lines["line14"]) == (
        Decimal("7000.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
