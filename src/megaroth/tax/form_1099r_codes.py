"""Form 1099-R box 7: the code of each movement, its kind, and how much of it is taxable.

One table, read top to bottom: the first row that matches the money taken, where it goes and
the owner's age is the rule applied. Sources: Instructions for Forms 1099-R and 5498 (2025),
"Guide to Distribution Codes" and the box 7 code list; IRC 72(e)(8), 402(c), 402A, 408(d),
408A. docs/tax-rules.md explains each in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from megaroth.tax.money import ZERO
from megaroth.tax.notice_2014_54 import Portion
from megaroth.tax.records import Destination, MovementKind
from megaroth.tax.sources import ContractKind


class Money(StrEnum):
    """What kind of money a distribution takes out."""

    TRADITIONAL_IRA = "traditional, SEP or SIMPLE IRA"
    ROTH_IRA = "Roth IRA"
    DESIGNATED_ROTH = "designated Roth account"
    PLAN = "plan pre-tax and after-tax money"


class When(Enum):
    """The owner's age on the day (IRC 72(t)(2)(A)(i)), and what is taxable."""

    ANY = "any age"
    UNDER_59_HALF = "under 59 1/2"
    FROM_59_HALF = "59 1/2 or older"
    FROM_59_HALF_NOTHING_TAXABLE = "59 1/2 or older, and none of it taxable"


class Taxable(Enum):
    """Which part of the movement is taxable."""

    NOTHING = "nothing"
    WHOLE = "the whole amount (Form 8606 settles an IRA's basis)"
    PRETAX = "its pre-tax part: earnings and pre-tax money"
    EARNINGS = "what exceeds its basis"


@dataclass(frozen=True)
class CodeRule:
    money: Money
    to: Destination | None  # None: any destination not named in an earlier row
    when: When
    kind: MovementKind | None  # None: not a distribution at all (a transfer)
    code: str
    taxable: Taxable
    why: str
    source: str


_I = "Instructions for Forms 1099-R and 5498 (2025)"
_PRO_RATA = "IRC 72(e)(8) pro rata over the plan's after-tax money"
_ALL_PRETAX = "pre-tax plan money, all taxable when it goes to Roth or is paid out"

M, D, W, K, T = Money, Destination, When, MovementKind, Taxable

#: The rules, first match wins. ``{basis}`` in a plan row's ``why`` is the basis rule that
#: applies: 72(e)(8) pro rata when after-tax money is taken, else all pre-tax.
RULES: tuple[CodeRule, ...] = (
    CodeRule(M.TRADITIONAL_IRA, D.ROTH_IRA, W.UNDER_59_HALF, K.IRA_CONVERSION, "2", T.WHOLE,
             "Traditional IRA converted to a Roth IRA: the IRA reports the whole amount with "
             "'taxable amount not determined'; Form 8606 works out the taxable part (IRA pro "
             "rata, IRC 408(d)(2)).",
             f"{_I}, box 7 code 2 (Roth IRA conversion under 59 1/2); IRC 408A(d)(3)"),
    CodeRule(M.TRADITIONAL_IRA, D.ROTH_IRA, W.FROM_59_HALF, K.IRA_CONVERSION, "7", T.WHOLE,
             "Traditional IRA converted to a Roth IRA: the IRA reports the whole amount with "
             "'taxable amount not determined'; Form 8606 works out the taxable part (IRA pro "
             "rata, IRC 408(d)(2)).",
             f"{_I}, box 7 code 7 (normal distribution, conversions at 59 1/2 or older)"),
    CodeRule(M.TRADITIONAL_IRA, D.TRADITIONAL_IRA, W.ANY, None, "", T.NOTHING,
             "Trustee-to-trustee transfer between traditional IRAs: not a distribution.",
             "Rev. Rul. 78-406; Pub 590-A, Trustee-to-trustee transfer"),
    CodeRule(M.TRADITIONAL_IRA, D.CASH, W.UNDER_59_HALF, K.DISTRIBUTION, "1", T.WHOLE,
             "IRA distribution: Form 8606 works out the taxable part.",
             f"{_I}, box 7 code 1 (early distribution, no known exception); IRC 72(t)"),
    CodeRule(M.TRADITIONAL_IRA, D.CASH, W.FROM_59_HALF, K.DISTRIBUTION, "7", T.WHOLE,
             "IRA distribution: Form 8606 works out the taxable part.",
             f"{_I}, box 7 code 7 (normal distribution)"),
    CodeRule(M.TRADITIONAL_IRA, None, W.ANY, K.ROLLOVER_TO_PLAN, "G", T.NOTHING,
             "Direct rollover of IRA money to an employer plan: not taxable.",
             f"{_I}, box 7 code G (direct rollover to a qualified plan); IRC 408(d)(3)(A)(ii)"),
    CodeRule(M.ROTH_IRA, D.CASH, W.FROM_59_HALF_NOTHING_TAXABLE, K.DISTRIBUTION, "Q",
             T.EARNINGS,
             "Roth IRA distribution: contributions and conversions come out first, earnings "
             "last (IRC 408A(d)(4)(B)).",
             f"{_I}, box 7 code Q (qualified distribution from a Roth IRA); IRC 408A(d)(2)"),
    CodeRule(M.ROTH_IRA, D.CASH, W.FROM_59_HALF, K.DISTRIBUTION, "T", T.EARNINGS,
             "Roth IRA distribution: contributions and conversions come out first, earnings "
             "last (IRC 408A(d)(4)(B)).",
             f"{_I}, box 7 code T (Roth IRA distribution, exception applies)"),
    CodeRule(M.ROTH_IRA, D.CASH, W.UNDER_59_HALF, K.DISTRIBUTION, "J", T.EARNINGS,
             "Roth IRA distribution: contributions and conversions come out first, earnings "
             "last (IRC 408A(d)(4)(B)).",
             f"{_I}, box 7 code J (early distribution from a Roth IRA)"),
    CodeRule(M.ROTH_IRA, None, W.ANY, None, "", T.NOTHING,
             "Trustee-to-trustee transfer between Roth IRAs: not a distribution.",
             "Reg. 1.408A-6 Q&A-1(b); Pub 590-B"),
    CodeRule(M.DESIGNATED_ROTH, D.CASH, W.ANY, K.DISTRIBUTION, "B", T.EARNINGS,
             "Designated Roth distribution: pro rata over the Roth account's basis and "
             "earnings (IRC 72(e)(8), 402A(d)(4)).",
             f"{_I}, box 7 code B (designated Roth account distribution), p. 12 example"),
    CodeRule(M.DESIGNATED_ROTH, D.ROTH_IRA, W.ANY, K.ROTH_ROLLOVER_TO_ROTH_IRA, "H",
             T.NOTHING,
             "Direct rollover of a designated Roth account: not taxable; box 5 carries the "
             "Roth basis, never pro rata with IRAs.",
             f"{_I}, box 7 code H (direct rollover of a designated Roth account to a Roth IRA)"),
    CodeRule(M.DESIGNATED_ROTH, None, W.ANY, K.ROLLOVER_TO_PLAN, "H", T.NOTHING,
             "Direct rollover of a designated Roth account: not taxable; box 5 carries the "
             "Roth basis, never pro rata with IRAs.",
             f"{_I}, box 7 code G or H (direct rollover of designated Roth money); IRC "
             "402A(c)(3)"),
    CodeRule(M.PLAN, D.TRADITIONAL_IRA, W.ANY, K.ROLLOVER_TO_IRA, "G", T.NOTHING,
             "Direct rollover to pre-tax money: not taxable ({basis}; Notice 2014-54 assigns "
             "pre-tax money here first).",
             f"{_I}, box 7 code G; IRC 402(c); Notice 2014-54"),
    CodeRule(M.PLAN, D.PLAN_PRETAX, W.ANY, K.ROLLOVER_TO_PLAN, "G", T.NOTHING,
             "Direct rollover to pre-tax money: not taxable ({basis}; Notice 2014-54 assigns "
             "pre-tax money here first).",
             f"{_I}, box 7 code G; IRC 402(c); Notice 2014-54"),
    CodeRule(M.PLAN, D.CASH, W.UNDER_59_HALF, K.DISTRIBUTION, "1", T.PRETAX,
             "Paid out: {basis}.",
             f"{_I}, box 7 code 1; IRC 72(e)(8), 72(t)"),
    CodeRule(M.PLAN, D.CASH, W.FROM_59_HALF, K.DISTRIBUTION, "7", T.PRETAX,
             "Paid out: {basis}.",
             f"{_I}, box 7 code 7; IRC 72(e)(8)"),
    CodeRule(M.PLAN, D.PLAN_ROTH, W.ANY, K.IN_PLAN_ROTH_ROLLOVER, "G", T.PRETAX,
             "Roth rollover: {basis}; earnings and pre-tax money are taxable.",
             f"{_I}, In-plan Roth rollovers (p. 6): box 1, box 2a, box 5, code G; "
             "IRC 402A(c)(4)"),
    CodeRule(M.PLAN, D.ROTH_IRA, W.ANY, K.ROLLOVER_TO_ROTH_IRA, "G", T.PRETAX,
             "Roth rollover: {basis}; earnings and pre-tax money are taxable.",
             f"{_I}, Direct rollovers to a Roth IRA (p. 7): code G; IRC 408A(e); "
             "Notice 2014-54"),
)  # fmt: skip


def money_taken(contracts: set[ContractKind], designated_roth: bool) -> Money:
    """What a distribution takes: an IRA's money decides; else the portion's contract."""
    if ContractKind.TRADITIONAL_IRA in contracts:
        return Money.TRADITIONAL_IRA
    if ContractKind.ROTH_IRA in contracts:
        return Money.ROTH_IRA
    return Money.DESIGNATED_ROTH if designated_roth else Money.PLAN


@dataclass(frozen=True)
class Treatment:
    """What one destination's part of a distribution is, for tax."""

    kind: MovementKind | None
    code: str
    taxable: Decimal
    rule: str


def rule_for(
    money: Money, to: Destination, over_59_half: bool, nothing_taxable: bool = False
) -> CodeRule:
    """The first rule of the table that matches."""
    for rule in RULES:
        if (
            rule.money is money
            and rule.to in (to, None)
            and _applies(rule.when, over_59_half, nothing_taxable)
        ):
            return rule
    raise LookupError(f"no 1099-R rule for {money} to {to}")  # the table covers every case


def _applies(when: When, over_59_half: bool, nothing_taxable: bool) -> bool:
    if when is When.UNDER_59_HALF:
        return not over_59_half
    if when is When.FROM_59_HALF:
        return over_59_half
    if when is When.FROM_59_HALF_NOTHING_TAXABLE:
        return over_59_half and nothing_taxable
    return True


def treatment(
    money: Money, portion: Portion, over_59_half: bool, after_tax_taken: bool
) -> Treatment:
    """The kind, code, taxable amount and rule of one destination's part of a distribution."""
    earnings = portion.amount - portion.basis
    rule = rule_for(money, portion.destination, over_59_half, earnings == 0)
    taxable = {
        Taxable.NOTHING: ZERO,
        Taxable.WHOLE: portion.amount,
        Taxable.PRETAX: portion.pretax,
        Taxable.EARNINGS: earnings,
    }[rule.taxable]
    basis = _PRO_RATA if after_tax_taken else _ALL_PRETAX
    return Treatment(rule.kind, rule.code, taxable, rule.why.format(basis=basis))
