"""Findings: limits crossed and the steps of the participant's checklist done wrong.

Each finding has a stable ``check`` name, a severity, a message that says what to do, and
the entry it is about, so it shows on fava's Errors page with a link. Warnings say so at the
start of their message.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from beancount.core import data

from megaroth.plugins.engine import BasisResult
from megaroth.plugins.flows import ContractKind, units_of
from megaroth.plugins.household import Household
from megaroth.plugins.kinds import SourceKind
from megaroth.plugins.limits_table import LIMITS, YearLimits, is_known, limits_for
from megaroth.plugins.movements import Movement, MovementKind
from megaroth.plugins.usage import AdditionsUsage, DeferralUsage, IraUsage, LimitUsage

ROTH_CONVERSIONS = (MovementKind.IN_PLAN_ROTH_ROLLOVER, MovementKind.ROLLOVER_TO_ROTH_IRA)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class FindingError(NamedTuple):
    """A finding as Beancount reports errors."""

    source: data.Meta
    message: str
    entry: data.Directive | None


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str
    message: str
    meta: data.Meta
    entry: data.Directive | None
    year: int | None = None  # the tax year it is about; None for every year

    def as_error(self) -> FindingError:
        prefix = "Warning: " if self.severity is Severity.WARNING else ""
        return FindingError(self.meta, prefix + self.message, self.entry)


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the checklist, from the plugin configuration."""

    delay_days: int = 30
    delay_earnings: Decimal = Decimal("100.00")


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def limit_findings(
    usage: LimitUsage,
    household: Household,
    configured: Mapping[int, YearLimits],
    fica_wages: Mapping[tuple[str, str, int], Decimal],
) -> list[Finding]:
    first = min([*LIMITS, *configured])
    findings: list[Finding] = list(_roth_catch_up(usage, household, configured, fica_wages))
    findings.extend(_years_before_the_table(usage, household, first))
    # Years before the table are not checked: guessing their limits would raise false alarms.
    for deferral in usage.deferrals:
        if deferral.year >= first:
            findings.extend(_deferral_findings(deferral, household, configured))
    findings.extend(
        _additions_finding(a) for a in usage.additions if a.excess > 0 and a.year >= first
    )
    for ira in usage.iras:
        if ira.year >= first:
            findings.extend(_ira_findings(ira))
    return findings


def _years_before_the_table(usage: LimitUsage, household: Household, first: int) -> list[Finding]:
    all_years = [u.year for u in usage.deferrals]
    all_years += [u.year for u in usage.additions] + [u.year for u in usage.iras]
    years = sorted({year for year in all_years if year < first})
    if not years:
        return []
    plan = next(iter(household.plans.values()), None)
    meta = plan.meta if plan else {}
    return [
        Finding(
            Severity.WARNING,
            "limits-years-before-table",
            f"megaroth's table of limits starts in {first}, so 402(g), 415(c) and the IRA "
            f"limit were not checked for {years[0]}-{years[-1]}. To check those years, add "
            "their figures from the IRS notices to the plugin configuration, e.g. "
            f"plugin \"megaroth.plugins\" \"{{'limits': {{{years[-1]}: {{'402g': '...', "
            "'415c': '...', 'ira': '...'}}}\"",
            meta,
            None,
            None,
        )
    ]


def _roth_catch_up(
    usage: LimitUsage,
    household: Household,
    configured: Mapping[int, YearLimits],
    fica_wages: Mapping[tuple[str, str, int], Decimal],
) -> Iterable[Finding]:
    """From 2026, catch-up of someone paid over the threshold last year must be Roth."""
    for (person, employer, year), amount in sorted(usage.pretax_catch_up.items()):
        threshold = limits_for(year, configured).roth_catch_up_wages
        wages = fica_wages.get((person, employer, year - 1))
        if threshold is None or wages is None or wages <= threshold:
            continue
        plan = next(p for p in household.plans_of(person) if p.employer == employer)
        yield Finding(
            Severity.WARNING,
            "roth-catch-up",
            f"{person} made {_money(amount)} of catch-up contributions at {employer} in {year} "
            f"as pre-tax deferrals, but earned {_money(wages)} of FICA wages there in "
            f"{year - 1}, over the {_money(threshold)} threshold: the catch-up must be Roth "
            "(IRC 414(v)(7), SECURE 2.0 section 603; 2026 is a good-faith year). Ask the plan "
            "to treat it as Roth or to correct it.",
            plan.meta,
            None,
            year,
        )


def _meta_of(entry: data.Directive | None, fallback: data.Meta) -> data.Meta:
    return entry.meta if entry is not None else fallback


def _deferral_findings(
    usage: DeferralUsage, household: Household, configured: Mapping[int, YearLimits]
) -> list[Finding]:
    findings = []
    plan_meta = household.plans[usage.plans[0]].meta
    if not is_known(usage.year, configured):
        findings.append(
            Finding(
                Severity.WARNING,
                "limits-unknown-year",
                f"megaroth has no limits for {usage.year} yet, so it used "
                f"{limits_for(usage.year, configured).source}. Add the year's figures from "
                'the IRS notice to the plugin configuration: plugin "megaroth.plugins" '
                f"\"{{'limits': {{{usage.year}: {{'402g': '...', '415c': '...'}}}}}}\"",
                plan_meta,
                None,
                usage.year,
            )
        )
    if usage.excess <= 0:
        return findings
    person = household.people.get(usage.person)
    no_birth_date = person is not None and person.birth_date is None
    plans = ", ".join(usage.plans)
    message = (
        f"{usage.person} deferred {_money(usage.deferrals)} in {usage.year} (pre-tax and Roth, "
        f"across {plans}): {_money(usage.excess)} over the 402(g) limit of "
        f"{_money(usage.limit)}"
        + (f" plus {_money(usage.catch_up_limit)} catch-up" if usage.catch_up_limit else "")
        + f" ({usage.limits_source}). The limit is per person across all employers. Tell a "
        f"plan by March 1, {usage.year + 1} how much of the excess to return; it must pay "
        f"it back with its earnings by April 15, {usage.year + 1}. An excess not returned by "
        f"then is taxed twice: in {usage.year} and again when it comes out."
    )
    if no_birth_date:
        message += (
            f" If {usage.person} is 50 or older, add a birth-date to their megaroth-person "
            "entry: catch-up contributions raise the limit."
        )
    findings.append(
        Finding(Severity.ERROR, "402g-excess", message, _meta_of(usage.crossed_at, plan_meta),
                usage.crossed_at, usage.year)
    )  # fmt: skip
    return findings


def _additions_finding(usage: AdditionsUsage) -> Finding:
    capped = (
        f" (capped at the {_money(usage.compensation)} of pay recorded)"
        if usage.compensation is not None and usage.compensation < usage.statutory_limit
        else ""
    )
    message = (
        f"{usage.person}'s annual additions at {usage.employer} in {usage.year} are "
        f"{_money(usage.annual_additions)}: {_money(usage.excess)} over the 415(c) limit of "
        f"{_money(usage.limit)}{capped} ({usage.limits_source}). Ask the plan to correct it "
        "under EPCRS (Rev. Proc. 2021-30): it returns the excess, after-tax money first, with "
        "its earnings, on a 1099-R with code E. The 6% excise tax of IRC 4973 is for IRAs; "
        "it does not apply to a 401(k)."
    )
    meta = usage.crossed_at.meta if usage.crossed_at is not None else {}
    return Finding(Severity.ERROR, "415c-excess", message, meta, usage.crossed_at, usage.year)


def _ira_findings(usage: IraUsage) -> list[Finding]:
    findings = []
    about = usage.crossed_at or usage.last_entry
    meta = about.meta if about is not None else {}
    if usage.excess > 0:
        findings.append(
            Finding(
                Severity.ERROR,
                "ira-excess",
                f"{usage.person}'s IRA contributions for {usage.year} are "
                f"{_money(usage.contributions)}: {_money(usage.excess)} over the IRA limit of "
                f"{_money(usage.limit)} ({usage.limits_source}), counted across all "
                "traditional and Roth IRAs. Withdraw the excess and its earnings before the "
                "tax return's due date (with extensions); otherwise the 6% excise tax of IRC "
                "4973 applies for every year it stays.",
                meta,
                usage.crossed_at,
                usage.year,
            )
        )
    if usage.roth_allowed is not None and usage.roth_contributions > usage.roth_allowed:
        findings.append(
            Finding(
                Severity.ERROR,
                "roth-ira-phase-out",
                f"{usage.person} put {_money(usage.roth_contributions)} straight into a Roth "
                f"IRA for {usage.year}, but at the MAGI recorded only "
                f"{_money(usage.roth_allowed)} is allowed. Recharacterize the excess as a "
                "traditional IRA contribution (it can then be converted: the backdoor Roth), "
                "or withdraw it with its earnings before the return's due date.",
                meta,
                usage.crossed_at,
                usage.year,
            )
        )
    return findings


def checklist_findings(
    household: Household, basis: BasisResult, settings: CheckSettings
) -> list[Finding]:
    findings = list(_stuck_after_tax(household, basis))
    for movement in basis.movements:
        findings.extend(_movement_findings(movement, settings))
    findings.extend(_roth_401k_as_ira(household, basis))
    return findings


def _stuck_after_tax(household: Household, basis: BasisResult) -> Iterable[Finding]:
    reported = set()
    for contribution in basis.contributions:
        source = household.sources.get(contribution.account)
        if source is None or source.kind is not SourceKind.AFTER_TAX or source.plan in reported:
            continue
        plan = household.plans[source.plan]
        if plan.in_plan_conversion or plan.in_service_withdrawal:
            continue
        reported.add(source.plan)
        yield Finding(
            Severity.WARNING,
            "after-tax-stuck",
            f"After-tax money goes into {plan.account}, whose Open says the plan allows "
            "neither in-plan Roth conversion nor in-service withdrawal: its earnings will be "
            "taxed as ordinary income when they come out. Check the plan document; if it "
            "allows either, set in-plan-conversion: TRUE or in-service-withdrawal: TRUE on "
            "the plan's Open, else consider stopping after-tax contributions.",
            contribution.entry.meta,
            contribution.entry,
            contribution.year,
        )


def _movement_findings(movement: Movement, settings: CheckSettings) -> Iterable[Finding]:
    meta = dict(movement.meta)
    entry = None
    if movement.kind in ROTH_CONVERSIONS and movement.after_tax_moved > 0:
        late = [
            lot
            for lot in movement.lots
            if lot.days > settings.delay_days or lot.earnings > settings.delay_earnings
        ]
        if late:
            lots = "; ".join(
                f"{lot.date} held {lot.days} days, earned {_money(lot.earnings)}" for lot in late
            )
            yield Finding(
                Severity.WARNING,
                "conversion-delay",
                f"This conversion waited: {lots}. The {_money(movement.taxable)} of earnings "
                "are taxable this year. Converting sooner after each contribution (many plans "
                "can do it automatically) keeps the taxable part small. Thresholds: "
                f"{settings.delay_days} days or {_money(settings.delay_earnings)} of earnings.",
                meta,
                entry,
                movement.year,
            )
    if movement.kind in ROTH_CONVERSIONS and movement.pretax_moved > 0:
        yield Finding(
            Severity.WARNING,
            "pretax-swept",
            f"{_money(movement.pretax_moved)} of pre-tax money (deferrals or match) went into "
            f"this Roth conversion along with {_money(movement.after_tax_moved)} of after-tax "
            "money. All of it is taxable: the 1099-R will show it in box 2a. If you meant to "
            "convert only after-tax money, ask the plan to convert the after-tax source only.",
            meta,
            entry,
            movement.year,
        )
    if movement.kind is MovementKind.ROLLOVER_TO_IRA and movement.basis > 0:
        yield Finding(
            Severity.WARNING,
            "after-tax-via-ira",
            f"{_money(movement.basis)} of after-tax basis was rolled to a traditional IRA. It "
            "becomes IRA basis (Form 8606) and every later conversion takes it pro rata with "
            "all your traditional IRA money (IRC 408(d)(2)). Rolled directly to a Roth IRA, it "
            "would have been tax-free (Notice 2014-54).",
            meta,
            entry,
            movement.year,
        )


def _roth_401k_as_ira(household: Household, basis: BasisResult) -> Iterable[Finding]:
    reported = set()
    for contribution in basis.contributions:
        contract = contribution.contract
        if contract.kind is not ContractKind.ROTH_IRA or contract.payer in reported:
            continue
        ira = household.iras[contract.payer]
        from_payroll = any(
            p.account.startswith("Income:") and units_of(p)[1] < 0
            for p in contribution.entry.postings
        )
        looks_like_plan = any(name in ira.account.lower() for name in ("401k", "403b", "457"))
        if from_payroll or looks_like_plan:
            reported.add(contract.payer)
            yield Finding(
                Severity.WARNING,
                "roth-401k-as-roth-ira",
                f"{ira.account} is declared a Roth IRA but takes payroll money or is named like "
                "a workplace plan. A Roth 401(k) is a designated Roth account: it counts "
                "toward 402(g), not the IRA limit, has its own 5-year clock and its own "
                "1099-R codes (H, B). Declare it as a plan (megaroth-plan with owner and "
                "employer) with a RothDeferral sub-account instead.",
                ira.meta,
                None,
            )


def year_of(finding: Finding) -> int | None:
    entry = finding.entry
    if entry is not None and isinstance(entry.date, datetime.date):
        return entry.date.year
    return None
