"""The megaroth page in fava.

    2024-01-01 custom "fava-extension" "megaroth.fava"

adds a "megaroth" page: per person, each plan with the value of each money source and each
IRA; the year's conversions, rollovers and distributions with the lots they moved; and the
1099-Rs the payers should issue. Everything links to the entries behind it. The figures are
computed once per ledger load, from the entries the plugins produced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from beancount.core import data
from fava.ext import FavaExtensionBase
from flask import request

from megaroth.plugins.analysis import (
    Analysis,
    PersonLimits,
    analyse,
    default_year,
    person_limits,
)
from megaroth.plugins.findings import Finding
from megaroth.plugins.forms import Expected1099R, expected_1099rs
from megaroth.plugins.movements import Movement
from megaroth.plugins.values import HouseholdValues, household_values


class Megaroth(FavaExtensionBase):
    """Plans, money sources and IRAs per person; movements and 1099-Rs per year."""

    report_title = "megaroth"

    _values: HouseholdValues | None = None
    _analysis: Analysis | None = None

    def after_load_file(self) -> None:
        self._values = None
        self._analysis = None

    def _entries(self) -> list[data.Directive]:
        # fava types its entries with its own protocols; at run time they are Beancount's.
        return cast("list[data.Directive]", self.ledger.all_entries)

    def analysis(self) -> Analysis:
        if self._analysis is None:
            options = cast("dict[str, object]", self.ledger.options)
            self._analysis = analyse(self._entries(), dict(options))
        return self._analysis

    def values(self) -> HouseholdValues:
        if self._values is None:
            analysis = self.analysis()
            self._values = household_values(self._entries(), analysis.household, analysis.currency)
        return self._values

    def years(self) -> list[int]:
        return self.analysis().years()

    def year(self) -> int:
        """The year asked for (``?year=``), else the latest with a movement."""
        asked = request.args.get("year", "")
        if asked.isdigit():
            return int(asked)
        return default_year(self.analysis(), self._entries())

    def limits(self, person: str, year: int) -> PersonLimits:
        return person_limits(self.analysis(), person, year)

    def findings(self, year: int) -> list[Finding]:
        return [f for f in self.analysis().findings if f.year in (year, None)]

    @staticmethod
    def percent(part: Decimal, whole: Decimal) -> str:
        """A bar's width: ``part`` of ``whole``, capped at 100%."""
        if whole <= 0:
            return "0"
        return f"{min(Decimal(100), part * 100 / whole):.1f}"

    def movements(self, year: int) -> list[Movement]:
        return [m for m in self.analysis().basis.movements if m.year == year]

    def forms(self, year: int) -> list[Expected1099R]:
        return expected_1099rs(self.movements(year))

    def short(self, account: str) -> str:
        """An account name without its plan or IRA prefix, for narrow tables."""
        household = self.analysis().household
        for container in [*household.plans, *household.iras]:
            if account.startswith(container + ":"):
                return account[len(container) + 1 :]
        return account.rsplit(":", 1)[-1] if account.count(":") > 2 else account

    @staticmethod
    def money(amount: Decimal) -> str:
        """An amount as the page shows it: thousands separators, two decimals."""
        return f"{amount:,.2f}"
