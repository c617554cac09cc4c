"""The megaroth page's sections collapse (issue 18): tests that read a closed one open it."""

from __future__ import annotations

from playwright.sync_api import Page


def open_all(page: Page) -> None:
    """Open every section of the page, as a reader clicking each heading would."""
    page.locator("details.section").first.wait_for(state="attached")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
