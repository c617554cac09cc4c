"""Form 1099-R box 7: the code of each movement, its kind, and how much of it is taxable.

One table, read top to bottom: the first row that matches the money taken, where it goes and
the owner's age is the rule applied. Sources: Instructions for Forms 1099-R and 5498 (2025),
"Guide to Distribution Codes", the box 7 code list and "Loans treated as distributions"; IRC
72(e)(8), 72(p), 402(c), 402A, 408(d), 408A. docs/tax-rules.md explains each in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum

from megaroth.tax.money import ZERO
from megaroth.tax.notice_2014_54 import Portion
from megaroth.tax.records import Destination, MovementKind
from megaroth.tax.sources import ContractKind

#: Every code box 7 may hold (Instructions for Forms 1099-R and 5498, "Guide to
#: Distribution Codes").
BOX7_CODES = tuple("123456789ABCDEFGHJKLMNPQRSTUWY")


def canonical_code(code: str) -> str:
    """Box 7 in one spelling: its codes in a fixed order, so "B1" and "1B" compare equal."""
    return "".join(sorted(code.upper()))


class Money(StrEnum):
    """What kind of money a distribution takes out."""

    TRADITIONAL_IRA = "traditional, SEP or SIMPLE IRA"
    ROTH_IRA = "Roth IRA"
    DESIGNATED_ROTH = "designated Roth account"
    PLAN = "plan pre-tax and after-tax money"


class When(Enum):
    """The owner's situation on the day: age (IRC 72(t)(2)(A)(i)), death, disability, and
    whether Roth money comes out in a qualified distribution (IRC 408A(d)(2), 402A(d)(2))."""

    ANY = "any age"
    UNDER_59_HALF = "under 59 1/2"
    FROM_59_HALF = "59 1/2 or older"
    DEATH = "after the owner's death (paid to a beneficiary)"
    DISABILITY = "the owner disabled (IRC 72(m)(7))"
    EXCEPTION = "59 1/2 or older, dead or disabled"
    SEPARATED = "separated from service in or after the year of 55 (50, public safety)"
    QUALIFIED = "a qualified distribution of Roth money"
    QUALIFIED_AFTER_DEATH = "a qualified distribution of Roth money, after the owner's death"


@dataclass(frozen=True)
class Situation:
    """The owner on the day of a distribution, as box 7 tells it
    (:class:`megaroth.tax.qualified.QualifiedTest` works it out)."""

    over_59_half: bool
    dead: bool = False
    disabled: bool = False
    # The Roth money taken comes out in a qualified distribution (IRC 408A(d)(2) for a Roth
    # IRA, 402A(d)(2) for a designated Roth account).
    qualified: bool = False
    # A plan distribution after separation from service in or after the year of 55 (50 for
    # a qualified public safety employee): IRC 72(t)(2)(A)(v), 72(t)(10).
    separated: bool = False

    @property
    def exception(self) -> bool:
        """An exception to the 10% additional tax known to the payer (IRC 72(t)(2)(A))."""
        return self.over_59_half or self.dead or self.disabled


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

# Why each rule is what it is, in the words the report's ``rule`` column uses. ``{basis}`` is
# the basis rule that applies: 72(e)(8) pro rata when after-tax money is taken, else all
# pre-tax.
CONVERTED = (
    "Traditional IRA converted to a Roth IRA: the IRA reports the whole amount with 'taxable "
    "amount not determined'; Form 8606 works out the taxable part (IRA pro rata, IRC "
    "408(d)(2))."
)
IRA_TRANSFER = "Trustee-to-trustee transfer between traditional IRAs: not a distribution."
IRA_PAID = "IRA distribution: Form 8606 works out the taxable part."
IRA_TO_PLAN = "Direct rollover of IRA money to an employer plan: not taxable."
ROTH_IRA_PAID = (
    "Nonqualified Roth IRA distribution: added to the year's other Roth IRA distributions, "
    "it takes regular contributions first, then conversions and rollovers oldest first, "
    "then earnings (IRC 408A(d)(4)(B); Reg. 1.408A-6 Q&A-8, Q&A-9); Form 8606 Part III."
)
ROTH_IRA_QUALIFIED = (
    "Qualified Roth IRA distribution (IRC 408A(d)(2)): after the 5-taxable-year period of the "
    "owner's first Roth IRA contribution, and at 59 1/2, death or disability: none of it is "
    "taxable and it stays off Form 8606."
)
ROTH_IRA_TRANSFER = "Trustee-to-trustee transfer between Roth IRAs: not a distribution."
ROTH_PAID = (
    "Designated Roth distribution: pro rata over the Roth account's basis and earnings "
    "(IRC 72(e)(8), 402A(d)(4))."
)
ROTH_QUALIFIED = (
    "Qualified designated Roth distribution (IRC 402A(d)(2)): after the plan's 5-taxable-year "
    "period (box 11) and at 59 1/2, death or disability: box 2a is 0."
)
ROTH_ROLLED = (
    "Direct rollover of a designated Roth account: not taxable; box 5 carries the Roth "
    "basis, never pro rata with IRAs."
)
TO_PRETAX = (
    "Direct rollover to pre-tax money: not taxable ({basis}; Notice 2014-54 assigns pre-tax "
    "money here first)."
)
PLAN_PAID = "Paid out: {basis}."
TO_ROTH = "Roth rollover: {basis}; earnings and pre-tax money are taxable."
LOAN_DEEMED = (
    "Participant loan treated as a distribution (IRC 72(p)): its outstanding balance is "
    "taxed as if paid out, {basis}; not eligible for rollover."
)
ROTH_LOAN_DEEMED = (
    "Designated Roth loan treated as a distribution (IRC 72(p)): pro rata over the Roth "
    "account's basis and earnings, never a qualified distribution (Reg. 1.402A-1 Q&A-11)."
)

# Where each rule is written.
CODE_2 = f"{_I}, box 7 code 2 (Roth IRA conversion under 59 1/2); IRC 408A(d)(3)"
CODE_7 = f"{_I}, box 7 code 7 (normal distribution: 59 1/2 or older)"
CODE_1 = f"{_I}, box 7 code 1 (early distribution, no known exception); IRC 72(t)"
CODE_G = f"{_I}, box 7 code G (direct rollover); IRC 402(c), 408(d)(3); Notice 2014-54"
CODE_Q = f"{_I}, box 7 code Q (qualified distribution from a Roth IRA); IRC 408A(d)(2)"
CODE_T = (
    f"{_I}, box 7 code T (Roth IRA distribution, exception applies: 59 1/2, death or "
    "disability, the 5-year period not known to be met)"
)
CODE_3 = f"{_I}, box 7 code 3 (disability, IRC 72(m)(7))"
CODE_4 = f"{_I}, box 7 code 4 (death: paid to a beneficiary, whatever the age)"
CODE_1B = (
    f"{_I}, box 7 codes 1 and B (early designated Roth distribution, no known exception; "
    "B combines with 1, 2, 4, 8, G, L, M, P or U, never with 7)"
)
CODE_4B = f"{_I}, box 7 codes 4 and B (designated Roth account, paid after death)"
CODE_2_SEPARATED = (
    f"{_I}, box 7 code 2 (early distribution, exception applies: separation from service in "
    "or after the year of 55, 50 for a qualified public safety employee); IRC 72(t)(2)(A)(v), "
    "72(t)(10)"
)
CODE_2B = f"{_I}, box 7 codes 2 and B (B combines with 2); IRC 72(t)(2)(A)(v)"
CODE_4G = (
    f"{_I}, box 7 codes 4 and G (direct rollover after the participant's death; G combines "
    "with 4, B or K)"
)
CODE_4H = f"{_I}, box 7 codes 4 and H (H combines with 4: a beneficiary's direct rollover)"
CODE_B_QUALIFIED = f"{_I}, box 7 code B, box 2a 0 (qualified designated Roth); IRC 402A(d)(2)"
CODE_J = f"{_I}, box 7 code J (early distribution from a Roth IRA)"
CODE_B = f"{_I}, box 7 code B (designated Roth account distribution), p. 12 example"
CODE_H = f"{_I}, box 7 code H (direct rollover of a designated Roth account); IRC 402A(c)(3)"
IRR = f"{_I}, In-plan Roth rollovers (p. 6): box 1, 2a, 5 and code G; IRC 402A(c)(4)"
TRANSFER = "Rev. Rul. 78-406; Reg. 1.408A-6 Q&A-1(b): a transfer is not a distribution"
CODE_L = (
    f"{_I}, Loans treated as distributions, and box 7 code L (with code 1 or B if "
    "applicable; not for a loan offset); IRC 72(p); Reg. 1.72(p)-1 Q&A-10, Q&A-11"
)

# Short names for the table below.
TRAD, ROTH_IRA, DROTH, PLAN = (Money.TRADITIONAL_IRA, Money.ROTH_IRA, Money.DESIGNATED_ROTH,
                               Money.PLAN)  # fmt: skip
ANY, UNDER, OVER = When.ANY, When.UNDER_59_HALF, When.FROM_59_HALF
DEATH, DISABLED, EXCEPTION = When.DEATH, When.DISABILITY, When.EXCEPTION
SEPARATED = When.SEPARATED
QUALIFIED, QUALIFIED_DEAD = When.QUALIFIED, When.QUALIFIED_AFTER_DEATH
NOTHING, WHOLE, PRETAX, EARNINGS = Taxable.NOTHING, Taxable.WHOLE, Taxable.PRETAX, Taxable.EARNINGS
D, K = Destination, MovementKind
R = CodeRule

#: The rules, first match wins. ``to`` None: any destination an earlier row didn't name.
# fmt: off
RULES: tuple[CodeRule, ...] = (
    # money     to                 when    kind                         code taxable   why, source
    R(TRAD,     D.ROTH_IRA,        UNDER,  K.IRA_CONVERSION,            "2", WHOLE,    CONVERTED, CODE_2),
    R(TRAD,     D.ROTH_IRA,        OVER,   K.IRA_CONVERSION,            "7", WHOLE,    CONVERTED, CODE_7),
    R(TRAD,     D.TRADITIONAL_IRA, ANY,    None,                        "",  NOTHING,  IRA_TRANSFER, TRANSFER),
    R(TRAD,     D.CASH,            DEATH,  K.DISTRIBUTION,              "4", WHOLE,    IRA_PAID, CODE_4),
    R(TRAD,     D.CASH,            OVER,   K.DISTRIBUTION,              "7", WHOLE,    IRA_PAID, CODE_7),
    R(TRAD,     D.CASH,          DISABLED, K.DISTRIBUTION,              "3", WHOLE,    IRA_PAID, CODE_3),
    R(TRAD,     D.CASH,            UNDER,  K.DISTRIBUTION,              "1", WHOLE,    IRA_PAID, CODE_1),
    R(TRAD,     None,              ANY,    K.ROLLOVER_TO_PLAN,          "G", NOTHING,  IRA_TO_PLAN, CODE_G),
    R(ROTH_IRA, D.CASH,          QUALIFIED, K.DISTRIBUTION,             "Q", NOTHING,  ROTH_IRA_QUALIFIED, CODE_Q),
    R(ROTH_IRA, D.CASH,          EXCEPTION, K.DISTRIBUTION,             "T", EARNINGS, ROTH_IRA_PAID, CODE_T),
    R(ROTH_IRA, D.CASH,            UNDER,  K.DISTRIBUTION,              "J", EARNINGS, ROTH_IRA_PAID, CODE_J),
    R(ROTH_IRA, None,              ANY,    None,                        "",  NOTHING,  ROTH_IRA_TRANSFER, TRANSFER),
    R(DROTH,    D.CASH,     QUALIFIED_DEAD, K.DISTRIBUTION,            "4B", NOTHING,  ROTH_QUALIFIED, CODE_4B),
    R(DROTH,    D.CASH,          QUALIFIED, K.DISTRIBUTION,             "B", NOTHING,  ROTH_QUALIFIED, CODE_B_QUALIFIED),
    R(DROTH,    D.CASH,            DEATH,  K.DISTRIBUTION,             "4B", EARNINGS, ROTH_PAID, CODE_4B),
    R(DROTH,    D.CASH,          EXCEPTION, K.DISTRIBUTION,             "B", EARNINGS, ROTH_PAID, CODE_B),
    R(DROTH,    D.CASH,          SEPARATED, K.DISTRIBUTION,            "2B", EARNINGS, ROTH_PAID, CODE_2B),
    R(DROTH,    D.CASH,            ANY,    K.DISTRIBUTION,             "1B", EARNINGS, ROTH_PAID, CODE_1B),
    R(DROTH,    D.DEEMED,          ANY,    K.DEEMED_DISTRIBUTION,      "BL", EARNINGS, ROTH_LOAN_DEEMED, CODE_L),
    R(DROTH,    D.ROTH_IRA,        DEATH,  K.ROTH_ROLLOVER_TO_ROTH_IRA,"4H", NOTHING,  ROTH_ROLLED, CODE_4H),
    R(DROTH,    D.ROTH_IRA,        ANY,    K.ROTH_ROLLOVER_TO_ROTH_IRA, "H", NOTHING,  ROTH_ROLLED, CODE_H),
    R(DROTH,    None,              ANY,    K.ROLLOVER_TO_PLAN,          "H", NOTHING,  ROTH_ROLLED, CODE_H),
    R(PLAN,     D.TRADITIONAL_IRA, DEATH,  K.ROLLOVER_TO_IRA,          "4G", NOTHING,  TO_PRETAX, CODE_4G),
    R(PLAN,     D.TRADITIONAL_IRA, ANY,    K.ROLLOVER_TO_IRA,           "G", NOTHING,  TO_PRETAX, CODE_G),
    R(PLAN,     D.PLAN_PRETAX,     ANY,    K.ROLLOVER_TO_PLAN,          "G", NOTHING,  TO_PRETAX, CODE_G),
    R(PLAN,     D.CASH,            DEATH,  K.DISTRIBUTION,              "4", PRETAX,   PLAN_PAID, CODE_4),
    R(PLAN,     D.CASH,            OVER,   K.DISTRIBUTION,              "7", PRETAX,   PLAN_PAID, CODE_7),
    R(PLAN,     D.CASH,          DISABLED, K.DISTRIBUTION,              "3", PRETAX,   PLAN_PAID, CODE_3),
    R(PLAN,     D.CASH,          SEPARATED, K.DISTRIBUTION,             "2", PRETAX,   PLAN_PAID, CODE_2_SEPARATED),
    R(PLAN,     D.CASH,            UNDER,  K.DISTRIBUTION,              "1", PRETAX,   PLAN_PAID, CODE_1),
    R(PLAN,     D.DEEMED,        EXCEPTION, K.DEEMED_DISTRIBUTION,      "L", PRETAX,   LOAN_DEEMED, CODE_L),
    R(PLAN,     D.DEEMED,        SEPARATED, K.DEEMED_DISTRIBUTION,     "2L", PRETAX,   LOAN_DEEMED, CODE_L),
    R(PLAN,     D.DEEMED,          ANY,    K.DEEMED_DISTRIBUTION,      "1L", PRETAX,   LOAN_DEEMED, CODE_L),
    R(PLAN,     D.PLAN_ROTH,       ANY,    K.IN_PLAN_ROTH_ROLLOVER,     "G", PRETAX,   TO_ROTH, IRR),
    R(PLAN,     D.ROTH_IRA,        ANY,    K.ROLLOVER_TO_ROTH_IRA,      "G", PRETAX,   TO_ROTH, CODE_G),
)
# fmt: on


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


#: Codes a corrective distribution's code combines with (Instructions for Forms 1099-R and
#: 5498, Guide to Distribution Codes: 8 with 1, 2, 4, B, J or K; P with 1, 2, 4, B or J).
CORRECTIVE_COMBINES_WITH = {"8": frozenset("124BJK"), "P": frozenset("124BJ")}


#: Codes that say which kind of account paid: each of its distributions carries it.
ACCOUNT_CODES = frozenset("BJ")


def corrective_code(code: str, taxable_this_year: bool) -> str:
    """Box 7 of a contribution returned with its earnings by the due date (IRC 408(d)(4)):
    8 when the earnings are taxable in the year of the distribution, P when in the year
    before (Instructions for Forms 1099-R and 5498, codes 8 and P, "Corrective
    distributions"); with the distribution's own code where they combine (J from a Roth IRA
    before 59 1/2), alone otherwise."""
    own = "8" if taxable_this_year else "P"
    combines = [c for c in code if c in CORRECTIVE_COMBINES_WITH[own]]
    # Box 7 holds two codes: the account's own (B a designated Roth account, J a Roth IRA)
    # goes first, as every distribution from that account must carry it.
    combines.sort(key=lambda c: c not in ACCOUNT_CODES)
    return canonical_code("".join(combines[:1]) + own)


def rule_for(
    money: Money, to: Destination, over_59_half: bool, *, situation: Situation | None = None
) -> CodeRule:
    """The first rule of the table that matches; ``situation`` (death, disability, a
    qualified Roth distribution) when known, else only the age."""
    situation = situation or Situation(over_59_half)
    for rule in RULES:
        if rule.money is money and rule.to in (to, None) and _applies(rule.when, situation):
            return rule
    raise LookupError(f"no 1099-R rule for {money} to {to}")  # the table covers every case


def _applies(when: When, situation: Situation) -> bool:
    return {
        When.ANY: True,
        When.UNDER_59_HALF: not situation.over_59_half,
        When.FROM_59_HALF: situation.over_59_half,
        When.DEATH: situation.dead,
        When.DISABILITY: situation.disabled,
        When.EXCEPTION: situation.exception,
        When.QUALIFIED: situation.qualified,
        When.QUALIFIED_AFTER_DEATH: situation.qualified and situation.dead,
        When.SEPARATED: situation.separated,
    }[when]


def treatment(
    money: Money,
    portion: Portion,
    over_59_half: bool,
    after_tax_taken: bool,
    *,
    situation: Situation | None = None,
) -> Treatment:
    """The kind, code, taxable amount and rule of one destination's part of a distribution."""
    earnings = portion.amount - portion.basis
    rule = rule_for(money, portion.destination, over_59_half, situation=situation)
    taxable = {
        Taxable.NOTHING: ZERO,
        Taxable.WHOLE: portion.amount,
        Taxable.PRETAX: portion.pretax,
        Taxable.EARNINGS: earnings,
    }[rule.taxable]
    basis = _PRO_RATA if after_tax_taken else _ALL_PRETAX
    return Treatment(rule.kind, rule.code, taxable, rule.why.format(basis=basis))
