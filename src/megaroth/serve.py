"""fava behind headers that keep a ledger's text from running as script (``megaroth serve``).

fava 1.30 renders some of a ledger's strings into its Journal without escaping them: a
transaction's payee and narration, a ``custom`` entry's string values and its type, a note's
comment, a query's name, a cost's label (``docs/security.md``). A ledger is written from
statements, and statements come from outside, so ``<img src=x onerror=...>`` in one of those
strings runs as script in the page that also holds fava's editor, which can rewrite every
file of the ledger. megaroth's importers make their text inert; this module makes the
browser refuse such script whatever wrote the ledger: fava is served behind a small WSGI
middleware (:class:`SecurityHeaders`) whose Content-Security-Policy allows scripts only from
fava's own files, never inline, never in event-handler attributes, never ``eval``.

What fava 1.30's own pages need, and so what the policy allows (each checked in Chromium by
``tests/browser/test_serve.py`` on every page of the sidebar, with no violation):

- scripts: ``app.js`` and the chunks it imports, extensions' modules (``'self'``), and
  WebAssembly: the editor's syntax highlighting is tree-sitter compiled to wasm
  (``'wasm-unsafe-eval'``, which allows compiling wasm and nothing else: no ``eval``);
- styles: ``app.css``, plus inline ones: CodeMirror and Svelte set ``style`` attributes, the
  megaroth page has a ``<style>`` block and bar widths (``'unsafe-inline'`` for styles only;
  CSS can't run script);
- images: fava's own, and CodeMirror's ``data:`` SVG icons;
- frames and objects: the Documents page previews a ledger's own documents (PDF in an
  ``<object>``, HTML in a sandboxed ``<iframe>``), so both may be fava's own pages;
- everything else (fetches, fonts, forms) from fava itself.

The ``<script type="application/json">`` blocks fava's pages carry are data, which a policy
doesn't govern. With the policy come ``X-Content-Type-Options: nosniff`` (a document served
as text is never run as a script), ``Referrer-Policy: same-origin`` (ledger URLs, which name
accounts and filters, never leave for another site; fava's ``/jump`` links still get the
referrer they need), ``X-Frame-Options`` and ``Cross-Origin-Resource-Policy`` (no other site
frames or embeds fava's responses).

On a loopback address (the default), requests must name a loopback host too: a web page can
point its own domain name at 127.0.0.1 (DNS rebinding) and then read and write the ledger
through fava's API as if it were fava's own page; naming the host it was served as
(``evil.example``) gets such a request refused.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

if TYPE_CHECKING:
    from _typeshed import OptExcInfo

LOCALHOST = "127.0.0.1"

#: The Content-Security-Policy, directive by directive (why each: the module's docstring).
POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("script-src-attr", "'none'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'self'"),
    ("worker-src", "'none'"),
    ("frame-ancestors", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in POLICY)

#: Every header the middleware sets on every response, replacing any the app set.
HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
#: The host names a browser on this machine uses for a loopback address.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class SecurityHeaders:
    """WSGI middleware: ``app`` with :data:`HEADERS` on every response, and (when
    ``hosts`` is given) only requests whose Host header names one of ``hosts``."""

    app: WSGIApplication
    hosts: frozenset[str] | None = None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self.hosts is not None and host_name(environ) not in self.hosts:
            return self._refuse(environ, start_response)
        ours = {name.lower() for name, _ in HEADERS}

        def start(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            kept = [(name, value) for name, value in headers if name.lower() not in ours]
            return start_response(status, [*kept, *HEADERS], exc_info)

        return self.app(environ, start)

    def _refuse(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        """A request that names another host: a page of another site reaching fava through
        a name it points at this machine. Said in words, for the person who typed it."""
        allowed = ", ".join(sorted(self.hosts or ()))
        body = (
            f"megaroth serve answers to {allowed} only, not to "
            f"{host_name(environ) or 'a request without a Host'}: open fava at "
            f"http://{LOCALHOST}:{environ.get('SERVER_PORT', '')}/ (or serve it with --host "
            "for another address).\n"
        ).encode()
        start_response(
            "403 Forbidden",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *HEADERS,
            ],
        )
        return [body]


def host_name(environ: WSGIEnvironment) -> str:
    """The host a request names (its Host header, else the server's), without the port."""
    host = str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "").strip().lower()
    if host.startswith("["):  # [::1]:5000
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_hosts(bind: str) -> frozenset[str] | None:
    """The host names requests may use when fava listens on ``bind``: on a loopback
    address, the loopback names; on any other (the user chose to be reachable), any."""
    if bind.lower() == "localhost":
        return LOOPBACK_NAMES
    try:
        loopback = ipaddress.ip_address(bind.strip("[]")).is_loopback
    except ValueError:
        return None
    return LOOPBACK_NAMES | {bind.strip("[]")} if loopback else None


@dataclass(frozen=True)
class Options:
    """fava's own options (``fava --help``), as ``megaroth serve`` takes them."""

    host: str = LOCALHOST
    port: int = 5000
    prefix: str | None = None
    incognito: bool = False
    read_only: bool = False
    poll_watcher: bool = False


def safe_app(ledgers: Sequence[Path], options: Options) -> WSGIApplication:
    """fava's application for ``ledgers``, behind :class:`SecurityHeaders`."""
    from fava.application import create_app

    app = create_app(
        [str(ledger.resolve()) for ledger in ledgers],
        incognito=options.incognito,
        read_only=options.read_only,
        poll_watcher=options.poll_watcher,
    )
    wsgi: WSGIApplication = app.wsgi_app
    if options.prefix:
        from fava.util import simple_wsgi
        from werkzeug.middleware.dispatcher import DispatcherMiddleware

        wsgi = DispatcherMiddleware(simple_wsgi, {options.prefix: wsgi})
    return SecurityHeaders(wsgi, allowed_hosts(options.host))


def serve(ledgers: Sequence[Path], options: Options) -> int:
    """Serve ``ledgers`` in fava until interrupted, as fava's own command does (cheroot)."""
    from cheroot.wsgi import Server

    host = LOCALHOST if options.host == "localhost" else options.host
    server = Server((host, options.port), safe_app(ledgers, options))
    print(
        f"Serving {', '.join(map(str, ledgers))} at http://{host}:{options.port}/ (Ctrl-C stops it)"
    )
    sys.stdout.flush()
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()
    except OSError as error:
        print(f"megaroth: can't listen on {host}:{options.port}: {error}", file=sys.stderr)
        return 1
    return 0
