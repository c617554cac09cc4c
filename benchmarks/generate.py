"""Synthetic households for the benchmarks: deterministic from a seed, any size.

    python benchmarks/generate.py --transactions 100000 --years 30 -o /tmp/house.beancount
    python benchmarks/generate.py --statement 100000 -o /tmp/statement.csv

A ledger in megaroth's conventions: people, 401(k) plans with pre-tax, match, after-tax and
IRR sources in fund units at cost with weekly prices, after-tax money converted in-plan soon
after each contribution, a backdoor Roth IRA per person and year, and ordinary household
transactions to reach the requested count. Amounts stay within every year's limits, so the
plugin reports nothing but what it must. ``--statement`` writes a CSV in the layout of the
generic importer's tests (``Date,Activity,Source,Fund,Units,Price,Amount``).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from megaroth.tax.limits import limits_for

CENT = Decimal("0.01")
UNIT = Decimal("0.0001")
FREQUENCIES = {"weekly": 7, "biweekly": 14, "monthly": 30}
PAY = {  # per weekly paycheck; scaled by the payroll frequency
    "PreTax": Decimal("380.00"),
    "Match": Decimal("150.00"),
    "AfterTax": Decimal("500.00"),
}


def ledger_lines(
    transactions: int,
    years: int,
    people: int,
    plans: int,
    payroll: str,
    conversion: str,
    seed: int,
) -> Iterator[str]:
    rng = random.Random(seed)
    end = datetime.date(2025, 12, 31)
    start = datetime.date(end.year - years + 1, 1, 2)
    yield 'option "title" "Synthetic household"\noption "operating_currency" "USD"'
    yield 'option "booking_method" "FIFO"\nplugin "megaroth.plugins"'
    yield '1990-01-01 custom "fava-extension" "megaroth.fava"'
    yield "1990-01-01 open Assets:Checking\n1990-01-01 open Liabilities:Card"
    yield "1990-01-01 open Income:Retirement:Gains\n1990-01-01 open Income:Retirement:Interest"
    yield "1990-01-01 open Expenses:Food\n1990-01-01 open Expenses:Home\n1990-01-01 open Income:Pay"
    owners = [f"person{n}" for n in range(people)]
    accounts = []
    for owner in owners:
        yield f'1990-01-01 custom "megaroth-person" "{owner}"\n  birth-date: 1990-01-01'
        for index in range(plans):
            plan = f"Assets:Retirement:{owner.capitalize()}:Plan{index}"
            accounts.append(plan)
            yield (
                f'1990-01-01 open {plan}\n  megaroth-plan: "401k"\n  owner: "{owner}"\n'
                f'  employer: "Employer {owner} {index}"\n  in-plan-conversion: TRUE'
            )
            for source in (*PAY, "IRR"):
                yield f'1990-01-01 open {plan}:{source}:FUND FUND "FIFO"'
        for kind in ("traditional", "roth"):
            yield (
                f"1990-01-01 open Assets:Retirement:{owner.capitalize()}:{kind.capitalize()}IRA"
                f'\n  megaroth-ira: "{kind}"\n  owner: "{owner}"'
            )
    step = FREQUENCIES[payroll]
    scale = Decimal(step) / 7
    price = Decimal("100.00")
    events = 0
    day = start
    while day <= end:
        price = (price * Decimal(str(round(1 + rng.uniform(-0.01, 0.0125), 5)))).quantize(CENT)
        yield f"{day} price FUND {price} USD"
        per_plan = _pay(day.year, scale, plans)
        for plan in accounts:
            for source, amount in per_plan.items():
                units = (amount / price).quantize(UNIT)
                yield (
                    f'{day} * "Payroll"\n  {plan}:{source}:FUND  {units} FUND '
                    f"{{# {amount} USD}}\n  Income:Pay  -{amount} USD"
                )
                events += 1
            if conversion == "per-payroll" or (conversion == "monthly" and day.day <= step):
                converted = (per_plan["AfterTax"] / price).quantize(UNIT)
                later = (price * Decimal("1.002")).quantize(CENT)
                yield (
                    f'{day + datetime.timedelta(days=2)} * "Plan" "In-plan Roth conversion"\n'
                    f"  {plan}:AfterTax:FUND  -{converted} FUND {{}} @ {later} USD\n"
                    f"  {plan}:IRR:FUND  {converted} FUND {{{later} USD}}\n"
                    "  Income:Retirement:Gains"
                )
                events += 1
        day += datetime.timedelta(days=step)
    for year in range(start.year, end.year + 1):
        backdoor = min(Decimal(5000), limits_for(year).ira)
        for owner in owners:
            ira = f"Assets:Retirement:{owner.capitalize()}"
            yield (
                f'{year}-01-10 * "Bank" "Backdoor Roth, step 1"\n  nondeductible: TRUE\n'
                f"  {ira}:TraditionalIRA  {backdoor} USD\n  Assets:Checking  -{backdoor} USD"
            )
            yield (
                f'{year}-01-24 * "Broker" "Backdoor Roth, step 2"\n'
                f"  {ira}:TraditionalIRA  -{backdoor} USD\n  {ira}:RothIRA  {backdoor} USD"
            )
            events += 2
    ordinary = max(0, transactions - events)
    span = (end - start).days
    for index in range(ordinary):
        day = start + datetime.timedelta(days=index * span // max(ordinary, 1))
        amount = Decimal(rng.randint(100, 25_000)) / 100
        account = "Expenses:Food" if index % 3 else "Expenses:Home"
        yield (
            f'{day} * "Shop {index % 97}" "household"\n  {account}  {amount} USD\n'
            "  Liabilities:Card"
        )


def _pay(year: int, scale: Decimal, plans: int) -> dict[str, Decimal]:
    """Each source's part of one paycheck, kept within the year's 402(g) limit (the amounts
    are sized for 2024's 23,000)."""
    within = min(Decimal(1), limits_for(year).elective_deferrals_402g / Decimal(23_000))
    return {source: (amount * scale * within / plans).quantize(CENT)
            for source, amount in PAY.items()}  # fmt: skip


def statement_lines(rows: int, seed: int) -> Iterator[str]:
    """A generic-layout statement: payroll contributions and conversions, oldest first."""
    rng = random.Random(seed)
    yield "Date,Activity,Source,Fund,Units,Price,Amount"
    day = datetime.date(2000, 1, 3)
    price = Decimal("100.00")
    written = 0
    while written < rows:
        step = Decimal(str(round(1 + rng.uniform(-0.01, 0.0101), 5)))
        price = min(max(price * step, Decimal(50)), Decimal(500)).quantize(CENT)
        for source in ("Roth", "Employer Match", "After Tax"):
            amount = Decimal(rng.randint(20_000, 90_000)) / 100
            units = (amount / price).quantize(UNIT)
            fund = "Vanguard 500 Index Admiral"
            yield f"{day:%m/%d/%Y},Contribution,{source},{fund},{units},{price},{amount}"
            written += 1
        day += datetime.timedelta(days=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--people", type=int, default=2)
    parser.add_argument("--plans", type=int, default=1, help="plans per person")
    parser.add_argument("--payroll", choices=sorted(FREQUENCIES), default="weekly")
    parser.add_argument("--conversion", choices=["per-payroll", "monthly"], default="per-payroll")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--statement", type=int, metavar="ROWS", help="write a statement instead")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.statement:
        lines = statement_lines(args.statement, args.seed)
    else:
        lines = ledger_lines(
            args.transactions,
            args.years,
            args.people,
            args.plans,
            args.payroll,
            args.conversion,
            args.seed,
        )
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
