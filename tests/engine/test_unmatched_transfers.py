"""A transfer between two of your accounts imported from one side only.

The importers link each half of a transfer whose other half is in another account's
statement (``^transfer-<date>-<amount>``); a half alone means that statement is missing,
and the money would otherwise pass for a contribution or a distribution.
"""

from __future__ import annotations

from megaroth.engine.analysis import analyse
from megaroth.errors import MegarothError
from tests.conftest import load

LEDGER = """
plugin "megaroth.plugins"
option "operating_currency" "USD"
2000-01-01 custom "megaroth-person" "erin"
  birth-date: 1980-01-01
2020-01-01 open Assets:Transfers:Retirement
2020-01-01 open Assets:Retirement:Erin:TraditionalIRA
  megaroth-ira: "traditional"
  owner: "erin"
2020-01-01 open Assets:Retirement:Erin:RothIRA
  megaroth-ira: "roth"
  owner: "erin"
2024-01-02 * "Opening" "Rollover money, from before the ledger"
  Assets:Retirement:Erin:TraditionalIRA  15000.00 USD
  Assets:Transfers:Retirement
2024-06-14 * "Vanguard" "Rollover Conversion (incoming)" ^transfer-2024-06-14-15000.00
  Assets:Retirement:Erin:RothIRA   15000.00 USD
  Assets:Transfers:Retirement     -15000.00 USD
"""

OTHER_HALF = """
2024-06-14 * "Schwab" "Journal to the Roth IRA" ^transfer-2024-06-14-15000.00
  Assets:Retirement:Erin:TraditionalIRA  -15000.00 USD
  Assets:Transfers:Retirement             15000.00 USD
"""


def unmatched(text: str) -> list[MegarothError]:
    _, errors, _ = load(text)
    return [e for e in errors if getattr(e, "check", None) == "unmatched-transfer"]


def test_a_half_alone_is_an_error_on_it_naming_the_link_and_what_to_do() -> None:
    (error,) = unmatched(LEDGER)
    assert error.source["lineno"] == 16  # the Vanguard half's line
    assert error.message == (
        "This is one half of a transfer between two of your accounts (link "
        "^transfer-2024-06-14-15000.00, as megaroth's importers write it), and no other "
        "transaction in the ledger carries that link: the other account's statement is not "
        "imported, so the money seems to come from or go to nowhere, and megaroth reads this "
        "as a contribution or a distribution of Assets:Retirement:Erin:RothIRA. Import the "
        "other account's statement (its half gets the same link), or put both legs in one "
        "transaction."
    )


def test_with_its_other_half_the_transfer_is_one_conversion_and_no_error() -> None:
    entries, _, options = load(LEDGER + OTHER_HALF)
    assert unmatched(LEDGER + OTHER_HALF) == []
    (conversion,) = analyse(entries, options).basis.movements
    assert (conversion.kind.value, str(conversion.gross)) == ("ira-conversion", "15000.00")
