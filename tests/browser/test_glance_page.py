"""The year at a glance at the top of the megaroth page, against the JSON report; the
sections below collapse, and the table of contents opens the one it points to."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from beancount import loader
from playwright.sync_api import Page, expect

from megaroth.engine.analysis import analyse
from tests.browser.conftest import FavaServer
from tests.conftest import DEMO_LEDGER, build_report

pytestmark = pytest.mark.browser


def _money(text: str) -> str:
    return f"{Decimal(text):,.2f}"


@pytest.mark.parametrize("year", [2024, 2025])
def test_glance_figures_are_the_json_reports(
    serve: Callable[..., FavaServer], page: Page, year: int
) -> None:
    entries, _, options = loader.load_file(str(DEMO_LEDGER))
    report = build_report(analyse(entries, options), year)
    server = serve(DEMO_LEDGER)
    page.goto(server.url(f"extension/Megaroth/?year={year}"))
    glance = page.locator("section.glance")
    expect(glance.locator("h2")).to_have_text(f"{year} at a glance")
    total = Decimal(0)
    for name, person in report["people"].items():
        row = glance.locator(f'[data-glance="taxable"] tr[data-person="{name}"]')
        for line in ("line4b", "line5b"):
            expect(row.locator(f'[data-line="{line}"]')).to_have_text(
                _money(person["form_1040"][line])
            )
            total += Decimal(person["form_1040"][line])
        basis = glance.locator(f'[data-glance="basis"] tr[data-person="{name}"] [data-line]')
        expect(basis).to_have_text(_money(person["form_8606"]["line14"]))
        for employer, additions in person["limits"]["415c"].items():
            room = glance.locator(
                f'[data-glance="room"] [data-person="{name}"][data-employer="{employer}"]'
            )
            expect(room.locator("[data-room]")).to_have_text(_money(additions["after_tax_room"]))
    expect(glance.locator('[data-glance="taxable"] [data-total]')).to_have_text(_money(str(total)))
    forms = [*report["form_1099r"], *report["form_5498"]]
    for status in ("match", "mismatch", "missing", "unexpected"):
        count = sum(1 for f in forms if f["status"] == status)
        expect(glance.locator(f'li[data-status="{status}"] [data-count]')).to_have_text(str(count))
    errors = sum(1 for f in report["findings"] if f["severity"] == "error")
    errors += sum(1 for f in forms if f["status"] in ("mismatch", "unexpected"))
    warnings = sum(1 for f in report["findings"] if f["severity"] == "warning")
    expect(glance.locator("[data-errors]")).to_have_text(str(errors))
    expect(glance.locator("[data-warnings]")).to_have_text(str(warnings))
    if year == 2024:  # the demo's designed mismatch: one error, the forms section open
        assert errors == 1
        expect(page.locator("details#forms-section")).to_have_attribute("open", "")


def test_a_collapsed_section_opens_from_its_heading_and_from_the_contents(
    serve: Callable[..., FavaServer], page: Page
) -> None:
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    movements = page.locator("details#movements-section")
    expect(movements).not_to_have_attribute("open", "")
    first = page.locator("tr.movement").first
    expect(first).to_be_hidden()
    page.locator("details#movements-section > summary").click()
    expect(movements).to_have_attribute("open", "")
    expect(first).to_be_visible()
    # The table of contents opens a closed section it points to (fragment navigation).
    form_8606 = page.locator("details#form-8606-section")
    expect(form_8606).not_to_have_attribute("open", "")
    page.locator("nav.toc a[href='#form-8606-body']").click()
    expect(form_8606).to_have_attribute("open", "")
    expect(page.locator('table.form-8606[data-person="bob"]')).to_be_visible()


def test_glance_reads_in_favas_light_and_dark_themes(
    serve: Callable[..., FavaServer], page: Page
) -> None:
    server = serve(DEMO_LEDGER)
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(server.url("extension/Megaroth/?year=2025"))
        card = page.locator(".megaroth .card").first
        colours[scheme] = card.evaluate(
            "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
        )
    assert colours["light"] != colours["dark"]
    assert colours["light"][0] != colours["light"][1]
