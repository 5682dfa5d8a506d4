"""`consent-assistant ask [--json] [QUESTION]`: match questions to the known concerns.

With a QUESTION it matches that one; without, it reads one question a line from stdin (blank
lines are skipped) and answers each as soon as it is read, so other programs can talk to it
through a pipe. `--json` prints one object a line: `{"question", "concern", "score", "status"}`
(`status` extends the DESIGN contract: sure, unsure or none). Without it, a line for a person:
`withdraw (92): Can I change my mind?` or `no concern (31)`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from assistant.config import load_config
from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Match, Matcher
from assistant.engine.text import clean
from assistant.fronts.stdin import Lines


def _questions(args: argparse.Namespace, stdin: TextIO) -> Iterator[str]:
    lines: Iterable[str] = Lines(stdin)
    if args.question is not None:  # argv bytes that were not UTF-8 arrive as surrogates
        raw = args.question.encode("utf-8", "surrogateescape")
        lines = [raw.decode("utf-8", errors="replace")]
    for line in lines:
        text, _ = clean(line)
        if text:
            yield text


def describe(match: Match, labels: dict[str, str]) -> str:
    """One readable line: the concern id, its score and its label, or that none fits."""
    score = round(match.score)
    if match.concern is None:
        return f"no concern ({score})"
    line = f"{match.concern} ({score}): {labels[match.concern]}"
    if match.status == "unsure":
        other = match.candidates[1]
        line += f" [unsure; or {other[0]} ({round(other[1])})]"
    return line


def as_json(match: Match) -> str:
    """One JSON object for programs, in the shape DESIGN.md promises."""
    return json.dumps(
        {
            "question": match.text,
            "concern": match.concern,
            "score": match.score,
            "status": match.status,
        },
        ensure_ascii=False,
    )


def run_ask(args: argparse.Namespace) -> int:
    """Match each question and print one line per question; 0 when done."""
    load_config(args.config)  # a broken --config is reported here like everywhere else
    concerns = load_concerns()
    labels = {c.id: c.label for c in concerns}
    matcher = Matcher(concerns)
    for question in _questions(args, sys.stdin):
        match = matcher.match(question)
        print(as_json(match) if args.json else describe(match, labels), flush=True)
    return 0
