"""megaroth: the books of the mega backdoor Roth and the backdoor Roth IRA, in Beancount.

The Beancount plugins are in :mod:`megaroth.plugins`, the fava page in :mod:`megaroth.fava`,
the record-keepers' importers in :mod:`megaroth.importers`.
"""

__version__ = "0.1.0"
