"""Recognises what a short client reply means: yes, no, stop, a question, a button label.

These are exact word and phrase lists from `dialogs/intents.toml`, not fuzzy scores: agreeing
to be recorded must never rest on a guess. Fuzzy matching is only used for questions (matcher).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.engine.content import Intents
from assistant.engine.reply import Choice
from assistant.engine.text import fold

_PUNCT = re.compile(r"[^\w\s']+")
_QUESTION_START = frozenset(
    "what who whom whose how why when where which can could will would is are do does did "
    "should shall may might am was were have has".split()
)
# Short replies (in words) that can be an intent rather than a sentence about something else.
SHORT = 8


def words_of(text: str) -> list[str]:
    """Lower-case words with punctuation removed (apostrophes kept: don't, i'm)."""
    return _PUNCT.sub(" ", fold(text).replace("’", "'")).split()


def plain(text: str) -> str:
    """The text as one normalised phrase, for comparing with intent phrases and labels."""
    return " ".join(words_of(text))


def looks_like_question(text: str) -> bool:
    """True for a question mark anywhere or a sentence that opens like a question."""
    if "?" in text or "？" in text or "؟" in text:
        return True
    w = words_of(text)
    return len(w) >= 3 and w[0] in _QUESTION_START


def has_intent(intents: Intents, name: str, text: str) -> bool:
    """True when `text` says intent `name`: the whole reply is one of its phrases, or a short
    reply that starts or ends with one (\"ok, stop please\", \"i changed my mind sorry\")."""
    phrases = intents.phrases.get(name, frozenset())
    p = plain(text)
    if not p:
        return False
    if p in phrases:
        return True
    w = p.split()
    if len(w) > SHORT or looks_like_question(text):
        return False
    for n in range(len(w) - 1, 0, -1):
        if " ".join(w[:n]) in phrases and len(w[:n]) >= 2:
            return True
        if " ".join(w[-n:]) in phrases and len(w[-n:]) >= 2:
            return True
    return False


def yes_or_no(intents: Intents, text: str) -> str | None:
    """'yes', 'no' or None for a short reply. A yes needs a yes word and no negation or
    condition at all; a reply that opens with no, or negates agreement, is a no; a conditional
    reply ("yes, but only if...") is neither, so the question is asked again."""
    p = plain(text)
    w = p.split()
    if not w or "?" in text or len(w) > SHORT:
        return None
    no_words = intents.words.get("no", frozenset())
    if w[0] in no_words or p in intents.phrases.get("no", frozenset()):
        return "no"
    if any(x in intents.words.get("conditional", frozenset()) for x in w):
        return None
    negated = any(x in intents.words.get("negation", frozenset()) for x in w) or any(
        x.endswith("n't") for x in w
    )
    if negated and _agreeing(intents, w):
        return "no"
    if any(x in no_words for x in w) or _has_phrase(p, intents.phrases.get("no", frozenset())):
        return "no"
    if negated:
        return None
    if _agreeing(intents, w):
        return "yes"
    return None


def _has_phrase(p: str, phrases: frozenset[str]) -> bool:
    return any(f" {phrase} " in f" {p} " for phrase in phrases)


def _agreeing(intents: Intents, w: list[str]) -> bool:
    yes_words = intents.words.get("yes", frozenset())
    return any(x in yes_words for x in w) or _has_phrase(
        " ".join(w), intents.phrases.get("yes", frozenset())
    )


def pick_choice(
    text: str, choices: Sequence[Choice], extra: Mapping[str, Sequence[str]]
) -> str | None:
    """The id of the choice the client typed: its number, its label, its id, or one of the
    `extra` words listed for it. None when nothing fits or more than one does."""
    p = plain(text)
    if not p:
        return None
    if p.isascii() and p.isdigit() and 1 <= int(p) <= len(choices):
        return choices[int(p) - 1].id
    for c in choices:
        if p in (plain(c.label), plain(c.id.replace("_", " "))):
            return c.id
    # "tell them" picks "Yes, tell them": a label's words after its leading yes or no.
    if len(p.split()) >= 2:
        cores = [c.id for c in choices if _label_core(c.label) == p]
        if len(cores) == 1:
            return cores[0]
    hits = {
        c.id
        for c in choices
        for phrase in extra.get(c.id, frozenset())
        if f" {plain(phrase)} " in f" {p} "
    }
    return hits.pop() if len(hits) == 1 else None


def _label_core(label: str) -> str:
    words = plain(label).split()
    return " ".join(words[1:]) if words and words[0] in ("yes", "no") else ""
