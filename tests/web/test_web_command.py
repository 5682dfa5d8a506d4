"""`consent-assistant web`: refuses bad set-ups in one line, serves, and stops on ctrl+c."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import hash_pin
from assistant.web.command import is_loopback


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


def test_a_practice_configuration_with_the_demo_pin_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "practice.toml"
    config.write_text('[practice]\nname = "Harbor Therapy"\n', "utf-8")
    code, err = run(["web", "--config", str(config), "--data-dir", str(tmp_path)], capsys)
    assert code == 2
    assert err.strip().splitlines() == [
        "consent-assistant: kiosk.pin_hash is still the demo PIN;"
        " make one with `consent-assistant pin`"
    ]


def test_an_unusable_data_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    code, err = run(["web", "--data-dir", str(blocker / "data")], capsys)
    assert code == 2
    assert err.startswith("consent-assistant: cannot use the data folder")
    assert len(err.strip().splitlines()) == 1


def test_a_port_in_use_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, err = run(["web", "--port", str(port), "--data-dir", str(tmp_path)], capsys)
    assert code == 2
    assert (
        err.strip()
        == f"consent-assistant: cannot listen on 127.0.0.1:{port} (Address already in use)"
    )


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("kiosk.local")


def test_the_server_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "practice.toml"
    config.write_text(f'[kiosk]\npin_hash = "{hash_pin("8642", iterations=100_000)}"\n', "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant",
            "web",
            "--port",
            str(port),
            "--config",
            str(config),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.read() == b"ok"
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            page = r.read().decode()
            assert "Welcome to Lakeside Counseling." in page
            assert r.headers["Cache-Control"] == "no-store"
            assert r.headers.get("Server") is None
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err  # the usual exit status after ctrl+c
    assert f"the web kiosk is at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err
