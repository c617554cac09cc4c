"""Mutation testing, area by area: ``make mutants`` (docs/testing.md).

Each area is a set of modules, tested by the fast suite (every test but the browser's and
the wheel's). For each area, mutmut (3.x) copies the package into
``build/mutants/<area>/mutants``, makes small changes to the area's modules one at a time
(``<`` for ``<=``, a constant off by one, an argument dropped...) and runs, for each, the
tests that reach the changed function, stopping at the first failure: a mutant a
test fails on is killed; one every test passes is a survivor, a bug the tests would miss
unless the change is equivalent (it can't change what the code does).

The repository's ``plugins/`` and ``importers/`` are links inside ``src/megaroth``; mutmut
doesn't follow links while it walks a folder, so each area names them as source paths of
their own and the copy is a whole package. Tests that run megaroth in another process (the
``megaroth`` command, a fava server, the browser tests) can't see a mutant and are left out;
the page's template has its own mutants (``mutation/templates.py``).

    python mutation/run.py                    # every area, one after another
    python mutation/run.py tax safety         # some areas
    python mutation/run.py --list             # the areas, their modules and tests
    python mutation/run.py --table            # the last run's table, from build/mutants

Run it under ``nice -n 19``; ``--max-children`` (default 2) bounds the processes mutmut
forks at once. A run starts afresh unless ``--keep`` (mutmut then retests only what
changed).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "build" / "mutants"
MUTMUT = Path(sys.executable).with_name("mutmut")
#: Folders and files the tests read besides the package and the tests themselves.
ALSO_COPY = [
    "ledger",
    "docs",
    "README.md",
    "importers",
    "plugins",
    "Makefile",
    "benchmarks",
    "mutation",
    ".ci",
]
#: The package as mutmut must walk it: the links to plugins/ and importers/ separately.
SOURCE_PATHS = ["src/megaroth", "src/megaroth/importers", "src/megaroth/plugins"]


@dataclass(frozen=True)
class Area:
    """Modules to mutate, and the tests to run against them."""

    modules: tuple[str, ...]
    tests: tuple[str, ...]
    what: str
    #: Only these functions' mutants (mutmut's names, ``fnmatch`` patterns), if given.
    functions: tuple[str, ...] = ()
    #: The tests a survivor is run with again in a fresh process (:func:`recheck`).
    fresh_tests: tuple[str, ...] = ("tests/tax", "tests/engine")


def _tax(*names: str) -> tuple[str, ...]:
    return tuple(f"src/megaroth/tax/{name}.py" for name in names)


def _engine(*names: str) -> tuple[str, ...]:
    return tuple(f"src/megaroth/engine/{name}.py" for name in names)


#: The tests every area runs: the whole suite but the browser and the wheel's (mutmut then
#: runs, for each mutant, only the tests that reached the mutated function).
FAST_SUITE = ("tests",)

AREAS: dict[str, Area] = {
    # The tax rules.
    "tax": Area(
        _tax("ages", "five_year", "limits", "form_1099r_codes", "form_8606", "pro_rata",
             "notice_2014_54", "qualified", "form_1099r", "form_1040", "money"),
        FAST_SUITE,
        "the law: ages, 5-year periods, limits, 1099-R codes, Form 8606, pro rata, "
        "Notice 2014-54, qualified distributions, the expected 1099-R, Form 1040 lines",
    ),
    "tax-more": Area(
        _tax("roth_ira", "limit_usage", "sources", "records"),
        FAST_SUITE,
        "the law, continued: Roth IRA ordering and Part III, limit usage, money sources",
    ),
    # What each transaction is: the engine's classification of movements.
    "classification": Area(
        _engine("movements", "legs", "links", "contributions", "returned"),
        FAST_SUITE,
        "the engine's classification: legs, movements, links, contributions, returns",
        fresh_tests=("tests/engine",),
    ),
    # The rest of the engine: the walk, holdings, rollovers, corrections, the findings...
    "engine": Area(
        _engine("walk", "holdings", "book", "rollovers", "corrections", "recharacterizations",
                "opening", "loans", "form_8606", "limit_checks", "limits", "completeness",
                "findings", "figures"),
        FAST_SUITE,
        "the rest of the engine: the walk, holdings, rollovers, corrections, "
        "recharacterizations, opening balances, loans, Form 8606's inputs, the findings",
        fresh_tests=("tests/engine",),
    ),
    "planner": Area(
        _engine("planning", "timeline", "values", "year_charts", "checklist"),
        FAST_SUITE,
        "the planner, the timelines, the values and the year at a glance",
        fresh_tests=("tests/engine", "tests/report"),
    ),
    "reconciliation": Area(
        _engine("reconciliation"),
        FAST_SUITE,
        "the forms received against the ledger (1099-R, 5498)",
        fresh_tests=("tests/engine",),
    ),
    # The safety paths: duplicate detection and ids, the CSV's neutralisation, inert text.
    "safety": Area(
        ("src/megaroth/importers/entries.py", "src/megaroth/importers/inert.py",
         "src/megaroth/report/formats.py"),
        FAST_SUITE,
        "the safety paths: duplicate detection and import ids, inert imported text, the "
        "CSV packet's formula neutralisation (the page's escaping: mutation/templates.py)",
        ("megaroth.importers.entries.x_mark_duplicates__mutmut_*",
         "megaroth.importers.entries.x__id__mutmut_*",
         "megaroth.importers.inert.*",
         "megaroth.report.formats.x_render_csv__mutmut_*",
         "megaroth.report.formats.x_spreadsheet_safe__mutmut_*"),
        ("tests/importers", "tests/report"),
    ),
    "importers": Area(
        ("src/megaroth/importers/csvfile.py", "src/megaroth/importers/columns.py",
         "src/megaroth/importers/rows.py"),
        FAST_SUITE,
        "the importers' parsing: CSV files, column types, rows",
        fresh_tests=("tests/importers",),
    ),
    "report": Area(
        ("src/megaroth/report/as_json.py", "src/megaroth/report/build.py"),
        FAST_SUITE,
        "the packet and its JSON",
        fresh_tests=("tests/engine", "tests/tax"),
    ),
    "page": Area(
        ("src/megaroth/fava/__init__.py", "src/megaroth/fava/year_charts.py",
         "src/megaroth/fava/charts.py"),
        FAST_SUITE,
        "the fava extension's Python (its template: mutation/templates.py)",
        fresh_tests=("tests/report",),
    ),
}  # fmt: skip

#: Tests that can't see a mutant (they run megaroth in another process): left out so the
#: first, whole run of the suite that maps tests to functions is shorter.
DESELECT = [
    "tests/importers/test_ingest.py",
    "tests/report/test_report.py",
    "tests/report/test_pdf.py",
    "tests/report/test_many_ledgers.py",
    "tests/test_bench_smoke.py",
    "tests/test_demo_import.py",
    "tests/test_serve.py",
    "tests/test_wheel.py",
    "tests/browser",
    "tests/usability/test_metadata.py::test_2_bean_query_prints_the_demos_conversions",
    "tests/usability/test_metadata.py::test_2_bean_check_prints_an_error_attached_to_a_converted_transaction",
]


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def prepare(name: str, area: Area, keep: bool) -> Path:
    """The area's folder: the committed code and tests (``git archive HEAD``, so edits in
    progress never reach a run, and a run can be told by its commit) and the repository's
    pyproject.toml with the area's [tool.mutmut]."""
    folder = WORK / name
    if folder.exists() and not keep:
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "src").exists():
        archive = subprocess.run(
            ["git", "archive", "HEAD", "src", "tests", *ALSO_COPY], cwd=REPO,
            capture_output=True, check=True,
        ).stdout  # fmt: skip
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="tar")
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout  # fmt: skip
        (folder / "commit").write_text(commit)
    config = (
        "\n[tool.mutmut]\n"
        f"source_paths = {_toml_list(SOURCE_PATHS)}\n"
        f"only_mutate = {_toml_list(list(area.modules))}\n"
        f"also_copy = {_toml_list(ALSO_COPY)}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(_selection(area))}\n"
        f"pytest_add_cli_args = {_toml_list(PYTEST_OPTIONS)}\n"
        "use_git_change_detection = false\n"
    )
    (folder / "pyproject.toml").write_text(
        subprocess.run(["git", "show", "HEAD:pyproject.toml"], cwd=REPO, capture_output=True,
                       text=True, check=True).stdout + config
    )  # fmt: skip
    return folder


#: Not mutmut's: the page's escaping, mutated by mutation/templates.py.
TEMPLATES = "templates"


def run_templates() -> float:
    print(f"== {TEMPLATES}: the page's escaping (every {{{{ }}}} of the templates, every "
          "escape() of the extension)", flush=True)  # fmt: skip
    started = time.monotonic()
    subprocess.run([sys.executable, str(REPO / "mutation" / "templates.py")], check=False)
    return time.monotonic() - started


def run(name: str, area: Area, max_children: int, keep: bool) -> float:
    folder = prepare(name, area, keep)
    print(f"== {name}: {area.what}", flush=True)
    started = time.monotonic()
    env = {**os.environ, **QUIET}
    with (folder / "mutmut.log").open("w") as log:
        done = subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(max_children), *area.functions],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env, check=False,
        )  # fmt: skip
    took = time.monotonic() - started
    (folder / "took").write_text(f"{took:.0f}\n")
    if done.returncode != 0:
        print(f"   mutmut stopped ({done.returncode}): see {folder / 'mutmut.log'}")
    return took


#: A survivor a test fails on when run in a fresh process (see :func:`recheck`).
FRESH = "killed fresh"


def statuses(name: str, area: Area, module: str) -> dict[str, str]:
    """Each mutant of ``module`` the area tries, by name, and what became of it."""
    from mutmut.stats import status_by_exit_code

    meta = WORK / name / "mutants" / (module + ".meta")
    if not meta.exists():
        return {}
    fresh_file = WORK / name / "fresh.json"
    fresh = json.loads(fresh_file.read_text()) if fresh_file.exists() else {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    found = {key: status_by_exit_code[code] for key, code in codes.items()
             if not area.functions or any(fnmatch(key, f) for f in area.functions)}  # fmt: skip
    return {key: FRESH if fresh.get(key) else status for key, status in found.items()}


#: No bytecode and no Beancount load cache written into the copy: a ledger loaded from its
#: cache runs no plugin, so a test that loads one would see no mutant (and a cache written
#: by one run would be read by the next).
QUIET = {"PYTHONDONTWRITEBYTECODE": "1", "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}

#: How pytest runs for a mutant: the fast tests, no cache written into the copy.
PYTEST_OPTIONS = ["-p", "no:cacheprovider", "-m", "not browser and not slow"]


def _selection(area: Area) -> list[str]:
    """The area's tests, less those that can't see a mutant."""
    left_out = (("--deselect" if "::" in path else "--ignore", path) for path in DESELECT)
    return [*area.tests, *(arg for pair in left_out for arg in pair)]


def recheck(name: str, area: Area, workers: int) -> None:
    """Run each survivor once more, in a fresh process, with the area's ``fresh_tests``.

    mutmut forks every test run from a process that has already imported the package, so
    code that runs on import (a table built once, a cache filled) keeps the real code's
    values, and a mutant there survives though a test would fail on it. Each survivor is
    run again in a new interpreter, which imports the mutant; one a test fails on is
    "killed fresh"."""
    (WORK / name / "fresh.json").unlink(missing_ok=True)
    left = survivors(name, area)
    folder = WORK / name / "mutants"
    env = {**os.environ, **QUIET, "PYTHONPATH": "src:."}
    command = [sys.executable, "-m", "pytest", "-q", *area.fresh_tests, *PYTEST_OPTIONS]
    # Without a mutant first: a test that fails then (the copy's tests are those of the
    # run's start) would "kill" every survivor, so it is left out.
    baseline = subprocess.run(
        [*command, "-rf"], cwd=folder, capture_output=True, text=True, check=False, env=env
    )
    failing = [line.split()[1] for line in baseline.stdout.splitlines()
               if line.startswith("FAILED ")]  # fmt: skip
    if baseline.returncode not in (0, 1) or (baseline.returncode == 1 and not failing):
        print(f"   the fresh tests don't run without a mutant: no fresh start\n"
              f"{baseline.stdout[-2000:]}")  # fmt: skip
        return
    deselect = [arg for test in failing for arg in ("--deselect", test)]
    if failing:
        print(f"   left out of the fresh start, failing without a mutant: {', '.join(failing)}")

    def killed(key: str) -> bool:
        done = subprocess.run(
            [*command, "-x", *deselect], cwd=folder, capture_output=True, check=False,
            env={**env, "MUTANT_UNDER_TEST": key},
        )  # fmt: skip
        return done.returncode != 0

    with ThreadPoolExecutor(max_workers=workers) as pool:
        fresh = dict(zip(left, pool.map(killed, left), strict=True))
    print(f"   a fresh start killed {sum(fresh.values())} of {len(left)} survivors", flush=True)
    (WORK / name / "fresh.json").write_text(json.dumps(fresh, indent=1) + "\n")


def counts(name: str, area: Area) -> dict[str, Counter[str]]:
    """Each module's mutants by status, from the area's last run."""
    return {module: Counter(statuses(name, area, module).values()) for module in area.modules}


def survivors(name: str, area: Area) -> list[str]:
    """The area's surviving mutants, by name (``mutmut show NAME`` in its folder shows
    each): the ones no test failed on, and the ones no test reached."""
    return [key for module in area.modules
            for key, status in statuses(name, area, module).items()
            if status in ("survived", "no tests")]  # fmt: skip


def table(names: list[str]) -> str:
    lines = [
        "| area | module | mutants | killed | killed fresh | survived | no tests | timeout "
        "| score | took |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        if name == TEMPLATES:
            lines += _templates_rows()
            continue
        area = AREAS[name]
        took_file = WORK / name / "took"
        took = f"{int(took_file.read_text()) // 60} min" if took_file.exists() else ""
        commit_file = WORK / name / "commit"
        if commit_file.exists():
            took += f" at {commit_file.read_text().strip()}"
        for module, found in counts(name, area).items():
            found.pop("not checked", None)
            total = sum(found.values())
            killed = found["killed"] + found["caught by type check"]
            dead = killed + found[FRESH] + found["timeout"]
            score = f"{100 * dead / total:.0f}%" if total else ""
            lines.append(
                f"| {name} | `{module.removeprefix('src/')}` | {total} | {killed} | "
                f"{found[FRESH]} | {found['survived']} | {found['no tests']} | "
                f"{found['timeout']} | {score} | {took} |"
            )
            took = ""
    return "\n".join(lines)


def _templates_rows() -> list[str]:
    """The page's escaping: a survivor is equivalent (the place can't show the ledger's
    markup: mutation/templates.py says why, place by place) or a gap; the score leaves the
    equivalent ones out."""
    folder = WORK / TEMPLATES
    if not (folder / "counts.json").exists():
        return []
    took = f"{int((folder / 'took').read_text()) // 60} min"
    rows = []
    for path, found in json.loads((folder / "counts.json").read_text()).items():
        tried, killed = found["mutants"], found["killed"]
        equivalent = found["survived"].get("equivalent", 0)
        gaps = tried - killed - equivalent
        score = f"{100 * killed / (tried - equivalent):.0f}%" if tried > equivalent else ""
        rows.append(f"| {TEMPLATES} | `{path.removeprefix('src/')}` | {tried} | {killed} | "
                    f"0 | {tried - killed} ({equivalent} equivalent, {gaps} not) | 0 | 0 | "
                    f"{score} | {took} |")  # fmt: skip
        took = ""
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    every = ", ".join([*AREAS, TEMPLATES])
    parser.add_argument("areas", nargs="*", help=f"areas to run (default all: {every})")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the last run's results")
    parser.add_argument("--list", action="store_true", help="the areas, and stop")
    parser.add_argument("--table", action="store_true", help="the last run's table, and stop")
    again = "run the last run's survivors again in a fresh process, and stop"
    parser.add_argument("--recheck", action="store_true", help=again)
    args = parser.parse_args()
    names = args.areas or [*AREAS, TEMPLATES]
    unknown = [n for n in names if n not in AREAS and n != TEMPLATES]
    if unknown:
        parser.error(f"unknown area {', '.join(unknown)}; areas: {', '.join(AREAS)}")
    if args.list:
        for name in names:
            if name == TEMPLATES:
                print(f"{TEMPLATES}: the page's escaping (mutation/templates.py)")
                continue
            area = AREAS[name]
            print(f"{name}: {area.what}\n  mutates: {' '.join(area.modules)}\n"
                  f"  tests:   {' '.join(area.tests)}")  # fmt: skip
        return 0
    if args.recheck:
        for name in (n for n in names if n != TEMPLATES):
            recheck(name, AREAS[name], args.max_children)
            left = survivors(name, AREAS[name])
            (WORK / name / "survivors.txt").write_text("".join(f"{key}\n" for key in left))
    elif not args.table:
        for name in names:
            if name == TEMPLATES:
                run_templates()
                continue
            took = run(name, AREAS[name], args.max_children, args.keep)
            recheck(name, AREAS[name], args.max_children)
            left = survivors(name, AREAS[name])
            (WORK / name / "survivors.txt").write_text("".join(f"{key}\n" for key in left))
            print(f"   {took / 60:.1f} min; {len(left)} survivors, listed in "
                  f"{(WORK / name / 'survivors.txt').relative_to(REPO)}")  # fmt: skip
    print(table(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
