"""The happy path's reading load: words the client reads and turns they take, to a signature.

Drives `consent-assistant chat --json` (the real command, in a fresh data folder) with the
shortest honest path: start, read how it works and the risks, agree to everything, answer the
check, give a name, skip the email, sign. Words are those of every message shown (the form
itself is read at review and not counted; button labels are not counted). Budget (issue 9):
at most 650 words in at most 14 turns, risks and limits included; the aim is 600 in 12.
tests/unit/test_happy_path_budget.py holds the budget with the same script.

`python bench/bench_happy_path.py` prints the figures for the demo facts and for a practice
whose facts are all unknown.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HAPPY_PATH = [
    "start",  # welcome
    "continue",  # how it works and what you gain
    "no",  # the risks and limits: no questions, go on
    "yes",  # record my sessions
    "yes",  # summaries
    "yes",  # supervision
    "no",  # check: do you have to agree? no, it is my choice
    "yes",  # check: can you take it back? yes
    "it is deleted right away",  # check (open): what happens to the audio?
    "Alex Rivera",
    "skip",  # no email copy
    "go on to sign",
    "Alex Rivera",  # the signature
]
UNKNOWN_PATH = [
    "start",
    "continue",
    "no",
    "yes",  # record my sessions (summaries and supervision are not offered: unknown)
    "no",
    "yes",  # the audio question is not asked: how long it is kept is unknown
    "Alex Rivera",
    "skip",
    "go on to sign",
    "Alex Rivera",
]
MAX_WORDS = 650
MAX_TURNS = 14
UNKNOWN_CONFIG = '[[clinicians]]\nname = "Dr. Sam Lee"\nemail = "sam.lee@example.org"\n'


@dataclass(frozen=True)
class Walk:
    """What one run of the path showed: the words per step, the turns, where it ended."""

    steps: list[tuple[str, int]]
    turns: int
    final_state: str

    @property
    def words(self) -> int:
        return sum(n for _, n in self.steps)


def walk(lines: list[str] = HAPPY_PATH, config_text: str | None = None) -> Walk:
    """Run `chat --json` over `lines` and count the words of every reply (the first included)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "assistant", "chat", "--json", "--data-dir", tmp]
        if config_text is not None:
            config = Path(tmp) / "practice.toml"
            config.write_text(config_text, "utf-8")
            args += ["--config", str(config)]
        proc = subprocess.run(
            args, input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=300
        )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip() or "chat failed")
    replies = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    steps = [(r["substate"], sum(len(m.split()) for m in r["messages"])) for r in replies]
    return Walk(steps, len(replies) - 1, replies[-1]["state"])


def report(title: str, run: Walk) -> None:
    print(f"{title}: {run.words} words in {run.turns} turns, ending at {run.final_state}")
    for state, n in run.steps:
        print(f"    {state:<22} {n:>4}")


def main() -> None:
    demo = walk()
    report("happy path, demo facts", demo)
    report("happy path, every fact unknown", walk(UNKNOWN_PATH, config_text=UNKNOWN_CONFIG))
    ok = demo.words <= MAX_WORDS and demo.turns <= MAX_TURNS and demo.final_state == "signed"
    print(f"budget: at most {MAX_WORDS} words in {MAX_TURNS} turns: {'kept' if ok else 'OVER'}")


if __name__ == "__main__":
    main()
