"""Issue 14, "Done when": a backdoor Roth at Schwab, from the downloads to Form 8606.

Bob's 2024 (``tests/brokerage_ira_scenario.py``): a nondeductible 7,000.00 into his
traditional IRA, 28 VTI bought at 250.00, a 70.00 dividend, the 28 VTI sold at 310.00, and
the 8,750.00 journaled to his Roth IRA. Schwab gives one file per account: the traditional
IRA's is a titled download (``bob-traditional-ira-2024.csv``), the Roth IRA's an untitled
one whose name carries the account (``Roth_Contributory_IRA_XXX822_...csv``); each holds one
half of the journal. Imported with the ``schwab`` layout and loaded with megaroth's plugins,
they must give the same Form 8606 as the ledger a beancount-reds-importers user keeps
(``tests/engine/test_reds_ledger.py``): both paths come to ``FORM_8606_2024``.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data
from beancount.parser import printer

from megaroth.engine.analysis import Analysis, analyse
from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter
from megaroth.importers.layouts import schwab
from megaroth.tax.records import MovementKind
from tests.brokerage_ira_scenario import FORM_1099R_2024, FORM_8606_2024
from tests.conftest import build_report
from tests.importers.expected import assert_matches_expected

D = Decimal
SCHWAB = Path(__file__).parent / "schwab"
TRADITIONAL_FILE = SCHWAB / "bob-traditional-ira-2024.csv"
ROTH_FILE = SCHWAB / "Roth_Contributory_IRA_XXX822_Transactions_20240405-101500.csv"
TRADITIONAL = "Assets:Retirement:Bob:TraditionalIRA"
ROTH = "Assets:Retirement:Bob:RothIRA"

BOB = PlanConfig(
    account="Assets:Retirement:Bob",
    sources={},
    accounts={"Traditional IRA ...821": TRADITIONAL, "Roth Contributory IRA XXX822": ROTH},
    funds={"VTI": "VTI"},
    contributions="Assets:Bank:Checking",
    nondeductible=True,
)

#: Bob and his IRAs as his ledger declares them; the imported entries follow.
LEDGER = f"""\
option "operating_currency" "USD"
option "booking_method" "FIFO"
plugin "megaroth.plugins"

2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1985-06-15

2020-01-01 open Assets:Bank:Checking  USD
2020-01-01 open {TRADITIONAL}
  megaroth-ira: "traditional"
  owner: "bob"
2020-01-01 open {TRADITIONAL}:VTI  VTI
2020-01-01 open {ROTH}
  megaroth-ira: "roth"
  owner: "bob"
2020-01-01 open Assets:Transfers:Retirement  USD
2020-01-01 open Income:Retirement:Dividends  USD
2020-01-01 open Income:Retirement:Gains  USD
"""


def imported() -> list[Any]:
    importer = GenericImporter(BOB, schwab())
    return [e for path in (TRADITIONAL_FILE, ROTH_FILE) for e in importer.extract(str(path), [])]


def loaded(entries: list[Any]) -> tuple[list[Any], list[Any], Analysis]:
    buffer = io.StringIO()
    printer.print_entries(entries, file=buffer)
    loaded, errors, options = loader.load_string(LEDGER + buffer.getvalue())
    return loaded, errors, analyse(loaded, options)


def test_each_file_matches_its_expected_entries() -> None:
    importer = GenericImporter(BOB, schwab())
    assert_matches_expected(importer, TRADITIONAL_FILE)
    assert_matches_expected(importer, ROTH_FILE)


def test_the_journal_halves_are_one_conversion_by_their_link() -> None:
    journals = [e for e in imported() if isinstance(e, data.Transaction) and e.links]
    assert [(e.date.isoformat(), e.links, e.postings[0].account) for e in journals] == [
        ("2024-04-03", {"transfer-2024-04-03-8750.00"}, TRADITIONAL),
        ("2024-04-03", {"transfer-2024-04-03-8750.00"}, ROTH),
    ]


def test_schwab_downloads_give_the_form_8606_of_the_reds_ledger() -> None:
    _, errors, analysis = loaded(imported())
    assert [error.message for error in errors] == []
    assert analysis.errors.all() == []
    (form,) = analysis.forms_8606
    assert (form.person, form.year) == ("bob", 2024)
    assert form.lines() == FORM_8606_2024
    # The figures issue 14 names, line by line.
    named = {"line1": 7000, "line2": 0, "line3": 7000, "line6": 0, "line8": 8750, "line9": 8750,
             "line11": 7000, "line13": 7000, "line14": 0, "line16": 8750, "line17": 7000,
             "line18": 1750}  # fmt: skip
    lines = form.lines()
    assert {line: lines[line] for line in named} == {line: D(n) for line, n in named.items()}
    assert lines["line10"] == D("0.800")


def test_the_conversion_and_its_1099r() -> None:
    _, _, analysis = loaded(imported())
    (contribution,) = analysis.basis.contributions
    assert (contribution.contract.payer, contribution.amount, contribution.basis) == (
        TRADITIONAL,
        D("7000.00"),
        D("7000.00"),
    )
    (conversion,) = analysis.basis.movements
    assert (conversion.kind, conversion.code) == (MovementKind.IRA_CONVERSION, "2")
    # 70.00 of dividend and 1,680.00 of gain are the taxable 1,750.00.
    assert (conversion.gross, conversion.basis, conversion.taxable) == (
        D("8750.00"),
        D("7000.00"),
        D("1750.00"),
    )
    (expected,) = build_report(analysis, 2024, "bob")["form_1099r"]
    assert expected["account"] == TRADITIONAL
    assert {key: expected["expected"][key] for key in FORM_1099R_2024} == FORM_1099R_2024
