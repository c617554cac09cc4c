"""Every name megaroth reads from a ledger or writes into one, once.

These are a public contract: people's ledgers, queries and checks use them (the README,
"Ledger conventions"). A name here is never renamed; a new one may be added.
"""

from __future__ import annotations

# Plugin names, as ledgers write them ------------------------------------------------------

PLUGIN = "megaroth.plugins"
STAGE_PLUGINS = (
    "megaroth.plugins.sources",
    "megaroth.plugins.basis",
    "megaroth.plugins.limits",
    "megaroth.plugins.reconcile",
)
FAVA_EXTENSION = "megaroth.fava"

# Custom directives ------------------------------------------------------------------------

PERSON = "megaroth-person"
IRA_BASIS = "megaroth-ira-basis"
COMPENSATION = "megaroth-compensation"
MAGI = "megaroth-magi"
FICA_WAGES = "megaroth-fica-wages"
FORM_1099R = "1099-R"
FORM_5498 = "5498"

# Metadata the user writes -----------------------------------------------------------------

BIRTH_DATE = "birth-date"  # on a megaroth-person
DEATH_DATE = "death-date"  # on a megaroth-person: distributions from then go to beneficiaries
DISABILITY_DATE = "disability-date"  # on a megaroth-person: disabled (IRC 72(m)(7)) from then
FIRST_HOME_YEAR = "first-home-year"  # on a megaroth-person: Roth IRA money used for a first home
FIRST_HOME_EXPENSES = "first-home-expenses"  # on a megaroth-person: its qualified costs
PLAN = "megaroth-plan"  # on a plan's Open: its type
IRA = "megaroth-ira"  # on an IRA's Open: its type
OWNER = "owner"
EMPLOYER = "employer"
IN_PLAN_CONVERSION = "in-plan-conversion"
IN_SERVICE_WITHDRAWAL = "in-service-withdrawal"
SOURCE_OVERRIDE = "source"  # on a source sub-account's Open: its kind
EARNINGS = "megaroth-earnings"  # on an Open: an earnings account (or, FALSE, not one)
WITHHOLDING = "megaroth-withholding"  # on an Open: tax withheld goes here
NONDEDUCTIBLE = "nondeductible"  # on an IRA contribution (or the IRA's Open)
TAX_YEAR = "tax-year"  # on an IRA contribution made Jan 1-Apr 15 for the year before
# On a Roth IRA withdrawal that returns a contribution by the due date: the amount returned.
RETURNED_CONTRIBUTION = "returned-contribution"
OPENING_BASIS = "opening-basis"  # on a posting of a balance from before the books: its basis
ROTH_SINCE = "roth-since"  # on such a posting of Roth money: the first year of its 5 years
LOAN_ACCOUNT = "Loan"  # the last component of a plan loan receivable, inside its source
LOAN = "megaroth-loan"  # on an Open: a loan receivable named otherwise (or, FALSE, not one)
DEEMED_DISTRIBUTION = "megaroth-deemed-distribution"  # on the transaction writing a loan off
# On a plan's Open: the day its owner left the employer (separation from service), and
# whether the owner is a qualified public safety employee of a governmental plan.
SEPARATION_DATE = "separation-date"
PUBLIC_SAFETY = "public-safety-employee"
# On a plan's Open: FALSE when the plan doesn't account for after-tax money separately.
SEPARATE_ACCOUNTING = "separate-accounting"
# On a posting receiving part of a distribution: the pre-tax money it takes (Notice 2014-54).
PRETAX_AMOUNT = "pretax-amount"
# On a distribution paid out to be rolled over within 60 days, and on its redeposit.
INDIRECT_ROLLOVER = "indirect-rollover"
# On a transfer between IRAs of two kinds: the contribution recharacterized (IRC 408A(d)(6)).
RECHARACTERIZED = "recharacterized"
# On a corrective distribution: the excess it corrects (a finding's check name).
CORRECTS = "corrects"

# Boxes of the forms received, as metadata keys of their custom entries
BOX_PAYER = "payer"
MONEY_BOXES_1099R = ("box1", "box2a", "box3", "box4", "box5", "box9b", "box10")
FLAG_BOXES_1099R = ("box2b-not-determined", "box2b-total", "ira-sep-simple")
OTHER_BOXES_1099R = ("box7", "box11", BOX_PAYER)
MONEY_BOXES_5498 = ("box1", "box2", "box3", "box4", "box5", "box8", "box9", "box10")

# Metadata the plugins add -----------------------------------------------------------------

TAG_SOURCE = "megaroth-source"  # a source's kind, on its Open and its postings
TAG_PLAN = PLAN  # on a source's postings: the plan account
TAG_OWNER = "megaroth-owner"
TAG_IRA = IRA  # on an IRA's postings: its type
MOVEMENT_KIND = "megaroth-kind"
MOVEMENT_GROSS = "megaroth-gross"
MOVEMENT_BASIS = "megaroth-basis"
MOVEMENT_TAXABLE = "megaroth-taxable"
MOVEMENT_CODE = "megaroth-code"
MOVEMENT_FIVE_YEAR_END = "megaroth-five-year-end"

# Metadata the importers add ---------------------------------------------------------------

IMPORT_ID = "megaroth-id"

# The after-tax room planner (the README, "Pay, the match and the planner") ------------------

SALARY = "megaroth-salary"  # custom: a person's annual salary at an employer from that date
PAY_SCHEDULE = "pay-schedule"  # on a plan's Open: weekly, biweekly, semimonthly or monthly
MATCH_FORMULA = "match-formula"  # on a plan's Open: "100% of the first 3%, 50% of the next 2%"
MATCH_TRUE_UP = "match-true-up"  # on a plan's Open: TRUE if the plan trues the match up
