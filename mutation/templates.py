"""Mutants of the page's escaping: ``make mutants`` runs them after mutmut's areas.

mutmut mutates Python, not Jinja templates, and none of its mutations drops an escape. The
page's safety rests on two things: Jinja escapes every ``{{ ... }}`` of the templates, and
the Python that builds markup (``Markup``) escapes what it takes from the ledger with
``escape(...)``. So each mutant here undoes one of them:

- a template's ``{{ expr }}`` written ``{{ (expr)|safe }}``, one at a time;
- a ``escape(x)`` of the extension's Python written ``str(x)``, one at a time.

Each mutant is run against the page's fava-rendered tests (a hostile ledger whose names
are markup: ``tests/report/test_page_escaping.py``), in a copy of the package under
``build/mutants/templates``. A survivor is an expression that can't carry the ledger's
text (a number, a date, a fixed word, a URL fava encodes) or a gap in the hostile ledger;
docs/testing.md says which is which.

    python mutation/templates.py            # every mutant; a table and the survivors
    python mutation/templates.py --probe    # what each would be if it survived, no mutants
    python mutation/templates.py --reclass  # the last run's survivors classed again
    python mutation/run.py templates        # the same, as one of make mutants' areas
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "mutants" / "templates"
TEMPLATES = sorted((REPO / "src/megaroth/fava/templates").glob("*.html"))
PYTHON = [REPO / "src/megaroth/fava/year_charts.py", REPO / "src/megaroth/fava/__init__.py"]
TESTS = ["tests/report/test_page_escaping.py"]
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass(frozen=True)
class Mutant:
    path: Path  # in the repository
    line: int
    before: str
    after: str
    start: int
    end: int
    #: The template expression's place (``path#n``, its n-th ``{{ }}``); "" for escape().
    site: str = ""

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}: {self.before.strip()}"


def template_mutants(path: Path) -> list[Mutant]:
    text = path.read_text()
    found: list[Mutant] = []
    for match in EXPRESSION.finditer(text):
        inner = match.group(1).strip()
        line = text.count("\n", 0, match.start()) + 1
        after = "{{ (" + inner + ")|safe }}"
        site = f"{path.relative_to(REPO)}#{len(found)}"
        found.append(Mutant(path, line, match.group(0), after, match.start(), match.end(), site))
    return found


def escape_mutants(path: Path) -> list[Mutant]:
    """Each ``escape(...)`` call, its argument taken as it is."""
    text = path.read_text()
    found = []
    for match in re.finditer(r"(?<![\w.])escape\(", text):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        argument = text[match.end() : end]
        line = text.count("\n", 0, match.start()) + 1
        before = text[match.start() : end + 1]
        found.append(Mutant(path, line, before, f"str({argument})", match.start(), end + 1))
    return found


#: Run in the copy: the hostile page rendered with every ``{{ }}`` passed through a filter
#: that notes what each place rendered (its types, a few of its texts, and whether any text
#: held a < or >, which every hostile name has: text without them makes no element, and a
#: quote or an ampersand of megaroth's own words is harmless unescaped).
PROBE = """
import json, sys
from markupsafe import Markup
from fava.application import create_app
from tests.report.test_page_escaping import PAGE, hostile_ledger

seen = {}

def probe(value, site):
    record = seen.setdefault(site, {"types": [], "markup": False, "texts": []})
    kind = "Markup" if isinstance(value, Markup) else type(value).__name__
    if kind not in record["types"]:
        record["types"].append(kind)
    if kind == "str":
        record["markup"] = record["markup"] or "<" in value or ">" in value
        if value not in record["texts"] and len(record["texts"]) < 4:
            record["texts"].append(value)
    return value

with open(sys.argv[1], "w") as ledger:
    ledger.write(hostile_ledger())
app = create_app([sys.argv[1]], load=True)
app.jinja_env.filters["mutation_probe"] = probe
response = app.test_client().get(PAGE)
assert response.status_code == 200, response.status_code
print(json.dumps(seen))
"""
#: What a place showed that can't carry the ledger's text: numbers, dates, yes/no.
NOT_TEXT = {"int", "Decimal", "date", "bool", "NoneType"}
ACCOUNT = re.compile(r"^[A-Z][\w-]*(:[\w-]+)+$")


NUMBER = "a number, a date, a count or yes/no"
ACCOUNT_NAME = "an account name (Beancount's account syntax holds no markup character)"
URL = "a URL from url_for, which percent-encodes what it is given"
OWN_WORDS = "megaroth's own words (a fixed list in its code), never the ledger's"
#: Template expressions that can't show the ledger's markup, and why (a survivor at one of
#: them is equivalent). Whatever isn't here, nor shown by the probe to be numbers, dates,
#: accounts, URLs or megaroth's markup, is a survivor "to explain".
EXPLAINED: dict[str, str] = {
    "year": NUMBER, "r.deadline": NUMBER, "r.distributed": NUMBER, "values.as_of": NUMBER,
    "e.last_payday": NUMBER, 'm.five_year_end or ""': NUMBER, "e.reached_415c": NUMBER,
    "e.reached_401a17": NUMBER, "key[4:]": NUMBER,
    'lines[key] if key == "line10" else money(lines[key])': NUMBER,
    "units": "an amount: a number and a commodity, whose syntax ([A-Z][A-Z0-9'._-]*) holds "
             "no <, > or &",
    "values.currency": "the operating currency: Beancount's currency syntax holds no <, > "
                       "or & (an apostrophe is harmless in text and double-quoted attributes)",
    "values.unpriced[0][1].currency": "a commodity: as values.currency",
    "r.payer": ACCOUNT_NAME, "account": ACCOUNT_NAME,
    "extension.short(m.from_account)": ACCOUNT_NAME, "extension.short(m.to_account)": ACCOUNT_NAME,
    "url_for('account', name=r.payer)": URL,
    "url_for('report', report_name='editor', file_path=r.distribution_meta.filename, "
    "line=r.distribution_meta.lineno)": URL,
    "timeline.title": "an account name and a kind of money from megaroth's list",
    "r.code": "a 1099-R code: box7 is read only if it is codes of the IRS's list",
    "c.codes": "1099-R codes from megaroth's table",
    "extension.shown((r.reported or {}).get(box))": "a received box as read: an amount, "
        "yes/no, a year or codes of the IRS's list (anything else is an error)",
    "extension.shown((r.expected or {}).get(box))": "an expected box: amounts, yes/no, "
        "years, codes",
    "extension.shown(r.differences.get(box))": "a difference of two amounts",
    '"" if errors == 1 else "s"': OWN_WORDS, '"" if warnings == 1 else "s"': OWN_WORDS,
    '"Error" if f.severity == "error" else "Warning"': OWN_WORDS,
    "'match' if c.status == 'corrected' else 'missing'": OWN_WORDS,
    "b.limits_source": OWN_WORDS, "d.limits_source": OWN_WORDS, "box": OWN_WORDS,
    "extension.box_name(box, r.form)": OWN_WORDS, "c.cures": OWN_WORDS, "c.status": OWN_WORDS,
    "c.what": OWN_WORDS, "d.event": OWN_WORDS, "f.check": OWN_WORDS, "f.severity": OWN_WORDS,
    "fmt": OWN_WORDS, "label": OWN_WORDS, "ira_value.ira.ira_type": OWN_WORDS,
    "key": OWN_WORDS, "layer.kind": OWN_WORDS, "lot.origin": OWN_WORDS, "m.code": OWN_WORDS,
    "m.kind": OWN_WORDS, "plan.plan_type": OWN_WORDS, "r.form": OWN_WORDS,
    "r.refused": OWN_WORDS, "r.status": OWN_WORDS, "status": OWN_WORDS,
    "source.description": OWN_WORDS, "source.kind": OWN_WORDS,
    "timeline.contract.kind": OWN_WORDS,
    "qualified": "the qualified test's sentence: dates and megaroth's own words",
    "m.rule": "the rule applied, in megaroth's words with figures, dates and account names",
    "rule": "the rule applied, in megaroth's words with figures, dates and account names",
}  # fmt: skip
#: The Form 8606 parts' titles, a dict written in the template.
PART_TITLES = '{"line1": "Part I'


def expression(mutant: Mutant) -> str:
    return mutant.before.strip()[2:-2].strip()


def probe(copy: Path, mutants: list[Mutant]) -> dict[str, dict[str, object]]:
    """What each template place rendered for the hostile ledger, by site."""
    originals = {}
    for path in TEMPLATES:
        target = copy / path.relative_to(REPO)
        originals[target] = text = target.read_text()
        for mutant in sorted((m for m in mutants if m.path == path), key=lambda m: -m.start):
            inner = text[mutant.start + 2 : mutant.end - 2].strip()
            probed = "{{ (" + inner + ")|mutation_probe(" + json.dumps(mutant.site) + ") }}"
            text = text[: mutant.start] + probed + text[mutant.end :]
        target.write_text(text)
    try:
        ledger = copy / "probe" / "hostile.beancount"
        ledger.parent.mkdir(exist_ok=True)
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(ledger)], cwd=copy, capture_output=True,
            text=True, check=True, env={**os.environ, "PYTHONPATH": f"{copy / 'src'}:{copy}"},
        )  # fmt: skip
    finally:
        for target, text in originals.items():
            target.write_text(text)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def why_it_survived(mutant: Mutant, probed: dict[str, dict[str, object]]) -> str:
    """The class of a survivor: equivalent (the place can't show the ledger's markup) or a
    gap (it can, and no test noticed)."""
    if not mutant.site:
        return "gap: an escape() no test needs"
    seen = probed.get(mutant.site)
    if seen is not None and seen["markup"]:
        return "gap: the ledger's markup reached it and no test failed"
    said = expression(mutant)
    if said.startswith(("money(", "extension.percent(")):
        return f"equivalent: {NUMBER} (money() or percent() of a Decimal)"
    if said in EXPLAINED or said.startswith(PART_TITLES):
        return f"equivalent: {EXPLAINED.get(said, OWN_WORDS)}"
    if seen is None:
        return "gap: not on the hostile page"
    types, texts = set(seen["types"]), list(seen["texts"])  # type: ignore[call-overload]
    if types <= {"Markup"}:
        return "equivalent: markup megaroth's Python built, its escape() calls mutants of their own"
    if types <= NOT_TEXT:
        return f"equivalent: {NUMBER}"
    if texts and all(ACCOUNT.match(t) for t in texts) and types <= {"str"}:
        return f"equivalent: {ACCOUNT_NAME}"
    if texts and all(t.startswith("/") for t in texts) and types <= {"str"}:
        return f"equivalent: {URL}"
    return "to explain: text with no markup on the hostile page, e.g. " + ", ".join(
        repr(t) for t in texts
    )


def copy_package() -> Path:
    """The package and tests copied (links followed), for mutants to be written into."""
    if WORK.exists():
        shutil.rmtree(WORK)
    for entry in ["src", "tests", "pyproject.toml", "ledger"]:
        source, target = REPO / entry, WORK / entry
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return WORK


def killed(copy: Path, mutant: Mutant) -> bool:
    target = copy / mutant.path.relative_to(REPO)
    original = target.read_text()
    mutated = original[: mutant.start] + mutant.after + original[mutant.end :]
    target.write_text(mutated)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
            cwd=copy, capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"},
        )  # fmt: skip
    finally:
        target.write_text(original)
    return done.returncode != 0


def reclass(mutants: list[Mutant], probed: dict[str, dict[str, object]], last: str) -> None:
    """The last run's survivors classed again by this probe (``--reclass``): no mutant run."""
    by_name = {m.name: m for m in mutants}
    names = [line for line in last.splitlines() if line and not line.startswith(" ")]
    counts = json.loads((WORK / "counts.json").read_text())
    for found in counts.values():
        found["survived"] = {}
    lines = []
    for name in names:
        why = why_it_survived(by_name[name], probed)
        kind = counts[str(by_name[name].path.relative_to(REPO))]["survived"]
        kind[why.split(":")[0]] = kind.get(why.split(":")[0], 0) + 1
        lines.append(f"{name}\n    {why}\n")
    (WORK / "survivors.txt").write_text("".join(lines))
    (WORK / "counts.json").write_text(json.dumps(counts, indent=1) + "\n")


def main() -> int:
    started = time.monotonic()
    mutants = [m for path in TEMPLATES for m in template_mutants(path)]
    mutants += [m for path in PYTHON for m in escape_mutants(path)]
    last = {name: (WORK / name).read_text() for name in ("survivors.txt", "counts.json", "took")
            if (WORK / name).exists()}  # fmt: skip
    copy = copy_package()
    clean = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=copy,
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(copy / "src")},
    )  # fmt: skip
    if clean.returncode != 0:
        print(clean.stdout[-3000:])
        print("The page's tests fail before any mutant: fix them first.")
        return 1
    probed = probe(copy, mutants)
    if "--reclass" in sys.argv:
        for name, text in last.items():
            (WORK / name).write_text(text)
        reclass(mutants, probed, last["survivors.txt"])
        return 0
    if "--probe" in sys.argv:
        for mutant in mutants:
            print(f"{mutant.name}\n    {why_it_survived(mutant, probed)}")
        return 0
    tried: Counter[Path] = Counter()
    kills: Counter[Path] = Counter()
    reasons: dict[Path, Counter[str]] = {}
    survivors = []
    for index, mutant in enumerate(mutants, 1):
        tried[mutant.path] += 1
        if killed(copy, mutant):
            kills[mutant.path] += 1
        else:
            why = why_it_survived(mutant, probed)
            reasons.setdefault(mutant.path, Counter())[why.split(":")[0]] += 1
            survivors.append(f"{mutant.name}\n    {why}")
        if index % 25 == 0 or index == len(mutants):
            print(f"{index}/{len(mutants)} mutants, {len(survivors)} survived", flush=True)
    took = time.monotonic() - started
    (WORK / "survivors.txt").write_text("".join(f"{name}\n" for name in survivors))
    (WORK / "took").write_text(f"{took:.0f}\n")
    counts = {
        str(path.relative_to(REPO)): {"mutants": tried[path], "killed": kills[path],
                                      "survived": dict(reasons.get(path, Counter()))}
        for path in tried
    }  # fmt: skip
    (WORK / "counts.json").write_text(json.dumps(counts, indent=1) + "\n")
    print(f"{took / 60:.1f} min; survivors listed in {(WORK / 'survivors.txt').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
