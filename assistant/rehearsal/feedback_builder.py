"""Scoring a rehearsal's turns into the clinician's `Feedback` (`feedback.py`).

Coverage counts every key point of every concern the client raised, the persona's own points,
the items every conversation needs (may refuse, may revoke, the AI's mistakes, the limits of
confidentiality, checking understanding) and, for a client who wants to say no, accepting that
no without pushing. A sentence that pushes or makes a claim the practice's facts do not back
covers nothing. Each miss comes with better wording from the content (the model answers of
`dialogs/concerns.toml`, the items' `suggest`, the kinds' `instead`), and `most_important`
names the one thing to change first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.engine.concerns import Concern, KeyPoint
from assistant.rehearsal import coverage, flags, phrase_search
from assistant.rehearsal.feedback import ACCEPT_NO, ClaimNote, ConcernFeedback, Feedback, Flag, Item

if TYPE_CHECKING:
    from assistant.rehearsal.client import Rehearsal

OWN = "own"
"""Prefix of a persona's own key points in item ids (`own.guardian_consent`)."""
_QUOTE_LIMIT = 240
_FIRST_ITEMS = ("refuse", ACCEPT_NO)
"""Missed items that matter most after pressure and false claims, in this order."""


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
    hit = coverage.covers(point, model, concern.key_points) if model else None
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
        for hit in phrase_search.find_all(phrases, text, phrase_search.negations())
    )


def _accept_no(rehearsal: Rehearsal, pushed: bool) -> Item:
    text = "Accepted the client's no without pushing"
    suggest = rehearsal.cast.rules.advice["accept_no"]
    if not rehearsal.after_no:
        return Item(
            ACCEPT_NO, text, False, note="The rehearsal ended before the client's final no."
        )
    first = rehearsal.after_no[0]
    hit = phrase_search.find(rehearsal.cast.rules.accept_no, first)
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
        hit = coverage.covers(point, honest, points)
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
        hit = phrase_search.find(right.phrases, honest)
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
