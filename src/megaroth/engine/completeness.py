"""Money megaroth couldn't classify: said once, and not misread into false alarms.

When a plan's sub-account has no money source megaroth can tell (an error on its Open), the
transactions that post to it are left out of the figures. From the first year they touch, the
plan's conversions, its owner's limits and the plan's 1099-Rs are incomplete: rather than
report a 402(g) excess or a 1099-R mismatch built on money it couldn't follow, megaroth says
once that the figures are incomplete, and which Open to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from megaroth.engine.book import BasisResult
from megaroth.engine.findings import Finding, Severity, about
from megaroth.engine.reconciliation import Reconciled
from megaroth.ledger.household import Household


def incomplete_since(household: Household, basis: BasisResult) -> dict[str, int]:
    """From which year each plan's and each person's figures are incomplete."""
    since: dict[str, int] = {}
    for plan, entries in basis.left_out.items():
        first = min(entry.date.year for entry in entries)
        for name in (plan, household.plans[plan].owner):
            if name:
                since[name] = min(since.get(name, first), first)
    return since


def incomplete_findings(household: Household, basis: BasisResult) -> list[Finding]:
    """One warning per plan with money left out."""
    findings = []
    for plan, entries in sorted(basis.left_out.items()):
        first = min(entry.date.year for entry in entries)
        accounts = sorted({p.account for e in entries for p in e.postings
                           if p.account in household.unclassified})  # fmt: skip
        count = f"{len(entries)} transaction{'s' if len(entries) > 1 else ''}"
        findings.append(
            Finding(
                Severity.WARNING,
                "figures-incomplete",
                f"megaroth left out {count} of {plan} from {first} on: they post to "
                f"{', '.join(accounts)}, whose money source it can't tell (see the error on "
                f"its Open). Until that is fixed, the plan's conversions, its limits and its "
                f"1099-Rs from {first} on are incomplete, and megaroth doesn't check them.",
                entries[0].meta,
                entries[0],
                None,
                about=about(plan, household.plans[plan].owner),
            )
        )
    return findings


def checked(findings: Iterable[Finding], since: Mapping[str, int]) -> list[Finding]:
    """The findings, less those about figures that are incomplete."""
    return [f for f in findings if not _incomplete(f.about, f.year, since)]


def checked_forms(reconciled: Iterable[Reconciled], since: Mapping[str, int]) -> list[Reconciled]:
    return [r for r in reconciled if not _incomplete({r.account}, r.year, since)]


def _incomplete(names: Iterable[str], year: int | None, since: Mapping[str, int]) -> bool:
    return year is not None and any(name in since and year >= since[name] for name in names)
