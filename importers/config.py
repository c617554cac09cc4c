"""What a user says about one plan in ``import.py``: accounts, source labels, funds.

    PlanConfig(
        account="Assets:Retirement:Alice:Acme401k",
        sources={"Employee PreTax": "pretax", "Safe Harbor Match": "match",
                 "After-Tax": "after-tax", "Roth In-Plan Conversion": "irr"},
        funds={"0899 Vanguard 500 Index Adm": "VFIAX"},
        contributions={"pretax": "Income:Alice:Acme:Salary", "match": "Income:Alice:Acme:Match",
                       "after-tax": "Income:Alice:Acme:Salary"},
    )

Source labels map to a source kind (``pretax``, ``after-tax``...) or a sub-account name
(``AfterTax``); both name the same kinds as the ledger conventions. Without ``funds`` the
plan is kept in dollar balances (one account per source); with them, in fund units at cost.

An IRA statement (a broker's file listing a traditional and a Roth IRA) maps its account
labels to whole accounts instead, so a conversion between them is one transaction::

    PlanConfig(
        account="Assets:Retirement:Bob",
        sources={},
        accounts={"Traditional IRA ...4821": "Assets:Retirement:Bob:TraditionalIRA",
                  "Roth IRA ...4822": "Assets:Retirement:Bob:RothIRA"},
        contributions="Assets:Bank:Checking",
        nondeductible=True,
    )
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from megaroth.importers.labels import how_to_map_source, lookup
from megaroth.importers.rows import Row, StatementError
from megaroth.tax.sources import SOURCE_NAMES, SourceKind, accepted_kinds, source_kind_for
from megaroth.vocabulary import LOAN_ACCOUNT


@dataclass(frozen=True)
class PlanConfig:
    """One plan's import settings."""

    account: str
    sources: Mapping[str, str]
    funds: Mapping[str, str] = field(default_factory=dict)
    contributions: Mapping[str, str] | str = "Income:Retirement:Contributions"
    dividends_account: str = "Income:Retirement:Dividends"
    interest_account: str = "Income:Retirement:Interest"
    # Money to or from another account of yours whose statement is imported on its own.
    transfer_account: str = "Assets:Transfers:Retirement"
    market_value_account: str = "Income:Retirement:MarketValue"
    gains_account: str = "Income:Retirement:Gains"
    fees_account: str = "Expenses:Retirement:Fees"
    distribution_account: str = "Assets:Transfers:Retirement"
    currency: str = "USD"
    # Per-type defaults for statements that carry no money source (Fidelity's history).
    default_sources: Mapping[str, str] = field(default_factory=dict)
    # Labels that name a whole account (an IRA at a broker) rather than a plan's source.
    accounts: Mapping[str, str] = field(default_factory=dict)
    # Contributions to a traditional IRA here are nondeductible (Form 8606 basis).
    nondeductible: bool = False
    # OFX: a TRANSFER OUT and IN of the same units of one fund, on one date, in one money
    # source (how a record-keeper shows after-tax money moved inside the plan, perhaps an
    # in-plan Roth conversion OFX has no code for). "error" stops the import; "exchange"
    # keeps the pair as an exchange that moves nothing; "conversion-to-irr" books the IN leg
    # into the in-plan Roth (IRR) source.
    same_source_transfers: Literal["error", "exchange", "conversion-to-irr"] = "error"
    # OFX: a transaction dated before the statement's own start (<DTSTART>): "error" stops
    # the import; "import" takes it as the file gives it.
    before_statement: Literal["error", "import"] = "error"

    def whole_account(self, row: Row) -> str | None:
        """The account a row's label names outright, if it does."""
        return self.accounts.get(row.source) or _label(self.accounts, row.source)

    @property
    def units_style(self) -> bool:
        return bool(self.funds)

    @property
    def where(self) -> str:
        """Where in import.py this plan is configured, for messages."""
        return f'in the PlanConfig(account="{self.account}", ...) of your import.py'

    def source_kind(self, row: Row) -> SourceKind:
        """The kind of a row's money source, or an error naming the line to add."""
        label = row.source
        mapped = self.sources.get(label) or _label(self.sources, label)
        if mapped is None:  # statements with no source column: a default per row type
            mapped = _label(self.default_sources, label)
        if mapped is None:
            raise StatementError(
                row.filename,
                row.lineno,
                f"money source {label!r} has no mapping for plan {self.account}. "
                + how_to_map_source(label, "sources", self.where),
            )
        kind = source_kind_for(mapped)
        if kind is None:
            raise StatementError(
                row.filename,
                row.lineno,
                f"sources= maps {label!r} to {mapped!r}, which is not a money source. Use one "
                f"of: {accepted_kinds()}.",
            )
        return kind

    def commodity(self, row: Row) -> str:
        """The commodity a row's fund is held as, or an error naming the line to add."""
        commodity = self.funds.get(row.fund) or _label(self.funds, row.fund)
        if commodity is None:
            raise StatementError(
                row.filename,
                row.lineno,
                f"fund {row.fund!r} has no commodity for plan {self.account}. Add  "
                f'"{row.fund}": "TICKER",  to funds= in the PlanConfig(account='
                f'"{self.account}", ...) of your import.py.',
            )
        return commodity

    def source_account(self, kind: SourceKind, commodity: str | None) -> str:
        sub_account = SOURCE_NAMES[kind][0]
        base = f"{self.account}:{sub_account}"
        return f"{base}:{commodity}" if commodity else base

    def loan_account(self, row: Row) -> str:
        """The loan receivable of a row's source: the plan's loan from that source's money."""
        return f"{self.source_account(self.source_kind(row), None)}:{LOAN_ACCOUNT}"

    def with_default_sources(self) -> PlanConfig:
        """For statements whose rows are labelled by type (no source column): the
        ``default_sources=`` labels join ``sources=``, so entries can name each row's source."""
        return replace(self, sources={**self.default_sources, **self.sources})

    def require_units(self, path: str, layout: str) -> None:
        """Stop when a file in fund units meets a plan kept in dollar balances: such files
        never post the change in market value, so the balances would go wrong at the first
        conversion. ``layout`` says what the file holds ("Voya's download is in fund units")."""
        if self.units_style:
            return
        raise StatementError(
            path,
            1,
            f"plan {self.account} is kept in dollar balances, but {layout}, with no change in "
            "market value, so its balances would go wrong at the first conversion. Keep the "
            'plan in fund units: add funds={"<fund name>": "TICKER", ...} to its PlanConfig '
            "in your import.py.",
        )

    def funding_account(self, kind: SourceKind | None) -> str:
        """Where a contribution's money comes from (payroll, a bank account)."""
        if isinstance(self.contributions, str):
            return self.contributions
        for key, account in self.contributions.items():
            if kind is not None and source_kind_for(key) is kind:
                return account
        return self.contributions.get("default", "Income:Retirement:Contributions")


def _label(mapping: Mapping[str, str], label: str) -> str | None:
    found = lookup(mapping, label)
    return found[1] if found else None
