"""Transactions joined by a link are one movement.

A conversion recorded in two halves (out of after-tax money one day, into the Roth source
the next, each balanced against a transfer account) is one in-plan Roth rollover when both
carry the same Beancount link (``^irr-2025-03``). The walk reads the group as one
transaction, on the date and line of its first member; what the halves post to the same
outside account (the transfer account) nets out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from beancount.core import data
from beancount.core.amount import Amount

from megaroth.vocabulary import INDIRECT_ROLLOVER


def joined(
    transactions: Iterable[data.Transaction], is_mine: Callable[[str], bool]
) -> Iterator[data.Transaction]:
    """The transactions that post to megaroth's accounts (``is_mine``), each linked group as
    one, in date order."""
    mine = [e for e in transactions if any(is_mine(p.account) for p in e.postings)]
    members: dict[str, list[data.Transaction]] = defaultdict(list)
    for entry in mine:
        for link in entry.links or ():
            members[link].append(entry)
    group_of: dict[int, list[data.Transaction]] = {}
    for group in members.values():
        # A distribution and its 60-day redeposit share a link but stay two transactions.
        if len(group) > 1 and not any(e.meta.get(INDIRECT_ROLLOVER) is True for e in group):
            whole = _union(group, group_of)
            for entry in whole:
                group_of[id(entry)] = whole
    done: set[int] = set()
    for entry in mine:
        linked = group_of.get(id(entry))
        if linked is None:
            yield entry
        elif id(linked[0]) not in done:
            done.add(id(linked[0]))
            yield merged(linked, is_mine)


def _union(
    group: list[data.Transaction], group_of: dict[int, list[data.Transaction]]
) -> list[data.Transaction]:
    """The group with any group a member already belongs to (two links can chain)."""
    found = {id(entry): entry for entry in group}
    for entry in group:
        for other in group_of.get(id(entry), ()):
            found.setdefault(id(other), other)
    return sorted(found.values(), key=lambda e: (e.date, e.meta.get("lineno", 0)))


def merged(group: list[data.Transaction], is_mine: Callable[[str], bool]) -> data.Transaction:
    """One transaction of the group's postings, the outside accounts' postings netted."""
    first = group[0]
    postings: list[data.Posting] = []
    outside: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in group:
        for posting in entry.postings:
            units = posting.units
            plain = posting.cost is None and posting.price is None
            if (
                not is_mine(posting.account)
                and plain
                and isinstance(units, Amount)
                and isinstance(units.number, Decimal)
            ):
                outside[posting.account, units.currency] += units.number
            else:
                postings.append(posting)
    for (account, currency), number in outside.items():
        if number:
            postings.append(data.Posting(account, Amount(number, currency), None, None, None,
                                         None))  # fmt: skip
    narration = "; ".join(dict.fromkeys(e.narration for e in group if e.narration))
    return first._replace(postings=postings, narration=narration)
