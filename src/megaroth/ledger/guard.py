"""A plugin never raises through bean-check.

Beancount prints a plugin's exception as a traceback with no file or line, and every other
error of the plugin is lost. megaroth's plugins run guarded: an error megaroth did not
foresee becomes one error on the plugin's line, saying what failed and where in megaroth,
and the entries pass through unchanged.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, MutableMapping
from typing import Any

from beancount.core import data

from megaroth.errors import MegarothError, Reader
from megaroth.ledger.settings import plugin_line

Plugin = Callable[..., tuple[list[data.Directive], list[MegarothError]]]


def guarded(plugin: Plugin) -> Plugin:
    @functools.wraps(plugin)
    def run(
        entries: list[data.Directive],
        options_map: MutableMapping[str, Any],
        config: str | None = None,
    ) -> tuple[list[data.Directive], list[MegarothError]]:
        try:
            return plugin(entries, options_map, config)
        except Exception as error:
            return entries, [_internal(error, options_map)]

    return run


def _internal(error: Exception, options_map: MutableMapping[str, Any]) -> MegarothError:
    frames = traceback.extract_tb(error.__traceback__)
    mine = [f for f in frames if "megaroth" in f.filename] or frames
    where = f" (in {mine[-1].filename}, line {mine[-1].lineno})" if mine else ""
    message = (
        f"megaroth could not finish checking this ledger: {type(error).__name__}: {error}"
        f"{where}. Its figures and checks are missing until this is fixed. This is a bug in "
        "megaroth, not in your ledger: please report it with the lines involved."
    )
    return MegarothError(plugin_line(options_map), message, None, Reader.INTERNAL)
