"""beangulp importers for 401(k) record-keepers' statements, one module per format."""
