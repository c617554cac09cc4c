"""The tax packet of one year: the figures a preparer needs, as typed records.

Built from the analysis by :mod:`~megaroth.report.build`; written out as JSON by
:mod:`~megaroth.report.as_json` and as tables (text, Markdown, CSV) by
:mod:`~megaroth.report.formats`, so every format carries the same figures. The records are
the analysis' own (movements with their lots, limit usage, forms reconciled, findings):
the packet picks the year's and the person's, and adds nothing that could disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from megaroth.engine.corrections import Correction
from megaroth.engine.figures import PersonLimits
from megaroth.engine.findings import Finding
from megaroth.engine.reconciliation import Reconciled
from megaroth.engine.year_charts import RothYearEnd
from megaroth.tax.form_1040 import Form1040Lines
from megaroth.tax.planner import PersonPlan
from megaroth.tax.records import Movement, Rollover
from megaroth.tax.roth_ira import Clock


@dataclass(frozen=True)
class Person:
    name: str
    limits: PersonLimits
    form_1040: Form1040Lines
    form_8606: Mapping[str, Decimal]  # "line1" ... "line25c"
    five_year_clocks: tuple[Clock, ...]
    after_tax_basis_recovered: Decimal
    # Basis that movements at a loss used up without recovering it (it is in box 5).
    after_tax_basis_unrecovered: Decimal
    # Whether the year's Roth IRA distributions are qualified, in words, and the first year
    # of the Roth IRAs' 5-taxable-year period (IRC 408A(d)(2)).
    roth_ira_qualified: str = ""
    roth_ira_first_year: int | None = None
    # The after-tax room planner's figures for the year (None: no plan contributions).
    planner: PersonPlan | None = None
    # Roth basis as the year ends: Roth IRA layers and designated Roth basis in plans.
    roth_basis: RothYearEnd | None = None


@dataclass(frozen=True)
class Packet:
    year: int
    currency: str
    people: tuple[Person, ...]
    movements: tuple[Movement, ...]
    forms_1099r: tuple[Reconciled, ...]
    forms_5498: tuple[Reconciled, ...]
    findings: tuple[Finding, ...]
    # 60-day rollovers of the year (done, refused or in flight) and the corrections made.
    rollovers: tuple[Rollover, ...] = ()
    corrections: tuple[Correction, ...] = ()
