"""IRA contributions returned by the due date (IRC 408(d)(4)), as the ledger marks them::

    2025-03-10 * "Broker" "Excess Roth IRA contribution returned"
      returned-contribution: 1000.00 USD   ; the contribution; the rest is its earnings
      tax-year: 2024                        ; the year it was for (default: this year's)
      Assets:Retirement:BobRothIRA  -1050.00 USD
      Assets:Checking

Such a withdrawal (a corrective distribution) is no distribution for Form 8606 Part III, the
contribution counts as never made (Reg. 1.408A-6 Q&A-1(d), Q&A-4), and its earnings are
taxable for the year of the contribution (:func:`megaroth.tax.roth_ira.settle_distributions`).
From a traditional IRA the same (IRC 408(d)(4)): not on Form 8606 line 7, the contribution
not on line 1. It must come out by the due date of the return with extensions: October 15
after the contribution's year; later, it is an ordinary distribution (an error says so).
The same mark on a plan's distribution is a corrective distribution of an excess deferral or
annual addition (:mod:`megaroth.engine.corrections`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from megaroth.engine.findings import Finding, Severity, about, money
from megaroth.engine.recharacterizations import due_date_with_extensions
from megaroth.errors import MegarothError, Reader, as_written
from megaroth.ledger.view import positive_amount, tax_year
from megaroth.tax.records import Movement, MovementKind
from megaroth.tax.roth_ira import Returned
from megaroth.vocabulary import RETURNED_CONTRIBUTION, TAX_YEAR

EXAMPLE = f"{RETURNED_CONTRIBUTION}: 1000.00 USD"


def returned_contributions(
    movements: Sequence[Movement],
    roth_iras: Mapping[str, str | None],
    plans: Collection[str] = (),
    late: list[Finding] | None = None,
) -> tuple[dict[int, Returned], list[MegarothError]]:
    """The IRA withdrawals that return a contribution, by their place in ``movements``, and an
    error on each mark megaroth can't use. ``roth_iras``: the IRAs (and their owners) it is
    followed on; ``plans``: the plans, whose marks :mod:`megaroth.engine.corrections` reads;
    ``late``, if given, gets a finding for each returned after the due date."""
    found: dict[int, Returned] = {}
    errors: list[MegarothError] = []
    for index, movement in enumerate(movements):
        raw = movement.meta.get(RETURNED_CONTRIBUTION)
        if raw is None or movement.kind is not MovementKind.DISTRIBUTION:
            continue
        if movement.payer in plans:
            continue
        amount = positive_amount(raw)
        year_raw = movement.meta.get(TAX_YEAR)
        year = movement.year if year_raw is None else tax_year(year_raw)
        problem = None
        if movement.payer not in roth_iras:
            problem = (
                f"{RETURNED_CONTRIBUTION} is followed on a withdrawal from an IRA or a plan, "
                f"and {movement.payer} is neither"
            )
        elif amount is None:
            problem = f"{RETURNED_CONTRIBUTION} {as_written(raw)} is not an amount"
        elif amount > movement.gross:
            problem = (
                f"{RETURNED_CONTRIBUTION} {amount:,.2f} is more than the "
                f"{movement.gross:,.2f} withdrawn"
            )
        elif year not in (movement.year, movement.year - 1):
            problem = (
                f"{TAX_YEAR} {as_written(year_raw)} is not this year or the year before: a "
                "contribution is returned by the due date of the return for its year"
            )
        if problem is not None or year is None or not isinstance(amount, Decimal):
            errors.append(_error(movement, problem or ""))
            continue
        if late is not None and movement.date > due_date_with_extensions(year):
            late.append(late_correction(movement, year, amount, due_date_with_extensions(year)))
            continue
        found[index] = Returned(year, amount)
    return found, errors


def late_correction(
    movement: Movement, year: int, amount: Decimal, deadline: datetime.date
) -> Finding:
    """A contribution returned after the last day it can be (an IRA's due date with
    extensions; a 402(g) excess's April 15)."""
    return Finding(
        Severity.ERROR,
        "correction-late",
        f"This returns a {year} contribution of {money(amount)} from {movement.payer} on "
        f"{movement.date}, after {deadline}, the last day it could come out as a corrective "
        "distribution with its earnings (IRC 408(d)(4) for an IRA: the return's due date with "
        "extensions; IRC 402(g)(2)(A)(ii) for an excess deferral: April 15). It is an "
        "ordinary distribution, taxable (and before 59 1/2 subject to the 10% additional "
        "tax), and the excess stays: an IRA's draws the 6% excise tax of IRC 4973 for each "
        "year it stayed; an excess deferral is taxed in the year deferred and again now.",
        movement.meta,
        None,
        movement.year,
        about=about(movement.payer, movement.owner),
    )


def _error(movement: Movement, problem: str) -> MegarothError:
    return MegarothError(
        movement.meta,
        f"{problem}. Mark an IRA withdrawal that returns a contribution (IRC 408(d)(4)) "
        f"with the contribution returned, e.g.  {EXAMPLE}  (the rest of the withdrawal is its "
        f"earnings), and  {TAX_YEAR}:  when it was for the year before.",
        None,
        Reader.BASIS,
    )


def returned_by_year(
    returned: Mapping[int, Returned],
    movements: Sequence[Movement],
    roth_iras: Mapping[str, str | None],
) -> dict[tuple[str, int], Decimal]:
    """The contributions returned, by owner and the tax year they were for (the IRA limit
    counts them as never made)."""
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for index, back in returned.items():
        owner = roth_iras.get(movements[index].payer)
        if owner:
            totals[owner, back.tax_year] += back.amount
    return dict(totals)
