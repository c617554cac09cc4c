"""The CSV packet never hands a spreadsheet a formula, whatever the ledger's names say.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some also after a leading tab or carriage return (OWASP, "CSV Injection"). A person's name
is the ledger's free text that starts cells of the packet (Form 1040 lines, basis recovered,
limits, and the note of the 5-year clocks), so people named like formulas go through the
whole packet here: from the ledger, through the analysis, to the CSV as ``megaroth report
--format csv`` and the page's download write it.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from megaroth.engine.analysis import analyse
from megaroth.report.build import build_packet
from megaroth.report.formats import render_csv
from tests.conftest import load

#: Names a spreadsheet would run, one per trigger character.
FORMULAS = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]
#: A name a spreadsheet shows as it is: left alone.
PLAIN = "Xavier"
TRIGGERS = "=+-@\t\r"


def hostile_ledger() -> str:
    lines = ['plugin "megaroth.plugins"', "2000-01-01 open Assets:Checking"]
    for index, name in enumerate([*FORMULAS, PLAIN]):
        quoted = name.replace('"', '\\"')
        lines += [
            f'2000-01-01 custom "megaroth-person" "{quoted}"',
            "  birth-date: 1980-01-01",
            f"2000-01-01 open Assets:RothIRA{index}",
            '  megaroth-ira: "roth"',
            f'  owner: "{quoted}"',
            f'2024-02-0{index + 1} * "Bank" "Roth IRA contribution"',
            f"  Assets:RothIRA{index}  1000.00 USD",
            "  Assets:Checking",
        ]
    return "\n".join(lines) + "\n"


def packet_rows() -> list[list[str]]:
    entries, _, options = load(hostile_ledger())
    analysis: Any = analyse(entries, options)
    assert sorted(analysis.household.people) == sorted([*FORMULAS, PLAIN])
    text = render_csv(build_packet(analysis, 2024))
    return list(csv.reader(io.StringIO(text, newline="")))


def is_plain_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_packet_cells_that_start_like_a_formula_are_made_text() -> None:
    """Every value of the packet written as CSV, in every section and in the notes, that
    starts with = + - @, a tab or a carriage return starts with an apostrophe instead (a
    negative amount stays a number), and a cell holding a carriage return is quoted. Kills:
    the CSV written without the neutralisation (cells or notes), tab or carriage return
    dropped from the trigger characters, and the CR left unquoted (a bug this test found)."""
    header, *rows = packet_rows()
    assert header == ["section", "row", "column", "value"]
    # Each record is whole: a bare carriage return once ended the record where it stood (the
    # CSV's lines ended in "\n", so the writer left the CR unquoted) and "=1+1" began a row.
    assert {len(row) for row in rows} == {4}
    dangerous = [
        row for row in rows if row[3][:1] in tuple(TRIGGERS) and not is_plain_number(row[3])
    ]
    assert dangerous == []
    people = {row[3] for row in rows if row[2] == "Person"}
    assert people == {"'" + name for name in FORMULAS} | {PLAIN}
    notes = [row[3] for row in rows if row[2] == "note" and row[0].startswith("Roth money")]
    (note,) = notes
    assert note.startswith("'")
    for name in FORMULAS:
        assert name in note  # the names are all there, each made text where a cell starts


def test_csv_packet_keeps_negative_amounts_as_numbers() -> None:
    """Neutralising formulas doesn't turn a negative amount into text: a plain number that
    starts with - is written as it is (the pivot and sums a preparer does still work)."""
    from megaroth.report.formats import spreadsheet_safe

    assert spreadsheet_safe("-500.00") == "-500.00"
    assert spreadsheet_safe("-500.00 USD") == "'-500.00 USD"
    assert spreadsheet_safe("\t-500.00") == "'\t-500.00"


def test_csv_packet_numbers_each_sections_rows_from_1_and_leaves_a_notes_row_empty() -> None:
    """``section,row,column,value``: a section's rows are numbered 1, 2, 3... (a pivot on
    ``row`` gives the table back), and its note, when it has one, is the row left empty."""
    _, *rows = packet_rows()
    by_section: dict[str, list[str]] = {}
    for section, row, column, _ in rows:
        if column != "note":
            by_section.setdefault(section, [])
            if row not in by_section[section]:
                by_section[section].append(row)
    for numbers in by_section.values():
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    notes = [row for row in rows if row[2] == "note"]
    assert notes
    assert {row[1] for row in notes} == {""}
