"""Where the year's distributions land on Form 1040 (Form 1040 instructions, lines 4-5).

- Lines 4a/4b, IRA distributions: 4a the IRAs' 1099-R box 1 (Roth IRAs' too); 4b the taxable
  part, which Form 8606 works out: line 15c (distributions) + line 18 (conversions) + line
  25c (Roth IRA), plus the earnings of a Roth IRA contribution returned by the due date (box
  2a of its 1099-R, code 8 or P: taxable for the year of the contribution).
- Lines 5a/5b, pensions and annuities: the plans' 1099-R boxes 1 and 2a (conversions,
  rollovers and in-plan Roth rollovers included; a direct rollover has nothing in 2a); of
  box 2a, what was put back within 60 days into pre-tax money is left out of line 5b (an
  indirect rollover: Form 1040 instructions, lines 5a-5b, "Rollovers"). For an IRA, Form
  8606 line 7 leaves it out.
- Line 1h: a plan's corrective distribution of excess deferrals with their earnings (codes 8
  and P: Form 1040 instructions, line 1h), each in the year its code says; not lines 5a/5b.
- Never Form 8949: a conversion's taxable part is not a capital gain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from megaroth.tax.form_1099r import Expected1099R, recharacterized, returns_contribution
from megaroth.tax.money import ZERO


@dataclass(frozen=True)
class Form1040Lines:
    line4a: Decimal
    line4b: Decimal
    line5a: Decimal
    line5b: Decimal
    # Other earned income: excess deferrals returned by a plan, with their earnings (Form 1040
    # instructions, line 1h: corrective distributions shown on Form 1099-R).
    line1h: Decimal = ZERO


def income_year(form: Expected1099R) -> int:
    """The year whose Form 1040 a 1099-R goes on: code P ("taxable in the prior year", a
    contribution returned by the due date for the year before) goes on last year's."""
    return form.year - 1 if "P" in form.code else form.year


def form_1040_lines(
    forms: Iterable[Expected1099R], form_8606: Mapping[str, Decimal]
) -> Form1040Lines:
    """Lines 4a-5b from one person's expected 1099-Rs and Form 8606 lines of the year."""
    # A recharacterization (codes N, R) is no distribution: on neither line (Form 8606
    # instructions, "Recharacterizations"; a statement attached to the return explains it).
    forms = [f for f in forms if not recharacterized(f.code)]
    ira = [f for f in forms if f.ira_sep_simple or f.roth_ira]  # Roth IRAs too (line 4a)
    # A plan's corrective distribution of excess deferrals (codes 8, P) is on line 1h, not 5.
    excess = [f for f in forms if f not in ira and returns_contribution(f.code)]
    plan = [f for f in forms if f not in ira and f not in excess]
    return Form1040Lines(
        line4a=sum((f.box1 for f in ira), ZERO),
        # An IRA's returned contribution: its earnings (box 2a), not on Form 8606.
        line4b=form_8606["line15c"]
        + form_8606["line18"]
        + form_8606["line25c"]
        + sum((f.box2a or ZERO for f in ira if returns_contribution(f.code)), ZERO),
        line5a=sum((f.box1 for f in plan), ZERO),
        line5b=sum(((f.box2a or ZERO) - f.rolled_over_taxable for f in plan), ZERO),
        line1h=sum((f.box2a or ZERO for f in excess), ZERO),
    )
