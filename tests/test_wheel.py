"""The built wheel, installed alone in a clean virtualenv, checks the demo ledger."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import DEMO_LEDGER, REPO

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", work / "dist", REPO, cwd=work
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("megaroth-*.whl")
    venv.create(work / "venv", with_pip=True)
    installed = _run(
        work / "venv" / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check",
        wheel, cwd=work,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    return work


def test_wheel_installs_one_import_package(wheel_env: Path) -> None:
    script = (
        "import pathlib, megaroth, megaroth.plugins, megaroth.fava, megaroth.importers\n"
        "site = pathlib.Path(megaroth.__file__).parent.parent\n"
        "print(megaroth.__file__)\n"
        "print((pathlib.Path(megaroth.fava.__file__).parent / 'templates' / "
        "'Megaroth.html').is_file())\n"
        "print(sorted(p.name for p in site.iterdir() if p.name in ('plugins', 'importers')))\n"
    )
    result = _run(wheel_env / "venv" / "bin" / "python", "-c", script, cwd=wheel_env)
    assert result.returncode == 0, result.stderr
    location, has_template, stray = result.stdout.splitlines()
    assert str(wheel_env / "venv") in location  # not the checkout
    assert has_template == "True"
    assert stray == "[]"


def test_wheel_checks_the_demo_ledger(wheel_env: Path) -> None:
    result = _run(wheel_env / "venv" / "bin" / "bean-check", DEMO_LEDGER, cwd=wheel_env)
    # The demo's one error is its 1099-R mismatch, there by design.
    reports = [block for block in result.stderr.split("\n\n") if block.startswith("/")]
    assert (result.returncode, result.stdout, len(reports)) == (1, "", 1), result.stderr
    assert "box2a says 320.93 but the ledger says 310.93" in reports[0]
