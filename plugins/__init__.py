"""megaroth's Beancount plugins: every stage, in order.

    plugin "megaroth.plugins"

runs the whole pipeline. Each stage can also be used alone:

    plugin "megaroth.plugins.sources"    ; tag plan sub-accounts and postings by money source
    plugin "megaroth.plugins.basis"      ; basis and earnings through every movement
    plugin "megaroth.plugins.limits"     ; annual limits and the safety checklist
    plugin "megaroth.plugins.reconcile"  ; the 1099-Rs and 5498s received, checked
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from beancount.core import data

from megaroth.plugins.basis import track_movements
from megaroth.plugins.limits import check_limits
from megaroth.plugins.reconcile import reconcile_forms
from megaroth.plugins.sources import tag_sources

__plugins__ = ("run_pipeline",)

Stage = Callable[
    [list[data.Directive], Mapping[str, Any], str | None],
    tuple[list[data.Directive], list[Any]],
]

STAGES: tuple[Stage, ...] = (tag_sources, track_movements, check_limits, reconcile_forms)


def run_pipeline(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[Any]]:
    """Run every megaroth stage in order, collecting their errors."""
    errors: list[Any] = []
    for stage in STAGES:
        entries, stage_errors = stage(entries, options_map, config)
        errors.extend(stage_errors)
    return entries, errors
