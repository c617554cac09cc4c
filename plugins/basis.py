"""Follow basis and earnings through every contribution, conversion and rollover.

    plugin "megaroth.plugins.basis"

(``plugin "megaroth.plugins"`` runs it after source tagging.) Every transaction that moves
money out of a plan source or an IRA gains metadata that fava shows and bean-query sums::

    megaroth-kind: "in-plan-roth-rollover"
    megaroth-gross: 33550.00
    megaroth-basis: 33500.00
    megaroth-taxable: 50.00
    megaroth-code: "G"
    megaroth-five-year-end: 2028

A transaction with several destinations (Notice 2014-54) carries the totals, and each
destination posting carries its own part. A movement the engine can't follow is a Beancount
error on the transaction; nothing raises.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from beancount.core import data

from megaroth.engine.analysis import Analysis
from megaroth.engine.memo import remember, stage_analysis
from megaroth.errors import MegarothError
from megaroth.ledger.annotate import tag_movements
from megaroth.ledger.guard import guarded

__plugins__ = ("track_movements",)


def annotated(
    entries: list[data.Directive], options_map: MutableMapping[str, Any], config: str | None
) -> tuple[list[data.Directive], Analysis]:
    """The entries with their movements' metadata, and the analysis that found them."""
    analysis = stage_analysis(entries, options_map, config)
    return tag_movements(entries, analysis.basis.movements), analysis


@guarded
def track_movements(
    entries: list[data.Directive],
    options_map: MutableMapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[MegarothError]]:
    """The entries with movement metadata, and the engine's errors."""
    entries, analysis = annotated(entries, options_map, config)
    remember(options_map, analysis, entries, config)
    return entries, list(analysis.errors.basis)
