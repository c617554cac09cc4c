"""The tax packet of one year (and one person, if asked), from the analysis."""

from __future__ import annotations

from megaroth.engine.analysis import Analysis
from megaroth.engine.figures import (
    corrections_of,
    five_year_clocks,
    form_8606_lines,
    person_limits,
    rollovers_of,
)
from megaroth.engine.findings import Finding
from megaroth.engine.planning import plan_person
from megaroth.engine.reconciliation import Reconciled
from megaroth.engine.year_charts import roth_layers
from megaroth.report.packet import Packet, Person
from megaroth.tax.form_1040 import form_1040_lines, income_year
from megaroth.tax.money import ZERO
from megaroth.tax.records import Movement
from megaroth.vocabulary import FORM_1099R, FORM_5498, TAG_OWNER


def build_packet(analysis: Analysis, year: int, person: str | None = None) -> Packet:
    """The packet of one tax year (and one person, if given)."""
    movements = tuple(
        m
        for m in analysis.basis.movements
        if m.year == year and (person is None or m.owner == person)
    )
    people = sorted(analysis.household.people) if person is None else [person]
    return Packet(
        year=year,
        currency=analysis.currency,
        people=tuple(_person(analysis, name, year, movements) for name in people),
        movements=movements,
        forms_1099r=_reconciled(analysis, year, person, FORM_1099R),
        forms_5498=_reconciled(analysis, year, person, FORM_5498),
        findings=tuple(
            f for f in analysis.findings if f.year in (year, None) and _concerns(f, person)
        ),
        rollovers=tuple(rollovers_of(analysis, year, person)),
        corrections=tuple(corrections_of(analysis, year, person)),
    )


def _person(analysis: Analysis, name: str, year: int, movements: tuple[Movement, ...]) -> Person:
    owner_of = analysis.household.owner_of
    forms = [f for f in analysis.expected_1099r
             if income_year(f) == year and owner_of(f.payer) == name]  # fmt: skip
    form_8606 = form_8606_lines(analysis, name, year)
    after_tax = [m for m in movements if m.owner == name and m.after_tax_moved]
    test = analysis.qualified_test(name, year)
    return Person(
        name=name,
        limits=person_limits(analysis, name, year),
        form_1040=form_1040_lines(forms, form_8606),
        form_8606=form_8606,
        five_year_clocks=tuple(c for c in five_year_clocks(analysis, year) if c.person == name),
        after_tax_basis_recovered=sum((m.basis for m in after_tax), ZERO),
        after_tax_basis_unrecovered=sum((m.unrecovered_basis for m in after_tax), ZERO),
        roth_ira_qualified=test.roth_ira_words(),
        roth_ira_first_year=test.roth_ira_first_year,
        planner=plan_person(analysis, name, year),
        roth_basis=next(iter(roth_layers(analysis, name, year)[-1:]), None),
    )


def _concerns(finding: Finding, person: str | None) -> bool:
    if person is None:
        return True
    return (
        person in finding.about
        or finding.message.startswith(person)
        or finding.meta.get(TAG_OWNER) == person
    )


def _reconciled(
    analysis: Analysis, year: int, person: str | None, form: str
) -> tuple[Reconciled, ...]:
    owner_of = analysis.household.owner_of
    return tuple(
        r
        for r in analysis.reconciled
        if r.form == form and r.year == year and person in (None, owner_of(r.account))
    )
