"""The participant's checklist: the steps of the mega backdoor Roth done wrong, as findings.

- after-tax money in a plan that allows neither in-plan conversion nor in-service withdrawal;
- a conversion that waited (its earnings are taxable);
- pre-tax money swept into a conversion;
- after-tax money rolled to a traditional IRA (it joins the IRA pro rata);
- a Roth 401(k) declared as a Roth IRA;
- an IRA conversion in a year with pre-tax IRA money (IRC 408(d)(2) pro rata), and IRA
  holdings with no Dec 31 price.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from megaroth.engine.book import BasisResult
from megaroth.engine.findings import Finding, Severity, money
from megaroth.ledger.accounts import units_of
from megaroth.ledger.household import Household
from megaroth.ledger.settings import CheckSettings
from megaroth.tax.form_8606 import Form8606
from megaroth.tax.records import Movement, MovementKind
from megaroth.tax.sources import ContractKind, SourceKind

ROTH_CONVERSIONS = (MovementKind.IN_PLAN_ROTH_ROLLOVER, MovementKind.ROLLOVER_TO_ROTH_IRA)


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
            contribution.meta,
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
                f"{lot.date} held {lot.days} days, earned {money(lot.earnings)}" for lot in late
            )
            yield Finding(
                Severity.WARNING,
                "conversion-delay",
                f"This conversion waited: {lots}. The {money(movement.taxable)} of earnings "
                "are taxable this year. Converting sooner after each contribution (many plans "
                "can do it automatically) keeps the taxable part small. Thresholds: "
                f"{settings.delay_days} days or {money(settings.delay_earnings)} of earnings.",
                meta,
                entry,
                movement.year,
            )
    if movement.kind in ROTH_CONVERSIONS and movement.pretax_moved > 0:
        yield Finding(
            Severity.WARNING,
            "pretax-swept",
            f"{money(movement.pretax_moved)} of pre-tax money (deferrals or match) went into "
            f"this Roth conversion along with {money(movement.after_tax_moved)} of after-tax "
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
            f"{money(movement.basis)} of after-tax basis was rolled to a traditional IRA. It "
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


def ira_findings(forms: Sequence[Form8606], basis: BasisResult) -> list[Finding]:
    """IRA conversions in a year the owner holds pre-tax IRA money, and unpriced IRAs."""
    conversions: dict[tuple[str | None, int], list[Movement]] = defaultdict(list)
    for movement in basis.movements:
        if movement.kind is MovementKind.IRA_CONVERSION:
            conversions[movement.owner, movement.year].append(movement)
    findings = []
    for form in forms:
        part = form.part_i
        converted = conversions.get((form.person, form.year), [])
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
