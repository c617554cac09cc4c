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

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from beancount.core import data

from megaroth.plugins.analysis import operating_currency, settled_basis
from megaroth.plugins.config import settings_from_options
from megaroth.plugins.engine import BasisError, BasisResult
from megaroth.plugins.household import read_household
from megaroth.plugins.ledger import view
from megaroth.plugins.movements import Movement

__plugins__ = ("track_movements",)


def track_movements(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[BasisError]]:
    """The entries with movement metadata, and the engine's errors."""
    household, _ = read_household(entries)  # the sources stage reports these errors
    settings = settings_from_options(options_map)
    currency = operating_currency(options_map)
    result, _ = settled_basis(view(entries), household, currency, settings.ratio_places)
    return tag_movements(entries, result)


def tag_movements(
    entries: list[data.Directive], result: BasisResult
) -> tuple[list[data.Directive], list[BasisError]]:
    """The entries with the metadata of the movements ``result`` found in them."""
    by_entry: dict[int, list[Movement]] = defaultdict(list)
    for movement in result.movements:
        by_entry[id(movement.meta)].append(movement)
    tagged = [
        _tagged(entry, by_entry[id(entry.meta)])
        if isinstance(entry, data.Transaction) and id(entry.meta) in by_entry
        else entry
        for entry in entries
    ]
    return tagged, list(result.errors)


def movement_meta(movements: list[Movement]) -> dict[str, Any]:
    """The metadata one transaction's movements add up to."""
    meta: dict[str, Any] = {
        "megaroth-kind": _joined(m.kind.value for m in movements),
        "megaroth-gross": sum(m.gross for m in movements),
        "megaroth-basis": sum(m.basis for m in movements),
        "megaroth-taxable": sum(m.taxable for m in movements),
        "megaroth-code": _joined(m.code for m in movements),
    }
    ends = {m.five_year_end for m in movements if m.five_year_end}
    if len(ends) == 1:
        meta["megaroth-five-year-end"] = ends.pop()
    return meta


def _joined(values: Any) -> str:
    return ",".join(dict.fromkeys(values))


def _tagged(entry: data.Transaction, movements: list[Movement]) -> data.Transaction:
    by_account: dict[str, list[Movement]] = defaultdict(list)
    for movement in movements:
        by_account[movement.to_account].append(movement)
    postings = [
        posting._replace(
            meta={**(posting.meta or {}), **movement_meta(by_account[posting.account])}
        )
        if posting.account in by_account
        else posting
        for posting in entry.postings
    ]
    return entry._replace(meta={**entry.meta, **movement_meta(movements)}, postings=postings)
