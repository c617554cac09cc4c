"""A new user's first hour, item by item (issue 13): each case failed before its fix."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from megaroth import vocabulary
from megaroth.engine.analysis import analyse
from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter, Layout
from megaroth.importers.rows import StatementError
from tests.conftest import REPO, build_report, load
from tests.fuzz import test_fuzz_declarations

HOUSEHOLD = """
plugin "megaroth.plugins"
option "booking_method" "FIFO"
2020-01-01 custom "megaroth-person" "pat"
  birth-date: 1980-05-01
2020-01-01 open Assets:Checking
2020-01-01 open Assets:Transfers
2020-01-01 open Income:Salary
2020-01-01 open Income:Retirement:MarketValue
2020-01-01 open Assets:Plan
  megaroth-plan: "401k"
  owner: "pat"
  employer: "Acme"
  in-plan-conversion: TRUE
  in-service-withdrawal: FALSE
2020-01-01 open Assets:Plan:PreTax
2020-01-01 open Assets:Plan:AfterTax
2020-01-01 open Assets:Plan:IRR
2020-01-01 open Assets:IRA
  megaroth-ira: "traditional"
  owner: "pat"
2020-01-01 open Assets:RothIRA
  megaroth-ira: "roth"
  owner: "pat"
"""
PAY = '{date} * "Payroll"\n  Assets:Plan:AfterTax  1000.00 USD\n  Income:Salary\n'


def messages(text: str) -> list[str]:
    _, errors, _ = load(HOUSEHOLD + text)
    return [error.message for error in errors]


def test_3_the_declaration_fuzzer_covers_every_custom_megaroth_reads() -> None:
    read = {vocabulary.PERSON, vocabulary.IRA_BASIS, vocabulary.COMPENSATION,
            vocabulary.MAGI, vocabulary.FICA_WAGES, vocabulary.FORM_1099R,
            vocabulary.FORM_5498}  # fmt: skip
    fuzzed = set(test_fuzz_declarations.CUSTOMS.elements)  # type: ignore[attr-defined]
    assert fuzzed == read


def test_4_two_halves_with_one_link_are_one_conversion() -> None:
    entries, errors, options = load(
        HOUSEHOLD
        + PAY.format(date="2024-03-01")
        + '2024-03-04 * "Voya" "Out of after-tax" ^irr-2024-03\n'
        "  Assets:Plan:AfterTax  -1000.00 USD\n  Assets:Transfers\n"
        + '2024-03-06 * "Voya" "Into IRR" ^irr-2024-03\n'
        "  Assets:Plan:IRR  1000.00 USD\n  Assets:Transfers\n"
    )
    assert [e.message for e in errors] == []
    (movement,) = analyse(entries, options).basis.movements
    assert (movement.kind.value, movement.code, movement.gross, movement.basis) == (
        "in-plan-roth-rollover", "G", Decimal("1000.00"), Decimal("1000.00"))  # fmt: skip
    assert movement.date.isoformat() == "2024-03-04"


def test_4_two_halves_without_a_link_are_an_error_on_both() -> None:
    found = messages(
        PAY.format(date="2024-03-01") + '2024-03-04 * "Voya" "Out of after-tax"\n'
        "  Assets:Plan:AfterTax  -1000.00 USD\n  Assets:Transfers\n"
        + '2024-03-06 * "Voya" "Into IRR"\n'
        "  Assets:Plan:IRR  1000.00 USD\n  Assets:Transfers\n"
    )
    split = [m for m in found if "^irr-2024-03" in m]
    assert len(split) == 2
    assert split[0].startswith("This takes 1,000.00 out of Assets:Plan, and on 2024-03-06")
    assert "as a distribution (1099-R code 1, 0.00 taxable)" in split[0]
    assert split[1].startswith("This puts 1,000.00 into Assets:Plan:IRR 2 days after")


def test_4_money_out_of_a_plan_that_allows_no_withdrawal_is_named() -> None:
    found = messages(
        PAY.format(date="2024-03-01")
        + '2024-03-04 * "Out"\n  Assets:Plan:AfterTax  -1000.00 USD\n  Assets:Checking\n'
    )
    (warning,) = [m for m in found if "in-service-withdrawal: FALSE" in m]
    assert warning.startswith("Warning: 1,000.00 leaves Assets:Plan for Assets:Checking")


def test_5_a_deductible_contribution_converted_days_later_asks_if_it_was_nondeductible() -> None:
    found = messages(
        '2024-01-10 * "Bank"\n  Assets:IRA  7000.00 USD\n  Assets:Checking\n'
        '2024-01-15 * "Convert"\n  Assets:IRA  -7000.00 USD\n  Assets:RothIRA  7000.00 USD\n'
    )
    (warning,) = [m for m in found if "backdoor Roth" in m]
    assert warning.startswith(
        "Warning: 7,000.00 went into Assets:IRA on 2024-01-10 and 7,000.00 was converted to a "
        "Roth IRA 5 days later"
    )
    assert "add  nondeductible: TRUE  to this transaction" in warning


def test_6_a_typo_in_a_source_is_one_error_and_one_warning_not_false_alarms() -> None:
    typo = HOUSEHOLD.replace("open Assets:Plan:AfterTax", "open Assets:Plan:AfterTx")
    text = typo + "".join(
        f'2024-{month:02d}-01 * "Payroll"\n  Assets:Plan:AfterTx  2000.00 USD\n'
        "  Assets:Plan:PreTax  2000.00 USD\n  Income:Salary\n"
        f'2024-{month:02d}-02 * "Convert"\n  Assets:Plan:AfterTx  -2000.00 USD\n'
        "  Assets:Plan:IRR  2000.00 USD\n"
        for month in range(1, 13)
    )
    text += (
        '2025-01-31 custom "1099-R" Assets:Plan 2024\n  box1: 24000.00 USD\n'
        '  box2a: 0.00 USD\n  box5: 24000.00 USD\n  box7: "G"\n'
    )
    _, errors, _ = load(text)
    found = [e.message for e in errors]
    assert any('can\'t tell which money source "AfterTx"' in m for m in found)
    assert [e.check for e in errors] == ["household", "figures-incomplete"], found
    assert "megaroth left out 24 transactions of Assets:Plan from 2024 on" in found[1]


def test_7_a_conversion_at_a_loss_explains_box_5_in_every_format() -> None:
    entries, _, options = load(
        HOUSEHOLD
        + PAY.format(date="2024-03-01")
        + '2024-03-20 * "Loss"\n  Assets:Plan:AfterTax  -100.00 USD\n'
        "  Income:Retirement:MarketValue\n"
        + '2024-03-21 * "Convert"\n  Assets:Plan:AfterTax  -900.00 USD\n'
        "  Assets:Plan:IRR  900.00 USD\n"
    )
    analysis = analyse(entries, options)
    report = build_report(analysis, 2024)
    assert report["people"]["pat"]["after_tax_basis_recovered"] == "900.00"
    assert report["people"]["pat"]["after_tax_basis_unrecovered"] == "100.00"
    from megaroth.report.build import build_packet
    from megaroth.report.formats import render_markdown, render_text

    packet = build_packet(analysis, 2024)
    for text in (render_text(packet, 200), render_markdown(packet)):
        assert "Unrecovered basis: money moved for less than its basis (a loss)" in text
        assert "box 5 plus box 2a is more than box 1" in text


def test_8_an_unmapped_source_label_is_never_given_a_guessed_kind(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_text(
        "Date,Activity,Source,Amount\n01/15/2024,Contribution,3 - Safe Harbor Match,100.00\n"
    )
    layout = Layout(header=("Date", "Activity", "Source", "Amount"), date="Date",
                    activity="Activity", source="Source", amount="Amount",
                    date_formats=("%m/%d/%Y",),
                    actions={"Contribution": "contribution"})  # fmt: skip
    importer = GenericImporter(PlanConfig("Assets:Plan", sources={}), layout)
    with pytest.raises(StatementError) as caught:
        importer.extract(str(statement), [])
    message = str(caught.value)
    assert '"3 - Safe Harbor Match": "<kind>",' in message
    assert '"after-tax",' not in message
    assert "match = employer match (pre-tax)" in message


def test_9_a_missing_owner_names_the_people_declared() -> None:
    found = messages('2020-01-01 open Assets:Other\n  megaroth-ira: "traditional"\n')
    (message,) = [m for m in found if "has no owner" in m]
    assert 'add  owner: "pat"  to its Open' in message
    assert "alice" not in message


def test_10_a_fund_account_booked_strict_gets_a_warning_on_its_open() -> None:
    text = HOUSEHOLD.replace('option "booking_method" "FIFO"\n', "") + (
        "2020-01-01 open Assets:Plan:AfterTax:FXAIX FXAIX\n"
        '2024-01-10 * "Buy"\n  Assets:Plan:AfterTax:FXAIX  10 FXAIX {100.00 USD}\n'
        "  Income:Salary\n"
        '2024-02-10 * "Buy"\n  Assets:Plan:AfterTax:FXAIX  10 FXAIX {101.00 USD}\n'
        "  Income:Salary\n"
    )
    _, errors, _ = load(text)
    (warning,) = [e for e in errors if getattr(e, "check", "") == "strict-booking"]
    assert 'open Assets:Plan:AfterTax:FXAIX FXAIX "FIFO"' in warning.message


def test_11_a_line_with_more_fields_than_the_header_says_so(tmp_path: Path) -> None:
    statement = tmp_path / "history.csv"
    statement.write_text("Date,Activity,Amount\n01/15/2024,Contribution,1,000.00\n")
    layout = Layout(header=("Date", "Activity", "Amount"), date="Date", activity="Activity",
                    amount="Amount", date_formats=("%m/%d/%Y",),
                    actions={"Contribution": "contribution"}, default_source="PreTax")  # fmt: skip
    importer = GenericImporter(PlanConfig("Assets:Plan", sources={"PreTax": "pretax"}), layout)
    with pytest.raises(StatementError) as caught:
        importer.extract(str(statement), [])
    assert str(caught.value) == (
        f"{statement}:2: this line has 4 fields but the header has 3, so its values can't be "
        "told apart. A number with a thousands comma and no quotes (1,000.00 rather than "
        '"1,000.00") splits into two fields: put quotes around it, or download the file again.'
    )


def test_12_the_readmes_archive_command_works(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    (line,) = [ln for ln in readme.splitlines() if "import.py archive" in ln]
    command = line.split("#")[0].strip()
    assert command.startswith("mkdir -p documents && ")
    work = tmp_path / "ledger"
    import shutil

    shutil.copytree(REPO / "ledger", work)
    result = subprocess.run(
        command.replace("python", sys.executable, 1) if command.startswith("python")
        else command.replace("python import.py", f"{sys.executable} import.py"),
        shell=True, cwd=work, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert any((work / "documents").rglob("*.csv"))


def test_13_the_pages_checks_agree_with_the_errors_page(tmp_path: Path) -> None:
    from fava.core import FavaLedger

    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        HOUSEHOLD
        + '2020-01-01 custom "fava-extension" "megaroth.fava"\n'
        + PAY.format(date="2024-03-01")
        + '2024-03-02 * "Convert"\n  Assets:Plan:AfterTax  -1000.00 USD\n'
        "  Assets:Plan:IRR  1000.00 USD\n"
        + '2025-01-31 custom "1099-R" Assets:Plan 2024\n  box1: 1000.00 USD\n'
        '  box2a: 5.00 USD\n  box5: 1000.00 USD\n  box7: "G"\n'
        '2025-05-31 custom "5498" Assets:RothIRA 2024\n  box5: 0.00 USD\n'
    )
    fava = FavaLedger(str(ledger))
    page = fava.extensions.get_extension("Megaroth")
    assert page is not None
    errors_page = [e for e in fava.load_errors if getattr(e, "check", None)]
    checks = page.findings(2024)  # type: ignore[attr-defined]
    assert {c.check for c in checks} == {e.check for e in errors_page} == {"form-mismatch"}
    # Each form's boxes by that form's own names.
    assert page.box_name("box5", "5498") == "5 Fair market value on Dec 31"  # type: ignore[attr-defined]
    assert page.box_name("box5", "1099-R").startswith("5 Employee contributions")  # type: ignore[attr-defined]


def test_16_the_text_packet_fits_its_width_and_never_breaks_an_account(
    tmp_path: Path,
) -> None:
    from megaroth.report.build import build_packet
    from megaroth.report.formats import render_text

    entries, _, options = load(
        HOUSEHOLD
        + PAY.format(date="2024-03-01")
        + '2024-03-02 * "Convert"\n  Assets:Plan:AfterTax  -1000.00 USD\n'
        "  Assets:Plan:IRR  1000.00 USD\n"
        + '2025-01-31 custom "1099-R" Assets:Plan 2024\n  box1: 1000.00 USD\n'
        '  box2a: 5.00 USD\n  box5: 1000.00 USD\n  box7: "G"\n'
    )
    text = render_text(build_packet(analyse(entries, options), 2024), 100)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "Plan:AfterTax" in text  # whole, on one line
    rows = [line for line in text.splitlines() if "Gross distribution" in line]
    assert "match" in rows[0]
    assert "mismatch" not in rows[0]
    assert "\x1b[" not in text  # no colour unless asked for
    assert "\x1b[" in render_text(build_packet(analyse(entries, options), 2024), 100, True)


def test_17_the_command_has_a_version_and_help_for_every_argument() -> None:
    megaroth = [sys.executable, "-m", "megaroth"]
    version = subprocess.run([*megaroth, "--version"], capture_output=True, text=True)
    assert re.fullmatch(r"megaroth \d+\.\d+\.\d+\n", version.stdout)
    report = subprocess.run([*megaroth, "report", "--help"], capture_output=True, text=True)
    assert "your main .beancount file" in report.stdout
    assert "colour on a terminal unless NO_COLOR" in " ".join(report.stdout.split())
    demo = subprocess.run([*megaroth, "demo", "--help"], capture_output=True, text=True)
    assert "transactions.beancount in that folder is written anew" in " ".join(demo.stdout.split())
    assert "--port" in demo.stdout
    assert "default: 5000" in demo.stdout
    makefile = (REPO / "Makefile").read_text()
    assert "Installing megaroth and its tools" in makefile


def test_15_a_lifetime_ledger_from_1995_checks_every_year_without_a_warning() -> None:
    text = HOUSEHOLD.replace("2020-01-01", "1990-01-01") + "".join(
        f'{year}-03-01 * "Payroll"\n  Assets:Plan:PreTax  5000.00 USD\n  Income:Salary\n'
        for year in range(1995, 2026)
    )
    _, errors, _ = load(text)
    assert [e.message for e in errors] == []
    # ... and the limits of those years are checked: 1995's 402(g) limit was 9,240.
    _, errors, _ = load(text + '1995-06-01 * "Payroll"\n  Assets:Plan:PreTax  5000.00 USD\n'
                        "  Income:Salary\n")  # fmt: skip
    (excess,) = [e.message for e in errors]
    assert excess.startswith("pat deferred 10,000.00 in 1995")
    assert "760.00 over the 402(g) limit of 9,240.00" in excess
