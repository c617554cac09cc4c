"""Vanguard's one-line QFX: after-tax money moved out of and back into AFTERTAX, OTHERVEST on
transactions, OTHERNONVEST only on positions, and a fee dated a year before the statement."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.rows import StatementError
from megaroth.importers.vanguard import VanguardOfxImporter
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
QFX = HERE / "halvorsen-401k.qfx"
OTHERS = [
    HERE / "initech-401k.qfx",
    HERE.parent / "ofx_401k" / "bellwether-401k.ofx",
    HERE.parent / "tiaa" / "riverside-403b.ofx",
    HERE.parent / "ofx_ira" / "fidelity-iras.qfx",
]
PLAN = "Assets:Retirement:Priya:Halvorsen401k"
FUND = "Vanguard Target Retirement 2050 Trust"
WHERE = f'in the PlanConfig(account="{PLAN}", ...) of your import.py'
FEE_2024 = "55027144900324032801AAA"
PAIR_OUT, PAIR_IN = "55027144900325011701AAA", "55027144900325011702AAA"

# As the file's owner would write it once she has checked the 01/17 pair with Vanguard
# (an in-plan Roth conversion) and the fee of 2024 (not in her books yet).
CONFIG = PlanConfig(
    account=PLAN,
    sources={"PRETAX": "pretax", "MATCH": "match", "AFTERTAX": "after-tax", "OTHERVEST": "irr"},
    funds={FUND: "VTR2050"},
    contributions={
        "pretax": "Income:Priya:Halvorsen:Salary",
        "after-tax": "Income:Priya:Halvorsen:Salary",
        "match": "Income:Priya:Halvorsen:Match",
    },
    same_source_transfers="conversion-to-irr",
    before_statement="import",
)
DEFAULTS = replace(CONFIG, same_source_transfers="error", before_statement="error")


def importer(config: PlanConfig = CONFIG) -> VanguardOfxImporter:
    return VanguardOfxImporter(config, account_ids=["0271449003"])


def transactions(entries: list[Any]) -> list[data.Transaction]:
    return [entry for entry in entries if isinstance(entry, data.Transaction)]


def error(config: PlanConfig) -> str:
    with pytest.raises(StatementError) as caught:
        importer(config).extract(str(QFX), [])
    return str(caught.value)


def test_one_line_qfx_matches_expected_entries() -> None:
    assert "\n" not in QFX.read_text()
    assert_matches_expected(importer(), QFX)


def test_identifies_its_file_and_no_other() -> None:
    assert importer().identify(str(QFX))
    assert [path.name for path in OTHERS if importer().identify(str(path))] == []


def test_same_source_pair_is_an_error_naming_the_setting() -> None:
    config = replace(DEFAULTS, before_statement="import")
    assert error(config) == (
        f"{QFX}:1: transaction FITID {PAIR_OUT} (<TRANSFER> of 2025-01-17) and transaction "
        f"FITID {PAIR_IN} (line 1) move the same 24.44191 units of '{FUND}' out of and back "
        "into money source AFTERTAX: the way a record-keeper shows after-tax money moved "
        "inside the plan, possibly an in-plan Roth conversion OFX has no code for. Read as "
        "an exchange they cancel out and the movement vanishes. Check the plan's "
        'confirmation for 2025-01-17, then set  same_source_transfers="conversion-to-irr"  '
        '(the money went to the in-plan Roth source) or  same_source_transfers="exchange"  '
        f'(nothing moved) {WHERE} (one of: "error", "exchange", "conversion-to-irr").'
    )


def test_same_source_pair_as_an_exchange_stays_in_after_tax() -> None:
    config = replace(CONFIG, same_source_transfers="exchange")
    entries = importer(config).extract(str(QFX), [])
    (pair,) = [e for e in transactions(entries) if e.date.isoformat() == "2025-01-17"]
    assert [(p.account, p.units.number) for p in pair.postings[:2]] == [
        (f"{PLAN}:AfterTax:VTR2050", Decimal("-24.44191")),
        (f"{PLAN}:AfterTax:VTR2050", Decimal("24.44191")),
    ]


def test_transaction_before_the_statement_is_an_error_naming_the_setting() -> None:
    assert error(DEFAULTS) == (
        f"{QFX}:1: transaction FITID {FEE_2024} (<TRANSFER> of 2024-03-28) is dated before "
        "the statement starts (2025-01-01, its <DTSTART>): a late entry, a correction, or one "
        "an earlier statement already holds. Check it against your statements for that "
        f'date; to import it from this file, set  before_statement="import"  {WHERE} (one '
        'of: "error", "import"; the default, "error", stops here).'
    )


def test_unmapped_othervest_lists_the_kinds_and_guesses_none() -> None:
    sources = {key: kind for key, kind in CONFIG.sources.items() if key != "OTHERVEST"}
    assert error(replace(CONFIG, sources=sources)) == (
        f"{QFX}:1: transaction FITID 55027144900325021802AAA (<TRANSFER> of 2025-02-18) has "
        f"<INV401KSOURCE>OTHERVEST, which has no mapping for plan {PLAN}. OFX has no code for "
        'Roth money, so say what it means in this plan. Add  "OTHERVEST": "<kind>",  to '
        f"sources= {WHERE}, with the kind of money the plan means by it: {kinds_explained()}."
    )


def test_othernonvest_on_positions_only_needs_no_mapping() -> None:
    assert "<INV401KSOURCE>OTHERNONVEST</INVPOS>" in QFX.read_text()
    assert "OTHERNONVEST" not in CONFIG.sources
    assert importer().extract(str(QFX), [])


def test_both_conversions_have_their_basis_and_earnings() -> None:
    # 01/15: 24.44191 units after-tax for 1,500.00, moved on 01/17 at 61.80 = 1,510.51;
    # 02/14: 23.79064 units for 1,500.00, moved on 02/18 at 63.40 = 1,508.33. The fee of
    # 2024 is left out: this ledger holds nothing before 2025.
    entries = [e for e in importer().extract(str(QFX), []) if e.date.year == 2025]
    analysis = through_plugins(entries, PLAN)
    assert [(m.kind.value, m.gross, m.basis, m.taxable) for m in analysis.basis.movements] == [
        ("in-plan-roth-rollover", Decimal("1510.51"), Decimal("1500.00"), Decimal("10.51")),
        ("in-plan-roth-rollover", Decimal("1508.33"), Decimal("1500.00"), Decimal("8.33")),
    ]


def test_reimport_marks_everything_duplicate() -> None:
    first = importer().extract(str(QFX), [])
    again = importer().extract(str(QFX), [])
    importer().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)


def test_summary_names_the_conversion_source_and_skips_nothing() -> None:
    ofx = importer()
    ofx.extract(str(QFX), [])
    summary = ofx.summaries[str(QFX)]
    assert summary.skipped == {}
    assert summary.by_source["IRR (same_source_transfers)"] == Decimal("1510.51")
    assert summary.by_source["OTHERVEST"] == Decimal("1520.63")


def test_a_mistyped_setting_names_its_values() -> None:
    with pytest.raises(ValueError, match="same_source_transfers") as caught:
        importer(replace(CONFIG, same_source_transfers="convert"))  # type: ignore[arg-type]
    assert str(caught.value) == (
        f'same_source_transfers=\'convert\' {WHERE}; use one of "error", "exchange", '
        '"conversion-to-irr".'
    )
