"""Issue 11, item 6 (command-line part): bytes that are not UTF-8 on standard input, under a
UTF-8 locale, gave a traceback in every line-mode command. Each real command now reads on,
says once that some input was not UTF-8, and loses nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.fronts.stdin import NOTICE

LATIN1 = "José".encode("latin-1")  # b"Jos\xe9"


def run(args: list[str], stdin: bytes, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "HOME": str(home)}
    env.pop("PYTHONIOENCODING", None)
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env,
    )


def clean(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert err.count(NOTICE) <= 1, err
    return err


@pytest.mark.parametrize("json_mode", [False, True])
def test_chat_reads_on_past_bad_bytes(tmp_path: Path, json_mode: bool) -> None:
    lines = (
        b"start\n" + b"can my insurer see my notes, " + LATIN1 + b"?\n" + b"\xff\xfe\n" + b"stop\n"
    )
    args = ["chat", "--data-dir", str(tmp_path / "data"), *(["--json"] if json_mode else [])]
    proc = run(args, lines, tmp_path)
    err = clean(proc)
    assert proc.returncode == 0, err
    assert NOTICE in err
    out = proc.stdout.decode("utf-8")
    if json_mode:
        replies = [json.loads(line) for line in out.splitlines()]
        assert len(replies) == 5  # the welcome and one reply for every line, none lost
        assert replies[2]["concern"] == "access"  # the readable part was kept
    else:
        assert "Your care will be exactly the same" in out  # the last line was still read


@pytest.mark.parametrize("json_mode", [False, True])
def test_ask_reads_on_past_bad_bytes(tmp_path: Path, json_mode: bool) -> None:
    stdin = b"can my insurer see my notes " + LATIN1 + b"\n\xc3\nis it private?\n"
    proc = run(["ask", *(["--json"] if json_mode else [])], stdin, tmp_path)
    err = clean(proc)
    assert proc.returncode == 0 and NOTICE in err
    out = proc.stdout.decode("utf-8").splitlines()
    assert len(out) == 3
    if json_mode:
        answers = [json.loads(line) for line in out]
        assert answers[0]["question"].endswith("Jos\ufffd")
        assert answers[-1]["concern"] == "privacy"
    else:
        assert out[-1].startswith("privacy")


def test_ask_with_a_bad_argument(tmp_path: Path) -> None:
    proc = run(["ask", "--json", os.fsdecode(b"is it private " + LATIN1)], b"", tmp_path)
    clean(proc)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["question"].endswith("Jos\ufffd")


def test_rehearse_text_reads_on_past_bad_bytes(tmp_path: Path) -> None:
    stdin = b"It is private, " + LATIN1 + b", and you can say no.\n\xff\n/end\n"
    args = ["rehearse", "--text", "--persona", "privacy", "--seed", "1"]
    proc = run(args, stdin, tmp_path)
    err = clean(proc)
    assert proc.returncode == 0 and NOTICE in err
    assert "Overall coverage" in proc.stdout.decode("utf-8")  # the feedback came


def test_pin_with_bad_bytes_is_refused_in_one_line(tmp_path: Path) -> None:
    proc = run(["pin"], b"12\xe934\n", tmp_path)
    err = clean(proc)
    assert proc.returncode == 1
    assert "A PIN is 4 to 12 digits." in err


def test_chat_on_an_unusable_data_folder_is_one_line(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    proc = run(["chat", "--data-dir", str(not_a_folder)], b"start\n", tmp_path)
    err = clean(proc)
    assert proc.returncode == 2
    assert len(err.strip().splitlines()) == 1 and str(not_a_folder) in err
