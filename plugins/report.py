"""The figures a tax preparer needs, as one JSON object or as readable tables.

``build_report`` returns the object of DESIGN.md section 4 (money as strings with two
decimals, stable keys); ``render_text`` draws the same figures as tables.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from megaroth.plugins.analysis import Analysis, analyse, default_year, person_limits
from megaroth.plugins.findings import Finding
from megaroth.plugins.forms import Expected1099R, expected_1099rs
from megaroth.plugins.movements import Movement

__all__ = ["analyse", "build_report", "default_year", "render_json", "render_text"]


def build_report(analysis: Analysis, year: int, person: str | None = None) -> dict[str, Any]:
    """The report object for one tax year (and one person, if given)."""
    movements = [
        m
        for m in analysis.basis.movements
        if m.year == year and (person is None or m.owner == person)
    ]
    people = sorted(analysis.household.people) if person is None else [person]
    return {
        "year": year,
        "currency": analysis.currency,
        "people": {name: {"limits": _limits(analysis, name, year)} for name in people},
        "movements": [_movement(m) for m in movements],
        "form_1099r": [_form(f) for f in expected_1099rs(movements)],
        "findings": [
            _finding(f)
            for f in analysis.findings
            if f.year in (year, None) and _concerns(analysis, f, person)
        ],
    }


def _limits(analysis: Analysis, person: str, year: int) -> dict[str, Any]:
    usage = person_limits(analysis, person, year)
    return {
        "402g": {
            "limit": money(usage.deferrals.limit),
            "catch_up_limit": money(usage.deferrals.catch_up_limit),
            "deferrals": money(usage.deferrals.deferrals),
            "excess": money(usage.deferrals.excess),
            "source": usage.deferrals.limits_source,
        },
        "415c": {
            a.employer: {
                "limit": money(a.limit),
                "annual_additions": money(a.annual_additions),
                "after_tax": money(a.after_tax),
                "catch_up_excluded": money(a.catch_up_excluded),
                "after_tax_room": money(a.after_tax_room),
                "excess": money(a.excess),
            }
            for a in usage.additions
        },
        "ira": {
            "limit": money(usage.ira.limit),
            "contributions": money(usage.ira.contributions),
            "excess": money(usage.ira.excess),
            "roth_allowed": None
            if usage.ira.roth_allowed is None
            else money(usage.ira.roth_allowed),
        },
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity.value,
        "check": finding.check,
        "message": finding.message,
        "filename": finding.meta.get("filename"),
        "lineno": finding.meta.get("lineno"),
    }


def _concerns(analysis: Analysis, finding: Finding, person: str | None) -> bool:
    if person is None:
        return True
    return finding.message.startswith(person) or finding.meta.get("megaroth-owner") == person


def money(amount: Decimal) -> str:
    """Money as the report writes it: a string with two decimals."""
    return f"{amount:.2f}"


def _movement(movement: Movement) -> dict[str, Any]:
    return {
        "date": movement.date.isoformat(),
        "owner": movement.owner,
        "payer": movement.payer,
        "from": movement.from_account,
        "to": movement.to_account,
        "kind": movement.kind.value,
        "gross": money(movement.gross),
        "basis": money(movement.basis),
        "taxable": money(movement.taxable),
        "code": movement.code,
        "withholding": money(movement.withholding),
        "five_year_end": movement.five_year_end,
        "unrecovered_basis": money(movement.unrecovered_basis),
        "taxable_not_determined": movement.taxable_not_determined,
        "rule": movement.rule,
        "lots": [
            {
                "date": lot.date.isoformat(),
                "origin": lot.origin,
                "basis": money(lot.basis),
                "earnings": money(lot.earnings),
                "days": lot.days,
            }
            for lot in movement.lots
        ],
        "filename": movement.meta.get("filename"),
        "lineno": movement.meta.get("lineno"),
    }


def _form(form: Expected1099R) -> dict[str, Any]:
    expected = {
        key: money(value) if isinstance(value, Decimal) else value
        for key, value in form.boxes().items()
    }
    return {"account": form.payer, "year": form.year, "code": form.code, "expected": expected}


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2) + "\n"


def render_text(report: dict[str, Any]) -> str:
    """The report's figures as tables for a person to read."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=150, force_terminal=False, color_system=None)
    console.print(f"megaroth report, tax year {report['year']} ({report['currency']})")
    console.print(_movements_table(report["movements"]))
    for movement in report["movements"]:
        if movement["lots"]:
            console.print(_lots_table(movement))
    console.print(_forms_table(report["form_1099r"]))
    return buffer.getvalue()


def _movements_table(movements: list[dict[str, Any]]) -> Table:
    table = Table(title="Conversions, rollovers and distributions", title_justify="left")
    for column in ("Date", "Kind", "From", "To"):
        table.add_column(column, overflow="fold")
    for column in ("Gross", "Basis", "Taxable"):
        table.add_column(column, justify="right")
    table.add_column("Code")
    table.add_column("5-year end", justify="right")
    for m in movements:
        table.add_row(
            m["date"], m["kind"], m["from"], m["to"], _n(m["gross"]), _n(m["basis"]),
            _n(m["taxable"]), m["code"], str(m["five_year_end"] or ""),
        )  # fmt: skip
    if not movements:
        table.add_row("", "no conversions, rollovers or distributions this year", *[""] * 7)
    return table


def _lots_table(movement: dict[str, Any]) -> Table:
    table = Table(
        title=f"Lots moved on {movement['date']} to {movement['to']}", title_justify="left"
    )
    table.add_column("Contributed")
    table.add_column("Origin")
    for column in ("Basis", "Earnings", "Days held"):
        table.add_column(column, justify="right")
    for lot in movement["lots"]:
        table.add_row(
            lot["date"], lot["origin"], _n(lot["basis"]), _n(lot["earnings"]), str(lot["days"])
        )
    return table


def _forms_table(forms: list[dict[str, Any]]) -> Table:
    table = Table(title="Forms 1099-R the payers should issue", title_justify="left")
    table.add_column("Payer account", overflow="fold")
    table.add_column("Box 7")
    for column in ("Box 1", "Box 2a", "Box 4", "Box 5"):
        table.add_column(column, justify="right")
    table.add_column("2b not determined")
    table.add_column("IRA/SEP/SIMPLE")
    for form in forms:
        boxes = form["expected"]
        table.add_row(
            form["account"], form["code"], _n(boxes["box1"]), _n(boxes["box2a"]),
            _n(boxes["box4"]), _n(boxes["box5"]), _yes(boxes["box2b-not-determined"]),
            _yes(boxes["ira-sep-simple"]),
        )  # fmt: skip
    return table


def _n(amount: str) -> str:
    return f"{Decimal(amount):,.2f}"


def _yes(flag: bool) -> str:
    return "yes" if flag else ""
