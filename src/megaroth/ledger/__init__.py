"""Beancount in, megaroth's domain out: each reader returns its value and its errors.

- :mod:`~megaroth.ledger.view`: the entries sorted once into declarations, transactions, prices.
- :mod:`~megaroth.ledger.household`: people, plans, their money sources, IRAs.
- :mod:`~megaroth.ledger.accounts`: what every other account is (earnings, fees, withholding).
- :mod:`~megaroth.ledger.valuation`: what a posting or a holding is worth.
- :mod:`~megaroth.ledger.facts`: pay, MAGI, FICA wages, IRA basis from before the ledger.
- :mod:`~megaroth.ledger.forms_received`: the 1099-Rs and 5498s recorded.
- :mod:`~megaroth.ledger.settings`: the plugin's configuration string.
- :mod:`~megaroth.ledger.annotate`: the metadata the plugins add to entries.
"""
