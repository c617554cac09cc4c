"""megaroth's cost next to Beancount's, fava's and beangulp's own: ``make bench``.

Each measurement runs side by side with its baseline in this one process tree, repeated,
and the table gives medians and their ratio against the goal of issue 8:

- load: ``bean-check``'s work (``loader.load_file``) with ``plugin "megaroth.plugins"``
  against the same ledger without it, wall time and peak memory, at several sizes;
- import: megaroth's generic importer against a minimal ``csvbase`` importer, same statement;
- fava: the megaroth page against fava's balance sheet, one fava process, after a warm-up;
- report: ``megaroth report --format json`` against ``bean-check`` of the same ledger.

``--smoke`` runs everything once at a tiny size and checks only that it ran (for CI).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
NO_CACHE = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
# Retirement activity is about an eighth of a household's transactions: sizes scale the years.
RETIREMENT_SHARE = 0.125
PER_YEAR = 2 * 52 * 4  # two people, weekly payroll, three sources and a conversion

LOAD = """
import resource, sys, time
from beancount import loader
start = time.perf_counter()
entries, errors, options = loader.load_file(sys.argv[1])
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(entries))
"""


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _row(
    name: str, ours: float, baseline: float, goal: float | None, unit: str
) -> dict[str, object]:
    ratio = ours / baseline if baseline else float("inf")
    return {
        "measure": name,
        "megaroth": ours,
        "baseline": baseline,
        "unit": unit,
        "ratio": ratio,
        "goal": goal,
        "met": goal is None or ratio <= goal,
    }


def _load(path: Path) -> tuple[float, float]:
    out = subprocess.run(
        [PYTHON, "-c", LOAD, str(path)], env=NO_CACHE, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]) / 1024


#: Issue 17's goals: megaroth's cost as a ratio of the baseline it runs beside.
LOAD_GOAL = 1.03
REPORT_GOAL = 1.01
IMPORT_GOAL = 1.0


def measure_load(
    work: Path, size: int, repeat: int, share: float = RETIREMENT_SHARE
) -> list[dict[str, object]]:
    # Retirement transactions: 208 a year per person (weekly payroll into three sources and
    # a conversion). Up to 30 years (the limits table starts in 1987), then more people.
    per_person_year = PER_YEAR // 2
    wanted = size * share
    years = max(1, min(30, round(wanted / PER_YEAR)))
    people = max(2, round(wanted / (years * per_person_year)))
    mix = f"1 in {round(1 / share)}"
    with_plugin = work / f"house-{size}-{round(1 / share)}.beancount"
    subprocess.run(
        [
            PYTHON,
            str(HERE / "generate.py"),
            "--transactions",
            str(size),
            "--years",
            str(years),
            "--people",
            str(people),
            "-o",
            str(with_plugin),
        ],
        check=True,
    )
    without = work / f"house-{size}-{round(1 / share)}-plain.beancount"
    without.write_text(with_plugin.read_text().replace('plugin "megaroth.plugins"', "", 1))
    ours, base = [], []
    for _ in range(repeat):
        base.append(_load(without))
        ours.append(_load(with_plugin))
    rows = [
        _row(
            f"load {size:,} txns ({mix}): {what}",
            _median([o[index] for o in ours]),
            _median([b[index] for b in base]),
            LOAD_GOAL,
            unit,
        )
        for index, (what, unit) in enumerate((("time", "s"), ("peak memory", "MB")))
    ]
    # What each retirement transaction costs, to show it stays flat as the ledger grows.
    extra = float(rows[0]["megaroth"]) - float(rows[0]["baseline"])  # type: ignore[arg-type]
    rows[0]["per_retirement_ms"] = 1000 * extra / (years * people * per_person_year)
    return rows


IMPORT = """
import sys, time
from decimal import Decimal
from beangulp.importers import csvbase
sys.path.insert(0, sys.argv[2])
from tests.importers.generic.test_generic import importer

class Baseline(csvbase.Importer):
    date = csvbase.Date("Date", "%m/%d/%Y")
    narration = csvbase.Column("Activity")
    amount = csvbase.Amount("Amount")
    def __init__(self):
        super().__init__("Assets:Retirement:Plan", "USD")
    def identify(self, filepath):
        return True

which = sys.argv[3]
reader = importer() if which == "megaroth" else Baseline()
start = time.perf_counter()
entries = reader.extract(sys.argv[1], [])
print(time.perf_counter() - start, len(entries))
"""


def measure_import(work: Path, rows: int, repeat: int) -> list[dict[str, object]]:
    statement = work / "statement.csv"
    subprocess.run(
        [PYTHON, str(HERE / "generate.py"), "--statement", str(rows), "-o", str(statement)],
        check=True,
    )
    repo = str(HERE.parent)

    def run(which: str) -> float:
        out = subprocess.run(
            [PYTHON, "-c", IMPORT, str(statement), repo, which],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return float(out[0])

    ours = [run("megaroth") for _ in range(repeat)]
    base = [run("csvbase") for _ in range(repeat)]
    return [_row(f"import {rows:,}-row statement", _median(ours), _median(base), IMPORT_GOAL,
                 "s")]  # fmt: skip


#: A working life of weekly paydays into three sources (issue 14: a lifetime's statement
#: imports faster than Beancount loads what it makes).
LIFETIME_ROWS = 30 * 52 * 3

LIFETIME = """
import io, sys, time
sys.path.insert(0, sys.argv[2])
from beancount.parser import printer
from tests.importers.generic.test_generic import importer
start = time.perf_counter()
entries = importer().extract(sys.argv[1], [])
elapsed = time.perf_counter() - start
buffer = io.StringIO()
printer.print_entries(entries, file=buffer)
opens = sorted({p.account for e in entries if hasattr(e, "postings") for p in e.postings})
header = 'option "booking_method" "FIFO"\\n' + "".join(f"1990-01-01 open {a}\\n" for a in opens)
open(sys.argv[3], "w").write(header + buffer.getvalue())
print(elapsed)
"""


def measure_lifetime(work: Path, repeat: int) -> list[dict[str, object]]:
    """Import a lifetime's statement, against Beancount's own load of the entries it makes."""
    statement, ledger = work / "lifetime.csv", work / "lifetime.beancount"
    subprocess.run(
        [PYTHON, str(HERE / "generate.py"), "--statement", str(LIFETIME_ROWS), "-o",
         str(statement)],
        check=True,
    )  # fmt: skip
    command = [PYTHON, "-c", LIFETIME, str(statement), str(HERE.parent), str(ledger)]
    ours = [
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]
    base = [_load(ledger)[0] for _ in range(repeat)]
    name = f"import a lifetime ({LIFETIME_ROWS:,} rows) vs loading its entries"
    return [_row(name, _median(ours), _median(base), 1.0, "s")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def measure_fava(ledger: Path, requests: int) -> list[dict[str, object]]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "fava"), "--host", "127.0.0.1", "--port", str(port), str(ledger)],
        env=NO_CACHE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=300) as response:
                    slug = response.url.rstrip("/").split("/")[-2]
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

        def timed(path: str) -> float:
            start = time.perf_counter()
            with urllib.request.urlopen(f"{base}/{slug}/{path}", timeout=300) as response:
                response.read()
            return time.perf_counter() - start

        # fava's own pages are a shell plus their data from the JSON API; the megaroth page
        # is rendered whole on the server. Each is timed as a browser gets it.
        pages = {
            "megaroth": ["extension/Megaroth/"],
            "balance sheet": ["balance_sheet/", "api/balance_sheet"],
        }
        for paths in pages.values():
            for path in paths:
                timed(path)  # the first request builds what fava and megaroth cache per load
        samples: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(requests):
            for name, paths in pages.items():
                samples[name].append(sum(timed(path) for path in paths))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return [
        _row(
            "fava: megaroth page vs balance sheet",
            _median(samples["megaroth"]),
            _median(samples["balance sheet"]),
            1.0,
            "s",
        )
    ]


def measure_report(ledger: Path, repeat: int) -> list[dict[str, object]]:
    def timed(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, env=NO_CACHE, capture_output=True, check=False)
        return time.perf_counter() - start

    report = [str(BIN / "megaroth"), "report", str(ledger), "--year", "2025", "--format", "json"]
    check = [str(BIN / "bean-check"), str(ledger)]
    ours = [timed(report) for _ in range(repeat)]
    base = [timed(check) for _ in range(repeat)]
    # The report takes the analysis the load made; computed afresh, it must be the same to
    # the byte.
    kept = subprocess.run(report, env=NO_CACHE, capture_output=True, check=False).stdout
    fresh = subprocess.run(report, env={**NO_CACHE, "MEGAROTH_RECOMPUTE": "1"},
                           capture_output=True, check=False).stdout  # fmt: skip
    if kept != fresh:
        raise SystemExit("the report differs when its analysis is computed afresh")
    return [_row("report --format json vs bean-check", _median(ours), _median(base),
                 REPORT_GOAL, "s")]  # fmt: skip


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def _print(rows: list[dict[str, object]], elapsed: float) -> None:
    print(f"\nmegaroth benchmarks on {_machine()} ({elapsed:.0f} s in all)\n")
    print(f"| {'measure':<52} | {'megaroth':>9} | {'baseline':>9} | ratio | goal  | met |"
          " ms per retirement txn |")  # fmt: skip
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 11}|-------|-------|-----|{'-' * 23}|")
    for row in rows:
        goal = f"{row['goal']:.2f}" if row["goal"] else "  -  "
        per = row.get("per_retirement_ms")
        print(
            f"| {row['measure']:<52} | {row['megaroth']:>7.3f}{row['unit']:<2}|"
            f" {row['baseline']:>7.3f}{row['unit']:<2}| {row['ratio']:.2f}  | {goal} |"
            f" {'yes' if row['met'] else 'NO':<3} |"
            f" {f'{per:.3f}' if isinstance(per, float) else '':>21} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="megaroth benchmarks (issue 8)")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny, once: check it all runs")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.repeat, args.import_rows, args.requests = "800", 1, 300, 1
    sizes = [int(size) for size in args.sizes.split(",")]
    started = time.perf_counter()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="megaroth-bench-") as folder:
        work = Path(folder)

        def halves(size: int) -> Callable[[], list[dict[str, object]]]:
            return lambda: measure_load(work, size, args.repeat, share=0.5)

        steps: list[Callable[[], list[dict[str, object]]]] = [
            *(lambda size=size: measure_load(work, size, args.repeat) for size in sizes),
            *(halves(size) for size in sizes),
            lambda: measure_import(work, args.import_rows, args.repeat),
            lambda: measure_lifetime(work, args.repeat),
            lambda: measure_fava(work / f"house-{sizes[-1]}-8.beancount", args.requests),
            lambda: measure_report(work / f"house-{sizes[-1]}-8.beancount", args.repeat),
        ]
        for step in steps:
            rows.extend(step())
            print(f"  {rows[-1]['measure']}: done", file=sys.stderr)
    _print(rows, time.perf_counter() - started)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
