"""`replay` on hostile paths and files: one line each, a failure counted, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.cli import main


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda tmp: tmp / ("a" * 100_000), "the path is too long"),
        (lambda tmp: Path("/dev/zero"), "not a transcript file"),
        (lambda tmp: _write(tmp, b"client: hi\nwait: 99999999999999h\n"), "at most a week"),
        (lambda tmp: _write(tmp, b"\xff\xfe\x00client: hi\n"), "not UTF-8 text"),
    ],
    ids=["100k-character path", "/dev/zero", "a wait of ages", "bytes"],
)
def test_replay_reports_one_failure_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], Path],
    needle: str,
) -> None:
    path = make(tmp_path)
    assert main(["replay", str(path), "--data-dir", str(tmp_path / "data")]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert needle in out + err
    assert out.rstrip().endswith("0 passed, 1 failed")


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "t.transcript"
    path.write_bytes(data)
    return path
