"""What the ledger says is shown as text on the megaroth page, never run; both themes work."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import FavaServer
from tests.conftest import DEMO_LEDGER

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"

HOSTILE = textwrap.dedent(
    f"""\
    option "title" "Hostile"
    plugin "megaroth.plugins"
    2024-01-01 custom "fava-extension" "megaroth.fava"
    2000-01-01 custom "megaroth-person" "{SCRIPT}"
    2000-01-01 open Income:Salary
    2000-01-01 open Assets:Plan
      megaroth-plan: "401k"
      owner: "{SCRIPT}"
      employer: "{PAYLOAD}"
      in-plan-conversion: TRUE
    2000-01-01 open Assets:Plan:AfterTax
      note: "{PAYLOAD}"
    2000-01-01 open Assets:Plan:IRR
    2024-01-10 * "{PAYLOAD}" "{SCRIPT}"
      Assets:Plan:AfterTax  1000.00 USD
      Income:Salary
    2024-01-12 * "{PAYLOAD}" "{PAYLOAD} conversion"
      Assets:Plan:AfterTax  -1000.00 USD
      Assets:Plan:IRR        1000.00 USD
    """
)


def test_payloads_in_payee_narration_and_metadata_show_as_text(
    tmp_path: Path, serve: Callable[..., FavaServer], page: Page
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ledger = tmp_path / "hostile.beancount"
    ledger.write_text(HOSTILE)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    content = page.locator("div.megaroth")
    expect(content.get_by_text(f"{PAYLOAD} — {PAYLOAD} conversion")).to_have_count(1)
    expect(content.get_by_text(SCRIPT).first).to_be_visible()
    expect(content.get_by_text(PAYLOAD, exact=False).first).to_be_visible()
    assert content.locator('img[src="x"]').count() == 0
    assert content.locator("script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_page_follows_favas_dark_theme(browser: Browser, serve: Callable[..., FavaServer]) -> None:
    server = serve(DEMO_LEDGER)
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(server.url("extension/Megaroth/"))
        bar = page.locator(".megaroth .bar").first
        text = page.locator(".megaroth h2").first
        colours[scheme] = (
            bar.evaluate("e => getComputedStyle(e).backgroundColor"),
            text.evaluate("e => getComputedStyle(e).color"),
        )
        context.close()
    assert colours["light"][0] != colours["dark"][0]
    assert colours["light"][1] != colours["dark"][1]


def test_a_hostile_name_in_a_finding_shows_as_text(
    tmp_path: Path, serve: Callable[..., FavaServer], page: Page
) -> None:
    """A person named ``"><img src=x onerror=alert(1)>`` who defers too much, and a 1099-R
    payer named ``<script>alert(2)</script>``: both names reach a finding's message (402(g)
    excess, form mismatch) and the charts' ids, and Chromium shows them as text, with no
    element, handler or dialog of theirs. Kills: a finding's message rendered ``|safe``;
    the charts' ids made from the name (the fava-rendered twin of this test is
    ``tests/report/test_page_escaping.py``)."""
    from tests.report.test_page_escaping import NAME, PAYER, hostile_ledger

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ledger = tmp_path / "hostile.beancount"
    ledger.write_text(hostile_ledger())
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    content = page.locator("div.megaroth")
    expect(content.locator('li.finding[data-check="402g-excess"]')).to_contain_text(
        f"{NAME} deferred 30,100.00 in 2024"
    )
    expect(content.locator('li.finding[data-check="form-mismatch"]')).to_contain_text(
        f"Form 1099-R from {PAYER}"
    )
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("[onerror]").count() == 0
    assert content.locator("script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
