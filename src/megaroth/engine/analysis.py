"""Everything megaroth computes from one loaded ledger, computed once.

The plugins, the report and the fava page all read this one object, so each figure has one
source. It keeps every reader's errors too, by the plugin stage that reports them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from megaroth.engine.book import BasisResult
from megaroth.engine.checklist import (
    checklist_findings,
    ira_findings,
    split_conversions,
    strict_booking,
    unmarked_backdoor,
    unmatched_transfers,
)
from megaroth.engine.completeness import (
    checked,
    checked_forms,
    incomplete_findings,
    incomplete_since,
)
from megaroth.engine.corrections import (
    Correction,
    Marks,
    cure,
    read_marks,
    settle_plan_returns,
)
from megaroth.engine.findings import Finding
from megaroth.engine.form_8606 import all_forms_8606
from megaroth.engine.limit_checks import limit_findings
from megaroth.engine.limits import usage_of
from megaroth.engine.reconciliation import Reconciled, problems, reconcile_1099r, reconcile_5498
from megaroth.engine.returned import returned_by_year
from megaroth.engine.walk import track_basis
from megaroth.errors import MegarothError
from megaroth.gcpause import collector_paused
from megaroth.ledger.facts import Facts, read_facts
from megaroth.ledger.forms_received import read_forms
from megaroth.ledger.household import Household, postings_to_plan_roots, read_household
from megaroth.ledger.loans import loan_errors
from megaroth.ledger.payroll import Payroll, read_payroll
from megaroth.ledger.settings import Settings, read_settings, settings_from_options
from megaroth.ledger.view import LedgerView, view
from megaroth.tax.form_1099r import Expected1099R, expected_1099rs
from megaroth.tax.form_8606 import Form8606, settle_conversions
from megaroth.tax.limit_usage import LimitUsage
from megaroth.tax.qualified import QualifiedTest, qualified_test
from megaroth.tax.roth_ira import RothState, roth_states, settle_distributions

DEFAULT_CURRENCY = "USD"


def operating_currency(options_map: Mapping[str, Any]) -> str:
    currencies = options_map.get("operating_currency") or [DEFAULT_CURRENCY]
    return str(currencies[0])


@dataclass(frozen=True)
class StageErrors:
    """Every error, by the plugin stage that reports it (and in the order it does)."""

    sources: tuple[MegarothError, ...] = ()  # declarations, postings to a plan itself
    basis: tuple[MegarothError, ...] = ()  # transactions the engine can't follow
    limits: tuple[MegarothError, ...] = ()  # settings, facts, findings
    reconcile: tuple[MegarothError, ...] = ()  # forms unreadable, or disagreeing

    def all(self) -> list[MegarothError]:
        return [*self.sources, *self.basis, *self.limits, *self.reconcile]


@dataclass(frozen=True)
class Analysis:
    household: Household
    basis: BasisResult
    facts: Facts
    usage: LimitUsage
    findings: tuple[Finding, ...]
    currency: str
    settings: Settings
    reconciled: tuple[Reconciled, ...]
    forms_8606: tuple[Form8606, ...]
    roth: dict[str, RothState]
    errors: StageErrors
    # The 1099-Rs the ledger says each payer should issue (reconciled above).
    expected_1099r: tuple[Expected1099R, ...]
    # Pay schedules, match formulas and salaries declared, for the after-tax room planner.
    payroll: Payroll = field(default_factory=Payroll)
    # Excess contributions corrected, each with the finding it cures.
    corrections: tuple[Correction, ...] = ()

    def qualified_test(self, person: str, year: int) -> QualifiedTest:
        """Whether ``person``'s Roth distributions in ``year`` are qualified (IRC 408A(d)(2),
        402A(d)(2)): the test Form 8606 Part III, the expected 1099-R codes and the page use."""
        return _test_of(self.household, self.basis)(person, year)

    def years(self) -> list[int]:
        years = {m.year for m in self.basis.movements}
        years |= {c.year for c in self.basis.contributions}
        return sorted(years)


def analyse(
    entries: Sequence[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> Analysis:
    """The analysis of a ledger; ``config`` is the plugin's configuration string, if any
    (without it, the ledger's own plugin line is read)."""
    with collector_paused():
        return _analysed(entries, options_map, config)


def _analysed(
    entries: Sequence[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None,
) -> Analysis:
    settings_errors: list[MegarothError] = []
    if config is None:
        settings = settings_from_options(options_map)
    else:
        settings, settings_errors = read_settings(config, options_map)
    ledger = view(entries)
    household, household_errors = read_household(ledger.declared)
    currency = operating_currency(options_map)
    facts, fact_errors = read_facts(ledger.declared)
    payroll, payroll_errors = read_payroll(ledger.declared, household)
    basis, forms, marks = _settled_basis(ledger, household, currency, settings.ratio_places,
                                         facts)  # fmt: skip
    # IRA contributions returned by the due date: never made (IRC 408(d)(4)).
    returned, returned_errors = marks.returned, marks.errors
    ira_owners = {ira.account: ira.owner for ira in household.iras.values()}
    usage = usage_of(household, basis, facts, settings.limits,
                     returned_by_year(returned, basis.movements, ira_owners))  # fmt: skip
    since = incomplete_since(household, basis)
    findings = (
        *incomplete_findings(household, basis),
        *limit_findings(usage, household, settings.limits, facts.fica_wages),
        *checklist_findings(household, basis, settings.checks),
        *ira_findings(forms, basis),
        *split_conversions(household, basis),
        *unmarked_backdoor(household, basis),
        *strict_booking(
            ledger, _megaroth_accounts(household, ledger), options_map.get("booking_method")
        ),
        *unmatched_transfers(ledger, _megaroth_accounts(household, ledger)),
        *basis.findings,  # the walk's: 60-day rollovers refused or not put back
        *marks.findings,  # contributions returned too late
    )
    findings = tuple(checked(findings, since))
    # Each excess corrected cures its finding (IRC 408(d)(4), 402(g)(2); EPCRS; 408A(d)(6)).
    findings, corrections, plan_returns = cure(findings, marks, basis.movements, usage,
                                               household, basis.recharacterizations)  # fmt: skip
    # Roth IRA distributions, all of a person's in a year together: Form 8606 Part III, and
    # each distribution's share of it (IRC 408A(d)(4); Reg. 1.408A-6 Q&A-9).
    test_of = _test_of(household, basis)
    roth = roth_states(household.roth_iras, basis.contributions, basis.movements, test_of,
                       returned)  # fmt: skip
    settled = settle_distributions(basis.movements, roth, returned)
    settled = settle_plan_returns(settled, plan_returns)
    basis = dataclasses.replace(basis, movements=tuple(settled),
                                errors=(*basis.errors, *returned_errors))  # fmt: skip
    received, form_errors = read_forms(ledger.declared)
    expected = tuple(expected_1099rs(basis.movements))
    reconciled = (
        *reconcile_1099r(expected, received, settings.tolerance),
        *reconcile_5498(ledger, household, basis.movements, _ira_contributions(basis),
                        received, currency, settings.tolerance, basis.rollovers),
    )  # fmt: skip
    errors = StageErrors(
        sources=(
            *household_errors,
            *postings_to_plan_roots(ledger.transactions, household),
            *loan_errors(ledger.declared, household),
        ),
        basis=basis.errors,
        limits=(*settings_errors, *fact_errors, *payroll_errors, *(f.as_error() for f in findings)),
        reconcile=(*form_errors, *problems(checked_forms(reconciled, since))),
    )
    return Analysis(household, basis, facts, usage, findings, currency, settings, reconciled,
                    tuple(forms), roth, errors, expected, payroll,
                    corrections=corrections)  # fmt: skip


def _settled_basis(
    ledger: LedgerView, household: Household, currency: str, places: int, facts: Facts
) -> tuple[BasisResult, list[Form8606], Marks]:
    """The engine's result with each IRA conversion's taxable part from Form 8606, and the
    corrective distributions marked (a traditional IRA's returned contribution stays off the
    form)."""
    basis = track_basis(ledger, household, currency)
    marks = read_marks(basis.movements, household)
    forms = all_forms_8606(ledger, household, basis, currency, places, facts.ira_basis,
                           marks.returned)  # fmt: skip
    movements = tuple(settle_conversions(basis.movements, forms))
    return dataclasses.replace(basis, movements=movements), forms, marks


def _test_of(household: Household, basis: BasisResult) -> Callable[[str, int], QualifiedTest]:
    """The qualified-distribution test of a person in a year, from the first Roth years the
    walk found and the person's recorded birth, death, disability and first home."""

    def test(person: str, year: int) -> QualifiedTest:
        return qualified_test(person, year, household.life_events(person),
                              basis.first_roth_years, household.plan_owners)  # fmt: skip

    return test


def _ira_contributions(basis: BasisResult) -> dict[tuple[str, int], Decimal]:
    """IRA contributions by IRA account and tax year (Form 5498 box 1), as the IRA reports
    them: a redeposit it was told is a rollover is in its box 2, even where the law makes it
    a contribution (too late, or a second IRA-to-IRA one within 12 months)."""
    told_rollover = {id(r.meta) for r in basis.rollovers if r.refused}
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    # As deposited: the first IRA of a recharacterized contribution reports it.
    for contribution in basis.as_deposited or basis.contributions:
        if not contribution.contract.kind.is_plan and id(contribution.meta) not in told_rollover:
            totals[contribution.contract.payer, contribution.tax_year] += contribution.amount
    return dict(totals)


def _megaroth_accounts(household: Household, ledger: LedgerView) -> set[str]:
    """Plan sources and IRA accounts (and the accounts below an IRA)."""
    opened = (e.account for e in ledger.declared if isinstance(e, data.Open))
    return set(household.sources) | {a for a in opened if household.ira_of(a) is not None}
