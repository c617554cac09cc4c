"""beangulp's expected-output testing: each statement beside its ``.beancount`` result.

``MEGAROTH_WRITE_EXPECTED=1 pytest tests/importers`` writes missing expected files; read
them before committing: they are the specification.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data
from beancount.parser import printer
from beangulp import testing
from beangulp.importer import Importer

from megaroth.engine.analysis import Analysis, analyse


def assert_matches_expected(importer: Importer, document: Path) -> None:
    """The importer's account, date, file name and entries equal the expected file."""
    assert importer.identify(str(document)), f"{document.name} is not identified"
    expected = document.with_name(document.name + ".beancount")
    account, date, name, entries = testing.run_importer(importer, str(document))
    if not expected.exists() and os.environ.get("MEGAROTH_WRITE_EXPECTED"):
        testing.write_expected_file(str(expected), account, date, name, entries)
    diff = testing.compare_expected(str(expected), account, date, name, entries)
    assert not diff, "".join(diff)


def through_plugins(
    entries: list[Any], plan: str, owner: str = "alice", before: str = ""
) -> Analysis:
    """Extracted entries in a ledger of their own, loaded with megaroth's plugins, after the
    ledger text ``before`` (what the books held before the statement)."""
    accounts = sorted(
        {p.account for e in entries if isinstance(e, data.Transaction) for p in e.postings}
        | set(re.findall(r"\b(?:Assets|Liabilities|Equity|Income|Expenses)(?::[\w-]+)+", before))
    )
    header = [
        'plugin "megaroth.plugins"',
        f'2000-01-01 custom "megaroth-person" "{owner}"',
        f'2000-01-01 open {plan}\n  megaroth-plan: "401k"\n  owner: "{owner}"\n'
        '  employer: "Employer"\n  in-plan-conversion: TRUE',
        *(f'2000-01-01 open {account} "FIFO"' for account in accounts),
    ]
    buffer = io.StringIO()
    printer.print_entries(entries, file=buffer)
    text = "\n".join(header) + "\n" + before + buffer.getvalue()
    loaded, errors, options = loader.load_string(text)
    problems = [error.message for error in errors]
    assert problems == [], problems
    return analyse(loaded, options)
