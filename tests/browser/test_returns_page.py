"""The megaroth page lists rollovers in flight and the corrections made (issue 16): each with
its figures and deadline, linked to the entries behind it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import FavaServer

pytestmark = pytest.mark.browser

LEDGER = """
plugin "megaroth.plugins"
2000-01-01 custom "fava-extension" "megaroth.fava"
2000-01-01 open Assets:Checking
2000-01-01 open Income:Salary
2000-01-01 open Income:Retirement:MarketValue
2000-01-01 custom "megaroth-person" "una"
  birth-date: 1980-01-01
2000-01-01 open Assets:UnaIRA
  megaroth-ira: "traditional"
  owner: "una"
2000-01-01 custom "megaroth-person" "kai"
  birth-date: 1990-01-01
2000-01-01 open Assets:KaiAlpha401k
  megaroth-plan: "401k"
  owner: "kai"
  employer: "Alpha"
2000-01-01 open Assets:KaiAlpha401k:PreTax
2000-01-01 open Assets:KaiBeta401k
  megaroth-plan: "401k"
  owner: "kai"
  employer: "Beta"
2000-01-01 open Assets:KaiBeta401k:PreTax
2024-12-31 * "Broker" "Pre-tax IRA money, as grown"
  Assets:UnaIRA  13000.00 USD
  Income:Retirement:MarketValue
2024-06-15 * "Alpha" "Payroll"
  Assets:KaiAlpha401k:PreTax  20000.00 USD
  Income:Salary
2024-09-15 * "Beta" "Payroll"
  Assets:KaiBeta401k:PreTax  5000.00 USD
  Income:Salary
2025-03-01 * "Broker" "IRA distribution, to go back in within 60 days"
  indirect-rollover: TRUE
  Assets:UnaIRA  -5000.00 USD
  Assets:Checking
2025-03-20 * "Beta 401(k)" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:KaiBeta401k:PreTax  -2080.00 USD
  Assets:Checking
"""


def test_rollovers_in_flight_and_corrections_made_are_listed_and_linked(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    """Una's 5,000 paid out on 2025-03-01 to be put back is in flight on the ledger's last
    day (2025-03-20): its deadline is 2025-04-30. Kai's 2024 excess deferral returned in
    March 2025 cures the 402(g) finding, which reads "corrected"; the Checks list no longer
    holds it. Each row links to its entry in fava's editor."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    section = page.locator("details#returns-section")
    expect(section).to_have_attribute("open", "")
    flight = section.locator('table.rollovers-in-flight tr[data-payer="Assets:UnaIRA"]')
    expect(flight.locator("td[data-left]")).to_have_text("5,000.00")
    expect(flight.locator("td[data-deadline]")).to_have_text("2025-04-30")
    correction = section.locator('table.corrections tr[data-cures="402g-excess"]')
    expect(correction.locator("td[data-status]")).to_have_text("corrected")
    expect(correction.locator("td[data-contribution]")).to_have_text("2,000.00")
    finding = section.locator("table.corrections td[data-finding]")
    expect(finding).to_contain_text("Corrected: kai deferred 25,000.00 in 2024")
    expect(page.locator('li.finding[data-check="402g-excess"]')).to_have_count(0)
    flight.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/editor/.*line=33"))
    page.goto(server.url("extension/Megaroth/?year=2025"))
    page.locator('table.corrections tr[data-cures="402g-excess"] a').first.click()
    expect(page).to_have_url(re.compile(r"/editor/.*line=37"))
