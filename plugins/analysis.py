"""Everything megaroth computes from one loaded ledger, computed once.

The plugins, the report and the fava page all start here, so each figure has one source.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data

from megaroth.plugins.config import Settings, settings_from_options
from megaroth.plugins.declarations import Declarations, read_declarations
from megaroth.plugins.engine import BasisResult, track_basis
from megaroth.plugins.findings import (
    Finding,
    Severity,
    checklist_findings,
    limit_findings,
)
from megaroth.plugins.form8606 import Form8606, forms_8606, settle_conversions
from megaroth.plugins.forms import expected_1099rs
from megaroth.plugins.forms_received import read_forms
from megaroth.plugins.household import Household, read_household
from megaroth.plugins.ledger import LedgerView, view
from megaroth.plugins.limits_table import limits_for
from megaroth.plugins.movements import MovementKind
from megaroth.plugins.pools import ZERO
from megaroth.plugins.reconciliation import Reconciled, reconcile_1099r, reconcile_5498
from megaroth.plugins.roth_layers import Clock, RothState, clocks, roth_states
from megaroth.plugins.usage import (
    AdditionsUsage,
    DeferralUsage,
    IraUsage,
    LimitUsage,
    age_on_dec_31,
    catch_up_for,
    limit_usage,
    tax_year_of,
)

DEFAULT_CURRENCY = "USD"


def operating_currency(options_map: Mapping[str, Any]) -> str:
    currencies = options_map.get("operating_currency") or [DEFAULT_CURRENCY]
    return str(currencies[0])


@dataclass(frozen=True)
class Analysis:
    household: Household
    basis: BasisResult
    declarations: Declarations
    usage: LimitUsage
    findings: tuple[Finding, ...]
    currency: str
    settings: Settings
    reconciled: tuple[Reconciled, ...]
    forms_8606: tuple[Form8606, ...]
    roth: dict[str, RothState]
    # The Opens and Customs: what the declaration readers read.
    declared: list[data.Directive]

    def years(self) -> list[int]:
        years = {m.year for m in self.basis.movements}
        years |= {c.year for c in self.basis.contributions}
        return sorted(years)


def analyse(
    entries: Sequence[data.Directive],
    options_map: Mapping[str, Any],
    settings: Settings | None = None,
) -> Analysis:
    settings = settings or settings_from_options(options_map)
    ledger = view(entries)
    household, _ = read_household(ledger.declared)
    currency = operating_currency(options_map)
    basis, forms = settled_basis(ledger, household, currency, settings.ratio_places)
    roth = roth_states(household, basis, basis.movements)
    declarations, _ = read_declarations(ledger.declared)
    usage = limit_usage(household, basis, declarations, settings.limits)
    findings = [
        *limit_findings(usage, household, settings.limits, declarations.fica_wages),
        *checklist_findings(household, basis, settings.checks),
        *_ira_pro_rata(forms, basis),
    ]
    received, _ = read_forms(ledger.declared)
    reconciled = [
        *reconcile_1099r(expected_1099rs(basis.movements), received, settings.tolerance),
        *reconcile_5498(ledger, household, basis.movements, _ira_contributions(basis),
                        received, currency, settings.tolerance),
    ]  # fmt: skip
    return Analysis(
        household, basis, declarations, usage, tuple(findings), currency, settings,
        tuple(reconciled), tuple(forms), roth, ledger.declared,
    )  # fmt: skip


def settled_basis(
    ledger: LedgerView, household: Household, currency: str, places: int
) -> tuple[BasisResult, list[Form8606]]:
    """The engine's result with each IRA conversion's taxable part from Form 8606."""
    basis = track_basis(ledger, household, currency)
    forms = forms_8606(ledger, household, basis, currency, places)
    movements = tuple(settle_conversions(basis.movements, forms))
    return dataclasses.replace(basis, movements=movements), forms


def _ira_contributions(basis: BasisResult) -> dict[tuple[str, int], Decimal]:
    """IRA contributions by IRA account and tax year (Form 5498 box 1)."""
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for contribution in basis.contributions:
        if not contribution.contract.kind.is_plan:
            totals[contribution.contract.payer, tax_year_of(contribution)] += contribution.amount
    return dict(totals)


@dataclass(frozen=True)
class PersonLimits:
    """One person's use of every limit in one year, zero where nothing was contributed."""

    deferrals: DeferralUsage
    additions: tuple[AdditionsUsage, ...]
    ira: IraUsage


def person_limits(analysis: Analysis, person: str, year: int) -> PersonLimits:
    usage = analysis.usage
    limits = limits_for(year, analysis.settings.limits)
    birth = (
        analysis.household.people[person].birth_date
        if person in analysis.household.people
        else None
    )
    age = age_on_dec_31(birth, year)
    deferrals = next(
        (d for d in usage.deferrals if (d.person, d.year) == (person, year)),
        DeferralUsage(
            person,
            year,
            limits.elective_deferrals_402g,
            catch_up_for(limits, age),
            ZERO,
            ZERO,
            (),
            limits.source,
            None,
        ),
    )
    employers = sorted({p.employer for p in analysis.household.plans_of(person) if p.employer})
    additions = tuple(
        next(
            (a for a in usage.additions if (a.person, a.employer, a.year) == (person, e, year)),
            AdditionsUsage(
                person,
                e,
                year,
                limits.annual_additions_415c,
                limits.annual_additions_415c,
                None,
                ZERO,
                ZERO,
                ZERO,
                limits.annual_additions_415c,
                ZERO,
                limits.source,
                None,
            ),
        )
        for e in employers
    )
    ira_limit = limits.ira + (limits.ira_catch_up if age is not None and age >= 50 else ZERO)
    ira = next(
        (i for i in usage.iras if (i.person, i.year) == (person, year)),
        IraUsage(person, year, ira_limit, ZERO, ZERO, ZERO, None, limits.source, None),
    )
    return PersonLimits(deferrals, additions, ira)


PART_III_LINES = ("line19", "line20", "line21", "line22", "line23", "line24", "line25a",
                  "line25b", "line25c")  # fmt: skip


def form_8606_lines(analysis: Analysis, person: str, year: int) -> dict[str, Decimal]:
    """Every line of one person's Form 8606 for one year; zeros where there is nothing."""
    form = next((f for f in analysis.forms_8606 if (f.person, f.year) == (person, year)), None)
    lines = form.lines() if form else {f"line{n}": ZERO for n in range(1, 19)}
    if not form:
        lines["line15a"] = lines["line15b"] = lines["line15c"] = ZERO
        del lines["line15"]
    state = analysis.roth.get(person)
    part_iii = state.part_iii.get(year) if state else None
    lines.update(part_iii.lines() if part_iii else dict.fromkeys(PART_III_LINES, ZERO))
    return lines


def five_year_clocks(analysis: Analysis, year: int) -> list[Clock]:
    return clocks(analysis.household, analysis.basis, analysis.basis.movements, analysis.roth,
                  year)  # fmt: skip


def default_year(analysis: Analysis, entries: Sequence[data.Directive]) -> int:
    """The latest year with a movement, else the year of the last entry."""
    years = sorted({m.year for m in analysis.basis.movements})
    if years:
        return years[-1]
    return max((e.date.year for e in entries), default=datetime.date.today().year)


def _ira_pro_rata(forms: Sequence[Form8606], basis: BasisResult) -> list[Finding]:
    """IRA conversions in a year the owner holds pre-tax IRA money, and unpriced IRAs."""
    findings = []
    for form in forms:
        part = form.part_i
        converted = [
            m for m in basis.movements
            if m.kind is MovementKind.IRA_CONVERSION and m.owner == form.person
            and m.year == form.year
        ]  # fmt: skip
        meta = converted[0].meta if converted else {}
        if form.unpriced:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "ira-missing-price",
                    f"Form 8606 {form.year} for {form.person}: the Dec 31 value of "
                    f"{', '.join(form.unpriced)} has no price, so line 6 and the taxable part "
                    f"of conversions are wrong. Add a price line, e.g.  {form.year}-12-31 price "
                    "TICKER 100.00 USD",
                    meta,
                    None,
                    form.year,
                )
            )
        if converted and part.line6 > 0 and part.line8 > 0:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "ira-pro-rata",
                    f"{form.person} converted {part.line8:,.2f} from a traditional IRA in "
                    f"{form.year} while holding {part.line6:,.2f} in traditional, SEP or SIMPLE "
                    "IRAs on Dec 31. The pro-rata rule (IRC 408(d)(2)) spreads the nondeductible "
                    f"basis over all of it: Form 8606 line 18 makes {form.line18:,.2f} of the "
                    "conversion taxable, not just its earnings. Rolling the pre-tax IRA money "
                    "into a 401(k) that accepts it, before Dec 31, takes it out of the "
                    "calculation.",
                    meta,
                    None,
                    form.year,
                )
            )
    return findings
