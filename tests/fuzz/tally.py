"""Counts of what the fuzzers tried, printed at the end of the test run."""

from __future__ import annotations

import os
from collections import Counter

#: How many examples each fuzz test runs: a fast slice by default, more for a nightly run
#: (``MEGAROTH_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/fuzz``).
EXAMPLES = int(os.environ.get("MEGAROTH_FUZZ_EXAMPLES", "150"))

TRIED: Counter[str] = Counter()
