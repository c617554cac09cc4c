"""The ``megaroth`` command: ``report`` for the tax figures, ``serve`` to browse a ledger in
fava behind a Content-Security-Policy, ``demo`` to browse the demo household the same way."""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from beancount import loader
from rich.console import Console
from rich.progress import Progress

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
    report.add_argument(
        "ledgers",
        type=Path,
        nargs="+",
        metavar="LEDGER",
        help="your main .beancount file; several (a preparer's clients): one packet each, "
        "written into the folder -o names",
    )
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
    report.add_argument(
        "-o", "--output", type=Path, help="write here instead of stdout (a folder, for several)"
    )
    report.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="with several ledgers: how many to work on at once (default: the machine's cores)",
    )
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
    ledgers: list[Path] = args.ledgers
    if len(ledgers) == 1:
        code, messages = _packet(ledgers[0], args.year, args.person, args.format, args.output)
        for message in messages:
            print(message, file=sys.stderr)
        return code
    return many_reports(ledgers, args.output, args.jobs, _Request(args.year, args.person,
                                                                  args.format))  # fmt: skip


@dataclass(frozen=True)
class _Request:
    """What each packet of a many-ledger report is: the same for every ledger."""

    year: int | None
    person: str | None
    format: str


def many_reports(ledgers: Sequence[Path], folder: Path | None, jobs: int, request: _Request) -> int:
    """One packet per ledger into ``folder``, ``jobs`` at a time, with a progress bar on a
    terminal; each ledger's messages are printed under its name. The exit code is the worst."""
    if folder is None:
        print("megaroth report: several ledgers need -o FOLDER, one packet each in it",
              file=sys.stderr)  # fmt: skip
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    targets = _packet_paths(ledgers, folder, request.format)
    worst = 0
    with (
        concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs)) as pool,
        Progress(
            console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()
        ) as progress,
    ):
        task = progress.add_task("megaroth report", total=len(ledgers))
        futures = {
            pool.submit(_packet, ledger, request.year, request.person, request.format, target):
                ledger
            for ledger, target in zip(ledgers, targets, strict=True)
        }  # fmt: skip
        for future in concurrent.futures.as_completed(futures):
            code, messages = future.result()
            worst = max(worst, code)
            for message in messages:
                progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
            progress.advance(task)
    return worst


def _packet_paths(ledgers: Sequence[Path], folder: Path, fmt: str) -> list[Path]:
    """Each ledger's packet file: its name, or its folder and name when two share a name."""
    stems = [ledger.stem for ledger in ledgers]
    names = [
        f"{ledger.resolve().parent.name}-{ledger.stem}" if stems.count(ledger.stem) > 1
        else ledger.stem
        for ledger in ledgers
    ]  # fmt: skip
    return [folder / f"{name}.{fmt}" for name in names]


def _packet(
    ledger: Path, year: int | None, person: str | None, fmt: str, output: Path | None
) -> tuple[int, list[str]]:
    """One ledger's packet, written to ``output`` (or stdout); the exit code and the messages
    for stderr."""
    if not ledger.is_file():
        return 2, [f"megaroth report: no ledger file at {ledger}"]
    entries, errors, options_map = loader.load_file(str(ledger))
    messages = []
    for error in errors:
        source = error.source or {}
        where = f"{source.get('filename', ledger)}:{source.get('lineno', 0)}"
        messages.append(f"{where}: {error.message}")
    if any(getattr(error, "check", None) == Reader.INTERNAL for error in errors):
        return 1, [*messages, f"megaroth report: no packet for {ledger}, megaroth could not "
                              "finish (above)."]  # fmt: skip
    analysis = analysis_for(entries, options_map)
    if person is not None and person not in analysis.household.people:
        known = ", ".join(sorted(analysis.household.people)) or "no one"
        return 2, [*messages, f"megaroth report: no person {person!r} in {ledger} ({known})"]
    packet = build_packet(analysis, year if year is not None else default_year(analysis, entries),
                          person)  # fmt: skip
    if fmt == "pdf":
        code = _write_pdf(render_pdf(packet), output)
        return code, messages
    if fmt == "text" and output is None and sys.stdout.isatty():
        color = not os.environ.get("NO_COLOR")
        text = render_text(packet, shutil.get_terminal_size().columns, color)
    else:
        text = RENDERERS[fmt](packet)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
    return 0, messages


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
