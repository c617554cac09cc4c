"""Participant loans: which accounts are loan receivables inside a plan (the README, "Plan
loans").

A plan loan is an asset of the participant's account (IRC 72(p)): what was lent sits in a
loan receivable inside the plan, under the money source it was lent from, until it is repaid
or written off. A loan receivable is an account inside a plan source whose last component is
``Loan`` (``Assets:Retirement:Acme401k:PreTax:Loan``), or whose Open says
``megaroth-loan: TRUE``; ``megaroth-loan: FALSE`` says an account named ``Loan`` is not one.
"""

from __future__ import annotations

from collections.abc import Iterable

from beancount.core import data

from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.household import Household
from megaroth.vocabulary import LOAN, LOAN_ACCOUNT


def is_loan_open(open_: data.Open) -> bool:
    """Whether an Open declares a loan receivable, by its name or its ``megaroth-loan``."""
    flag = open_.meta.get(LOAN)
    if isinstance(flag, bool):
        return flag
    return open_.account.rsplit(":", 1)[-1].lower() == LOAN_ACCOUNT.lower()


def loan_errors(entries: Iterable[data.Directive], household: Household) -> list[MegarothError]:
    """An error on each ``megaroth-loan`` that megaroth can't use, on its Open."""
    errors = []
    for entry in entries:
        if not isinstance(entry, data.Open) or LOAN not in entry.meta:
            continue
        flag = entry.meta[LOAN]
        if not isinstance(flag, bool):
            errors.append(
                error_on(
                    entry,
                    f"{entry.account}: {LOAN} is {flag!r}; write  {LOAN}: TRUE  (a loan "
                    f"receivable inside a plan source) or  {LOAN}: FALSE  (no quotes).",
                    Reader.HOUSEHOLD,
                )
            )
        elif flag and entry.account not in household.sources:
            errors.append(
                error_on(
                    entry,
                    f"{entry.account} says {LOAN}: TRUE but is not inside a plan's money "
                    "source. A 401(k) loan is lent from a source of the plan, and its "
                    "receivable stays in the plan under that source, e.g. "
                    f"Assets:Retirement:Acme401k:PreTax:{LOAN_ACCOUNT} (IRAs make no loans). "
                    f"Open it there, or remove {LOAN}: from this Open.",
                    Reader.HOUSEHOLD,
                )
            )
    return errors
