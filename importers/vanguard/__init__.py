"""Vanguard Retirement Plan Access downloads: the two-section CSV and the OFX/QFX file.

Both are read for one plan; put the importers in your ``import.py``::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.vanguard import VanguardCsvImporter, VanguardOfxImporter

    INITECH = PlanConfig(
        account="Assets:Retirement:Alice:Initech401k",
        # The OFX names each transaction's source with an <INV401KSOURCE> code. OFX has no
        # Roth code, so say what each code your plan uses means:
        sources={"OTHERNONVEST": "roth", "MATCH": "match", "AFTERTAX": "after-tax",
                 "OTHERVEST": "irr"},
        # The CSV names no source at all: each row's source comes from its transaction
        # description (or, failing that, its activity):
        default_sources={"Plan Contribution": "roth", "Employer Match Contribution": "match",
                         "After-Tax Contribution": "after-tax",
                         "Dividends on Equity Investments": "roth", "Fee": "roth",
                         "Source to Source/Fund to Fund Transfer Out": "after-tax",
                         "Source to Source/Fund to Fund Transfer In": "irr"},
        # Required: Vanguard's files are in fund shares and never post the change in
        # market value, so the plan is kept in fund units. Funds by name as Vanguard writes
        # it (the OFX's <SECNAME>, the CSV's Investment Name); in the OFX a fund's <TICKER>
        # or CUSIP may be the key instead.
        funds={"Vanguard Target Retirement 2055 Trust": "VTR2055"},
        contributions={"roth": "Income:Alice:Initech:Salary",
                       "after-tax": "Income:Alice:Initech:Salary",
                       "match": "Income:Alice:Initech:Match"},
    )
    CONFIG = [VanguardCsvImporter(INITECH), VanguardOfxImporter(INITECH)]

Use one of the two per plan and period: they describe the same transactions in different
words, so importing both would count them twice. The OFX is the better one when a plan has
more than one source per kind of transaction, as it names the source of every row.

The CSV (``OfxDownload.csv``): a positions section
(``Plan Number,Plan Name,Fund Name,Shares,Price,Total Value,``) then a transactions section
(``Account Number,Trade Date,Run Date,Transaction Activity,Transaction Description,
Investment Name,Share Price,Transaction Shares,Dollar Amount,``); MM/DD/YYYY dates, a
trailing comma on every line, blank lines between and after the sections. Rows are dated by
their trade date. The positions section is not imported: it carries no date (its prices are
as of the download, which may be weeks after the last trade), so a ``price`` entry made from
it would be misdated; the trades' own share prices become the ``price`` entries. Vanguard's
descriptions (``Plan Contribution``, ``Dividends on Equity Investments``, ``Fee``,
``Source to Source/Fund to Fund Transfer In``/``Out``, ``Fund to Fund In``/``Out``,
``Plan Initiated TransferIn``/``Out``, ``Withdrawal``...) are known; ``actions=`` adds others::

    VanguardCsvImporter(INITECH, actions={"Loan Repayment": "contribution"})

Fees, withdrawals and transfers out are outflows whether or not the file gives them a minus.

The OFX/QFX (v1 SGML or v2 XML, read with ofxtools): BUYMF/BUYSTOCK/BUYOTHER are
contributions, REINVEST and INCOME dividends, SELLMF/SELLSTOCK/SELLOTHER withdrawals,
INVEXPENSE fees, TRANSFER an exchange or (between two sources on one date) a conversion,
unless its memo names a fee or an expense (Vanguard's ``Investment Expense``), which makes it
a fee. INCOME and INVEXPENSE carry no shares: they are posted in dollars to the source's
own account (cash in the plan). Dates are the trade dates as the file writes them (its own
time zone), not ofxtools' UTC. Errors name the transaction's FITID and the line it is on (line
1 for Vanguard's usual one-line files). Transactions
without an <INV401KSOURCE> have the source label ``NONE`` (map it in ``sources=`` if your
file has such). Positions (<INVPOSLIST>) give ``price`` entries on their price date.
"""

from megaroth.importers.vanguard.ofx import VanguardOfxImporter
from megaroth.importers.vanguard.plan_csv import VanguardCsvImporter

__all__ = ["VanguardCsvImporter", "VanguardOfxImporter"]
