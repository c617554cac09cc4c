"""Labels as statements write them (activities, money sources, funds), matched to what
``import.py`` maps them to: case and runs of spaces don't matter.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from megaroth.importers.inert import inert
from megaroth.importers.rows import ACTION_NAMES, Action
from megaroth.tax.sources import kinds_explained

#: The word that leaves a row out, in ``actions=``.
IGNORE = "ignore"


@functools.lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A label as megaroth compares labels: lower case, single spaces, markup made inert
    (a row's labels are, :mod:`megaroth.importers.inert`; the same label in ``import.py``
    still matches)."""
    return " ".join(inert(text).lower().split())


def lookup(mapping: Mapping[str, str], *labels: str) -> tuple[str, str] | None:
    """The first label (as the file writes it) that the mapping has, and its value."""
    keyed = _keyed(mapping)
    for label in labels:
        if label and label_key(label) in keyed:
            return label, keyed[label_key(label)]
    return None


#: Each configuration mapping by its labels' keys, made once per mapping (an import looks
#: labels up on every row). The mapping is kept beside its keys, so its id is not reused.
_KEYED: dict[int, tuple[Mapping[str, str], int, dict[str, str]]] = {}


def _keyed(mapping: Mapping[str, str]) -> dict[str, str]:
    found = _KEYED.get(id(mapping))
    if found is not None and found[0] is mapping and found[1] == len(mapping):
        return found[2]
    keyed = {label_key(key): value for key, value in mapping.items()}
    _KEYED[id(mapping)] = (mapping, len(mapping), keyed)
    return keyed


def how_to_map(label: str, setting: str, where: str, ignore: bool = False) -> str:
    """The advice that ends an unknown-label error: what to add, and where."""
    names = f'{ACTION_NAMES}, "{IGNORE}"' if ignore else ACTION_NAMES
    return f'Add  "{label}": "contribution",  (or another of: {names}) to {setting}= {where}.'


def read_actions(
    owner: str, mapping: Mapping[str, str] | None, ignore: bool = False
) -> dict[str, Action | None]:
    """An importer's ``actions=`` (label -> action name), checked: a ValueError names the
    importer, the label and the names it may use."""
    names = f'{ACTION_NAMES}, "{IGNORE}"' if ignore else ACTION_NAMES
    actions: dict[str, Action | None] = {}
    for label, name in (mapping or {}).items():
        if ignore and name == IGNORE:
            actions[label_key(label)] = None
            continue
        try:
            actions[label_key(label)] = Action(name)
        except ValueError:
            raise ValueError(f"{owner} maps {label!r} to {name!r}; use one of {names}.") from None
    return actions


def how_to_map_source(label: str, setting: str, where: str, known: str | None = None) -> str:
    """The advice that ends an unmapped-source error. A kind is suggested only when the
    label's meaning is known (an OFX code); otherwise megaroth lists the kinds, since a
    wrong guess pasted in would make false basis."""
    if known is not None:
        return f'Add  "{label}": "{known}",  to {setting}= {where}.'
    return (
        f'Add  "{label}": "<kind>",  to {setting}= {where}, with the kind of money the plan '
        f"means by it: {kinds_explained()}."
    )
