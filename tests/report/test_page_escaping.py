"""The megaroth page shows the ledger's words as text: rendered by fava itself, no browser.

fava renders the page (its Flask test client, the same templates and extension a browser
gets), from a ledger whose person, employer and 1099-R payer are named like markup. The
names reach the page in text, in attributes (the charts' ids) and inside the findings'
messages (a 402(g) excess names the person, a form that disagrees names the payer), so a
``|safe`` on a message, an unescaped chart id or a ``Markup`` built from a name shows up
here as an element or an attribute the ledger made. The browser test of the same ledger is
``tests/browser/test_page_safety.py::test_a_hostile_name_in_a_finding_shows_as_text``.
"""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fava.application import create_app
from markupsafe import escape

#: Breaks out of an attribute and opens an element, wherever it is written unescaped.
NAME = '"><img src=x onerror=alert(1)>'
PAYER = "<script>alert(2)</script>"
#: A payee and a narration (the movements' descriptions): markup of their own.
PAYEE, NARRATION = "<i>payee</i>", "<u>narration</u>"
#: The page, as fava serves it for the hostile ledger (named ``hostile.beancount``).
PAGE = "/hostile/extension/Megaroth/?year=2024"


def hostile_ledger() -> str:
    """A person, an employer, a payee, a narration and a payer named like markup, with what
    makes each section of the page show them: a plan paid biweekly with a salary and an old
    job that ended (the planner and its notes), after-tax money converted (the charts, the
    movements and their lots), too much deferred (a finding) and some of it returned (a
    correction, whose finding names the person), a 60-day rollover, a backdoor Roth IRA
    (Form 8606, the Roth IRA and its clocks) and a 1099-R that disagrees."""
    name = NAME.replace('"', '\\"')
    return textwrap.dedent(
        f"""\
        option "title" "Hostile"
        plugin "megaroth.plugins"
        2024-01-01 custom "fava-extension" "megaroth.fava"
        2000-01-01 custom "megaroth-person" "{name}"
          birth-date: 1980-01-01
        2000-01-01 open Income:Salary
        2000-01-01 open Assets:Checking
        2000-01-01 open Assets:Plan
          megaroth-plan: "401k"
          owner: "{name}"
          employer: "{name}"
          in-plan-conversion: TRUE
          pay-schedule: "biweekly"
        2000-01-01 open Assets:Plan:PreTax
        2000-01-01 open Assets:Plan:AfterTax
        2000-01-01 open Assets:Plan:IRR
        2000-01-01 open Assets:IRA
          megaroth-ira: "traditional"
          owner: "{name}"
        2000-01-01 open Assets:RothIRA
          megaroth-ira: "roth"
          owner: "{name}"
        2000-01-01 open Assets:Old
          megaroth-plan: "401k"
          owner: "{name}"
          employer: "Old Corp"
          pay-schedule: "biweekly"
        2000-01-01 open Assets:Old:PreTax
        2023-12-19 * "Old Corp" "Payroll"
          Assets:Old:PreTax  100.00 USD
          Income:Salary
        2024-01-02 * "Old Corp" "Payroll, the last"
          Assets:Old:PreTax  100.00 USD
          Income:Salary
        2024-01-01 custom "megaroth-salary" "{name}" "{name}" 150000.00 USD
        2024-01-05 * "Payroll"
          Assets:Plan:PreTax    10000.00 USD
          Assets:Plan:AfterTax    500.00 USD
          Income:Salary
        2024-01-19 * "Payroll"
          Assets:Plan:PreTax    10000.00 USD
          Assets:Plan:AfterTax    500.00 USD
          Income:Salary
        2024-02-02 * "Payroll"
          Assets:Plan:PreTax    10000.00 USD
          Income:Salary
        2024-02-12 * "{PAYEE}" "{NARRATION}"
          Assets:Plan:AfterTax  -1000.00 USD
          Assets:Plan:IRR        1000.00 USD
        2024-03-01 * "Bank" "Nondeductible contribution"
          nondeductible: TRUE
          Assets:IRA  7000.00 USD
          Assets:Checking
        2024-03-05 * "Broker" "Conversion"
          Assets:IRA      -7000.00 USD
          Assets:RothIRA   7000.00 USD
        2024-11-01 * "Plan" "Excess deferral returned"
          returned-contribution: 1000.00 USD
          Assets:Plan:PreTax  -1000.00 USD
          Assets:Checking
        2024-12-01 * "Old Corp" "Paid out"
          Assets:Old:PreTax  -200.00 USD
          Assets:Checking
        2024-12-20 * "Broker" "Put back within 60 days"
          indirect-rollover: TRUE
          Assets:IRA  200.00 USD
          Assets:Checking
        2025-01-31 custom "1099-R" Assets:Plan 2024
          payer: "{PAYER}"
          box1: 1000.00 USD
          box2a: 10.00 USD
          box5: 1000.00 USD
          box7: "G"
        """
    )


class Elements(HTMLParser):
    """Every element of a page, with its attributes, and the text of each findings item."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.findings: dict[str, str] = {}
        self._check: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "li" and "finding" in (attributes.get("class") or ""):
            self._check = attributes.get("data-check")
            self.findings[self._check or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._check = None

    def handle_data(self, data: str) -> None:
        if self._check is not None:
            self.findings[self._check] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    ledger: Path = tmp_path_factory.mktemp("hostile") / "hostile.beancount"
    ledger.write_text(hostile_ledger())
    client = create_app([str(ledger)], load=True).test_client()
    response = client.get(PAGE)
    assert response.status_code == 200
    return str(response.get_data(as_text=True))


def test_a_hostile_name_in_a_finding_is_escaped(page: str) -> None:
    """The person's name reaches the 402(g) finding and the payer's the form mismatch, each
    shown as the text it is. Kills: a finding's message rendered ``|safe``."""
    parsed = Elements()
    parsed.feed(page)
    assert parsed.findings["402g-excess"].count(f"{NAME} deferred 30,100.00 in 2024") == 1
    assert f"{PAYEE} — {NARRATION}" in page.replace("&lt;", "<").replace("&gt;", ">")
    assert f"Form 1099-R from {PAYER} for Assets:Plan, 2024" in parsed.findings["form-mismatch"]
    for markup in (NAME, PAYER, PAYEE, NARRATION):
        assert markup not in page


def test_no_name_of_the_ledger_becomes_an_element_or_an_attribute(page: str) -> None:
    """No element or attribute on the page comes from a name: no ``img`` with ``src=x``, no
    ``script`` holding ``alert``, no ``on...`` handler anywhere (the charts' ids once held the
    person's name, and a name with a quote broke out of them)."""
    parsed = Elements()
    parsed.feed(page)
    assert [a for tag, a in parsed.elements if tag == "img" and a.get("src") == "x"] == []
    assert [a for _, a in parsed.elements if any(k.startswith("on") for k in a)] == []
    assert "alert(2)</script>" not in page
    charts = [
        a for tag, a in parsed.elements if tag == "svg" and "year-chart" in (a.get("class") or "")
    ]
    assert charts  # the charts are drawn (they name the person in their titles)


def test_a_correction_repeats_its_finding_as_text(page: str) -> None:
    """The returned deferral's row repeats the 402(g) finding it cures, which names the
    person: escaped there too. Kills: ``c.finding`` rendered ``|safe``."""
    cell = page.split("data-finding>", 1)[1].split("</td>", 1)[0]
    assert f"{escape(NAME)} deferred 30,100.00 in 2024" in cell
