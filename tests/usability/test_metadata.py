"""What the plugins add prints and parses back (issue 13, item 2)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from beancount import loader
from beancount.parser import parser, printer

from tests.conftest import DEMO_LEDGER, REPO

BIN = REPO / ".venv" / "bin"


def test_2_bean_query_prints_the_demos_conversions() -> None:
    # Item 2: megaroth-five-year-end was an int, which Beancount's printer can't write.
    result = subprocess.run(
        [BIN / "bean-query", DEMO_LEDGER, "PRINT FROM narration ~ 'TRANSFER'"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "megaroth-five-year-end: 2029" in result.stdout


def test_2_bean_check_prints_an_error_attached_to_a_converted_transaction(
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        'plugin "megaroth.plugins"\n'
        '2020-01-01 custom "megaroth-person" "alice"\n'
        '2020-01-01 open Assets:Plan\n  megaroth-plan: "401k"\n  owner: "alice"\n'
        '  employer: "Acme"\n  in-plan-conversion: TRUE\n'
        "2020-01-01 open Assets:Plan:AfterTax\n2020-01-01 open Assets:Plan:IRR\n"
        "2020-01-01 open Income:Salary\n"
        '2024-01-10 * "Payroll"\n  Assets:Plan:AfterTax  1000.00 USD\n  Income:Salary\n'
        # A cent out: Beancount's own error, printed with the entry megaroth annotated.
        '2024-01-11 * "Conversion"\n  Assets:Plan:AfterTax  -1000.00 USD\n'
        "  Assets:Plan:IRR  999.99 USD\n"
    )
    result = subprocess.run(
        [BIN / "bean-check", ledger], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in result.stderr
    assert "Unexpected value" not in result.stderr
    assert "Transaction does not balance" in result.stderr
    assert "megaroth-five-year-end: 2028" in result.stderr


def test_2_every_entry_of_the_demo_prints_and_parses_back() -> None:
    entries, _, _ = loader.load_file(str(DEMO_LEDGER))
    text = "\n".join(printer.format_entry(entry) for entry in entries)
    _, errors, _ = parser.parse_string(text)
    assert errors == []
