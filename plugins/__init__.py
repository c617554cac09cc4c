"""megaroth's Beancount plugins: every stage, in order.

    plugin "megaroth.plugins"

runs the whole pipeline. Each stage can also be used alone:

    plugin "megaroth.plugins.sources"    ; tag plan sub-accounts and postings by money source
    plugin "megaroth.plugins.basis"      ; basis and earnings through every movement
    plugin "megaroth.plugins.limits"     ; annual limits and the safety checklist
    plugin "megaroth.plugins.reconcile"  ; the 1099-Rs and 5498s received, checked
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from beancount.core import data

from megaroth.plugins.analysis import analyse
from megaroth.plugins.basis import tag_movements
from megaroth.plugins.config import read_settings
from megaroth.plugins.limits import limit_errors
from megaroth.plugins.reconcile import reconcile_errors
from megaroth.plugins.sources import tag_sources

__plugins__ = ("run_pipeline",)


def run_pipeline(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[Any]]:
    """Run every megaroth stage in order, computing the ledger's analysis only once."""
    entries, errors = tag_sources(entries, options_map, config)
    settings, config_errors = read_settings(config, options_map)
    analysis = analyse(entries, options_map, settings)
    entries, basis_errors = tag_movements(entries, analysis.basis)
    return entries, [
        *errors,
        *basis_errors,
        *config_errors,
        *limit_errors(entries, analysis),
        *reconcile_errors(entries, analysis),
    ]
