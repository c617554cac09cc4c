"""The walk over a ledger and the one analysis object everything reads.

:func:`megaroth.engine.analysis.analyse` reads the ledger (:mod:`megaroth.ledger`), walks its
transactions (:mod:`~megaroth.engine.walk`), applies the rules (:mod:`megaroth.tax`) and
checks (:mod:`~megaroth.engine.limit_checks`, :mod:`~megaroth.engine.checklist`), and
reconciles the forms received (:mod:`~megaroth.engine.reconciliation`).
:mod:`~megaroth.engine.memo` keeps the result with the load, so it is computed once.
"""
