"""Annual limits and the participant's safety checklist, as Beancount errors.

    plugin "megaroth.plugins.limits"

(``plugin "megaroth.plugins"`` runs it after the basis stage.) Checks, per person and year,
402(g) across all plans and employers (with catch-up at 50 and 60-63), 415(c) per employer
(with the after-tax room left), the IRA limit and the Roth IRA phase-out; and the checklist:
after-tax money with no way to convert it, conversions that waited, pre-tax money swept into
a conversion, IRA conversions under the pro-rata rule, after-tax money routed through a
traditional IRA, a Roth 401(k) declared as a Roth IRA. Errors and warnings (marked so) show on
fava's Errors page, linked to the entry they are about. Configuration (all optional)::

    plugin "megaroth.plugins" "{'delay-days': 30, 'delay-earnings': '100.00',
                                'limits': {2027: {'402g': '25000', '415c': '73000'}}}"
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from beancount.core import data

from megaroth.engine.memo import stage_analysis
from megaroth.errors import MegarothError
from megaroth.ledger.guard import guarded

__plugins__ = ("check_limits",)


@guarded
def check_limits(
    entries: list[data.Directive],
    options_map: MutableMapping[str, Any],
    config: str | None = None,
) -> tuple[list[data.Directive], list[MegarothError]]:
    """The entries unchanged; the configuration's and the declarations' errors and every
    finding, as errors."""
    return entries, list(stage_analysis(entries, options_map, config).errors.limits)
