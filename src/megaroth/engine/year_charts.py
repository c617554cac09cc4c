"""The figures behind the page's charts of one year (issue 18): each a list of rows, drawn by
:mod:`megaroth.fava.year_charts` and shown beside it as a table.

- After-tax money of each plan, day by day: its basis and what it is worth before and after
  each day that moved it, so the sawtooth between a contribution and its conversion shows,
  and the earnings of a conversion that waited stand out.
- Limit usage over the year: the person's 402(g) deferrals and each employer's 415(c)
  annual additions (catch-up excluded), payday by payday, against the limits.
- Roth basis layers at the end of each year: Roth IRA regular contributions and conversions
  left, and the designated Roth basis in plans.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from beancount.core import data, prices

from megaroth.engine.analysis import Analysis
from megaroth.ledger.accounts import read_accounts, units_of
from megaroth.ledger.valuation import Valuer
from megaroth.tax.limit_usage import ADDITIONS, PLAN_457B
from megaroth.tax.money import ZERO, cents
from megaroth.tax.records import Contract
from megaroth.tax.sources import ContractKind, SourceKind


@dataclass(frozen=True)
class AfterTaxDay:
    """One day that moved a plan's after-tax money: before and after it."""

    date: datetime.date
    event: str  # contribution, conversion or distribution, earnings
    basis_before: Decimal
    value_before: Decimal
    basis_after: Decimal
    value_after: Decimal

    @property
    def earnings_before(self) -> Decimal:
        return self.value_before - self.basis_before

    @property
    def earnings_after(self) -> Decimal:
        return self.value_after - self.basis_after


@dataclass(frozen=True)
class AfterTaxChart:
    plan: str
    owner: str | None
    days: tuple[AfterTaxDay, ...]

    @property
    def contributed(self) -> Decimal:
        return sum((d.basis_after - d.basis_before for d in self.days
                    if d.basis_after > d.basis_before), ZERO)  # fmt: skip

    @property
    def basis_moved(self) -> Decimal:
        return sum((d.basis_before - d.basis_after for d in self.days
                    if d.basis_after < d.basis_before), ZERO)  # fmt: skip


def after_tax_charts(
    analysis: Analysis, entries: Sequence[data.Directive], year: int
) -> list[AfterTaxChart]:
    """Each plan's after-tax money over ``year``, one row per day that moved it."""
    household = analysis.household
    accounts = read_accounts(entries, household)
    valuer = Valuer(prices.build_price_map(entries), analysis.currency)
    history = _basis_history(analysis)
    holdings: dict[Contract, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    days: dict[Contract, list[AfterTaxDay]] = defaultdict(list)
    transactions = [e for e in entries if isinstance(e, data.Transaction)]
    index = 0
    while index < len(transactions) and transactions[index].date.year <= year:
        day = transactions[index].date
        todays = []
        while index < len(transactions) and transactions[index].date == day:
            todays.append(transactions[index])
            index += 1
        for entry in todays:
            valuer.observe(day, valuer.transaction_prices(entry))
        touched = {c for e in todays for p in e.postings
                   if (c := accounts.contract(p.account)) is not None
                   and c.kind is ContractKind.AFTER_TAX}  # fmt: skip
        before = {c: _value(holdings[c], valuer, day) for c in touched}
        for entry in todays:
            for posting in entry.postings:
                contract = accounts.contract(posting.account)
                if contract is not None and contract.kind is ContractKind.AFTER_TAX:
                    commodity, number = units_of(posting)
                    holdings[contract][commodity] += number
        if day.year != year:
            continue
        for contract in sorted(touched):
            basis_before = _basis_on(history, contract, day - datetime.timedelta(days=1))
            basis_after = _basis_on(history, contract, day)
            event = ("contribution" if basis_after > basis_before
                     else "conversion or distribution" if basis_after < basis_before
                     else "earnings")  # fmt: skip
            days[contract].append(AfterTaxDay(day, event, basis_before, before[contract],
                                              basis_after, _value(holdings[contract], valuer,
                                                                  day)))  # fmt: skip
    return [
        AfterTaxChart(contract.payer, household.owner_of(contract.payer), tuple(rows))
        for contract, rows in sorted(days.items())
    ]


def _value(units: dict[str, Decimal], valuer: Valuer, day: datetime.date) -> Decimal:
    total = ZERO
    for commodity, number in units.items():
        if not number:
            continue
        price = valuer.price(commodity, day, {})
        total += number * price if price is not None else ZERO
    return cents(total)


def _basis_history(
    analysis: Analysis,
) -> dict[Contract, tuple[list[datetime.date], list[Decimal]]]:
    history: dict[Contract, tuple[list[datetime.date], list[Decimal]]] = {}
    for day, contract, amount in analysis.basis.basis_history:
        dates, amounts = history.setdefault(contract, ([], []))
        dates.append(day)
        amounts.append(amount)
    return history


def _basis_on(
    history: dict[Contract, tuple[list[datetime.date], list[Decimal]]],
    contract: Contract,
    day: datetime.date,
) -> Decimal:
    dates, amounts = history.get(contract, ([], []))
    position = bisect_right(dates, day)
    return amounts[position - 1] if position else ZERO


# Limit usage over the year ----------------------------------------------------------------------


@dataclass(frozen=True)
class UsageDay:
    """The running totals after one payday (or contribution day)."""

    date: datetime.date
    deferrals: Decimal  # 402(g), all employers
    additions: tuple[tuple[str, Decimal], ...]  # 415(c) by employer, catch-up excluded


@dataclass(frozen=True)
class UsageChart:
    person: str
    limit_402g: Decimal  # with catch-up
    limits_415c: tuple[tuple[str, Decimal], ...]
    days: tuple[UsageDay, ...]


def usage_chart(analysis: Analysis, person: str, year: int) -> UsageChart | None:
    """``person``'s 402(g) and 415(c) running totals over ``year``, day by day."""
    from megaroth.engine.figures import person_limits

    household = analysis.household
    limits = person_limits(analysis, person, year)
    base = limits.deferrals.limit
    employers = [a.employer for a in limits.additions]
    deferred = ZERO
    additions: dict[str, Decimal] = dict.fromkeys(employers, ZERO)
    days: list[UsageDay] = []
    items = []
    for contribution in analysis.basis.contributions:
        source = household.sources.get(contribution.account)
        if source is None or contribution.year != year or source.kind not in ADDITIONS:
            continue
        plan = household.plans[source.plan]
        if plan.owner != person or plan.plan_type == PLAN_457B:
            continue
        items.append((contribution.date, source.kind, plan.employer or plan.account,
                      contribution.amount))  # fmt: skip
    if not items:
        return None
    for day, kind, employer, amount in sorted(items, key=lambda i: i[0]):
        catch_up = ZERO
        if kind in (SourceKind.PRETAX, SourceKind.ROTH):
            before = deferred
            deferred += amount
            catch_up = min(max(ZERO, deferred - base), limits.deferrals.catch_up_limit) - min(
                max(ZERO, before - base), limits.deferrals.catch_up_limit
            )
        additions[employer] = additions.get(employer, ZERO) + amount - catch_up
        row = UsageDay(day, deferred, tuple(sorted(additions.items())))
        if days and days[-1].date == day:
            days[-1] = row
        else:
            days.append(row)
    return UsageChart(
        person,
        limits.deferrals.limit + limits.deferrals.catch_up_limit,
        tuple((a.employer, a.limit) for a in limits.additions),
        tuple(days),
    )


# Roth basis layers over the years ---------------------------------------------------------------


@dataclass(frozen=True)
class RothYearEnd:
    year: int
    contributions: Decimal  # Roth IRA regular contributions left
    conversions_taxed: Decimal  # conversions and rollovers left: taxed when they came in
    conversions_untaxed: Decimal  # ... and what came in untaxed (basis)
    designated_roth: Decimal  # designated Roth basis in the person's plans

    @property
    def total(self) -> Decimal:
        return (self.contributions + self.conversions_taxed + self.conversions_untaxed
                + self.designated_roth)  # fmt: skip


def roth_layers(analysis: Analysis, person: str, year: int) -> list[RothYearEnd]:
    """``person``'s Roth basis at the end of each year from the first with Roth money."""
    history = _basis_history(analysis)
    plans = [
        c for c in history if c.kind is ContractKind.ROTH and c.payer in analysis.household.plans
        and analysis.household.plans[c.payer].owner == person
    ]  # fmt: skip
    state = analysis.roth.get(person)
    first_years = [history[c][0][0].year for c in plans if history[c][0]]
    if state is not None and state.years:
        first_years.append(min(state.years))
    if not first_years:
        return []
    rows = []
    for y in range(min(first_years), year + 1):
        record = state.at(y) if state else None
        layers = [layer for layer in record.layers if layer.left] if record else []
        designated = sum((_basis_on(history, c, datetime.date(y, 12, 31)) for c in plans), ZERO)
        rows.append(
            RothYearEnd(
                y,
                record.contributions_after if record else ZERO,
                sum((layer.taxable for layer in layers), ZERO),
                sum((layer.nontaxable for layer in layers), ZERO),
                designated,
            )
        )
    return rows
