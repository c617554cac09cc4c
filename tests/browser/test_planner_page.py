"""The after-tax room planner on the megaroth page, against schedules worked by hand
(tests/engine/test_planner.py has the working)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import FavaServer
from tests.engine import planner_ledgers as ledgers

pytestmark = pytest.mark.browser


def test_weekly_plan_fills_415c_to_the_cent(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    """15,400 of room over 26 weekly paychecks: 592.30 x 25, then 592.50; 402(g) with
    catch-up reached Aug 1; at 600 a week 415(c) is crossed on Dec 26 by 200."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(ledgers.WEEKLY)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    acme = page.locator('[data-planner-person="alice"] [data-employer="Acme Corp"]')
    expect(acme.locator("[data-per-paycheck]")).to_have_text("592.30")
    expect(acme.locator("[data-last-paycheck]")).to_have_text("592.50")
    expect(acme.locator('[data-figure="room"]')).to_have_text("15,400.00")
    expect(acme.locator('[data-figure="match"]')).to_have_text("2,500.00")
    expect(acme.locator('[data-figure="reached-415c"]')).to_contain_text("reached 2025-12-26")
    expect(acme.locator('[data-figure="reached-415c"]')).to_contain_text("200.00 over")
    expect(page.locator('[data-planner-person="alice"] [data-402g-reached]')).to_have_text(
        "2025-08-01"
    )
    acme.locator("details.paychecks summary").click()
    rows = acme.locator("table.paychecks tbody tr")
    expect(rows).to_have_count(26)
    shown = rows.evaluate_all(
        "rows => rows.map(r => [r.dataset.payday, r.querySelector('[data-deferrals]').innerText,"
        " r.querySelector('[data-after-tax]').innerText])"
    )
    assert shown[0] == ["2025-07-04", "1,000.00", "592.30"]
    assert shown[4] == ["2025-08-01", "1,000.00", "592.30"]
    assert shown[5] == ["2025-08-08", "0.00", "592.30"]
    assert shown[-1] == ["2025-12-26", "0.00", "592.50"]
    expect(acme.locator("ul.assumptions li").first).to_have_text(
        "Paid weekly (on Fridays), detected from 26 paydays."
    )


def test_job_change_plans_each_employer_on_its_own(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    """Hooli: 43,750 over 9 paychecks, 4,861.11 x 8 and 4,861.12; Initech stopped."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(ledgers.JOB_CHANGE)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    bob = page.locator('[data-planner-person="bob"]')
    hooli = bob.locator('[data-employer="Hooli"]')
    expect(hooli.locator("[data-per-paycheck]")).to_have_text("4,861.11")
    expect(hooli.locator("[data-last-paycheck]")).to_have_text("4,861.12")
    expect(hooli.locator('[data-figure="so-far"]')).to_have_text("25,000.00")
    initech = bob.locator('[data-employer="Initech"]')
    expect(initech.locator("[data-no-plan]")).to_contain_text("no paycheck here since 2025-05-23")
    expect(initech.locator('[data-figure="so-far"]')).to_have_text("35,750.00")
    expect(bob.locator("[data-402g-reached]")).to_have_text("2025-09-19")


def test_true_up_is_kept_aside(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    """Semimonthly, 100% of the first 4% trued up: 5,600 kept aside, 2,075.00 a paycheck."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(ledgers.SEMIMONTHLY)
    server = serve(ledger)
    page.goto(server.url("extension/Megaroth/?year=2025"))
    acme = page.locator('[data-planner-person="alice"] [data-employer="Acme Corp"]')
    expect(acme.locator('[data-figure="true-up"]')).to_have_text("5,600.00")
    expect(acme.locator("[data-per-paycheck]")).to_have_text("2,075.00")
    expect(acme.locator("[data-last-paycheck]")).to_have_text("2,075.00")
