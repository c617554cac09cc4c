"""The 1099-Rs and 5498s received, checked against the ledger.

    plugin "megaroth.plugins.reconcile"

(``plugin "megaroth.plugins"`` runs it last.) A 1099-R whose boxes differ from what the
ledger's conversions, rollovers and distributions add up to, or one with no activity behind
it, is an error on the form's entry; so is a 5498 whose Dec 31 value, rollovers or
conversions differ. A form not recorded yet is not an error (it shows as "missing" on the
megaroth page and in the report). Payers that round can be allowed a tolerance::

    plugin "megaroth.plugins" "{'tolerance': '1.00'}"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from beancount.core import data

from megaroth.plugins.analysis import Analysis, analyse
from megaroth.plugins.config import read_settings
from megaroth.plugins.forms_received import read_forms
from megaroth.plugins.reconciliation import Reconciled, Status

__plugins__ = ("reconcile_forms",)


class ReconcileError(NamedTuple):
    source: data.Meta
    message: str
    entry: data.Directive | None


def reconcile_forms(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[Any]]:
    settings, _ = read_settings(config, options_map)  # the limits stage reports bad settings
    analysis = analyse(entries, options_map, settings)
    return entries, reconcile_errors(entries, analysis)


def reconcile_errors(entries: list[data.Directive], analysis: Analysis) -> list[Any]:
    """Unreadable forms, forms that disagree with the ledger, forms with nothing behind."""
    _, errors = read_forms(analysis.declared)
    problems = [r for r in analysis.reconciled if r.status in (Status.MISMATCH, Status.UNEXPECTED)]
    return [*errors, *(_error(r) for r in problems)]


def describe(result: Reconciled) -> str:
    """What is wrong with a form, and what to do about it."""
    payer = result.received[0].boxes.get("payer") if result.received else None
    name = f"Form {result.form}" + (f" from {payer}" if payer else "")
    what = f"{name} for {result.account}, {result.year}" + (
        f", code {result.code}" if result.code else ""
    )
    if result.status is Status.UNEXPECTED:
        return (
            f"{what}: the ledger has no conversion, rollover or distribution from this account "
            f"in {result.year} with code {result.code}. Record the transaction behind it (both "
            "legs in one transaction), or check the form's account, year and box 7."
        )
    parts = []
    for box, difference in result.differences.items():
        if isinstance(difference, str):
            parts.append(f"{box}: {difference}")
            continue
        expected = (result.expected or {}).get(box)
        reported = (result.reported or {}).get(box)
        parts.append(
            f"{box} says {reported:,.2f} but the ledger says {expected:,.2f} "
            f"(difference {difference:+,.2f})"
        )
    return (
        f"{what}: " + "; ".join(parts) + ". Compare the movements behind it on the megaroth "
        "page: if the ledger is right, ask the payer for a corrected form; if the form is "
        "right, the ledger is missing something (a transaction, earnings, a price)."
    )


def _error(result: Reconciled) -> ReconcileError:
    entry = result.entry
    meta = entry.meta if entry is not None else {}
    return ReconcileError(meta, describe(result), entry)
