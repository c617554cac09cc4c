"""The tax packet of one year (and one person, if asked), from the analysis."""

from __future__ import annotations

from megaroth.engine.analysis import Analysis
from megaroth.engine.figures import five_year_clocks, form_8606_lines, person_limits
from megaroth.engine.findings import Finding as EngineFinding
from megaroth.engine.reconciliation import Reconciled
from megaroth.report.packet import (
    Additions,
    Deferrals,
    Finding,
    FiveYearClock,
    Form,
    Form1040,
    IraContributions,
    Limits,
    Lot,
    Movement,
    Packet,
    Person,
    Where,
)
from megaroth.tax.form_1040 import form_1040_lines
from megaroth.tax.money import ZERO
from megaroth.tax.records import Movement as EngineMovement
from megaroth.vocabulary import FORM_1099R, FORM_5498, TAG_OWNER


def build_packet(analysis: Analysis, year: int, person: str | None = None) -> Packet:
    """The packet of one tax year (and one person, if given)."""
    movements = [
        m
        for m in analysis.basis.movements
        if m.year == year and (person is None or m.owner == person)
    ]
    people = sorted(analysis.household.people) if person is None else [person]
    return Packet(
        year=year,
        currency=analysis.currency,
        people=tuple(_person(analysis, name, year, movements) for name in people),
        movements=tuple(_movement(m) for m in movements),
        forms_1099r=tuple(_form(r) for r in _reconciled(analysis, year, person, FORM_1099R)),
        forms_5498=tuple(_form(r) for r in _reconciled(analysis, year, person, FORM_5498)),
        findings=tuple(
            _finding(f)
            for f in analysis.findings
            if f.year in (year, None) and _concerns(f, person)
        ),
    )


def _person(analysis: Analysis, name: str, year: int, movements: list[EngineMovement]) -> Person:
    recovered = sum((m.basis for m in movements if m.owner == name and m.after_tax_moved), ZERO)
    clocks = tuple(
        FiveYearClock(c.what, c.account, c.start_year, c.end_year, c.exposed)
        for c in five_year_clocks(analysis, year)
        if c.person == name
    )
    return Person(
        name=name,
        limits=_limits(analysis, name, year),
        form_1040=_form_1040(analysis, name, year),
        form_8606=form_8606_lines(analysis, name, year),
        five_year_clocks=clocks,
        after_tax_basis_recovered=recovered,
    )


def _limits(analysis: Analysis, person: str, year: int) -> Limits:
    usage = person_limits(analysis, person, year)
    d, i = usage.deferrals, usage.ira
    additions = tuple(
        Additions(a.employer, a.limit, a.annual_additions, a.after_tax, a.catch_up_excluded,
                  a.after_tax_room, a.excess)
        for a in usage.additions
    )  # fmt: skip
    return Limits(
        Deferrals(d.limit, d.catch_up_limit, d.deferrals, d.excess, d.limits_source),
        additions,
        IraContributions(i.limit, i.contributions, i.excess, i.roth_allowed),
    )


def _form_1040(analysis: Analysis, person: str, year: int) -> Form1040:
    owner_of = analysis.household.owner_of
    forms = [f for f in analysis.expected_1099r if f.year == year and owner_of(f.payer) == person]
    lines = form_1040_lines(forms, form_8606_lines(analysis, person, year))
    return Form1040(lines.line4a, lines.line4b, lines.line5a, lines.line5b)


def _where(meta: dict[str, object] | None) -> Where:
    meta = meta or {}
    filename, lineno = meta.get("filename"), meta.get("lineno")
    return Where(
        filename if isinstance(filename, str) else None,
        lineno if isinstance(lineno, int) else None,
    )


def _finding(finding: EngineFinding) -> Finding:
    return Finding(finding.severity.value, finding.check, finding.message, _where(finding.meta))


def _concerns(finding: EngineFinding, person: str | None) -> bool:
    if person is None:
        return True
    return finding.message.startswith(person) or finding.meta.get(TAG_OWNER) == person


def _movement(movement: EngineMovement) -> Movement:
    return Movement(
        date=movement.date,
        owner=movement.owner,
        payer=movement.payer,
        from_account=movement.from_account,
        to_account=movement.to_account,
        kind=movement.kind.value,
        gross=movement.gross,
        basis=movement.basis,
        taxable=movement.taxable,
        code=movement.code,
        withholding=movement.withholding,
        five_year_end=movement.five_year_end,
        unrecovered_basis=movement.unrecovered_basis,
        taxable_not_determined=movement.taxable_not_determined,
        rule=movement.rule,
        lots=tuple(
            Lot(lot.date, lot.origin, lot.basis, lot.earnings, lot.days) for lot in movement.lots
        ),
        where=_where(movement.meta),
    )


def _reconciled(analysis: Analysis, year: int, person: str | None, form: str) -> list[Reconciled]:
    household = analysis.household
    return [
        r
        for r in analysis.reconciled
        if r.form == form and r.year == year and person in (None, household.owner_of(r.account))
    ]


def _form(result: Reconciled) -> Form:
    entry = result.entry
    return Form(
        account=result.account,
        year=result.year,
        code=result.code,
        expected=result.expected,
        reported=result.reported,
        status=result.status.value,
        differences=result.differences,
        where=_where(entry.meta if entry is not None else None),
    )
