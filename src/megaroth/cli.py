"""The ``megaroth`` command."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

LOCALHOST = "127.0.0.1"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="megaroth",
        description="Books for the mega backdoor Roth and the backdoor Roth IRA, in Beancount.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="browse a ledger (the demo household) in fava")
    demo.add_argument("ledger", type=Path, nargs="?", default=Path("ledger/main.beancount"))
    demo.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.command == "demo":
        return _demo(args.ledger, args.port)
    return 2  # pragma: no cover - argparse rejects unknown commands first


def _demo(ledger: Path, port: int) -> int:
    if not ledger.is_file():
        print(
            f"megaroth demo: no ledger at {ledger}; run it from the megaroth checkout "
            "or name a ledger file.",
            file=sys.stderr,
        )
        return 2
    print(f"Serving {ledger} at http://{LOCALHOST}:{port}/ (Ctrl-C stops it)")
    # Only ever on the loopback address: a ledger is private.
    command = [_fava(), "--host", LOCALHOST, "--port", str(port), str(ledger)]
    return subprocess.call(command)


def _fava() -> str:
    beside_python = Path(sys.executable).with_name("fava")
    return str(beside_python) if beside_python.exists() else shutil.which("fava") or "fava"
