"""Basis and earnings per lot in one tax contract, and the pro rata rule of IRC 72(e)(8).

A pool holds the money of one contract: a plan's after-tax money, its designated Roth
money, its pre-tax money, or one IRA. Each contribution (or rollover in) is a lot with its
date and tax basis. Earnings are whatever the pool's market value gained beyond what was put
in: dividends, price changes, fees and losses all land there, so a fee lowers earnings and
never basis, and a reinvested dividend adds earnings, not basis.

The pool is unitized: a lot holds pool units bought at the pool's value per unit when it
arrived, so every lot shares the pool's gains and losses in proportion to its value. A
partial movement out redeems the same fraction of every lot, which is the pro rata rule of
IRC 72(e)(8): nontaxable part = amount x basis / balance (:meth:`Pool.redeem_pro_rata`).
A Roth IRA is the exception: its distributions take basis first, in the order of IRC
408A(d)(4)(B) (:meth:`Pool.redeem_basis_first`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from megaroth.tax.money import ZERO, cents, split_cents

#: The origin of a lot of contributions (regular contributions come first out of a Roth IRA).
CONTRIBUTION = "contribution"


@dataclass
class Lot:
    """Money that arrived in a pool on one date. Mutable: movements redeem part of it."""

    date: datetime.date
    contributed: Decimal
    basis: Decimal
    units: Decimal
    origin: str
    # For money converted or rolled into Roth: the year its 5-year period ends and the part
    # that was taxable when it arrived (exposed to the 10% additional tax until then).
    five_year_end: int | None = None
    taxable_on_arrival: Decimal = ZERO


@dataclass(frozen=True)
class LotSlice:
    """The part of one lot that a movement took out."""

    date: datetime.date
    origin: str
    basis: Decimal
    value: Decimal
    contributed: Decimal
    days: int

    @property
    def earnings(self) -> Decimal:
        return self.value - self.contributed


@dataclass(frozen=True)
class Redemption:
    """What a movement took out of a pool, and the basis that came with it."""

    amount: Decimal
    balance_before: Decimal
    basis_before: Decimal
    basis: Decimal
    unrecovered_basis: Decimal
    slices: tuple[LotSlice, ...]

    @property
    def taxable(self) -> Decimal:
        return self.amount - self.basis

    @property
    def is_total(self) -> bool:
        return self.amount >= self.balance_before


@dataclass
class Pool:
    """One contract's lots."""

    lots: list[Lot] = field(default_factory=list)
    # Totals over the lots, kept as lots arrive (a lifetime of weekly lots would make
    # summing them at every event quadratic); dropped when a redemption changes lots.
    _units: Decimal | None = field(default=None, repr=False)
    _basis: Decimal | None = field(default=None, repr=False)

    @property
    def units(self) -> Decimal:
        if self._units is None:
            self._units = sum((lot.units for lot in self.lots), Decimal(0))
        return self._units

    @property
    def basis(self) -> Decimal:
        if self._basis is None:
            self._basis = sum((lot.basis for lot in self.lots), ZERO)
        return self._basis

    def _append(self, lot: Lot) -> None:
        units, basis = self.units, self.basis
        self.lots.append(lot)
        self._units, self._basis = units + lot.units, basis + lot.basis

    def _changed(self) -> None:
        self._units = self._basis = None

    @property
    def contributed(self) -> Decimal:
        return sum((lot.contributed for lot in self.lots), ZERO)

    def add(
        self,
        date: datetime.date,
        amount: Decimal,
        basis: Decimal,
        balance_before: Decimal,
        origin: str,
        five_year_end: int | None = None,
        taxable_on_arrival: Decimal = ZERO,
    ) -> Lot:
        """A new lot of ``amount`` (with ``basis``), the pool being worth ``balance_before``."""
        self._absorb_unexplained(date, balance_before)
        price = self._unit_value(balance_before)
        if price is None:  # the pool is worth nothing: its old units are worthless
            for lot in self.lots:
                lot.units = Decimal(0)
            self._changed()
            price = Decimal(1)
        lot = Lot(date, amount, basis, amount / price, origin, five_year_end, taxable_on_arrival)
        self._append(lot)
        return lot

    def redeem_pro_rata(
        self, date: datetime.date, amount: Decimal, balance_before: Decimal
    ) -> Redemption:
        """Take ``amount`` out pro rata over every lot (IRC 72(e)(8)); the pool is worth
        ``balance_before``. Basis recovered = amount x basis / balance, at most the amount."""
        self._absorb_unexplained(date, balance_before)
        basis_before = self.basis
        total = amount >= balance_before or balance_before <= 0
        fraction = Decimal(1) if total else amount / balance_before
        share = basis_before if total else cents(basis_before * fraction)
        basis = min(share, amount, basis_before)
        slices = self._take(date, fraction, share, basis, balance_before)
        self.lots = [lot for lot in self.lots if lot.units > 0 or lot.basis > 0]
        if total:
            self.lots = []
        self._changed()
        return Redemption(amount, balance_before, basis_before, basis, share - basis, tuple(slices))

    def redeem_basis_first(
        self,
        date: datetime.date,
        amount: Decimal,
        balance_before: Decimal,
        most: Decimal | None = None,
    ) -> Redemption:
        """Take ``amount`` out of a Roth IRA: basis first, in the order of IRC 408A(d)(4)(B).

        Regular contributions come out first, then conversions and rollovers oldest first,
        then earnings. The value each lot keeps shrinks pro rata. ``most``: at most this much
        basis (a contribution returned with its earnings takes exactly the contribution).
        """
        self._absorb_unexplained(date, balance_before)
        basis_before = self.basis
        total = amount >= balance_before or balance_before <= 0
        fraction = Decimal(1) if total else amount / balance_before
        left = min(amount, basis_before, most if most is not None else amount)
        recovered = left
        units = self.units
        ordered = sorted(self.lots, key=lambda lot: (lot.origin != CONTRIBUTION, lot.date))
        slices = []
        for lot in ordered:
            take = min(lot.basis, left)
            left -= take
            value = cents(balance_before * lot.units / units * fraction) if units else ZERO
            if take or value:
                slices.append(
                    LotSlice(lot.date, lot.origin, take, value, take, (date - lot.date).days)
                )
            lot.basis -= take
            lot.contributed -= min(take, lot.contributed)
            lot.units -= lot.units * fraction
        if total:
            self.lots = []
        self._changed()
        return Redemption(amount, balance_before, basis_before, recovered, ZERO, tuple(slices))

    def value_of(self, lot: Lot, balance: Decimal) -> Decimal:
        """One lot's share of the pool's value."""
        units = self.units
        return balance * lot.units / units if units else ZERO

    def _unit_value(self, balance: Decimal) -> Decimal | None:
        units = self.units
        if units > 0 and balance > 0:
            return balance / units
        if units == 0:
            return Decimal(1)
        return None

    def _absorb_unexplained(self, date: datetime.date, balance: Decimal) -> None:
        # Value with no lot behind it (earnings left after everything was moved out, or a
        # ledger that starts mid-stream): a lot with no basis, so it is all earnings.
        if self.units == 0 and balance > 0:
            self._append(Lot(date, ZERO, ZERO, balance, "earnings"))

    def _take(
        self,
        date: datetime.date,
        fraction: Decimal,
        consumed: Decimal,
        recovered: Decimal,
        balance: Decimal,
    ) -> list[LotSlice]:
        units = self.units
        weights = [lot.basis for lot in self.lots]
        consumed_shares = split_cents(consumed, weights)
        recovered_shares = split_cents(recovered, weights)
        slices = []
        for lot, used, basis_share in zip(
            self.lots, consumed_shares, recovered_shares, strict=True
        ):
            value = cents(balance * lot.units / units * fraction) if units else ZERO
            contributed = cents(lot.contributed * fraction)
            slices.append(
                LotSlice(
                    lot.date, lot.origin, basis_share, value, contributed, (date - lot.date).days
                )
            )
            lot.units -= lot.units * fraction
            lot.contributed -= contributed
            lot.basis -= used
        return [s for s in slices if s.value or s.basis or s.contributed]
