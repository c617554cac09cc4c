"""The limits each person used: the ledger's contributions, sorted by person, employer and
plan for :mod:`megaroth.tax.limit_usage`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from megaroth.engine.book import BasisResult
from megaroth.ledger.facts import Facts
from megaroth.ledger.household import Household
from megaroth.tax.limit_usage import IraMoney, LimitUsage, PlanMoney, limit_usage
from megaroth.tax.limits import YearLimits


def usage_of(
    household: Household,
    basis: BasisResult,
    facts: Facts,
    configured: Mapping[int, YearLimits] | None = None,
    returned: Mapping[tuple[str, int], Decimal] | None = None,
) -> LimitUsage:
    """Every person's use of every limit, year by year; ``returned`` the IRA contributions
    returned by the due date, by person and tax year (never made, IRC 408(d)(4))."""
    plan_money = []
    ira_money = []
    for contribution in basis.contributions:
        source = household.sources.get(contribution.account)
        if source is not None:
            plan = household.plans[source.plan]
            plan_money.append(
                PlanMoney(contribution, plan.owner or "", plan.employer or "", plan.account,
                          source.kind, plan.plan_type)
            )  # fmt: skip
            continue
        ira = household.iras.get(contribution.contract.payer)
        if ira is not None and ira.owner:
            ira_money.append(IraMoney(contribution, ira.owner))
    return limit_usage(
        plan_money,
        ira_money,
        household.birth_dates,
        facts.compensation,
        facts.magi,
        configured,
        returned,
    )
