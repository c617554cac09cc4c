"""Fidelity NetBenefits downloads: the transaction history and its "by source" view.

NetBenefits offers a plan's history two ways, and megaroth reads both:

- the **history** (``history.csv``): ``Plan name:`` and ``Date Range`` lines, then
  ``Date,Investment,Transaction Type,Amount,Shares/Unit``, one row per fund, newest first.
  It names the fund but **not the money source**, and a move between sources (an in-plan
  Roth conversion) nets to a ``0.00`` ``Transfer`` row in each fund, as public downloads
  show them, so on its own it can't show a conversion;
- the **by-source** view: one row per plan-numbered source ("1 - Employee Deferral",
  "4 - After-Tax", "12 - Roth In-Plan Conversion"...) with its date, transaction type, amount
  and shares. No public download of it was found, so megaroth reads it in the history's
  layout with ``Source`` for ``Investment``: the same preamble, then
  ``Date,Source,Transaction Type,Amount,Shares/Unit``. It names the source but not the
  fund, and an exchange between funds nets to ``0.00`` per source.

Put both downloads of one period in one folder and configure both importers::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.fidelity import FidelityBySourceImporter, FidelityHistoryImporter

    PEMBERLY = PlanConfig(
        account="Assets:Retirement:Dana:Pemberly401k",
        sources={"1 - Employee Deferral": "pretax", "2 - Employer Match": "match",
                 "4 - After-Tax": "after-tax", "12 - Roth In-Plan Conversion": "irr"},
        # Funds by name as the history writes them (no tickers there): pick a commodity each.
        # Leave funds= out to keep the plan in dollar balances (by source, not by fund).
        funds={"S&P 500 INDEX POOL CL 2": "SPXPOOL", "US BOND IDX POOL CL 2": "USBONDPOOL"},
        contributions={"pretax": "Income:Dana:Pemberly:Salary",
                       "after-tax": "Income:Dana:Pemberly:Salary",
                       "match": "Income:Dana:Pemberly:Match"},
    )
    # The downloads' "Plan name:", needed when Fidelity keeps more than one of your plans.
    PLAN = "PEMBERLY SYSTEMS, INC. 401(K) PLAN"
    CONFIG = [FidelityBySourceImporter(PEMBERLY, plan=PLAN),
              FidelityHistoryImporter(PEMBERLY, plan=PLAN)]

How the two files share the work, so nothing is counted twice:

- The **by-source** file makes the entries. Its companion is the history file in the same
  folder with the same ``Plan name:`` and ``Date Range``. Without ``funds=`` (dollar
  balances) or with a single fund in ``funds=`` it needs no companion; with several funds it
  takes each row's fund from the companion: rows of one date and kind (contributions, fees,
  transfers...) are matched by shares and amounts. A source whose amount is its shares at one
  fund's price is in that fund; a single source or a single fund takes the whole; several
  sources in several funds are split in proportion when every source's shares agree with
  that, or (two funds) solved from each source's shares at the two funds' prices. Each
  source's amount always stays exactly as the by-source view says (that is what the tax
  figures rest on) and each fund's total exactly as the history says; when neither file can
  say how much of each source is in each fund, the import stops and says what to do.
- The **history** file makes nothing when its by-source companion is there (beangulp still
  identifies and archives it). Alone, it is imported only with ``default_sources=`` on the
  PlanConfig, the source of each transaction type (``{"Contributions": "pretax",
  "Dividend": "pretax", "RECORDKEEPING FEE": "pretax"}``); without them the import stops and
  says so. A ``0.00`` transfer row stops it too: that is a conversion it can't see.

Fidelity gives no unit prices: a unit's cost is the row's amount over its shares, and no
``price`` entries are made (shares are rounded to three places, so a small row's amount over
its shares can be off by a percent). ``Change in Market Value`` rows are used only for a plan
kept in dollar balances. ``Balance Forward`` and ``Realized Gain/Loss`` rows are notes, not
money moved, and are skipped. Plan loans are not imported: a ``Loan Repayments`` row stops
the import until you say what to do with it, e.g. ``actions={"Loan Repayments": "ignore"}``
after recording the loan by hand; ``actions=`` also names transaction types megaroth doesn't
know (``{"Roth In-Plan Conversion": "transfer"}``). Rows are dated as the file dates them;
the files list the newest first, also within a day, so a day's entries follow the file from
the bottom up. ``plan=`` (the files' ``Plan name:``) is needed only when one import.py reads
downloads of several Fidelity plans.
"""

from megaroth.importers.fidelity.by_source import FidelityBySourceImporter
from megaroth.importers.fidelity.history import FidelityHistoryImporter

__all__ = ["FidelityBySourceImporter", "FidelityHistoryImporter"]
