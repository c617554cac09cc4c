"""Every figure is a Decimal, end to end, and every total is the sum of its parts."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import Decimal
from typing import Any

from beancount import loader

from megaroth.engine.analysis import analyse
from tests.conftest import DEMO_LEDGER, build_report


def _walk(value: Any, path: str, seen: set[int]) -> list[str]:
    """Paths to any float found inside ``value``."""
    if isinstance(value, float):
        return [path]
    if id(value) in seen or isinstance(value, (str, bytes, int, Decimal)) or value is None:
        return []
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for f in dataclasses.fields(value)
                for p in _walk(getattr(value, f.name), f"{path}.{f.name}", seen)]  # fmt: skip
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _walk(v, f"{path}[{k!r}]", seen)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [p for i, v in enumerate(value) for p in _walk(v, f"{path}[{i}]", seen)]
    return []


def test_no_float_anywhere_in_the_analysis_of_the_demo() -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    analysis = analyse(entries, options)
    assert analysis.basis.movements
    floats = _walk(
        {"movements": analysis.basis.movements, "contributions": analysis.basis.contributions,
         "usage": analysis.usage, "forms_8606": analysis.forms_8606,
         "reconciled": analysis.reconciled, "pools": list(analysis.basis.pools.values())},
        "analysis", set(),
    )  # fmt: skip
    assert floats == []
    for movement in analysis.basis.movements:
        for figure in (movement.gross, movement.basis, movement.taxable):
            assert isinstance(figure, Decimal)
            assert figure == figure.quantize(Decimal("0.01"))  # cents, as the forms round


def test_report_totals_are_the_sums_of_their_parts() -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    analysis = analyse(entries, options)
    for year in (2024, 2025):
        report = build_report(analysis, year)
        sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for movement in report["movements"]:
            key = (movement["payer"], movement["code"])
            sums[key]["box1"] += Decimal(movement["gross"])
            sums[key]["box2a"] += Decimal(movement["taxable"])
            sums[key]["box5"] += Decimal(movement["basis"]) + Decimal(movement["unrecovered_basis"])
        for form in report["form_1099r"]:
            expected = form["expected"]
            key = (form["account"], form["code"])
            assert Decimal(expected["box1"]) == sums[key]["box1"]
            if not expected["box2b-not-determined"]:
                assert Decimal(expected["box2a"]) == sums[key]["box2a"]
                assert Decimal(expected["box5"]) == sums[key]["box5"]
        for person, figures in report["people"].items():
            plan_forms = [
                f["expected"] for f in report["form_1099r"]
                if not f["expected"]["ira-sep-simple"]
                and any(m["owner"] == person and m["payer"] == f["account"]
                        for m in report["movements"])
            ]  # fmt: skip
            line5a = sum((Decimal(f["box1"]) for f in plan_forms), Decimal(0))
            assert Decimal(figures["form_1040"]["line5a"]) == line5a
            for money in figures["form_8606"].values():
                assert Decimal(money) == Decimal(money)  # a number, never "nan" or a float
