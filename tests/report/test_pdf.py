"""The PDF packet (``megaroth report --format pdf``): read back with pypdf, it carries every
figure of the JSON packet, each where it belongs, and the same ledger gives the same bytes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from megaroth.engine.analysis import analyse
from megaroth.report.build import build_packet
from megaroth.report.pdf import render_pdf
from tests.conftest import DEMO_LEDGER, load
from tests.engine import planner_ledgers

MEGAROTH = Path(sys.executable).with_name("megaroth")
MONEY = re.compile(r"^-?\d+\.\d{2}$")


def _report(ledger: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(MEGAROTH), "report", str(ledger), *args], capture_output=True,
                          check=False)  # fmt: skip


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \t]+", " ", text)


def _figures(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every money figure of the JSON, with where it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _figures(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _figures(item, f"{path}[{index}]")
    elif isinstance(value, str) and MONEY.match(value):
        yield path, f"{Decimal(value):,.2f}"


def _check(report: dict[str, Any], text: str) -> None:
    missing = [(path, figure) for path, figure in _figures(report) if figure not in text]
    assert missing == []
    for name, person in report["people"].items():
        for line, value in person["form_8606"].items():
            shown = value if line == "line10" else f"{Decimal(value):,.2f}"
            assert re.search(rf"(?m)^{line[4:]} .* {re.escape(shown)}$", text), (name, line)
        for limit in ("limit", "deferrals", "excess"):
            figure = f"{Decimal(person['limits']['402g'][limit]):,.2f}"
            assert f"402(g) {limit} {figure}" in text, (name, limit)
        form = person["form_1040"]
        row = " ".join(f"{Decimal(form[k]):,.2f}" for k in ("line4a", "line4b", "line5a", "line5b"))
        assert f"{name} {row}" in text
    for movement in report["movements"]:
        for key, label in (("gross", "Gross"), ("basis", "Basis"), ("taxable", "Taxable")):
            assert f"{label} {Decimal(movement[key]):,.2f}" in text
        for lot in movement["lots"]:
            assert (f"{lot['date']} {lot['origin']} {Decimal(lot['basis']):,.2f} "
                    f"{Decimal(lot['earnings']):,.2f} {lot['days']}") in text  # fmt: skip
    for finding in report["findings"]:
        assert finding["check"] in text


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_demos_pdf_carries_every_figure_of_the_json(tmp_path: Path, year: int) -> None:
    pdf_path, json_path = tmp_path / "packet.pdf", tmp_path / "packet.json"
    assert _report(DEMO_LEDGER, "--year", str(year), "--format", "pdf", "-o",
                   str(pdf_path)).returncode == 0  # fmt: skip
    assert _report(DEMO_LEDGER, "--year", str(year), "--format", "json", "-o",
                   str(json_path)).returncode == 0  # fmt: skip
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    report = json.loads(json_path.read_text())
    text = _text(pdf)
    _check(report, text)
    assert f"megaroth tax packet, {year}" in text
    if year == 2024:  # the designed mismatch, box by box
        assert "2a Taxable amount 310.93 320.93 10.00 mismatch" in text


@pytest.mark.parametrize("name", ["WEEKLY", "SEMIMONTHLY", "JOB_CHANGE"])
def test_the_planners_figures_are_in_the_pdf(name: str) -> None:
    from tests.conftest import build_report

    entries, _, options = load(getattr(planner_ledgers, name))
    analysis = analyse(entries, options)
    report = build_report(analysis, 2025)
    text = _text(render_pdf(build_packet(analysis, 2025)))
    _check(report, text)
    for person in report["people"].values():
        for employer, plan in person["planner"]["employers"].items():
            room = f"{Decimal(plan['after_tax_to_plan']):,.2f}"
            assert f"After-tax to put in by December 31, 2025 {room}" in text, employer
            for paycheck in plan["paychecks"]:
                assert f"{employer} {paycheck['date']}" in text


def test_the_same_ledger_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (first, second):
        result = _report(DEMO_LEDGER, "--year", "2024", "--format", "pdf", "-o", str(path))
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    piped = _report(DEMO_LEDGER, "--year", "2024", "--format", "pdf")
    assert piped.returncode == 0
    assert piped.stdout == first.read_bytes()
