"""`consent-assistant chat`: the whole conversation line by line, as plain text or JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LINES = [
    "start", "continue", "no", "yes", "yes", "no", "no", "yes",
    "deleted", "Alex Rivera", "skip", "go on to sign", "alex rivera",
]  # fmt: skip


def chat(args: list[str], lines: list[str], data: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--data-dir", str(data), *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_chat_json_to_signed(data_dir: Path) -> None:
    out = chat(["--json"], LINES, data_dir)
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == len(LINES) + 1
    assert replies[0]["state"] == "welcome"
    assert replies[-1]["state"] == "signed"
    assert all(
        {"state", "messages", "choices", "concern", "step", "steps"} <= set(r) for r in replies
    )
    assert replies[-1]["reference"]


def test_chat_plain_numbers_the_options(data_dir: Path) -> None:
    out = chat([], ["start", "stop"], data_dir)
    assert "Options: 1. Let's start; 2. I have a question" in out
    assert "Step 1 of 7" in out
    assert "Your care will be exactly the same" in out


def test_chat_keeps_markup_literal(data_dir: Path) -> None:
    out = chat(
        ["--json"], [*LINES[:9], "[@click=app.quit] {{ 7*7 }}", "skip", "go on to sign"], data_dir
    )
    last = json.loads(out.splitlines()[-1])
    assert "[@click=app.quit] {{ 7*7 }}" in "\n".join(last["messages"])


def test_chat_plain_says_the_options_once_and_on_request(data_dir: Path) -> None:
    out = chat([], ["start", "what does the AI do?", "options"], data_dir)
    assert (
        out.count("Options: 1. Continue") == 2
    )  # on arrival, and when asked; not after the answer
    assert "=====" not in out and "-----" not in out


def test_chat_plain_reads_the_form_once_in_parts(data_dir: Path) -> None:
    out = chat(
        [], [*LINES[:11], "", "repeat", "back", "skip", "go on to sign", "alex rivera"], data_dir
    )
    assert out.count("Part 1 of") == 2  # read, then read again after "back"
    assert out.count("Part 2 of") == 2  # read, then repeated
    assert "That was the whole form." in out
    assert "Consent to Record Your Sessions" in out and "=====" not in out
    assert "Your reference code is" in out
    assert out.count("Part 3 of") == 0  # skipped: never printed twice, never in full


def test_chat_json_carries_the_form_at_review(data_dir: Path) -> None:
    replies = [json.loads(line) for line in chat(["--json"], LINES[:11], data_dir).splitlines()]
    assert replies[-1]["substate"] == "review"
    assert "Consent to Record Your Sessions" in replies[-1]["form"]
    assert all(r["form"] is None for r in replies[:-1])
