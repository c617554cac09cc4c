"""Writing files the safe way: whole or not at all."""

from __future__ import annotations

import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename.

    A crash or a full disk leaves the old file (or no file), never half of the new one.
    Text is written as UTF-8; bytes (a PDF) as they are.
    """
    directory = path.resolve().parent
    if isinstance(text, bytes):
        with tempfile.NamedTemporaryFile(
            "wb", dir=directory, prefix=f".{path.name}.", delete=False
        ) as binary:
            binary.write(text)
            temporary = Path(binary.name)
        temporary.replace(path)
        return
    with tempfile.NamedTemporaryFile(
        "w", dir=directory, prefix=f".{path.name}.", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(text)
        temporary = Path(handle.name)
    temporary.replace(path)
