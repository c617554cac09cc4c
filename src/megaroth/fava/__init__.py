"""The megaroth page in fava.

    2024-01-01 custom "fava-extension" "megaroth.fava"

adds a "megaroth" page, per tax year: each person's plans, money sources and IRAs with their
values; basis and earnings of the after-tax and Roth money over time; the limits; the
1099-Rs expected against those received; the checks; the year's movements with their lots;
and the tax packet to download. Everything links to the entries behind it. The figures are
computed once per ledger load, by the plugins while Beancount loads the ledger.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from beancount.core import data
from fava.ext import FavaExtensionBase, extension_endpoint
from flask import Response, g, request
from markupsafe import Markup

from megaroth.engine.analysis import Analysis
from megaroth.engine.corrections import Correction
from megaroth.engine.figures import (
    PersonLimits,
    corrections_of,
    default_year,
    five_year_clocks,
    form_8606_lines,
    person_limits,
    rollovers_of,
)
from megaroth.engine.memo import analysis_for
from megaroth.engine.planning import plan_person
from megaroth.engine.reconciliation import Reconciled, Status, describe
from megaroth.engine.timeline import Timeline, timelines
from megaroth.engine.values import HouseholdValues, household_values
from megaroth.engine.year_charts import (
    AfterTaxChart,
    RothYearEnd,
    UsageChart,
    after_tax_charts,
    roth_layers,
    usage_chart,
)
from megaroth.errors import MegarothError, Reader
from megaroth.fava.charts import svg
from megaroth.fava.year_charts import after_tax_svg, roth_layers_svg, usage_svg
from megaroth.report.build import build_packet
from megaroth.report.formats import BOX_NAMES, BOX_NAMES_5498, RENDERERS
from megaroth.report.glance import Glance, at_a_glance
from megaroth.report.packet import Packet
from megaroth.report.pdf import render_pdf
from megaroth.tax.planner import PersonPlan
from megaroth.tax.records import Movement, Rollover
from megaroth.tax.roth_ira import Clock, Layer
from megaroth.vocabulary import FORM_1099R

DOWNLOADS = {
    "csv": "text/csv",
    "md": "text/markdown",
    "json": "application/json",
    "text": "text/plain",
    "pdf": "application/pdf",
}
SUFFIXES = {"csv": "csv", "md": "md", "json": "json", "text": "txt", "pdf": "pdf"}


#: What megaroth couldn't read: shown with the checks, on every year it concerns.
UNREADABLE = {reader.value for reader in Reader} - {Reader.FORM_MISMATCH, Reader.FORM_UNEXPECTED}


@dataclass(frozen=True)
class Check:
    """One line of the page's checks: a finding, a form that disagrees, or an error."""

    severity: str
    check: str
    message: str
    meta: Mapping[str, object]


def _key(name: str) -> str:
    """An id part for a person: letters and digits only, whatever their name holds."""
    return hashlib.sha256(name.encode()).hexdigest()[:10]


def _year_of(error: MegarothError) -> int | None:
    """The year of the entry an error is about (None: every year)."""
    entry = error.entry
    return entry.date.year if isinstance(entry, data.Transaction) else None


class Megaroth(FavaExtensionBase):
    """Plans, money sources, limits, forms and movements, per person and tax year."""

    report_title = "megaroth"

    _values: HouseholdValues | None = None
    _analysis: Analysis | None = None
    _timelines: list[Timeline] | None = None
    _packets: dict[int, Packet] | None = None

    def after_load_file(self) -> None:
        self._values = None
        self._analysis = None
        self._timelines = None
        self._packets = None

    def year_packet(self, year: int) -> Packet:
        """The tax packet of ``year``: the figures the JSON report and the PDF carry."""
        if self._packets is None:
            self._packets = {}
        if year not in self._packets:
            self._packets[year] = build_packet(self.analysis(), year)
        return self._packets[year]

    def glance(self, year: int) -> Glance:
        """The year at a glance, from the packet."""
        return at_a_glance(self.year_packet(year))

    def section_open(self, section: str, year: int) -> bool:
        """Whether a section starts open: the planner and the limits always; the forms and
        the checks when they hold a problem; the long tables (Form 8606, movements,
        holdings) closed until asked for."""
        if section in ("planner", "limits", "charts"):
            return True
        if section == "forms":
            return any(r.status is not Status.MATCH for r in self.reconciled(year))
        if section == "findings":
            return bool(self.findings(year))
        if section == "returns":  # a rollover in flight has a deadline to keep
            return any(r.in_flight for r in self.rollovers(year)) or bool(self.corrections(year))
        return False

    def _entries(self) -> list[data.Directive]:
        # fava types its entries with its own protocols; at run time they are Beancount's.
        return cast("list[data.Directive]", self.ledger.all_entries)

    def analysis(self) -> Analysis:
        """The analysis the plugin made during the load (computed here only if it didn't)."""
        if self._analysis is None:
            options = cast("dict[str, object]", self.ledger.options)
            self._analysis = analysis_for(self._entries(), options)
        return self._analysis

    def values(self) -> HouseholdValues:
        if self._values is None:
            analysis = self.analysis()
            self._values = household_values(self._entries(), analysis.household, analysis.currency)
        return self._values

    def timelines(self, person: str) -> list[tuple[Timeline, Markup]]:
        if self._timelines is None:
            analysis = self.analysis()
            self._timelines = timelines(
                self._entries(), analysis.household, analysis.basis, analysis.currency
            )
        # The SVG holds only numbers and fixed class names: nothing from the ledger.
        return [(t, Markup(svg(t))) for t in self._timelines if t.owner == person and t.points]

    def years(self) -> list[int]:
        return self.analysis().years()

    def year(self) -> int:
        """``?year=``, else the year of fava's time filter, else the latest with activity."""
        asked = request.args.get("year", "")
        if asked.isdigit():
            return int(asked)
        if request.args.get("time"):
            date_range = g.filtered.date_range
            if date_range is not None:
                last_day: datetime.date = date_range.end - datetime.timedelta(days=1)
                return last_day.year
        return default_year(self.analysis(), self._entries())

    def limits(self, person: str, year: int) -> PersonLimits:
        return person_limits(self.analysis(), person, year)

    def after_tax_charts(self, person: str, year: int) -> list[tuple[AfterTaxChart, Markup]]:
        """Each of ``person``'s plans' after-tax money over ``year``, with its chart."""
        charts = after_tax_charts(self.analysis(), self._entries(), year)
        return [(c, after_tax_svg(c, year, f"after-tax-{_key(person)}-{i}"))
                for i, c in enumerate(charts) if c.owner == person and c.days]  # fmt: skip

    def usage_chart(self, person: str, year: int) -> tuple[UsageChart, Markup] | None:
        chart = usage_chart(self.analysis(), person, year)
        return (chart, usage_svg(chart, year, f"usage-{_key(person)}")) if chart else None

    def roth_chart(self, person: str, year: int) -> tuple[list[RothYearEnd], Markup] | None:
        rows = roth_layers(self.analysis(), person, year)
        return (rows, roth_layers_svg(rows, person, f"roth-{_key(person)}")) if rows else None

    def planner(self, person: str, year: int) -> PersonPlan | None:
        """The after-tax room planner's figures for ``person`` in ``year``."""
        return plan_person(self.analysis(), person, year)

    def findings(self, year: int) -> list[Check]:
        """Everything fava's Errors page says of the year: the findings, the forms that
        disagree, and the declarations and transactions megaroth can't read."""
        analysis = self.analysis()
        checks = [
            Check(f.severity.value, f.check, f.message, f.meta)
            for f in analysis.findings
            if f.year in (year, None)
        ]
        checks += [
            Check("error", f"form-{r.status.value}", describe(r), r.entry.meta if r.entry else {})
            for r in analysis.reconciled
            if r.year == year and r.status in (Status.MISMATCH, Status.UNEXPECTED)
        ]
        errors = analysis.errors
        readers = [*errors.sources, *errors.basis, *errors.limits, *errors.reconcile]
        checks += [
            Check("error", e.check, e.message, e.source or {})
            for e in readers
            if e.check in UNREADABLE and _year_of(e) in (year, None)
        ]
        return checks

    def reconciled(self, year: int) -> list[Reconciled]:
        return [r for r in self.analysis().reconciled if r.year == year]

    def form_8606(self, person: str, year: int) -> dict[str, Decimal]:
        return form_8606_lines(self.analysis(), person, year)

    def clocks(self, person: str, year: int) -> list[Clock]:
        return [c for c in five_year_clocks(self.analysis(), year) if c.person == person]

    def roth_layers(self, person: str, year: int) -> list[Layer]:
        """The Roth IRA conversions and rollovers left as ``year`` ends, oldest first."""
        state = self.analysis().roth.get(person)
        record = state.at(year) if state else None
        return [layer for layer in record.layers if layer.left] if record else []

    def roth_contributions(self, person: str, year: int) -> Decimal:
        """Roth IRA regular contribution basis left as ``year`` ends."""
        state = self.analysis().roth.get(person)
        record = state.at(year) if state else None
        return record.contributions_after if record else Decimal(0)

    def roth_qualified(self, person: str, year: int) -> str:
        """Whether ``person``'s Roth IRA distributions of ``year`` are qualified, in words
        (empty without Roth IRA money)."""
        test = self.analysis().qualified_test(person, year)
        return test.roth_ira_words() if test.roth_ira_first_year is not None else ""

    def rollovers(self, year: int) -> list[Rollover]:
        """The year's 60-day rollovers: in flight (with their deadline), done or refused."""
        return rollovers_of(self.analysis(), year)

    def corrections(self, year: int) -> list[Correction]:
        """The corrections made in or for the year, each with the excess it cures."""
        return corrections_of(self.analysis(), year)

    def movements(self, year: int) -> list[Movement]:
        return [m for m in self.analysis().basis.movements if m.year == year]

    def short(self, account: str) -> str:
        """An account name without its plan or IRA prefix, for narrow tables."""
        household = self.analysis().household
        for container in [*household.plans, *household.iras]:
            if account.startswith(container + ":"):
                return account[len(container) + 1 :]
        return account.rsplit(":", 1)[-1] if account.count(":") > 2 else account

    @staticmethod
    def percent(part: Decimal, whole: Decimal) -> str:
        """A bar's width: ``part`` of ``whole``, capped at 100%."""
        if whole <= 0:
            return "0"
        return f"{min(Decimal(100), part * 100 / whole):.1f}"

    @staticmethod
    def money(amount: Decimal) -> str:
        """An amount as the page shows it: thousands separators, two decimals."""
        return f"{amount:,.2f}"

    @staticmethod
    def box_name(box: str, form: str = FORM_1099R) -> str:
        """A box as the form itself names it."""
        return (BOX_NAMES if form == FORM_1099R else BOX_NAMES_5498).get(box, box)

    @staticmethod
    def shown(value: object) -> str:
        """A form box as the page shows it."""
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "" if value is None else str(value)

    @extension_endpoint("packet")  # type: ignore[untyped-decorator, arg-type]
    def packet(self) -> Response:
        """The tax packet of ``?year=`` as ``?format=`` csv, md, json, text or pdf."""
        chosen = request.args.get("format", "csv")
        if chosen not in DOWNLOADS:
            return Response(f"format must be one of {', '.join(DOWNLOADS)}\n", status=400)
        year = self.year()
        packet = self.year_packet(year)
        body: str | bytes = render_pdf(packet) if chosen == "pdf" else RENDERERS[chosen](packet)
        name = f"megaroth-{year}.{SUFFIXES[chosen]}"
        return Response(
            body,
            mimetype=DOWNLOADS[chosen],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
