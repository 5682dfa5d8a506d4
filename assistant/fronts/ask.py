"""`consent-assistant ask [--json] [QUESTION]`: match questions to the known concerns.

With a QUESTION it matches that one; without, it reads one question a line from stdin (blank
lines are skipped) and answers each as soon as it is read, so other programs can talk to it
through a pipe. The content in use (`--content`, else the shipped one) gives the concerns,
the lexicon and the safety phrases; the matcher and its model are loaded once, at start.

A message the reading layer's safety check flags (risk of harm to self or others, or abuse) is
reported as `safety` before any matching, as the conversation would treat it: the safety reply,
never an answer from the concerns.

`--json` prints one object a line: `{"question", "concern", "score", "status", "also"}`.
`concern` is a concern id, `"safety"` or null; `status` (extending the DESIGN contract) is
sure, unsure, none or safety; `also` is a second concern a long message raised, or null;
`score` is null for safety. Without `--json`, a line for a person:
`withdraw (92): Can I change my mind?`, `no concern (31)` or `safety: ...`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from assistant.config import load_config
from assistant.engine.content import Content, load_content
from assistant.engine.matcher import Match
from assistant.engine.questions import matcher_for
from assistant.engine.safety import Concern as SafetyFinding
from assistant.engine.text import clean
from assistant.fronts.stdin import Lines

SAFETY_LINE = (
    "safety: this message may show a risk of harm or abuse; the assistant gives the safety"
    " reply (crisis line, tell the front desk) instead of an answer"
)


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
    if match.also is not None:
        line += f" [also: {match.also}: {labels[match.also]}]"
    return line


def as_json(match: Match) -> str:
    """One JSON object for programs, in the shape DESIGN.md promises."""
    return json.dumps(
        {
            "question": match.text,
            "concern": match.concern,
            "score": match.score,
            "status": match.status,
            "also": match.also,
        },
        ensure_ascii=False,
    )


def safety_json(text: str) -> str:
    """The JSON object for a message the safety check flags."""
    row = {"question": text, "concern": "safety", "score": None, "status": "safety", "also": None}
    return json.dumps(row, ensure_ascii=False)


def safety_finding(content: Content, text: str) -> SafetyFinding | None:
    """What the reading layer's safety check finds in `text` (None: nothing)."""
    return content.safety.find(content.language.tokens(text))


def run_ask(args: argparse.Namespace) -> int:
    """Match each question and print one line per question; 0 when done."""
    load_config(args.config)  # a broken --config is reported here like everywhere else
    content = load_content()
    concerns = tuple(content.concerns.values())
    labels = {c.id: c.label for c in concerns}
    for question in _questions(args, sys.stdin):
        if safety_finding(content, question) is not None:
            print(safety_json(question) if args.json else SAFETY_LINE, flush=True)
            continue
        # built on the first question that needs it (a second or two), shared with the engine
        match = matcher_for(content).match(question)
        print(as_json(match) if args.json else describe(match, labels), flush=True)
    return 0
