"""OFX/QFX downloads from any institution: a workplace plan's, and a brokerage IRA's.

Files are recognised by what they hold, never by the institution's name: a 401(k)
statement has the 401(k) aggregate (<INV401K>), its balances by source (<INV401KBAL>) or a
money source on its transactions (<INV401KSOURCE>); a 403(b)'s and an IRA's are plain
investment statements (<INVSTMTRS>), read by the importer configured for them. Both read
v1 SGML (with or without closing tags, on one line or many) and v2 XML, with ofxtools.

A plan (401(k), 403(b)); one importer per plan, in fund units::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.ofx import PlanOfxImporter

    KESTREL = PlanConfig(
        account="Assets:Retirement:Dana:Kestrel401k",
        # With <INV401KSOURCE> codes: what each means in this plan. OFX has no Roth code, so
        # OTHERVEST and OTHERNONVEST are whatever the plan uses them for.
        sources={"PRETAX": "pretax", "AFTERTAX": "after-tax", "OTHERVEST": "irr"},
        # A file that names no source: by kind of transaction ("BUYMF", "TRANSFER"...) or
        # for all of them ("NONE").
        default_sources={"NONE": "pretax"},
        funds={"Bellwether Large Cap Index Fund": "BWLCX"},  # <SECNAME>, <TICKER> or CUSIP
        contributions={"pretax": "Income:Dana:Kestrel:Salary",
                       "after-tax": "Income:Dana:Kestrel:Salary"},
        # A TRANSFER OUT and IN of the same units, fund, date and source (after-tax money
        # moved inside the plan): "error" (the default) | "exchange" | "conversion-to-irr".
        same_source_transfers="error",
        # A transaction dated before the statement's <DTSTART>: "error" (default) | "import".
        before_statement="error",
    )
    PlanOfxImporter(KESTREL, payee="Bellwether", account_ids=["4402117"])

    # A 403(b): a plain investment statement, so say it is this plan's.
    RIVERSIDE = PlanConfig(
        account="Assets:Retirement:Morgan:Riverside403b",
        sources={},
        default_sources={"NONE": "pretax"},
        funds={"TIAAtrad": "TIAATRAD", "QCSTIX": "QCSTIX"},
        contributions={"pretax": "Income:Morgan:Riverside:Salary"},
    )
    PlanOfxImporter(RIVERSIDE, payee="TIAA", plain_investment=True, account_ids=["T3386021-5"])

``account_ids`` (the file's <ACCTID>) tells one plan's files from another's; without it the
importer takes every file of its kind. Transactions that move nothing (0 units and 0.00,
such as TIAA's ``TIAA Traditional Balance Update``) are skipped, and the summary says so.
TIAA Traditional's interest is not in those rows: its position (<POSOTHER>, priced at 1)
shows the balance it makes, to be posted by hand or from the annual statement.

A brokerage IRA (Fidelity, Schwab, Vanguard brokerage...); one file may hold several
accounts, each mapped by its <ACCTID> to a whole ledger account::

    from megaroth.importers.ofx import BrokerageOfxImporter

    ERIN = PlanConfig(
        account="Assets:Retirement:Erin",
        sources={},
        accounts={"X42118921": "Assets:Retirement:Erin:TraditionalIRA",
                  "X42118922": "Assets:Retirement:Erin:RothIRA"},
        contributions="Assets:Bank:Checking",
        nondeductible=True,
    )
    BrokerageOfxImporter(ERIN, payee="Fidelity", actions={"EFT FROM BANK 0042": "contribution"})

Cash is kept in the account itself, securities in ``{account}:{TICKER}`` (funds= names a
commodity for a security without a usable ticker). Buys and sales are trades inside the
account; INCOME is a dividend (DIV, CGLONG, CGSHORT, MISC) or interest (INTEREST) into cash;
REINVEST a dividend that buys units; INVEXPENSE a fee; a bank transaction of type INT, DIV,
FEE or SRVCHG interest, a dividend or a fee. A journal between an account's own sub-accounts
(JRNLFUND, JRNLSEC) and the transactions of accounts not in ``accounts=`` are skipped, by
name. Other money in or out (INVBANKTRAN, and TRANSFER of securities) is a contribution, a
journal (to or from another account of yours) or a distribution: by its memo or name in
``actions=``, else by the words it holds (``contribution``; ``conversion`` or ``journal``;
``distribution`` or ``withdrawal``), else an error naming the line to add. A journal out of
one of the file's accounts and into another on the same date is one transaction (a
conversion); alone, it is linked to its other half in another statement. Positions
(<INVPOSLIST>) give ``price`` entries on their price date, in both importers.
"""

from megaroth.importers.ofx.brokerage import BrokerageOfxImporter
from megaroth.importers.ofx.plan import PlanOfxImporter

__all__ = ["BrokerageOfxImporter", "PlanOfxImporter"]
