"""workplace importer: being written."""
