"""`consent-assistant ask`, run as a real subprocess the way other programs use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine.concerns import load_concerns


def _command() -> list[str]:
    script = Path(sys.executable).with_name("consent-assistant")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def ask(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*_command(), "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        check=False,
    )


def test_json_batch_reads_one_question_a_line() -> None:
    stdin = "can I change my mind later?\n\n   \nwhat's the weather like\nis this HIPAA?\n"
    result = ask("--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [
        "can I change my mind later?",
        "what's the weather like",
        "is this HIPAA?",
    ]
    assert [r["concern"] for r in rows] == ["withdraw", None, "privacy"]
    for row in rows:
        assert set(row) == {"question", "concern", "score", "status", "also"}
        assert isinstance(row["score"], int | float) and 0 <= row["score"] <= 100
        assert row["concern"] is None or row["concern"] in {c.id for c in load_concerns()}


def test_json_single_question_keeps_unicode() -> None:
    result = ask("--json", "Can José's ex use the recordings in court — in a custody case?")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert "José" in line and "—" in line  # ensure_ascii=False
    row = json.loads(line)
    assert row["concern"] == "limits"
    assert row["status"] == "sure"


def test_readable_lines_for_a_person() -> None:
    result = ask(stdin="can i take it back later\nwhere do i park\n")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first.startswith("withdraw (") and first.endswith("): Can I change my mind?")
    assert second.startswith("no concern (")


def test_bad_config_is_one_line_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[tool]\nhipaa = 'maybe'\n", "utf-8")
    result = ask("--config", str(bad), "is it private?")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "tool.hipaa" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("stdin", ["", "\n\n"])
def test_empty_input_prints_nothing(stdin: str) -> None:
    result = ask("--json", stdin=stdin)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_message_the_safety_check_flags_is_safety_before_any_matching() -> None:
    stdin = "I want to kill myself\nthis wait is killing me\nis it private?\n"
    result = ask("--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0] == {
        "question": "I want to kill myself",
        "concern": "safety",
        "score": None,
        "status": "safety",
        "also": None,
    }
    assert rows[1]["concern"] is None  # a figure of speech, not a disclosure
    assert rows[2]["concern"] == "privacy"


def test_plain_ask_says_safety_in_words() -> None:
    result = ask("my dad hits me when he drinks")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("safety: ") and "crisis line" in result.stdout


def test_a_long_post_reports_its_second_concern() -> None:
    post = (
        "My ex and I are fighting over custody and his lawyer is vicious. Could a court make "
        "you hand over my recordings? Separately, I would really like to read the notes myself "
        "and get my own copy."
    )
    result = ask("--json", post)
    row = json.loads(result.stdout)
    assert (row["concern"], row["also"]) == ("limits", "notes_access")
    plain = ask(post).stdout
    assert "[also: notes_access: " in plain
