"""beangulp importers for 401(k) record-keepers' and IRA custodians' statements.

One module (or folder) per record-keeper or format:

- :mod:`~megaroth.importers.fidelity`: NetBenefits history and its by-source view;
- :mod:`~megaroth.importers.vanguard`: Retirement Plan Access CSV and 401(k) OFX/QFX;
- :mod:`~megaroth.importers.voya`, :mod:`~megaroth.importers.workplace`: their CSVs;
- :mod:`~megaroth.importers.generic`: any CSV, its columns configured; the downloads seen
  in the wild (Schwab, Vanguard brokerage, T. Rowe Price, Paychex, M1, Voya's web table)
  as named layouts in :mod:`~megaroth.importers.layouts`.

They share :mod:`~megaroth.importers.columns` (amounts and dates as statements write them,
on beangulp's ``csvbase``), :mod:`~megaroth.importers.csvfile` (finding the header),
:mod:`~megaroth.importers.rows` (the normalised row), :mod:`~megaroth.importers.entries`
(rows to entries, ids, duplicates) and :mod:`~megaroth.importers.ingest` (beangulp's CLI,
writing all or nothing). Importers know the ledger conventions (:mod:`megaroth.tax.sources`,
:mod:`megaroth.vocabulary`), never the engine.
"""
