"""The ``megaroth`` command: ``report`` for the tax figures, ``demo`` to browse in fava."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from beancount import loader

from megaroth.engine.figures import default_year
from megaroth.engine.memo import analysis_for
from megaroth.errors import Reader
from megaroth.files import write_atomically
from megaroth.report.build import build_packet
from megaroth.report.formats import RENDERERS

LOCALHOST = "127.0.0.1"
#: Where a ledger folder's imported transactions go (the ledger includes this file).
IMPORTED = "transactions.beancount"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    return _demo(args.ledger, args.port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="megaroth",
        description="Books for the mega backdoor Roth and the backdoor Roth IRA, in Beancount.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="the tax figures of one year")
    report.add_argument("ledger", type=Path)
    report.add_argument("--year", type=int, help="tax year (default: the latest with a movement)")
    report.add_argument("--person", help="only this person's figures")
    report.add_argument("--format", choices=sorted(RENDERERS), default="text")
    report.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    demo = commands.add_parser("demo", help="browse a ledger (the demo household) in fava")
    demo.add_argument("ledger", type=Path, nargs="?", default=Path("ledger/main.beancount"))
    demo.add_argument("--port", type=int, default=5000)
    return parser


def _report(args: argparse.Namespace) -> int:
    ledger: Path = args.ledger
    if not ledger.is_file():
        print(f"megaroth report: no ledger file at {ledger}", file=sys.stderr)
        return 2
    entries, errors, options_map = loader.load_file(str(ledger))
    for error in errors:
        source = error.source or {}
        where = f"{source.get('filename', ledger)}:{source.get('lineno', 0)}"
        print(f"{where}: {error.message}", file=sys.stderr)
    if any(getattr(error, "check", None) == Reader.INTERNAL for error in errors):
        print("megaroth report: no packet, megaroth could not finish (above).", file=sys.stderr)
        return 1
    analysis = analysis_for(entries, options_map)
    if args.person is not None and args.person not in analysis.household.people:
        known = ", ".join(sorted(analysis.household.people)) or "no one"
        print(f"megaroth report: no person {args.person!r} in {ledger} ({known})", file=sys.stderr)
        return 2
    year = args.year if args.year is not None else default_year(analysis, entries)
    text = RENDERERS[args.format](build_packet(analysis, year, args.person))
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text)
    return 0


def _demo(ledger: Path, port: int) -> int:
    if not ledger.is_file():
        print(
            f"megaroth demo: no ledger at {ledger}; run it from the megaroth checkout "
            "or name a ledger file.",
            file=sys.stderr,
        )
        return 2
    if not _import_statements(ledger.parent):
        return 1
    print(f"Serving {ledger} at http://{LOCALHOST}:{port}/ (Ctrl-C stops it)")
    # Only ever on the loopback address: a ledger is private.
    fava = _fava()
    sys.stdout.flush()
    # fava takes this process over, so stopping it stops the server (no orphan).
    os.execv(fava, [fava, "--host", LOCALHOST, "--port", str(port), str(ledger)])
    return 0  # not reached: execv does not return


def _import_statements(folder: Path) -> bool:
    """Run the ledger's own import.py over its statements/, as the demo ledger has them.

    The demo's transactions are exactly what its importers make of its statements, so they
    are made afresh each time. A folder without import.py and statements/ is left alone.
    """
    config, statements = folder / "import.py", folder / "statements"
    if not (config.is_file() and statements.is_dir()):
        return True
    print(f"Importing {statements} with {config} ...")
    command = [sys.executable, config.name, "extract", statements.name, "-o", IMPORTED]
    result = subprocess.run(command, cwd=folder, check=False)
    return result.returncode == 0


def _fava() -> str:
    beside_python = Path(sys.executable).with_name("fava")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("fava") or "fava"
