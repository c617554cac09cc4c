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

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}: {self.before.strip()}"


def template_mutants(path: Path) -> list[Mutant]:
    text = path.read_text()
    found = []
    for match in EXPRESSION.finditer(text):
        inner = match.group(1).strip()
        line = text.count("\n", 0, match.start()) + 1
        after = "{{ (" + inner + ")|safe }}"
        found.append(Mutant(path, line, match.group(0), after, match.start(), match.end()))
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


def main() -> int:
    started = time.monotonic()
    mutants = [m for path in TEMPLATES for m in template_mutants(path)]
    mutants += [m for path in PYTHON for m in escape_mutants(path)]
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
    tried: Counter[Path] = Counter()
    kills: Counter[Path] = Counter()
    survivors = []
    for index, mutant in enumerate(mutants, 1):
        tried[mutant.path] += 1
        if killed(copy, mutant):
            kills[mutant.path] += 1
        else:
            survivors.append(mutant.name)
        print(f"\r{index}/{len(mutants)} mutants, {len(survivors)} survived", end="", flush=True)
    took = time.monotonic() - started
    print()
    (WORK / "survivors.txt").write_text("".join(f"{name}\n" for name in survivors))
    (WORK / "took").write_text(f"{took:.0f}\n")
    counts = {str(path.relative_to(REPO)): [tried[path], kills[path]] for path in tried}
    (WORK / "counts.json").write_text(json.dumps(counts, indent=1) + "\n")
    print("| file | mutants | killed | survived |\n|---|---|---|---|")
    for path in tried:
        name = path.relative_to(REPO / "src")
        print(f"| `{name}` | {tried[path]} | {kills[path]} | {tried[path] - kills[path]} |")
    print(f"{took / 60:.1f} min; survivors listed in {(WORK / 'survivors.txt').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
