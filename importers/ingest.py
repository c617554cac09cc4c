"""beangulp's Ingest, with an ``extract`` that writes everything or nothing.

Use it in ``import.py`` exactly like ``beangulp.Ingest``::

    from megaroth.importers.ingest import Ingest

    if __name__ == "__main__":
        Ingest(IMPORTERS)()

``identify`` and ``archive`` are beangulp's own. ``extract`` differs in two ways that matter
for people's books: the output goes to a temporary file that replaces ``-o FILE`` only when
every statement was read without error; with any error nothing is written (``-o FILE`` is
left as it was), the errors are printed, and the exit status is 1. Without ``-o`` the
entries go to standard output, again only when nothing failed. And it ends with what it made
of each statement, on standard error: its lines, the transactions they made, the lines it
skipped and why, and the totals by money source and by fund.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import beangulp
import click
from beancount import loader
from beangulp import exceptions, extract, identify, utils

from megaroth.files import write_atomically


class Ingest(beangulp.Ingest):
    """beangulp.Ingest whose ``extract`` command never leaves a half-written file."""

    def __init__(self, importers: Sequence[Any], hooks: Sequence[Any] | None = None) -> None:
        super().__init__(importers, hooks)  # type: ignore[no-untyped-call]
        self.cli.add_command(_extract, "extract")


@click.command("extract")
@click.argument("src", nargs=-1, type=click.Path(exists=True, resolve_path=True))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Output file.")
@click.option("--existing", "-e", type=click.Path(exists=True), help="Existing ledger.")
@click.option("--reverse", "-r", is_flag=True, help="Sort entries in reverse order.")
@click.option("--failfast", "-x", is_flag=True, help="Stop at the first error.")
@click.option("--quiet", "-q", count=True, help="Suppress all output.")
@click.pass_obj
def _extract(
    ctx: Any,
    src: tuple[str, ...],
    output: str | None,
    existing: str | None,
    reverse: bool,
    failfast: bool,
    quiet: int,
) -> None:
    """Extract transactions from documents; write them only if every document was read."""
    log = utils.logger(-quiet, err=True)
    errors = exceptions.ExceptionsTrap(log)
    existing_entries = loader.load_file(existing)[0] if existing else []
    extracted = []
    for filename in _walk(src, log):
        with errors:
            importer = identify.identify(ctx.importers, filename)
            if not importer:
                log("")
                continue
            log(" ...", nl=False)
            entries = extract.extract_from_file(importer, filename, existing_entries)
            extracted.append((filename, entries, importer.account(filename), importer))
            log(" OK", fg="green")
        if failfast and errors:
            break
    if errors:
        log("# Errors: nothing was written. Fix the statements (or the import.py) and rerun.")
        sys.exit(1)
    extract.sort_extracted_entries(extracted)
    for _, entries, _, importer in extracted:
        importer.deduplicate(entries, existing_entries)
        existing_entries.extend(entries)
    for hook in ctx.hooks:
        extracted = hook(extracted, existing_entries)
    if reverse:
        for _, entries, _, importer in extracted:
            importer.sort(entries, reverse=True)
    buffer = io.StringIO()
    # Statements named relative to where the command runs, so the output is the same on
    # every machine (and can be compared with a committed copy).
    extract.print_extracted_entries([(_relative(f), *rest) for f, *rest in extracted], buffer)
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        write_atomically(Path(output), buffer.getvalue())
    # Every line of every statement accounted for: what became entries, what was skipped.
    for filename, _, _, importer in extracted:
        summary = getattr(importer, "summaries", {}).get(filename)
        if summary is not None:
            log(summary.text(_relative(filename)))


def _walk(paths: Sequence[str], log: Callable[..., None]) -> Iterator[str]:
    """Every file under ``paths``, named in the log as beangulp's own commands do; files too
    large to be a statement are named and skipped."""
    for filename in utils.walk(paths):
        log(f"* {filename}", nl=False)
        if Path(filename).stat().st_size > identify.FILE_TOO_LARGE_THRESHOLD:
            log(" ... SKIP")
            continue
        yield filename


def _relative(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return filename
