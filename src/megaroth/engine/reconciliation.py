"""The 1099-Rs and 5498s received, against what the ledger says they should be.

Forms are compared per account, tax year and box 7 code (its codes as a set: "1B" is "B1");
several forms for one of those add up (payers split a Notice 2014-54 distribution either
way). Each comparison is a ``match``, a ``mismatch`` (box by box, with the difference),
``missing`` (activity, no form recorded) or ``unexpected`` (a form with no activity behind
it). A box the ledger expects blank (a Roth IRA's box 2a) is not compared; a qualified Roth
IRA distribution a custodian codes T instead of Q (it doesn't know the owner's 5-year period
is met: Instructions for Forms 1099-R, code T) is the same form. A 5498 is compared by the
boxes of its IRA's type (Instructions for Form 5498: 1 traditional IRA contributions, 2
rollovers, 3 Roth conversions, 5 value on Dec 31, 8 SEP, 9 SIMPLE, 10 Roth IRA
contributions; 4 recharacterized contributions received, with their earnings).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from beancount.core import data

from megaroth.engine.values import AccountValue, ira_year_end_values
from megaroth.errors import MegarothError, Reader
from megaroth.ledger.forms_received import ReceivedForm
from megaroth.ledger.household import Household
from megaroth.ledger.view import LedgerView
from megaroth.tax.form_1099r import Expected1099R
from megaroth.tax.form_1099r_codes import canonical_code
from megaroth.tax.money import ZERO
from megaroth.tax.records import Movement, MovementKind, Rollover, into
from megaroth.tax.sources import IraType
from megaroth.vocabulary import BOX_PAYER, FORM_1099R, FORM_5498

COMPARED_FLAGS = ("box2b-not-determined", "ira-sep-simple")
#: Code Q, and the code a custodian that doesn't know the 5-year period is met uses instead.
QUALIFIED_ROTH_IRA, NOT_KNOWN_QUALIFIED = "Q", "T"
#: Form 5498's box for each IRA type's contributions (Instructions for Form 5498).
CONTRIBUTIONS_BOX_5498 = {
    IraType.TRADITIONAL: "box1",
    IraType.SEP: "box8",
    IraType.SIMPLE: "box9",
    IraType.ROTH: "box10",
}
ROLLOVERS_IN = (
    MovementKind.ROLLOVER_TO_ROTH_IRA,
    MovementKind.ROTH_ROLLOVER_TO_ROTH_IRA,
    MovementKind.ROLLOVER_TO_IRA,
)


class Status(StrEnum):
    MATCH = "match"
    MISMATCH = "mismatch"
    MISSING = "missing"
    UNEXPECTED = "unexpected"


@dataclass(frozen=True)
class Reconciled:
    """One account, year and code: what the ledger expects, what was received."""

    form: str
    account: str
    year: int
    code: str
    status: Status
    expected: dict[str, Any] | None
    reported: dict[str, Any] | None
    differences: dict[str, Any] = field(default_factory=dict)
    received: tuple[ReceivedForm, ...] = ()

    @property
    def entry(self) -> data.Directive | None:
        return self.received[0].entry if self.received else None


def reconcile_1099r(
    expected: Sequence[Expected1099R],
    received: Iterable[ReceivedForm],
    tolerance: Decimal = ZERO,
) -> list[Reconciled]:
    forms: dict[tuple[str, int, str], list[ReceivedForm]] = defaultdict(list)
    for form in received:
        if form.form != FORM_5498:
            forms[form.account, form.year, form.code].append(form)
    results = []
    for item in expected:
        key = (item.payer, item.year, item.code)
        boxes = item.boxes()
        got = forms.pop((item.payer, item.year, canonical_code(item.code)), [])
        if not got and item.code == QUALIFIED_ROTH_IRA:
            got = forms.pop((item.payer, item.year, NOT_KNOWN_QUALIFIED), [])
        if not got:
            results.append(Reconciled(FORM_1099R, *key, Status.MISSING, boxes, None))
            continue
        reported = _summed(got)
        differences = _differences(boxes, reported, tolerance)
        status = Status.MISMATCH if differences else Status.MATCH
        results.append(Reconciled(FORM_1099R, *key, status, boxes, reported, differences,
                                  tuple(got)))  # fmt: skip
    for (account, year, code), got in sorted(forms.items()):
        results.append(
            Reconciled(FORM_1099R, account, year, code, Status.UNEXPECTED, None, _summed(got), {},
                       tuple(got))
        )  # fmt: skip
    return sorted(results, key=lambda r: (r.year, r.account, r.code))


def _summed(forms: list[ReceivedForm]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for form in forms:
        for key, value in form.boxes.items():
            if isinstance(value, Decimal) and key != "box11":
                total[key] = total.get(key, ZERO) + value
            else:
                total.setdefault(key, value)
    return total


def _differences(
    expected: dict[str, Any], reported: dict[str, Any], tolerance: Decimal
) -> dict[str, Any]:
    differences: dict[str, Any] = {}
    for key, value in expected.items():
        if isinstance(value, Decimal):
            if key == "box2a" and key not in reported and reported.get("box2b-not-determined"):
                continue  # left blank, "taxable amount not determined": Form 8606 decides
            got = reported.get(key, ZERO)  # any other money box left blank is zero
            if isinstance(got, Decimal) and abs(got - value) > tolerance:
                differences[key] = got - value
        elif (
            key in COMPARED_FLAGS
            and value is not None
            and key in reported
            and bool(reported[key]) != bool(value)
        ):
            differences[key] = f"expected {_flag(value)}, reported {_flag(reported[key])}"
        elif key == "box11" and value is not None and _year(reported.get(key)) not in (None, value):
            differences[key] = f"expected {value}, reported {reported[key]}"
    return differences


def _year(value: object) -> int | None:
    return int(value) if isinstance(value, (int, Decimal)) else None


def _flag(value: object) -> str:
    return "TRUE" if value else "FALSE"


def reconcile_5498(
    ledger: LedgerView,
    household: Household,
    movements: Sequence[Movement],
    contributions: dict[tuple[str, int], Decimal],
    received: Iterable[ReceivedForm],
    currency: str,
    tolerance: Decimal = ZERO,
    rollovers: Sequence[Rollover] = (),
) -> list[Reconciled]:
    """Each 5498 recorded: Dec 31 value (box 5), rollovers (box 2: direct, and 60-day ones put
    back in the year), conversions (box 3)."""
    forms = [form for form in received if form.form == FORM_5498]
    year_ends = ira_year_end_values(ledger, household, currency, {f.year for f in forms})
    results = []
    for recorded in forms:
        # A 5498 is for a whole IRA: one recorded on a fund's sub-account is its IRA's.
        ira = household.ira_of(recorded.account)
        ira_type = ira.ira_type if ira else IraType.TRADITIONAL
        form = dataclasses.replace(recorded, account=ira.account) if ira else recorded
        expected = _expected_5498(year_ends, movements, contributions, form, ira_type)
        # 60-day rollovers from an IRA into one of the same kind make no movement of their own;
        # a redeposit the IRA was told is a rollover is one on its form, whatever the law says.
        expected["box2"] += sum(
            (r.amount for r in rollovers if (r.kind is None or r.refused)
             and r.redeposited is not None
             and r.redeposited.year == form.year and r.to_account
             and into(r.to_account, form.account)),
            ZERO,
        )  # fmt: skip
        compared = {k: v for k, v in expected.items() if k in form.boxes}
        differences = _differences(compared, form.boxes, tolerance)
        status = Status.MISMATCH if differences else Status.MATCH
        results.append(
            Reconciled(FORM_5498, recorded.account, form.year, "", status, compared,
                       dict(form.boxes), differences, (recorded,))
        )  # fmt: skip
    return results


def _expected_5498(
    year_ends: dict[tuple[str, int], AccountValue],
    movements: Sequence[Movement],
    contributions: dict[tuple[str, int], Decimal],
    form: ReceivedForm,
    ira_type: IraType,
) -> dict[str, Decimal]:
    dec_31 = sum(
        (
            value.value
            for (account, year), value in year_ends.items()
            if year == form.year and into(account, form.account)
        ),
        ZERO,
    )
    arrived = [m for m in movements if m.year == form.year and into(m.to_account, form.account)]
    # Each type's contributions in its own box; the other boxes of contributions are blank.
    contributed = contributions.get((form.account, form.year), ZERO)
    boxes = {box: contributed if kind is ira_type else ZERO
             for kind, box in CONTRIBUTIONS_BOX_5498.items()}  # fmt: skip
    return {
        **boxes,
        "box2": sum((m.gross for m in arrived if m.kind in ROLLOVERS_IN), ZERO),
        "box3": sum((m.gross for m in arrived if m.kind is MovementKind.IRA_CONVERSION), ZERO),
        # Recharacterized contributions received, with their earnings (IRC 408A(d)(6)).
        "box4": sum((m.gross for m in arrived if m.kind is MovementKind.RECHARACTERIZATION), ZERO),
        "box5": dec_31,
    }


def problems(reconciled: Iterable[Reconciled]) -> list[MegarothError]:
    """An error on each form that disagrees with the ledger or has nothing behind it."""
    return [
        MegarothError(
            r.entry.meta if r.entry is not None else {},
            describe(r),
            r.entry,
            Reader.FORM_MISMATCH if r.status is Status.MISMATCH else Reader.FORM_UNEXPECTED,
        )
        for r in reconciled
        if r.status in (Status.MISMATCH, Status.UNEXPECTED)
    ]


def describe(result: Reconciled) -> str:
    """What is wrong with a form, and what to do about it."""
    payer = result.received[0].boxes.get(BOX_PAYER) if result.received else None
    name = f"Form {result.form}" + (f" from {payer}" if payer else "")
    what = f"{name} for {result.account}, {result.year}" + (
        f", code {result.code}" if result.code else ""
    )
    if result.status is Status.UNEXPECTED:
        return (
            f"{what}: the ledger has no conversion, rollover or distribution from this account "
            f"in {result.year} with code {result.code}. Record the transaction behind it (both "
            "legs in one transaction), or check the form's account, year and box 7."
        )
    parts = []
    for box, difference in result.differences.items():
        if isinstance(difference, str):
            parts.append(f"{box}: {difference}")
            continue
        expected = (result.expected or {}).get(box, ZERO)
        reported = (result.reported or {}).get(box)
        said = "is left blank" if reported is None else f"says {reported:,.2f}"
        parts.append(
            f"{box} {said} but the ledger says {expected:,.2f} (difference {difference:+,.2f})"
        )
    return (
        f"{what}: " + "; ".join(parts) + ". Compare the movements behind it on the megaroth "
        "page: if the ledger is right, ask the payer for a corrected form; if the form is "
        "right, the ledger is missing something (a transaction, earnings, a price)."
    )
