"""The megaroth page of the demo household, checked against the ledger's own figures."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from beancount import loader
from beanquery import query
from playwright.sync_api import Page, expect

from megaroth.engine.analysis import analyse
from tests.browser.conftest import FavaServer
from tests.browser.sections import open_all
from tests.conftest import DEMO_LEDGER, build_report

pytestmark = pytest.mark.browser


def _ledger_values() -> dict[str, Decimal]:
    """Each tagged account's market value, as bean-query computes it (latest prices)."""
    entries, errors, options = loader.load_file(str(DEMO_LEDGER))
    assert [e.check for e in errors] == ["form-mismatch"]  # the designed mismatch
    _, rows = query.run_query(
        entries,
        options,
        "SELECT account, value(sum(position)) AS value "
        "WHERE meta('megaroth-source') IS NOT NULL OR meta('megaroth-ira') IS NOT NULL "
        "GROUP BY account",
    )
    values = {}
    for account, inventory in rows:
        (position,) = inventory.get_positions() or [None]
        values[account] = position.units.number if position else Decimal(0)
    return values


def _shown(page: Page, selector: str) -> Decimal:
    return Decimal(page.locator(selector).inner_text().replace(",", ""))


def test_page_lists_people_plans_and_each_source_value(
    serve: Callable[..., FavaServer], page: Page
) -> None:
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/"))
    open_all(page)

    expect(page.locator("section.person")).to_have_count(2)
    expect(page.locator("section[data-person=alice] table.plan")).to_have_count(1)
    expect(page.locator("section[data-person=bob] table.plan")).to_have_count(1)
    expect(page.locator("section[data-person=bob] table.iras tr[data-ira]")).to_have_count(2)
    alice_sources = page.locator("section[data-person=alice] tr.source").evaluate_all(
        "rows => rows.map(r => r.dataset.source)"
    )
    assert alice_sources == ["pretax", "match", "after-tax", "irr"]

    expected = _ledger_values()
    assert len(expected) >= 8
    for account, value in expected.items():
        shown = _shown(page, f'td[data-account="{account}"]')
        assert shown == value.quantize(Decimal("0.01")), account

    for person in ("alice", "bob"):
        total = sum((v for a, v in expected.items() if f":{person.capitalize()}:" in a), Decimal(0))
        assert _shown(page, f'[data-person-total="{person}"]') == total.quantize(Decimal("0.01"))

    # Every figure links to its account in fava.
    link = page.locator("section[data-person=alice] tr.fund a").first
    account = link.inner_text()
    link.click()
    expect(page).to_have_url(re.compile(re.escape(f"/account/{account}/") + "$"))
    assert console_errors == []


def test_movements_of_the_year_match_the_report(
    serve: Callable[..., FavaServer], page: Page
) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    report = build_report(analyse(entries, options), 2025)
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    open_all(page)
    rows = page.locator("tr.movement")
    expect(rows).to_have_count(len(report["movements"]))
    shown = rows.evaluate_all(
        """rows => rows.map(r => [r.dataset.date,
            r.querySelector('[data-gross]').innerText,
            r.querySelector('[data-basis]').innerText,
            r.querySelector('[data-taxable]').innerText])"""
    )
    expected = [
        [
            m["date"],
            f"{Decimal(m['gross']):,.2f}",
            f"{Decimal(m['basis']):,.2f}",
            f"{Decimal(m['taxable']):,.2f}",
        ]
        for m in report["movements"]
    ]
    assert shown == expected
    form = page.locator('table.forms[data-code="G"] tr[data-box="box1"] [data-expected]')
    box1 = report["form_1099r"][0]["expected"]["box1"]
    expect(form).to_have_text(f"{Decimal(box1):,.2f}")
    # The lot behind a conversion, with the days it waited (April's, over Good Friday).
    expect(page.locator("tr.lot", has_text="lot of 2025-04-15")).to_contain_text("held 8 days")

    page.get_by_role("link", name="2024", exact=True).click()
    expect(page.locator("h2#movements")).to_contain_text("2024")
    expect(page.locator("tr.movement")).to_have_count(13)


def test_limit_bars_show_the_reports_figures(serve: Callable[..., FavaServer], page: Page) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    report = build_report(analyse(entries, options), 2025)
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    open_all(page)

    def shown(selector: str) -> str:
        return page.locator(selector).inner_text().replace(",", "")

    for name, figures in report["people"].items():
        section = f'section.limits[data-person="{name}"]'
        assert (
            shown(f'{section} [data-limit="402g"] [data-used]')
            == figures["limits"]["402g"]["deferrals"]
        )
        for employer, additions in figures["limits"]["415c"].items():
            limit = f'{section} [data-limit="415c"][data-employer="{employer}"]'
            assert shown(f"{limit} [data-used]") == additions["annual_additions"]
            assert shown(f"{limit} [data-room]") == additions["after_tax_room"]
        assert (
            shown(f'{section} [data-limit="ira"] [data-used]')
            == figures["limits"]["ira"]["contributions"]
        )
    expect(page.locator("[data-findings=none]")).to_be_visible()


def test_reconciliation_shows_the_demos_match_and_mismatch(
    serve: Callable[..., FavaServer], page: Page
) -> None:
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    alice = page.locator('table.forms[data-account="Assets:Retirement:Alice:Acme401k"]')
    expect(alice.locator("[data-status]")).to_have_text("mismatch")
    box2a = alice.locator('tr[data-box="box2a"]')
    expect(box2a.locator("[data-expected]")).to_have_text("310.93")
    expect(box2a.locator("[data-reported]")).to_have_text("320.93")
    expect(box2a.locator("[data-difference]")).to_have_text("10.00")
    mismatch_colour = alice.locator("[data-status]").evaluate("e => getComputedStyle(e).color")
    bob = page.locator('table.forms[data-account="Assets:Retirement:Bob:TraditionalIRA"]')
    expect(bob.locator("[data-status]")).to_have_text("match")
    match_colour = bob.locator("[data-status]").evaluate("e => getComputedStyle(e).color")
    assert mismatch_colour != match_colour
    expect(page.locator('table.forms[data-form="5498"] [data-status]')).to_have_text("match")


def test_fava_time_filter_picks_the_year(serve: Callable[..., FavaServer], page: Page) -> None:
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?time=2024"))
    expect(page.locator("h2#year")).to_have_text("Tax year 2024")
    expect(page.locator("tr.movement")).to_have_count(13)
    page.goto(server.url("extension/Megaroth/?time=2025"))
    expect(page.locator("h2#year")).to_have_text("Tax year 2025")


def test_charts_render_with_no_console_errors(serve: Callable[..., FavaServer], page: Page) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/"))
    open_all(page)
    charts = page.locator("figure.timeline svg.timeline")
    expect(charts).to_have_count(4)
    points = charts.first.locator("polygon.basis").get_attribute("points") or ""
    assert len(points.split()) > 20
    box = charts.nth(1).bounding_box()
    assert box is not None
    assert box["height"] > 50
    assert errors == []


def test_each_download_returns_the_packet(serve: Callable[..., FavaServer], page: Page) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    expected = build_report(analyse(entries, options), 2024)
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    downloads = [
        ("csv", "section,row,column,value"),
        ("md", "# megaroth tax packet"),
        ("text", "megaroth tax packet, 2024"),
        ("json", '"year": 2024'),
    ]
    for fmt, marker in downloads:
        href = page.locator(f"p.downloads a[data-format={fmt}]").get_attribute("href")
        assert href is not None
        response = page.request.get(server.base + href)
        assert response.status == 200
        assert "attachment" in response.headers["content-disposition"]
        assert marker in response.text()
        if fmt == "json":
            assert response.json() == json.loads(json.dumps(expected))


def test_form_8606_is_laid_out_line_by_line(serve: Callable[..., FavaServer], page: Page) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    report = build_report(analyse(entries, options), 2024)
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    open_all(page)
    bob = page.locator('table.form-8606[data-person="bob"]')
    for line in ("line1", "line8", "line11", "line14", "line18"):
        shown = bob.locator(f'tr[data-line="{line}"] td.num').inner_text().replace(",", "")
        assert shown == report["people"]["bob"]["form_8606"][line], line
    expect(page.locator('table.form-8606[data-person="alice"]')).to_have_count(0)
    expect(page.locator('table.clocks[data-person="bob"]')).to_be_visible()
