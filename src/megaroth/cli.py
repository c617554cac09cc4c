"""The ``megaroth`` command: ``report`` for the tax figures, ``serve`` to browse a ledger in
fava behind a Content-Security-Policy, ``demo`` to browse the demo household the same way."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from beancount import loader

from megaroth import __version__
from megaroth.engine.figures import default_year
from megaroth.engine.memo import analysis_for
from megaroth.errors import Reader
from megaroth.files import write_atomically
from megaroth.report.build import build_packet
from megaroth.report.formats import RENDERERS, render_text
from megaroth.report.pdf import render_pdf
from megaroth.serve import LOCALHOST, Options, serve

#: Where a ledger folder's imported transactions go (the ledger includes this file).
IMPORTED = "transactions.beancount"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "serve":
        return _serve(args)
    return _demo(args.ledger, args.port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="megaroth",
        description="Books for the mega backdoor Roth and the backdoor Roth IRA, in Beancount.",
    )
    parser.add_argument("--version", action="version", version=f"megaroth {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report",
        help="the tax figures of one year",
        description="The tax packet of one year: the 1099-Rs expected and received, Form 1040 "
        "lines 4-5, Form 8606, the movements with their basis, the limits and the checks.",
    )
    report.add_argument("ledger", type=Path, help="your main .beancount file")
    report.add_argument("--year", type=int, help="tax year (default: the latest with a movement)")
    report.add_argument("--person", help="only this person's figures")
    report.add_argument(
        "--format",
        choices=sorted([*RENDERERS, "pdf"]),
        default="text",
        help="text (tables; colour on a terminal unless NO_COLOR is set), md (Markdown), csv "
        "(one line per cell, safe to open in a spreadsheet), json (the report contract) or pdf "
        "(for your preparer: the same figures, the form lines and the lots behind them)",
    )
    report.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    served = commands.add_parser(
        "serve",
        help="browse your ledger in fava, safely",
        description="fava, with fava's own options, behind a Content-Security-Policy that lets "
        "no text of the ledger run as script (fava 1.30 shows narrations unescaped: see "
        "docs/security.md). On 127.0.0.1 unless --host says otherwise. fava's --debug and "
        "--profile are left out: the debugger runs code typed into the page.",
    )
    served.add_argument(
        "ledgers", type=Path, nargs="+", metavar="LEDGER", help="your .beancount file(s)"
    )
    served.add_argument("-p", "--port", type=int, default=5000, help="the port (default: 5000)")
    served.add_argument(
        "-H",
        "--host",
        default=LOCALHOST,
        help=f"the address to listen on (default: {LOCALHOST}, this machine only)",
    )
    served.add_argument("--prefix", help="serve under this URL prefix (behind a proxy)")
    served.add_argument("--incognito", action="store_true", help="obscure all numbers")
    served.add_argument("--read-only", action="store_true", help="disable any change through fava")
    served.add_argument("--poll-watcher", action="store_true", help="watch the files by polling")
    demo = commands.add_parser(
        "demo",
        help="browse a ledger (the demo household) in fava",
        description="Serve a ledger in fava on 127.0.0.1 only, as `megaroth serve` does. When "
        f"the ledger's folder has an import.py and a statements/ folder (the demo does), the "
        f"statements are imported first, and {IMPORTED} in that folder is written anew from "
        "them.",
    )
    demo.add_argument(
        "ledger",
        type=Path,
        nargs="?",
        default=Path("ledger/main.beancount"),
        help="the .beancount file to serve (default: the demo, ledger/main.beancount)",
    )
    demo.add_argument("--port", type=int, default=5000, help="the port (default: 5000)")
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
    packet = build_packet(analysis, year, args.person)
    if args.format == "pdf":
        return _write_pdf(render_pdf(packet), args.output)
    if args.format == "text" and args.output is None and sys.stdout.isatty():
        color = not os.environ.get("NO_COLOR")
        text = render_text(packet, shutil.get_terminal_size().columns, color)
    else:
        text = RENDERERS[args.format](packet)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text)
    return 0


def _write_pdf(pdf: bytes, output: Path | None) -> int:
    """A PDF to a file (whole or not at all), or to stdout when it is not a terminal."""
    if output is not None:
        write_atomically(output, pdf)
        return 0
    if sys.stdout.isatty():
        print("megaroth report: a PDF is no text for a terminal; add -o FILE.pdf",
              file=sys.stderr)  # fmt: skip
        return 2
    sys.stdout.flush()
    sys.stdout.buffer.write(pdf)
    return 0


def _serve(args: argparse.Namespace) -> int:
    ledgers: list[Path] = args.ledgers
    missing = [ledger for ledger in ledgers if not ledger.is_file()]
    if missing:
        print(f"megaroth serve: no ledger file at {missing[0]}", file=sys.stderr)
        return 2
    options = Options(
        host=args.host,
        port=args.port,
        prefix=args.prefix,
        incognito=args.incognito,
        read_only=args.read_only,
        poll_watcher=args.poll_watcher,
    )
    return serve(ledgers, options)


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
    # Only ever on the loopback address (a ledger is private), behind the same headers as
    # `megaroth serve`; in this process, so stopping it stops the server (no orphan).
    return serve([ledger], Options(host=LOCALHOST, port=port))


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
