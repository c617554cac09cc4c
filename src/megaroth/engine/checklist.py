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

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from beancount.core import data
from beancount.core.position import Cost

from megaroth.engine.book import BasisResult
from megaroth.engine.findings import Finding, Severity, money
from megaroth.engine.findings import about as _about
from megaroth.engine.opening import OPENING
from megaroth.ledger.accounts import units_of
from megaroth.ledger.household import Household
from megaroth.ledger.settings import CheckSettings
from megaroth.ledger.view import LedgerView
from megaroth.tax.form_8606 import Form8606
from megaroth.tax.money import CENT, ZERO
from megaroth.tax.records import Contribution, Movement, MovementKind
from megaroth.tax.sources import ContractKind, IraType, SourceKind

ROTH_CONVERSIONS = (MovementKind.IN_PLAN_ROTH_ROLLOVER, MovementKind.ROLLOVER_TO_ROTH_IRA)


def checklist_findings(
    household: Household, basis: BasisResult, settings: CheckSettings
) -> list[Finding]:
    findings = list(_stuck_after_tax(household, basis))
    for movement in basis.movements:
        plan = household.plans.get(movement.payer)
        # Without separate accounting every conversion carries pre-tax money: one warning
        # per plan and year says so, instead of one about waiting on each.
        combined = plan is not None and not plan.separate_accounting
        findings.extend(_movement_findings(movement, settings, combined))
    findings.extend(_roth_401k_as_ira(household, basis))
    findings.extend(_without_separate_accounting(household, basis))
    return findings


def _without_separate_accounting(household: Household, basis: BasisResult) -> Iterable[Finding]:
    """Roth conversions out of a plan that doesn't account for after-tax money separately:
    IRC 72(e)(8) runs over its whole non-Roth account, so each carries pre-tax money."""
    by_plan_year: dict[tuple[str, int], list[Movement]] = defaultdict(list)
    for movement in basis.movements:
        plan = household.plans.get(movement.payer)
        if movement.kind in ROTH_CONVERSIONS and plan is not None and not plan.separate_accounting:
            by_plan_year[movement.payer, movement.year].append(movement)
    for (payer, year), moved in sorted(by_plan_year.items()):
        gross = sum((m.gross for m in moved), ZERO)
        taxable = sum((m.taxable for m in moved), ZERO)
        count = f"{len(moved)} Roth conversion{'s' if len(moved) > 1 else ''}"
        yield Finding(
            Severity.WARNING,
            "no-separate-accounting",
            f"{payer} doesn't account for after-tax money separately (separate-accounting: "
            f"FALSE on its Open), so its pre-tax and after-tax money are one contract and IRC "
            f"72(e)(8) spreads the after-tax basis over all of it: the {count} of {year} "
            f"({money(gross)}) carried {money(taxable)} of pre-tax money (deferrals, match and "
            f"every earning) with them, all taxable, and only {money(gross - taxable)} of "
            "basis. Converting after-tax money alone needs a plan that accounts for it "
            "separately (IRC 72(d)(2)): ask the plan, and if it does, remove "
            "separate-accounting: FALSE from the Open.",
            dict(moved[0].meta),
            None,
            year,
            about=_about(payer, household.plans[payer].owner),
        )


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
            about=_about(plan.account, plan.owner),
        )


def _movement_findings(
    movement: Movement, settings: CheckSettings, combined: bool = False
) -> Iterable[Finding]:
    meta = dict(movement.meta)
    entry = None
    if movement.kind in ROTH_CONVERSIONS and movement.after_tax_moved > 0 and not combined:
        # A balance from before the books waited where the ledger can't see: not this one's.
        late = [
            lot
            for lot in movement.lots
            if (lot.days > settings.delay_days or lot.earnings > settings.delay_earnings)
            and lot.origin != OPENING
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
                about=_about(movement.payer, movement.owner),
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
            about=_about(movement.payer, movement.owner),
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
            about=_about(movement.payer, movement.owner),
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
                about=_about(ira.account, ira.owner),
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
                    about=_about(form.person),
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
                    about=_about(form.person),
                )
            )
    return findings


#: How far apart the two halves of a conversion recorded in two transactions may be.
SPLIT_DAYS = 7


def split_conversions(household: Household, basis: BasisResult) -> list[Finding]:
    """A plan distribution and new Roth money in the same plan days later, of the same size:
    one in-plan Roth conversion recorded in two transactions, read as two wrong things. The
    same for a traditional IRA distribution and a Roth IRA contribution of its owner: one
    Roth conversion, as two imports (one per account) record it."""
    roth_in = [
        c
        for c in basis.contributions
        if c.contract.kind is ContractKind.ROTH and c.contract.payer in household.plans
    ]
    roth_ira_in = [c for c in basis.contributions if c.contract.kind is ContractKind.ROTH_IRA]
    findings: list[Finding] = []
    for movement in basis.movements:
        if movement.kind is MovementKind.DISTRIBUTION and movement.payer in household.iras:
            half = next((c for c in roth_ira_in if _roth_ira_half(household, movement, c)), None)
            findings += _split(movement, half) if half is not None else []
            continue
        if movement.kind is not MovementKind.DISTRIBUTION or movement.payer not in household.plans:
            continue
        half = next((c for c in roth_in if _other_half(movement, c)), None)
        if half is not None:
            findings += _split(movement, half)
        elif household.plans[movement.payer].says_no_withdrawal and not _after_separation(
            household, movement
        ):
            findings.append(_no_withdrawal(household, movement))
    return findings


def _other_half(movement: Movement, contribution: Contribution) -> bool:
    return contribution.contract.payer == movement.payer and _soon_as_much(movement, contribution)


def _roth_ira_half(household: Household, movement: Movement, contribution: Contribution) -> bool:
    """Roth IRA money of the owner of the traditional IRA the movement left."""
    return (
        household.iras[movement.payer].ira_type is not IraType.ROTH
        and household.owner_of(contribution.contract.payer) == movement.owner
        and _soon_as_much(movement, contribution)
    )


def _soon_as_much(movement: Movement, contribution: Contribution) -> bool:
    days = (contribution.date - movement.date).days
    return 0 <= days <= SPLIT_DAYS and abs(contribution.amount - movement.gross) <= max(
        CENT, movement.gross / 100
    )


#: How a ledger kept with beancount-reds-importers gets the link (its zerosum plugin matches
#: the two halves of a transfer and, so configured, links them).
_ZEROSUM = (
    " With beancount-reds-plugins' zerosum plugin, 'link_transactions': True in its "
    "configuration links the halves it matches (list it before megaroth's plugin)."
)


def _split(movement: Movement, half: Contribution) -> list[Finding]:
    ira = not half.contract.kind.is_plan
    what = "Roth conversion" if ira else "in-plan Roth conversion"
    link = f"^{'conversion' if ira else 'irr'}-{movement.date:%Y-%m}"
    advice = (
        "Put both legs in one transaction, or give both transactions the same link, e.g. "
        f"{link}, and megaroth reads them as one conversion.{_ZEROSUM if ira else ''}"
    )
    read_as = (
        f"a distribution (1099-R code {movement.code}) and the other as a regular Roth IRA "
        "contribution (counted against the IRA limit)"
        if ira
        else f"a distribution (1099-R code {movement.code}, {money(movement.taxable)} "
        "taxable) and the other as new Roth money"
    )
    out = Finding(
        Severity.ERROR,
        "split-conversion",
        f"This takes {money(movement.gross)} out of {movement.payer}, and on {half.date} "
        f"{money(half.amount)} goes into {half.account}: it looks like one {what} recorded "
        f"in two transactions. megaroth reads this one as {read_as}. {advice}",
        movement.meta,
        None,
        movement.year,
        about=_about(movement.payer, movement.owner),
    )
    into = Finding(
        Severity.ERROR,
        "split-conversion",
        f"This puts {money(half.amount)} into {half.account} {_days(half.date - movement.date)} "
        f"after {money(movement.gross)} left "
        f"{movement.payer} on {movement.date}: it looks like the second half of one {what}. "
        f"{advice}",
        half.meta,
        half.entry,
        half.year,
        about=_about(movement.payer, movement.owner),
    )
    return [out, into]


def _days(delta: datetime.timedelta) -> str:
    return f"{delta.days} day{'' if delta.days == 1 else 's'}"


def _after_separation(household: Household, movement: Movement) -> bool:
    """Money out of a plan on or after its owner left the employer (``separation-date``):
    no longer an in-service withdrawal."""
    separated = household.plans[movement.payer].separation_date
    return separated is not None and movement.date >= separated


def _no_withdrawal(household: Household, movement: Movement) -> Finding:
    plan = household.plans[movement.payer]
    employer = plan.employer or "the employer"
    return Finding(
        Severity.WARNING,
        "no-in-service-withdrawal",
        f"{money(movement.gross)} leaves {movement.payer} for {movement.to_account}, but the "
        "plan's Open says it allows no in-service withdrawal (in-service-withdrawal: FALSE). "
        "If the money went to another account of yours (a conversion or a rollover), record "
        "where it went in the same transaction, or link the two with the same ^link. If you "
        f"had left {employer} by then, this is a distribution after separation from service: "
        "write the day you left on the plan's Open (separation-date: 2024-06-30) and the "
        "warning goes.",
        movement.meta,
        None,
        movement.year,
        about=_about(movement.payer, movement.owner),
    )


#: How soon after a contribution a conversion looks like the backdoor Roth.
BACKDOOR_DAYS = 60


def unmarked_backdoor(household: Household, basis: BasisResult) -> list[Finding]:
    """A deductible traditional IRA contribution converted soon after: most likely a
    nondeductible one (the backdoor Roth) recorded without ``nondeductible: TRUE``."""
    conversions = [m for m in basis.movements if m.kind is MovementKind.IRA_CONVERSION]
    findings = []
    for contribution in basis.contributions:
        if contribution.contract.kind is not ContractKind.TRADITIONAL_IRA or contribution.basis:
            continue
        converted = next(
            (
                m
                for m in conversions
                if m.payer == contribution.contract.payer
                and 0 <= (m.date - contribution.date).days <= BACKDOOR_DAYS
            ),
            None,
        )
        if converted is None:
            continue
        days = (converted.date - contribution.date).days
        findings.append(
            Finding(
                Severity.WARNING,
                "backdoor-not-nondeductible",
                f"{money(contribution.amount)} went into {contribution.contract.payer} on "
                f"{contribution.date} and {money(converted.gross)} was converted to a Roth IRA "
                f"{days} days later: the backdoor Roth. As recorded, the contribution is "
                "deductible, so all of the conversion is taxable "
                f"({money(converted.taxable)}). If you don't deduct it (the usual case for a "
                "backdoor Roth), mark it nondeductible: add  nondeductible: TRUE  to this "
                "transaction (or to the IRA's Open), and Form 8606 carries it as basis.",
                contribution.meta,
                contribution.entry,
                contribution.tax_year,
                about=_about(
                    contribution.contract.payer, household.owner_of(contribution.contract.payer)
                ),
            )
        )
    return findings


_STRICT = (data.Booking.STRICT, data.Booking.STRICT_WITH_SIZE)


def strict_booking(ledger: LedgerView, accounts: Collection[str], default: object) -> list[Finding]:
    """Fund accounts of plans and IRAs whose lots Beancount can't pick for a ``{}`` sale.

    With STRICT booking (Beancount's default), a conversion written ``-200 FXAIX {}`` (as
    megaroth's importers and the README write it) is ambiguous once the account holds lots
    at several costs: Beancount drops it with "Ambiguous matches", and the money seems to
    stay where it was.
    """
    opens = {e.account: e for e in ledger.declared if isinstance(e, data.Open)}
    lots: dict[str, set[tuple[object, object]]] = defaultdict(set)
    for entry in ledger.transactions:
        for posting in entry.postings:
            cost = posting.cost
            if posting.account in accounts and isinstance(cost, Cost) and cost.number:
                lots[posting.account].add((cost.number, cost.date))
    findings = []
    for account, costs in sorted(lots.items()):
        open_ = opens.get(account)
        booking = (open_.booking if open_ is not None else None) or default
        if open_ is None or booking not in _STRICT or len(costs) < 2:
            continue
        currencies = " ".join(open_.currencies or []) or "FUND"
        findings.append(
            Finding(
                Severity.WARNING,
                "strict-booking",
                f"{account} holds lots bought at {len(costs)} different costs and is booked "
                "STRICT (Beancount's default): a conversion or sale written with {} (as "
                "megaroth's importers write it) can't say which lots it takes, and Beancount "
                "drops the whole transaction with 'Ambiguous matches'. Open the account with "
                f'FIFO booking:  {open_.date} open {account} {currencies} "FIFO"  (or set  '
                'option "booking_method" "FIFO"  for the whole ledger).',
                open_.meta,
                open_,
                None,
            )
        )
    return findings


#: The links megaroth's importers give each half of a transfer between two of your accounts
#: whose statements are imported apart (``^transfer-2024-04-03-8750.00``).
TRANSFER_LINK = "transfer-"


def unmatched_transfers(ledger: LedgerView, accounts: Collection[str]) -> list[Finding]:
    """Halves of a transfer whose other half is not in the ledger.

    An importer links the two halves of a transfer between accounts that come in different
    statements (a traditional IRA's journal out, the Roth IRA's journal in); with one half
    alone, the money seems to come from (or go to) nowhere, and is read as a contribution
    (or a distribution)."""
    linked: dict[str, list[data.Transaction]] = defaultdict(list)
    for entry in ledger.transactions:
        for link in entry.links or ():
            if link.startswith(TRANSFER_LINK):
                linked[link].append(entry)
    findings = []
    for link, group in sorted(linked.items()):
        if len(group) != 1:
            continue
        (entry,) = group
        touched = sorted({p.account for p in entry.postings if _within(p.account, accounts)})
        if not touched:
            continue
        findings.append(
            Finding(
                Severity.ERROR,
                "unmatched-transfer",
                f"This is one half of a transfer between two of your accounts (link ^{link}, "
                f"as megaroth's importers write it), and no other transaction in the ledger "
                f"carries that link: the other account's statement is not imported, so the "
                f"money seems to come from or go to nowhere, and megaroth reads this as a "
                f"contribution or a distribution of {', '.join(touched)}. Import the other "
                "account's statement (its half gets the same link), or put both legs in one "
                "transaction.",
                entry.meta,
                entry,
                entry.date.year,
            )
        )
    return findings


def _within(account: str, accounts: Collection[str]) -> bool:
    return any(account == a or account.startswith(a + ":") for a in accounts)
