"""The year's charts on the megaroth page: each has a text alternative, and the figures in
its table are the JSON report's."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from beancount import loader
from playwright.sync_api import Page, expect

from megaroth.engine.analysis import analyse
from tests.browser.conftest import FavaServer
from tests.browser.sections import open_all
from tests.conftest import DEMO_LEDGER, build_report

pytestmark = pytest.mark.browser


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@pytest.mark.parametrize("year", [2024, 2025])
def test_chart_tables_carry_the_json_reports_figures(
    serve: Callable[..., FavaServer], page: Page, year: int
) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    report = build_report(analyse(entries, options), year)
    server = serve(DEMO_LEDGER)
    page.goto(server.url(f"extension/Megaroth/?year={year}"))
    open_all(page)
    charts = page.locator("#charts-body")
    # Every chart is an image with a title and a description in words.
    for svg in charts.locator("svg.year-chart").all():
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").text_content()
        assert (svg.locator("desc").text_content() or "").strip()

    # Alice's after-tax money: what came in is the 415(c) after-tax figure, what left is the
    # basis of the year's conversions, each on its day.
    plan = "Assets:Retirement:Alice:Acme401k"
    table = charts.locator(f'table.after-tax[data-plan="{plan}"]')
    alice = report["people"]["alice"]
    after_tax = alice["limits"]["415c"]["Acme Corp"]["after_tax"]
    assert _number(table.locator("[data-contributed]").inner_text()) == Decimal(after_tax)
    conversions = [m for m in report["movements"] if m["from"].startswith(f"{plan}:AfterTax")]
    moved = sum((Decimal(m["basis"]) for m in conversions), Decimal(0))
    assert _number(table.locator("[data-moved]").inner_text()) == moved
    for movement in conversions:
        row = table.locator(f'tr[data-date="{movement["date"]}"]')
        before = _number(row.locator("[data-basis-before]").inner_text())
        after = _number(row.locator("[data-basis-after]").inner_text())
        assert before - after == Decimal(movement["basis"]), movement["date"]
        earned = _number(row.locator("[data-earnings-before]").inner_text())
        assert abs(earned - Decimal(movement["taxable"])) <= Decimal("0.05"), movement["date"]

    # Limits over the year end at the limits' figures.
    for name, person in report["people"].items():
        usage = charts.locator(f'table.usage[data-person="{name}"] tbody tr').last
        assert (
            usage.locator("[data-deferrals]").inner_text().replace(",", "")
            == (person["limits"]["402g"]["deferrals"])
        )
        for employer, additions in person["limits"]["415c"].items():
            shown = usage.locator(f'[data-employer="{employer}"]').inner_text()
            assert shown.replace(",", "") == additions["annual_additions"]
        # Roth basis layers: the year's row is the JSON's basis at the year's end.
        basis = person["roth_basis_at_year_end"]
        row = charts.locator(f'table.roth[data-person="{name}"] tr[data-year="{year}"]')
        expect(row.locator("[data-contributions]")).to_have_text(
            f"{Decimal(basis['roth_ira_contributions']):,.2f}"
        )
        expect(row.locator("[data-taxed]")).to_have_text(
            f"{Decimal(basis['roth_ira_conversions_taxed']):,.2f}"
        )
        expect(row.locator("[data-untaxed]")).to_have_text(
            f"{Decimal(basis['roth_ira_conversions_untaxed']):,.2f}"
        )
        expect(row.locator("[data-designated]")).to_have_text(
            f"{Decimal(basis['designated_roth']):,.2f}"
        )


def test_a_conversion_that_waited_is_a_green_spike(
    serve: Callable[..., FavaServer], page: Page, tmp_path
) -> None:
    """1,000 contributed Jan 10 and converted Mar 10 at 1,080: 80 of earnings before it."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        'option "operating_currency" "USD"\nplugin "megaroth.plugins"\n'
        '2000-01-01 custom "fava-extension" "megaroth.fava"\n'
        '2000-01-01 custom "megaroth-person" "alice"\n  birth-date: 1980-01-01\n'
        "2000-01-01 open Income:Salary\n2000-01-01 open Income:Retirement:MarketValue\n"
        '2000-01-01 open Assets:Plan\n  megaroth-plan: "401k"\n  owner: "alice"\n'
        '  employer: "Acme"\n  in-plan-conversion: TRUE\n'
        "2000-01-01 open Assets:Plan:AfterTax USD\n2000-01-01 open Assets:Plan:IRR USD\n"
        '2025-01-10 * "Payroll" "After-tax"\n  Assets:Plan:AfterTax  1000.00 USD\n'
        "  Income:Salary\n"
        '2025-03-01 * "Plan" "Market value"\n  Assets:Plan:AfterTax  80.00 USD\n'
        "  Income:Retirement:MarketValue\n"
        '2025-03-10 * "Plan" "In-plan Roth conversion"\n  Assets:Plan:AfterTax  -1080.00 USD\n'
        "  Assets:Plan:IRR  1080.00 USD\n"
    )
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    table = page.locator('table.after-tax[data-plan="Assets:Plan"]')
    conversion = table.locator('tr[data-date="2025-03-10"]')
    expect(conversion.locator("[data-earnings-before]")).to_have_text("80.00")
    expect(conversion.locator("[data-basis-before]")).to_have_text("1,000.00")
    desc = page.locator('figure.after-tax[data-plan="Assets:Plan"] svg desc')
    expect(desc).to_contain_text("The most earnings before a move: 80.00 on 2025-03-10")
