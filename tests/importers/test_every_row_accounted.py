"""Every importer accounts for every line of a statement, and loses no money on the way.

For each importer and each of its real-layout statements, and for random cuts of them (some
data lines taken out, as a shorter download would be), one of two things holds:

- the import stops with an error naming the file and line; or
- every data line of the file is a row of an entry or a skipped line with its reason
  (the summary names it), and the entries' postings, per ledger account and per fund, add
  up to the statement's rows: the rows' amounts where each row says its money went (its
  source's or account's fund, the cash of a buy or sale, the loan of a repayment), and the
  rows' shares per fund.

The expected postings are worked out here from the rows alone, independently of how
``megaroth.importers.entries`` writes them.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from megaroth.importers.base import StatementImporter
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import read_text
from megaroth.importers.fidelity.activity import FidelityActivityImporter
from megaroth.importers.rows import Action, Row, Statement, StatementError
from tests.fuzz.tally import EXAMPLES, TRIED
from tests.importers.fidelity import test_fidelity as fidelity
from tests.importers.fidelity_activity import test_fidelity_activity as activity
from tests.importers.generic import test_generic as generic
from tests.importers.m1 import test_m1 as m1
from tests.importers.ofx_401k import test_ofx_401k as ofx_401k
from tests.importers.ofx_ira import test_ofx_ira as ofx_ira
from tests.importers.paychex import test_paychex as paychex
from tests.importers.schwab import test_schwab as schwab
from tests.importers.tiaa import test_tiaa as tiaa
from tests.importers.trowe import test_trowe as trowe
from tests.importers.vanguard import test_vanguard as vanguard
from tests.importers.vanguard_brokerage import test_vanguard_brokerage as vanguard_brokerage
from tests.importers.voya import test_voya as voya
from tests.importers.voya_web import test_voya_web as voya_web
from tests.importers.workplace import test_workplace as workplace

HERE = Path(__file__).parent
CENT = Decimal("0.01")
Factory = Callable[[], StatementImporter]

#: Each importer, with the statements in its layout.
CASES: list[tuple[str, Factory]] = [
    ("fidelity/pemberly-sources.txt", lambda: fidelity.by_source(plan=fidelity.PLAN)),
    ("fidelity/lakeside-history.csv", lambda: fidelity.history(fidelity.LAKESIDE_CONFIG)),
    ("fidelity/northwind-history.csv", lambda: fidelity.history(fidelity.NORTHWIND_CONFIG)),
    ("fidelity_activity/Accounts_History.csv", activity.importer),
    ("fidelity_activity/Accounts_History_new_header.csv", activity.importer),
    ("generic/empower.csv", generic.importer),
    ("m1/Activity-Dec-31-2024.csv", m1.importer),
    ("ofx_401k/bellwether-401k.ofx", ofx_401k.importer),
    ("ofx_ira/fidelity-iras.qfx", ofx_ira.importer),
    ("paychex/paychex-401k.csv", paychex.importer),
    ("schwab/dana-ira-2023.csv", schwab.importer),
    ("tiaa/riverside-403b.ofx", tiaa.importer),
    ("trowe/trowe-history.csv", trowe.importer),
    ("vanguard/OfxDownload.csv", vanguard.csv_importer),
    ("vanguard/initech-401k.qfx", vanguard.ofx_importer),
    ("vanguard_brokerage/OfxDownload.csv", vanguard_brokerage.importer),
    ("voya/TransactionHistory.csv", voya.importer),
    ("voya_web/voya-history.tsv", voya_web.importer),
    ("voya_web/voya-history-copied.txt", lambda: voya_web.importer(with_header=False)),
    ("workplace/TransactionHistory.csv", workplace.importer),
]
IDS = [name for name, _ in CASES]


def test_every_layout_folder_is_checked() -> None:
    folders = {path.parent.name for path in HERE.glob("*/test_*.py")}
    assert folders == {name.split("/")[0] for name in IDS}


@pytest.mark.parametrize(("name", "factory"), CASES, ids=IDS)
def test_every_line_and_every_dollar_of_a_statement_is_accounted_for(
    name: str, factory: Factory
) -> None:
    assert_accounted(factory(), HERE / name)


# --- random cuts of the statements ------------------------------------------------------------

CSV_CASES = [(name, factory) for name, factory in CASES if not name.endswith(("ofx", "qfx"))]


@st.composite
def cut(draw: st.DrawFn) -> tuple[str, Factory, set[int]]:
    name, factory = draw(st.sampled_from(CSV_CASES))
    lines = read_text(str(HERE / name)).splitlines()
    dropped = draw(st.sets(st.integers(0, len(lines) - 1), min_size=1, max_size=6))
    return name, factory, dropped


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(cut())
def test_a_cut_statement_is_accounted_for_or_stops_with_its_line(
    case: tuple[str, Factory, set[int]],
) -> None:
    name, factory, dropped = case
    TRIED["statements cut short through an importer"] += 1
    source = HERE / name
    lines = read_text(str(source)).splitlines()
    kept = [line for index, line in enumerate(lines) if index not in dropped]
    with tempfile.TemporaryDirectory() as folder:
        # The file's companions (a history beside a Sources copy) come along.
        for other in source.parent.iterdir():
            if other.is_file() and not other.name.startswith(("test_", "__")):
                shutil.copy(other, Path(folder) / other.name)
        path = Path(folder) / source.name
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
        importer = factory()
        if not importer.identify(str(path)):
            TRIED["... of which not identified"] += 1
            return
        try:
            assert_accounted(importer, path)
        except StatementError as error:
            TRIED["... of which stopped with a clear error"] += 1
            message = str(error)
        else:
            return
    # The line named may be the companion's (a history row the copy lacks).
    assert re.match(rf"{re.escape(folder)}/[^:]+:\d+: ", message), message


# --- the checks -------------------------------------------------------------------------------


def assert_accounted(importer: StatementImporter, path: Path) -> None:
    statement = importer.settled(importer.read(str(path)))
    entries = importer.extract(str(path), [])
    summary = importer.summaries[str(path)]
    named = {line for lines in summary.skipped.values() for line in lines}
    assert named == {line.lineno for line in statement.skipped}
    assert_every_line_accounted(importer, path, statement)
    configs = _configs(importer)
    assert _posted(entries, configs) == _expected(statement.rows, configs), path.name
    assert _shares_posted(entries, configs) == _shares_expected(statement.rows, configs)


def assert_every_line_accounted(
    importer: StatementImporter, path: Path, statement: Statement
) -> None:
    """Each data line (each OFX transaction) is a row or a skipped line."""
    used = {row.lineno for row in statement.rows} | {s.lineno for s in statement.skipped}
    if path.suffix.lower() in (".ofx", ".qfx"):
        text = read_text(str(path))
        transactions = _ofx_transaction_lines(text)
        assert transactions <= used, sorted(transactions - used)
        return
    missing = sorted(set(_data_lines(importer, path)) - used)
    assert missing == [], f"{path.name}: lines {missing} are neither rows nor named skips"


def _ofx_transaction_lines(text: str) -> set[int]:
    """The line of each transaction's FITID (line 1 for a one-line file)."""
    return {text.count("\n", 0, found.start()) + 1 for found in re.finditer("<FITID>", text)}


def _data_lines(importer: StatementImporter, path: Path) -> Iterator[int]:
    """The line numbers where the file's records after its header start (every record of a
    file with no header), blank records left out."""
    text = read_text(str(path))
    lines = text.splitlines()
    delimiter = "\t" if "\t" in text and text.count("\t") > text.count(",") else ","
    header = [name.lower() for name in getattr(importer, "header", ())]
    start = -1
    if header and not _headerless(importer):
        for index, line in enumerate(lines):
            cells = [
                cell.strip().lower() for cell in next(csv.reader([line], delimiter=delimiter), [])
            ]
            if cells[: len(header)] == header:
                start = index
                break
    reader = csv.reader(io.StringIO("\n".join(lines[start + 1 :])), delimiter=delimiter)
    last = 0
    for cells in reader:
        lineno, last = start + 2 + last, reader.line_num
        if any(cell.strip() for cell in cells):
            yield lineno


def _headerless(importer: StatementImporter) -> bool:
    spec = getattr(importer, "layout_spec", None)
    return bool(spec is not None and spec.names) or importer.layout == "fidelity-sources"


def _configs(importer: StatementImporter) -> dict[str, PlanConfig]:
    """Each row batch's PlanConfig (the activity download keeps one per account)."""
    configs: dict[str, PlanConfig] = defaultdict(lambda: importer.config)
    configs[importer.config.account] = importer.config
    if isinstance(importer, FidelityActivityImporter):
        configs.update({plan.account: plan for plan in importer.plans.values()})
        configs[importer.config.account] = importer.config
    return configs


def _mine(account: str, config: PlanConfig) -> bool:
    """Whether a ledger account is one the statement is about."""
    roots = [config.account, *config.accounts.values()]
    return any(account == root or account.startswith(root + ":") for root in roots)


def _expected(rows: list[Row], configs: dict[str, PlanConfig]) -> dict[str, Decimal]:
    """Where each row's money goes, by the row alone."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        config = configs[row.batch]
        amount = _signed(row)
        totals[_target(row, config)] += amount
        if row.action in (Action.BUY, Action.SELL):
            cash = config.whole_account(row) or config.source_account(config.source_kind(row), None)
            totals[cash] -= amount
        elif row.action in (Action.LOAN, Action.LOAN_REPAYMENT):
            totals[config.loan_account(row)] -= amount
    return _rounded(totals)


def _signed(row: Row) -> Decimal:
    """A row's amount, positive into the account it names (a buy or a repayment always in,
    a sale or a loan always out)."""
    if row.action in (Action.BUY, Action.LOAN_REPAYMENT):
        return abs(row.amount)
    if row.action in (Action.SELL, Action.LOAN):
        return -abs(row.amount)
    return row.amount


def _target(row: Row, config: PlanConfig) -> str:
    whole = config.whole_account(row)
    held = config.units_style and row.units is not None and bool(row.fund)
    commodity = config.commodity(row) if held else None
    if whole:
        return f"{whole}:{commodity}" if commodity else whole
    return config.source_account(config.source_kind(row), commodity)


def _posted(entries: list[Any], configs: dict[str, PlanConfig]) -> dict[str, Decimal]:
    """What the entries post to the statement's accounts, in dollars."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        for posting in entry.postings:
            if posting.units is not None and any(
                _mine(posting.account, c) for c in configs.values()
            ):
                totals[posting.account] += _dollars(posting)
    return _rounded(totals)


def _dollars(posting: data.Posting) -> Decimal:
    units = posting.units.number
    cost = posting.cost
    if cost is not None and cost.number_total is not None:
        return cost.number_total if units > 0 else -cost.number_total
    if cost is not None and isinstance(cost.number_per, Decimal):
        return units * cost.number_per
    if posting.price is not None:
        return units * posting.price.number
    return units


def _rounded(totals: dict[str, Decimal]) -> dict[str, Decimal]:
    return {
        account: total.quantize(CENT)
        for account, total in sorted(totals.items())
        if total.quantize(CENT)
    }


def _shares_expected(rows: list[Row], configs: dict[str, PlanConfig]) -> dict[str, Decimal]:
    shares: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        config = configs[row.batch]
        if config.units_style and row.units and row.fund:
            shares[config.commodity(row)] += row.units if _signed(row) > 0 else -row.units
    return {commodity: n for commodity, n in sorted(shares.items()) if n}


def _shares_posted(entries: list[Any], configs: dict[str, PlanConfig]) -> dict[str, Decimal]:
    shares: dict[str, Decimal] = defaultdict(Decimal)
    currencies = {config.currency for config in configs.values()} | {"USD"}
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        for posting in entry.postings:
            if posting.units is None or posting.units.currency in currencies:
                continue
            if any(_mine(posting.account, c) for c in configs.values()):
                shares[posting.units.currency] += posting.units.number
    return {commodity: n for commodity, n in sorted(shares.items()) if n}
