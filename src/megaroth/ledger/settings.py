"""The plugin configuration string, read safely.

    plugin "megaroth.plugins" "{'delay-days': 14, 'delay-earnings': '50.00',
                                'limits': {2027: {'402g': '25000'}}}"

It is a Python literal (read with ``ast.literal_eval``, never ``eval``). A configuration
that can't be read is one Beancount error, and the defaults apply.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from beancount.core import data

from megaroth.errors import MegarothError, Reader
from megaroth.tax.form_8606 import DEFAULT_PLACES, MINIMUM_PLACES
from megaroth.tax.limits import LimitsConfigError, YearLimits, read_configured
from megaroth.vocabulary import PLUGIN, STAGE_PLUGINS

KNOWN_KEYS = ("delay-days", "delay-earnings", "limits", "tolerance", "ratio-places")


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the checklist: when a conversion counts as having waited too long."""

    delay_days: int = 30
    delay_earnings: Decimal = Decimal("100.00")


@dataclass(frozen=True)
class Settings:
    checks: CheckSettings = field(default_factory=CheckSettings)
    limits: Mapping[int, YearLimits] = field(default_factory=dict)
    # How far a form's box may be from the ledger's figure and still match (payers round).
    tolerance: Decimal = Decimal("0.00")
    # Form 8606 line 10 is rounded to this many places (never fewer than 3).
    ratio_places: int = DEFAULT_PLACES


#: The plugin lines whose configuration string megaroth reads.
PLUGIN_NAMES = (PLUGIN, *STAGE_PLUGINS)


def settings_from_options(options_map: Mapping[str, Any]) -> Settings:
    """The settings of the ledger's own megaroth plugin line, for the report and the page."""
    for name, config in options_map.get("plugin") or []:
        if name in PLUGIN_NAMES and config:
            settings, _ = read_settings(config, options_map)
            return settings
    return Settings()


def plugin_line(options_map: Mapping[str, Any]) -> data.Meta:
    """Where the plugin line is, so fava and bean-check point at it."""
    filename = str(options_map.get("filename", "<ledger>"))
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return data.new_metadata(filename, 0)
    for number, line in enumerate(lines, start=1):
        if line.startswith("plugin") and PLUGIN in line:
            return data.new_metadata(filename, number)
    return data.new_metadata(filename, 0)


def read_settings(
    config: str | None, options_map: Mapping[str, Any]
) -> tuple[Settings, list[MegarothError]]:
    if not config or not config.strip():
        return Settings(), []
    where = plugin_line(options_map)
    try:
        raw = ast.literal_eval(config)
        if not isinstance(raw, dict):
            raise ValueError("it must be a dict, e.g. \"{'delay-days': 14}\"")
        unknown = [key for key in raw if key not in KNOWN_KEYS]
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r}; use {', '.join(KNOWN_KEYS)}")
        checks = CheckSettings(
            delay_days=int(raw.get("delay-days", CheckSettings.delay_days)),
            delay_earnings=Decimal(str(raw.get("delay-earnings", CheckSettings.delay_earnings))),
        )
        tolerance = Decimal(str(raw.get("tolerance", "0.00")))
        places = max(MINIMUM_PLACES, int(raw.get("ratio-places", DEFAULT_PLACES)))
        return Settings(checks, read_configured(raw.get("limits")), tolerance, places), []
    except (ValueError, SyntaxError, TypeError, InvalidOperation, LimitsConfigError) as error:
        message = (
            f'The megaroth plugin configuration "{config}" can\'t be read: {error}. The '
            "defaults are used until it is fixed."
        )
        return Settings(), [MegarothError(where, message, None, Reader.SETTINGS)]
