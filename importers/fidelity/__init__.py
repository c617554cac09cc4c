"""Fidelity NetBenefits: the transaction history download and a copy of the Sources view.

NetBenefits offers a plan's history two ways, and megaroth reads both:

- the **history** download (``history.csv``): an optional preamble (``Plan name:,<name>``,
  the name unquoted even with a comma in it; ``Date Range,MM/DD/YYYY - MM/DD/YYYY,,,,``; blank
  lines), then ``Date,Investment,Transaction Type,Amount,Shares/Unit``, one row per fund,
  newest first, amounts and shares quoted with thousands separators, fund names with HTML
  entities (``S&amp;P``). It names the fund but **not the money source**. Fidelity writes a
  ``Transfer`` of ``0.00`` on paydays, and a move between sources (an in-plan Roth
  conversion) also nets to ``0.00`` in each fund, so on its own it can't show a conversion;
- the **Sources** view, which NetBenefits shows on screen but offers no download of: select
  the table, paste it into a text file (``sources.txt``) beside the history. Tab separated,
  no header; date, source as the plan numbers it ("1 - Employee Deferral", "4 - After-Tax",
  "12 - Roth In-Plan Conversion"...), transaction type, amount (``$1,234.56``) and shares.
  It names the source but not the fund; the page's "show details" lines are passed over.

Configure both importers::

    from megaroth.importers.config import PlanConfig
    from megaroth.importers.fidelity import FidelityHistoryImporter, FidelitySourcesImporter

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
    CONFIG = [FidelitySourcesImporter(PEMBERLY, plan=PLAN),
              FidelityHistoryImporter(PEMBERLY, plan=PLAN)]

How the two files share the work, so nothing is counted twice:

- The **Sources copy** makes the entries. Its companion is the history download in the same
  folder whose Date Range holds every date of the copy. Without ``funds=`` (dollar
  balances) or with a single fund in ``funds=`` it needs no companion; with several funds it
  takes each row's fund from the companion: rows of one date and kind (contributions, fees,
  transfers...) are matched by shares and amounts. A source whose amount is its shares at one
  fund's price is in that fund; a single source or a single fund takes the whole; several
  sources in several funds are split in proportion when every source's shares agree with
  that, or (two funds) solved from each source's shares at the two funds' prices. Each
  source's amount always stays exactly as the Sources copy says (that is what the tax
  figures rest on) and each fund's total exactly as the history says; when neither file can
  say how much of each source is in each fund, the import stops and says what to do.
- The **history** makes nothing when its Sources copy is there (each of its lines is named
  as read with the copy). Alone, it is imported only with ``default_sources=`` on the
  PlanConfig, the source of each transaction type (``{"Contributions": "pretax",
  "Dividend": "pretax", "RECORDKEEPING FEE": "pretax"}``); without them the import stops and
  says so. Its ``0.00`` Transfers are passed over (and named) when the plan makes no in-plan
  conversions, and stop the import when it does (``conversions=``; by default, a plan with an
  after-tax or in-plan Roth source converts): the history can't show a conversion.

Fidelity gives no unit prices: a unit's cost is the row's amount over its shares, and no
``price`` entries are made (shares are rounded to three places, so a small row's amount over
its shares can be off by a percent). ``Change in Market Value`` rows are used only for a plan
kept in dollar balances. ``Balance Forward`` and ``Realized Gain/Loss`` rows are notes, not
money moved, and are skipped. A ``Loan Repayments`` row buys fund units in the source its
``default_sources=`` (or the Sources copy) names and pays down that source's loan receivable,
``{plan}:{Source}:Loan``; the file gives the repayment's total, not its principal and
interest, so all of it is booked against the loan: post the loan's interest from the loan
statement (``Loan +interest`` against ``Income:Retirement:Interest``) so the receivable ends
at zero. ``actions=`` names transaction types megaroth doesn't know
(``{"Roth In-Plan Conversion": "transfer"}``) or leaves them out (``"ignore"``). Rows are dated
as the file dates them; the files list the newest first, also within a day, so a day's
entries follow the file from the bottom up. ``plan=`` (the history's ``Plan name:``) is
needed only when one import.py reads downloads of several Fidelity plans.
"""

from megaroth.importers.fidelity.activity import FidelityActivityImporter
from megaroth.importers.fidelity.history import FidelityHistoryImporter
from megaroth.importers.fidelity.sources import FidelityBySourceImporter, FidelitySourcesImporter

__all__ = [
    "FidelityActivityImporter",
    "FidelityBySourceImporter",
    "FidelityHistoryImporter",
    "FidelitySourcesImporter",
]
