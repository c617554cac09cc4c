"""The packet as the JSON object of the report contract (the README, "The report").

Money is a string with two decimals ("33550.00"); Form 8606 line 10 a string with its
places; dates ISO strings; keys stable. Other people's tools read this: a key is never
renamed or dropped.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from megaroth.engine.corrections import Correction
from megaroth.engine.findings import Finding
from megaroth.engine.reconciliation import Reconciled
from megaroth.report.packet import Packet, Person
from megaroth.tax.planner import EmployerPlan, PersonPlan
from megaroth.tax.records import Movement, Rollover

#: A form's box: money, a checkbox, a code, a year, or left blank.
Boxes = Mapping[str, Any]


def money(amount: Decimal) -> str:
    """Money as the report writes it: a string with two decimals."""
    return f"{amount:.2f}"


def render_json(packet: Packet) -> str:
    return json.dumps(as_json(packet), indent=2) + "\n"


def as_json(packet: Packet) -> dict[str, Any]:
    return {
        "year": packet.year,
        "currency": packet.currency,
        "people": {person.name: _person(person) for person in packet.people},
        "movements": [_movement(m) for m in packet.movements],
        "form_1099r": [_form(f) for f in packet.forms_1099r],
        "form_5498": [_form(f) for f in packet.forms_5498],
        "findings": [_finding(f) for f in packet.findings],
        "rollovers": [_rollover(r) for r in packet.rollovers],
        "corrections": [_correction(c) for c in packet.corrections],
    }


def _date(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _rollover(rollover: Rollover) -> dict[str, Any]:
    """A 60-day rollover: done, refused (``refused`` the finding's check) or in flight."""
    return {
        "owner": rollover.owner,
        "payer": rollover.payer,
        "distributed": rollover.distributed.isoformat(),
        "deadline": rollover.deadline.isoformat(),
        "to": rollover.to_account,
        "redeposited": _date(rollover.redeposited),
        "amount": money(rollover.amount),
        "pretax": money(rollover.pretax),
        "basis": money(rollover.basis),
        "in_flight": rollover.in_flight,
        "refused": rollover.refused,
        "distribution": _where(rollover.distribution_meta),
        **_where(rollover.meta),
    }


def _correction(correction: Correction) -> dict[str, Any]:
    """An excess corrected, and the finding it cures as it now reads."""
    return {
        "cures": correction.cures,
        "person": correction.person,
        "tax_year": correction.tax_year,
        "date": correction.date.isoformat(),
        "account": correction.account,
        "contribution": money(correction.amount),
        "earnings": money(correction.earnings),
        "codes": correction.codes,
        "deadline": _date(correction.deadline),
        "excess": money(correction.excess),
        "status": correction.status,
        "finding": correction.finding,
        **_where(correction.meta),
    }


def _person(person: Person) -> dict[str, Any]:
    limits = person.limits
    d, i = limits.deferrals, limits.ira
    return {
        "limits": {
            "402g": {
                "limit": money(d.limit),
                "catch_up_limit": money(d.catch_up_limit),
                "deferrals": money(d.deferrals),
                "excess": money(d.excess),
                "source": d.limits_source,
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
                for a in limits.additions
            },
            "457b": {
                "limit": money(limits.deferrals_457b.limit),
                "catch_up_limit": money(limits.deferrals_457b.catch_up_limit),
                "deferrals": money(limits.deferrals_457b.deferrals),
                "excess": money(limits.deferrals_457b.excess),
                "source": limits.deferrals_457b.limits_source,
            }
            if limits.deferrals_457b
            else None,
            "ira": {
                "limit": money(i.limit),
                "contributions": money(i.contributions),
                "excess": money(i.excess),
                "roth_allowed": None if i.roth_allowed is None else money(i.roth_allowed),
            },
        },
        "form_1040": {
            "line4a": money(person.form_1040.line4a),
            "line4b": money(person.form_1040.line4b),
            "line5a": money(person.form_1040.line5a),
            "line5b": money(person.form_1040.line5b),
            "line1h": money(person.form_1040.line1h),
        },
        "form_8606": {
            line: money(value) if line != "line10" else str(value)
            for line, value in person.form_8606.items()
        },
        "five_year_clocks": [
            {
                "what": c.what,
                "account": c.account,
                "start_year": c.start_year,
                "end_year": c.end_year,
                "exposed": money(c.exposed),
                "subject_to_10_percent": money(c.subject_to_10_percent),
            }
            for c in person.five_year_clocks
        ],
        "after_tax_basis_recovered": money(person.after_tax_basis_recovered),
        "after_tax_basis_unrecovered": money(person.after_tax_basis_unrecovered),
        "roth_ira": {
            "first_year": person.roth_ira_first_year,
            "qualified": person.roth_ira_qualified,
            # What the year's distributions took that the 10% additional tax applies to,
            # over every clock (IRC 408A(d)(3)(F), 402A(c)(4)(D)).
            "subject_to_10_percent": money(
                sum((c.subject_to_10_percent for c in person.five_year_clocks), Decimal(0))
            ),
        },
        "planner": planner_json(person.planner),
        # Roth basis as the year ends (the page's chart of Roth basis layers).
        "roth_basis_at_year_end": {
            "roth_ira_contributions": money(person.roth_basis.contributions),
            "roth_ira_conversions_taxed": money(person.roth_basis.conversions_taxed),
            "roth_ira_conversions_untaxed": money(person.roth_basis.conversions_untaxed),
            "designated_roth": money(person.roth_basis.designated_roth),
        }
        if person.roth_basis is not None
        else None,
    }


def _day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _money_or_none(amount: Decimal | None) -> str | None:
    return money(amount) if amount is not None else None


def planner_json(plan: PersonPlan | None) -> dict[str, Any] | None:
    """The after-tax room planner of one person and year (None: no plan contributions)."""
    if plan is None:
        return None
    return {
        "as_of": plan.as_of.isoformat(),
        "402g": {
            "limit": money(plan.limit_402g),
            "catch_up_limit": money(plan.catch_up_limit),
            "deferrals": money(plan.deferrals_so_far),
            "projected": money(plan.projected_deferrals),
            "reached": _day(plan.reached_402g),
        },
        "employers": {e.employer: _employer_plan(e) for e in plan.employers},
    }


def _employer_plan(plan: EmployerPlan) -> dict[str, Any]:
    return {
        "plans": list(plan.plans),
        "pay_schedule": plan.schedule.kind.value if plan.schedule else None,
        "last_payday": _day(plan.last_payday),
        "stopped": plan.stopped,
        "paychecks_left": len(plan.remaining),
        "limit": money(plan.limit),
        "annual_additions": money(plan.additions_so_far),
        "reserved": {
            "deferrals": money(plan.projected_deferrals),
            "match": money(plan.projected_match),
            "true_up": money(plan.true_up),
            "other_employer": money(plan.projected_other),
        },
        "after_tax_to_plan": money(plan.room),
        "after_tax_per_paycheck": _money_or_none(plan.per_paycheck),
        "after_tax_last_paycheck": _money_or_none(plan.last_paycheck),
        "reached_415c_at_current_rates": _day(plan.reached_415c),
        "excess_at_current_rates": money(plan.excess_at_current_rates),
        "reached_401a17": _day(plan.reached_401a17),
        "annual_pay": _money_or_none(plan.annual_pay),
        "paychecks": [
            {
                "date": p.date.isoformat(),
                "pay": _money_or_none(p.pay),
                "deferrals": money(p.deferrals),
                "catch_up": money(p.catch_up),
                "match": money(p.match),
                "other_employer": money(p.other_employer),
                "after_tax": money(p.after_tax),
            }
            for p in plan.remaining
        ],
        "assumptions": list(plan.assumptions),
    }


def _where(meta: Mapping[str, object] | None) -> dict[str, Any]:
    meta = meta or {}
    return {"filename": meta.get("filename"), "lineno": meta.get("lineno")}


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity.value,
        "check": finding.check,
        "message": finding.message,
        **_where(finding.meta),
    }


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
        **_where(movement.meta),
    }


def boxes(values: Boxes | None) -> dict[str, Any] | None:
    """A form's boxes as the JSON writes them: money as strings, the rest as they are."""
    if values is None:
        return None
    return {k: money(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _form(form: Reconciled) -> dict[str, Any]:
    return {
        "account": form.account,
        "year": form.year,
        "code": form.code,
        "expected": boxes(form.expected),
        "reported": boxes(form.reported),
        "status": form.status.value,
        "differences": boxes(form.differences),
        **_where(form.entry.meta if form.entry is not None else None),
    }
