"""A new user's forms, recorded the way custodians print them (issue 13, items 1, 13, 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from beancount import loader

from megaroth import cli
from megaroth.engine import analysis as analysis_module
from tests.conftest import load

LEDGER = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2020-01-01 custom "megaroth-person" "bob"
  birth-date: 1980-05-01
2020-01-01 open Assets:Bank
2020-01-01 open Income:Interest
2020-01-01 open Assets:BobIRA
  megaroth-ira: "traditional"
  owner: "bob"
2020-01-01 open Assets:BobRothIRA
  megaroth-ira: "roth"
  owner: "bob"
2024-01-10 * "Bank" "Nondeductible contribution"
  nondeductible: TRUE
  Assets:BobIRA  7000.00 USD
  Assets:Bank
2024-01-20 * "Broker" "Interest"
  Assets:BobIRA  10.00 USD
  Income:Interest
2024-01-24 * "Broker" "Conversion"
  Assets:BobIRA      -7010.00 USD
  Assets:BobRothIRA   7010.00 USD
"""
FORM = """
2025-01-31 custom "1099-R" Assets:BobIRA 2024
  payer: "Broker"
  box1: 7010.00 USD
{boxes}
"""


def checked(boxes: str) -> list[str]:
    _, errors, _ = load(LEDGER + FORM.format(boxes=boxes))
    return [error.message for error in errors]


def test_1_conversion_form_with_box_2a_left_blank_matches() -> None:
    # Item 1: custodians print an IRA conversion with 2b "not determined" and 2a blank.
    messages = checked('  box2b-not-determined: TRUE\n  ira-sep-simple: TRUE\n  box7: "2"')
    assert messages == []


def test_1_a_blank_box_is_zero_and_the_message_says_left_blank() -> None:
    # Without 2b checked, a blank 2a means nothing taxable: compared as 0.00, and said so.
    (message,) = checked('  ira-sep-simple: TRUE\n  box7: "2"')
    assert "box2a is left blank but the ledger says 7,010.00 (difference -7,010.00)" in message
    assert "box2b-not-determined: expected TRUE, reported FALSE" not in message


def test_1_a_typo_in_a_box_name_is_an_error_on_its_line_with_the_right_name() -> None:
    # Item 1: "box2A" (a typo) used to crash the plugin with a traceback and no line.
    messages = checked(
        '  box2A: 7010.00 USD\n  box2b-not-determined: TRUE\n  ira-sep-simple: TRUE\n  box7: "2"'
    )
    (typo,) = [m for m in messages if "'box2A'" in m]
    assert typo.startswith("'box2A' is not a box megaroth reads on Form 1099-R, so it was")
    assert "Did you mean box2a?" in typo


@pytest.fixture
def broken_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault injected in megaroth itself: whatever fails, bean-check gets an error."""

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("unsupported format string passed to NoneType.__format__")

    monkeypatch.setattr(analysis_module, "expected_1099rs", broken)


@pytest.mark.usefixtures("broken_engine")
def test_1_a_plugin_failure_is_one_error_on_the_plugin_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    entries, errors, _ = loader.load_file(str(ledger))
    (error,) = errors
    assert error.check == "internal"
    assert (error.source["filename"], error.source["lineno"]) == (str(ledger), 2)
    assert error.message.startswith(
        "megaroth could not finish checking this ledger: TypeError: unsupported format string"
    )
    assert "please report it" in error.message
    assert len(entries) > 5  # the ledger still loads


@pytest.mark.usefixtures("broken_engine")
def test_1_the_report_command_stops_with_a_clear_message_when_megaroth_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    assert cli.main(["report", str(ledger), "--year", "2024"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "megaroth could not finish checking this ledger" in captured.err
    assert "no packet" in captured.err


@pytest.mark.parametrize("written", ["g", " G ", "2", "1b", "B1", "b 1"])
def test_14_box_7_codes_are_read_in_any_case_and_order(written: str) -> None:
    from megaroth.ledger.forms_received import _code

    assert _code(written) in {"G", "2", "1B"}


def test_14_a_lowercase_code_matches_the_ledgers_form() -> None:
    messages = checked(
        "  box2a: 7010.00 USD\n  box2b-not-determined: TRUE\n  ira-sep-simple: TRUE\n"
        '  box7: "2"'.replace('"2"', '" 2 "')
    )
    assert messages == []


def test_14_an_unknown_code_says_which_codes_exist() -> None:
    messages = checked('  box2a: 7010.00 USD\n  box7: "X"')
    (bad,) = [m for m in messages if m.startswith("box7 'X'")]
    assert "is not a distribution code" in bad
    assert 'box7: "G"' in bad
