"""Roth IRA ordering and Form 8606 Part III over the year's total: a table of situations.

Each case is a person's Roth IRA history, the Part III lines it gives (Form 8606 and its
instructions: line 19, the line 22 worksheet, the line 24 chart, lines 23 and 25a), and what
the year's distributions took from contributions and from each conversion, with the part the
10% additional tax applies to (IRC 408A(d)(3)(F)). Figures worked by hand in the comments.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D
from typing import NamedTuple

import pytest

from megaroth.tax.five_year import FirstRothYears
from megaroth.tax.qualified import LifeEvents, QualifiedTest
from megaroth.tax.records import Contract, Contribution, Movement, MovementKind
from megaroth.tax.roth_ira import roth_states, settle_distributions
from megaroth.tax.sources import ContractKind

d = datetime.date
ROTH, ROTH_2 = "Assets:RothIRA", "Assets:OtherRothIRA"
K = MovementKind


def contribution(day: datetime.date, amount: str, tax_year: int | None = None,
                 ira: str = ROTH) -> Contribution:  # fmt: skip
    return Contribution(day, ira, Contract(ira, ContractKind.ROTH_IRA), D(amount), D(amount),
                        tax_year or day.year, None)  # fmt: skip


def movement(day: datetime.date, kind: MovementKind, gross: str, taxable: str = "0",
             basis: str = "0", payer: str = "Assets:IRA", to: str = ROTH,
             first_roth_year: int | None = None) -> Movement:  # fmt: skip
    conversion = kind in (K.IRA_CONVERSION, K.ROLLOVER_TO_ROTH_IRA)
    return Movement(day, kind, payer, payer, to, D(gross), D(basis), D(taxable), "", (), "",
                    {}, "pat", five_year_end=day.year + 4 if conversion else None,
                    first_roth_year=first_roth_year)  # fmt: skip


def paid(day: datetime.date, gross: str, ira: str = ROTH) -> Movement:
    return movement(day, K.DISTRIBUTION, gross, payer=ira, to="Assets:Checking")


class Case(NamedTuple):
    born: datetime.date
    contributions: list[Contribution]
    movements: list[Movement]
    year: int
    lines: tuple[str, ...]  # lines 19, 20, 21, 22, 23, 24, 25a, 25c
    taken: tuple[str, ...]  # from contributions, then from each layer (taxable, subject)
    source: str
    first_home: tuple[int, str] | None = None


def lines(*values: str) -> tuple[str, ...]:
    return values


CASES = {
    # Pub 590-B, "Ordering Rules for Distributions", Example (as the 2020 publication
    # gives it): on October 15, 2016, Justin converted all 80,000 of his traditional IRA,
    # 20,000 of it basis, so 60,000 was included in income; on February 23, 2020 he made a
    # regular contribution of 5,000; on November 8, 2020, at 60, he took 7,000. "The first
    # $5,000 of the distribution is a return of Justin's regular contribution and isn't
    # includible in his income. The next $2,000 of the distribution isn't includible in
    # income because it was included previously." His first Roth money is of 2016, so the
    # 5-year period runs through 2020: not qualified.
    # Part III: 19 = 7,000; 22 = 5,000; 23 = 2,000; 24 = 80,000; 25a = 0. At 60: no 10%.
    "Pub 590-B example (Justin, 60)": Case(
        d(1960, 1, 1),
        [contribution(d(2020, 2, 23), "5000")],
        [movement(d(2016, 10, 15), K.IRA_CONVERSION, "80000", "60000"),
         paid(d(2020, 11, 8), "7000")],
        2020, lines("7000", "0", "7000", "5000", "2000", "80000", "0", "0"),
        ("5000", "2000", "0"),
        "Pub 590-B (2020), Ordering Rules for Distributions, Example"),
    # The same at 45: the 2,000 is the 2016 conversion's taxable part inside its 5 years
    # (2016-2020) with no exception: subject to the 10% (IRC 408A(d)(3)(F)).
    "Pub 590-B example at 45": Case(
        d(1975, 1, 1),
        [contribution(d(2020, 2, 23), "5000")],
        [movement(d(2016, 10, 15), K.IRA_CONVERSION, "80000", "60000"),
         paid(d(2020, 11, 8), "7000")],
        2020, lines("7000", "0", "7000", "5000", "2000", "80000", "0", "0"),
        ("5000", "2000", "2000"),
        "Pub 590-B (2020), Additional tax on distributions of conversion contributions"),
    # Reg. 1.408A-6 Q&A-9: 5,000 out in March, 7,000 contributed for the year in June: the
    # year's contributions count before the year's total. 22 = 7,000 >= 21 = 5,000: 23 = 0.
    "a March distribution sees June's contribution": Case(
        d(1980, 1, 1),
        [contribution(d(2024, 6, 1), "7000")],
        [paid(d(2024, 3, 1), "5000")],
        2024, lines("5000", "0", "5000", "7000", "0", "0", "0", "0"), ("5000",),
        "Reg. 1.408A-6 Q&A-9(b); Pub 590-B, Aggregation (grouping and adding) rules"),
    # A contribution made 2025-04-01 for 2024 (the return's due date) counts for 2024.
    "a contribution for the year made by the due date": Case(
        d(1980, 1, 1),
        [contribution(d(2025, 4, 1), "7000", tax_year=2024)],
        [paid(d(2024, 10, 1), "4000")],
        2024, lines("4000", "0", "4000", "7000", "0", "0", "0", "0"), ("4000",),
        "Reg. 1.408A-6 Q&A-9(b): contributions for the year include those made by the due date"),
    # All Roth IRAs are one: 6,000 contributed to one, 8,000 taken from the other. 22 = 6,000,
    # 23 = 2,000 of earnings, taxable (no conversions: 24 = 0).
    "two Roth IRAs are one": Case(
        d(1980, 1, 1),
        [contribution(d(2022, 1, 10), "6000", ira=ROTH_2)],
        [paid(d(2024, 5, 1), "8000")],
        2024, lines("8000", "0", "8000", "6000", "2000", "0", "2000", "2000"), ("6000",),
        "Reg. 1.408A-6 Q&A-9(a): all of an individual's Roth IRAs"),
    # A 10,000 conversion with 4,000 of basis (6,000 taxable): 3,000 out at 40 in its
    # second year comes from the taxable part first, all of it subject to the 10%.
    # 22 = 0, 23 = 3,000, 24 = 10,000, 25a = 0.
    "taxable part of a conversion first": Case(
        d(1984, 1, 1), [],
        [movement(d(2023, 3, 1), K.IRA_CONVERSION, "10000", "6000"),
         paid(d(2024, 3, 1), "3000")],
        2024, lines("3000", "0", "3000", "0", "3000", "10000", "0", "0"),
        ("0", "3000", "3000"),
        "IRC 408A(d)(4)(B)(ii); Reg. 1.408A-6 Q&A-8(a)(2): the taxable part first"),
    # Oldest first: 5,000 converted in 2018 (period 2018-2022, over) and 5,000 in 2022
    # (2022-2026); 7,000 out in 2024 at 40 takes all of 2018's and 2,000 of 2022's, and only
    # those 2,000 are subject to the 10%.
    "conversions oldest first": Case(
        d(1984, 1, 1), [],
        [movement(d(2018, 6, 1), K.IRA_CONVERSION, "5000", "5000"),
         movement(d(2022, 6, 1), K.IRA_CONVERSION, "5000", "5000"),
         paid(d(2024, 6, 1), "7000")],
        2024, lines("7000", "0", "7000", "0", "7000", "10000", "0", "0"),
        ("0", "5000", "0", "2000", "2000"),
        "IRC 408A(d)(4)(B)(ii): first-in, first-out; 408A(d)(3)(F): each its own 5 years"),
    # Designated Roth rolled in (Reg. 1.408A-10 Q&A-3): 10,000 with 8,000 of investment in
    # the contract, not qualified: 8,000 is regular contributions (line 22 increased), 2,000
    # earnings. 9,000 out: 22 = 8,000, 23 = 1,000, 24 = 0 (never on line 24): 1,000 taxable.
    "designated Roth rolled in: its basis on line 22": Case(
        d(1984, 1, 1), [],
        [movement(d(2023, 2, 1), K.ROTH_ROLLOVER_TO_ROTH_IRA, "10000", basis="8000",
                  payer="Assets:Acme401k", first_roth_year=2021),
         paid(d(2024, 2, 1), "9000")],
        2024, lines("9000", "0", "9000", "8000", "1000", "0", "1000", "1000"), ("8000",),
        "Form 8606 instructions, line 22 (increase) and line 24; Reg. 1.408A-10 Q&A-3(a)"),
    # Line 22 less earlier distributions (the line 22 worksheet): 5,000 in 2023, 2,000 out;
    # 1,000 in 2024, 6,000 out: 22 = 5,000 - 2,000 + 1,000 = 4,000; 23 = 2,000 taxable.
    "line 22 less earlier distributions": Case(
        d(1980, 1, 1),
        [contribution(d(2023, 1, 5), "5000"), contribution(d(2024, 1, 5), "1000")],
        [paid(d(2023, 7, 1), "2000"), paid(d(2024, 7, 1), "6000")],
        2024, lines("6000", "0", "6000", "4000", "2000", "0", "2000", "2000"), ("4000",),
        "Form 8606 instructions, Basis in Regular Roth IRA Contributions Worksheet, line 22"),
    # The line 24 chart: the excess of last year's line 24 over its line 23, plus this year's
    # conversions. 10,000 converted in 2022; 4,000 out in 2023 (23 = 4,000, 24 = 10,000);
    # 5,000 converted in 2024 and 12,000 out: 24 = 10,000 - 4,000 + 5,000 = 11,000,
    # 23 = 12,000, 25a = 1,000 of earnings taxable. At 40, the 6,000 left of 2022's and 5,000
    # of 2024's taxable parts are inside their periods: all 11,000 subject to the 10%.
    "line 24 less earlier line 23, plus this year's conversions": Case(
        d(1984, 1, 1), [],
        [movement(d(2022, 6, 1), K.IRA_CONVERSION, "10000", "10000"),
         paid(d(2023, 6, 1), "4000"),
         movement(d(2024, 2, 1), K.IRA_CONVERSION, "5000", "5000"),
         paid(d(2024, 6, 1), "12000")],
        2024, lines("12000", "0", "12000", "0", "12000", "11000", "1000", "1000"),
        ("0", "6000", "6000", "5000", "5000"),
        "Form 8606 instructions, the line 24 chart"),
    # Qualified (IRC 408A(d)(2)): 65, Roth IRA since 2012. Not on Part III at all.
    "a qualified distribution stays off Part III": Case(
        d(1959, 1, 1),
        [contribution(d(2012, 3, 1), "5000")],
        [paid(d(2024, 3, 1), "9000")],
        2024, lines("0", "0", "0", "0", "0", "0", "0", "0"), ("5000",),
        "Form 8606, Part III: nonqualified distributions only; IRC 408A(d)(2)"),
    # A first home (IRC 72(t)(8)) once the 5 years are met, at 35: 15,000 out, 10,000 of
    # qualified acquisition costs. 19 = 15,000; 20 = 10,000; 21 = 5,000; 22 = 3,000;
    # 23 = 2,000; 24 = 0; 25a = 2,000 taxable.
    "first-time homebuyer expenses on line 20": Case(
        d(1989, 1, 1),
        [contribution(d(2015, 3, 1), "3000")],
        [paid(d(2024, 3, 1), "15000")],
        2024, lines("15000", "10000", "5000", "3000", "2000", "0", "2000", "2000"), ("3000",),
        "Form 8606, lines 19-21; IRC 408A(d)(2)(A)(iv), 72(t)(8)", (2024, "10000")),
}  # fmt: skip


def _states(case: Case):  # type: ignore[no-untyped-def]
    first = FirstRothYears()
    for c in case.contributions:
        first.note_roth_ira("pat", c.tax_year)
    for m in case.movements:
        if m.to_account in (ROTH, ROTH_2):
            first.note_roth_ira("pat", m.year)
    home_year, expenses = case.first_home or (None, "0")
    events = LifeEvents(case.born, first_home_year=home_year, first_home_expenses=D(expenses))

    def test_of(person: str, year: int) -> QualifiedTest:
        return QualifiedTest(person, year, events, first.roth_iras.get(person),
                             {"Assets:Acme401k": 2021})  # fmt: skip

    return roth_states({ROTH: "pat", ROTH_2: "pat"}, case.contributions, case.movements,
                       test_of)  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_part_iii_and_what_each_layer_gave(name: str) -> None:
    case = CASES[name]
    state = _states(case)["pat"]
    record = state.years[case.year]
    part = record.part_iii
    found = (part.line19, part.line20, part.line21, part.line22, part.line23, part.line24,
             part.line25a, part.line25c)  # fmt: skip
    assert found == tuple(D(v) for v in case.lines), name
    taken = [record.from_contributions]
    for place in sorted(record.taken):
        taxable, _, subject = record.taken[place]
        taken += [taxable, subject]
    assert tuple(taken) == tuple(D(v) for v in case.taken), name
    subject = sum((s for _, _, s in record.taken.values()), D(0))
    assert part.early_conversion_amount == subject
    assert case.source


def test_each_distribution_gets_its_share_of_line_25c() -> None:
    # Two distributions of 3,000 and 1,000 in one year, 2,000 of contributions: 25c = 2,000,
    # shared by gross: 1,500 and 500; basis 1,500 and 500.
    case = Case(d(1980, 1, 1), [contribution(d(2024, 1, 5), "2000")],
                [paid(d(2024, 3, 1), "3000"), paid(d(2024, 9, 1), "1000", ira=ROTH_2)], 2024,
                (), (), "")  # fmt: skip
    states = _states(case)
    settled = settle_distributions(case.movements, states)
    assert [(m.basis, m.taxable) for m in settled] == [(D("1500.00"), D("1500.00")),
                                                       (D("500.00"), D("500.00"))]  # fmt: skip
    assert "Form 8606 2024 Part III" in settled[0].rule


def test_the_layers_as_a_past_year_ended() -> None:
    # A conversion of 2025 is not part of 2024's Roth IRAs; 2024's state is kept as it ended.
    case = CASES["conversions oldest first"]
    later = [*case.movements, movement(d(2025, 6, 1), K.IRA_CONVERSION, "4000", "4000")]
    state = _states(case._replace(movements=later))["pat"]
    at_2024 = state.at(2024)
    assert at_2024 is not None
    assert len(at_2024.layers) == 2
    assert [layer.taxable for layer in at_2024.layers] == [D("0"), D("3000")]
    assert len(state.layers) == 3
