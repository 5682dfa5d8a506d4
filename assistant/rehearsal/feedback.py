"""The clinician's feedback after a rehearsal: what was covered and missed, and how it sounded.

`build_feedback` scores a rehearsal's turns. Coverage is the share of items met: every key point
of every concern the client raised, the persona's own points, the items every conversation
needs (may refuse, may revoke, the AI's mistakes, the limits of confidentiality, checking
understanding) and, for a client who wants to say no, accepting that no without pushing.
A sentence that pushes or makes a claim the practice's facts do not back covers nothing.

Pressure and false claims are not just listed: each caps the overall score (the kind's `cap` in
`dialogs/personas.toml`, `claim_cap` for claims; the lowest applies), so good coverage cannot
hide "you don't really have a choice". Each miss comes with better wording from the content
(the model answers of `dialogs/concerns.toml`, the items' `suggest`, the kinds' `instead`), and
`most_important` names the one thing to change first. `report.py` writes it as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from assistant.engine.concerns import Concern, KeyPoint
from assistant.rehearsal import flags, scoring
from assistant.rehearsal.report import markdown, md

if TYPE_CHECKING:
    from assistant.rehearsal.client import Rehearsal

__all__ = ["ACCEPT_NO", "BANNER", "PRACTICE", "Feedback", "build_feedback", "md"]

PRACTICE = "PRACTICE"
BANNER = (
    "**PRACTICE ONLY.** A rehearsal with a simulated client. It is not a consent record:"
    " nothing was signed, filed or sent."
)
ACCEPT_NO = "accept_no"
OWN = "own"
"""Prefix of a persona's own key points in item ids (`own.guardian_consent`)."""
_QUOTE_LIMIT = 240
_FIRST_ITEMS = ("refuse", ACCEPT_NO)
"""Missed items that matter most after pressure and false claims, in this order."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing the clinician should have said; `quote` is their sentence that said it."""

    id: str
    text: str
    met: bool
    quote: str | None = None
    note: str | None = None
    suggest: str | None = None
    """Better wording for a miss, from the content."""


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
    kind: str = ""
    label: str = ""
    cap: int | None = None
    instead: str = ""


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """A claim that does not match the practice's facts, with the facts and an honest answer."""

    kind: str
    label: str
    phrase: str
    quote: str
    facts: str
    honest: str


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
    claims: tuple[ClaimNote, ...] = ()
    own: tuple[Item, ...] = ()
    claim_cap: int = 100
    trust: int = 0
    decision: str = ""
    most_important: str = ""

    @property
    def items(self) -> tuple[Item, ...]:
        """Every scored item: key points, the persona's own, the rights, accepting a no."""
        points = tuple(p for c in self.concerns for p in c.points)
        no = (self.accept_no,) if self.accept_no else ()
        return (*points, *self.own, *self.rights, *no)

    @property
    def covered(self) -> tuple[str, ...]:
        """Ids of the items met (`privacy.protected`, `refuse`, `risk_ai`, `accept_no`)."""
        return tuple(i.id for i in self.items if i.met)

    @property
    def missed(self) -> tuple[str, ...]:
        """Ids of the items not met."""
        return tuple(i.id for i in self.items if not i.met)

    @property
    def coverage(self) -> int:
        """Percent of items met, rounded."""
        items = self.items
        return round(100 * sum(i.met for i in items) / len(items)) if items else 0

    @property
    def cap(self) -> int | None:
        """The lowest cap any pressure or false claim set; None when nothing was flagged."""
        caps = [f.cap for f in self.pressure if f.cap is not None]
        if self.claims:
            caps.append(self.claim_cap)
        return min(caps) if caps else None

    @property
    def score(self) -> int:
        """The overall score: coverage, capped by pressure and false claims."""
        cap = self.cap
        return self.coverage if cap is None else min(self.coverage, cap)

    @property
    def flagged(self) -> tuple[str, ...]:
        """The pressure phrases found, each once, in the order first said."""
        return tuple(dict.fromkeys(f.phrase for f in self.pressure))

    @property
    def flagged_claims(self) -> tuple[str, ...]:
        """The kinds of the false claims found, each once, in the order first said."""
        return tuple(dict.fromkeys(c.kind for c in self.claims))

    def to_markdown(self) -> str:
        """The report as Markdown, headed by the PRACTICE banner."""
        return "\n".join(markdown(self)) + "\n"


# ---------------------------------------------------------------- building


def quote(text: str) -> str:
    """`text` on one line, cut at _QUOTE_LIMIT characters."""
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1].rstrip() + "…"


def _context(rehearsal: Rehearsal) -> dict[str, Any]:
    return rehearsal.config.template_context() | {"clinician": rehearsal.config.clinicians[0]}


def _model(rehearsal: Rehearsal, concern_id: str) -> str:
    content = rehearsal.content
    template = content.answers.get(concern_id)
    return content.render(template, _context(rehearsal)) if template else ""


def _suggest(point: KeyPoint, concern: Concern, model: str) -> str | None:
    """The sentence of the model answer that covers `point`, if one does."""
    hit = scoring.covers(point, model, concern.key_points) if model else None
    return hit.sentence if hit else None


def _concern(rehearsal: Rehearsal, index: int) -> ConcernFeedback:
    raised = rehearsal.raised[index]
    concern = raised.concern
    hits = rehearsal.covered(raised)
    model = _model(rehearsal, concern.id)
    points = []
    for point in concern.key_points:
        hit = hits.get(point.id)
        points.append(
            Item(
                f"{concern.id}.{point.id}",
                point.text,
                hit is not None,
                quote(hit.sentence) if hit else None,
                None if hit else f"A client might ask: “{point.follow_up}”",
                None if hit else _suggest(point, concern, model),
            )
        )
    return ConcernFeedback(
        id=concern.id,
        label=concern.label,
        asked=raised.asked,
        answers=tuple(raised.answers),
        points=tuple(points),
        model_answer=model,
    )


def _persuasion(phrases: tuple[str, ...], texts: list[str]) -> tuple[Flag, ...]:
    return tuple(
        Flag(hit.phrase, quote(hit.sentence))
        for text in texts
        for hit in scoring.find_all(phrases, text, scoring.negations())
    )


def _accept_no(rehearsal: Rehearsal, pushed: bool) -> Item:
    text = "Accepted the client's no without pushing"
    suggest = rehearsal.cast.rules.advice["accept_no"]
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
        return Item(ACCEPT_NO, text, True, quote(hit.sentence))
    return Item(ACCEPT_NO, text, False, quote(hit.sentence) if hit else None, note, suggest)


def _claims(rehearsal: Rehearsal, said: list[str]) -> tuple[ClaimNote, ...]:
    kinds = flags.default_claims().kinds
    out = []
    seen: set[tuple[str, str]] = set()
    for text in said:
        for flag in flags.claim_flags(text, rehearsal.config.facts):
            if (flag.sentence, flag.kind) in seen:  # "100% confidential" is one promise
                continue
            seen.add((flag.sentence, flag.kind))
            kind = kinds.get(flag.claim.kind)
            facts = ", ".join(f"{name} = {_value(value)}" for name, value in flag.facts)
            out.append(
                ClaimNote(
                    kind=flag.kind,
                    label=kind.label if kind else "Other",
                    phrase=flag.phrase,
                    quote=quote(flag.sentence),
                    facts=facts or "no fact can back this",
                    honest=_model(rehearsal, kind.concern) if kind else "",
                )
            )
    return tuple(out)


def _value(value: object) -> str:
    """A fact's value as the configuration file writes it (`true`, `0`, `"the United States"`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else f'"{value}"'


def _own(rehearsal: Rehearsal, honest: str) -> tuple[Item, ...]:
    points = rehearsal.persona.points
    out = []
    for point in points:
        hit = scoring.covers(point, honest, points)
        out.append(
            Item(
                f"{OWN}.{point.id}",
                point.text,
                hit is not None,
                quote(hit.sentence) if hit else None,
                None if hit else f"This client might ask: “{point.follow_up}”",
                None if hit else rehearsal.persona.suggest.get(point.id),
            )
        )
    return tuple(out)


def _most_important(fb: Feedback, advice: Mapping[str, str]) -> str:
    caps = [f for f in fb.pressure if f.cap is not None]
    if caps:
        worst = min(caps, key=lambda f: f.cap or 0)
        return (advice["pressure"]).format(
            label=worst.label.lower(), quote=worst.quote, cap=worst.cap, instead=worst.instead
        )
    if fb.claims:
        first = fb.claims[0]
        return (advice["claim"]).format(quote=first.quote, fact=first.facts, cap=fb.claim_cap)
    missed = [i for i in fb.items if not i.met]
    for wanted in (*_FIRST_ITEMS, *(i.id for i in fb.rights)):
        item = next((i for i in missed if i.id == wanted), None)
        if item is not None:
            return (advice["item"]).format(text=item.text + ".", suggest=item.suggest or "")
    item = next((i for i in missed if i.suggest), None) or (missed[0] if missed else None)
    if item is not None:
        return (advice["point"]).format(text=item.text, suggest=item.suggest or item.note)
    return advice["none"]


def build_feedback(rehearsal: Rehearsal) -> Feedback:
    """Score a rehearsal's turns so far."""
    rules = rehearsal.cast.rules
    facts = rehearsal.config.facts
    said = [t.text for t in rehearsal.clinician_turns]
    honest = "\n".join(flags.honest_part(text, rules, facts) for text in said)
    rights = []
    for right in rules.rights:
        hit = scoring.find(right.phrases, honest)
        rights.append(
            Item(
                right.id,
                right.text,
                hit is not None,
                quote(hit.sentence) if hit else None,
                suggest=None if hit else right.suggest or None,
            )
        )
    pressure = tuple(
        Flag(f.phrase, quote(f.sentence), f.kind.id, f.kind.label, f.kind.cap, f.kind.instead)
        for text in said
        for f in flags.pressure_flags(text, rules)
    )
    persuasion: tuple[Flag, ...] = ()
    accept: Item | None = None
    if rehearsal.persona.declines:
        persuasion = _persuasion(rules.persuasion, said)
        accept = _accept_no(rehearsal, bool(pressure or persuasion))
    fb = Feedback(
        persona=rehearsal.persona.id,
        persona_title=rehearsal.persona.title,
        seed=rehearsal.seed,
        finished=rehearsal.done,
        concerns=tuple(_concern(rehearsal, i) for i in range(len(rehearsal.raised))),
        rights=tuple(rights),
        accept_no=accept,
        pressure=pressure,
        persuasion=persuasion,
        claims=_claims(rehearsal, said),
        own=_own(rehearsal, honest),
        claim_cap=rules.claim_cap,
        trust=rehearsal.trust,
        decision=rehearsal.decision,
    )
    return replace(fb, most_important=_most_important(fb, rules.advice))
