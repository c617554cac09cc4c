"""vanguard importer: being written."""
