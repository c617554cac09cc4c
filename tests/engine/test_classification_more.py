"""How the engine reads a contribution's year, a transaction's shape and a returned-contribution
mark (megaroth.engine.contributions, legs, links, returned), through whole ledgers.

Each test works its figures by hand and names the rule; each was written for a mutant that
survived the tests before it (docs/testing.md).
"""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import load
from tests.engine.test_law_boundaries import COMMON, ira, person

D = Decimal

IDA = (
    person("ida", "1990-02-01")
    + ira("Assets:IdaIRA", "traditional", "ida")
    + "2000-01-01 open Expenses:Fees\n"
)


def errors_of(text: str) -> list[tuple[str, str]]:
    """(check, message) of every error and finding the ledger gives."""
    _, errors, _ = load(COMMON + text)
    return [(getattr(e, "check", ""), e.message) for e in errors]


def excess_2024(over: str) -> tuple[str, str]:
    return (
        "ira-excess",
        f"ida's IRA contributions for 2024 are {D(over) + 7000:,.2f}: {D(over):,.2f} over the "
        "IRA limit of 7,000.00 (IRS Notice 2023-75), counted across all traditional and Roth "
        "IRAs. Withdraw the excess and its earnings before the tax return's due date (with "
        "extensions); otherwise the 6% excise tax of IRC 4973 applies for every year it stays.",
    )


# The year a contribution is for (contributions.tax_year_of, _raw_tax_year) ----------------


def test_a_quoted_tax_year_is_an_error_that_shows_the_year_before_as_the_example() -> None:
    """A contribution of 2025-02-01 marked ``tax-year: "2024"`` (text, not a year) counts
    for 2025, the year of its date, and the error says how to write it: the example is the
    year before the contribution's date (2024), the only other year it can be for (IRC
    219(f)(3): made by April 15 for the year before)."""
    found = errors_of(
        IDA
        + """
2025-02-01 * "Bank" "IRA contribution"
  tax-year: "2024"
  Assets:IdaIRA  1000.00 USD
  Assets:Checking
"""
    )
    assert found == [
        (
            "basis",
            'tax-year "2024" is not a year; megaroth counts this contribution for 2025. Write '
            "the year it is for, without quotes, e.g.  tax-year: 2024  (a contribution made "
            "January 1 - April 15 for the year before).",
        )
    ]


def test_a_tax_year_on_a_posting_says_which_year_the_contribution_is_for() -> None:
    """Ida (34) puts 7,000 into her IRA in March 2024, the whole 2024 limit (IRS Notice
    2023-75), and 1,000 more on 2025-02-01 with ``tax-year: 2024`` on the IRA's posting, not
    on the transaction. It is for 2024 all the same: 8,000 for 2024, 1,000 over."""
    found = errors_of(
        IDA
        + """
2024-03-01 * "Bank" "IRA contribution"
  Assets:IdaIRA  7000.00 USD
  Assets:Checking
2025-02-01 * "Bank" "IRA contribution for 2024"
  Assets:IdaIRA  1000.00 USD
    tax-year: 2024
  Assets:Checking
"""
    )
    assert found == [excess_2024("1000")]


def test_a_link_to_nothing_else_keeps_the_transactions_own_postings() -> None:
    """A link no other transaction of megaroth's accounts shares (here to a bank statement)
    joins nothing: the transaction is read as written, with the ``tax-year: 2024`` on its
    checking posting. So the 500 of 2025-02-02 is for 2024: 7,500 for 2024, 500 over."""
    found = errors_of(
        IDA
        + """
2024-03-01 * "Bank" "IRA contribution"
  Assets:IdaIRA  7000.00 USD
  Assets:Checking
2025-02-02 * "Bank" "IRA contribution for 2024" ^statement-2025-02
  Assets:IdaIRA  500.00 USD
  Assets:Checking  -500.00 USD
    tax-year: 2024
"""
    )
    assert found == [excess_2024("500")]


# returned-contribution marks (returned.returned_contributions, returned_by_year) ----------

MARK_HINT = (
    ". Mark an IRA withdrawal that returns a contribution (IRC 408(d)(4)) with the contribution "
    "returned, e.g.  returned-contribution: 1000.00 USD  (the rest of the withdrawal is its "
    "earnings), and  tax-year:  when it was for the year before."
)

MANY_MARKS = (
    IDA
    + """
2000-01-01 open Assets:Ida401k
  megaroth-plan: "401k"
  owner: "ida"
  employer: "Ida Corp"
2000-01-01 open Assets:Ida401k:PreTax
2023-03-01 * "Bank" "IRA contribution"
  Assets:IdaIRA  7000.00 USD
  Assets:Checking
2024-03-01 * "Bank" "IRA contribution"
  Assets:IdaIRA  9000.00 USD
  Assets:Checking
2024-06-15 * "Payroll"
  Assets:Ida401k:PreTax  25000.00 USD
  Income:Salary
2024-07-01 * "Broker" "Withdrawal"
  Assets:IdaIRA  -100.00 USD
  Assets:Checking
2024-11-01 * "Broker" "Returned late"
  returned-contribution: 500.00 USD
  tax-year: 2023
  Assets:IdaIRA  -500.00 USD
  Assets:Checking
2025-02-01 * "Broker" "Mark with no amount"
  returned-contribution: 0.00 USD
  Assets:IdaIRA  -10.00 USD
  Assets:Checking
2025-03-01 * "Plan" "Excess deferral returned"
  returned-contribution: 2000.00 USD
  tax-year: 2024
  Assets:Ida401k:PreTax  -2000.00 USD
  Assets:Checking
2025-03-10 * "Broker" "Excess returned"
  returned-contribution: 1000.00 USD
  tax-year: 2024
  Assets:IdaIRA  -1000.00 USD
  Assets:Checking
2025-03-12 * "Broker" "Excess returned, the rest"
  returned-contribution: 1000.00 USD
  tax-year: 2024
  Assets:IdaIRA  -1000.00 USD
  Assets:Checking
"""
)


def test_every_mark_is_read_whatever_comes_before_it() -> None:
    """Ida (34) contributes 7,000 to her IRA for 2023 (limit 6,500: 500 over) and 9,000 for
    2024 (limit 7,000: 2,000 over), and defers 25,000 to her 401(k) in 2024 (limit 23,000:
    2,000 over). In date order, the withdrawals:

    - 2024-07-01: 100, unmarked: an ordinary distribution;
    - 2024-11-01: the 2023 excess of 500 returned, after 2024-10-15: too late (IRC
      408(d)(4)), so the 2023 excess stays;
    - 2025-02-01: marked with 0.00 returned: no amount, an error;
    - 2025-03-01: the 2,000 excess deferral returned by April 15 (IRC 402(g)(2)): cured;
    - 2025-03-10 and 2025-03-12: 1,000 and 1,000 of the 2024 IRA excess returned by
      2025-10-15: 2,000 in all, the whole excess, counted as never contributed.

    What comes before a mark (a plain withdrawal, a plan's mark, a mark too late or one with
    no amount) doesn't stop megaroth reading it, and two returns for one year add up: the
    only findings left are the error, the late return and the 2023 excess it didn't cure."""
    found = errors_of(MANY_MARKS)
    assert [check for check, _ in found] == ["basis", "ira-excess", "correction-late"]
    assert found[0][1] == "returned-contribution 0.00 USD is not an amount" + MARK_HINT
    assert found[1][1].startswith("ida's IRA contributions for 2023 are 7,000.00: 500.00 over")


def test_a_mark_on_a_small_return_without_a_tax_year_is_for_this_year() -> None:
    """Ida contributes 7,500 on 2025-01-10, 500 over the 2025 limit of 7,000 (IRS Notice
    2024-80), and on 2025-04-01 takes 0.50 of it back, marked with no ``tax-year``: the mark is
    for 2025, the year of the withdrawal, and any amount over zero is one. 7,500 - 0.50 =
    7,499.50 counted: 499.50 over, and the excess finding names the step."""
    found = errors_of(
        IDA
        + """
2025-01-10 * "Bank" "IRA contribution"
  Assets:IdaIRA  7500.00 USD
  Assets:Checking
2025-04-01 * "Broker" "Excess returned"
  returned-contribution: 0.50 USD
  Assets:IdaIRA  -0.50 USD
  Assets:Checking
"""
    )
    assert found == [
        (
            "ira-excess",
            "ida's IRA contributions for 2025 are 7,499.50: 499.50 over the IRA limit of "
            "7,000.00 (IRS Notice 2024-80), counted across all traditional and Roth IRAs. "
            "Withdraw the excess and its earnings before the tax return's due date (with "
            "extensions); otherwise the 6% excise tax of IRC 4973 applies for every year it "
            "stays. Corrective step: 0.50 of it returned from Assets:IdaIRA on 2025-04-01 with "
            "0.00 of earnings. ",
        )
    ]


def test_a_negative_mark_and_a_mark_for_three_years_before_are_errors_that_say_why() -> None:
    """A mark of -5.00 is no amount returned; a 2025 withdrawal marked ``tax-year: 2022``
    can't return a 2022 contribution (the due date for 2022 was October 15, 2023; a mark can
    only be for this year or the one before). Each is an error on its line saying why and
    what to write; neither withdrawal counts as returning anything."""
    found = errors_of(
        IDA
        + """
2025-01-10 * "Bank" "IRA contribution"
  Assets:IdaIRA  7000.00 USD
  Assets:Checking
2025-05-01 * "Broker" "Excess returned"
  returned-contribution: -5.00 USD
  Assets:IdaIRA  -5.00 USD
  Assets:Checking
2025-05-02 * "Broker" "Excess returned"
  returned-contribution: 5.00 USD
  tax-year: 2022
  Assets:IdaIRA  -5.00 USD
  Assets:Checking
"""
    )
    assert found == [
        ("basis", "returned-contribution -5.00 USD is not an amount" + MARK_HINT),
        (
            "basis",
            "tax-year 2022 is not this year or the year before: a contribution is "
            "returned by the due date of the return for its year" + MARK_HINT,
        ),
    ]
