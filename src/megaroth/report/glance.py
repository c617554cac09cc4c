"""The year at a glance: the few figures a person reads first, from the packet.

Taxable income from conversions and rollovers (Form 1040 lines 4b and 5b), the forms
received against those expected (counts by status), the after-tax room left with the
planner's amount per paycheck, the IRA basis carried forward (Form 8606 line 14), and the
problems still open (errors and warnings). The fava page shows it at the top, the PDF packet
on its cover; each figure is one the JSON report carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from megaroth.engine.reconciliation import Status
from megaroth.report.packet import Packet
from megaroth.tax.money import ZERO

#: The statuses of a form, in the order the glance counts them.
STATUSES = (Status.MATCH, Status.MISMATCH, Status.MISSING, Status.UNEXPECTED)


@dataclass(frozen=True)
class RoomLeft:
    """After-tax room at one employer: what 415(c) leaves, and the planner's answer."""

    employer: str
    after_tax_room: Decimal  # 415(c) limit less the annual additions so far
    to_plan: Decimal | None  # once the deferrals, match and true-up to come are kept aside
    per_paycheck: Decimal | None
    last_paycheck: Decimal | None
    paychecks_left: int


@dataclass(frozen=True)
class PersonGlance:
    name: str
    line4b: Decimal
    line5b: Decimal
    line14: Decimal  # Form 8606: basis carried to next year
    rooms: tuple[RoomLeft, ...]

    @property
    def taxable(self) -> Decimal:
        return self.line4b + self.line5b


@dataclass(frozen=True)
class Glance:
    year: int
    people: tuple[PersonGlance, ...]
    forms: tuple[tuple[str, int], ...]  # (status, count), every status, in STATUSES' order
    errors: int
    warnings: int

    @property
    def taxable(self) -> Decimal:
        return sum((p.taxable for p in self.people), ZERO)


def at_a_glance(packet: Packet) -> Glance:
    people = []
    for person in packet.people:
        planned = {e.employer: e for e in person.planner.employers} if person.planner else {}
        rooms = []
        for additions in person.limits.additions:
            plan = planned.get(additions.employer)
            rooms.append(
                RoomLeft(
                    additions.employer,
                    additions.after_tax_room,
                    plan.room if plan else None,
                    plan.per_paycheck if plan else None,
                    plan.last_paycheck if plan else None,
                    len(plan.remaining) if plan else 0,
                )
            )
        people.append(
            PersonGlance(
                person.name,
                person.form_1040.line4b,
                person.form_1040.line5b,
                person.form_8606.get("line14", ZERO),
                tuple(rooms),
            )
        )
    forms = [*packet.forms_1099r, *packet.forms_5498]
    counts = tuple((s.value, sum(1 for f in forms if f.status is s)) for s in STATUSES)
    # The forms that disagree are errors too, as fava's Errors page and the packet say.
    disagree = sum(1 for f in forms if f.status in (Status.MISMATCH, Status.UNEXPECTED))
    errors = sum(1 for f in packet.findings if f.severity.value == "error") + disagree
    warnings = sum(1 for f in packet.findings if f.severity.value == "warning")
    return Glance(packet.year, tuple(people), counts, errors, warnings)
