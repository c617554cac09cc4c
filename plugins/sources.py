"""Tag every plan sub-account, IRA and posting with the money it holds.

    plugin "megaroth.plugins.sources"

(``plugin "megaroth.plugins"`` runs this stage first, then the others.) Source sub-accounts'
Opens gain ``megaroth-source`` and ``megaroth-owner``; their postings also gain
``megaroth-plan``; postings to an IRA gain ``megaroth-ira`` and ``megaroth-owner``
(:mod:`megaroth.ledger.annotate`). A declaration that can't be read is a Beancount error on
its entry; nothing raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from beancount.core import data

from megaroth.errors import MegarothError
from megaroth.ledger import annotate
from megaroth.ledger.guard import guarded
from megaroth.ledger.household import postings_to_plan_roots, read_household
from megaroth.ledger.view import view

__plugins__ = ("tag_sources",)


def tagged(entries: list[data.Directive]) -> tuple[list[data.Directive], list[MegarothError]]:
    """The entries tagged, and the errors of the household's declarations."""
    ledger = view(entries)
    household, errors = read_household(ledger.declared)
    errors += postings_to_plan_roots(ledger.transactions, household)
    return annotate.tag_sources(entries, household), errors


@guarded
def tag_sources(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[MegarothError]]:
    return tagged(entries)
