"""The edges of the annual limits (megaroth.tax.limit_usage), through the plugins.

Each test loads a ledger written inline through the real plugins and checks a figure or a
finding: a configured year's limits reach every check (402(g), 457(b), 415(c), the IRA),
a total that reaches a limit exactly is no excess while a cent more is, the finding is put on
the contribution that crossed the limit (not the first, not the last of the year), 415(c)
before 2002 was a quarter of pay, 457(b) is checked from 2002 with the employer's money, and
catch-up parts made pre-tax are summed. Each docstring works the figures and says which
mutant of limit_usage.py it was written to catch (docs/testing.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from megaroth.engine.analysis import Analysis, analyse
from megaroth.engine.figures import person_limits
from tests.conftest import build_report, load

D = Decimal

COMMON = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
"""

SOURCES = ("PreTax", "Roth", "Match", "Nonelective", "AfterTax")


def person(name: str, born: str) -> str:
    return f'2000-01-01 custom "megaroth-person" "{name}"\n  birth-date: {born}\n'


def plan(account: str, owner: str, employer: str, plan_type: str = "401k") -> str:
    return (
        f'2000-01-01 open {account}\n  megaroth-plan: "{plan_type}"\n  owner: "{owner}"\n'
        f'  employer: "{employer}"\n  in-plan-conversion: TRUE\n'
        + "".join(f"2000-01-01 open {account}:{s}\n" for s in SOURCES)
    )


def ira(account: str, kind: str, owner: str) -> str:
    return f'2000-01-01 open {account}\n  megaroth-ira: "{kind}"\n  owner: "{owner}"\n'


def pay(date: str, what: str, *legs: tuple[str, str]) -> str:
    lines = [f'{date} * "Payroll" "{what}"']
    lines += [f"  {account}  {amount} USD" for account, amount in legs]
    return "\n".join([*lines, "  Income:Salary", ""])


def deposit(date: str, what: str, account: str, amount: str) -> str:
    return f'{date} * "Bank" "{what}"\n  {account}  {amount} USD\n  Assets:Checking\n'


def analysed(text: str, config: str | None = None) -> Analysis:
    entries, _, options = load(COMMON + text)
    return analyse(entries, options, config)


def findings(analysis: Analysis, check: str) -> list[Any]:
    return [f for f in analysis.findings if f.check == check]


# Configured limits (megaroth.tax.limits.read_configured): a year the table lacks ----------
#
# The table ends with 2026 (IRS Notice 2025-67: 402(g) 24,500, 415(c) 72,000, IRA 7,500).
# 2027 is configured as the module docstring shows, with an IRA figure too. Without the
# configuration 2027 would fall back to the 2026 figures, and each amount below would be
# 500 or 1,000 over.

CONFIG_2027 = "{'limits': {2027: {'402g': '25000', '415c': '73000', 'ira': '8000'}}}"


def test_a_configured_402g_figure_is_the_402g_limit_of_its_year() -> None:
    """Ana, 37 in 2027 (no catch-up, IRC 414(v)(5)), defers 25,000: the configured 402(g)
    limit, no excess. With 2026's 24,500 it would be 500 over; 25,000.01 is 0.01 over the
    configured figure. Kills: the configured limits not passed to the 402(g) check."""
    ledger = (
        person("ana", "1990-01-01")
        + plan("Assets:Acme401k", "ana", "Acme Corp")
        + pay("2027-03-01", "March", ("Assets:Acme401k:PreTax", "{amount}"))
    )
    analysis = analysed(ledger.replace("{amount}", "25000.00"), CONFIG_2027)
    (usage,) = analysis.usage.deferrals
    assert (usage.limit, usage.deferrals, usage.excess, usage.limits_source) == (
        D(25000), D("25000.00"), D(0), "plugin configuration")  # fmt: skip
    assert findings(analysis, "402g-excess") == []
    assert findings(analysis, "limits-unknown-year") == []
    analysis = analysed(ledger.replace("{amount}", "25000.01"), CONFIG_2027)
    (finding,) = findings(analysis, "402g-excess")
    assert finding.message.startswith(
        "ana deferred 25,000.01 in 2027 (pre-tax and Roth, across Assets:Acme401k): 0.01 over "
        "the 402(g) limit of 25,000.00 (plugin configuration)."
    )


def test_a_configured_402g_figure_is_the_457b_limit_too() -> None:
    """Since 2002 the 457(b) limit is the 402(g) figure (IRC 457(b)(2), 457(e)(15)): a
    configured 402(g) of 25,000 for 2027 makes 25,000 deferred to a 457(b) no excess (2026's
    24,500 would make it 500 over). Kills: the configured limits not passed to the 457(b)
    check."""
    analysis = analysed(
        person("ana", "1990-01-01")
        + plan("Assets:County457", "ana", "County", "457b")
        + pay("2027-03-01", "March", ("Assets:County457:PreTax", "25000.00")),
        CONFIG_2027,
    )
    (usage,) = analysis.usage.deferrals_457b
    assert (usage.limit, usage.deferrals, usage.excess) == (D(25000), D("25000.00"), D(0))
    assert findings(analysis, "457b-excess") == []


def test_a_configured_415c_figure_is_the_415c_limit_and_sets_the_after_tax_room() -> None:
    """Ana defers 25,000 (the configured 402(g)), gets a 10,000 match and puts 30,000
    after-tax: annual additions 65,000 (IRC 415(c)(2)); the configured 415(c) limit of 73,000
    leaves 8,000 of after-tax room (2026's 72,000 would leave 7,000). Adding 8,000.01
    after-tax makes 73,000.01: 0.01 over. Kills: the configured limits not passed to the
    415(c) check."""
    ledger = (
        person("ana", "1990-01-01")
        + plan("Assets:Acme401k", "ana", "Acme Corp")
        + pay("2027-03-01", "March", ("Assets:Acme401k:PreTax", "25000.00"),
              ("Assets:Acme401k:Match", "10000.00"), ("Assets:Acme401k:AfterTax", "30000.00"))
    )  # fmt: skip
    (additions,) = analysed(ledger, CONFIG_2027).usage.additions
    assert (additions.limit, additions.annual_additions, additions.after_tax_room) == (
        D(73000), D("65000.00"), D("8000.00"))  # fmt: skip
    over = analysed(
        ledger + pay("2027-06-01", "June", ("Assets:Acme401k:AfterTax", "8000.01")), CONFIG_2027
    )
    (finding,) = findings(over, "415c-excess")
    assert finding.message.startswith(
        "ana's annual additions at Acme Corp in 2027 are 73,000.01: 0.01 over the 415(c) limit "
        "of 73,000.00 (plugin configuration)."
    )


def test_a_configured_ira_figure_is_the_ira_limit() -> None:
    """8,000 to a traditional IRA for 2027 is the configured IRA limit (IRC 219(b)(1)), no
    excess; 2026's 7,500 would make it 500 over. Kills: the configured limits not passed to
    the IRA check."""
    analysis = analysed(
        person("ana", "1990-01-01")
        + ira("Assets:AnaIRA", "traditional", "ana")
        + deposit("2027-02-01", "For 2027", "Assets:AnaIRA", "8000.00"),
        CONFIG_2027,
    )
    (usage,) = analysis.usage.iras
    assert (usage.limit, usage.contributions, usage.excess) == (D(8000), D("8000.00"), D(0))
    assert findings(analysis, "ira-excess") == []


# Which contribution crossed the limit: the finding is put on its line ---------------------


def test_the_402g_finding_is_on_the_deferral_that_crossed_limit_plus_catch_up() -> None:
    """Bob, 54 in 2024: 402(g) 23,000 plus 7,500 catch-up (IRC 414(v)(2)(B)(i), Notice
    2023-75) = 30,500. He defers 16,000 in January (16,000), 10,000 in March (26,000: 3,000
    of it catch-up), 5,000 in June (31,000: over 30,500) and 1,000 in September (32,000):
    1,500 over. The error is on June's entry, the one that crossed. Kills: the crossing
    checked against 23,000 - 7,500 = 15,500 (January's entry); the first-crossing test made
    an ``or`` (September's, the last)."""
    analysis = analysed(
        person("bob", "1970-06-01")
        + plan("Assets:Globex401k", "bob", "Globex")
        + pay("2024-01-15", "January", ("Assets:Globex401k:PreTax", "16000.00"))
        + pay("2024-03-15", "March", ("Assets:Globex401k:PreTax", "10000.00"))
        + pay("2024-06-15", "June", ("Assets:Globex401k:PreTax", "5000.00"))
        + pay("2024-09-15", "September", ("Assets:Globex401k:PreTax", "1000.00"))
    )
    (usage,) = analysis.usage.deferrals
    assert (usage.limit, usage.catch_up_limit, usage.deferrals, usage.excess) == (
        D(23000), D(7500), D("32000.00"), D("1500.00"))  # fmt: skip
    (finding,) = findings(analysis, "402g-excess")
    assert finding.entry.narration == "June"
    assert finding.meta["lineno"] == finding.entry.meta["lineno"]


def test_415c_reached_exactly_is_no_excess_and_the_finding_is_on_the_next_cent() -> None:
    """Cy, 39 in 2024, one employer: 415(c) is 69,000 (IRC 415(c)(1)(A), Notice 2023-75).
    January 23,000 pre-tax (23,000), March 46,000 after-tax (69,000: exactly the limit, no
    excess), June 100 after-tax (69,100: over), September 50 after-tax (69,150): 150 over.
    The error is on June's entry. Kills: ``>=`` for ``>`` (March's entry); the first-crossing
    test made an ``or`` (September's)."""
    ledger = (
        person("cy", "1985-01-01")
        + plan("Assets:Acme401k", "cy", "Acme Corp")
        + pay("2024-01-15", "January", ("Assets:Acme401k:PreTax", "23000.00"))
        + pay("2024-03-15", "March", ("Assets:Acme401k:AfterTax", "46000.00"))
    )
    exact = analysed(ledger)
    (additions,) = exact.usage.additions
    assert (additions.annual_additions, additions.excess, additions.after_tax_room) == (
        D("69000.00"), D(0), D(0))  # fmt: skip
    assert findings(exact, "415c-excess") == []
    over = analysed(
        ledger
        + pay("2024-06-15", "June", ("Assets:Acme401k:AfterTax", "100.00"))
        + pay("2024-09-15", "September", ("Assets:Acme401k:AfterTax", "50.00"))
    )
    (additions,) = over.usage.additions
    assert (additions.annual_additions, additions.excess) == (D("69150.00"), D("150.00"))
    (finding,) = findings(over, "415c-excess")
    assert finding.entry.narration == "June"
    assert finding.meta["lineno"] == finding.entry.meta["lineno"]


def test_the_ira_limit_reached_exactly_is_no_excess_and_the_finding_is_on_the_next_cent() -> None:
    """Dee, 34 in 2024: IRA limit 7,000 (IRC 219(b)(5)(A), Notice 2023-75), counted across
    her traditional and Roth IRAs (IRC 408A(c)(2)). January 3,000 traditional, March 4,000
    Roth (7,000: exactly the limit, no excess), June 100 traditional (7,100: over), September
    50 Roth (7,150): 150 over. The error names the limit's source and is on June's entry.
    Kills: ``>=`` for ``>`` (March's); an ``or`` (September's); no crossing recorded (the
    error then has no entry); the source left out of the message."""
    ledger = (
        person("dee", "1990-01-01")
        + ira("Assets:DeeIRA", "traditional", "dee")
        + ira("Assets:DeeRothIRA", "roth", "dee")
        + deposit("2024-01-15", "January", "Assets:DeeIRA", "3000.00")
        + deposit("2024-03-15", "March", "Assets:DeeRothIRA", "4000.00")
    )
    exact = analysed(ledger)
    (usage,) = exact.usage.iras
    assert (usage.limit, usage.contributions, usage.excess) == (D(7000), D("7000.00"), D(0))
    assert findings(exact, "ira-excess") == []
    over = analysed(
        ledger
        + deposit("2024-06-15", "June", "Assets:DeeIRA", "100.00")
        + deposit("2024-09-15", "September", "Assets:DeeRothIRA", "50.00")
    )
    (finding,) = findings(over, "ira-excess")
    assert finding.message.startswith(
        "dee's IRA contributions for 2024 are 7,150.00: 150.00 over the IRA limit of 7,000.00 "
        "(IRS Notice 2023-75), counted across all traditional and Roth IRAs."
    )
    assert finding.entry is not None
    assert finding.entry.narration == "June"
    assert finding.meta["lineno"] == finding.entry.meta["lineno"]


# 415(c) before 2002: the lesser of the dollar limit and 25% of pay ------------------------


def test_415c_before_2002_is_a_quarter_of_pay() -> None:
    """Before EGTRRA, 415(c)(1)(B) capped annual additions at 25% of compensation (100% from
    2002). Erin, 41 in 2001, earns 40,000 (compensation includes her deferrals from 1998, IRC
    415(c)(3)(D)): her 415(c) limit is the lesser of 35,000 (IRS News Release IR-2000-82)
    and 25% x 40,000 = 10,000. She defers 8,000 (under the 10,500 402(g) limit) and gets a
    3,000 match: 11,000 of additions, 1,000 over. Kills: pay divided by the share
    (40,000 / 0.25 = 160,000: the 35,000 dollar limit, no excess)."""
    analysis = analysed(
        person("erin", "1960-01-01")
        + plan("Assets:Erin401k", "erin", "Erin Consulting")
        + '2001-12-31 custom "megaroth-compensation" "erin" "Erin Consulting" 2001 40000.00 USD\n'
        + pay("2001-06-01", "June", ("Assets:Erin401k:PreTax", "8000.00"),
              ("Assets:Erin401k:Match", "3000.00"))
    )  # fmt: skip
    (additions,) = analysis.usage.additions
    assert (additions.limit, additions.statutory_limit, additions.excess) == (
        D("10000.00"), D(35000), D("1000.00"))  # fmt: skip
    (finding,) = findings(analysis, "415c-excess")
    assert finding.message.startswith(
        "erin's annual additions at Erin Consulting in 2001 are 11,000.00: 1,000.00 over the "
        "415(c) limit of 10,000.00 (capped at 25% of the 40,000.00 of pay recorded, IRC "
        "415(c)(1)(B); the dollar limit is 35,000.00)"
    )
    assert findings(analysis, "402g-excess") == []


# After-tax contributions: their own total -------------------------------------------------


def test_the_after_tax_total_counts_every_after_tax_contribution_and_nothing_else() -> None:
    """Fay, 39 in 2024: 23,000 pre-tax and 5,000 match in January, 20,000 after-tax in March
    and 10,000 more in June. Annual additions 58,000 (IRC 415(c)(2)); after-tax 20,000 +
    10,000 = 30,000, what the report shows; after-tax room 69,000 - 58,000 = 11,000. Kills:
    the after-tax total taking the other sources (28,000), only the last (10,000) or
    subtracting (-30,000)."""
    analysis = analysed(
        person("fay", "1985-01-01")
        + plan("Assets:Acme401k", "fay", "Acme Corp")
        + pay("2024-01-15", "January", ("Assets:Acme401k:PreTax", "23000.00"),
              ("Assets:Acme401k:Match", "5000.00"))
        + pay("2024-03-15", "March", ("Assets:Acme401k:AfterTax", "20000.00"))
        + pay("2024-06-15", "June", ("Assets:Acme401k:AfterTax", "10000.00"))
    )  # fmt: skip
    acme = build_report(analysis, 2024, "fay")["people"]["fay"]["limits"]["415c"]["Acme Corp"]
    assert (acme["annual_additions"], acme["after_tax"], acme["after_tax_room"]) == (
        "58000.00", "30000.00", "11000.00")  # fmt: skip


# 457(b): from 2002, with the employer's money ---------------------------------------------


def test_457b_counts_employer_contributions_against_its_limit() -> None:
    """A 457(b) limit counts every amount deferred, the employer's included (IRC 457(b)(2):
    "the amount deferred"; unlike 402(g), which counts only elective deferrals). Gus, 39 in
    2024, defers 20,000 and his county adds 4,000 non-elective: 24,000, 1,000 over the
    23,000 457(b) limit (457(e)(15), Notice 2023-75). Kills: 457(b) counting deferrals only
    (20,000, no excess)."""
    analysis = analysed(
        person("gus", "1985-01-01")
        + plan("Assets:County457", "gus", "County", "457b")
        + pay("2024-03-01", "March", ("Assets:County457:PreTax", "20000.00"),
              ("Assets:County457:Nonelective", "4000.00"))
    )  # fmt: skip
    limits = person_limits(analysis, "gus", 2024)
    assert limits.deferrals_457b is not None
    assert (limits.deferrals_457b.deferrals, limits.deferrals_457b.excess) == (
        D("24000.00"), D("1000.00"))  # fmt: skip
    (finding,) = findings(analysis, "457b-excess")
    assert finding.message.startswith(
        "gus deferred 24,000.00 to 457(b) plans in 2024 (deferrals and employer contributions, "
        "across Assets:County457): 1,000.00 over the 457(b) limit of 23,000.00 "
        "(IRS Notice 2023-75;"
    )
    # 457(b) money is no 402(g) deferral and no 415(c) addition.
    assert analysis.usage.deferrals == ()
    assert analysis.usage.additions == ()


@pytest.mark.parametrize(
    ("year", "excess"),
    [("2001", None), ("2002", D("500.00")), ("2003", D(0))],
    ids=["2001", "2002", "2003"],
)  # fmt: skip
def test_457b_is_checked_from_2002(year: str, excess: Decimal | None) -> None:
    """EGTRRA made the 457(e)(15) amount the 402(g) figure from 2002 (11,000 in 2002, 12,000
    in 2003); before, 457(b)(2) was the lesser of 7,500-8,500 or a third of pay, coordinated
    with 402(g), which the table does not hold, so 2001 is not checked. Hal, 22 in 2002,
    defers 11,500 to a 457(b): no 457(b) figure in 2001, 500 over in 2002, none in 2003.
    Kills: 457(b) checked from 2003 (no 2002 excess); the year test made an ``or`` (2001
    checked against 10,500: 1,000 over)."""
    analysis = analysed(
        person("hal", "1980-01-01")
        + plan("Assets:County457", "hal", "County", "457b")
        + pay(f"{year}-03-01", "March", ("Assets:County457:PreTax", "11500.00"))
    )
    assert [(u.year, u.excess) for u in analysis.usage.deferrals_457b] == (
        [] if excess is None else [(int(year), excess)]
    )
    assert len(findings(analysis, "457b-excess")) == (1 if excess else 0)
    assert analysis.usage.deferrals == ()


# The catch-up made pre-tax, summed (IRC 414(v)(7), from 2026) -----------------------------


def test_pre_tax_catch_up_is_summed_over_the_years_deferrals() -> None:
    """Ivy, 56 in 2026 (catch-up 8,000, Notice 2025-67; not 60-63), earned 180,000 of FICA
    wages at Globex in 2025, over the 150,000 threshold: her 2026 catch-up must be Roth (IRC
    414(v)(7)). She defers pre-tax 24,000 in March, 2,000 in June (26,000: 1,500 over the
    24,500 402(g) limit, catch-up) and 2,000 in September (all catch-up): 3,500 of pre-tax
    catch-up. Kills: the catch-up parts overwritten rather than summed (1,500 or 2,000)."""
    analysis = analysed(
        person("ivy", "1970-06-01")
        + plan("Assets:Globex401k", "ivy", "Globex")
        + '2025-12-31 custom "megaroth-fica-wages" "ivy" "Globex" 2025 180000.00 USD\n'
        + pay("2026-03-01", "March", ("Assets:Globex401k:PreTax", "24000.00"))
        + pay("2026-06-01", "June", ("Assets:Globex401k:PreTax", "2000.00"))
        + pay("2026-09-01", "September", ("Assets:Globex401k:PreTax", "2000.00"))
    )
    (finding,) = findings(analysis, "roth-catch-up")
    assert finding.message.startswith(
        "ivy made 3,500.00 of catch-up contributions at Globex in 2026 as pre-tax deferrals"
    )
    assert findings(analysis, "402g-excess") == []
