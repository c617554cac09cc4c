"""``megaroth serve``: a hostile ledger runs no script on any fava page, and fava still works.

fava 1.30 puts a transaction's payee and narration, a custom entry's strings and type, a
note's comment and a query's name into its Journal unescaped (docs/security.md). The first
test shows it with plain fava, so the ledger below is known to be hostile; the others open
every page a user opens under ``megaroth serve`` (fava behind a Content-Security-Policy):
no dialog, no violation but the blocked handlers, and each page doing its job.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import fava
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import MEGAROTH_SERVE, FavaServer
from tests.conftest import DEMO_LEDGER

pytestmark = pytest.mark.browser


def _alert(place: str) -> str:
    return f"<img src=x onerror=alert('{place}')>"


HOSTILE = textwrap.dedent(
    f"""\
    option "title" "Hostile"
    option "operating_currency" "USD"
    plugin "megaroth.plugins"
    2024-01-01 custom "fava-extension" "megaroth.fava"
    2024-01-01 custom "fava-option" "import-config" "import.py"
    2024-01-01 custom "fava-option" "import-dirs" "statements"
    2000-01-01 custom "megaroth-person" "{_alert("person")}"
    2000-01-01 commodity VTI
      name: "{_alert("commodity")}"
    2024-01-02 price VTI  100.00 USD
    2000-01-01 open Income:Salary
    2000-01-01 open Assets:Plan
      megaroth-plan: "401k"
      owner: "{_alert("person")}"
      employer: "{_alert("employer")}"
      in-plan-conversion: TRUE
    2000-01-01 open Assets:Plan:AfterTax
      note: "{_alert("open-metadata")}"
    2000-01-01 open Assets:Plan:IRR
    2000-01-01 open Assets:Other
      megaroth-plan: "401k"
      owner: "{_alert("error")}"
      employer: "Acme"
    2024-01-10 * "{_alert("payee")}" "\\"{_alert("narration")}"
      memo: "{_alert("metadata")}"
      Assets:Plan:AfterTax  1000.00 USD
        memo: "{_alert("posting-metadata")}"
      Income:Salary
    2024-01-12 * "Plan" "conversion <a class=hostile href=\\"javascript:alert('link')\\">click</a>"
      Assets:Plan:AfterTax  -1000.00 USD
      Assets:Plan:IRR        1000.00 USD
    2024-02-01 note Assets:Plan "{_alert("note")}"
    2024-02-02 custom "{_alert("custom-type")}" "{_alert("custom-value")}"
    2024-02-03 query "{_alert("query")}" "SELECT 1"
    2024-02-04 event "location" "{_alert("event")}"
    """
)
#: Where fava 1.30.16 runs a ledger's markup on its Journal (checked with plain fava below).
RUN_BY_PLAIN_FAVA = {"payee", "narration", "note", "custom-type", "custom-value", "query"}

#: A Schwab download in its real layout whose description is hostile, for the Import page.
STATEMENT = (
    '"Transactions  for account Traditional IRA ...377 as of 12/30/2023 04:12:09 PM ET"\n'
    '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"\n'
    '"12/28/2023","Service Fee","","ANNUAL IRA FEE ""><img src=x onerror=alert(\'statement\')>",'
    '"","","","-$25.00"\n'
)
IMPORT_PY = textwrap.dedent(
    """\
    from megaroth.importers.config import PlanConfig
    from megaroth.importers.generic import GenericImporter
    from megaroth.importers.layouts import schwab

    CONFIG = [
        GenericImporter(
            PlanConfig(
                account="Assets:IRA",
                sources={},
                accounts={"Traditional IRA ...377": "Assets:IRA"},
                contributions="Assets:Bank",
            ),
            schwab(),
        )
    ]
    """
)

#: Collects the page's Content-Security-Policy violations (a Playwright init script runs
#: outside the page's policy).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
    {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile}));
"""


@dataclass
class Watched:
    """What one page did: dialogs it opened, console errors, uncaught errors."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def violations(self) -> list[dict[str, str]]:
        found: list[dict[str, str]] = self.page.evaluate("window.__violations || []")
        return found

    def errors(self) -> list[str]:
        """Console errors other than the policy's own reports of what it blocked and the
        broken images of the payloads (``src=x``)."""
        return [
            text
            for text in self.console
            if "Content Security Policy" not in text and "404" not in text
        ]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Callable[[], Watched]]:
    contexts = []

    def open_page() -> Watched:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(WATCH)
        seen = Watched(page)
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda m: seen.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: seen.console.append(f"uncaught: {error}"))
        return seen

    yield open_page
    for context in contexts:
        context.close()


def _hostile_folder(tmp_path: Path) -> Path:
    (tmp_path / "statements").mkdir()
    (tmp_path / "statements" / "schwab.csv").write_text(STATEMENT)
    (tmp_path / "import.py").write_text(IMPORT_PY)
    ledger = tmp_path / "main.beancount"
    ledger.write_text(HOSTILE)
    return ledger


def _settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # images fail, handlers would fire


def test_plain_fava_runs_the_ledgers_markup_on_its_journal(
    tmp_path: Path, serve: Callable[..., FavaServer], watched: Callable[[], Watched]
) -> None:
    # The ledger really is hostile: fava's own command runs its strings as markup. If this
    # fails after a fava upgrade, fava escapes them now: update docs/security.md.
    server = serve(_hostile_folder(tmp_path))
    seen = watched()
    seen.page.goto(server.url("journal/"))
    _settle(seen.page)
    assert set(seen.dialogs) >= RUN_BY_PLAIN_FAVA, (fava.__version__, seen.dialogs)
    assert {"metadata", "posting-metadata", "commodity"}.isdisjoint(seen.dialogs)


#: Each page a user opens: its path, and what shows it works.
PAGES: list[tuple[str, Callable[[Page], None]]] = [
    ("journal/", lambda page: expect(page.locator(".journal li.transaction")).to_have_count(2)),
    (
        "account/Assets:Plan:AfterTax/",
        lambda page: expect(page.locator(".journal li.transaction")).to_have_count(2),
    ),
    ("errors/", lambda page: expect(page.locator("table tbody tr").first).to_be_visible()),
    ("import/", lambda page: expect(page.get_by_text("schwab.csv")).to_be_visible()),
    (
        "editor/",
        lambda page: expect(page.locator(".cm-content")).to_contain_text("megaroth-person"),
    ),
    (
        "extension/Megaroth/?year=2024",
        lambda page: expect(page.locator("div.megaroth h2").first).to_be_visible(),
    ),
    ("events/", lambda page: expect(page.locator("table").first).to_be_visible()),
    ("commodities/", lambda page: expect(page.get_by_text("VTI").first).to_be_visible()),
    ("documents/", lambda page: expect(page.locator("article")).to_be_visible()),
    ("income_statement/", lambda page: expect(page.locator("svg").first).to_be_visible()),
    ("balance_sheet/", lambda page: expect(page.locator("svg").first).to_be_visible()),
    ("holdings/", lambda page: expect(page.locator("article table").first).to_be_visible()),
    (
        "query/?query_string=SELECT%20payee",
        lambda page: expect(page.locator("table")).to_be_visible(),
    ),
]


@pytest.mark.parametrize(("path", "works"), PAGES, ids=[path for path, _ in PAGES])
def test_no_page_runs_the_ledgers_markup_under_megaroth_serve(
    tmp_path: Path,
    serve: Callable[..., FavaServer],
    watched: Callable[[], Watched],
    path: str,
    works: Callable[[Page], None],
) -> None:
    server = serve(_hostile_folder(tmp_path), MEGAROTH_SERVE)
    seen = watched()
    seen.page.goto(server.url(path))
    _settle(seen.page)
    works(seen.page)
    assert seen.dialogs == []
    # What the policy blocked is the ledger's handlers, nothing of fava's own.
    blocked = {(v["directive"], v["blocked"]) for v in seen.violations()}
    assert blocked <= {("script-src-attr", "inline")}, seen.violations()
    assert seen.errors() == []


def test_a_hostile_link_in_a_narration_does_nothing_when_clicked(
    tmp_path: Path, serve: Callable[..., FavaServer], watched: Callable[[], Watched]
) -> None:
    server = serve(_hostile_folder(tmp_path), MEGAROTH_SERVE)
    seen = watched()
    seen.page.goto(server.url("journal/"))
    _settle(seen.page)
    seen.page.locator("a.hostile").click()
    seen.page.wait_for_timeout(300)
    assert seen.dialogs == []
    assert {v["directive"] for v in seen.violations()} <= {"script-src-attr", "script-src-elem"}


def test_a_hostile_statement_extracts_as_text_on_the_import_page(
    tmp_path: Path, serve: Callable[..., FavaServer], watched: Callable[[], Watched]
) -> None:
    server = serve(_hostile_folder(tmp_path), MEGAROTH_SERVE)
    seen = watched()
    seen.page.goto(server.url("import/"))
    seen.page.get_by_role("button", name="Extract").click()
    expect(seen.page.get_by_text("Entry 1 of 1")).to_be_visible()
    values = seen.page.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert (
        "Service Fee: ANNUAL IRA FEE \u201d\u203a\u2039img src=x onerror=alert('statement')\u203a"
        in values
    ), " | ".join(values)
    assert seen.dialogs == []
    assert seen.errors() == []


def _visible(selector: str) -> Callable[[Page], None]:
    return lambda page: expect(page.locator(selector).first).to_be_visible()


def _megaroth_page_is_styled(page: Page) -> None:
    """The page's <style> block and its bars' style attributes apply (styles may be inline)."""
    bar = page.locator(".megaroth .bar").first
    expect(bar).to_be_attached()
    assert bar.evaluate("e => getComputedStyle(e).display") == "flex"
    assert bar.locator(".used").evaluate("e => e.style.width").endswith("%")


#: The demo's pages, and what shows each works (others: that it shows at all).
DEMO_CHECKS: dict[str, Callable[[Page], None]] = {
    "journal/": _visible(".journal li.transaction"),
    # tree-sitter (WebAssembly) highlights the source: its tokens carry classes.
    "editor/": _visible(".cm-content span[class]"),
    "query/?query_string=SELECT%20account%2C%20sum(position)%20GROUP%20BY%20account": _visible(
        "table tbody tr"
    ),
    "income_statement/": lambda page: expect(page.locator("svg g").first).to_be_attached(),
    "extension/Megaroth/": _megaroth_page_is_styled,
    "errors/": lambda page: expect(page.locator("table tbody tr")).to_have_count(1),
    "import/": lambda page: expect(
        page.get_by_role("button", name="Extract").first
    ).to_be_visible(),
}
DEMO_PAGES = [
    *DEMO_CHECKS,
    "balance_sheet/",
    "trial_balance/",
    "holdings/",
    "commodities/",
    "documents/",
    "events/",
    "statistics/",
    "options/",
    "help/",
    "account/Assets:Retirement:Alice:Acme401k/",
]


def test_fava_works_under_the_policy(
    serve: Callable[..., FavaServer], watched: Callable[[], Watched]
) -> None:
    # The demo household on every page of fava's sidebar: nothing the policy blocks.
    server = serve(DEMO_LEDGER, MEGAROTH_SERVE)
    for path in DEMO_PAGES:
        seen = watched()
        seen.page.goto(server.url(path))
        _settle(seen.page)
        DEMO_CHECKS.get(path, _visible("article"))(seen.page)
        assert (path, seen.violations(), seen.errors()) == (path, [], [])


def test_fava_jump_links_still_get_their_referrer(
    serve: Callable[..., FavaServer], watched: Callable[[], Watched]
) -> None:
    # fava's /jump (sidebar links) goes back to the page it came from: Referrer-Policy
    # same-origin keeps that working.
    server = serve(DEMO_LEDGER, MEGAROTH_SERVE)
    seen = watched()
    seen.page.goto(server.url("journal/"))
    seen.page.evaluate(f"location.href = {server.base + '/jump?time=2024'!r}")
    expect(seen.page).to_have_url(re.compile(r"/journal/\?time=2024"))
