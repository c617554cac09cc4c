"""The metadata megaroth adds to entries, so fava shows it and bean-query selects by it.

- Every source sub-account's Open gains ``megaroth-source`` (its kind) and ``megaroth-owner``;
  every posting to it gains ``megaroth-source``, ``megaroth-plan`` (the plan account) and
  ``megaroth-owner``; a posting to an IRA (or an account below one) gains ``megaroth-ira``
  and ``megaroth-owner``::

      SELECT account, sum(position) WHERE meta('megaroth-source') = 'after-tax' GROUP BY account

- A transaction that moves money out of a plan source or an IRA gains its movement's figures
  (``megaroth-kind``, ``-gross``, ``-basis``, ``-taxable``, ``-code``, ``-five-year-end``); with
  several destinations (Notice 2014-54) the transaction carries the totals and each
  destination posting its own part.

Entries are never changed in place: an annotated entry is a new entry.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from megaroth.ledger.household import Household
from megaroth.tax.records import Movement
from megaroth.vocabulary import (
    MOVEMENT_BASIS,
    MOVEMENT_CODE,
    MOVEMENT_FIVE_YEAR_END,
    MOVEMENT_GROSS,
    MOVEMENT_KIND,
    MOVEMENT_TAXABLE,
    TAG_IRA,
    TAG_OWNER,
    TAG_PLAN,
    TAG_SOURCE,
)

Tags = Mapping[str, str]


def tag_sources(entries: Sequence[data.Directive], household: Household) -> list[data.Directive]:
    """The entries with source metadata added to source Opens and their postings."""
    tags_of = _lookup(household)
    open_tags = _open_tags(household)
    tagged: list[data.Directive] = []
    for entry in entries:
        if isinstance(entry, data.Transaction):
            found = [tags_of(posting.account) for posting in entry.postings]
            if any(found):  # most transactions: none
                entry = _tag_postings(entry, found)
        elif isinstance(entry, data.Open) and entry.account in open_tags:
            entry = entry._replace(meta={**entry.meta, **open_tags[entry.account]})
        tagged.append(entry)
    return tagged


def _owner(owner: str | None) -> dict[str, str]:
    return {TAG_OWNER: owner} if owner else {}


def _posting_tags(household: Household) -> dict[str, Tags]:
    tags: dict[str, Tags] = {}
    for source in household.sources.values():
        owner = household.plans[source.plan].owner
        tags[source.account] = {
            TAG_SOURCE: source.kind.value,
            TAG_PLAN: source.plan,
            **_owner(owner),
        }
    for ira in household.iras.values():
        tags[ira.account] = {TAG_IRA: ira.ira_type.value, **_owner(ira.owner)}
    return tags


def _open_tags(household: Household) -> dict[str, Tags]:
    # Only the kind and owner: an Open carrying megaroth-plan or megaroth-ira would
    # declare a new plan or IRA.
    return {
        source.account: {
            TAG_SOURCE: source.kind.value,
            **_owner(household.plans[source.plan].owner),
        }
        for source in household.sources.values()
    }


def _lookup(household: Household) -> Callable[[str], Tags | None]:
    """Each account's tags, worked out once per account (a ledger has few accounts)."""
    posting_tags = _posting_tags(household)

    @functools.cache
    def tags_of(account: str) -> Tags | None:
        tags = posting_tags.get(account)
        if tags is not None:
            return tags
        # Accounts below an IRA (one per fund, say) belong to it.
        ira = household.ira_of(account)
        return posting_tags.get(ira.account) if ira else None

    return tags_of


def _tag_postings(entry: data.Transaction, found: list[Tags | None]) -> data.Transaction:
    postings = [
        posting._replace(meta={**(posting.meta or {}), **tags}) if tags else posting
        for posting, tags in zip(entry.postings, found, strict=True)
    ]
    return entry._replace(postings=postings)


def tag_movements(
    entries: Sequence[data.Directive], movements: Iterable[Movement]
) -> list[data.Directive]:
    """The entries with the metadata of the movements found in them."""
    by_entry: dict[int, list[Movement]] = defaultdict(list)
    for movement in movements:
        by_entry[id(movement.meta)].append(movement)
    return [
        _tagged(entry, by_entry[id(entry.meta)])
        if isinstance(entry, data.Transaction) and id(entry.meta) in by_entry
        else entry
        for entry in entries
    ]


def movement_meta(movements: Sequence[Movement]) -> dict[str, Any]:
    """The metadata one transaction's movements add up to."""
    meta: dict[str, Any] = {
        MOVEMENT_KIND: _joined(m.kind.value for m in movements),
        MOVEMENT_GROSS: sum(m.gross for m in movements),
        MOVEMENT_BASIS: sum(m.basis for m in movements),
        MOVEMENT_TAXABLE: sum(m.taxable for m in movements),
        MOVEMENT_CODE: _joined(m.code for m in movements),
    }
    ends = {m.five_year_end for m in movements if m.five_year_end}
    if len(ends) == 1:
        # A Decimal, not an int: Beancount's printer writes only its own value types.
        meta[MOVEMENT_FIVE_YEAR_END] = Decimal(ends.pop())
    return meta


def _joined(values: Iterable[str]) -> str:
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
