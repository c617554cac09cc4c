"""Vanguard's 401(k) OFX/QFX download: the plan OFX importer, as Vanguard's.

The reading is :mod:`megaroth.importers.ofx.plan` (any record-keeper's plan OFX); this module
keeps ``from megaroth.importers.vanguard.ofx import VanguardOfxImporter`` working, with
Vanguard as the payee (so the ids of entries imported before stay the same). See
:mod:`megaroth.importers.vanguard` for the configuration.
"""

from __future__ import annotations

from collections.abc import Sequence

from megaroth.importers.config import PlanConfig
from megaroth.importers.ofx.plan import NO_SOURCE, OFX_SOURCE_KINDS, PlanOfxImporter
from megaroth.importers.ofx.plan import PLAN_ACTIONS as OFX_ACTIONS
from megaroth.importers.vanguard.plan_csv import PAYEE, VANGUARD_UNITS

__all__ = ["NO_SOURCE", "OFX_ACTIONS", "OFX_SOURCE_KINDS", "VanguardOfxImporter"]


class VanguardOfxImporter(PlanOfxImporter):
    """Vanguard Retirement Plan Access OFX/QFX download of one 401(k) plan.

    It takes any 401(k) OFX (files are told apart by content, not by the institution's
    name); with several plans' downloads in one folder, give each importer its plan's
    ``account_ids`` (the file's <ACCTID>).
    """

    payee = PAYEE
    layout = "vanguard"
    units_note = VANGUARD_UNITS

    def __init__(self, config: PlanConfig, account_ids: Sequence[str] = ()) -> None:
        super().__init__(config, account_ids=account_ids)

    @property
    def name(self) -> str:
        return f"megaroth.vanguard-ofx:{self.config.account}"
