"""The umbrella plugin and the stages listed one by one give the same entries and errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from beancount import loader
from beancount.core import data

from tests.conftest import DEMO_LEDGER

STAGES = ("sources", "basis", "limits", "reconcile")


def _movement_meta(entries: list[data.Directive]) -> list[dict[str, object]]:
    return [
        {k: v for k, v in e.meta.items() if k.startswith("megaroth-")}
        for e in entries
        if isinstance(e, data.Transaction) and "megaroth-kind" in e.meta
    ]


def test_stages_alone_equal_the_umbrella_on_the_demo(tmp_path: Path) -> None:
    # A copy of the demo folder, so the staged ledger finds the files main.beancount includes.
    folder = tmp_path / "ledger"
    shutil.copytree(DEMO_LEDGER.parent, folder)
    text = DEMO_LEDGER.read_text()
    umbrella_entries, umbrella_errors, _ = loader.load_file(str(folder / DEMO_LEDGER.name))
    line = re.search(r'^plugin "megaroth.plugins"(.*)$', text, re.MULTILINE)
    assert line is not None
    staged = "\n".join(f'plugin "megaroth.plugins.{stage}"{line[1]}' for stage in STAGES)
    (folder / "staged.beancount").write_text(text.replace(line[0], staged, 1))
    staged_entries, staged_errors, _ = loader.load_file(str(folder / "staged.beancount"))
    assert sorted(e.message for e in staged_errors) == sorted(e.message for e in umbrella_errors)
    assert _movement_meta(staged_entries) == _movement_meta(umbrella_entries)
    assert len(_movement_meta(umbrella_entries)) == 26  # 24 conversions, 2 backdoor Roths
