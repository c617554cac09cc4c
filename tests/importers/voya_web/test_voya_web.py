"""Voya's transaction history table copied from the web page (``layouts.voya_web``).

``voya-history.tsv`` is Ivy's copy with its header line; ``voya-history-copied.txt`` the same
rows copied without it. Tab-separated; ``MM/DD/YYYY``; ``$39.204`` prices and ``$3,742.50``
amounts, all without a sign; a contribution into the fixed account, an exchange out of it
(``Fund Transfer Out``) into the index fund (``Fund Transfer In``), a fee, a payroll to three
sources (one of them ``ROTH``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import VOYA_WEB_COLUMNS, voya_web
from megaroth.importers.rows import ACTION_NAMES, StatementError
from tests.importers.expected import assert_matches_expected, through_plugins
from tests.importers.layout_checks import assert_reimport_adds_nothing, identified

HERE = Path(__file__).parent
WITH_HEADER = HERE / "voya-history.tsv"
WITHOUT_HEADER = HERE / "voya-history-copied.txt"
PLAN = "Assets:Retirement:Ivy:Acme401k"

IVY = PlanConfig(
    account=PLAN,
    sources={"Employee PreTax": "pretax", "ROTH": "roth", "Safe Harbor Match": "match"},
    funds={"0899 Vanguard 500 Index Fund Adm": "VFIAX", "4062 Voya Fixed Account": "VOYAFIXED"},
    contributions={
        "pretax": "Income:Ivy:Acme:Salary",
        "roth": "Income:Ivy:Acme:Salary",
        "match": "Income:Ivy:Acme:Match",
    },
)


def importer(with_header: bool = True) -> GenericImporter:
    return GenericImporter(IVY, voya_web(with_header))


def write(tmp_path: Path, *lines: str) -> Path:
    statement = tmp_path / "voya.tsv"
    statement.write_text("\t".join(VOYA_WEB_COLUMNS) + "\n" + "".join(f"{x}\n" for x in lines))
    return statement


def test_copy_with_its_header_matches_expected_entries() -> None:
    assert_matches_expected(importer(), WITH_HEADER)


def test_copy_without_its_header_matches_expected_entries() -> None:
    assert_matches_expected(importer(with_header=False), WITHOUT_HEADER)


def test_both_copies_make_the_same_entries() -> None:
    def printed(path: Path, with_header: bool) -> list[object]:
        return [
            (type(e).__name__, e.date, getattr(e, "postings", None))
            for e in importer(with_header).extract(str(path), [])
        ]

    assert printed(WITH_HEADER, True) == printed(WITHOUT_HEADER, False)


def test_unsigned_amounts_take_their_direction_from_the_activity() -> None:
    rows = importer().read(str(WITH_HEADER)).rows
    assert [(row.lineno, row.description, row.amount) for row in rows] == [
        (2, "Contribution", Decimal("51.40")),
        (3, "Contribution", Decimal("82.92")),
        (4, "Contribution", Decimal("83.78")),
        (5, "Fee", Decimal("-1.00")),  # written $1.00
        (6, "Fund Transfer In", Decimal("3742.50")),
        (7, "Fund Transfer Out", Decimal("-3742.50")),  # written $3,742.50
        (8, "Contribution", Decimal("4060.80")),
    ]
    (exchange,) = [
        e
        for e in importer().extract(str(WITH_HEADER), [])
        if isinstance(e, data.Transaction) and "Transfer" in e.narration
    ]
    assert [str(p.units) for p in exchange.postings[:2]] == ["98.744 VFIAX", "-147.320 VOYAFIXED"]


def test_identifies_each_copy_only_by_its_own_layout() -> None:
    assert identified(importer()) == ["voya_web/voya-history.tsv"]
    assert identified(importer(with_header=False)) == ["voya_web/voya-history-copied.txt"]


def test_reimporting_adds_nothing() -> None:
    assert_reimport_adds_nothing(importer(), WITH_HEADER)
    assert_reimport_adds_nothing(importer(with_header=False), WITHOUT_HEADER)


def test_summary_says_every_line_made_entries() -> None:
    for with_header, path in ((True, WITH_HEADER), (False, WITHOUT_HEADER)):
        voya = importer(with_header)
        voya.extract(str(path), [])
        summary = voya.summaries[str(path)]
        assert summary.skipped == {}
        assert summary.text(path.name).splitlines()[0] == (
            f"{path.name}: 7 lines: 7 in 4 transactions (and 5 prices), none skipped"
        )


def test_a_header_pasted_into_a_headerless_import_is_skipped_said_so() -> None:
    voya = importer(with_header=False)
    statement = voya.read(str(WITH_HEADER))
    assert [(s.lineno, s.reason) for s in statement.skipped] == [(1, "the header line, repeated")]
    assert len(statement.rows) == 7


def test_the_plan_loads_with_the_plugins() -> None:
    analysis = through_plugins(importer().extract(str(WITH_HEADER), []), PLAN, owner="ivy")
    assert sorted(c.amount for c in analysis.basis.contributions) == [
        Decimal("51.40"),
        Decimal("82.92"),
        Decimal("83.78"),
        Decimal("4060.80"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "10/21/2025\tContribution\t0899 Vanguard 500 Index Fund Adm\tROTH\t2.115\t$39.204\t"
            "$82.9two",
            "column 'Amount' holds '$82.9two', which is not a number. Fix the file (or download "
            "it again) so the column has amounts like 1,234.56 or (12.00).",
        ),
        (
            "2025-10-21\tContribution\t0899 Vanguard 500 Index Fund Adm\tROTH\t2.115\t$39.204\t"
            "$82.92",
            "column 'Date' holds '2025-10-21', which is not a date written as MM/DD/YYYY.",
        ),
        (
            "10/21/2025\tLoan Repayment\t0899 Vanguard 500 Index Fund Adm\tROTH\t2.115\t$39.204\t"
            "$82.92",
            "activity 'Loan Repayment' is not one megaroth knows for this layout. Add  \"Loan "
            f'Repayment": "contribution",  (or another of: {ACTION_NAMES}) to actions= in the '
            "Layout of your import.py.",
        ),
    ],
)
def test_bad_lines_name_the_file_line_column_and_fix(
    tmp_path: Path, line: str, message: str
) -> None:
    statement = write(tmp_path, line)
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == f"{statement}:2: {message}"


def test_a_copy_cut_short_is_named(tmp_path: Path) -> None:
    statement = write(tmp_path, "10/21/2025\tContribution\t0899 Vanguard 500 Index Fund Adm")
    with pytest.raises(StatementError) as caught:
        importer().extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: column 'Amount' is empty, and every transaction line fills it. "
        "Download the file again, or enter this line by hand and delete it from the file."
    )
