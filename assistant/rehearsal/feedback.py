"""The clinician's feedback after a rehearsal: what was covered and missed, and how it sounded.

`build_feedback` scores a rehearsal's turns; `Feedback.to_markdown` writes the report with a
PRACTICE banner, the clinician's own sentences quoted and each concern's model answer from
`dialogs/concerns.toml`. The score is the share of items met: every key point of every concern
the client raised, saying the client may refuse and may revoke at any time, and (for a client
who wants to say no) accepting that no without pushing. Pressure is flagged on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.rehearsal import scoring

if TYPE_CHECKING:
    from assistant.rehearsal.client import Rehearsal

PRACTICE = "PRACTICE"
BANNER = (
    "**PRACTICE ONLY.** A rehearsal with a simulated client. It is not a consent record:"
    " nothing was signed, filed or sent."
)
ACCEPT_NO = "accept_no"
_QUOTE_LIMIT = 240


@dataclass(frozen=True, slots=True)
class Item:
    """One thing the clinician should have said; `quote` is their sentence that said it."""

    id: str
    text: str
    met: bool
    quote: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ConcernFeedback:
    """One concern the client raised: its key points, the clinician's words, the model answer."""

    id: str
    label: str
    asked: str
    answers: tuple[str, ...]
    points: tuple[Item, ...]
    model_answer: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A phrase that pushes the client, and the clinician's sentence that holds it."""

    phrase: str
    quote: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """Everything the clinician sees at the end of a rehearsal."""

    persona: str
    persona_title: str
    seed: int
    finished: bool
    concerns: tuple[ConcernFeedback, ...]
    rights: tuple[Item, ...]
    accept_no: Item | None
    pressure: tuple[Flag, ...]
    persuasion: tuple[Flag, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every scored item: key points, then the rights, then accepting a no."""
        points = tuple(p for c in self.concerns for p in c.points)
        return (*points, *self.rights, *((self.accept_no,) if self.accept_no else ()))

    @property
    def covered(self) -> tuple[str, ...]:
        """Ids of the items met (`privacy.protected`, `refuse`, `revoke`, `accept_no`)."""
        return tuple(i.id for i in self.items if i.met)

    @property
    def missed(self) -> tuple[str, ...]:
        """Ids of the items not met."""
        return tuple(i.id for i in self.items if not i.met)

    @property
    def score(self) -> int:
        """The overall coverage score: percent of items met, rounded."""
        items = self.items
        return round(100 * sum(i.met for i in items) / len(items)) if items else 0

    @property
    def flagged(self) -> tuple[str, ...]:
        """The pressure phrases found, each once, in the order first said."""
        return tuple(dict.fromkeys(f.phrase for f in self.pressure))

    def to_markdown(self) -> str:
        """The report as Markdown, headed by the PRACTICE banner."""
        return "\n".join(_markdown(self)) + "\n"


# ---------------------------------------------------------------- building


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1].rstrip() + "…"


def _concern(rehearsal: Rehearsal, index: int) -> ConcernFeedback:
    raised = rehearsal.raised[index]
    concern = raised.concern
    hits = rehearsal.covered(raised)
    points = []
    for point in concern.key_points:
        hit = hits.get(point.id)
        points.append(
            Item(
                f"{concern.id}.{point.id}",
                point.text,
                hit is not None,
                _quote(hit.sentence) if hit else None,
                None if hit else f"A client might ask: “{point.follow_up}”",
            )
        )
    context = rehearsal.config.template_context() | {"clinician": rehearsal.config.clinicians[0]}
    return ConcernFeedback(
        id=concern.id,
        label=concern.label,
        asked=raised.asked,
        answers=tuple(raised.answers),
        points=tuple(points),
        model_answer=rehearsal.content.render(rehearsal.content.answers[concern.id], context),
    )


def _flags(phrases: tuple[str, ...], texts: list[str], guard: frozenset[str]) -> tuple[Flag, ...]:
    return tuple(
        Flag(hit.phrase, _quote(hit.sentence))
        for text in texts
        for hit in scoring.find_all(phrases, text, guard)
    )


def _accept_no(rehearsal: Rehearsal, pushed: bool) -> Item:
    text = "Accepted the client's no without pushing"
    if not rehearsal.after_no:
        return Item(
            ACCEPT_NO, text, False, note="The rehearsal ended before the client's final no."
        )
    first = rehearsal.after_no[0]
    hit = scoring.find(rehearsal.cast.rules.accept_no, first)
    if hit is None:
        note = "Your first answer to the final no did not accept it."
    elif not rehearsal.accepts_no(first):
        note = "Your first answer to the final no still pushed."
    elif pushed:
        note = "You accepted the no, but pushed earlier (see below)."
    else:
        return Item(ACCEPT_NO, text, True, _quote(hit.sentence))
    return Item(ACCEPT_NO, text, False, _quote(hit.sentence) if hit else None, note)


def build_feedback(rehearsal: Rehearsal) -> Feedback:
    """Score a rehearsal's turns so far."""
    rules = rehearsal.cast.rules
    said = [t.text for t in rehearsal.clinician_turns]
    everything = "\n".join(said)
    rights = []
    for right in rules.rights:
        hit = scoring.find(right.phrases, everything)
        rights.append(
            Item(right.id, right.text, hit is not None, _quote(hit.sentence) if hit else None)
        )
    pressure = _flags(rules.pressure, said, scoring.NEGATIONS | scoring.CONDITIONS)
    persuasion: tuple[Flag, ...] = ()
    accept: Item | None = None
    if rehearsal.persona.declines:
        persuasion = _flags(rules.persuasion, said, scoring.NEGATIONS)
        accept = _accept_no(rehearsal, bool(pressure or persuasion))
    return Feedback(
        persona=rehearsal.persona.id,
        persona_title=rehearsal.persona.title,
        seed=rehearsal.seed,
        finished=rehearsal.done,
        concerns=tuple(_concern(rehearsal, i) for i in range(len(rehearsal.raised))),
        rights=tuple(rights),
        accept_no=accept,
        pressure=pressure,
        persuasion=persuasion,
    )


# ---------------------------------------------------------------- Markdown

_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")
_LEADING = re.compile(r"^(\s*\d*)([#>+=.)-])")


def md(text: str) -> str:
    """`text` shown literally in Markdown: the clinician's words never become links or markup."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LEADING.sub(r"\1\\\2", escaped, count=1)


def _yes(item: Item) -> str:
    said = f" You said: “{md(item.quote)}”" if item.quote else ""
    if item.met:
        return f"- **Covered:** {md(item.text)}.{said}"
    note = f" {md(item.note)}" if item.note else ""
    return f"- **Missed:** {md(item.text)}.{note}"


def _markdown(fb: Feedback) -> Iterator[str]:
    met = sum(i.met for i in fb.items)
    yield f"# {PRACTICE}: rehearsal feedback"
    yield ""
    yield f"> {BANNER}"
    yield ""
    yield f"- Simulated client: {md(fb.persona_title)} (persona `{fb.persona}`, seed {fb.seed})"
    if not fb.finished:
        yield "- The rehearsal was ended before the client finished."
    yield f"- Overall coverage: **{fb.score}%** ({met} of {len(fb.items)} points)"
    if fb.pressure:
        yield f"- Pressure: **flagged {len(fb.pressure)}** (see below)"
    else:
        yield "- Pressure: none flagged"
    yield ""
    yield "## The client's rights"
    yield ""
    for item in fb.rights:
        yield _yes(item)
    if fb.accept_no is not None:
        yield _yes(fb.accept_no)
    if fb.pressure or fb.persuasion:
        yield ""
        yield "## Pressure"
        yield ""
        yield "Words like these can make a client feel they have no choice:"
        yield ""
        for flag in fb.pressure:
            yield f"- “{md(flag.phrase)}” in: “{md(flag.quote)}”"
        for flag in fb.persuasion:
            yield f"- Talking the client round, “{md(flag.phrase)}” in: “{md(flag.quote)}”"
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
