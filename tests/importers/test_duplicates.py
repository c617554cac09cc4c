"""Importing again: what the ledger already has is a duplicate, and nothing else is.

A duplicate is recognised by its ``megaroth-id``, made from what its rows say (payee, date,
and each row's action, source, fund, units and amount). Two different transactions of one
day are two ids, so a statement downloaded again after the day's second transaction posted
adds that transaction and only it.
"""

from __future__ import annotations

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
