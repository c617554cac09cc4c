"""megaroth's Beancount plugins: every stage, in order.

    plugin "megaroth.plugins"

runs the whole pipeline. Each stage can also be used alone:

    plugin "megaroth.plugins.sources"    ; tag plan sub-accounts and postings by money source
    plugin "megaroth.plugins.basis"      ; basis and earnings through every movement
    plugin "megaroth.plugins.limits"     ; annual limits and the safety checklist
    plugin "megaroth.plugins.reconcile"  ; the 1099-Rs and 5498s received, checked

Each is a thin adapter: read, call :mod:`megaroth.engine`, return entries and errors. The
analysis is computed once per load, and kept with it for the fava page and the report.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from beancount.core import data

from megaroth.engine.memo import remember
from megaroth.errors import MegarothError
from megaroth.ledger.guard import guarded
from megaroth.plugins.basis import annotated
from megaroth.plugins.sources import tagged

__plugins__ = ("run_pipeline",)


@guarded
def run_pipeline(
    entries: list[data.Directive],
    options_map: MutableMapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[MegarothError]]:
    """Run every megaroth stage in order, computing the ledger's analysis only once."""
    entries, _ = tagged(entries)
    entries, analysis = annotated(entries, options_map, config or "")
    remember(options_map, analysis, entries, config or "")
    return entries, analysis.errors.all()
