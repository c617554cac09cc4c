"""No network, no loss: what megaroth does to the machine and to the user's files."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import DEMO_LEDGER

BIN = Path(sys.executable).parent
NO_NETWORK = (
    "import socket\n"
    "def refuse(*args, **kwargs):\n"
    "    raise RuntimeError('megaroth tried to use the network')\n"
    "socket.socket.connect = refuse\n"
    "socket.create_connection = refuse\n"
    "socket.getaddrinfo = refuse\n"
)


def test_plugins_and_report_never_touch_the_network(tmp_path: Path) -> None:
    script = NO_NETWORK + (
        "import sys\n"
        "from beancount import loader\n"
        "from megaroth.cli import main\n"
        f"entries, errors, options = loader.load_file({str(DEMO_LEDGER)!r})\n"
        "assert len(entries) > 100\n"
        f"sys.exit(main(['report', {str(DEMO_LEDGER)!r}, '--format', 'json', "
        f"'-o', {str(tmp_path / 'r.json')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.json").stat().st_size > 1000


def test_a_failed_report_leaves_the_output_file_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "packet.csv"
    out.write_text("last year's packet\n")
    result = subprocess.run(
        [str(BIN / "megaroth"), "report", str(DEMO_LEDGER), "--person", "nobody",
         "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert out.read_text() == "last year's packet\n"
    assert [p.name for p in tmp_path.iterdir()] == ["packet.csv"]


def test_the_demo_ledger_is_not_changed_by_checking_or_reporting() -> None:
    before = DEMO_LEDGER.read_bytes()
    subprocess.run([str(BIN / "bean-check"), str(DEMO_LEDGER)], capture_output=True, check=False)
    subprocess.run([str(BIN / "megaroth"), "report", str(DEMO_LEDGER)], capture_output=True,
                   check=False)  # fmt: skip
    assert DEMO_LEDGER.read_bytes() == before


def _other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_demo_listens_on_loopback_only() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    demo = subprocess.Popen(
        [str(BIN / "megaroth"), "demo", str(DEMO_LEDGER), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "megaroth demo did not start"
                time.sleep(0.3)
        other = _other_address()
        if other is not None:
            with socket.socket() as outside:
                outside.settimeout(2)
                assert outside.connect_ex((other, port)) != 0
    finally:
        demo.terminate()
        demo.wait(timeout=10)
