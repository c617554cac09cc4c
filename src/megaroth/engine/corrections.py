"""Corrective distributions: excess contributions returned, each linked to the excess it cures.

The ledger marks the distribution with the contribution it returns (``returned-contribution``;
the rest is its earnings) and the year it was for (``tax-year``); on a plan's distribution,
``corrects:`` may name the excess ("402g-excess" or "415c-excess") where the ledger can't tell.

- **An IRA's excess** (IRC 408(d)(4)), removed with its net income by the due date of the
  return with extensions: never contributed, its earnings taxable for the contribution's
  year; code 8 or P, with 1 (traditional IRA) or J (Roth IRA) before 59 1/2
  (:mod:`megaroth.engine.returned`). A Roth IRA contribution past the phase-out can be
  recharacterized instead (:mod:`megaroth.engine.recharacterizations`).
- **An excess deferral** (IRC 402(g)(2); Reg. 1.402(g)-1(e)), returned with its earnings by
  April 15 of the next year: the deferral is taxable for the year deferred (a designated
  Roth one was taxed already), its earnings for the year paid; not subject to the 10%
  additional tax, no rollover. The 1099-R: returned in the year deferred, one form, code 8
  (8B from Roth money); in the year after, two: the deferral with code P (PB), the earnings
  with code 8 (8B) (Instructions for Forms 1099-R and 5498, "Corrective distributions" and
  codes 8, P, B). On Form 1040 line 1h (Form 1040 instructions, line 1h).
- **Excess annual additions** (IRC 415(c)), returned by the plan under EPCRS (Rev. Proc.
  2021-30, Appendix A .08): code E; the after-tax or Roth contributions returned are basis
  (box 5), elective deferrals and all earnings taxable in the year paid.

Each correction finds the excess it cures (the finding megaroth made of that person's year):
fully corrected in time, the finding reads "corrected" (it is a correction of the page and
the packet, no longer an error); partly, the finding stays and says what was corrected.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from megaroth.engine.findings import Finding, money
from megaroth.engine.recharacterizations import Recharacterization, due_date_with_extensions
from megaroth.engine.returned import late_correction, returned_contributions
from megaroth.errors import MegarothError, Reader, as_written
from megaroth.ledger.household import Household
from megaroth.ledger.view import positive_amount, tax_year
from megaroth.tax.form_1099r_codes import canonical_code, corrective_code
from megaroth.tax.limit_usage import LimitUsage
from megaroth.tax.money import ZERO
from megaroth.tax.records import Movement, MovementKind
from megaroth.tax.roth_ira import Returned
from megaroth.tax.sources import ContractKind
from megaroth.vocabulary import CORRECTS, RETURNED_CONTRIBUTION, TAX_YEAR

EXCESS_DEFERRAL, EXCESS_ADDITIONS = "402g-excess", "415c-excess"
IRA_EXCESS, PHASE_OUT = "ira-excess", "roth-ira-phase-out"
PLAN_CHECKS = (EXCESS_DEFERRAL, EXCESS_ADDITIONS)


@dataclass(frozen=True)
class PlanReturn:
    """A plan's corrective distribution: the year and the contribution it returns, and the
    excess it corrects (None: the excess the ledger finds decides)."""

    tax_year: int
    amount: Decimal
    cures: str | None


@dataclass(frozen=True)
class Marks:
    """The corrective distributions a ledger marks, as read."""

    returned: dict[int, Returned]  # an IRA's, by the movement's place
    plan: dict[int, PlanReturn]  # a plan's, by the movement's place
    errors: list[MegarothError]
    findings: list[Finding]  # returned too late


@dataclass(frozen=True)
class Correction:
    """An excess corrected: by whom, when, and the finding it cures."""

    cures: str  # the check of the excess finding ("402g-excess"...)
    person: str | None
    tax_year: int
    date: datetime.date
    account: str  # the plan or IRA it came out of
    amount: Decimal  # the contribution returned or recharacterized
    earnings: Decimal
    codes: str  # the 1099-R box 7 codes it is reported with
    deadline: datetime.date | None
    meta: Mapping[str, object]
    excess: Decimal  # the excess of that year before the correction
    status: str  # "corrected", "partly corrected" or "no excess found"
    finding: str  # the excess finding as it now reads


def read_marks(movements: Sequence[Movement], household: Household) -> Marks:
    """Every distribution marked ``returned-contribution``: an IRA's (IRC 408(d)(4)) and a
    plan's; an error on each mark megaroth can't use, a finding on each too late."""
    late: list[Finding] = []
    owners = {ira.account: ira.owner for ira in household.iras.values()}
    returned, errors = returned_contributions(movements, owners, household.plans, late)
    plan: dict[int, PlanReturn] = {}
    for index, movement in enumerate(movements):
        raw = movement.meta.get(RETURNED_CONTRIBUTION)
        if raw is None or movement.payer not in household.plans:
            continue
        amount = positive_amount(raw)
        year_raw = movement.meta.get(TAX_YEAR)
        year = movement.year if year_raw is None else tax_year(year_raw)
        cures = movement.meta.get(CORRECTS)
        if amount is None:
            problem = f"{RETURNED_CONTRIBUTION} {as_written(raw)} is not an amount"
        elif movement.kind is not MovementKind.DISTRIBUTION:
            problem = f"{RETURNED_CONTRIBUTION} is followed on money paid out"
        elif amount > movement.gross:
            problem = (
                f"{RETURNED_CONTRIBUTION} {amount:,.2f} is more than the {movement.gross:,.2f} "
                "paid out"
            )
        elif year is None or year not in (movement.year, movement.year - 1):
            problem = (
                f"{TAX_YEAR} {as_written(year_raw)} is not this year or the year before: an "
                "excess is returned by April 15 (402(g)) or soon after the year (415(c))"
            )
        elif cures is not None and cures not in PLAN_CHECKS:
            problem = f"{CORRECTS} {as_written(cures)} is not an excess a plan corrects"
        else:
            problem = None
        if problem is not None or not isinstance(amount, Decimal) or year is None:
            errors.append(_error(movement, problem or ""))
            continue
        # After-tax money is no deferral: returned, it corrects 415(c). In a plan without
        # separate accounting the after-tax money is mixed with the deferrals, so it says
        # nothing: the deferral excess unless the mark says otherwise.
        separate = household.plans[movement.payer].separate_accounting
        if cures is None and separate and movement.after_tax_moved > 0:
            cures = EXCESS_ADDITIONS
        plan[index] = PlanReturn(year, amount, cures if isinstance(cures, str) else None)
    return Marks(returned, plan, errors, late)


def _error(movement: Movement, problem: str) -> MegarothError:
    return MegarothError(
        movement.meta,
        f"{problem}. Mark a plan's corrective distribution with the contribution it returns, "
        f"e.g.  {RETURNED_CONTRIBUTION}: 2000.00 USD  (the rest is its earnings),  {TAX_YEAR}: "
        f'2024  for the year it was contributed, and  {CORRECTS}: "402g-excess"  or  '
        f'"415c-excess"  where megaroth can\'t tell which excess it corrects.',
        None,
        Reader.BASIS,
    )


def cure(
    findings: Sequence[Finding],
    marks: Marks,
    movements: Sequence[Movement],
    usage: LimitUsage,
    household: Household,
    recharacterizations: Sequence[Recharacterization] = (),
) -> tuple[tuple[Finding, ...], tuple[Correction, ...], dict[int, PlanReturn]]:
    """The findings less the excesses corrected, the corrections with what each cures, and
    the plan corrections that count (resolved, in time)."""
    left = list(findings)
    corrections: list[Correction] = []
    plan, late = _plan_corrections(marks, movements, usage, household)
    left += late
    for index, back in sorted(plan.items()):
        movement = movements[index]
        corrections.append(_correction(movement, back.cures or "", back.tax_year, back.amount,
                                       _deadline(back), _plan_codes(movement, back)))  # fmt: skip
    for index, returned in sorted(marks.returned.items()):
        movement = movements[index]
        cures = _ira_cures(movement, returned, usage, household, marks, movements,
                           recharacterizations)  # fmt: skip
        codes = corrective_code(movement.code, returned.tax_year == movement.year)
        deadline = due_date_with_extensions(returned.tax_year)
        corrections.append(_correction(movement, cures, returned.tax_year, returned.amount,
                                       deadline, codes))  # fmt: skip
    for found in recharacterizations:
        if found.to_kind is ContractKind.TRADITIONAL_IRA:
            code = "N" if found.date.year == found.tax_year else "R"
            corrections.append(Correction(
                PHASE_OUT, found.owner, found.tax_year, found.date, found.from_ira,
                found.amount, found.moved - found.amount, code, found.deadline, found.meta,
                ZERO, "", ""))  # fmt: skip
    kept, judged = _judged(left, corrections, usage)
    return kept, judged, plan


def _plan_codes(movement: Movement, back: PlanReturn) -> str:
    """The box 7 codes a plan's correction is reported with."""
    if back.cures == EXCESS_ADDITIONS:
        return "E"
    b = "B" if movement.first_roth_year is not None else ""
    if back.tax_year == movement.year:
        return canonical_code("8" + b)
    return f"{canonical_code('P' + b)}, {canonical_code('8' + b)}"


def _deadline(back: PlanReturn) -> datetime.date | None:
    """A 402(g) excess comes back by April 15 of the next year (IRC 402(g)(2)(A)(ii)); EPCRS
    sets no such day for 415(c)."""
    return datetime.date(back.tax_year + 1, 4, 15) if back.cures == EXCESS_DEFERRAL else None


def _plan_corrections(
    marks: Marks, movements: Sequence[Movement], usage: LimitUsage, household: Household
) -> tuple[dict[int, PlanReturn], list[Finding]]:
    """The plan corrections with the excess each corrects (the one the ledger finds when the
    mark doesn't say), and a finding for each too late."""
    deferral_excess = {(d.person, d.year) for d in usage.deferrals if d.excess > 0}
    resolved: dict[int, PlanReturn] = {}
    late = []
    for index, back in marks.plan.items():
        movement = movements[index]
        owner = household.plans[movement.payer].owner
        cures = back.cures
        if cures is None:
            cures = EXCESS_DEFERRAL if (owner, back.tax_year) in deferral_excess else (
                EXCESS_ADDITIONS)  # fmt: skip
        back = dataclasses.replace(back, cures=cures)
        deadline = _deadline(back)
        if deadline is not None and movement.date > deadline:
            late.append(late_correction(movement, back.tax_year, back.amount, deadline))
            continue
        resolved[index] = back
    return resolved, late


def _ira_cures(
    movement: Movement,
    returned: Returned,
    usage: LimitUsage,
    household: Household,
    marks: Marks,
    movements: Sequence[Movement],
    recharacterizations: Sequence[Recharacterization],
) -> str:
    """The IRA excess a returned contribution cures: the Roth phase-out when it came out of a
    Roth IRA past it, else the IRA limit's."""
    owner = movement.owner
    ira = next((i for i in usage.iras if (i.person, i.year) == (owner, returned.tax_year)), None)
    if ira is None:
        return IRA_EXCESS
    from_roth = movement.payer in household.roth_iras
    if from_roth and ira.roth_allowed is not None:
        back = _returned_of(marks, movements, owner, returned.tax_year, roth=True)
        moved = sum((r.amount for r in recharacterizations if r.owner == owner
                     and r.tax_year == returned.tax_year
                     and r.to_kind is ContractKind.TRADITIONAL_IRA), ZERO)  # fmt: skip
        if ira.roth_contributions + back + moved > ira.roth_allowed:
            return PHASE_OUT
    return IRA_EXCESS


def _returned_of(
    marks: Marks, movements: Sequence[Movement], owner: str | None, year: int, roth: bool
) -> Decimal:
    return sum(
        (
            r.amount
            for i, r in marks.returned.items()
            if movements[i].owner == owner and r.tax_year == year and movements[i].roth_ira == roth
        ),
        ZERO,
    )


def _correction(
    movement: Movement,
    cures: str,
    year: int,
    amount: Decimal,
    deadline: datetime.date | None,
    codes: str,
) -> Correction:
    return Correction(cures, movement.owner, year, movement.date, movement.payer, amount,
                      movement.gross - amount, codes, deadline, movement.meta, ZERO, "",
                      "")  # fmt: skip


def _judged(
    findings: list[Finding], corrections: list[Correction], usage: LimitUsage
) -> tuple[tuple[Finding, ...], tuple[Correction, ...]]:
    """Each correction against the excess it cures: the finding made "corrected" (dropped from
    the errors) when all of it was, else kept, saying what was."""
    by_excess: dict[tuple[str, str | None, int], list[Correction]] = defaultdict(list)
    for correction in corrections:
        by_excess[correction.cures, correction.person, correction.tax_year].append(correction)
    kept = []
    remaining = set(by_excess)
    judged: list[Correction] = []
    for finding in findings:
        key = next((k for k in by_excess if k[0] == finding.check and k[2] == finding.year
                    and k[1] in finding.about), None)  # fmt: skip
        if key is None:
            kept.append(finding)
            continue
        remaining.discard(key)
        done = by_excess[key]
        excess = _excess_of(finding, usage, key)
        fixed = sum((c.amount for c in done), ZERO)
        if excess is not None and fixed >= excess:
            status, text = "corrected", f"Corrected: {finding.message} {_how(done)}"
        else:
            status = "partly corrected"
            text = f"{finding.message} {_how(done)} {_left(excess, fixed)}"
            kept.append(dataclasses.replace(finding, message=text))
        judged += [dataclasses.replace(c, excess=excess or fixed, status=status, finding=text)
                   for c in done]  # fmt: skip
    for key in sorted(remaining, key=lambda k: (k[2], k[0], k[1] or "")):
        done = by_excess[key]
        excess = sum((c.amount for c in done), ZERO)
        # IRA excesses are no longer found (the contribution counts as never made).
        status = "corrected" if key[0] in (IRA_EXCESS, PHASE_OUT) else "no excess found"
        what = {IRA_EXCESS: "The IRA contributions were over the limit", PHASE_OUT:
                "The Roth IRA contributions were past the phase-out"}.get(
            key[0], "megaroth finds no such excess")  # fmt: skip
        text = f"{'Corrected: ' if status == 'corrected' else ''}{what} for {key[2]}. {_how(done)}"
        judged += [dataclasses.replace(c, excess=excess if status == "corrected" else ZERO,
                                       status=status, finding=text) for c in done]  # fmt: skip
    return tuple(kept), tuple(sorted(judged, key=lambda c: (c.date, c.account)))


def _excess_of(
    finding: Finding, usage: LimitUsage, key: tuple[str, str | None, int]
) -> Decimal | None:
    check, person, year = key
    if check == EXCESS_DEFERRAL:
        return next((d.excess for d in usage.deferrals if (d.person, d.year) == (person, year)),
                    None)  # fmt: skip
    if check == EXCESS_ADDITIONS:
        return next((a.excess for a in usage.additions if (a.person, a.year) == (person, year)
                     and f" at {a.employer} in " in finding.message), None)  # fmt: skip
    return None


def _how(done: Sequence[Correction]) -> str:
    parts = [
        f"{money(c.amount)} of it {'recharacterized' if c.codes in ('N', 'R') else 'returned'} "
        f"from {c.account} on {c.date} with {money(c.earnings)} of "
        f"{'net income attributable' if c.codes in ('N', 'R') else 'earnings'}"
        for c in done
    ]
    return "Corrective step: " + "; ".join(parts) + "."


def _left(excess: Decimal | None, fixed: Decimal) -> str:
    if excess is None:
        return ""
    return f"{money(max(ZERO, excess - fixed))} of the excess is still to be corrected."


def settle_plan_returns(
    movements: Sequence[Movement], plan: Mapping[int, PlanReturn]
) -> list[Movement]:
    """Each plan correction with its codes and taxable amount; an excess deferral returned the
    year after it was made is two forms, the deferral (P) and its earnings (8)."""
    settled: list[Movement] = []
    for index, movement in enumerate(movements):
        back = plan.get(index)
        if back is None:
            settled.append(movement)
        elif back.cures == EXCESS_ADDITIONS:
            settled.append(dataclasses.replace(movement, code="E", rule=_rule_415c(movement, back)))
        else:
            settled += _excess_deferral(movement, back)
    return settled


def _excess_deferral(movement: Movement, back: PlanReturn) -> list[Movement]:
    roth = movement.first_roth_year is not None
    earnings = movement.gross - back.amount
    b = "B" if roth else ""
    rule = (
        f"An excess deferral of {back.amount:,.2f} for {back.tax_year} returned with "
        f"{earnings:,.2f} of earnings by April 15 (IRC 402(g)(2); Reg. 1.402(g)-1(e)): the "
        f"deferral is taxable for {back.tax_year}"
        + (" (a designated Roth one was taxed already: nothing more)" if roth else "")
        + f", its earnings for {movement.year}; no 10% additional tax, no rollover; Form 1040 "
        "line 1h."
    )
    if back.tax_year == movement.year:
        return [dataclasses.replace(movement, code=canonical_code("8" + b), rule=rule,
                                    basis=back.amount if roth else ZERO,
                                    taxable=earnings if roth else movement.gross)]  # fmt: skip
    excess = dataclasses.replace(
        movement, code=canonical_code("P" + b), gross=back.amount,
        basis=back.amount if roth else ZERO, taxable=ZERO if roth else back.amount, rule=rule,
        lots=(),
    )  # fmt: skip
    income = dataclasses.replace(
        movement, code=canonical_code("8" + b), gross=earnings, basis=ZERO, taxable=earnings,
        withholding=ZERO, unrecovered_basis=ZERO, rule=rule, lots=(),
    )  # fmt: skip
    return [excess, income]


def _rule_415c(movement: Movement, back: PlanReturn) -> str:
    return (
        f"Excess annual additions of {back.tax_year} returned by the plan with their earnings "
        "under EPCRS (Rev. Proc. 2021-30, Appendix A .08; IRC 415(c)): code E; after-tax and "
        f"Roth contributions returned are basis ({movement.basis:,.2f}, box 5), deferrals and "
        f"earnings taxable in {movement.year} ({movement.taxable:,.2f})."
    )
