"""The analysis is computed once per load, and fava, the report and every stage reuse it."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from fava.core import FavaLedger

from megaroth import cli
from megaroth.engine import analysis, memo
from megaroth.engine.memo import OPTIONS_KEY, analysis_for, recall
from tests.conftest import DEMO_LEDGER


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every analysis computed while the test runs (the real function, counted)."""
    made: list[object] = []
    real = analysis.analyse

    def counted(*args: Any, **kwargs: Any) -> analysis.Analysis:
        made.append(result := real(*args, **kwargs))
        return result

    monkeypatch.setattr(memo, "analyse", counted)
    return made


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "ledger"
    shutil.copytree(DEMO_LEDGER.parent, folder)
    return folder / DEMO_LEDGER.name


def test_the_load_keeps_its_analysis_for_what_reads_the_ledger(
    demo: Path, analyses: list[object]
) -> None:
    entries, _, options = loader._load([(str(demo), True)], None, None, None)  # as fava loads
    assert len(analyses) == 1
    # Beancount's pad and balance checks ran after the plugin and made new lists.
    assert recall(options, entries) is analyses[0]
    assert analysis_for(entries, options) is analyses[0]
    assert len(analyses) == 1
    assert repr(options[OPTIONS_KEY]) == "megaroth: the analysis of this load"


def test_stages_listed_one_by_one_compute_it_once(demo: Path, analyses: list[object]) -> None:
    text = demo.read_text()
    line = re.search(r'^plugin "megaroth.plugins"(.*)$', text, re.MULTILINE)
    assert line is not None
    stages = ("sources", "basis", "limits", "reconcile")
    staged = "\n".join(f'plugin "megaroth.plugins.{stage}"{line[1]}' for stage in stages)
    demo.write_text(text.replace(line[0], staged, 1))
    loader._load([(str(demo), True)], None, None, None)
    assert len(analyses) == 1


def test_other_entries_get_their_own_analysis(demo: Path, analyses: list[object]) -> None:
    entries, _, options = loader._load([(str(demo), True)], None, None, None)
    fewer = entries[:-1]
    assert recall(options, fewer) is None
    assert analysis_for(fewer, options) is not analyses[0]


def test_the_report_command_uses_the_loads_analysis(
    demo: Path, analyses: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["report", str(demo), "--year", "2024", "--format", "json"]) == 0
    assert '"year": 2024' in capsys.readouterr().out
    assert len(analyses) == 1


def test_fava_uses_the_loads_analysis(demo: Path, analyses: list[object]) -> None:
    ledger = FavaLedger(str(demo))
    extension = ledger.extensions.get_extension("Megaroth")
    assert extension is not None
    assert extension.analysis() is analyses[0]  # type: ignore[attr-defined]
    assert len(analyses) == 1


def test_a_cached_load_brings_its_analysis_back(demo: Path) -> None:
    entries, _, options = loader._load([(str(demo), True)], None, None, None)
    # Beancount's load cache pickles what the load returns, the analysis with it.
    restored_entries, _, restored = pickle.loads(pickle.dumps((entries, [], options)))
    found = recall(restored, restored_entries)
    assert found is not None
    assert found.basis.movements == recall(options, entries).basis.movements  # type: ignore[union-attr]
