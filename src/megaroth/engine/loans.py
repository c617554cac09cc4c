"""Participant loans out of a plan (IRC 72(p)): none of it a distribution, unless written off.

A loan that meets IRC 72(p)(2) is not a distribution: what was lent stays an asset of the
participant's account, a loan receivable inside the plan under the source it was lent from
(:mod:`megaroth.ledger.loans`). So the engine reads each transaction that posts to a loan
receivable by source, the receivable's postings apart from the source's other accounts
(its funds), and accepts four shapes (the README, "Plan loans"):

- **taken**: each source's loan receivable gains what left that source's funds (less fees
  charged in the same transaction). Nothing crosses the plan's edge: the participant's cash
  and new debt, outside the plan, balance each other. The contract's value and basis don't
  change, so an after-tax source keeps its basis and earnings as they were (IRC 72(e)(8)
  pro rata is over the account, the receivable included).
- **repaid**: each source's receivable loses the principal and its funds receive principal
  plus interest. The interest is earnings of that source (an earnings account's posting in
  the transaction, when there is one, must be the interest); none of it is a contribution,
  so it counts toward no limit (Reg. 1.415(c)-1(b)(3)) and adds no basis.
- **interest accrued**: receivables gain against an earnings account, nothing else moves.
- **written off**: the transaction says ``megaroth-deemed-distribution: TRUE`` and only the
  receivables lose, to outside (the debt): a deemed distribution, 1099-R code L, taxed as a
  distribution of the source's money (Reg. 1.72(p)-1 Q&A-10, Q&A-11).

Anything else that touches a receivable is an error on the transaction, saying the shapes.
A loan offset at separation (an actual distribution, codes 1/7 and M) is not followed yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from megaroth.engine.book import Book
from megaroth.engine.holdings import Holdings
from megaroth.engine.legs import Flows
from megaroth.engine.movements import move
from megaroth.ledger.accounts import Accounts, Role, units_of
from megaroth.tax.money import ZERO, cents
from megaroth.tax.sources import SourceKind
from megaroth.vocabulary import DEEMED_DISTRIBUTION, LOAN, LOAN_ACCOUNT

_OUTSIDE = (Role.OUTSIDE, Role.WITHHOLDING)


@dataclass
class _Side:
    """What one source of the plan gained in the transaction (negative: lost)."""

    loan: Decimal = ZERO  # its loan receivables
    funds: Decimal = ZERO  # its other accounts

    @property
    def net(self) -> Decimal:
        return self.loan + self.funds


def touches_loan(flows: Flows, accounts: Accounts) -> bool:
    """Whether a transaction posts to a loan receivable, or says it writes one off."""
    return flows.entry.meta.get(DEEMED_DISTRIBUTION, False) is not False or any(
        leg.account in accounts.loans for leg in flows.legs
    )


def lend(flows: Flows, book: Book, holdings: Holdings) -> None:
    """Follow a transaction that touches a loan receivable (after ``holdings.apply``)."""
    problem = _problem(flows, book, holdings)
    if problem is not None:
        book.error(flows.entry, f"{problem} {_convention(flows, book)}")
    elif flows.entry.meta.get(DEEMED_DISTRIBUTION) is True:
        move(flows, book, deemed=True)


def _problem(flows: Flows, book: Book, holdings: Holdings) -> str | None:
    """What keeps the transaction from being one of the shapes, if anything."""
    deemed = flows.entry.meta.get(DEEMED_DISTRIBUTION, False)
    if not isinstance(deemed, bool):
        return (
            f"{DEEMED_DISTRIBUTION} is {deemed!r}; write  {DEEMED_DISTRIBUTION}: TRUE  "
            "(no quotes) on the transaction that writes a defaulted loan off."
        )
    accounts, currency = book.accounts, holdings.valuer.currency
    loans = [leg for leg in flows.legs if leg.account in accounts.loans]
    if not loans:
        if not deemed:
            return None
        return (
            f"This transaction says {DEEMED_DISTRIBUTION}: TRUE but posts to no loan "
            "receivable, so megaroth can't tell which loan is written off."
        )
    for leg in loans:
        commodity = units_of(leg.posting)[0]
        if commodity != currency:
            return (
                f"{leg.account} receives {commodity}; keep a loan receivable in {currency}, "
                "the amount lent and still owed."
            )
    plans = {book.household.sources[leg.account].plan for leg in loans}
    if len(plans) > 1:
        return f"This transaction posts to the loans of {len(plans)} plans at once."
    (plan,) = plans
    sides: dict[SourceKind, _Side] = defaultdict(_Side)
    for leg in flows.legs:
        if leg.contract is None:
            continue
        source = book.household.sources.get(leg.account)
        if source is None or source.plan != plan:
            return (
                f"This transaction posts to a loan receivable of {plan} and to {leg.account} "
                "as well: record what happens outside the plan's loan in a transaction of "
                "its own."
            )
        side = sides[source.kind]
        if leg.account in accounts.loans:
            side.loan += leg.value
        else:
            side.funds += leg.value
    tolerance = flows.tolerance
    for account in sorted({leg.account for leg in loans}):
        held = holdings.units(account).get(currency, ZERO)
        if held < -tolerance:
            return (
                f"After this transaction {account} holds {held:,.2f} {currency}: more was "
                "repaid or written off than was lent. Check the principal against the "
                "statement (interest goes to the source's funds, not to the loan account); "
                "repayments of a loan already deemed distributed, which the law makes basis "
                "(Reg. 1.72(p)-1 Q&A-21), are not followed yet."
            )
    if deemed:
        return _written_off(flows, plan, sides, tolerance)
    if any(side.loan > tolerance for side in sides.values()):
        if any(side.loan < -tolerance for side in sides.values()):
            return (
                f"This transaction lends out of one source of {plan} and repays the loan of "
                "another; record the new loan and the repayment as two transactions."
            )
        return _taken(flows, plan, sides, tolerance)
    if any(side.loan < -tolerance for side in sides.values()):
        return _repaid(flows, plan, sides, tolerance)
    if any(abs(side.funds) > tolerance for side in sides.values()):
        return (
            f"This transaction posts nothing to {plan}'s loan receivable but moves the plan's "
            "money; record it in a transaction of its own."
        )
    return None


def _taken(
    flows: Flows, plan: str, sides: dict[SourceKind, _Side], tolerance: Decimal
) -> str | None:
    """A loan taken (or interest accrued): each receivable gains what its source's funds lost."""
    fees, earned = flows.fees, flows.earned
    for kind, side in sorted(sides.items()):
        if side.loan <= tolerance and abs(side.funds) > tolerance:
            return (
                f"{_money(abs(side.funds))} {'leaves' if side.funds < 0 else 'comes into'} "
                f"{plan}'s {kind} money, which lends nothing in this transaction. Each "
                f"source's {LOAN_ACCOUNT} account holds what was lent from that source: a loan "
                "taken pro rata from several sources posts to each source's own "
                f"{LOAN_ACCOUNT} account."
            )
        if side.funds > tolerance:
            return (
                f"{plan}'s {kind} funds gain {_money(side.funds)} while its loan receivable "
                "gains too; a new loan only sells the source's funds."
            )
        if side.net > max(earned, ZERO) + tolerance:
            return (
                f"{plan}'s {kind} loan receivable gains {_money(side.loan)} but only "
                f"{_money(-side.funds)} left that source's funds: a loan is lent from the "
                f"money of the source whose {LOAN_ACCOUNT} account receives it."
            )
        if side.net < -(fees + tolerance):
            return (
                f"{_money(-side.funds)} left {plan}'s {kind} funds but its loan receivable "
                f"gains only {_money(side.loan)} (and fees are {_money(fees)})."
            )
    # What the participant receives and owes balance each other (the earnings and fees
    # posted are the plan's own: a sale's realized gain, a loan fee).
    outside = flows.total(lambda leg: leg.contract is None and leg.role in _OUTSIDE)
    if abs(outside) > tolerance:
        return (
            f"Money crosses {plan}'s edge besides the loan: the accounts outside the plan "
            f"net {_money(outside)}, where what you receive and the debt you owe balance "
            "each other."
        )
    return None


def _repaid(
    flows: Flows, plan: str, sides: dict[SourceKind, _Side], tolerance: Decimal
) -> str | None:
    """A repayment: each receivable loses the principal, its source's funds get it back with
    the interest."""
    interest = ZERO
    for kind, side in sorted(sides.items()):
        if side.loan >= -tolerance:
            if abs(side.net) > tolerance:
                return (
                    f"{_money(side.net)} goes into {plan}'s {kind} money, which has no loan "
                    "repaid here. Record contributions in a transaction of their own, apart "
                    "from the loan repayment: everything a source receives in a repayment "
                    "beyond its principal is read as interest."
                )
            continue
        if side.net < -tolerance:
            return (
                f"{plan}'s {kind} loan receivable goes down by {_money(-side.loan)} but the "
                f"source's funds receive only {_money(side.funds)}: a repayment puts the "
                "principal (and the interest) back into the source's funds."
            )
        interest += side.net
    earned = flows.earned
    if earned and abs(interest - earned) > tolerance:
        return (
            f"The funds receive {_money(interest)} beyond the principal repaid, but the "
            f"earnings accounts say the interest is {_money(earned)}. Record contributions in "
            "a transaction of their own, apart from the loan repayment."
        )
    return None


def _written_off(
    flows: Flows, plan: str, sides: dict[SourceKind, _Side], tolerance: Decimal
) -> str | None:
    """A deemed distribution: only the receivables lose, to the debt outside the plan."""
    for kind, side in sorted(sides.items()):
        if abs(side.funds) > tolerance or side.loan > tolerance:
            return (
                f"{plan}'s {kind} money moves besides its loan receivable in this deemed "
                "distribution. Writing a loan off only takes its balance out of the loan "
                "receivable; record anything else in a transaction of its own."
            )
    if not any(side.loan < -tolerance for side in sides.values()):
        return "This deemed distribution takes nothing out of a loan receivable."
    if flows.fees or flows.paid <= 0:
        return (
            "The loan written off goes to no account outside the plan: post it to the debt "
            "it cancels (e.g. Liabilities:Loans:Acme401k), not to an Expenses account."
        )
    return None


def _convention(flows: Flows, book: Book) -> str:
    loan = next(
        (leg.account for leg in flows.legs if leg.account in book.accounts.loans),
        f"Assets:Retirement:Acme401k:PreTax:{LOAN_ACCOUNT}",
    )
    return (
        f"A 401(k) loan is recorded in {loan} (or an account whose Open says {LOAN}: TRUE), "
        "in the source it was lent from: taking it sells the source's funds into it; a "
        "repayment puts principal and interest into the source's funds and takes the "
        "principal out of it; a defaulted loan written off moves its balance to your debt in "
        f'a transaction marked  {DEEMED_DISTRIBUTION}: TRUE  (the README, "Plan loans").'
    )


def _money(amount: Decimal) -> str:
    return f"{cents(amount):,.2f}"
