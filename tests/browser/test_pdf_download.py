"""The PDF packet downloads from the megaroth page: the same bytes as the command's."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import FavaServer
from tests.conftest import DEMO_LEDGER

pytestmark = pytest.mark.browser


def test_the_pdf_download_is_the_commands_pdf(
    serve: Callable[..., FavaServer], page: Page, tmp_path: Path
) -> None:
    server = serve(DEMO_LEDGER)
    page.goto(server.url("extension/Megaroth/?year=2024"))
    link = page.locator("p.downloads a[data-format=pdf]")
    href = link.get_attribute("href")
    assert href is not None
    response = page.request.get(server.base + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="megaroth-2024.pdf"' in response.headers["content-disposition"]
    out = tmp_path / "packet.pdf"
    megaroth = Path(sys.executable).with_name("megaroth")
    subprocess.run([str(megaroth), "report", str(DEMO_LEDGER), "--year", "2024", "--format",
                    "pdf", "-o", str(out)], check=True)  # fmt: skip
    assert response.body() == out.read_bytes()
