"""The packet laid out for people: text tables, Markdown, CSV (and JSON, :mod:`as_json`).

Every format is drawn from the same packet (:func:`megaroth.report.build.build_packet`),
section by section, so a figure is the same wherever it is read. The CSV is long ("tidy"):
one line per cell, ``section,row,column,value``, which a spreadsheet filters and pandas
pivots; cells that a spreadsheet would run as a formula are made inert.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from megaroth.engine.reconciliation import Reconciled, Status, describe
from megaroth.report.as_json import money, render_json
from megaroth.report.packet import Packet

FORM_1040_LINES = {
    "line4a": "4a IRA distributions",
    "line4b": "4b IRA distributions, taxable amount",
    "line5a": "5a Pensions and annuities (plans: conversions, rollovers, payouts)",
    "line5b": "5b Pensions and annuities, taxable amount",
    "line1h": "1h Other earned income: excess deferrals returned, with earnings",
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


BOX_NAMES_5498 = {
    "box1": "1 IRA contributions",
    "box2": "2 Rollover contributions",
    "box3": "3 Roth IRA conversion amount",
    "box4": "4 Recharacterized contributions",
    "box5": "5 Fair market value on Dec 31",
    "box8": "8 SEP contributions",
    "box9": "9 SIMPLE contributions",
    "box10": "10 Roth IRA contributions",
}


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    # What a reader needs to read the table right, printed under it.
    note: str = ""
    key: str = ""


def sections(packet: Packet) -> list[Section]:
    """The packet's figures as titled tables, in the order a preparer reads them."""
    return [
        _forms_1099r(packet),
        _form_1040(packet),
        _movements(packet),
        _basis_recovered(packet),
        _clocks(packet),
        _limits(packet),
        *planner_sections(packet),
        _forms_5498(packet),
        _findings(packet),
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


def _forms_1099r(packet: Packet) -> Section:
    rows: list[tuple[str, ...]] = []
    for form in packet.forms_1099r:
        expected = form.expected or {}
        reported = form.reported or {}
        for box in [b for b in BOX_NAMES if b in expected or b in reported]:
            rows.append(
                (form.account, form.code, BOX_NAMES[box], _cell(expected.get(box)),
                 _cell(reported.get(box)), _cell(form.differences.get(box)),
                 _box_status(form, box))
            )  # fmt: skip
    columns = ("Payer account", "Code", "Box", "Expected", "Reported", "Difference", "Status")
    return Section(f"Forms 1099-R for {packet.year}: expected and received", columns, rows)


def _box_status(form: Reconciled, box: str) -> str:
    """A box's own status: a mismatched form has boxes that match."""
    if form.status in (Status.MATCH, Status.MISMATCH):
        return Status.MISMATCH.value if box in form.differences else Status.MATCH.value
    return form.status.value


def _form_1040(packet: Packet) -> Section:
    rows = [
        (person.name, FORM_1040_LINES[line], money(getattr(person.form_1040, line)))
        for person in packet.people
        for line in FORM_1040_LINES
    ]
    return Section(f"Form 1040 for {packet.year}", ("Person", "Line", "Amount"), rows)


def _movements(packet: Packet) -> Section:
    rows = [
        (m.date.isoformat(), m.owner or "", m.kind.value, m.from_account, m.to_account,
         money(m.gross),
         money(m.basis), money(m.taxable), m.code, _cell(m.five_year_end))
        for m in packet.movements
    ]  # fmt: skip
    columns = ("Date", "Person", "Kind", "From", "To", "Gross", "Basis", "Taxable", "Code",
               "5-year end")  # fmt: skip
    return Section(f"Conversions, rollovers and distributions in {packet.year}", columns, rows,
                   key="movements")  # fmt: skip


def _basis_recovered(packet: Packet) -> Section:
    rows = [(p.name, money(p.after_tax_basis_recovered), money(p.after_tax_basis_unrecovered))
            for p in packet.people]  # fmt: skip
    note = ""
    if any(p.after_tax_basis_unrecovered for p in packet.people):
        note = (
            "Unrecovered basis: money moved for less than its basis (a loss). The 1099-R's "
            "box 5 still shows all the basis used up, so box 5 plus box 2a is more than box 1 "
            "(Instructions for Forms 1099-R, box 5). None of it is taxable; megaroth carries only "
            "the amount moved into the account the money went to."
        )
    columns = ("Person", "Recovered (not taxable)", "Unrecovered (a loss, in box 5)")
    return Section(f"After-tax basis recovered in {packet.year}", columns, rows, note)


def _clocks(packet: Packet) -> Section:
    """Each 5-year clock as the year ends: what is still exposed to the 10% additional tax,
    and what the year's distributions took that it applies to."""
    rows = [
        (p.name, c.what, c.account, str(c.start_year), str(c.end_year), money(c.exposed),
         money(c.subject_to_10_percent))
        for p in packet.people
        for c in p.five_year_clocks
    ]  # fmt: skip
    qualified = [f"{p.name}'s Roth IRA distributions in {packet.year}: {p.roth_ira_qualified}."
                 for p in packet.people if p.roth_ira_first_year is not None]  # fmt: skip
    note = " ".join([
        *qualified,
        "Exposed: a conversion's taxable part still inside its 5 years at the year's end, "
        "which the 10% additional tax would take if it came out before 59 1/2 (or death or "
        "disability). Subject to the 10%: what this year's distributions took of it with no "
        "exception (IRC 408A(d)(3)(F), 402A(c)(4)(D)).",
    ])  # fmt: skip
    columns = ("Person", "5-year clock", "Account", "Started", "Ends Dec 31",
               "Exposed at year end", f"Subject to the 10% in {packet.year}")  # fmt: skip
    return Section(f"Roth money and its 5-year clocks, end of {packet.year}", columns, rows,
                   note)  # fmt: skip


def _limits(packet: Packet) -> Section:
    year = packet.year
    rows: list[tuple[str, ...]] = []
    for person in packet.people:
        name, limits = person.name, person.limits
        d = limits.deferrals
        rows.append((name, "402(g) deferrals, all plans", money(d.deferrals),
                     money(d.limit + d.catch_up_limit), money(d.excess),
                     f"allocate by March 1, returned by April 15, {year + 1}"
                     if d.excess else ""))  # fmt: skip
        b = limits.deferrals_457b
        if b is not None and limits.has_457b:
            rows.append((name, "457(b) deferrals and employer money, all 457(b) plans",
                         money(b.deferrals), money(b.limit + b.catch_up_limit), money(b.excess),
                         "plan pays the excess back with its earnings" if b.excess
                         else "its own limit: not added to 402(g)"))  # fmt: skip
        for a in limits.additions:
            rows.append((name, f"415(c) annual additions at {a.employer}",
                         money(a.annual_additions), money(a.limit), money(a.excess),
                         "plan corrects under EPCRS (code E)" if a.excess
                         else f"after-tax room left {a.after_tax_room:,.2f}"))  # fmt: skip
        i = limits.ira
        rows.append((name, "IRA contributions", money(i.contributions), money(i.limit),
                     money(i.excess), "withdraw with earnings by the return's due date"
                     if i.excess else ""))  # fmt: skip
    columns = ("Person", "Limit", "Used", "Limit amount", "Excess", "What to do")
    return Section(f"Limits in {year}", columns, rows)


def planner_sections(packet: Packet) -> list[Section]:
    """The after-tax room planner: its figures and what it assumed, then each paycheck to
    come with the after-tax amount that fills 415(c) exactly."""
    year = packet.year
    rows: list[tuple[str, ...]] = []
    paychecks: list[tuple[str, ...]] = []
    for person in packet.people:
        plan = person.planner
        if plan is None:
            continue
        name, everyone = person.name, "all employers"
        rows += [
            (name, everyone, "Figures as of", plan.as_of.isoformat()),
            (name, everyone, "402(g) limit with catch-up", money(plan.limit_402g)),
            (name, everyone, "402(g) deferred so far", money(plan.deferrals_so_far)),
            (name, everyone, "402(g) deferrals to come", money(plan.projected_deferrals)),
            (name, everyone, "402(g) reached on", _reached(plan.reached_402g)),
        ]
        for e in plan.employers:
            after_tax = "no after-tax source"
            if e.per_paycheck is not None and e.last_paycheck is not None:
                after_tax = (f"{e.per_paycheck:,.2f} x {len(e.remaining) - 1}, then "
                             f"{e.last_paycheck:,.2f}" if len(e.remaining) > 1
                             else f"{e.last_paycheck:,.2f}")  # fmt: skip
            elif e.has_after_tax:
                after_tax = "none: no room or no paycheck left"
            rows += [
                (name, e.employer, "Pay schedule", e.schedule.describe() if e.schedule
                 else "unknown"),
                (name, e.employer, "Paychecks left", str(len(e.remaining))),
                (name, e.employer, "415(c) limit", money(e.limit)),
                (name, e.employer, "Annual additions so far", money(e.additions_so_far)),
                (name, e.employer, "Kept for deferrals to come", money(e.projected_deferrals)),
                (name, e.employer, "Kept for match to come", money(e.projected_match)),
                (name, e.employer, "Kept for the match true-up", money(e.true_up)),
                (name, e.employer, "Kept for other employer money", money(e.projected_other)),
                (name, e.employer, f"After-tax to put in by December 31, {year}",
                 money(e.room)),
                (name, e.employer, "After-tax per paycheck", after_tax),
                (name, e.employer, "415(c) reached at the current after-tax amount",
                 _reached(e.reached_415c)),
                (name, e.employer, "Over 415(c) at the current after-tax amount",
                 money(e.excess_at_current_rates)),
                (name, e.employer, "401(a)(17) pay cap reached on", _reached(e.reached_401a17)),
            ]  # fmt: skip
            rows += [(name, e.employer, "Assumed", said) for said in e.assumptions]
            paychecks += [
                (name, e.employer, p.date.isoformat(), "" if p.pay is None else money(p.pay),
                 money(p.deferrals), money(p.catch_up), money(p.match), money(p.other_employer),
                 money(p.after_tax))
                for p in e.remaining
            ]  # fmt: skip
    columns = ("Person", "Employer", "Figure", "Value")
    schedule = ("Person", "Employer", "Payday", "Pay", "Deferrals", "Of which catch-up",
                "Match", "Other employer", "After-tax planned")  # fmt: skip
    note = (
        "Projected to December 31 at the amounts of the last paycheck; the after-tax amounts "
        "fill each employer's 415(c) limit exactly after keeping room for the deferrals, match "
        "and true-up still to come (megaroth's README, 'The after-tax room planner')."
    )
    return [
        Section(
            f"After-tax room planner, {year}", columns, rows, note if rows else "", key="planner"
        ),
        Section(f"Paychecks to come in {year}", schedule, paychecks, key="paychecks"),
    ]


def _reached(day: datetime.date | None) -> str:
    return day.isoformat() if day is not None else "not by December 31"


def _forms_5498(packet: Packet) -> Section:
    rows: list[tuple[str, ...]] = []
    for form in packet.forms_5498:
        for box, reported in (form.reported or {}).items():
            rows.append(
                (form.account, BOX_NAMES_5498.get(box, box), _cell((form.expected or {}).get(box)),
                 _cell(reported), _cell(form.differences.get(box)), _box_status(form, box))
            )  # fmt: skip
    columns = ("IRA account", "Box", "Ledger", "Reported", "Difference", "Status")
    return Section(f"Forms 5498 for {packet.year}", columns, rows)


def _findings(packet: Packet) -> Section:
    rows = [(f.severity.value, f.check, _where(f.meta), f.message) for f in packet.findings]
    # The forms that disagree with the ledger are errors too (on fava's Errors page).
    rows += [
        ("error", f"form-{form.status.value}", _where(form.entry.meta if form.entry else {}),
         describe(form))
        for form in (*packet.forms_1099r, *packet.forms_5498)
        if form.status in (Status.MISMATCH, Status.UNEXPECTED)
    ]  # fmt: skip
    return Section(f"Checks for {packet.year}", ("Severity", "Check", "Where", "Message"), rows)


# Renderers -------------------------------------------------------------------------------


#: Colours of statuses and severities on a terminal that shows colour.
STYLES = {"match": "green", "mismatch": "bold red", "unexpected": "bold red",
          "missing": "yellow", "error": "bold red", "warning": "yellow"}  # fmt: skip
#: Movement kinds in words, for a terminal (they wrap where the JSON's names can't).
KIND_WORDS = {
    "in-plan-roth-rollover": "in-plan Roth rollover",
    "rollover-to-roth-ira": "rollover to a Roth IRA",
    "rollover-to-ira": "rollover to an IRA",
    "rollover-to-plan": "rollover to a plan",
    "roth-rollover-to-roth-ira": "Roth rollover to a Roth IRA",
    "ira-conversion": "IRA conversion",
    "distribution": "distribution",
    "deemed-distribution": "loan deemed distributed",
}
#: Columns a terminal keeps narrow (their words wrap).
NARROW = {"Kind": 12}
#: The width of the text packet when no terminal says otherwise (a file, a download).
TEXT_WIDTH = 120


def render_text(packet: Packet, width: int = TEXT_WIDTH, color: bool = False) -> str:
    """Tables as wide as ``width``; words are never broken where it can be helped (an account
    name is one word: accounts are shown below the root all of them share), long messages
    wrap; colour only when asked for (a terminal, and no NO_COLOR)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)  # fmt: skip
    root = _account_root(packet)
    console.print(f"megaroth tax packet, {packet.year} ({packet.currency})")
    if root:
        console.print(f"Accounts are shown below {root}")
    for section in sections(packet):
        section = _for_terminal(section, root)
        table = Table(title=section.title, title_justify="left")
        for index, column in enumerate(section.columns):
            cells = [_pretty(row[index]) for row in section.rows]
            longest_word = max((len(w) for cell in cells for w in cell.split()), default=0)
            table.add_column(column, justify=_justify(section, column), overflow="fold",
                             min_width=min(longest_word, width // 3),
                             max_width=NARROW.get(column))  # fmt: skip
        for row in section.rows:
            table.add_row(*(Text(_pretty(cell), style=STYLES.get(cell, "")) for cell in row))
        if not section.rows:
            table.add_row("(none)", *[""] * (len(section.columns) - 1))
        console.print(table)
        if section.note:
            console.print(Text(section.note, style="italic"))
    return buffer.getvalue()


def _account_root(packet: Packet) -> str:
    """The account components every account of the packet starts with (``Assets:X:``)."""
    names = [a for m in packet.movements for a in (m.from_account, m.to_account, m.payer)]
    names += [f.account for f in (*packet.forms_1099r, *packet.forms_5498)]
    parts = [name.split(":")[:-1] for name in names]
    shared: list[str] = []
    for components in zip(*parts, strict=False) if parts else ():
        if len(set(components)) != 1:
            break
        shared.append(components[0])
    return ":".join(shared) + ":" if len(shared) > 1 else ""


def _for_terminal(section: Section, root: str) -> Section:
    def short(cell: str) -> str:
        return cell.replace(root, "") if root else cell

    rows = [tuple(short(cell) for cell in row) for row in section.rows]
    columns = section.columns
    if section.key == "movements":  # From and To side by side would not fit: one above the other
        kind = columns.index("Kind")
        rows = [(*row[:kind], KIND_WORDS.get(row[kind], row[kind]), *row[kind + 1 :])
                for row in rows]  # fmt: skip
        start, end = columns.index("From"), columns.index("To")
        columns = (*columns[:start], "From → To", *columns[end + 1 : -1], "5-yr end")
        rows = [(*row[:start], f"{row[start]} → {row[end]}", *row[end + 1 :]) for row in rows]
    return Section(section.title, columns, rows, section.note, section.key)


def render_markdown(packet: Packet) -> str:
    lines = [f"# megaroth tax packet, {packet.year}", ""]
    for section in sections(packet):
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
        if section.note:
            lines += [f"_{_md(section.note)}_", ""]
    return "\n".join(lines)


def render_csv(packet: Packet) -> str:
    buffer = io.StringIO()
    # Lines end in CRLF (RFC 4180), so the writer quotes a cell holding a bare carriage
    # return: ended with "\n", it wrote the CR unquoted and a spreadsheet started a new row
    # there, with whatever followed as a cell of its own ("\r=1+1" ran as =1+1).
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(("section", "row", "column", "value"))
    for section in sections(packet):
        for index, row in enumerate(section.rows, start=1):
            for column, cell in zip(section.columns, row, strict=True):
                writer.writerow((section.title, index, column, spreadsheet_safe(cell)))
        if section.note:
            writer.writerow((section.title, "", "note", spreadsheet_safe(section.note)))
    return buffer.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: =, +, -, @ (and tab, CR) defused."""
    if cell and cell[0] in "=+-@\t\r" and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


RENDERERS: dict[str, Callable[[Packet], str]] = {
    "json": render_json,
    "text": render_text,
    "md": render_markdown,
    "csv": render_csv,
}


def _where(meta: Mapping[str, object]) -> str:
    return f"{meta.get('filename') or ''}:{meta.get('lineno') or ''}"


def _pretty(cell: str) -> str:
    return f"{Decimal(cell):,.2f}" if _PLAIN_NUMBER.match(cell) and "." in cell else cell


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def _justify(section: Section, column: str) -> Literal["left", "right"]:
    if section.key == "planner":  # figures beside sentences: all read left to right
        return "left"
    numeric = any(_PLAIN_NUMBER.match(row[section.columns.index(column)]) for row in section.rows)
    return "right" if numeric else "left"
