"""Any record-keeper's CSV, with its columns, date format, signs and labels configured.

For Empower, Schwab, Principal, T. Rowe Price and the rest: say which column holds what,
how dates are written and what each activity means::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.generic import GenericImporter, Layout

    GenericImporter(
        PlanConfig(account="Assets:Retirement:Bob:Globex401k", sources={...}),
        Layout(
            header=("Date", "Activity", "Source", "Fund", "Units", "Price", "Amount"),
            date="Date", activity="Activity", source="Source", fund="Fund",
            units="Units", price="Price", amount="Amount",
            date_formats=("%m/%d/%Y",),
            actions={"Contribution": "contribution", "Dividend": "dividend",
                     "Fee": "fee", "Transfer": "transfer", "Roth Conversion": "transfer",
                     "Withdrawal": "distribution", "Gain/Loss": "market-value"},
            payee="Empower",
        ),
    )

``sign="inverted"`` reads files that show money into the plan as negative.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from megaroth.importers.base import StatementImporter
from megaroth.importers.columns import fund_name
from megaroth.importers.config import PlanConfig
from megaroth.importers.csvfile import CsvLine, csv_lines
from megaroth.importers.labels import how_to_map
from megaroth.importers.rows import ACTION_NAMES, Action, Row, Statement, StatementError


@dataclass(frozen=True)
class Layout:
    """Which column holds what in one record-keeper's CSV."""

    header: Sequence[str]
    date: str
    activity: str
    amount: str
    actions: Mapping[str, str]
    source: str | None = None
    fund: str | None = None
    units: str | None = None
    price: str | None = None
    date_formats: Sequence[str] = ("%Y-%m-%d", "%m/%d/%Y")
    sign: Literal["signed", "inverted"] = "signed"
    payee: str = "Record-keeper"
    name: str = "generic"
    default_source: str | None = None

    def columns(self) -> list[str]:
        optional = (self.source, self.fund, self.units, self.price)
        return [self.date, self.activity, self.amount, *(c for c in optional if c)]


class GenericImporter(StatementImporter):
    """A CSV statement read through a :class:`Layout`."""

    def __init__(self, config: PlanConfig, layout: Layout) -> None:
        super().__init__(config)
        self.layout_spec = layout
        self.header = tuple(layout.header)
        self.payee = layout.payee
        self.layout = layout.name

    def read(self, filepath: str) -> Statement:
        spec = self.layout_spec
        statement = Statement()
        for line in csv_lines(filepath, spec.header, spec.columns(), statement):
            if line.is_totals((spec.date, spec.activity, spec.amount)):
                statement.skip(filepath, line.lineno, "a totals line")
                continue
            statement.rows.append(self._row(filepath, line))
        return statement

    def _row(self, path: str, line: CsvLine) -> Row:
        spec = self.layout_spec
        amount = line.amount(spec.amount)
        units = line.number(spec.units) if spec.units else None
        price = line.number(spec.price) if spec.price else None
        if spec.sign == "inverted":
            amount = -amount
        activity = line.cells.get(spec.activity, "")
        source = line.cells.get(spec.source, "") if spec.source else ""
        fund = fund_name(line.cells.get(spec.fund, "")) if spec.fund else ""
        return line.row(
            line.date(spec.date, spec.date_formats),
            self._action(path, line.lineno, activity),
            source or spec.default_source or "",
            fund,
            amount,
            abs(units) if units is not None else None,
            price,
            activity,
        )

    def _action(self, path: str, lineno: int, activity: str) -> Action:
        mapped = self.layout_spec.actions.get(activity)
        if mapped is None:
            raise StatementError(
                path,
                lineno,
                f"activity {activity!r} is not one megaroth knows for this layout. "
                + how_to_map(activity, "actions", "in the Layout of your import.py"),
            )
        try:
            return Action(mapped)
        except ValueError:
            raise StatementError(
                path,
                lineno,
                f"actions= maps {activity!r} to {mapped!r}; use one of {ACTION_NAMES}.",
            ) from None
