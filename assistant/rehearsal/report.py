"""The feedback as Markdown (DESIGN: a line `Overall: N%`, a section `Pressure` quoting each
pressure line, a section `Claims that do not match the practice's facts` quoting each claim).

The clinician's words are always escaped (`md`): they never become links or markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.rehearsal.feedback import Feedback, Item

CLAIMS_HEADING = "Claims that do not match the practice's facts"
PRESSURE_HEADING = "Pressure"
DECISIONS = {
    "yes": "agreed to try the recording",
    "no": "said no",
    "declined": "said no, as it meant to",
    "undecided": "left to think it over",
    "": "had not decided yet",
}

_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")
_LEADING = re.compile(r"^(\s*\d*)([#>+=.)-])")


def md(text: str) -> str:
    """`text` shown literally in Markdown: the clinician's words never become links or markup."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LEADING.sub(r"\1\\\2", escaped, count=1)


def _code(text: str) -> str:
    """`text` as inline code (the configuration's own words: `audio_kept_days = 0`)."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _yes(item: Item) -> str:
    said = f" You said: “{md(item.quote)}”" if item.quote else ""
    if item.met:
        return f"- **Covered:** {md(item.text)}.{said}"
    note = f" {md(item.note)}" if item.note else ""
    better = f" Try: “{md(item.suggest)}”" if item.suggest else ""
    return f"- **Missed:** {md(item.text)}.{note}{better}"


def _summary(fb: Feedback) -> Iterator[str]:
    met = sum(i.met for i in fb.items)
    yield f"Overall: {fb.score}%"
    yield ""
    yield f"- Simulated client: {md(fb.persona_title)} (persona `{fb.persona}`, seed {fb.seed})"
    if not fb.finished:
        yield "- The rehearsal was ended before the client finished."
    yield f"- Overall coverage: **{fb.coverage}%** ({met} of {len(fb.items)} points)"
    if fb.cap is not None and fb.cap < fb.coverage:
        yield (
            f"- **Capped at {fb.cap}%**: pressure or a claim that does not match the practice's"
            " facts caps the overall score, however much was covered."
        )
    if fb.pressure:
        yield f"- Pressure: **flagged {len(fb.pressure)}** (see below)"
    else:
        yield "- Pressure: none flagged"
    if fb.claims:
        yield f"- Claims that do not match the practice's facts: **{len(fb.claims)}** (see below)"
    yield f"- The client's trust at the end: {fb.trust:+d}; it {DECISIONS.get(fb.decision, '')}"


def _flags(fb: Feedback) -> Iterator[str]:
    if fb.pressure or fb.persuasion:
        yield ""
        yield f"## {PRESSURE_HEADING}"
        yield ""
        yield "Words like these can make a client feel they have no choice:"
        yield ""
        for flag in fb.pressure:
            cap = f" (caps the score at {flag.cap}%)" if flag.cap is not None else ""
            label = f"{md(flag.label)}{cap}: " if flag.label else ""
            instead = f" Say instead: “{md(flag.instead)}”" if flag.instead else ""
            yield f"- {label}“{md(flag.phrase)}” in: “{md(flag.quote)}”{instead}"
        for flag in fb.persuasion:
            yield f"- Talking the client round, “{md(flag.phrase)}” in: “{md(flag.quote)}”"
    if fb.claims:
        yield ""
        yield f"## {CLAIMS_HEADING}"
        yield ""
        yield f"Each caps the overall score at {fb.claim_cap}%. What the practice's facts say:"
        yield ""
        for claim in fb.claims:
            yield (
                f"- {md(claim.label)}: “{md(claim.quote)}” The practice's facts:"
                f" {_code(claim.facts)}."
            )
            if claim.honest:
                yield f"  Honest version: “{md(claim.honest)}”"


def _concerns(fb: Feedback) -> Iterator[str]:
    for n, concern in enumerate(fb.concerns, 1):
        yield ""
        yield f"## {n}. {md(concern.label)} (`{concern.id}`)"
        yield ""
        yield f"The client asked: “{md(concern.asked)}”"
        yield ""
        if concern.answers:
            yield "You said:"
            yield ""
            for answer in concern.answers:
                yield f"> {md(answer)}"
                yield ""
        else:
            yield "You did not answer this yet."
            yield ""
        for item in concern.points:
            yield _yes(item)
        yield ""
        yield "Model answer (from `dialogs/concerns.toml`):"
        yield ""
        for line in concern.model_answer.splitlines():
            yield f"> {md(line)}"


def markdown(fb: Feedback) -> Iterator[str]:
    """The report, line by line."""
    from assistant.rehearsal.feedback import BANNER, PRACTICE

    yield f"# {PRACTICE}: rehearsal feedback"
    yield ""
    yield f"> {BANNER}"
    yield ""
    yield from _summary(fb)
    yield ""
    yield "## The one thing to change"
    yield ""
    yield md(fb.most_important)
    yield ""
    yield "## The client's rights, the risks, and checking understanding"
    yield ""
    for item in fb.rights:
        yield _yes(item)
    if fb.accept_no is not None:
        yield _yes(fb.accept_no)
    if fb.own:
        yield ""
        yield "## What this client needed to hear"
        yield ""
        for item in fb.own:
            yield _yes(item)
    yield from _flags(fb)
    yield from _concerns(fb)
