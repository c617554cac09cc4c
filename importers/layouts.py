"""Named layouts for the downloads megaroth has seen: configuration of the GenericImporter.

Each is a :class:`~megaroth.importers.generic.Layout` (from a small function where you must
say something the file can't, such as which account a file is). Use one with your plan's or
IRAs' :class:`~megaroth.importers.config.PlanConfig`::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.generic import GenericImporter
    from megaroth.importers.layouts import schwab

    BOB_IRAS = PlanConfig(
        account="Assets:Retirement:Bob",
        sources={},
        # The account as Schwab's title line names it, or as the download's name does.
        accounts={"Traditional IRA ...821": "Assets:Retirement:Bob:TraditionalIRA",
                  "Roth Contributory IRA XXX822": "Assets:Retirement:Bob:RothIRA"},
        funds={"VTI": "VTI"},                # shares, by the file's symbol
        contributions="Assets:Bank:Checking",
        nondeductible=True,                  # a backdoor Roth's contributions: 8606 basis
    )
    CONFIG = [GenericImporter(BOB_IRAS, schwab())]

Each layout's docstring says what it rests on: the public downloads, fixtures and issue
threads that show the layout, and which parts are a guess (a header nobody has published).
What a layout can't know is left to you, and said so: an activity it doesn't know stops the
import with the line to add. To add one, keep the layout and extend it::

    from dataclasses import replace
    layout = replace(schwab(), actions={**schwab().actions, "Pr Yr Cash Div": "dividend"})

Brokerage IRAs (Schwab, Vanguard, M1) hold shares: keep them in fund units (``funds=``), since
a sale's gain can't be followed in dollar balances (the import says so if you don't).
"""

from __future__ import annotations

from collections.abc import Sequence

from megaroth.importers.generic import IN_OR_OUT, Layout

#: Schwab's history header, titled (2020-2023) and untitled (since late 2023) downloads alike.
SCHWAB_HEADER = ("Date", "Action", "Symbol", "Description", "Quantity", "Price",
                 "Fees & Comm", "Amount")  # fmt: skip

_SHARES_JOURNAL = (
    "it moves shares between accounts with no dollar amount, and megaroth needs the value of "
    "what moves (a conversion is taxed on the shares' value that day), so it does not read "
    "these yet. Enter the move by hand (the shares out of one account and into the other at "
    "that day's price, both legs in one transaction) and delete the line from the file."
)
_SPLIT = (
    "it changes the number of shares with no money, which megaroth does not read yet. Enter "
    "the split by hand (the old lots out and the new ones in, at the same total cost) and "
    "delete the line from the file."
)


def schwab(account: str | None = None) -> Layout:
    """Schwab's transaction history CSV, brokerage and IRA accounts alike.

    Evidence: the fixtures of beancount-reds-importers (``schwab_csv_brokerage``, 2023) and
    beancount-import (``testdata/source/schwab_csv``, 2020), and the threads that followed
    each change: jbms/beancount-import#171 (2022, the trailing comma dropped, the quoted
    total), #218 and reubano/csv2ofx#121 (2023-24: no title line, no total, the account only
    in the download's name), cgt-calc/capital-gains-calculator#309 and #451,
    beancount_reds_importers#59 (``MoneyLink Deposit``) and jbms/beancount-import#219.

    - Line 1 may be a title, ``"Transactions  for account Roth Contributory IRA ...822 as of
      04/20/2023 10:21:37 PM ET"``: the only place the file names its account. Downloads
      since late 2023 have no title; Schwab names them
      ``Roth_Contributory_IRA_XXX822_Transactions_20240520-165958.csv``, and the account is
      read from that name (``Roth Contributory IRA XXX822``). Map either in the PlanConfig's
      ``accounts=``. For a file that names its account nowhere (a download renamed), say
      which account it is: ``schwab(account="Roth IRA")`` and ``accounts={"Roth IRA": ...}``.
    - Dates ``MM/DD/YYYY``, or ``04/17/2023 as of 04/15/2023`` (the day it counts for, the
      second, is used); ``YYYY/MM/DD`` is read too, as one report (jbms/beancount-import#235)
      says newer files write it.
    - Money ``$7461.72``, ``-$3320.05``; quantities quoted or not; a trailing comma on every
      line (2020) or on none; CRLF or LF. The amount is net of ``Fees & Comm``, so a
      trade's cost and proceeds include the commission, as they do for tax.
    - The last line may be ``Transactions Total``: skipped as a totals line.

    Actions: buys, sells and reinvested shares are trades inside the account; dividends and
    capital-gain distributions are earnings paid in cash (a reinvested one is the dividend
    plus a ``Reinvest Shares`` buy); interest is interest; ``Service Fee`` a fee;
    ``MoneyLink Deposit`` and ``MoneyLink Transfer`` are money from or to your bank: a
    contribution when it comes in, a distribution when it goes out. ``Journal`` is money to
    or from another of your Schwab accounts: a journal, whose other half is in that
    account's file (from the traditional IRA to the Roth IRA: a conversion; both halves
    carry the same link). If your journals come from an account that is no retirement
    account (Schwab Bank, a brokerage account), they are contributions: map ``"Journal":
    "in-or-out"`` instead. Nothing public shows Schwab's wording of an IRA contribution or a
    conversion; these are the actions the IRA's cash moves under.

    ``Journaled Shares`` and ``Security Transfer`` (shares moved in kind) and splits stop
    the import with what to do: the file gives no dollar value for them.
    """
    dividend = "dividend"
    return Layout(
        header=SCHWAB_HEADER,
        date="Date",
        activity="Action",
        symbol="Symbol",
        description="Description",
        units="Quantity",
        price="Price",
        amount="Amount",
        date_formats=("%m/%d/%Y", "%Y/%m/%d"),
        account_title=r"Transactions\s+for account\s+(.+?)\s+as of\s",
        account_file_name=r"^(.+?)_Transactions_\d{8}-\d{6}",
        default_source=account,
        actions={
            "Buy": "buy",
            "Sell": "sell",
            "Reinvest Shares": "buy",
            "Reinvest Dividend": dividend,
            "Qualified Dividend": dividend,
            "Cash Dividend": dividend,
            "Non-Qualified Div": dividend,
            "Special Dividend": dividend,
            "Special Qual Div": dividend,
            "Qual Div Reinvest": dividend,
            "Long Term Cap Gain": dividend,
            "Short Term Cap Gain": dividend,
            "Long Term Cap Gain Reinvest": dividend,
            "Short Term Cap Gain Reinvest": dividend,
            "Bank Interest": "interest",
            "Credit Interest": "interest",
            "MoneyLink Deposit": IN_OR_OUT,
            "MoneyLink Transfer": IN_OR_OUT,
            "Journal": "journal",
            "Service Fee": "fee",
        },
        unsupported={
            "Journaled Shares": _SHARES_JOURNAL,
            "Security Transfer": _SHARES_JOURNAL,
            "Stock Split": _SPLIT,
            "Reverse Split": _SPLIT,
        },
        payee="Schwab",
        name="schwab",
    )


SCHWAB = schwab()

_SWEEP = (
    "money between the settlement fund and the account's cash, which megaroth keeps as one "
    "(the settlement fund is the cash): moves nothing"
)


def vanguard_brokerage(settlement_fund: str = "VMFXX") -> Layout:
    """Vanguard's brokerage and IRA download (``OfxDownload.csv``, "spreadsheet-compatible").

    Evidence: no participant's file is public; the layout agrees across a beangulp importer
    by a Beancount author (its section headers, ISO-8859-1, ``%m/%d/%Y``, and the type and
    description pairs it asserts: ``Reinvestment``/``Dividend Reinvestment``,
    ``Dividend``/``Dividend Received``, ``Buy``, ``Sell``, ``Capital gain (LT)``, ``Sweep in``,
    ``Sweep out``, ``Rollover (incoming)``), the tests of ``van_div_conv`` and of other tools
    (the newer column name ``Commissions and Fees``, ISO dates, ``Funds Received``,
    ``Withdrawal``), and five independent parser maps (``Conversion (incoming)``,
    ``Conversion (outgoing)``, ``Contribution``, ``Distribution``, ``Fee``). Issue 14 names
    ``Rollover Conversion`` as an incoming Roth conversion; no public file shows it.

    - The file has sections: holdings, then
      ``Account Number,Trade Date,Settlement Date,Transaction Type,Transaction Description,
      Investment Name,Symbol,Shares,Share Price,Principal Amount,Commission Fees,Net Amount,
      Accrued Interest,Account Type,`` (a trailing comma on every line: one empty column),
      then often a retirement-plan section. The holdings are passed over as preamble; the
      next section's header ends the transactions, and its lines are skipped, said so.
    - Several accounts in one file, interleaved: each row's ``Account Number`` is routed
      through the PlanConfig's ``accounts=``; rows of accounts not there are skipped, said so.
    - Read as UTF-8, else ISO-8859-1 (as that importer reads it); dates ``MM/DD/YYYY`` or
      ``YYYY-MM-DD``; ``Net Amount`` is the money (net of commission and fees); a dividend's
      ``Shares`` of ``0.00000`` means none.

    The cash of a Vanguard brokerage account is its settlement fund (``settlement_fund``,
    Vanguard Federal Money Market, VMFXX): megaroth keeps it as the account's dollars, so a
    dividend of the settlement fund is cash earned, and the fund's own reinvestments and the
    ``Sweep in``/``Sweep out`` rows (money between the fund and "cash", with no shares in the
    files seen) move nothing and are skipped, each with its reason. Following VMFXX as shares
    would need shares on those rows, which Vanguard writes as ``0.00000``.

    A conversion inside one file (``Conversion (outgoing)`` from the traditional IRA,
    ``Conversion (incoming)`` into the Roth IRA, same day) is one transaction of two legs;
    a leg whose other half is not in the file stops the import and says so. A rollover in
    (from a 401(k) or another custodian) is a journal: the other half is in that plan's
    statement, on the transfer account.
    """
    return Layout(
        header=("Account Number", "Trade Date", "Settlement Date", "Transaction Type"),
        account="Account Number",
        date="Trade Date",
        activity="Transaction Type",
        description="Transaction Description",
        symbol="Symbol",
        units="Shares",
        price="Share Price",
        amount="Net Amount",
        date_formats=("%m/%d/%Y", "%Y-%m-%d"),
        cash=(settlement_fund,),
        skip_activities={"Sweep in": _SWEEP, "Sweep out": _SWEEP},
        actions={
            "Buy": "buy",
            "Sell": "sell",
            "Reinvestment": "buy",
            "Reinvestment (LT gain)": "buy",
            "Reinvestment (ST gain)": "buy",
            "Dividend": "dividend",
            "Capital gain (LT)": "dividend",
            "Capital gain (ST)": "dividend",
            "Contribution": "contribution",
            "Funds Received": IN_OR_OUT,
            "Withdrawal": IN_OR_OUT,
            "Distribution": "distribution",
            "Conversion (incoming)": "transfer",
            "Conversion (outgoing)": "transfer",
            "Rollover Conversion": "transfer",
            "Rollover (incoming)": "journal",
            "Fee": "fee",
            "Advisor fee": "fee",
        },
        payee="Vanguard",
        name="vanguard-brokerage",
    )


VANGUARD_BROKERAGE = vanguard_brokerage()

#: T. Rowe Price's columns, in the order the files have them; the names are megaroth's.
TROWE_HEADER = ("Date", "Activity", "Fund", "Source", "Amount", "Shares", "Value")


def trowe(header: Sequence[str] = TROWE_HEADER, source: str | None = None) -> Layout:
    """T. Rowe Price's 401(k) transaction history CSV (Retirement Plan Services).

    Evidence: issue 14's description of a participant's download; no file, fixture or parser
    of it is public, so **the header names are megaroth's choice**: give your file's names
    in ``header=``, in this order: date, activity, fund, a text column, amount, shares,
    value. Evidenced: four preamble lines before the header (passed over); dates
    ``MM/DD/YYYY``; the activities ``Contribution``, ``Exchange In``, ``Exchange Out``,
    ``Fee`` and ``Market Fluctuation``; amounts written ``$-1.23`` (the minus after the
    dollar sign); a positive ``Fee`` is a rebate (money back into the plan, as it reads).

    The fourth column is text; megaroth reads it as the row's money source (map its labels
    in ``sources=``). If yours says something else, give the one source of every row:
    ``trowe(source="Pre-Tax")``, and the column becomes the narration.

    Keep the plan in dollar balances (no ``funds=``): the file posts the change in value
    (``Market Fluctuation``) and gives no unit price, so the balances stay right; an
    exchange between funds of one source nets to nothing.
    """
    date, activity, fund, text, amount, shares, _value = header
    return Layout(
        header=tuple(header),
        date=date,
        activity=activity,
        fund=fund,
        source=None if source else text,
        description=text if source else None,
        default_source=source,
        amount=amount,
        units=shares,
        date_formats=("%m/%d/%Y",),
        actions={
            "Contribution": "contribution",
            "Exchange In": "transfer",
            "Exchange Out": "transfer",
            "Fee": "fee",
            "Market Fluctuation": "market-value",
        },
        payee="T. Rowe Price",
        name="trowe",
    )


TROWE = trowe()


def paychex(source: str | None = None) -> Layout:
    """Paychex's 401(k) transaction CSV.

    Evidence: issue 14's description of a participant's download; no file of it is public.
    Evidenced: the header ``Date, Transaction, Ticker, Shares, Price, Amount`` with a space
    after each comma; ``N/A`` in Shares on some rows (read as no shares: the row moves
    dollars only); rows whose Ticker is ``null``, which are bad data (skipped, said so);
    no money-source column. The date format and the Transaction names are megaroth's guess
    (``MM/DD/YYYY``; ``Contribution``, ``Employer Match``, ``Dividend``, ``Fee``,
    ``Exchange In``/``Exchange Out``): extend ``actions=`` with yours.

    The file names no source, so each row's source is its Transaction, mapped in the
    PlanConfig's ``default_sources=`` (``{"Contribution": "pretax", "Employer Match":
    "match", "Dividend": "pretax", "Fee": "pretax"}``), as for Fidelity's history; or,
    for a plan with one source, ``paychex(source="Pre-Tax")`` gives every row that label.
    Keep the plan in fund units (``funds=``, by ticker): the file gives share prices.
    """
    return Layout(
        header=("Date", "Transaction", "Ticker", "Shares", "Price", "Amount"),
        date="Date",
        activity="Transaction",
        source=None if source else "Transaction",
        default_source=source,
        symbol="Ticker",
        units="Shares",
        price="Price",
        amount="Amount",
        date_formats=("%m/%d/%Y", "%Y-%m-%d"),
        skip_values={"Ticker": "null"},
        actions={
            "Contribution": "contribution",
            "Employer Match": "contribution",
            "Dividend": "dividend",
            "Fee": "fee",
            "Exchange In": "transfer",
            "Exchange Out": "transfer",
        },
        payee="Paychex",
        name="paychex",
    )


PAYCHEX = paychex()


def m1(account: str = "M1") -> Layout:
    """M1 Finance's activity CSV (a Roth IRA at M1, say).

    Evidence: a participant's real downloads (``Activity-*.csv``) in the history of the
    public repository 1000tomax/401k-tracker (2025): header ``Date,Posted Date,Symbol,
    Description,Transaction Type,Amount,Units,Unit Type,Unit Price,Security Id,Security Id
    Type``; dates quoted ``"Sep 22, 2025"`` (the ``Date`` is used: ``Posted Date`` can be
    earlier); ``$20.03``, ``-$107.89`` (a sale's amount and units are negative); ``--`` in
    the unit fields of cash rows; types ``PURCHASED``, ``SOLD``, ``DIVIDEND``, ``TRANSFER``
    ("ACH deposit of $25 completed.") and ``CASH`` ("TRANSFER FROM <another broker>").

    The file names no account: its rows are ``account`` (map it in the PlanConfig's
    ``accounts=``: ``{"M1": "Assets:Retirement:Bob:RothIRA"}``). A ``TRANSFER`` is your
    bank's money: a contribution in, a distribution out. A ``CASH`` transfer from another
    broker is money that was already in an IRA: a journal (on the transfer account), never
    a new contribution; its other half is the other broker's statement.
    """
    return Layout(
        header=("Date", "Posted Date", "Symbol", "Description", "Transaction Type"),
        date="Date",
        activity="Transaction Type",
        symbol="Symbol",
        description="Description",
        units="Units",
        price="Unit Price",
        amount="Amount",
        date_formats=("%b %d, %Y",),
        default_source=account,
        actions={
            "PURCHASED": "buy",
            "SOLD": "sell",
            "DIVIDEND": "dividend",
            "TRANSFER": IN_OR_OUT,
            "CASH": "journal",
        },
        payee="M1 Finance",
        name="m1",
    )


M1 = m1()

#: The columns of Voya's transaction history table, as the page heads them.
VOYA_WEB_COLUMNS = ("Date", "Activity", "Fund", "Money Source", "# of Units/Shares",
                    "Unit/Share Price", "Amount")  # fmt: skip


def voya_web(with_header: bool = True) -> Layout:
    """Voya's transaction history table, copied from the web page and pasted into a file.

    Evidence: a participant's pasted examples in the public repository
    1000tomax/401k-tracker (``docs/MCP_SETUP_GUIDE.md``, ``src/components/VoyaPasteImport.jsx``,
    ``.claude/commands/import-voya.md``): tab-separated; ``Date`` (``MM/DD/YYYY``),
    ``Activity`` (``Contribution``, ``Fund Transfer In``, ``Fee``), ``Fund``, ``Money
    Source``, ``# of Units/Shares``, ``Unit/Share Price`` (``$39.611``) and ``Amount``
    (``$83.78``, ``$3,742.50``). A copy may leave out the header line:
    ``voya_web(with_header=False)`` reads the columns in that order, and identifies a file by
    its first line (a date, then an activity it knows). Saved as ``.tsv``, ``.txt`` or
    ``.csv``.

    ``Fund Transfer Out`` is assumed (only ``In`` is seen); the page shows amounts without
    a sign as far as the examples go, so a ``Fee`` and a ``Fund Transfer Out`` always take
    money out whatever sign the copy has. Keep the plan in fund units (``funds=``).
    """
    return Layout(
        header=VOYA_WEB_COLUMNS if with_header else (),
        names=() if with_header else VOYA_WEB_COLUMNS,
        delimiter="\t",
        date="Date",
        activity="Activity",
        fund="Fund",
        source="Money Source",
        units="# of Units/Shares",
        price="Unit/Share Price",
        amount="Amount",
        date_formats=("%m/%d/%Y",),
        actions={
            "Contribution": "contribution",
            "Fund Transfer In": "transfer",
            "Fund Transfer Out": "transfer",
            "Fee": "fee",
        },
        outflows=("Fund Transfer Out", "Fee"),
        payee="Voya",
        name="voya-web",
    )


VOYA_WEB = voya_web()
