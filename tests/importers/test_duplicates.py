"""Importing again: what the ledger already has is a duplicate, and nothing else is.

A duplicate is recognised by its ``megaroth-id``, made from what its rows say (payee, date,
and each row's action, source, fund, units and amount). Two different transactions of one
day are two ids, so a statement downloaded again after the day's second transaction posted
adds that transaction and only it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from beancount.core import data

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter, Layout
from megaroth.vocabulary import IMPORT_ID

PLAN = "Assets:Retirement:Bob:Globex401k"
HEADER = "Date,Activity,Source,Amount\n"
CONTRIBUTION = "2024-01-15,Contribution,Roth,500.00\n"
FEE = "2024-01-15,Fee,Roth,-25.00\n"
NEXT_DAY = "2024-01-16,Contribution,Roth,500.00\n"


def importer() -> GenericImporter:
    return GenericImporter(
        PlanConfig(account=PLAN, sources={"Roth": "roth"}, contributions="Income:Salary"),
        Layout(header=("Date", "Activity", "Source", "Amount"), date="Date",
               activity="Activity", source="Source", amount="Amount",
               actions={"Contribution": "contribution", "Fee": "fee"}, payee="Empower"),
    )  # fmt: skip


def extract(tmp_path: Path, name: str, text: str) -> list[data.Directive]:
    statement = tmp_path / name
    statement.write_text(HEADER + text)
    entries: list[data.Directive] = importer().extract(str(statement), [])
    return entries


def fresh(new: list[data.Directive], ledger: list[data.Directive]) -> list[tuple[str, str]]:
    """What importing ``new`` against ``ledger`` adds: (date, narration) of each transaction
    not marked a duplicate."""
    importer().deduplicate(new, ledger)
    return [(e.date.isoformat(), e.narration) for e in new
            if isinstance(e, data.Transaction) and not e.meta.get("__duplicate__")]  # fmt: skip


def test_a_new_transaction_on_a_day_already_imported_is_not_a_duplicate(tmp_path: Path) -> None:
    """The ledger has the 2024-01-15 contribution; the statement downloaded again lists a
    fee of the same day above it, the contribution, and the next day's contribution. Only the
    contribution already imported is a duplicate: the fee is new although its day is not.
    Kills: any transaction whose id has a date already in the ledger treated as a duplicate;
    an id made of the payee and the date alone (the fee, first of its day, would take the
    contribution's id)."""
    ledger = extract(tmp_path, "first.csv", CONTRIBUTION)
    again = extract(tmp_path, "again.csv", FEE + CONTRIBUTION + NEXT_DAY)
    added = fresh(again, ledger)
    assert [date for date, _ in added] == ["2024-01-15", "2024-01-16"]
    ids = {e.meta[IMPORT_ID] for e in ledger if isinstance(e, data.Transaction)}
    duplicates = [e for e in again if e.meta.get("__duplicate__")]
    assert len(duplicates) == 1
    assert duplicates[0].meta[IMPORT_ID] in ids
    (fee,) = [e for e in again if isinstance(e, data.Transaction)
              and any(p.account.startswith("Expenses") for p in e.postings)]  # fmt: skip
    assert not fee.meta.get("__duplicate__")


def test_the_same_statement_imported_again_adds_nothing(tmp_path: Path) -> None:
    """Every transaction of a statement imported twice is a duplicate the second time."""
    ledger = extract(tmp_path, "first.csv", FEE + CONTRIBUTION + NEXT_DAY)
    again = extract(tmp_path, "again.csv", FEE + CONTRIBUTION + NEXT_DAY)
    assert fresh(again, ledger) == []


def journal_importer() -> GenericImporter:
    return GenericImporter(
        PlanConfig(account=PLAN, sources={"Roth": "roth"}, contributions="Income:Salary"),
        Layout(header=("Date", "Activity", "Source", "Amount"), date="Date",
               activity="Activity", source="Source", amount="Amount",
               actions={"Transfer out": "journal"}, payee="Empower"),
    )  # fmt: skip


def test_a_second_identical_transaction_of_the_day_is_new(tmp_path: Path) -> None:
    """Two transfers of 500 out on one day are two transactions, each its own id (the second
    one's ends in -2). The morning's download had the first; the evening's has both, and
    adds the second only. Kills: ids of a day's identical transactions made the same (the
    counter that tells them apart not counted, or counted from the third)."""
    out = "2024-01-15,Transfer out,Roth,-500.00\n"
    (tmp_path / "morning.csv").write_text(HEADER + out)
    (tmp_path / "evening.csv").write_text(HEADER + out + out)
    ledger = journal_importer().extract(str(tmp_path / "morning.csv"), [])
    evening = journal_importer().extract(str(tmp_path / "evening.csv"), [])
    first, second = [e for e in evening if isinstance(e, data.Transaction)]
    assert first.meta[IMPORT_ID] != second.meta[IMPORT_ID]
    assert second.meta[IMPORT_ID] == first.meta[IMPORT_ID] + "-2"
    journal_importer().deduplicate(evening, ledger)
    assert [e.meta.get("__duplicate__", False) for e in (first, second)] == [True, False]


def test_entries_typed_by_hand_are_never_duplicates_and_never_in_the_way(tmp_path: Path) -> None:
    """The ledger also holds what was typed by hand: a transaction without a megaroth-id on
    the same day, an open and a price. None of them makes an imported entry a duplicate,
    and none stops the import. Kills: an id looked up on every entry (a KeyError on the
    first transaction without one)."""
    typed = [
        data.Open(data.new_metadata("main.beancount", 1), date(2024, 1, 1), PLAN, None, None),
        data.Transaction(data.new_metadata("main.beancount", 2), date(2024, 1, 15), "*",
                         "Empower", "Contribution", data.EMPTY_SET, data.EMPTY_SET, []),
    ]  # fmt: skip
    again = extract(tmp_path, "again.csv", CONTRIBUTION)
    assert fresh(again, typed) == [("2024-01-15", "Contribution")]
