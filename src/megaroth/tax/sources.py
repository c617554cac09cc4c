"""Money sources, plan and IRA types, and the separate tax contracts they belong to.

A plan keeps its money by source (pre-tax deferrals, match, after-tax, Roth...). For tax, the
sources fall into separate contracts: the employee's after-tax contributions and their
earnings are a contract of their own (IRC 72(d)(2)), so is a designated Roth account (IRC
402A(d)(4)), and the rest of the plan is pre-tax money. Each IRA is its own pool, and all of
a person's traditional IRAs are one for the pro-rata rule (IRC 408(d)(2)).

This is the one place that says which sub-account names mean which source kind
(the README, "Ledger conventions"); importers, the ledger readers and the engine all read it.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum


class SourceKind(StrEnum):
    """The tax character of the money in one source sub-account of a plan."""

    PRETAX = "pretax"
    ROTH = "roth"
    MATCH = "match"
    NONELECTIVE = "nonelective"
    ROTH_EMPLOYER = "roth-employer"
    AFTER_TAX = "after-tax"
    IRR = "irr"
    ROLLOVER = "rollover"
    ROTH_ROLLOVER = "roth-rollover"


#: What each kind is, in the words the fava page and error messages use.
SOURCE_DESCRIPTIONS: dict[SourceKind, str] = {
    SourceKind.PRETAX: "employee pre-tax deferrals",
    SourceKind.ROTH: "designated Roth deferrals",
    SourceKind.MATCH: "employer match (pre-tax)",
    SourceKind.NONELECTIVE: "employer non-elective / profit sharing (pre-tax)",
    SourceKind.ROTH_EMPLOYER: "Roth employer contributions",
    SourceKind.AFTER_TAX: "employee after-tax contributions",
    SourceKind.IRR: "in-plan Roth rollovers",
    SourceKind.ROLLOVER: "pre-tax money rolled in",
    SourceKind.ROTH_ROLLOVER: "designated Roth money rolled in",
}

#: Sub-account names accepted for each kind, as users write them.
SOURCE_NAMES: dict[SourceKind, tuple[str, ...]] = {
    SourceKind.PRETAX: ("PreTax", "Deferral", "EmployeeDeferral"),
    SourceKind.ROTH: ("Roth", "RothDeferral"),
    SourceKind.MATCH: ("Match", "EmployerMatch", "SafeHarborMatch"),
    SourceKind.NONELECTIVE: ("ProfitSharing", "Nonelective", "EmployerDiscretionary"),
    SourceKind.ROTH_EMPLOYER: ("RothMatch", "RothEmployer"),
    SourceKind.AFTER_TAX: ("AfterTax", "VoluntaryAfterTax"),
    SourceKind.IRR: ("IRR", "InPlanRoth", "RothConversion"),
    SourceKind.ROLLOVER: ("Rollover",),
    SourceKind.ROTH_ROLLOVER: ("RothRollover",),
}

PLAN_TYPES: tuple[str, ...] = ("401k", "403b", "457b", "solo401k")
#: Plans whose deferrals count toward 402(g). 457(b) deferrals have their own limit
#: (IRC 457(e)(15)) and are not added to it.
PLANS_UNDER_402G: tuple[str, ...] = ("401k", "403b", "solo401k")


class IraType(StrEnum):
    """The kind of individual retirement arrangement an account is."""

    TRADITIONAL = "traditional"
    SEP = "sep"
    SIMPLE = "simple"
    ROTH = "roth"


class ContractKind(StrEnum):
    """The separate contracts of IRC 72(d)(2) and 402A(d)(4), and the IRAs."""

    PRETAX = "pre-tax"
    AFTER_TAX = "after-tax"
    ROTH = "designated-roth"
    TRADITIONAL_IRA = "traditional-ira"
    ROTH_IRA = "roth-ira"
    # A plan's pre-tax and after-tax money together, where the plan doesn't account for the
    # after-tax money separately: then it is no separate contract (IRC 72(d)(2)).
    COMBINED = "pre-tax-and-after-tax"

    @property
    def is_plan(self) -> bool:
        return self in (ContractKind.PRETAX, ContractKind.AFTER_TAX, ContractKind.ROTH,
                        ContractKind.COMBINED)  # fmt: skip

    @property
    def is_roth(self) -> bool:
        """Roth money: its qualified distributions are tax-free (402A, 408A)."""
        return self in (ContractKind.ROTH, ContractKind.ROTH_IRA)


CONTRACT_OF_SOURCE: dict[SourceKind, ContractKind] = {
    SourceKind.PRETAX: ContractKind.PRETAX,
    SourceKind.MATCH: ContractKind.PRETAX,
    SourceKind.NONELECTIVE: ContractKind.PRETAX,
    SourceKind.ROLLOVER: ContractKind.PRETAX,
    SourceKind.AFTER_TAX: ContractKind.AFTER_TAX,
    SourceKind.ROTH: ContractKind.ROTH,
    SourceKind.ROTH_EMPLOYER: ContractKind.ROTH,
    SourceKind.IRR: ContractKind.ROTH,
    SourceKind.ROTH_ROLLOVER: ContractKind.ROTH,
}


def contract_of_ira(ira_type: IraType) -> ContractKind:
    return ContractKind.ROTH_IRA if ira_type is IraType.ROTH else ContractKind.TRADITIONAL_IRA


_SEPARATORS = re.compile(r"[\s_\-]+")


def normalize_name(name: str) -> str:
    """The form names are compared in: case, spaces, dashes and underscores ignored."""
    return _SEPARATORS.sub("", name).lower()


def _name_index() -> dict[str, SourceKind]:
    index: dict[str, SourceKind] = {}
    for kind, names in SOURCE_NAMES.items():
        index[normalize_name(kind.value)] = kind
        for name in names:
            index[normalize_name(name)] = kind
    return index


_KIND_BY_NAME = _name_index()


@functools.lru_cache(maxsize=4096)
def source_kind_for(name: str) -> SourceKind | None:
    """The source kind a sub-account name or a `source:` value means, if any (cached: the
    walk and the importers ask for the same few names on every posting and row)."""
    return _KIND_BY_NAME.get(normalize_name(name))


def accepted_names() -> str:
    """Every accepted sub-account name, for error messages."""
    return ", ".join(name for names in SOURCE_NAMES.values() for name in names)


def accepted_kinds() -> str:
    """Every canonical kind, for error messages."""
    return ", ".join(kind.value for kind in SourceKind)


def kinds_explained() -> str:
    """Every canonical kind with what it means, for messages that ask the user to pick one."""
    return "; ".join(f"{kind.value} = {SOURCE_DESCRIPTIONS[kind]}" for kind in SourceKind)
