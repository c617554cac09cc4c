"""TIAA's 403(b) OFX: a plain investment statement (<INVSTMTRS>, <INVBAL>), no 401(k)
aggregate and no money source; TIAA Traditional held as <POSOTHER> ``TIAAtrad`` at 1.00, and
a ``TIAA Traditional Balance Update`` of 0 units after every remittance."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from megaroth.importers.config import PlanConfig
from megaroth.importers.ofx import BrokerageOfxImporter, PlanOfxImporter
from megaroth.importers.rows import StatementError
from megaroth.tax.sources import kinds_explained
from tests.importers.expected import assert_matches_expected, through_plugins

HERE = Path(__file__).parent
OFX = HERE / "riverside-403b.ofx"
OTHERS = [
    HERE.parent / "vanguard" / "initech-401k.qfx",
    HERE.parent / "vanguard" / "halvorsen-401k.qfx",
    HERE.parent / "ofx_401k" / "bellwether-401k.ofx",
    HERE.parent / "ofx_ira" / "fidelity-iras.qfx",
]
PLAN = "Assets:Retirement:Morgan:Riverside403b"
BALANCE_UPDATE = "moves nothing, 0 units and 0.00 (TIAA Traditional Balance Update)"
CONFIG = PlanConfig(
    account=PLAN,
    sources={},
    default_sources={"NONE": "pretax"},
    # Keyed by <TICKER>: TIAAtrad is no commodity name Beancount takes as it is.
    funds={"TIAAtrad": "TIAATRAD", "QCSTIX": "QCSTIX"},
    contributions={"pretax": "Income:Morgan:Riverside:Salary"},
)


def importer(config: PlanConfig = CONFIG) -> PlanOfxImporter:
    return PlanOfxImporter(config, payee="TIAA", plain_investment=True, account_ids=["T3386021-5"])


def test_download_matches_expected_entries() -> None:
    text = OFX.read_text()
    for quirk in ("<POSOTHER>", "<TICKER>TIAAtrad", "<INVBAL>"):
        assert quirk in text
    assert "INV401K" not in text
    assert_matches_expected(importer(), OFX)


def test_identified_only_when_configured_as_a_plain_investment_statement() -> None:
    assert importer().identify(str(OFX))
    assert [path.name for path in OTHERS if importer().identify(str(path))] == []
    # Plain <INVSTMTRS> is what a brokerage IRA sends too: a 401(k) importer leaves it,
    # and so does an IRA importer whose accounts= doesn't name it.
    assert not PlanOfxImporter(CONFIG).identify(str(OFX))
    ira = PlanConfig(account="Assets:Retirement:Morgan", sources={}, accounts={"X1": "A:B"})
    assert not BrokerageOfxImporter(ira).identify(str(OFX))


def test_balance_updates_are_skipped_by_name_in_the_summary() -> None:
    ofx = importer()
    ofx.extract(str(OFX), [])
    summary = ofx.summaries[str(OFX)]
    assert summary.skipped == {BALANCE_UPDATE: [84, 139, 194]}
    assert summary.text("riverside-403b.ofx").splitlines()[:2] == [
        "riverside-403b.ofx: 9 lines: 6 in 3 transactions (and 6 prices), 3 skipped",
        f"  skipped: {BALANCE_UPDATE} (lines 84, 139, 194)",
    ]


def test_tiaa_traditional_is_priced_at_one_from_its_position() -> None:
    entries = importer().extract(str(OFX), [])
    prices = {(e.date.isoformat(), e.currency): e.amount.number for e in entries
              if hasattr(e, "currency")}  # fmt: skip
    assert prices["2025-03-31", "TIAATRAD"] == Decimal("1.00")
    assert prices["2025-03-31", "QCSTIX"] == Decimal("470.20")


def test_the_plugins_count_the_remittances_as_deferrals() -> None:
    entries = importer().extract(str(OFX), [])
    analysis = through_plugins(entries, PLAN, owner="morgan")
    (deferrals,) = analysis.usage.deferrals
    assert deferrals.deferrals == Decimal("3000.00")


def test_no_source_and_no_default_is_an_error() -> None:
    with pytest.raises(StatementError) as caught:
        importer(replace(CONFIG, default_sources={})).extract(str(OFX), [])
    assert str(caught.value) == (
        f"{OFX}:46: transaction FITID T3386021-5.20250131.1 (<BUYOTHER> of 2025-01-31) has "
        "no <INV401KSOURCE>: this file names no money source, so megaroth takes it from "
        'default_sources= (by kind of transaction, "BUYOTHER", or for all of them, "NONE"), '
        f'which has neither for plan {PLAN}. Add  "NONE": "<kind>",  to default_sources= in '
        f'the PlanConfig(account="{PLAN}", ...) of your import.py, with the kind of money the '
        f"plan means by it: {kinds_explained()}."
    )


def test_reimport_marks_everything_duplicate() -> None:
    first = importer().extract(str(OFX), [])
    again = importer().extract(str(OFX), [])
    importer().deduplicate(again, first)
    assert again
    assert all(entry.meta.get("__duplicate__") for entry in again)
