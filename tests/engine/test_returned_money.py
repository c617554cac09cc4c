"""Money returned too late (megaroth.engine.returned): a ``returned-contribution:`` mark on an
IRA withdrawal after the due date of the return with extensions.

IRC 408(d)(4): an excess IRA contribution taken back with its earnings by the due date of the
return for its year, with extensions (October 15 of the next year), counts as never made.
Later, the mark can't apply: the withdrawal is an ordinary distribution and the excess stays
(IRC 4973). megaroth says so, as an error on the withdrawal's line, in the packet of the year
of the withdrawal.
"""

from __future__ import annotations

from decimal import Decimal

from megaroth.engine.analysis import analyse
from tests.conftest import build_report, load
from tests.engine.test_law_boundaries import COMMON, analysed, ira, person

D = Decimal

IDA = (
    person("ida", "1990-02-01")
    + person("bob", "1988-06-01")
    + ira("Assets:IdaIRA", "traditional", "ida")
    + """
2024-01-15 * "Bank" "IRA contribution for 2024"
  Assets:IdaIRA  8000.00 USD
  Assets:Checking
2024-12-31 * "Broker" "Growth"
  Assets:IdaIRA  400.00 USD
  Income:Retirement:MarketValue
2025-11-03 * "Broker" "Excess contribution returned with its earnings"
  returned-contribution: 1000.00 USD
  tax-year: 2024
  Assets:IdaIRA  -1050.00 USD
  Assets:Checking
"""
)

LATE = (
    "This returns a 2024 contribution of 1,000.00 from Assets:IdaIRA on 2025-11-03, after "
    "2025-10-15, the last day it could come out as a corrective distribution with its earnings "
    "(IRC 408(d)(4) for an IRA: the return's due date with extensions; IRC 402(g)(2)(A)(ii) for "
    "an excess deferral: April 15). It is an ordinary distribution, taxable (and before 59 1/2 "
    "subject to the 10% additional tax), and the excess stays: an IRA's draws the 6% excise tax "
    "of IRC 4973 for each year it stayed; an excess deferral is taxed in the year deferred and "
    "again now."
)


def test_an_ira_excess_returned_after_october_15_is_an_ordinary_distribution() -> None:
    """Ida (34 in 2024) puts 8,000 into her traditional IRA for 2024: 1,000 over the 7,000
    limit. The IRA grows 400. On 2025-11-03 the broker returns the 1,000 with 50 of earnings
    (1,050), marked as a returned contribution for 2024. The last day for that was the due
    date of her 2024 return with extensions, 2025-10-15: 19 days late.

    So the mark can't apply. The withdrawal is an ordinary distribution: 1,050, none of it
    basis (her contributions were deductible), all taxable, code 1 (she is 35, under 59 1/2,
    no exception), on a 2025 1099-R with box 1 and 2a 1,050. The 2024 excess stays (its
    finding in the 2024 packet). The error says all of it, on the withdrawal's line, in Ida's
    packet of 2025 (the year of the withdrawal), not 2024's, and not in Bob's (her husband,
    with no IRA of his own)."""
    text = COMMON + IDA
    entries, errors, options = load(text)
    analysis = analyse(entries, options)
    line = text.splitlines().index('2025-11-03 * "Broker" "Excess contribution returned with '
                                   'its earnings"') + 1  # fmt: skip
    (late,) = [e for e in errors if getattr(e, "check", None) == "correction-late"]
    assert (late.message, late.source["lineno"]) == (LATE, line)
    (movement,) = analysis.basis.movements
    figures = (movement.kind.value, movement.gross, movement.basis, movement.taxable)
    assert figures == ("distribution", D("1050.00"), D("0.00"), D("1050.00"))
    assert movement.code == "1"
    in_2025 = build_report(analysis, 2025, "ida")
    assert [(f["severity"], f["check"], f["message"], f["lineno"]) for f in in_2025["findings"]
            ] == [("error", "correction-late", LATE, line)]  # fmt: skip
    (form,) = in_2025["form_1099r"]
    assert (form["code"], form["expected"]["box1"], form["expected"]["box2a"]) == (
        "1", "1050.00", "1050.00")  # fmt: skip
    in_2024 = build_report(analysis, 2024, "ida")
    assert [(f["severity"], f["check"]) for f in in_2024["findings"]] == [("error", "ira-excess")]
    assert build_report(analysis, 2025, "bob")["findings"] == []


def test_a_mark_written_as_a_number_or_in_quotes() -> None:
    """Ida takes her 1,000 excess back with 50 of earnings on 2025-03-03, by the due date.
    The mark written as a plain number (``returned-contribution: 1000.00``) is read like one
    with its currency: 1P, box 2a the 50 of earnings. Written in quotes it is text: an error
    on the withdrawal saying so, and the withdrawal an ordinary distribution (code 1, all
    1,050 in box 2a as the IRA's payer would have it)."""
    in_time = IDA.replace("2025-11-03", "2025-03-03")
    analysis, errors = analysed(in_time.replace("1000.00 USD\n  tax-year", "1000.00\n  tax-year"))
    assert errors == []
    assert [(f.code, f.box1, f.box2a) for f in analysis.expected_1099r] == [
        ("1P", D("1050.00"), D("50.00"))]  # fmt: skip
    analysis, errors = analysed(in_time.replace("1000.00 USD\n  tax-year", '"1000"\n  tax-year'))
    (error,) = errors
    assert error.message.startswith('returned-contribution "1000" is not an amount. Mark an IRA')
    assert [(f.code, f.box2a) for f in analysis.expected_1099r] == [("1", D("1050.00"))]
