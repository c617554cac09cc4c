"""Money as the forms write it: to the cent, half up, and splits that add up exactly."""

from __future__ import annotations

from decimal import Decimal as D

from megaroth.tax.money import cents, split_cents, split_last_takes_rest


def test_cents_round_half_up_as_the_forms_do() -> None:
    """A half cent goes up, even after an even cent (Python's own default, half even, would
    give 0.12 and 2.34)."""
    assert [cents(D(x)) for x in ("0.125", "2.345", "0.124", "-0.125")] == [
        D("0.13"), D("2.35"), D("0.12"), D("-0.13")]  # fmt: skip


def test_a_split_gives_the_cents_left_to_the_largest_remainders() -> None:
    """1.00 over three equal weights is 0.33 each and a cent left, for the first of the
    equals; 1.00 over 1, 2 and 3 is 0.166.., 0.333.., 0.5: rounded down 0.16, 0.33, 0.50, and
    the cent left goes to the largest remainder, the first (0.0066..)."""
    assert split_cents(D("1.00"), [D(1), D(1), D(1)]) == [D("0.34"), D("0.33"), D("0.33")]
    assert split_cents(D("1.00"), [D(1), D(2), D(3)]) == [D("0.17"), D("0.33"), D("0.50")]
    assert split_cents(D("0.05"), [D(3), D(1), D(2), D(4)]) == [
        D("0.02"), D("0.00"), D("0.01"), D("0.02")]  # fmt: skip
    assert split_cents(D("5.00"), []) == []
    assert split_cents(D("5.00"), [D(0), D(0)]) == [D("0.00"), D("0.00")]


def test_the_last_part_takes_what_is_left() -> None:
    """A payroll of 100.00 over three equal sources, as record-keepers split it: 33.33,
    33.33 and the rest, 33.34."""
    assert split_last_takes_rest(D("100.00"), [D(1), D(1), D(1)]) == [
        D("33.33"), D("33.33"), D("33.34")]  # fmt: skip
