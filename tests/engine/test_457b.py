"""457(b) deferrals: a limit of their own (issue 15, item 10)."""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import analyse
from megaroth.engine.figures import person_limits
from tests.conftest import build_report, load

D = Decimal

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "megaroth-person" "lou"
  birth-date: 1970-05-01
2000-01-01 open Income:Salary
2000-01-01 open Assets:County403b
  megaroth-plan: "403b"
  owner: "lou"
  employer: "County"
  in-plan-conversion: TRUE
2000-01-01 open Assets:County403b:PreTax
2000-01-01 open Assets:County403b:Nonelective
2000-01-01 open Assets:County403b:AfterTax
2000-01-01 open Assets:County457
  megaroth-plan: "457b"
  owner: "lou"
  employer: "County"
2000-01-01 open Assets:County457:PreTax
2024-01-31 * "County" "403(b) payroll"
  Assets:County403b:PreTax       23000.00 USD
  Assets:County403b:Nonelective  10000.00 USD
  Assets:County403b:AfterTax     36000.00 USD
  Income:Salary
2024-02-28 * "County" "457(b) payroll"
  Assets:County457:PreTax  {amount} USD
  Income:Salary
"""


def test_item_10_457b_deferrals_have_their_own_limit_and_no_415c() -> None:
    """Lou, 54 in 2024, defers 23,000 to his 403(b) (402(g): 23,000, full, without using his
    7,500 catch-up there), gets 10,000 of employer money and puts 36,000 after-tax in it:
    415(c) at County = 23,000 + 10,000 + 36,000 = 69,000, the 2024 limit, no excess. He also
    defers 30,500 to the County's 457(b): its limit is its own (IRC 457(e)(15): 23,000, the
    402(g) figure, plus the age-50 catch-up of 7,500 = 30,500), not added to 402(g), and a
    457(b) plan is no 415 plan. No excess anywhere; counted as before, the 457(b) money made
    415(c) at County 69,000 + 30,500 = 99,500, an excess of 30,500."""
    entries, errors, options = load(LEDGER.format(amount="30500.00"))
    assert [e.message for e in errors] == []
    analysis = analyse(entries, options)
    limits = person_limits(analysis, "lou", 2024)
    assert (limits.deferrals.deferrals, limits.deferrals.excess) == (D("23000.00"), D("0"))
    (county,) = limits.additions
    assert (county.annual_additions, county.excess, county.after_tax_room) == (
        D("69000.00"), D("0"), D("0"))  # fmt: skip
    b = limits.deferrals_457b
    assert b is not None
    assert (b.deferrals, b.limit, b.catch_up_limit, b.excess) == (
        D("30500.00"), D("23000"), D("7500"), D("0"))  # fmt: skip
    report = build_report(analysis, 2024, "lou")
    assert report["people"]["lou"]["limits"]["457b"]["deferrals"] == "30500.00"


def test_item_10_over_the_457b_limit_is_its_own_finding() -> None:
    """31,000 to the 457(b): 500 over 30,500; the 403(b) is untouched by it."""
    _, errors, _ = load(LEDGER.format(amount="31000.00"))
    checks = [(e.check, e.message) for e in errors]
    assert [c for c, _ in checks] == ["457b-excess"]
    assert checks[0][1].startswith(
        "lou deferred 31,000.00 to 457(b) plans in 2024 (deferrals and employer contributions, "
        "across Assets:County457): 500.00 over the 457(b) limit of 23,000.00 plus 7,500.00 "
        "catch-up"
    )
