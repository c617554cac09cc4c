"""The figures a tax preparer needs, for one tax year: the report object.

``build_report`` returns the object of DESIGN.md section 4: money as strings with two
decimals, stable keys. :mod:`megaroth.plugins.render` lays the same object out as text,
Markdown or CSV, so every format carries the same figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from megaroth.plugins.analysis import (
    Analysis,
    analyse,
    default_year,
    five_year_clocks,
    form_8606_lines,
    person_limits,
)
from megaroth.plugins.findings import Finding
from megaroth.plugins.movements import Movement
from megaroth.plugins.reconciliation import Reconciled

__all__ = ["analyse", "build_report", "default_year"]


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
        "people": {
            name: {
                "limits": _limits(analysis, name, year),
                "form_1040": _form_1040(analysis, name, year),
                "form_8606": _form_8606(analysis, name, year),
                "five_year_clocks": _clocks(analysis, name, year),
                "after_tax_basis_recovered": money(
                    sum(
                        (m.basis for m in movements if m.owner == name and m.after_tax_moved),
                        Decimal(0),
                    )
                ),
            }
            for name in people
        },
        "movements": [_movement(m) for m in movements],
        "form_1099r": [_form(r) for r in _reconciled(analysis, year, person, "1099-R")],
        "form_5498": [_form(r) for r in _reconciled(analysis, year, person, "5498")],
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


def _form_1040(analysis: Analysis, person: str, year: int) -> dict[str, str]:
    """Form 1040 lines 4a/4b (IRAs) and 5a/5b (plans) from the year's expected 1099-Rs."""
    forms = [
        r.expected for r in _reconciled(analysis, year, person, "1099-R") if r.expected is not None
    ]
    ira = [f for f in forms if f.get("ira-sep-simple")]
    plan = [f for f in forms if not f.get("ira-sep-simple")]
    lines = form_8606_lines(analysis, person, year)
    return {
        "line4a": money(sum((f["box1"] for f in ira), Decimal(0))),
        "line4b": money(lines["line15c"] + lines["line18"] + lines["line25c"]),
        "line5a": money(sum((f["box1"] for f in plan), Decimal(0))),
        "line5b": money(sum((f["box2a"] for f in plan), Decimal(0))),
    }


def _form_8606(analysis: Analysis, person: str, year: int) -> dict[str, str]:
    return {line: money(value) if line != "line10" else str(value)
            for line, value in form_8606_lines(analysis, person, year).items()}  # fmt: skip


def _clocks(analysis: Analysis, person: str, year: int) -> list[dict[str, Any]]:
    return [
        {
            "what": clock.what,
            "account": clock.account,
            "start_year": clock.start_year,
            "end_year": clock.end_year,
            "exposed": money(clock.exposed),
        }
        for clock in five_year_clocks(analysis, year)
        if clock.person == person
    ]


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


def _reconciled(analysis: Analysis, year: int, person: str | None, form: str) -> list[Reconciled]:
    household = analysis.household
    owners = {p.account: p.owner for p in household.plans.values()}
    owners.update({i.account: i.owner for i in household.iras.values()})
    return [
        r
        for r in analysis.reconciled
        if r.form == form and r.year == year and person in (None, owners.get(r.account))
    ]


def _boxes(boxes: dict[str, Any] | None) -> dict[str, Any] | None:
    if boxes is None:
        return None
    return {k: money(v) if isinstance(v, Decimal) else v for k, v in boxes.items()}


def _form(result: Reconciled) -> dict[str, Any]:
    entry = result.entry
    return {
        "account": result.account,
        "year": result.year,
        "code": result.code,
        "expected": _boxes(result.expected),
        "reported": _boxes(result.reported),
        "status": result.status.value,
        "differences": _boxes(result.differences),
        "filename": entry.meta.get("filename") if entry else None,
        "lineno": entry.meta.get("lineno") if entry else None,
    }
