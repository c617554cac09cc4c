"""Importer regression tests: statements and their expected entries."""
