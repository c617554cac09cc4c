"""A preparer with many clients: ``megaroth report`` over several ledgers, several at once."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.report.test_report import LEDGER, MEGAROTH


def _clients(tmp_path: Path, count: int) -> list[Path]:
    ledgers = []
    for index in range(count):
        folder = tmp_path / f"client{index}"
        folder.mkdir()
        ledger = folder / "main.beancount"
        # Each client's conversion earns a different amount: each packet has its own figures.
        ledger.write_text(LEDGER.replace("167.75 USD", f"{167.75 + index:.2f} USD"))
        ledgers.append(ledger)
    return ledgers


def test_one_packet_per_ledger_the_same_as_reported_alone(tmp_path: Path) -> None:
    ledgers = _clients(tmp_path, 3)
    out = tmp_path / "packets"
    result = subprocess.run(
        [str(MEGAROTH), "report", *map(str, ledgers), "--year", "2024", "--format", "json",
         "-o", str(out), "--jobs", "2"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # Three ledgers named main.beancount: each packet is named by its folder too.
    assert sorted(p.name for p in out.iterdir()) == [
        "client0-main.json",
        "client1-main.json",
        "client2-main.json",
    ]
    for index, ledger in enumerate(ledgers):
        alone = subprocess.run(
            [str(MEGAROTH), "report", str(ledger), "--year", "2024", "--format", "json"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert (out / f"client{index}-main.json").read_text() == alone
        # 200 units converted at 167.75 + index over 167.50 of basis each.
        assert f'"taxable": "{50 + 200 * index:.2f}"' in alone


def test_a_ledger_that_fails_is_named_and_the_others_still_get_their_packet(
    tmp_path: Path,
) -> None:
    good, missing = _clients(tmp_path, 1)[0], tmp_path / "nobody" / "main.beancount"
    out = tmp_path / "packets"
    result = subprocess.run(
        [str(MEGAROTH), "report", str(good), str(missing), "--year", "2024", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"megaroth report: no ledger file at {missing}" in result.stderr
    assert (out / "client0-main.text").exists()


def test_several_ledgers_need_a_folder(tmp_path: Path) -> None:
    ledgers = _clients(tmp_path, 2)
    result = subprocess.run(
        [str(MEGAROTH), "report", *map(str, ledgers)], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert (
        result.stderr == "megaroth report: several ledgers need -o FOLDER, one packet each in it\n"
    )
