"""The demo household, through the real bean-check and bean-query commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import DEMO_LEDGER, REPO

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_bean_check_reports_only_the_designed_1099r_mismatch() -> None:
    result = _run(str(BIN / "bean-check"), str(DEMO_LEDGER))
    assert result.returncode == 1
    assert result.stdout == ""
    reports = [block for block in result.stderr.split("\n\n") if block.startswith("/")]
    assert len(reports) == 1, result.stderr
    assert (
        "Form 1099-R from Voya Institutional Plan Services for "
        "Assets:Retirement:Alice:Acme401k, 2024, code G: box2a says 320.93 but the ledger "
        "says 310.93" in reports[0]
    )


def test_bean_query_lists_alices_after_tax_accounts() -> None:
    result = _run(
        str(BIN / "bean-query"),
        "--format",
        "csv",
        str(DEMO_LEDGER),
        "SELECT account, sum(position) WHERE meta('megaroth-source') = 'after-tax' "
        "GROUP BY account",
    )
    assert result.returncode == 0, result.stderr
    _header, *rows = result.stdout.strip().splitlines()
    accounts = [row.split(",")[0] for row in rows]
    assert accounts == ["Assets:Retirement:Alice:Acme401k:AfterTax:VFIAX"]


def test_every_source_in_the_demo_is_tagged() -> None:
    result = _run(
        str(BIN / "bean-query"),
        "--format",
        "csv",
        str(DEMO_LEDGER),
        "SELECT DISTINCT account, meta('megaroth-source'), meta('megaroth-owner') "
        "WHERE account ~ ':(Acme|Globex)401k:' ORDER BY account",
    )
    rows = [row.split(",") for row in result.stdout.strip().splitlines()[1:]]
    assert rows == [
        ["Assets:Retirement:Alice:Acme401k:AfterTax:VFIAX", "after-tax", "alice"],
        ["Assets:Retirement:Alice:Acme401k:IRR:VFIAX", "irr", "alice"],
        ["Assets:Retirement:Alice:Acme401k:Match:VFIAX", "match", "alice"],
        ["Assets:Retirement:Alice:Acme401k:PreTax:VFIAX", "pretax", "alice"],
        ["Assets:Retirement:Bob:Globex401k:Match:VFIAX", "match", "bob"],
        ["Assets:Retirement:Bob:Globex401k:Roth:VFIAX", "roth", "bob"],
    ]
