"""``megaroth serve`` and ``megaroth demo``: fava behind the security headers, on loopback.

The browser tests (tests/browser/test_serve.py) show what the policy does in Chromium; these
check the middleware itself, fava's app behind it, and the two commands.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from fava import application as fava_application
from werkzeug.test import Client

from megaroth import cli
from megaroth.serve import (
    CONTENT_SECURITY_POLICY,
    HEADERS,
    LOOPBACK_NAMES,
    Options,
    SecurityHeaders,
    allowed_hosts,
    host_name,
    safe_app,
)
from tests.conftest import DEMO_LEDGER

MEGAROTH = Path(sys.executable).with_name("megaroth")


def _app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    """An app that sets a weaker policy of its own, to be replaced."""
    start_response(
        "200 OK",
        [("Content-Type", "text/html"), ("content-security-policy", "script-src *")],
    )
    return [b"<p>hello</p>"]


def test_every_response_carries_the_headers_and_only_ours() -> None:
    response = Client(SecurityHeaders(_app)).get("/")
    assert response.status_code == 200
    for name, value in HEADERS:
        assert response.headers.getlist(name) == [value]
    assert response.headers["Content-Type"] == "text/html"


def test_the_policy_forbids_inline_script_handlers_and_eval() -> None:
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["script-src-attr"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert directives["base-uri"] == "'none'"


@pytest.mark.parametrize(
    ("host", "answered"),
    [
        ("127.0.0.1:5000", True),
        ("localhost:5000", True),
        ("LOCALHOST", True),
        ("[::1]:5000", True),
        ("evil.example:5000", False),
        ("127.0.0.1.evil.example", False),
    ],
)
def test_on_loopback_only_loopback_names_are_answered(host: str, answered: bool) -> None:
    client = Client(SecurityHeaders(_app, allowed_hosts("127.0.0.1")))
    response = client.get("/", headers={"Host": host})
    assert (response.status_code == 200) is answered
    if not answered:
        assert response.status_code == 403
        assert "megaroth serve answers to" in response.get_data(as_text=True)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_host_names_and_the_hosts_each_address_allows() -> None:
    assert host_name({"HTTP_HOST": "Example.org:80"}) == "example.org"
    assert host_name({"HTTP_HOST": "[::1]:5000"}) == "::1"
    assert host_name({"SERVER_NAME": "127.0.0.1"}) == "127.0.0.1"
    assert allowed_hosts("127.0.0.1") == LOOPBACK_NAMES
    assert allowed_hosts("localhost") == LOOPBACK_NAMES
    assert allowed_hosts("127.0.0.2") == LOOPBACK_NAMES | {"127.0.0.2"}
    assert allowed_hosts("::1") == LOOPBACK_NAMES
    # An address the user chose to be reachable at: any name may reach it.
    assert allowed_hosts("0.0.0.0") is None
    assert allowed_hosts("192.168.1.20") is None
    assert allowed_hosts("my-laptop.lan") is None


def test_favas_pages_and_files_come_with_the_headers() -> None:
    client = Client(safe_app([DEMO_LEDGER], Options()))
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    script = client.get("/static/app.js")
    assert script.headers["X-Content-Type-Options"] == "nosniff"
    assert "javascript" in script.headers["Content-Type"]  # else nosniff would refuse it


def test_a_prefix_serves_fava_under_it() -> None:
    # fava caches the URLs it builds process-wide (one app per process): forget those of
    # the app of the test before.
    fava_application._cached_url_for.cache_clear()
    client = Client(safe_app([DEMO_LEDGER], Options(prefix="/books")))
    redirect = client.get("/books/")
    assert redirect.headers["Location"].startswith("/books/megaroth-demo-household/")
    assert redirect.headers["Referrer-Policy"] == "same-origin"
    assert client.get(redirect.headers["Location"]).status_code == 200


def test_serve_takes_favas_options() -> None:
    result = subprocess.run([str(MEGAROTH), "serve", "--help"], capture_output=True, text=True)
    for option in ("--host", "--port", "--prefix", "--incognito", "--read-only", "--poll-watcher"):
        assert option in result.stdout
    assert "127.0.0.1" in result.stdout
    assert "  --debug" not in result.stdout  # the debugger runs code typed into the page


def test_serve_says_when_the_ledger_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", str(tmp_path / "nowhere.beancount")]) == 2
    assert "no ledger file at" in capsys.readouterr().err


def test_demo_serves_behind_the_headers_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[list[Path], Options]] = []
    monkeypatch.setattr(
        cli, "serve", lambda ledgers, options: served.append((ledgers, options)) or 0
    )
    ledger = tmp_path / "main.beancount"
    ledger.write_text('option "title" "t"\n')
    assert cli.main(["demo", str(ledger), "--port", "5123"]) == 0
    assert served == [([ledger], Options(host="127.0.0.1", port=5123))]


def _free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port: int = free.getsockname()[1]
        return port


def test_megaroth_serve_answers_with_the_headers_and_refuses_other_hosts() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(MEGAROTH), "serve", str(DEMO_LEDGER), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
                    break
            except urllib.error.URLError:
                assert time.monotonic() < deadline, "megaroth serve did not start"
                time.sleep(0.3)
        rebound = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Host": f"evil.example:{port}"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=5)
        assert refused.value.code == 403
    finally:
        server.terminate()
        server.wait(timeout=10)
