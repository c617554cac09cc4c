"""docs/architecture.md names real modules and tests, and the project stands alone."""

from __future__ import annotations

import importlib
import re
import subprocess

import pytest

from tests.conftest import REPO

ARCHITECTURE = REPO / "docs" / "architecture.md"


def _rule_rows() -> list[tuple[str, str, str]]:
    text = ARCHITECTURE.read_text()
    table = text.split("## Where each rule is applied, and tested", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("`megaroth."):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


ROWS = _rule_rows()


def test_the_table_has_a_row_per_rule() -> None:
    assert len(ROWS) >= 20


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ModuleNotFoundError(dotted)


@pytest.mark.parametrize(("rule", "module", "tests"), ROWS, ids=[row[0] for row in ROWS])
def test_each_rule_names_its_module_and_tests(rule: str, module: str, tests: str) -> None:
    assert _resolve(module.strip("`")) is not None, rule
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", tests)
    assert named, rule
    for path, function in named:
        source = (REPO / path).read_text()
        if function:
            assert re.search(rf"^def {function}\(", source, re.MULTILINE), (rule, path, function)


def _tracked_text() -> dict[str, str]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    texts = {}
    for name in names:
        path = REPO / name
        if path.is_file() and not path.is_symlink():
            try:
                texts[name] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return texts


def test_nothing_refers_to_a_file_outside_the_repository() -> None:
    outside = [
        "DESIGN" + ".md",
        "TAX_RULES" + ".md",
        "STATEMENTS" + ".md",
        "../" + "shared",
        "/" + "work/",
    ]
    found = [
        (name, word) for name, text in _tracked_text().items() for word in outside if word in text
    ]
    assert found == []


def test_the_plugins_load_nothing_only_the_page_report_or_importers_need() -> None:
    """bean-check imports megaroth.plugins on every run: it must not pull in fava, the
    report, the PDF library, the importers or their parsers."""
    import subprocess
    import sys

    code = (
        "import sys, megaroth.plugins\n"
        "heavy = ('megaroth.report', 'megaroth.fava', 'megaroth.importers', 'megaroth.cli',\n"
        "         'fpdf', 'rich', 'fava', 'flask', 'ofxtools', 'beangulp', 'pandas')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(heavy)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert result.stdout.strip() == "[]"
