"""The benchmark runs end to end at a tiny size (CI's smoke test: it times nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_benchmark_smoke_run_measures_everything(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--smoke", "--json", str(rows_file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    measures = [row["measure"] for row in json.loads(rows_file.read_text())]
    assert measures == [
        "load 800 txns (1 in 8): time",
        "load 800 txns (1 in 8): peak memory",
        "load 800 txns (1 in 2): time",
        "load 800 txns (1 in 2): peak memory",
        "import 300-row statement",
        "import a lifetime (4,680 rows) vs loading its entries",
        "fava: megaroth page vs balance sheet",
        "report --format json vs bean-check",
    ]


def test_generated_household_passes_bean_check_with_only_the_old_years_note(
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "house.beancount"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--transactions", "3000",
         "--years", "4", "-o", str(ledger)],
        check=True,
    )  # fmt: skip
    result = subprocess.run(
        [str(Path(sys.executable).parent / "bean-check"), str(ledger)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
