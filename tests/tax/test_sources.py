"""Money sources by name (megaroth.tax.sources): how a sub-account or `source:` is read."""

from __future__ import annotations

import pytest

from megaroth.tax.sources import SourceKind, source_kind_for


@pytest.mark.parametrize(
    "name",
    ["AfterTax", "after-tax", "After Tax", "AFTER_TAX", "after_tax", "aftertax", " After-Tax  "],
)
def test_a_source_is_read_whatever_its_case_spaces_dashes_or_underscores(name: str) -> None:
    """A record-keeper's "After Tax" (padded with spaces in a fixed-width cell), a
    sub-account AfterTax and a `source: "after-tax"` are the same money."""
    assert source_kind_for(name) is SourceKind.AFTER_TAX


@pytest.mark.parametrize("kind", list(SourceKind))
def test_every_kind_is_read_by_its_own_name(kind: SourceKind) -> None:
    assert source_kind_for(kind.value) is kind


def test_a_name_of_no_source_is_none() -> None:
    assert source_kind_for("Brokerage Window") is None
