"""The packet as a PDF a preparer can file with the return's papers (fpdf2).

A cover with the year's figures by form and line, then the tables every format carries
(:func:`megaroth.report.formats.sections`: each 1099-R expected against received, Form 1040,
the movements, the limits, the planner, the checks), then what only the JSON has besides:
Form 8606 line by line, each limit in detail, the Roth figures, and each movement with the
lots behind it. Every figure of the JSON packet is in it (tests/report/test_pdf.py reads
it back). The same packet gives the same bytes: the file is dated December 31 of the tax
year, never the day it was made, and carries no random identifier.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from megaroth.report.formats import Section, sections
from megaroth.report.glance import at_a_glance
from megaroth.report.packet import Packet, Person
from megaroth.tax.money import ZERO

_MONEY = re.compile(r"^-?\d+\.\d{2}$")
#: Form 8606's lines as the form names them (short).
LINES_8606 = {
    "line1": "Nondeductible contributions for the year",
    "line2": "Basis from last year's line 14",
    "line3": "Add lines 1 and 2",
    "line4": "Contributions made Jan 1 - Apr 15 for this year",
    "line5": "Line 3 minus line 4",
    "line6": "Value of all traditional, SEP, SIMPLE IRAs on Dec 31",
    "line7": "Distributions (not conversions)",
    "line8": "Net amount converted to Roth",
    "line9": "Add lines 6, 7, 8",
    "line10": "Line 5 divided by line 9",
    "line11": "Nontaxable part of conversions",
    "line12": "Line 7 times line 10",
    "line13": "Add lines 11 and 12",
    "line14": "Basis carried to next year",
    "line15a": "Line 7 minus line 12",
    "line15b": "Disaster distributions",
    "line15c": "Taxable distributions (1040 line 4b)",
    "line16": "Amount converted",
    "line17": "Basis in it",
    "line18": "Taxable conversions (1040 line 4b)",
    "line19": "Nonqualified Roth IRA distributions",
    "line20": "First-home expenses",
    "line21": "Line 19 minus line 20",
    "line22": "Basis in regular Roth contributions",
    "line23": "Line 21 minus line 22",
    "line24": "Basis in conversions and rollovers",
    "line25a": "Line 23 minus line 24",
    "line25b": "Disaster amounts",
    "line25c": "Taxable (1040 line 4b)",
}
#: Characters the PDF's standard font lacks, in a form it has.
PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2192": "->", "\u2019": "'",
                       "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
                       "\u2039": "<", "\u203a": ">", "\u2264": "<=", "\u2265": ">="})  # fmt: skip


def _text(value: object) -> str:
    """Text the standard font can draw: unknown characters become '?'."""
    text = "" if value is None else str(value)
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _m(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _pretty(cell: str) -> str:
    """Money (two decimals) with thousands separators; anything else as it is."""
    return f"{Decimal(cell):,.2f}" if _MONEY.match(cell) else cell


class _Packet(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="landscape", unit="mm", format="letter")
        self.packet_title = title
        self.set_auto_page_break(auto=True, margin=12)
        self.set_margins(12, 12, 12)

    def footer(self) -> None:
        self.set_y(-9)
        self.set_font("Helvetica", size=7)
        self.cell(0, 4, _text(f"{self.packet_title} - page {self.page_no()}"), align="C")


def render_pdf(packet: Packet) -> bytes:
    """The packet as PDF bytes."""
    title = f"megaroth tax packet, {packet.year}"
    pdf = _Packet(title)
    pdf.set_creation_date(datetime.datetime(packet.year, 12, 31, tzinfo=datetime.UTC))
    pdf.set_title(title)
    pdf.set_author("megaroth")
    pdf.set_creator("megaroth")
    pdf.add_page()
    _cover(pdf, packet)
    for section in sections(packet):
        _section(pdf, section)
    for person in packet.people:
        _person_details(pdf, packet, person)
    _movements_and_lots(pdf, packet)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: int = 12) -> None:
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, size * 0.5, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _note(pdf: FPDF, text: str) -> None:
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 4, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _table(pdf: FPDF, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    pdf.set_font("Helvetica", size=8)
    if not rows:
        pdf.cell(0, 5, "None.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        return
    cells = [[_text(_pretty(c)) for c in row] for row in rows]
    weights = []
    for index, column in enumerate(columns):
        longest = max([len(column), *(len(row[index]) for row in cells)])
        weights.append(min(max(longest, 6), 60))
    numeric = [all(_is_number(row[i]) or not row[i] for row in cells) for i in range(len(columns))]
    align = tuple("RIGHT" if n else "LEFT" for n in numeric)
    with pdf.table(col_widths=tuple(weights), text_align=align, line_height=4,
                   first_row_as_headings=True) as table:  # fmt: skip
        heading = table.row()
        for column in columns:
            heading.cell(_text(column))
        for row in cells:
            line = table.row()
            for cell in row:
                line.cell(cell)
    pdf.ln(3)


def _is_number(cell: str) -> bool:
    return cell.replace(",", "").replace(".", "").replace("-", "").isdigit()


def _section(pdf: FPDF, section: Section) -> None:
    _heading(pdf, section.title)
    _table(pdf, section.columns, section.rows)
    if section.note:
        _note(pdf, section.note)


def _cover(pdf: FPDF, packet: Packet) -> None:
    glance = at_a_glance(packet)
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, _text(f"megaroth tax packet, {packet.year}"), new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font("Helvetica", size=9)
    people = ", ".join(p.name for p in packet.people) or "no one"
    pdf.multi_cell(0, 5, _text(
        f"For {people}, in {packet.currency}. The year's figures by form and line, then each "
        "1099-R expected against the one received, the movements with their basis, the limits, "
        "the checks, Form 8606 line by line, and the movements and lots behind each figure."),
        new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(3)
    rows = []
    for person, seen in zip(packet.people, glance.people, strict=True):
        f = person.form_1040
        rows.append((person.name, _m(f.line4a), _m(f.line4b), _m(f.line5a), _m(f.line5b),
                     _m(seen.line14)))  # fmt: skip
    _heading(pdf, "The year at a glance", 12)
    _table(pdf, ("Person", "Form 1040 line 4a", "4b (taxable)", "5a", "5b (taxable)",
                 "Form 8606 line 14 (basis carried)"), rows)  # fmt: skip
    counts = ", ".join(f"{count} {status}" for status, count in glance.forms)
    rooms = [(p.name, r.employer, _m(r.after_tax_room),
              "" if r.per_paycheck is None else f"{_m(r.per_paycheck)} a paycheck, "
              f"{r.paychecks_left} left") for p in glance.people for r in p.rooms]  # fmt: skip
    _table(pdf, ("Forms 1099-R and 5498", "Errors", "Warnings"),
           [(counts, str(glance.errors), str(glance.warnings))])  # fmt: skip
    if rooms:
        _table(pdf, ("Person", "Employer", "After-tax room under 415(c)", "Planner"), rooms)


def _person_details(pdf: FPDF, packet: Packet, person: Person) -> None:
    name = person.name
    _heading(pdf, f"{name}: Form 8606 for {packet.year}, line by line")
    lines = [(key[4:], LINES_8606.get(key, key), str(value) if key == "line10" else _m(value))
             for key, value in person.form_8606.items()]  # fmt: skip
    _table(pdf, ("Line", "What it is", "Amount"), lines)
    limits = person.limits
    d, i = limits.deferrals, limits.ira
    rows = [
        ("402(g)", "limit", _m(d.limit)), ("402(g)", "catch-up limit", _m(d.catch_up_limit)),
        ("402(g)", "deferrals", _m(d.deferrals)), ("402(g)", "excess", _m(d.excess)),
        ("402(g)", "source", d.limits_source),
    ]  # fmt: skip
    for a in limits.additions:
        where = f"415(c) at {a.employer}"
        rows += [(where, "limit", _m(a.limit)), (where, "annual additions", _m(a.annual_additions)),
                 (where, "after-tax", _m(a.after_tax)),
                 (where, "catch-up excluded", _m(a.catch_up_excluded)),
                 (where, "after-tax room", _m(a.after_tax_room)),
                 (where, "excess", _m(a.excess))]  # fmt: skip
    b = limits.deferrals_457b
    if b is not None:
        rows += [("457(b)", "limit", _m(b.limit)), ("457(b)", "catch-up limit",
                  _m(b.catch_up_limit)), ("457(b)", "deferrals", _m(b.deferrals)),
                 ("457(b)", "excess", _m(b.excess)),
                 ("457(b)", "source", b.limits_source)]  # fmt: skip
    rows += [("IRA", "limit", _m(i.limit)), ("IRA", "contributions", _m(i.contributions)),
             ("IRA", "excess", _m(i.excess)),
             ("IRA", "Roth allowed at the MAGI recorded",
              "" if i.roth_allowed is None else _m(i.roth_allowed))]  # fmt: skip
    _heading(pdf, f"{name}: limits in {packet.year}, in detail")
    _table(pdf, ("Limit", "Figure", "Amount"), rows)
    subject = sum((c.subject_to_10_percent for c in person.five_year_clocks), ZERO)
    roth = [
        ("First year of the Roth IRAs' 5-year period", str(person.roth_ira_first_year or "")),
        ("Roth IRA distributions this year", person.roth_ira_qualified),
        ("Subject to the 10% additional tax, all clocks", _m(subject)),
        ("After-tax basis recovered", _m(person.after_tax_basis_recovered)),
        ("After-tax basis unrecovered (a loss)", _m(person.after_tax_basis_unrecovered)),
    ]
    if person.roth_basis is not None:
        r = person.roth_basis
        roth += [("Roth IRA contributions left at year end", _m(r.contributions)),
                 ("Roth IRA conversions left, taxed on the way in", _m(r.conversions_taxed)),
                 ("Roth IRA conversions left, not taxed", _m(r.conversions_untaxed)),
                 ("Designated Roth basis in plans at year end", _m(r.designated_roth))]  # fmt: skip
    _heading(pdf, f"{name}: Roth money and basis")
    _table(pdf, ("Figure", "Value"), roth)


def _movements_and_lots(pdf: FPDF, packet: Packet) -> None:
    _heading(pdf, f"The movements of {packet.year} and the lots behind each figure")
    if not packet.movements:
        _note(pdf, "No money left a plan or IRA this year.")
        return
    for movement in packet.movements:
        rows = [
            ("Date", movement.date.isoformat()), ("Person", movement.owner or ""),
            ("Kind", movement.kind.value), ("From", movement.from_account),
            ("To", movement.to_account), ("Gross", _m(movement.gross)),
            ("Basis", _m(movement.basis)), ("Taxable", _m(movement.taxable)),
            ("1099-R code", movement.code), ("Withheld", _m(movement.withholding)),
            ("Unrecovered basis", _m(movement.unrecovered_basis)),
            ("5-year end", str(movement.five_year_end or "")), ("Rule", movement.rule),
            ("Where", f"{movement.meta.get('filename') or ''}:{movement.meta.get('lineno') or ''}"),
        ]  # fmt: skip
        _table(pdf, ("Movement", movement.description or movement.kind.value), rows)
        lots = [(lot.date.isoformat(), lot.origin, _m(lot.basis), _m(lot.earnings), str(lot.days))
                for lot in movement.lots]  # fmt: skip
        if lots:
            _table(pdf, ("Lot of", "Origin", "Basis", "Earnings", "Days held"), lots)
