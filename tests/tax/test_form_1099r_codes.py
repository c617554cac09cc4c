"""The 1099-R box 7 table: one case per code and situation, each with its IRS source.

Every rule of ``megaroth.tax.form_1099r_codes.RULES`` is exercised by a case here (checked
at the end), so a row changed or added without a case fails. A situation is the owner's age
and, where it matters, death, disability and whether the Roth money taken comes out in a
qualified distribution (:class:`megaroth.tax.form_1099r_codes.Situation`).
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import NamedTuple

import pytest

from megaroth.tax.form_1099r_codes import RULES, Money, Situation, rule_for, treatment
from megaroth.tax.notice_2014_54 import Portion
from megaroth.tax.records import Destination, MovementKind

INSTRUCTIONS = "Instructions for Forms 1099-R and 5498 (2025)"


class Case(NamedTuple):
    money: Money
    to: Destination
    over_59_half: bool
    amount: str
    pretax: str  # the part of the amount that is pre-tax money (plans)
    basis: str
    kind: MovementKind | None
    code: str
    taxable: str
    source: str
    # Death, disability, a qualified Roth distribution; None: only the age above.
    situation: Situation | None = None


M, D_, K = Money, Destination, MovementKind
#: Situations beyond the age (IRC 72(t)(2)(A), 408A(d)(2), 402A(d)(2)).
QUALIFIED_AT_60 = Situation(over_59_half=True, qualified=True)
DEAD = Situation(over_59_half=False, dead=True)
DEAD_QUALIFIED = Situation(over_59_half=False, dead=True, qualified=True)
DISABLED = Situation(over_59_half=False, disabled=True)
SEPARATED_AT_55 = Situation(over_59_half=False, separated=True)
CASES = {
    # A backdoor Roth: 7,010 converted; the IRA reports all of it (box 2a, 2b checked).
    "IRA conversion under 59 1/2": Case(
        M.TRADITIONAL_IRA, D_.ROTH_IRA, False, "7010", "0", "0", K.IRA_CONVERSION, "2",
        "7010", f"{INSTRUCTIONS}, box 7 code 2: Roth conversion under 59 1/2"),
    "IRA conversion at 59 1/2 or older": Case(
        M.TRADITIONAL_IRA, D_.ROTH_IRA, True, "7010", "0", "0", K.IRA_CONVERSION, "7",
        "7010", f"{INSTRUCTIONS}, box 7 code 7: normal distribution"),
    "IRA to IRA, trustee to trustee": Case(
        M.TRADITIONAL_IRA, D_.TRADITIONAL_IRA, False, "5000", "0", "0", None, "", "0",
        "Rev. Rul. 78-406: a trustee-to-trustee transfer is not a distribution"),
    "IRA paid out before 59 1/2": Case(
        M.TRADITIONAL_IRA, D_.CASH, False, "1000", "0", "0", K.DISTRIBUTION, "1", "1000",
        f"{INSTRUCTIONS}, box 7 code 1: early distribution, no known exception"),
    "IRA paid out after 59 1/2": Case(
        M.TRADITIONAL_IRA, D_.CASH, True, "1000", "0", "0", K.DISTRIBUTION, "7", "1000",
        f"{INSTRUCTIONS}, box 7 code 7"),
    "IRA rolled into a 401(k)": Case(
        M.TRADITIONAL_IRA, D_.PLAN_PRETAX, False, "93000", "0", "0", K.ROLLOVER_TO_PLAN, "G",
        "0", f"{INSTRUCTIONS}, box 7 code G: direct rollover to a qualified plan"),
    # Roth IRA distributions (IRC 408A(d)(2)): Q only when the payer knows the owner's
    # 5-taxable-year period is met and 59 1/2, death or disability; nothing is taxable.
    "Roth IRA, qualified (Roth IRA since 2012, 65 in 2024)": Case(
        M.ROTH_IRA, D_.CASH, True, "3000", "0", "1000", K.DISTRIBUTION, "Q", "0",
        f"{INSTRUCTIONS}, box 7 code Q: qualified distribution from a Roth IRA",
        QUALIFIED_AT_60),
    # Not qualified: basis first (IRC 408A(d)(4)(B)), Form 8606 Part III settles the rest.
    "Roth IRA at 61, first converted 2021: 5 years not met": Case(
        M.ROTH_IRA, D_.CASH, True, "3000", "0", "2500", K.DISTRIBUTION, "T", "500",
        f"{INSTRUCTIONS}, box 7 code T: 59 1/2 reached, 5-year period not known to be met"),
    "Roth IRA after the owner's death, 5 years not met": Case(
        M.ROTH_IRA, D_.CASH, False, "3000", "0", "3000", K.DISTRIBUTION, "T", "0",
        f"{INSTRUCTIONS}, box 7 code T: the participant died", DEAD),
    "Roth IRA of a disabled owner, 5 years not met": Case(
        M.ROTH_IRA, D_.CASH, False, "3000", "0", "3000", K.DISTRIBUTION, "T", "0",
        f"{INSTRUCTIONS}, box 7 code T: the participant is disabled", DISABLED),
    "Roth IRA before 59 1/2": Case(
        M.ROTH_IRA, D_.CASH, False, "3000", "0", "3000", K.DISTRIBUTION, "J", "0",
        f"{INSTRUCTIONS}, box 7 code J: early distribution from a Roth IRA"),
    # Death and disability (IRC 72(t)(2)(A)(ii), (iii)): codes 4 and 3 (7 from 59 1/2).
    "IRA paid to a beneficiary": Case(
        M.TRADITIONAL_IRA, D_.CASH, False, "1000", "0", "0", K.DISTRIBUTION, "4", "1000",
        f"{INSTRUCTIONS}, box 7 code 4: death, whatever the age", DEAD),
    "IRA paid out to a disabled owner under 59 1/2": Case(
        M.TRADITIONAL_IRA, D_.CASH, False, "1000", "0", "0", K.DISTRIBUTION, "3", "1000",
        f"{INSTRUCTIONS}, box 7 code 3: disability", DISABLED),
    "plan money paid to a beneficiary": Case(
        M.PLAN, D_.CASH, False, "11000", "1000", "10000", K.DISTRIBUTION, "4", "1000",
        f"{INSTRUCTIONS}, box 7 code 4", DEAD),
    "plan money paid out to a disabled participant": Case(
        M.PLAN, D_.CASH, False, "11000", "1000", "10000", K.DISTRIBUTION, "3", "1000",
        f"{INSTRUCTIONS}, box 7 code 3", DISABLED),
    "Roth IRA to Roth IRA": Case(
        M.ROTH_IRA, D_.ROTH_IRA, False, "3000", "0", "3000", None, "", "0",
        "Reg. 1.408A-6 Q&A-1(b): a transfer between Roth IRAs is not a distribution"),
    # The designated Roth example (p. 12): 10,000 account, 9,400 contributions; 5,000 out.
    # Nonqualified before 59 1/2 with no exception: codes 1 and B, box 2a the earnings.
    "designated Roth paid out before 59 1/2": Case(
        M.DESIGNATED_ROTH, D_.CASH, False, "5000", "0", "4700", K.DISTRIBUTION, "1B", "300",
        f"{INSTRUCTIONS}, p. 12 example: box 2a 300; codes 1 and B (B combines with 1)"),
    "designated Roth paid out at 59 1/2, plan's 5 years not met": Case(
        M.DESIGNATED_ROTH, D_.CASH, True, "5000", "0", "4700", K.DISTRIBUTION, "B", "300",
        f"{INSTRUCTIONS}, box 7 code B alone (never with 7)"),
    "designated Roth paid out to a disabled participant, 5 years not met": Case(
        M.DESIGNATED_ROTH, D_.CASH, False, "5000", "0", "4700", K.DISTRIBUTION, "B", "300",
        f"{INSTRUCTIONS}, box 7 code B (3 is not combined with B)", DISABLED),
    "designated Roth paid to a beneficiary, 5 years not met": Case(
        M.DESIGNATED_ROTH, D_.CASH, False, "5000", "0", "4700", K.DISTRIBUTION, "4B", "300",
        f"{INSTRUCTIONS}, box 7 codes 4 and B", DEAD),
    # Qualified (IRC 402A(d)(2)): box 11's 5 years met and 59 1/2, death or disability.
    "designated Roth qualified": Case(
        M.DESIGNATED_ROTH, D_.CASH, True, "5000", "0", "4700", K.DISTRIBUTION, "B", "0",
        f"{INSTRUCTIONS}, box 2a: 0 for a qualified designated Roth distribution; code B",
        QUALIFIED_AT_60),
    "designated Roth qualified, paid to a beneficiary": Case(
        M.DESIGNATED_ROTH, D_.CASH, False, "5000", "0", "4700", K.DISTRIBUTION, "4B", "0",
        f"{INSTRUCTIONS}, box 2a 0; codes 4 and B", DEAD_QUALIFIED),
    "designated Roth rolled to a Roth IRA": Case(
        M.DESIGNATED_ROTH, D_.ROTH_IRA, False, "5000", "0", "4700",
        K.ROTH_ROLLOVER_TO_ROTH_IRA, "H", "0", f"{INSTRUCTIONS}, p. 12 example: box 2a 0, code H"),
    "designated Roth rolled to another plan's Roth account": Case(
        M.DESIGNATED_ROTH, D_.PLAN_ROTH, False, "5000", "0", "4700", K.ROLLOVER_TO_PLAN, "H",
        "0", f"{INSTRUCTIONS}, box 7 code H; IRC 402A(c)(3)"),
    # After-tax plan money (Notice 2014-54): pre-tax parts are taxable unless rolled pre-tax.
    "plan money rolled to a traditional IRA": Case(
        M.PLAN, D_.TRADITIONAL_IRA, False, "80000", "80000", "0", K.ROLLOVER_TO_IRA, "G", "0",
        "Notice 2014-54, example: 80,000 pre-tax to a traditional IRA, code G"),
    "plan money rolled to another plan": Case(
        M.PLAN, D_.PLAN_PRETAX, False, "80000", "80000", "0", K.ROLLOVER_TO_PLAN, "G", "0",
        f"{INSTRUCTIONS}, box 7 code G; IRC 402(c)"),
    "plan money paid out before 59 1/2": Case(
        M.PLAN, D_.CASH, False, "11000", "1000", "10000", K.DISTRIBUTION, "1", "1000",
        "IRC 72(e)(8) pro rata, 72(t): code 1"),
    "plan money paid out after 59 1/2": Case(
        M.PLAN, D_.CASH, True, "11000", "1000", "10000", K.DISTRIBUTION, "7", "1000",
        "IRC 72(e)(8) pro rata: code 7"),
    # IRC 72(e)(8): 30,000 basis + 3,000 earnings; an IRR of 11,000 moves 10,000 of basis.
    "in-plan Roth rollover": Case(
        M.PLAN, D_.PLAN_ROTH, False, "11000", "1000", "10000", K.IN_PLAN_ROTH_ROLLOVER, "G",
        "1000", f"{INSTRUCTIONS}, In-plan Roth rollovers: box 1, 2a, 5, code G"),
    # A participant loan in default, deemed distributed (IRC 72(p)): taxed as paid out, code L
    # (with 1 before 59 1/2, with B for designated Roth money); pro rata over the contract.
    "plan loan deemed distributed before 59 1/2": Case(
        M.PLAN, D_.DEEMED, False, "7560", "7560", "0", K.DEEMED_DISTRIBUTION, "1L", "7560",
        f"{INSTRUCTIONS}, Loans treated as distributions: code L, and 1 if applicable"),
    "plan loan deemed distributed at 59 1/2 or older": Case(
        M.PLAN, D_.DEEMED, True, "9000", "830.56", "8169.44", K.DEEMED_DISTRIBUTION, "L",
        "830.56", f"{INSTRUCTIONS}, Guide to Distribution Codes: L (not used with 7)"),
    "plan loan deemed distributed after separation at 55": Case(
        M.PLAN, D_.DEEMED, False, "7560", "7560", "0", K.DEEMED_DISTRIBUTION, "2L", "7560",
        f"{INSTRUCTIONS}, Guide to Distribution Codes: L is used with 2", SEPARATED_AT_55),
    "designated Roth loan deemed distributed": Case(
        M.DESIGNATED_ROTH, D_.DEEMED, False, "5000", "0", "4700", K.DEEMED_DISTRIBUTION, "BL",
        "300", f"{INSTRUCTIONS}, code L used with B; Reg. 1.402A-1 Q&A-11: never qualified"),
    # Separation from service in or after the year of 55 (IRC 72(t)(2)(A)(v)): code 2.
    "plan money paid out after separation at 55": Case(
        M.PLAN, D_.CASH, False, "10000", "10000", "0", K.DISTRIBUTION, "2", "10000",
        f"{INSTRUCTIONS}, box 7 code 2: early distribution, exception applies", SEPARATED_AT_55),
    "designated Roth paid out after separation at 55": Case(
        M.DESIGNATED_ROTH, D_.CASH, False, "6000", "0", "5000", K.DISTRIBUTION, "2B", "1000",
        f"{INSTRUCTIONS}, Guide to Distribution Codes: B is used with 2", SEPARATED_AT_55),
    # After the participant's death, a beneficiary's direct rollover: G and H with 4.
    "plan money rolled to a beneficiary's IRA": Case(
        M.PLAN, D_.TRADITIONAL_IRA, False, "20000", "20000", "0", K.ROLLOVER_TO_IRA, "4G", "0",
        f"{INSTRUCTIONS}, Guide to Distribution Codes: G is used with 4", DEAD),
    "designated Roth rolled to a beneficiary's Roth IRA": Case(
        M.DESIGNATED_ROTH, D_.ROTH_IRA, False, "5000", "0", "4700",
        K.ROTH_ROLLOVER_TO_ROTH_IRA, "4H", "0",
        f"{INSTRUCTIONS}, Guide to Distribution Codes: H is used with 4", DEAD),
    "after-tax money rolled to a Roth IRA": Case(
        M.PLAN, D_.ROTH_IRA, False, "20000", "0", "20000", K.ROLLOVER_TO_ROTH_IRA, "G", "0",
        "Notice 2014-54, example: the 20,000 after-tax to a Roth IRA, tax-free, code G"),
}  # fmt: skip


@pytest.mark.parametrize("situation", sorted(CASES))
def test_code_kind_and_taxable_amount(situation: str) -> None:
    case = CASES[situation]
    roth = case.money in (Money.ROTH_IRA, Money.DESIGNATED_ROTH)
    portion = Portion(case.to, "Assets:Somewhere", D(case.amount), D(case.pretax),
                      D(case.basis), roth)  # fmt: skip
    found = treatment(case.money, portion, case.over_59_half, after_tax_taken=True,
                      situation=case.situation)  # fmt: skip
    assert (found.kind, found.code, found.taxable) == (case.kind, case.code, D(case.taxable))
    assert case.source  # every case names where the rule comes from


def test_every_rule_of_the_table_has_a_case_and_a_source() -> None:
    used = {rule_for(c.money, c.to, c.over_59_half, situation=c.situation) for c in CASES.values()}
    assert used == set(RULES)
    assert all(rule.source for rule in RULES)


def test_the_rule_text_names_the_basis_rule_applied() -> None:
    portion = Portion(Destination.PLAN_ROTH, "Assets:X", D(100), D(100), D(0), False)
    with_after_tax = treatment(Money.PLAN, portion, False, after_tax_taken=True)
    pretax_only = treatment(Money.PLAN, portion, False, after_tax_taken=False)
    assert "IRC 72(e)(8) pro rata over the plan's after-tax money" in with_after_tax.rule
    assert "pre-tax plan money, all taxable" in pretax_only.rule
