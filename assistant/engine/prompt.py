"""What a step asks for (`Prompt`: the buttons shown, a yes-no question, a value to collect),
and which shown button a reply names (used by `reading.py`, the reading's second check).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.engine.intent_words import Phrases
from assistant.engine.language import Language, Words
from assistant.engine.reply import Choice

Collects = Literal["name", "email", "code", "signature", "signed_name", "clinician", "answer"]

COMMAND_WORDS_MAX = 8
"""Commands ("change my answers") are short; inside a long message they are something else."""


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the current step asks for: the buttons shown, whether it is a yes-no question,
    and which value it collects (a name, an email address, ...), if any."""

    buttons: tuple[Choice, ...] = ()
    button_words: Mapping[str, Sequence[str]] = field(default_factory=dict)
    yes_no: bool = False
    collects: Collects | None = None
    step_buttons: tuple[Choice, ...] = ()
    """The step's own buttons while "Did you mean ...?" shows others: their labels and listed
    words still pick them ("No, thank you" declines, "ok, I understand" goes on)."""


def pick_button(
    language: Language, text: str, words: Words, prompt: Prompt, asked: bool = False
) -> str | None:
    """The shown button `text` names: its number, label, id, label core, or (in a short
    reply that asks nothing and sets no condition) one of its listed words ("deleted" picks
    "It is deleted") outside a negation's reach: "not understood" picks nothing."""
    buttons = prompt.buttons
    if not buttons:
        return None
    bare = unicodedata.normalize("NFKC", text).strip().rstrip(".)")
    if bare.isascii() and bare.isdigit() and 1 <= int(bare) <= len(buttons):
        return buttons[int(bare) - 1].id
    tokens = language.tokens
    for b in (*buttons, *prompt.step_buttons):  # the step's own too: "No, thank you"
        if words in (tokens(b.label), tokens(b.id.replace("_", " "))):
            return b.id
    if len(words) >= 2:  # "tell them" picks "Yes, tell them"
        cores = [b.id for b in buttons if _core(tokens(b.label)) == words]
        if len(cores) == 1:
            return cores[0]
    if asked or len(words) > COMMAND_WORDS_MAX or language.condition(words) is not None:
        return None
    negated = language.negated(words)
    hits = {
        b.id
        for b in (*buttons, *prompt.step_buttons)
        for said in prompt.button_words.get(b.id, ())
        if _said(words, tokens(said), negated, language.negations)
    }
    return hits.pop() if len(hits) == 1 else None


def requested_button(
    language: Language,
    words: Words,
    prompt: Prompt,
    requests: Sequence[Words],
    ends: Sequence[Words] = (),
) -> str | None:
    """The shown button a polite request names whole ("can we go on?", "could you move on
    please"): after one of `requests` and without what `ends` it ("please"), the rest is the
    label, id or one of the listed words of one button, and nothing more."""
    opening = next((r for r in requests if words[: len(r)] == r), None)
    if opening is None:
        return None
    rest = words[len(opening) :]
    while end := next((e for e in ends if len(e) < len(rest) and rest[-len(e) :] == e), None):
        rest = rest[: -len(end)]
    if not rest:
        return None
    tokens = language.tokens
    named = {
        b.id
        for b in (*prompt.buttons, *prompt.step_buttons)
        for said in (b.label, b.id.replace("_", " "), *prompt.button_words.get(b.id, ()))
        if tokens(said) == rest
    }
    return named.pop() if len(named) == 1 else None


def ends_questions(language: Language, aside: Phrases, prompt: Prompt) -> str | None:
    """The one shown button that ends the questions: its label or listed words are a
    "no more questions" (`[no] elsewhere`)."""
    tokens = language.tokens
    found = {
        b.id
        for b in prompt.buttons
        for said in (b.label, *prompt.button_words.get(b.id, ()))
        if aside.whole(tokens(said)) is not None
    }
    return found.pop() if len(found) == 1 else None


def _core(label: Words) -> Words:
    """A label's words after its leading yes or no ("Yes, tell them" -> "tell them")."""
    return label[1:] if label and label[0] in ("yes", "no") else ()


def _said(words: Words, phrase: Words, negated: Sequence[bool], negations: frozenset[str]) -> bool:
    """Does `phrase` occur in `words` outside a negation's reach? A phrase that holds a
    negation itself ("don't have") is said wherever it occurs."""
    n = len(phrase)
    own = any(w in negations for w in phrase)
    return bool(n) and any(
        words[i : i + n] == phrase and (own or not any(negated[i : i + n]))
        for i in range(len(words) - n + 1)
    )
