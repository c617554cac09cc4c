"""Fuzzing: random ledgers through the plugins, mutated statements through the importers."""
