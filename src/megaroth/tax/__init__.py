"""The law megaroth applies, as pure functions and tables: no Beancount, fava or report here.

Each module is one rule or form; docs/tax-rules.md says each in words with its IRS source,
and docs/architecture.md maps each rule to its module and its tests.
"""
