"""Ledgers for the after-tax room planner: one per pay schedule, a mid-year raise, a job
change and a match true-up, each with its figures worked by hand in its test's docstring
(tests/engine/test_planner.py; the browser test reads one of them in fava)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

HEAD = """\
option "operating_currency" "USD"
plugin "megaroth.plugins"
2000-01-01 custom "fava-extension" "megaroth.fava"
2000-01-01 open Income:Salary
2000-01-01 open Income:Match
"""


def person(name: str, birth_date: str) -> str:
    return f'2000-01-01 custom "megaroth-person" "{name}"\n  birth-date: {birth_date}\n'


def plan(account: str, owner: str, employer: str, *meta: str) -> str:
    lines = [f"2000-01-01 open {account}", '  megaroth-plan: "401k"', f'  owner: "{owner}"',
             f'  employer: "{employer}"', "  in-plan-conversion: TRUE",
             *(f"  {m}" for m in meta)]  # fmt: skip
    for source in ("PreTax", "AfterTax", "Match"):
        lines.append(f"2000-01-01 open {account}:{source}  USD")
    return "\n".join(lines) + "\n"


def paychecks(
    account: str,
    days: Iterable[datetime.date],
    pretax: str,
    after_tax: str,
    match: str,
) -> str:
    """One transaction per payday: the deferral, the after-tax and the match, in USD."""
    out = []
    for day in days:
        out.append(f'{day} * "Payroll" "Contributions"')
        if pretax != "0":
            out.append(f"  {account}:PreTax    {pretax} USD")
        if after_tax != "0":
            out.append(f"  {account}:AfterTax  {after_tax} USD")
        out.append("  Income:Salary")
        if match != "0":
            out.append(f'{day} * "Payroll" "Match"')
            out.append(f"  {account}:Match  {match} USD")
            out.append("  Income:Match")
    return "\n".join(out) + "\n"


def every(first: datetime.date, last: datetime.date, days: int) -> list[datetime.date]:
    out = []
    day = first
    while day <= last:
        out.append(day)
        day += datetime.timedelta(days=days)
    return out


D = datetime.date
ACME = "Assets:Retirement:Acme401k"

#: Biweekly Fridays from Jan 3, 2025, 13 paydays to Jun 20: 900 pre-tax, 1,000 after-tax,
#: 270 match each; no salary, no formula.
BIWEEKLY = (
    HEAD
    + person("alice", "1985-04-01")
    + plan(ACME, "alice", "Acme Corp")
    + paychecks(ACME, every(D(2025, 1, 3), D(2025, 6, 20), 14), "900.00", "1000.00", "270.00")
)

#: Weekly Fridays from Jan 3, 2025, 26 paydays to Jun 27: 1,000 pre-tax, 600 after-tax, 500
#: match; alice is 52 (catch-up 7,500).
WEEKLY = (
    HEAD
    + person("alice", "1973-02-01")
    + plan(ACME, "alice", "Acme Corp")
    + paychecks(ACME, every(D(2025, 1, 3), D(2025, 6, 27), 7), "1000.00", "600.00", "500.00")
)

#: Semimonthly, the 15th and the last day (or the business day before), 12 paydays to Jun 30,
#: 2025; salary 240,000; match 100% of the first 4% with a true-up. Deferrals of 2,350 a
#: paycheck reach 402(g) (23,500) on May 30; after-tax 1,000 each.
SEMIMONTHLY_DAYS = [D(2025, 1, 15), D(2025, 1, 31), D(2025, 2, 14), D(2025, 2, 28),
                    D(2025, 3, 14), D(2025, 3, 31), D(2025, 4, 15), D(2025, 4, 30),
                    D(2025, 5, 15), D(2025, 5, 30), D(2025, 6, 13), D(2025, 6, 30)]  # fmt: skip
SEMIMONTHLY = (
    HEAD
    + person("alice", "1985-04-01")
    + plan(
        ACME, "alice", "Acme Corp", 'match-formula: "100% of the first 4%"', "match-true-up: TRUE"
    )
    + '2025-01-01 custom "megaroth-salary" "alice" "Acme Corp" 240000.00 USD\n'
    + paychecks(ACME, SEMIMONTHLY_DAYS[:10], "2350.00", "1000.00", "400.00")
    + paychecks(ACME, SEMIMONTHLY_DAYS[10:], "0", "1000.00", "0")
)

#: Monthly on the 25th (or the Friday before), 8 paydays to Aug 25, 2025; salary 240,000,
#: raised to 300,000 from Jul 1; 10% pre-tax and 10% after-tax; match 100% of the first 3%
#: and 50% of the next 2%, declared, no true-up.
MONTHLY_DAYS = [D(2025, 1, 24), D(2025, 2, 25), D(2025, 3, 25), D(2025, 4, 25),
                D(2025, 5, 23), D(2025, 6, 25), D(2025, 7, 25), D(2025, 8, 25)]  # fmt: skip
MONTHLY_RAISE = (
    HEAD
    + person("alice", "1985-04-01")
    + plan(ACME, "alice", "Acme Corp", 'match-formula: "100% of the first 3%, 50% of the next 2%"')
    + '2025-01-01 custom "megaroth-salary" "alice" "Acme Corp" 240000.00 USD\n'
    + '2025-07-01 custom "megaroth-salary" "alice" "Acme Corp" 300000.00 USD\n'
    + paychecks(ACME, MONTHLY_DAYS[:6], "2000.00", "2000.00", "800.00")
    + paychecks(ACME, MONTHLY_DAYS[6:], "2500.00", "2500.00", "1000.00")
)

INITECH = "Assets:Retirement:Initech401k"
HOOLI = "Assets:Retirement:Hooli401k"
#: bob, 55 in 2025 (402(g) 23,500 + 7,500 catch-up), leaves Initech after May 23 (11
#: biweekly paydays: 1,500 pre-tax, 1,000 after-tax, 750 match) and joins Hooli on Jun 13
#: (biweekly, 6 paydays to Aug 22: 2,000 pre-tax, 2,000 after-tax, 1,000 match).
JOB_CHANGE = (
    HEAD
    + person("bob", "1970-03-01")
    + plan(INITECH, "bob", "Initech")
    + plan(HOOLI, "bob", "Hooli")
    + paychecks(INITECH, every(D(2025, 1, 3), D(2025, 5, 23), 14), "1500.00", "1000.00", "750.00")
    + paychecks(HOOLI, every(D(2025, 6, 13), D(2025, 8, 22), 14), "2000.00", "2000.00", "1000.00")
)
