# The two commands of the README. Both set up what they need on a fresh machine:
# a virtualenv in .venv with megaroth and its tools, and (for the browser tests) Chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LEDGER ?= ledger/main.beancount
PORT ?= 5000

.PHONY: demo test bench mutants install chromium lint typecheck unit clean

demo: install
	@echo "Importing the demo's statements, then serving it at http://127.0.0.1:$(PORT)/"
	$(BIN)/megaroth demo $(LEDGER) --port $(PORT)

test: install chromium lint typecheck
	$(BIN)/pytest

# Issue 8's measurements, side by side with their baselines (about 10 minutes on 2 cores).
bench: install
	$(BIN)/python benchmarks/run.py

# Mutation testing (issue 20; docs/testing.md): mutmut over each area's modules with that
# area's own tests, then the page's escaping; one job at a time, niced, never part of
# `make test`. `make mutants AREAS="tax safety"` runs some areas (--list names them).
AREAS ?=
mutants: install
	nice -n 19 $(BIN)/python mutation/run.py $(AREAS)

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("megaroth needs Python 3.11 or newer" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)

# An editable install of the src layout: a new module needs no reinstall. The stamp keeps
# pip from running on every command; a change to pyproject.toml installs again.
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(BIN)/python
	@echo "Installing megaroth and its tools into $(VENV) (once; about a minute)..."
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

chromium:
	@sh .ci/ensure-chromium

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy -p megaroth
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
