"""The analysis a load made, kept with the load for whatever reads the ledger next.

The plugins compute the analysis while Beancount loads the ledger; the fava page and the
``megaroth report`` command read the same loaded ledger. Rather than compute it again, the
plugin leaves it in the options map Beancount returns (under one key, with a short repr, so
fava's options page shows one line), and a reader takes it when the entries it has are the
entries it was computed for. Beancount's own plugins that run after ours (pad, balance) make
new lists of the same entries: the check compares the entries themselves, not the list.
It is pickled with the options map when Beancount caches a load.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from beancount.core import data

from megaroth.engine.analysis import Analysis, analyse

#: The key of the options map that holds the analysis.
OPTIONS_KEY = "megaroth"
#: The environment variable that makes readers compute the analysis afresh.
RECOMPUTE = "MEGAROTH_RECOMPUTE"


@dataclass(frozen=True, repr=False)
class Memo:
    analysis: Analysis
    entries: tuple[data.Directive, ...]
    config: str | None  # the plugin configuration it was computed with

    def __repr__(self) -> str:
        return "megaroth: the analysis of this load"

    def matches(self, entries: Sequence[data.Directive]) -> bool:
        # Balance entries are the only ones Beancount's checks replace after the plugins.
        mine = [e for e in self.entries if not isinstance(e, data.Balance)]
        theirs = [e for e in entries if not isinstance(e, data.Balance)]
        return len(mine) == len(theirs) and all(a is b for a, b in zip(mine, theirs, strict=True))


def remember(
    options_map: MutableMapping[str, Any],
    analysis: Analysis,
    entries: Sequence[data.Directive],
    config: str | None,
) -> None:
    """Keep ``analysis`` as the analysis of ``entries``, with the load."""
    options_map[OPTIONS_KEY] = Memo(analysis, tuple(entries), config)


def recall(options_map: Mapping[str, Any], entries: Sequence[data.Directive]) -> Analysis | None:
    """The analysis the load made of ``entries``, if it made one (never, with the environment
    variable ``MEGAROTH_RECOMPUTE`` set: ``make bench`` checks that the report is the same
    either way)."""
    if os.environ.get(RECOMPUTE):
        return None
    memo = options_map.get(OPTIONS_KEY)
    return memo.analysis if isinstance(memo, Memo) and memo.matches(entries) else None


def analysis_for(entries: Sequence[data.Directive], options_map: Mapping[str, Any]) -> Analysis:
    """The analysis of a loaded ledger: the load's own, else computed now."""
    return recall(options_map, entries) or analyse(entries, options_map)


def stage_analysis(
    entries: Sequence[data.Directive], options_map: MutableMapping[str, Any], config: str | None
) -> Analysis:
    """The analysis for a plugin stage: an earlier stage's, if it had the same entries and
    configuration, else computed (and kept for the stages after)."""
    memo = options_map.get(OPTIONS_KEY)
    if isinstance(memo, Memo) and memo.config == config and memo.matches(entries):
        return memo.analysis
    analysis = analyse(entries, options_map, config)
    remember(options_map, analysis, entries, config)
    return analysis
