"""What a ledger declares about pay, for the after-tax room planner.

On a plan's Open (all optional)::

    2020-01-01 open Assets:Retirement:Acme401k
      megaroth-plan: "401k"
      pay-schedule: "biweekly"                  ; weekly | biweekly | semimonthly | monthly
      match-formula: "100% of the first 3%, 50% of the next 2%"
      match-true-up: TRUE                       ; the plan trues the match up after the year

and a person's annual salary at an employer, from the day it applies (a raise is another)::

    2025-01-01 custom "megaroth-salary" "alice" "Acme Corp" 150000.00 USD

Each declaration that can't be read is an error on its entry that says what to write.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data
from beancount.core.amount import Amount

from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.household import Household
from megaroth.tax.planner import MatchFormula, PaySchedule, parse_match_formula
from megaroth.vocabulary import MATCH_FORMULA, MATCH_TRUE_UP, PAY_SCHEDULE, SALARY

SALARY_EXAMPLE = '"alice" "Acme Corp" 150000.00 USD'


@dataclass(frozen=True)
class PlanPay:
    """What a plan's Open declares about its payroll."""

    schedule: PaySchedule | None = None
    formula: MatchFormula | None = None


@dataclass(frozen=True)
class Payroll:
    plans: Mapping[str, PlanPay] = field(default_factory=dict)
    # Annual salary by (person, employer), from each date on, in date order.
    salaries: Mapping[tuple[str, str], tuple[tuple[datetime.date, Decimal], ...]] = field(
        default_factory=dict
    )


def read_payroll(
    entries: Iterable[data.Directive], household: Household
) -> tuple[Payroll, list[MegarothError]]:
    errors: list[MegarothError] = []
    plans: dict[str, PlanPay] = {}
    salaries: dict[tuple[str, str], list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, data.Open) and entry.account in household.plans:
            declared = _plan_pay(entry, errors)
            if declared != PlanPay():
                plans[entry.account] = declared
        elif isinstance(entry, data.Custom) and entry.type == SALARY:
            values = [v.value for v in entry.values or []]
            if (len(values) == 3 and isinstance(values[0], str) and isinstance(values[1], str)
                    and isinstance(values[2], Amount) and values[2].number is not None
                    and values[2].number > 0):  # fmt: skip
                salaries[values[0], values[1]].append((entry.date, values[2].number))
            else:
                errors.append(
                    error_on(
                        entry,
                        f'custom "{SALARY}" needs the person, the employer and the annual '
                        f'salary from this day on, e.g. {entry.date} custom "{SALARY}" '
                        f"{SALARY_EXAMPLE}",
                        Reader.FACTS,
                    )
                )
    return Payroll(plans, {k: tuple(sorted(v)) for k, v in salaries.items()}), errors


def _plan_pay(open_: data.Open, errors: list[MegarothError]) -> PlanPay:
    meta = open_.meta
    schedule = None
    raw = meta.get(PAY_SCHEDULE)
    if raw is not None:
        try:
            schedule = PaySchedule(str(raw).strip().lower())
        except ValueError:
            kinds = " | ".join(kind.value for kind in PaySchedule)
            errors.append(
                error_on(open_, f"{open_.account}: {PAY_SCHEDULE} {raw!r} is not a pay schedule; "
                         f'write one of {kinds}, e.g.  {PAY_SCHEDULE}: "biweekly"',
                         Reader.HOUSEHOLD)
            )  # fmt: skip
    true_up = meta.get(MATCH_TRUE_UP, False)
    if not isinstance(true_up, bool):
        errors.append(
            error_on(open_, f"{open_.account}: {MATCH_TRUE_UP} is {true_up!r}; write  "
                     f"{MATCH_TRUE_UP}: TRUE  or  {MATCH_TRUE_UP}: FALSE  (no quotes).",
                     Reader.HOUSEHOLD)
        )  # fmt: skip
        true_up = False
    formula = None
    text = meta.get(MATCH_FORMULA)
    if text is not None:
        formula = parse_match_formula(text, true_up) if isinstance(text, str) else None
        if formula is None:
            errors.append(
                error_on(open_, f"{open_.account}: {MATCH_FORMULA} {text!r} can't be read. "
                         "Write each tier as the share matched of a share of pay, e.g.  "
                         f'{MATCH_FORMULA}: "100% of the first 3%, 50% of the next 2%"',
                         Reader.HOUSEHOLD)
            )  # fmt: skip
    elif true_up:
        errors.append(
            error_on(open_, f"{open_.account}: {MATCH_TRUE_UP} needs the formula it trues up: "
                     f'add  {MATCH_FORMULA}: "100% of the first 4%"  (the plan\'s own).',
                     Reader.HOUSEHOLD)
        )  # fmt: skip
    return PlanPay(schedule, formula)


def salaries_of(
    payroll: Payroll, person: str, employer: str
) -> tuple[tuple[datetime.date, Decimal], ...]:
    return tuple(payroll.salaries.get((person, employer), ()))
