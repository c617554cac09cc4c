"""``megaroth report``: the real command on real ledgers, JSON as the report contract says."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pandas

from tests.conftest import DEMO_LEDGER

MEGAROTH = Path(sys.executable).with_name("megaroth")

LEDGER = textwrap.dedent(
    """\
    plugin "megaroth.plugins"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1980-06-01
    2020-01-01 open Assets:Checking
    2020-01-01 open Income:Retirement:Gains
    2020-01-01 open Assets:Retirement:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
    2020-01-01 open Assets:Retirement:Acme401k:AfterTax:FXAIX  FXAIX
    2020-01-01 open Assets:Retirement:Acme401k:IRR:FXAIX       FXAIX
    2024-01-15 * "Payroll" "After-tax contribution"
      Assets:Retirement:Acme401k:AfterTax:FXAIX   200.000 FXAIX {167.50 USD}
      Assets:Checking                            -33500.00 USD
    2024-01-16 * "Fidelity" "In-plan Roth conversion"
      Assets:Retirement:Acme401k:AfterTax:FXAIX  -200.000 FXAIX {} @ 167.75 USD
      Assets:Retirement:Acme401k:IRR:FXAIX        200.000 FXAIX {167.75 USD}
      Income:Retirement:Gains
    """
)


def _report(ledger: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MEGAROTH), "report", str(ledger), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_json_report_has_the_design_keys_and_figures(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    result = _report(ledger, "--year", "2024", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["year"] == 2024
    (movement,) = report["movements"]
    assert {
        k: movement[k]
        for k in (
            "date",
            "from",
            "to",
            "kind",
            "gross",
            "basis",
            "taxable",
            "code",
            "five_year_end",
            "lots",
        )
    } == {
        "date": "2024-01-16",
        "from": "Assets:Retirement:Acme401k:AfterTax:FXAIX",
        "to": "Assets:Retirement:Acme401k:IRR:FXAIX",
        "kind": "in-plan-roth-rollover",
        "gross": "33550.00",
        "basis": "33500.00",
        "taxable": "50.00",
        "code": "G",
        "five_year_end": 2028,
        "lots": [
            {
                "date": "2024-01-15",
                "origin": "contribution",
                "basis": "33500.00",
                "earnings": "50.00",
                "days": 1,
            }
        ],
    }
    assert movement["lineno"] == 15
    (form,) = report["form_1099r"]
    assert form["account"] == "Assets:Retirement:Acme401k"
    assert form["code"] == "G"
    assert form["expected"] == {
        "box1": "33550.00",
        "box2a": "50.00",
        "box2b-not-determined": False,
        "box4": "0.00",
        "box5": "33500.00",
        "box7": "G",
        "ira-sep-simple": False,
    }


def test_text_report_shows_the_same_figures(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    result = _report(ledger, "--year", "2024")
    assert result.returncode == 0, result.stderr
    for figure in ("33,550.00", "33,500.00", "50.00", "in-plan Roth", "2028"):
        assert figure in result.stdout


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    out = tmp_path / "report.json"
    result = _report(ledger, "--format", "json", "-o", str(out))
    assert (result.returncode, result.stdout) == (0, "")
    assert json.loads(out.read_text())["year"] == 2024
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.beancount", "report.json"]


def test_demo_report_adds_up_alices_conversions() -> None:
    result = _report(DEMO_LEDGER, "--year", "2025", "--format", "json", "--person", "alice")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    conversions = [m for m in report["movements"] if m["kind"] == "in-plan-roth-rollover"]
    assert len(conversions) == 12
    (form,) = report["form_1099r"]
    assert form["expected"]["box1"] == str(sum(Decimal(m["gross"]) for m in conversions))
    assert form["expected"]["box2a"] == str(sum(Decimal(m["taxable"]) for m in conversions))
    # Each after-tax contribution is converted within days, so each carries a few days'
    # earnings only.
    days = [lot["days"] for m in conversions for lot in m["lots"]]
    assert len(days) == 12
    assert all(0 < held <= 10 for held in days), days


def test_unknown_person_is_a_clear_error(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    result = _report(ledger, "--person", "carol")
    assert result.returncode == 2
    assert "no person 'carol'" in result.stderr
    assert "alice" in result.stderr


FORMS = """
2025-01-31 custom "1099-R" Assets:Retirement:Acme401k 2024
  payer: "Fidelity Investments"
  box1: 33550.00 USD
  box2a: 60.00 USD
  box5: 33500.00 USD
  box7: "G"
"""


def test_json_form_1099r_carries_reported_status_and_differences(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER + FORMS)
    report = json.loads(_report(ledger, "--year", "2024", "--format", "json").stdout)
    (form,) = report["form_1099r"]
    assert form["status"] == "mismatch"
    assert form["reported"]["box2a"] == "60.00"
    assert form["differences"] == {"box2a": "10.00"}
    assert form["lineno"] == 20
    alice = report["people"]["alice"]
    assert alice["form_1040"] == {
        "line4a": "0.00",
        "line4b": "0.00",
        "line5a": "33550.00",
        "line5b": "50.00",
        "line1h": "0.00",
    }
    assert alice["after_tax_basis_recovered"] == "33500.00"


def test_csv_packet_opens_in_pandas_with_the_jsons_figures(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER + FORMS)
    as_json = json.loads(_report(ledger, "--year", "2024", "--format", "json").stdout)
    out = tmp_path / "packet.csv"
    assert _report(ledger, "--year", "2024", "--format", "csv", "-o", str(out)).returncode == 0
    table = pandas.read_csv(out, dtype=str, keep_default_na=False)
    forms = table[table.section.str.startswith("Forms 1099-R")]
    wide = forms.pivot(index="row", columns="column", values="value")
    by_box = wide.set_index("Box")
    (form,) = as_json["form_1099r"]
    assert by_box.loc["1 Gross distribution", "Expected"] == form["expected"]["box1"]
    assert by_box.loc["2a Taxable amount", "Reported"] == form["reported"]["box2a"]
    assert by_box.loc["2a Taxable amount", "Difference"] == form["differences"]["box2a"]
    lines = table[table.section.str.startswith("Form 1040")].pivot(
        index="row", columns="column", values="value"
    )
    line5b = lines[lines.Line.str.startswith("5b")].Amount.item()
    assert line5b == as_json["people"]["alice"]["form_1040"]["line5b"]


def test_csv_cells_cannot_run_as_formulas() -> None:
    from megaroth.report.formats import spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("+1+1") == "'+1+1"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("-10.00") == "-10.00"  # a number stays a number
    assert spreadsheet_safe("-cmd") == "'-cmd"


def test_markdown_packet_has_a_table_per_section(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER + FORMS)
    text = _report(ledger, "--year", "2024", "--format", "md").stdout
    assert text.startswith("# megaroth tax packet, 2024\n")
    assert "## Forms 1099-R for 2024: expected and received" in text
    assert (
        "| Assets:Retirement:Acme401k | G | 2a Taxable amount | 50.00 | 60.00 | 10.00 | mismatch |"
        in text
    )
    assert "## Form 1040 for 2024" in text
