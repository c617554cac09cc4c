"""voya importer: being written."""
