"""The demo household's import configuration (beangulp), for megaroth's importers.

From this folder:

    python import.py identify statements                        # which importer reads which file
    python import.py extract statements -o transactions.beancount
    python import.py extract statements -e main.beancount       # all duplicates: nothing new

`megaroth demo` runs the second line before it serves the ledger, so the demo's transactions
are always what these importers make of statements/; fava's Import page uses this file too
(main.beancount names it with `custom "fava-option" "import-config"`).
"""

from __future__ import annotations

from megaroth.importers.config import PlanConfig
from megaroth.importers.generic import GenericImporter, Layout
from megaroth.importers.ingest import Ingest
from megaroth.importers.vanguard import VanguardOfxImporter
from megaroth.importers.voya import VoyaImporter

# Alice's 401(k) at Acme Corp, record-keeper Voya: one transaction history CSV a year.
ACME = PlanConfig(
    account="Assets:Retirement:Alice:Acme401k",
    # Voya's "Money Source" column -> the source kind (the plan's sub-account).
    sources={
        "Employee PreTax": "pretax",
        "Safe Harbor Match": "match",
        "After-Tax": "after-tax",
        "Roth In-Plan Conversion": "irr",
    },
    funds={"0899 Vanguard 500 Index Adm": "VFIAX"},
    contributions={
        "pretax": "Income:Alice:Acme:Salary",
        "after-tax": "Income:Alice:Acme:Salary",
        "match": "Income:Alice:Acme:Match",
    },
)

# Bob's 401(k) at Globex Inc, record-keeper Vanguard: the QFX download, one a year. OFX has
# no code for Roth money: Globex's plan reports Bob's Roth deferrals as OTHERNONVEST.
GLOBEX = PlanConfig(
    account="Assets:Retirement:Bob:Globex401k",
    sources={"OTHERNONVEST": "roth", "MATCH": "match"},
    funds={"Vanguard 500 Index Admiral": "VFIAX"},
    contributions={"roth": "Income:Bob:Globex:Salary", "match": "Income:Bob:Globex:Match"},
)

# Bob's backdoor Roth IRA at his broker: one CSV for both IRAs, the account in a column.
# Each label names a whole account, so the conversion (one line per account, same date)
# is one transaction; every contribution here is nondeductible (Form 8606 basis).
BOB_IRAS = PlanConfig(
    account="Assets:Retirement:Bob",
    sources={},
    accounts={
        "Traditional IRA ...4821": "Assets:Retirement:Bob:TraditionalIRA",
        "Roth IRA ...4822": "Assets:Retirement:Bob:RothIRA",
    },
    contributions="Assets:Bank:Checking",
    dividends_account="Income:Retirement:Interest",
    nondeductible=True,
)
BROKER = Layout(
    header=("Date", "Account", "Action", "Description", "Amount"),
    date="Date",
    activity="Action",
    source="Account",
    amount="Amount",
    date_formats=("%m/%d/%Y",),
    actions={
        "Contribution": "contribution",
        "Interest": "dividend",  # to dividends_account: Income:Retirement:Interest
        "Conversion": "transfer",
        "Change in Market Value": "market-value",
    },
    payee="Schwab",
    name="schwab",
)

CONFIG = [
    VoyaImporter(ACME),
    VanguardOfxImporter(GLOBEX),
    GenericImporter(BOB_IRAS, BROKER),
]

if __name__ == "__main__":
    Ingest(CONFIG)()
