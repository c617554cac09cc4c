"""fidelity importer: being written."""
