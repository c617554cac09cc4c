"""Another record-keeper's 401(k) OFX: balances by source (<INV401KBAL>) but no <INV401K>
and no <INV401KSOURCE> on any transaction; an exchange written as two TRANSFERs with a
<UNITPRICE> and no <TOTAL>."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.ofx import PlanOfxImporter
from megaroth.importers.rows import StatementError
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
OFX = HERE / "bellwether-401k.ofx"
OTHERS = [
    HERE.parent / "vanguard" / "initech-401k.qfx",
    HERE.parent / "vanguard" / "halvorsen-401k.qfx",
    HERE.parent / "tiaa" / "riverside-403b.ofx",
    HERE.parent / "ofx_ira" / "fidelity-iras.qfx",
]
PLAN = "Assets:Retirement:Dana:Kestrel401k"
LARGE_CAP, STABLE = "Bellwether Large Cap Index Fund", "Bellwether Stable Value Fund"
CONFIG = PlanConfig(
    account=PLAN,
    sources={},
    # The file names no source; every dollar of this plan is a pre-tax deferral.
    default_sources={"NONE": "pretax"},
    funds={LARGE_CAP: "BWLCX", STABLE: "BWSVF"},
    contributions={"pretax": "Income:Dana:Kestrel:Salary"},
)


def importer(config: PlanConfig = CONFIG) -> PlanOfxImporter:
    return PlanOfxImporter(config, payee="Bellwether", account_ids=["4402117"])


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def test_download_matches_expected_entries() -> None:
    text = OFX.read_text()
    assert "<INV401KBAL>" in text
    assert "<INV401K>" not in text
    assert "<INV401KSOURCE>" not in text
    assert "</UNITS>" not in text  # SGML: leaves have no closing tags
    assert_matches_expected(importer(), OFX)


def test_identifies_its_file_by_content_and_account_and_no_other() -> None:
    assert importer().identify(str(OFX))
    assert [path.name for path in OTHERS if importer().identify(str(path))] == []
    # Without account_ids it takes any 401(k) OFX, and still no 403(b) or IRA file.
    anyone = PlanOfxImporter(CONFIG)
    assert [path.name for path in OTHERS if anyone.identify(str(path))] == [
        "initech-401k.qfx",
        "halvorsen-401k.qfx",
    ]


def test_exchange_is_units_times_price_rounded_half_up() -> None:
    # 10.5 units x 12.33 = 129.465: 129.47 (half up, as statements round; half even would
    # make 129.46); 3.05859 x 42.33 = 129.4701: 129.47. The two legs balance.
    rows = [row for row in importer().rows(str(OFX)) if row.date.isoformat() == "2025-08-20"]
    assert [(row.action.value, row.fund, row.units, row.amount) for row in rows] == [
        ("transfer", STABLE, Decimal("10.5"), Decimal("-129.47")),
        ("transfer", LARGE_CAP, Decimal("3.05859"), Decimal("129.47")),
    ]


def test_default_sources_by_kind_of_transaction() -> None:
    config = replace(
        CONFIG,
        default_sources={"BUYMF": "pretax", "REINVEST": "pretax", "TRANSFER": "pretax"},
    )
    rows = importer(config).rows(str(OFX))
    assert {row.source for row in rows} == {"BUYMF", "REINVEST", "TRANSFER"}
    first = transactions(importer(config).extract(str(OFX), []))[0]
    assert first.postings[0].account == f"{PLAN}:PreTax:BWLCX"


def test_no_default_source_is_an_error_naming_the_setting() -> None:
    with pytest.raises(StatementError) as caught:
        importer(replace(CONFIG, default_sources={})).extract(str(OFX), [])
    assert str(caught.value) == (
        f"{OFX}:46: transaction FITID BW4402117-250715-001 (<BUYMF> of 2025-07-15) has no "
        "<INV401KSOURCE>: this file names no money source, so megaroth takes it from "
        'default_sources= (by kind of transaction, "BUYMF", or for all of them, "NONE"), '
        f'which has neither for plan {PLAN}. Add  "NONE": "<kind>",  to default_sources= in '
        f'the PlanConfig(account="{PLAN}", ...) of your import.py, with the kind of money the '
        f"plan means by it: {kinds_explained()}."
    )


def test_the_plugins_read_an_exchange_and_three_payrolls_of_deferrals() -> None:
    # The exchange moves no money out of the plan's pre-tax pot; 402(g) counts the three
    # payrolls of 750.00.
    entries = importer().extract(str(OFX), [])
    analysis = through_plugins(entries, PLAN, owner="dana")
    assert analysis.basis.movements == ()
    (deferrals,) = analysis.usage.deferrals
    assert deferrals.deferrals == Decimal("2250.00")


def test_reimport_marks_everything_duplicate() -> None:
    first = importer().extract(str(OFX), [])
    again = importer().extract(str(OFX), [])
    importer().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_summary_accounts_for_every_transaction() -> None:
    ofx = importer()
    ofx.extract(str(OFX), [])
    summary = ofx.summaries[str(OFX)]
    assert (summary.lines, summary.used, summary.transactions, summary.skipped) == (10, 10, 6, {})
    assert summary.by_source == {"NONE": Decimal("2259.79")}
    assert summary.text("bellwether-401k.ofx").splitlines()[0] == (
        "bellwether-401k.ofx: 10 lines: 10 in 6 transactions (and 11 prices), none skipped"
    )
