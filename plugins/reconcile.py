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

from collections.abc import MutableMapping
from typing import Any

from beancount.core import data

from megaroth.engine.memo import stage_analysis
from megaroth.errors import MegarothError
from megaroth.ledger.guard import guarded

__plugins__ = ("reconcile_forms",)


@guarded
def reconcile_forms(
    entries: list[data.Directive],
    options_map: MutableMapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[MegarothError]]:
    return entries, list(stage_analysis(entries, options_map, config).errors.reconcile)
