"""The annual limits, checked: 402(g), 415(c), the IRA limit, the Roth IRA phase-out, and
from 2026 the rule that catch-up of the well paid must be Roth.

Each message says what the rule is and how the excess is corrected (docs/tax-rules.md):
402(g) excess returned by April 15 of the next year; 415(c) excess corrected by the plan under
EPCRS (code E), never "a 6% excise tax", which is for IRAs; IRA excess withdrawn with its
earnings by the return's due date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from beancount.core import data

from megaroth.engine.findings import Finding, Severity, money
from megaroth.engine.findings import about as _about
from megaroth.ledger.household import Household
from megaroth.tax.limit_usage import AdditionsUsage, DeferralUsage, IraUsage, LimitUsage
from megaroth.tax.limits import LIMITS, YearLimits, is_known, limits_for
from megaroth.tax.records import Contribution


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
    findings.extend(_457b_finding(d, household) for d in usage.deferrals_457b if d.excess > 0)
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
            f"megaroth's table of limits starts in {first}, the first year of the 402(g) limit, "
            f"so 402(g), 415(c) and the IRA limit were not checked for {years[0]}-{years[-1]}. "
            "To check those years, add "
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
            f"{person} made {money(amount)} of catch-up contributions at {employer} in {year} "
            f"as pre-tax deferrals, but earned {money(wages)} of FICA wages there in "
            f"{year - 1}, over the {money(threshold)} threshold: the catch-up must be Roth "
            "(IRC 414(v)(7), SECURE 2.0 section 603; 2026 is a good-faith year). Ask the plan "
            "to treat it as Roth or to correct it.",
            plan.meta,
            None,
            year,
            about=_about(person),
        )


def _meta_of(contribution: Contribution | None, fallback: data.Meta) -> data.Meta:
    return contribution.entry.meta if contribution is not None else fallback


def _entry(contribution: Contribution | None) -> data.Directive | None:
    entry: data.Directive | None = contribution.entry if contribution is not None else None
    return entry


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
                about=_about(usage.person),
            )
        )
    if usage.excess <= 0:
        return findings
    person = household.people.get(usage.person)
    no_birth_date = person is not None and person.birth_date is None
    plans = ", ".join(usage.plans)
    message = (
        f"{usage.person} deferred {money(usage.deferrals)} in {usage.year} (pre-tax and Roth, "
        f"across {plans}): {money(usage.excess)} over the 402(g) limit of "
        f"{money(usage.limit)}"
        + (f" plus {money(usage.catch_up_limit)} catch-up" if usage.catch_up_limit else "")
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
                _entry(usage.crossed_at), usage.year, about=_about(usage.person))
    )  # fmt: skip
    return findings


def _457b_finding(usage: DeferralUsage, household: Household) -> Finding:
    """Over the 457(b) limit: its own, never added to 402(g) (IRC 457(c), 457(e)(15))."""
    plans = ", ".join(usage.plans)
    message = (
        f"{usage.person} deferred {money(usage.deferrals)} to 457(b) plans in {usage.year} "
        f"(deferrals and employer contributions, across {plans}): {money(usage.excess)} over "
        f"the 457(b) limit of {money(usage.limit)}"
        + (f" plus {money(usage.catch_up_limit)} catch-up" if usage.catch_up_limit else "")
        + f" ({usage.limits_source}; IRC 457(b)(2), 457(e)(15)). The 457(b) limit is its own: "
        "it is not shared with 402(g), and 415(c) does not apply. Ask the plan to pay the "
        "excess back with its earnings (Reg. 1.457-4(e)); it is taxable for the year deferred."
    )
    meta = _meta_of(usage.crossed_at, household.plans[usage.plans[0]].meta)
    return Finding(Severity.ERROR, "457b-excess", message, meta, _entry(usage.crossed_at),
                   usage.year, about=_about(usage.person))  # fmt: skip


def _additions_finding(usage: AdditionsUsage) -> Finding:
    share = limits_for(usage.year).additions_pay_share
    capped = (
        f" (capped at {share:.0%} of the {money(usage.compensation)} of pay recorded, IRC "
        f"415(c)(1)(B); the dollar limit is {money(usage.statutory_limit)})"
        if usage.compensation is not None and usage.limit < usage.statutory_limit
        else ""
    )
    message = (
        f"{usage.person}'s annual additions at {usage.employer} in {usage.year} are "
        f"{money(usage.annual_additions)}: {money(usage.excess)} over the 415(c) limit of "
        f"{money(usage.limit)}{capped} ({usage.limits_source}). Ask the plan to correct it "
        "under EPCRS (Rev. Proc. 2021-30): it returns the excess, after-tax money first, with "
        "its earnings, on a 1099-R with code E. The 6% excise tax of IRC 4973 is for IRAs; "
        "it does not apply to a 401(k)."
    )
    meta = _meta_of(usage.crossed_at, {})
    return Finding(Severity.ERROR, "415c-excess", message, meta, _entry(usage.crossed_at),
                   usage.year, about=_about(usage.person))  # fmt: skip


def _ira_findings(usage: IraUsage) -> list[Finding]:
    findings = []
    meta = _meta_of(usage.crossed_at or usage.last, {})
    if usage.excess > 0:
        findings.append(
            Finding(
                Severity.ERROR,
                "ira-excess",
                f"{usage.person}'s IRA contributions for {usage.year} are "
                f"{money(usage.contributions)}: {money(usage.excess)} over the IRA limit of "
                f"{money(usage.limit)} ({usage.limits_source}), counted across all "
                "traditional and Roth IRAs. Withdraw the excess and its earnings before the "
                "tax return's due date (with extensions); otherwise the 6% excise tax of IRC "
                "4973 applies for every year it stays.",
                meta,
                _entry(usage.crossed_at),
                usage.year,
                about=_about(usage.person),
            )
        )
    if usage.roth_allowed is not None and usage.roth_contributions > usage.roth_allowed:
        findings.append(
            Finding(
                Severity.ERROR,
                "roth-ira-phase-out",
                f"{usage.person} put {money(usage.roth_contributions)} straight into a Roth "
                f"IRA for {usage.year}, but at the MAGI recorded only "
                f"{money(usage.roth_allowed)} is allowed. Recharacterize the excess as a "
                "traditional IRA contribution (it can then be converted: the backdoor Roth), "
                "or withdraw it with its earnings before the return's due date. Record a "
                "recharacterization as the transfer of the contribution and its earnings to a "
                "traditional IRA marked  recharacterized: 7000.00 USD  (the contribution) and  "
                f"tax-year: {usage.year} ; a withdrawal marked  returned-contribution: "
                "7000.00 USD .",
                meta,
                _entry(usage.crossed_at),
                usage.year,
                about=_about(usage.person),
            )
        )
    return findings
