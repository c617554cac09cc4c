"""fava's Errors page shows megaroth's errors, linked to the offending line."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import FavaServer

pytestmark = pytest.mark.browser

LEDGER = textwrap.dedent(
    """\
    option "title" "Errors page test"
    plugin "megaroth.plugins"
    2020-01-01 custom "megaroth-person" "alice"
      birth-date: 1974-03-14
    2020-01-01 open Assets:Acme401k
      megaroth-plan: "401k"
      owner: "alice"
      employer: "Acme Corp"
    2020-01-01 open Assets:Acme401k:Bonus:FXAIX  FXAIX
    """
)


def test_unnamed_source_is_listed_and_linked_to_its_line(
    tmp_path: Path, serve: Callable[[Path], FavaServer], page: Page
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER)
    server = serve(ledger)
    page.goto(server.url("errors/"))
    row = page.locator("tr", has_text='can\'t tell which money source "Bonus"')
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Assets:Acme401k:Bonus:FXAIX")
    link = row.locator("a").first
    expect(link).to_contain_text("9")
    link.click()
    # The link opens fava's editor on the offending file and line.
    expect(page).to_have_url(re.compile(r"/editor/.*line=9"))
