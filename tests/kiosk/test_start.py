"""Issue 11, items 2 and 5: the kiosk refuses to start, in one line with status 2, instead of
running on the public demo PIN or letting a client reach "Something went wrong while saving"
with a data folder or a font that cannot work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Terminal, kiosk_argv

from assistant.config import hash_pin

REAL_PIN = hash_pin("9753", salt=b"0123456789ab")


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def one_line(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr


@pytest.mark.parametrize(
    "kiosk_table",
    [
        "",  # no pin_hash at all: the demo default would apply
        '[kiosk]\npin_hash = "'
        "pbkdf2_sha256$200000$ZGVtby1zYWx0LTAx$"
        '4127a17488a5e8c5d1209b80b0df929fa1da85a5af2b3e2729ba30dc87a8ecd2"\n',
        f'[kiosk]\npin_hash = "{hash_pin("2468")}"\n',  # 2468 with a new salt
    ],
    ids=["no-pin", "demo-hash", "demo-pin-new-salt"],
)
def test_a_config_file_needs_its_own_pin(tmp_path: Path, kiosk_table: str) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text('[practice]\nname = "Harbor Therapy"\n' + kiosk_table)
    proc = kiosk("--config", str(config), "--data-dir", str(tmp_path / "data"))
    one_line(proc, "demo PIN")


def test_a_pin_hash_that_cannot_be_checked_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text('[kiosk]\npin_hash = "garbage"\n')
    one_line(kiosk("--config", str(config)), "kiosk.pin_hash")


def test_an_unusable_data_folder_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text(f'[kiosk]\npin_hash = "{REAL_PIN}"\n')
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    one_line(kiosk("--config", str(config), "--data-dir", str(not_a_folder)), "records")


def test_a_font_that_does_not_load_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "font.ttf"
    fake.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 64)  # a TrueType header and nothing else
    config = tmp_path / "clinic.toml"
    config.write_text(f'[kiosk]\npin_hash = "{REAL_PIN}"\n[pdf]\nfont = "{fake}"\n')
    one_line(kiosk("--config", str(config), "--data-dir", str(tmp_path / "data")), "pdf.font")


def test_the_demo_says_it_runs_on_the_public_pin(data_dir: Path) -> None:
    term = Terminal(kiosk_argv(data_dir))
    try:
        assert term.wait_for("Welcome to Lakeside Counseling"), term.screen_text()
        assert term.wait_for("clinician PIN is"), term.screen_text()
    finally:
        term.stop()
    assert (data_dir / "records.db").exists()  # the store was opened before the first screen
