"""Everything megaroth computes from one loaded ledger, computed once.

The plugins, the report and the fava page all start here, so each figure has one source.
"""

from __future__ import annotations

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
from megaroth.plugins.forms import expected_1099rs
from megaroth.plugins.forms_received import read_forms
from megaroth.plugins.household import Household, read_household
from megaroth.plugins.limits_table import limits_for
from megaroth.plugins.movements import MovementKind
from megaroth.plugins.pools import ZERO, cents
from megaroth.plugins.reconciliation import Reconciled, reconcile_1099r, reconcile_5498
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
from megaroth.plugins.values import household_values

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
    household, _ = read_household(entries)
    currency = operating_currency(options_map)
    basis = track_basis(entries, household, currency)
    declarations, _ = read_declarations(entries)
    usage = limit_usage(household, basis, declarations, settings.limits)
    findings = [
        *limit_findings(usage, household, settings.limits, declarations.fica_wages),
        *checklist_findings(household, basis, settings.checks),
        *_ira_pro_rata(entries, household, basis, currency),
    ]
    received, _ = read_forms(entries)
    reconciled = [
        *reconcile_1099r(expected_1099rs(basis.movements), received, settings.tolerance),
        *reconcile_5498(entries, household, basis.movements, _ira_contributions(basis),
                        received, currency, settings.tolerance),
    ]  # fmt: skip
    return Analysis(
        household, basis, declarations, usage, tuple(findings), currency, settings,
        tuple(reconciled),
    )  # fmt: skip


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


def default_year(analysis: Analysis, entries: Sequence[data.Directive]) -> int:
    """The latest year with a movement, else the year of the last entry."""
    years = sorted({m.year for m in analysis.basis.movements})
    if years:
        return years[-1]
    return max((e.date.year for e in entries), default=datetime.date.today().year)


def _ira_pro_rata(
    entries: Sequence[data.Directive], household: Household, basis: BasisResult, currency: str
) -> list[Finding]:
    """An IRA conversion in a year the owner holds pre-tax IRA money on Dec 31."""
    findings = []
    conversions = [m for m in basis.movements if m.kind is MovementKind.IRA_CONVERSION]
    for year in sorted({m.year for m in conversions}):
        values = household_values(entries, household, currency, datetime.date(year, 12, 31))
        for person in values.people:
            converted = [m for m in conversions if m.year == year and m.owner == person.name]
            balance = sum((i.value for i in person.iras if i.ira.ira_type.value != "roth"), ZERO)
            if not converted or balance <= 0:
                continue
            total = sum((m.gross for m in converted), ZERO)
            nondeductible = sum(
                (c.basis for c in basis.contributions
                 if c.contract.payer in {i.ira.account for i in person.iras}
                 and c.year <= year),
                ZERO,
            )  # fmt: skip
            taxable = cents(total * (1 - min(Decimal(1), nondeductible / (balance + total))))
            findings.append(
                Finding(
                    Severity.WARNING,
                    "ira-pro-rata",
                    f"{person.name} converted {total:,.2f} from a traditional IRA in {year} "
                    f"while holding {balance:,.2f} in traditional, SEP or SIMPLE IRAs on Dec 31. "
                    "The pro-rata rule (IRC 408(d)(2)) spreads the nondeductible basis over all "
                    f"of it: about {taxable:,.2f} of the conversion is taxable, not just its "
                    "earnings. Rolling the pre-tax IRA money into a 401(k) that accepts it, "
                    "before Dec 31, takes it out of the calculation.",
                    converted[0].meta,
                    None,
                    year,
                )
            )
    return findings
