"""Edges of reading a statement CSV, through a real importer: an error or a skipped line
names the file and line, messages say what is missing, and any encoding a download comes in
is read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from megaroth.importers.csvfile import has_header
from megaroth.importers.rows import Skipped, StatementError
from tests.importers.generic.test_generic import LAYOUT, importer

HEADER = "Date,Activity,Source,Fund,Units,Price,Amount\n"
ROW = "01/15/2024,Contribution,Roth,Vanguard 500 Index Admiral,1,100.00,100.00\n"


def test_a_bad_cell_error_carries_its_file_and_line(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("Preamble\n" + HEADER + ROW + ROW.replace("100.00\n", "lots\n"))
    with pytest.raises(StatementError) as caught:
        importer().read(str(statement))
    assert caught.value.filename == str(statement)
    assert caught.value.lineno == 4


def test_a_row_cut_short_to_its_date_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text(HEADER + ROW + "01/16/2024,,,,,,\n")
    with pytest.raises(StatementError) as caught:
        importer().read(str(statement))
    assert str(caught.value) == (
        f"{statement}:3: this line holds only '01/16/2024': a transaction cut short. Download "
        "the file again, or enter this transaction by hand and delete the line."
    )
    assert caught.value.filename == str(statement)
    assert caught.value.lineno == 3


def test_a_note_line_is_skipped_with_its_file_line_and_text(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text(HEADER + ROW + '"Date downloaded: January 31, 2024 09:12 AM"\n')
    read = importer().read(str(statement))
    assert len(read.rows) == 1
    assert read.skipped == [
        Skipped(
            str(statement),
            3,
            "a note, not a transaction: 'Date downloaded: January 31, 2024 09:12 AM'",
        )
    ]


def test_a_missing_column_message_names_every_column_the_layout_needs(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("Preamble\nDate,Activity,Source,Fund,Units,Amount\n")
    with pytest.raises(StatementError) as caught:
        importer().read(str(statement))
    assert str(caught.value) == (
        f"{statement}:2: the header line has no column 'Price'. This layout needs the columns "
        "Date, Activity, Amount, Source, Fund, Units, Price; download the statement again "
        "with all of them."
    )
    assert (caught.value.filename, caught.value.lineno) == (str(statement), 2)


def test_a_utf8_statement_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_bytes((HEADER + ROW).encode("utf-8-sig"))
    assert importer().identify(str(statement))
    (row,) = importer().read(str(statement)).rows
    assert row.fund == "Vanguard 500 Index Admiral"


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_an_accented_description_is_read_in_utf8_or_latin1(tmp_path: Path, encoding: str) -> None:
    statement = tmp_path / "s.csv"
    header = HEADER.replace("Amount\n", "Amount,Description\n")
    text = header + ROW.replace("100.00\n", "100.00,Café match\n")
    statement.write_bytes(text.encode(encoding))
    if encoding == "latin-1":
        assert b"Caf\xe9" in statement.read_bytes()
    described = importer(layout=replace(LAYOUT, description="Description"))
    (row,) = described.read(str(statement)).rows
    assert "Café match" in row.description


def test_has_header_looks_at_the_first_40_lines_only(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("Preamble\n" * 39 + HEADER + ROW)
    assert has_header(str(statement), LAYOUT.header)
    statement.write_text("Preamble\n" * 40 + HEADER + ROW)
    assert not has_header(str(statement), LAYOUT.header)


def test_has_header_is_false_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    assert not has_header(str(tmp_path / "missing.csv"), LAYOUT.header)
    assert not has_header(str(tmp_path), LAYOUT.header)


def test_has_header_is_false_for_a_file_that_is_no_csv(tmp_path: Path) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text('"' + "x" * 200_000 + '"\n' + HEADER + ROW)
    assert not has_header(str(statement), LAYOUT.header)
