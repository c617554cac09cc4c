"""The megaroth page shows Roth money coming out (issue 15, item 11): whether the year's Roth
IRA distributions are qualified, every clock's exposure at the year's end and what the year's
distributions owe the 10%, and a 457(b) plan's own limit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import FavaServer
from tests.engine.test_roth_distributions import HOUSEHOLD, ITEM_5

pytestmark = pytest.mark.browser

LEDGER = (
    HOUSEHOLD.replace('plugin "megaroth.plugins"', 'plugin "megaroth.plugins"\n'
                      '2000-01-01 custom "fava-extension" "megaroth.fava"')
    + ITEM_5
    + """
2000-01-01 open Assets:GilCity457
  megaroth-plan: "457b"
  owner: "gil"
  employer: "City"
2000-01-01 open Assets:GilCity457:PreTax
2022-02-01 * "City" "457(b) payroll"
  Assets:GilCity457:PreTax  10000.00 USD
  Income:Salary
"""
)  # fmt: skip


def test_clocks_show_the_exposure_at_the_years_end_and_the_10_percent_owed(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2022"))
    note = page.locator('p[data-qualified="gil"]')
    expect(note).to_contain_text("not qualified: the 5-taxable-year period that started on "
                                 "January 1, 2021 runs to December 31, 2025")  # fmt: skip
    row = page.locator('table.clocks[data-person="gil"] tr', has_text="ira-conversion")
    expect(row.locator("td[data-exposed]")).to_have_text("6,000.00")
    expect(row.locator("td[data-subject]")).to_have_text("4,000.00")
    bar = page.locator('section.limits[data-person="gil"] div[data-limit="457b"]')
    expect(bar.locator("[data-used]")).to_have_text("10,000.00")
    expect(page.locator('section.limits[data-person="gil"] div[data-limit="415c"]')).to_have_count(
        0
    )
    page.goto(server.url("extension/Megaroth/?year=2023"))
    row = page.locator('table.clocks[data-person="gil"] tr', has_text="ira-conversion")
    expect(row.locator("td[data-exposed]")).to_have_text("0.00")
