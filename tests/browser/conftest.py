"""A real fava server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without these Chromium keeps dialling Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FAVA = Path(sys.executable).with_name("fava")
#: fava behind megaroth's Content-Security-Policy (src/megaroth/serve.py).
MEGAROTH_SERVE = (str(Path(sys.executable).with_name("megaroth")), "serve")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class FavaServer:
    """fava serving one ledger on 127.0.0.1 until stopped: fava's own command, or another
    that takes fava's options (``MEGAROTH_SERVE``)."""

    def __init__(self, ledger: Path, command: Sequence[str] = (str(FAVA),)) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(self.port), str(ledger)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"fava exited: {stderr}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("fava did not start within 60 s")

    def url(self, path: str) -> str:
        """A URL of the (only) ledger: fava names it by a slug of its title."""
        with urllib.request.urlopen(self.base + "/", timeout=10) as response:
            slug = response.url.rstrip("/").split("/")[-2]
        return f"{self.base}/{slug}/{path.lstrip('/')}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "Browser tests need Debian's Chromium at /usr/bin/chromium: "
            "apt-get install chromium (make test does this when run as root)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def serve() -> Iterator[Callable[..., FavaServer]]:
    servers: list[FavaServer] = []

    def start(ledger: Path, command: Sequence[str] = (str(FAVA),)) -> FavaServer:
        server = FavaServer(ledger, command)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
