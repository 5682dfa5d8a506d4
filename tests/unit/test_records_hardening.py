"""Bad inputs to the records commands: bounded reads, unusable data folders, and configuration
values that would only fail later, each a clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from records_support import demo_config, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.config import ConfigError
from assistant.records.keeper import DurableRecords
from assistant.records.store import Store, StoreError, check_data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    keeper = DurableRecords(demo_config(), tmp_path / "data", ManualClock())
    keeper.file(signed(ManualClock().now()))
    keeper.close()
    return tmp_path / "data"


def cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """The real command in its own process (a hang would show as a time-out)."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *argv], capture_output=True, timeout=timeout
    )


def test_verify_refuses_dev_zero_at_once(data: Path) -> None:
    done = cli("verify", "/dev/zero", "--data-dir", str(data), timeout=30)
    assert done.returncode == 2
    assert b"not a regular file" in done.stderr and b"Traceback" not in done.stderr


def test_verify_does_not_wait_on_a_fifo(data: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    done = cli("verify", str(fifo), "--data-dir", str(data), timeout=30)
    assert done.returncode == 2 and b"not a regular file" in done.stderr


def test_verify_refuses_a_huge_file_from_its_size(data: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:  # sparse: 1.5 GB on paper, nothing on disk
        fh.truncate(1536 * 1024 * 1024)
    done = cli("verify", str(big), "--data-dir", str(data), timeout=30)
    assert done.returncode == 2 and b"at most 32 MB" in done.stderr


@pytest.mark.parametrize("name", ["missing.pdf", "folder", "bad-\udcff-name.pdf"])
def test_verify_on_paths_that_are_not_pdf_files(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    if name == "folder":
        (tmp_path / name).mkdir()
    code, out, err = run(capsys, "verify", str(tmp_path / name), "--data-dir", str(data))
    assert code == 2 and out == "" and err.count("\n") == 1
    err.encode("utf-8")  # printable as it stands: undecodable bytes are shown, not raised


def test_verify_of_text_and_garbage_is_unknown(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for content in (b"hello", b"%PDF-1.7\n" + bytes(range(256)) * 50, b""):
        path = tmp_path / "x.pdf"
        path.write_bytes(content)
        code, out, _ = run(capsys, "verify", str(path), "--data-dir", str(data))
        assert (code, out.split()[0]) == (6, "UNKNOWN")


def test_records_on_a_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "records.txt"
    not_a_folder.write_text("x")
    for command in (["records"], ["status", "K7QM-3XPD"], ["fhir", "--all"], ["deliver"]):
        code, _out, err = run(capsys, *command, "--data-dir", str(not_a_folder))
        assert code != 0, command
        assert "is a file, not a folder" in err, command
    assert not_a_folder.read_text() == "x"


def test_a_read_only_data_folder_is_an_error_and_stays_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    Store(folder).close()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            check_data_dir(folder)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o500
    finally:
        folder.chmod(0o700)


def test_a_read_only_database_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store(folder).close()
    (folder / "records.db").chmod(0o400)
    with pytest.raises(StoreError, match="read-only"):
        Store(folder)
    assert stat.S_IMODE((folder / "records.db").stat().st_mode) == 0o400


def test_check_data_dir_names_the_problem_in_one_line(tmp_path: Path) -> None:
    check_data_dir(tmp_path / "fresh")  # a new folder is made, private
    assert stat.S_IMODE((tmp_path / "fresh").stat().st_mode) == 0o700
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError) as err:
        check_data_dir(tmp_path / "file")
    assert "\n" not in str(err.value) and "is a file" in str(err.value)
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "records.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable records database"):
        check_data_dir(garbage)


@pytest.mark.parametrize(
    ("key", "value", "needle"),
    [
        ("mail.port", "999999", "mail.port must be from 1 to 65535"),
        ("mail.port", "0", "mail.port must be from 1 to 65535"),
        ("mail.timeout_seconds", "inf", "mail.timeout_seconds"),
        ("mail.timeout_seconds", "nan", "mail.timeout_seconds"),
        ("mail.sender", json.dumps("kiosk@example.org\r\nBcc: eve@example.org"), "mail.sender"),
        ("mail.sender", json.dumps("Kiosk <kiosk@example.org>"), "mail.sender"),
        ("mail.alert_to", json.dumps("admin@example.org\n"), "mail.alert_to"),
        ("seal.cert", json.dumps("/x.crt"), "seal.cert and seal.key"),
        ("seal.timestamp_url", json.dumps("ftp://tsa.example.org"), "seal.timestamp_url"),
        ("fhir.client_id_system", json.dumps("no scheme"), "fhir.client_id_system"),
    ],
)
def test_config_values_that_would_fail_later_are_refused_at_load(
    key: str, value: str, needle: str
) -> None:
    with pytest.raises(ConfigError) as err:
        demo_config({key: value})
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_check_data_dir_with_the_configuration_loads_the_seal(tmp_path: Path) -> None:
    check_data_dir(tmp_path / "data", demo_config())
    assert (tmp_path / "data" / "seal" / "practice-seal.key").is_file()
    missing = demo_config({"seal.key": '"/nonexistent/own.key"', "seal.cert": '"/nowhere.crt"'})
    with pytest.raises(StoreError, match="seal file does not exist"):
        check_data_dir(tmp_path / "data2", missing)
