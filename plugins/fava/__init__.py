"""The megaroth page in fava.

    2024-01-01 custom "fava-extension" "megaroth.fava"

adds a "megaroth" page: per person, each plan with the value of each money source and
each IRA, linked to the accounts behind every figure. The figures are computed once per
ledger load, from the entries the plugins produced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from beancount.core import data
from fava.ext import FavaExtensionBase

from megaroth.plugins.household import read_household
from megaroth.plugins.values import HouseholdValues, household_values

DEFAULT_CURRENCY = "USD"


class Megaroth(FavaExtensionBase):
    """Plans, money sources and IRAs per person, with their values."""

    report_title = "megaroth"

    _values: HouseholdValues | None = None

    def after_load_file(self) -> None:
        self._values = None

    def values(self) -> HouseholdValues:
        if self._values is None:
            # fava types its entries with its own protocols; at run time they are Beancount's.
            entries = cast("list[data.Directive]", self.ledger.all_entries)
            household, _ = read_household(entries)
            currencies = self.ledger.options["operating_currency"]
            currency = currencies[0] if currencies else DEFAULT_CURRENCY
            self._values = household_values(entries, household, currency)
        return self._values

    @staticmethod
    def money(amount: Decimal) -> str:
        """An amount as the page shows it: thousands separators, two decimals."""
        return f"{amount:,.2f}"
