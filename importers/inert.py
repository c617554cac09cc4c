"""Statement text made inert: the markup characters no real statement needs, made harmless.

An importer copies a statement's words into the ledger: its descriptions become narrations,
its money source and fund labels are looked up in ``import.py``. fava 1.30 renders a
transaction's payee and narration into its Journal without escaping them (see
``docs/security.md``), so a statement whose description reads
``"><img src=x onerror=alert(1)>`` would run script in the page that also holds fava's
editor, the moment the imported entries are opened. A downloaded file is not trusted text.

No real statement needs ``<``, ``>`` or ``"`` in a description or a label, so every row's
text is made inert where rows are made (:class:`megaroth.importers.rows.Row`): those
characters are replaced by look-alikes that are plain text in any page (single guillemets
and a closing quotation mark, U+2039, U+203A, U+201D), visibly so, and the extract summary
says how many lines held them and which. What real names do contain stays as it is: ``&``
(S&P 500, Dodge & Cox) can only start an entity, which a page shows as text; an apostrophe
(Investor's, Macy's) matters only inside a single-quoted attribute, and fava puts no
imported text into one (a ``custom`` entry's type would be, but importers write
transactions and prices only).
"""

from __future__ import annotations

#: Each markup character and the plain-text look-alike that replaces it.
NEUTRAL: dict[str, str] = {"<": "\u2039", ">": "\u203a", '"': "\u201d"}
_TABLE = str.maketrans(NEUTRAL)


def inert(text: str) -> str:
    """``text`` with every markup character replaced by its look-alike."""
    return text.translate(_TABLE)


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a character :func:`inert` replaces."""
    return any(character in text for character in NEUTRAL)


def described() -> str:
    """The replacements as the summary names them (each character, then its look-alike)."""
    return f"{' '.join(NEUTRAL)} shown as {' '.join(NEUTRAL.values())}"
