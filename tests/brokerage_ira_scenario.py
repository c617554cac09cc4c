"""One backdoor Roth at a broker, as a ledger kept with beancount-reds-importers holds it.

Shared by the ledger-side tests (``tests/engine/test_reds_ledger.py``) and the importer tests
that produce the same year from a broker's statement: both must come to ``FORM_8606_2024``.

Bob (born 1985, so under 59 1/2), 2024, no IRA basis before and no other traditional, SEP
or SIMPLE IRA money. The IRA is a reds tree: ``main_account`` with one account per fund
(``...:TradIRA:VTI``) and its cash (``...:TradIRA:USD``), income accounts per account and
ticker, ticker last (``Income:Dividends:TradIRA:VTI``):

- 2024-01-10 nondeductible contribution of 7,000.00 from checking into the IRA's cash;
- 2024-01-11 buy 28 VTI at 250.00 (7,000.00);
- 2024-03-26 dividend of 70.00, paid in cash;
- 2024-04-01 sell the 28 VTI at 310.00 (8,680.00; a gain of 1,680.00);
- 2024-04-03 conversion: the 8,750.00 of cash to the Roth IRA's cash account;
- Dec 31 value of the traditional IRA: 0.
"""

from __future__ import annotations

from decimal import Decimal

D = Decimal

#: Form 8606 for 2024, by hand: 7,000 of basis over 8,750 converted (line 10 = 0.8), so
#: 7,000 of the conversion is basis and the 1,750 of dividend and gain is taxable.
FORM_8606_2024: dict[str, Decimal] = {
    "line1": D("7000.00"),
    "line2": D("0.00"),
    "line3": D("7000.00"),
    "line4": D("0.00"),
    "line5": D("7000.00"),
    "line6": D("0.00"),
    "line7": D("0.00"),
    "line8": D("8750.00"),
    "line9": D("8750.00"),
    "line10": D("0.80000000"),  # 7,000 / 8,750, at megaroth's default 8 places
    "line11": D("7000.00"),
    "line12": D("0.00"),
    "line13": D("7000.00"),
    "line14": D("0.00"),
    "line15a": D("0.00"),
    "line15b": D("0.00"),
    "line15c": D("0.00"),
    "line16": D("8750.00"),
    "line17": D("7000.00"),
    "line18": D("1750.00"),
}

#: The 1099-R the traditional IRA's custodian should issue for 2024: the conversion, code 2
#: (under 59 1/2), all of it in box 2a with "taxable amount not determined" checked (the
#: custodian can't know the basis; Form 8606 line 18 is the taxable part).
FORM_1099R_2024: dict[str, object] = {
    "box1": "8750.00",
    "box2a": "8750.00",
    "box2b-not-determined": True,
    "box7": "2",
    "ira-sep-simple": True,
}

TRADITIONAL = "Assets:Investments:Fidelity:TradIRA"
ROTH = "Assets:Investments:Fidelity:RothIRA"

#: The people and the accounts, as a reds user opens them (the IRA's Open says what it is).
REDS_ACCOUNTS = """\
option "operating_currency" "USD"
option "booking_method" "FIFO"
plugin "megaroth.plugins"

2000-01-01 custom "megaroth-person" "bob"
  birth-date: 1985-06-15

2020-01-01 open Assets:Bank:Checking  USD
2020-01-01 open Assets:Investments:Fidelity:TradIRA
  megaroth-ira: "traditional"
  owner: "bob"
2020-01-01 open Assets:Investments:Fidelity:TradIRA:USD  USD
2020-01-01 open Assets:Investments:Fidelity:TradIRA:VTI  VTI
2020-01-01 open Assets:Investments:Fidelity:RothIRA
  megaroth-ira: "roth"
  owner: "bob"
2020-01-01 open Assets:Investments:Fidelity:RothIRA:USD  USD
2020-01-01 open Income:Dividends:TradIRA:VTI  USD
2020-01-01 open Income:Capital-Gains:TradIRA:VTI  USD
2020-01-01 open Income:Interest:TradIRA:USD  USD
2020-01-01 open Expenses:Fees-and-Commissions:TradIRA  USD
"""

#: The year up to the conversion, as reds writes it (the sale's gain interpolated).
REDS_TRANSACTIONS = """
2024-01-10 * "Fidelity" "Contribution for 2024"
  nondeductible: TRUE
  Assets:Investments:Fidelity:TradIRA:USD  7000.00 USD
  Assets:Bank:Checking                    -7000.00 USD

2024-01-11 * "Fidelity" "YOU BOUGHT VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI      28 VTI {250.00 USD}
  Assets:Investments:Fidelity:TradIRA:USD  -7000.00 USD

2024-03-26 * "Fidelity" "DIVIDEND RECEIVED VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:USD   70.00 USD
  Income:Dividends:TradIRA:VTI             -70.00 USD

2024-04-01 * "Fidelity" "YOU SOLD VANGUARD TOTAL STOCK MARKET ETF"
  Assets:Investments:Fidelity:TradIRA:VTI     -28 VTI {} @ 310.00 USD
  Assets:Investments:Fidelity:TradIRA:USD  8680.00 USD
  Income:Capital-Gains:TradIRA:VTI
"""

#: The conversion as one transaction: cash from one tree's cash account to the other's.
REDS_CONVERSION = """
2024-04-03 * "Fidelity" "ROTH CONVERSION"
  Assets:Investments:Fidelity:TradIRA:USD  -8750.00 USD
  Assets:Investments:Fidelity:RothIRA:USD   8750.00 USD
"""

#: The whole scenario, conversion in one transaction.
REDS_LEDGER = REDS_ACCOUNTS + REDS_TRANSACTIONS + REDS_CONVERSION
