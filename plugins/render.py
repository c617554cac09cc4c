"""The report object laid out for people: text tables, Markdown, CSV, JSON.

Every format is drawn from the same report object (:func:`megaroth.plugins.report.
build_report`), section by section, so a figure is the same wherever it is read. The CSV is
long ("tidy"): one line per cell, ``section,row,column,value``, which a spreadsheet filters
and pandas pivots; cells that a spreadsheet would run as a formula are made inert.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from rich.console import Console
from rich.table import Table

FORM_1040_LINES = {
    "line4a": "4a IRA distributions",
    "line4b": "4b IRA distributions, taxable amount",
    "line5a": "5a Pensions and annuities (plans: conversions, rollovers, payouts)",
    "line5b": "5b Pensions and annuities, taxable amount",
}
BOX_NAMES = {
    "box1": "1 Gross distribution",
    "box2a": "2a Taxable amount",
    "box2b-not-determined": "2b Taxable amount not determined",
    "box4": "4 Federal income tax withheld",
    "box5": "5 Employee contributions / Roth contributions",
    "box7": "7 Distribution code",
    "box10": "10 Amount allocable to IRR within 5 years",
    "box11": "11 First year of designated Roth contributions",
    "ira-sep-simple": "7 IRA/SEP/SIMPLE",
}
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def sections(report: dict[str, Any]) -> list[Section]:
    """The report's figures as titled tables, in the order a preparer reads them."""
    year = report["year"]
    return [
        _forms_1099r(report, year),
        _form_1040(report, year),
        _movements(report, year),
        _basis_recovered(report, year),
        _limits(report, year),
        _forms_5498(report, year),
        _findings(report, year),
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _forms_1099r(report: dict[str, Any], year: int) -> Section:
    rows: list[tuple[str, ...]] = []
    for form in report["form_1099r"]:
        expected = form["expected"] or {}
        reported = form["reported"] or {}
        differences = form["differences"] or {}
        for box in [b for b in BOX_NAMES if b in expected or b in reported]:
            rows.append(
                (form["account"], form["code"], BOX_NAMES[box], _cell(expected.get(box)),
                 _cell(reported.get(box)), _cell(differences.get(box)), form["status"])
            )  # fmt: skip
    columns = ("Payer account", "Code", "Box", "Expected", "Reported", "Difference", "Status")
    return Section(f"Forms 1099-R for {year}: expected and received", columns, rows)


def _form_1040(report: dict[str, Any], year: int) -> Section:
    rows = [
        (person, FORM_1040_LINES[line], amount)
        for person, figures in report["people"].items()
        for line, amount in figures["form_1040"].items()
    ]
    return Section(f"Form 1040 for {year}", ("Person", "Line", "Amount"), rows)


def _movements(report: dict[str, Any], year: int) -> Section:
    rows = [
        (m["date"], m["owner"] or "", m["kind"], m["from"], m["to"], m["gross"], m["basis"],
         m["taxable"], m["code"], _cell(m["five_year_end"]))
        for m in report["movements"]
    ]  # fmt: skip
    columns = ("Date", "Person", "Kind", "From", "To", "Gross", "Basis", "Taxable", "Code",
               "5-year end")  # fmt: skip
    return Section(f"Conversions, rollovers and distributions in {year}", columns, rows)


def _basis_recovered(report: dict[str, Any], year: int) -> Section:
    rows = [
        (person, figures["after_tax_basis_recovered"])
        for person, figures in report["people"].items()
    ]
    return Section(f"After-tax basis recovered in {year} (not taxable)", ("Person", "Amount"),
                   rows)  # fmt: skip


def _limits(report: dict[str, Any], year: int) -> Section:
    rows: list[tuple[str, ...]] = []
    for person, figures in report["people"].items():
        limits = figures["limits"]
        deferrals = limits["402g"]
        total = Decimal(deferrals["limit"]) + Decimal(deferrals["catch_up_limit"])
        rows.append((person, "402(g) deferrals, all plans", deferrals["deferrals"], f"{total:.2f}",
                     deferrals["excess"],
                     f"allocate by March 1, returned by April 15, {year + 1}"
                     if Decimal(deferrals["excess"]) else ""))  # fmt: skip
        for employer, additions in limits["415c"].items():
            rows.append((person, f"415(c) annual additions at {employer}",
                         additions["annual_additions"], additions["limit"], additions["excess"],
                         "plan corrects under EPCRS (code E)" if Decimal(additions["excess"])
                         else f"after-tax room left {additions['after_tax_room']}"))  # fmt: skip
        ira = limits["ira"]
        rows.append((person, "IRA contributions", ira["contributions"], ira["limit"],
                     ira["excess"], "withdraw with earnings by the return's due date"
                     if Decimal(ira["excess"]) else ""))  # fmt: skip
    columns = ("Person", "Limit", "Used", "Limit amount", "Excess", "What to do")
    return Section(f"Limits in {year}", columns, rows)


def _forms_5498(report: dict[str, Any], year: int) -> Section:
    rows: list[tuple[str, ...]] = []
    for form in report.get("form_5498", []):
        for box, reported in (form["reported"] or {}).items():
            rows.append(
                (form["account"], box, _cell((form["expected"] or {}).get(box)), _cell(reported),
                 _cell((form["differences"] or {}).get(box)), form["status"])
            )  # fmt: skip
    columns = ("IRA account", "Box", "Ledger", "Reported", "Difference", "Status")
    return Section(f"Forms 5498 for {year}", columns, rows)


def _findings(report: dict[str, Any], year: int) -> Section:
    rows = [
        (f["severity"], f["check"], f"{f['filename'] or ''}:{f['lineno'] or ''}", f["message"])
        for f in report["findings"]
    ]
    return Section(f"Checks for {year}", ("Severity", "Check", "Where", "Message"), rows)


# Renderers -------------------------------------------------------------------------------


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2) + "\n"


def render_text(report: dict[str, Any]) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, force_terminal=False, color_system=None)
    console.print(f"megaroth tax packet, {report['year']} ({report['currency']})")
    for section in sections(report):
        table = Table(title=section.title, title_justify="left")
        for column in section.columns:
            table.add_column(column, overflow="fold", justify=_justify(section, column))
        for row in section.rows:
            table.add_row(*(_pretty(cell) for cell in row))
        if not section.rows:
            table.add_row("(none)", *[""] * (len(section.columns) - 1))
        console.print(table)
    return buffer.getvalue()


def render_markdown(report: dict[str, Any]) -> str:
    lines = [f"# megaroth tax packet, {report['year']}", ""]
    for section in sections(report):
        lines += [f"## {section.title}", ""]
        if not section.rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(section.columns) + " |")
        lines.append("|" + "|".join("---:" if _justify(section, c) == "right" else "---"
                                    for c in section.columns) + "|")  # fmt: skip
        lines += ["| " + " | ".join(_md(_pretty(cell)) for cell in row) + " |"
                  for row in section.rows]  # fmt: skip
        lines.append("")
    return "\n".join(lines)


def render_csv(report: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("section", "row", "column", "value"))
    for section in sections(report):
        for index, row in enumerate(section.rows, start=1):
            for column, cell in zip(section.columns, row, strict=True):
                writer.writerow((section.title, index, column, spreadsheet_safe(cell)))
    return buffer.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: =, +, -, @ (and tab, CR) defused."""
    if cell and cell[0] in "=+-@\t\r" and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": render_json,
    "text": render_text,
    "md": render_markdown,
    "csv": render_csv,
}


def _pretty(cell: str) -> str:
    return f"{Decimal(cell):,.2f}" if _PLAIN_NUMBER.match(cell) and "." in cell else cell


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def _justify(section: Section, column: str) -> Literal["left", "right"]:
    numeric = any(_PLAIN_NUMBER.match(row[section.columns.index(column)]) for row in section.rows)
    return "right" if numeric else "left"
