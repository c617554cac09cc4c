"""Tag every plan sub-account, IRA and posting with the money it holds.

    plugin "megaroth.plugins.sources"

(``plugin "megaroth.plugins"`` runs this stage first, then the others.)

For each source sub-account of a plan (DESIGN.md section 2) the Open gains
``megaroth-source`` (the canonical kind) and ``megaroth-owner``, and every posting to it gains
``megaroth-source``, ``megaroth-plan`` (the plan account) and ``megaroth-owner``, so fava
shows them and bean-query can select by them::

    SELECT account, sum(position) WHERE meta('megaroth-source') = 'after-tax' GROUP BY account

Postings to an IRA (or an account below one) gain ``megaroth-ira`` and ``megaroth-owner``.
A declaration that can't be read is a Beancount error on its entry; nothing raises.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from beancount.core import data

from megaroth.plugins.household import Household, HouseholdError, read_household

__plugins__ = ("tag_sources",)

SOURCE_META = "megaroth-source"
PLAN_META = "megaroth-plan"
OWNER_META = "megaroth-owner"
IRA_META = "megaroth-ira"

Tags = Mapping[str, str]
#: The tags of a plan account itself: none, and money posted there is an error.
PLAN_ROOT: Tags = MappingProxyType({})


def tag_sources(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[HouseholdError]]:
    """The entries with source metadata added, and the household's errors."""
    household, errors = read_household(entries)
    tags_of = _lookup(household)
    open_tags = _open_tags(household)
    tagged: list[data.Directive] = []
    for entry in entries:
        if isinstance(entry, data.Transaction):
            found = [tags_of(posting.account) for posting in entry.postings]
            if any(tags is not None for tags in found):  # most transactions: none
                errors.extend(_postings_to_plan_root(entry, found))
                entry = _tag_postings(entry, found)
        elif isinstance(entry, data.Open) and entry.account in open_tags:
            entry = entry._replace(meta={**entry.meta, **open_tags[entry.account]})
        tagged.append(entry)
    return tagged, errors


def _posting_tags(household: Household) -> dict[str, Tags]:
    tags: dict[str, Tags] = {}
    for source in household.sources.values():
        owner = household.plans[source.plan].owner
        tags[source.account] = {
            SOURCE_META: source.kind.value,
            PLAN_META: source.plan,
            **({OWNER_META: owner} if owner else {}),
        }
    for ira in household.iras.values():
        tags[ira.account] = {
            IRA_META: ira.ira_type.value,
            **({OWNER_META: ira.owner} if ira.owner else {}),
        }
    return tags


def _open_tags(household: Household) -> dict[str, Tags]:
    # Only the kind and owner: an Open carrying megaroth-plan or megaroth-ira would
    # declare a new plan or IRA.
    tags: dict[str, Tags] = {}
    for source in household.sources.values():
        owner = household.plans[source.plan].owner
        tags[source.account] = {
            SOURCE_META: source.kind.value,
            **({OWNER_META: owner} if owner else {}),
        }
    return tags


def _tags_for(account: str, posting_tags: Mapping[str, Tags]) -> Tags | None:
    tags = posting_tags.get(account)
    if tags is not None:
        return tags
    # Accounts below an IRA (one per fund, say) belong to it.
    parent = account
    while ":" in parent:
        parent = parent.rsplit(":", 1)[0]
        tags = posting_tags.get(parent)
        if tags is not None and IRA_META in tags:
            return tags
    return None


def _lookup(household: Household) -> Callable[[str], Tags | None]:
    """Each account's tags, worked out once per account (a ledger has few accounts)."""
    posting_tags = _posting_tags(household)

    @functools.cache
    def tags_of(account: str) -> Tags | None:
        if account in household.plans:
            return PLAN_ROOT
        return _tags_for(account, posting_tags)

    return tags_of


def _tag_postings(entry: data.Transaction, found: list[Tags | None]) -> data.Transaction:
    postings = [
        posting._replace(meta={**(posting.meta or {}), **tags}) if tags else posting
        for posting, tags in zip(entry.postings, found, strict=True)
    ]
    return entry._replace(postings=postings)


def _postings_to_plan_root(
    entry: data.Transaction, found: list[Tags | None]
) -> list[HouseholdError]:
    return [
        HouseholdError(
            entry.meta,
            f"This transaction posts to the plan account {posting.account} itself, so megaroth "
            "can't tell whose money (pre-tax, Roth, after-tax...) it is. Post to a source "
            f"sub-account instead, e.g. {posting.account}:AfterTax or {posting.account}:PreTax.",
            entry,
        )
        for posting, tags in zip(entry.postings, found, strict=True)
        if tags is PLAN_ROOT
    ]
