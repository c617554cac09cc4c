"""The Forms 1099-R and 5498 a ledger records as received (the README, "Forms received").

    2025-01-31 custom "1099-R" Assets:Retirement:Acme401k 2024
      payer: "Fidelity Investments"
      box1: 33550.00 USD
      box2a: 50.00 USD
      box5: 33500.00 USD
      box7: "G"
    2025-05-31 custom "5498" Assets:Retirement:AliceIRA 2024
      box5: 0.00 USD

A form whose account, year or boxes can't be read is an error that says what to write.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import get_close_matches
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.view import tax_year
from megaroth.tax.form_1099r_codes import BOX7_CODES, canonical_code
from megaroth.vocabulary import (
    FLAG_BOXES_1099R,
    FORM_1099R,
    FORM_5498,
    MONEY_BOXES_1099R,
    MONEY_BOXES_5498,
    OTHER_BOXES_1099R,
)

META_KEYS = ("filename", "lineno", "__tolerances__")
BOX_CODE = "box7"
BOX_YEAR = "box11"


@dataclass(frozen=True)
class ReceivedForm:
    """One form as recorded: its account, tax year and boxes."""

    form: str
    account: str
    year: int
    boxes: dict[str, Any]
    entry: data.Custom

    @property
    def code(self) -> str:
        return str(self.boxes.get(BOX_CODE, ""))

    @property
    def date(self) -> datetime.date:
        return self.entry.date


def read_forms(entries: Iterable[data.Directive]) -> tuple[list[ReceivedForm], list[MegarothError]]:
    forms: list[ReceivedForm] = []
    errors: list[MegarothError] = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type not in (FORM_1099R, FORM_5498):
            continue
        form = _read(entry, errors)
        if form is not None:
            forms.append(form)
    return forms, errors


def _read(entry: data.Custom, errors: list[MegarothError]) -> ReceivedForm | None:
    values = [v.value for v in entry.values or []]
    example = f'{entry.date} custom "{entry.type}" Assets:Retirement:Acme401k {entry.date.year - 1}'
    if (
        len(values) != 2
        or not isinstance(values[0], str)
        or tax_year(values[1]) is None
        or ":" not in values[0]
    ):
        errors.append(
            error_on(
                entry,
                f'custom "{entry.type}" needs the account it is for and the tax year, e.g. '
                f"{example}",
                Reader.FORM,
            )
        )
        return None
    money = MONEY_BOXES_1099R if entry.type == FORM_1099R else MONEY_BOXES_5498
    allowed = (*money, *FLAG_BOXES_1099R, *OTHER_BOXES_1099R) if entry.type == FORM_1099R else money
    boxes: dict[str, Any] = {}
    for key, value in entry.meta.items():
        if key in META_KEYS or key.startswith("megaroth-"):
            continue
        if key not in allowed:
            errors.append(error_on(entry, _unknown_box(key, entry.type, allowed), Reader.FORM))
            continue
        if key == BOX_CODE:
            code = _code(value)
            if code is None:
                errors.append(error_on(entry, _bad_code(value), Reader.FORM))
                continue
            value = code
        if key in money:
            number = value.number if isinstance(value, Amount) else value
            if not isinstance(number, Decimal):
                errors.append(
                    error_on(
                        entry, f"{key} is {value!r}; write it as  {key}: 0.00 USD", Reader.FORM
                    )
                )
                continue
            boxes[key] = number
        elif (problem := _not_as_written(key, value)) is not None:
            errors.append(error_on(entry, problem, Reader.FORM))
        else:
            boxes[key] = value
    if entry.type == FORM_1099R and not boxes.get(BOX_CODE):
        errors.append(
            error_on(
                entry,
                f"Form 1099-R for {values[0]} has no box7: add the code(s) in box 7 of the "
                'form, e.g.  box7: "G"',
                Reader.FORM,
            )
        )
        return None
    return ReceivedForm(entry.type, values[0], int(values[1]), boxes, entry)


def _not_as_written(key: str, value: object) -> str | None:
    """Why a year or checkbox box can't be compared as written (None: it can). A year in
    quotes is text, which no year equals: it would pass unchecked."""
    if key == BOX_YEAR and not (
        isinstance(value, Decimal) and value == value.to_integral() and 1900 <= value <= 2199
    ):
        return (
            f"{key} is {value!r}; write the first year of the designated Roth account as a "
            f"number, without quotes:  {key}: 2021  (leave it out if the form leaves it blank)"
        )
    if key in FLAG_BOXES_1099R and not isinstance(value, bool):
        return f"{key} is {value!r}; write  {key}: TRUE  if the box is checked, else leave it out"
    return None


def _unknown_box(key: str, form: str, allowed: Sequence[str]) -> str:
    close = [key.lower()] if key.lower() in allowed else get_close_matches(key, allowed, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    return (
        f"{key!r} is not a box megaroth reads on Form {form}, so it was left out.{hint} "
        f"Boxes megaroth reads: {', '.join(allowed)}."
    )


def _code(value: object) -> str | None:
    """Box 7 as megaroth compares it: one or two known codes, upper case, in a fixed order
    (the form may print "1B" or "B1": the same two codes)."""
    if not isinstance(value, str):
        return None
    letters = [c for c in value.upper() if not c.isspace() and c not in ",;/"]
    if not 1 <= len(letters) <= 2 or any(c not in BOX7_CODES for c in letters):
        return None
    return canonical_code("".join(letters))


def _bad_code(value: object) -> str:
    return (
        f"box7 {value!r} is not a distribution code: write the one or two codes of box 7 as "
        f'they appear on the form, in quotes, e.g.  box7: "G"  or  box7: "1B"  (codes are '
        f"{', '.join(BOX7_CODES)})."
    )
