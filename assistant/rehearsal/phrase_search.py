"""Finding phrases in a clinician's answer, word-aligned: rights mentioned, persuasion, a
client's no accepted, and the key point cues that are looked for word by word.

Phrases are matched word-aligned, so "days" is never found inside "today's": both the answer
and the phrase are read by the one language layer (`assistant.engine.language`: contractions
spelt out, punctuation dropped), and the phrase is compared with `fuzz.ratio` against every
run of as many words in each sentence of the answer, also with one extra word in between
("kept completely private" finds "kept private"). `fuzz.token_set_ratio` is not used: it
scores 100 whenever one side's words are a subset of the other's, so a one-word answer would
cover every key point containing that word. A phrase right after "not", "no" or "never" does
not count. Pressure and false claims are read in `flags.py`; key points by meaning in
`coverage.py`. The guard words are `[answers]` in `dialogs/language.toml`, read by
`answer_words.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.engine.language import default_language
from assistant.rehearsal.answer_words import answer_words

THRESHOLD = 88.0
"""Lowest `fuzz.ratio` between a phrase and some words of the answer that counts as a match."""
EXACT_BELOW = 5
"""Single words shorter than this must match exactly ("days" is not "dates")."""
MAX_GAP = 2
"""Most extra words a phrase may have inside it and still be found."""

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE = re.compile(r"[,:()]|\s[-–—]+\s")
"""Phrases are found inside one clause, so "No, your care stays the same" keeps its point."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in an answer: the cue, the clinician's sentence that holds it, the score."""

    phrase: str
    sentence: str
    score: float


def negations() -> frozenset[str]:
    """Words that keep a phrase right after them from counting ("it is not kept private")."""
    return answer_words().phrase_guard


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` as comparable words, read by the one language layer (contractions spelt out,
    punctuation dropped), as the client's turns and the matcher read text."""
    return default_language().tokens(text)


def sentences(text: str) -> list[str]:
    """The sentences of an answer, as typed (quotes in the feedback show them)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _blocked(
    tokens: Sequence[str], start: int, phrase: Sequence[str], guard: frozenset[str]
) -> bool:
    """True when a guard word comes just before `start` ("not" in "it is not kept private").

    "No" after "say" is a choice, not a negation: "saying no won't change your care" keeps
    its point.
    """
    if phrase and phrase[0] in guard:
        return False
    say = answer_words().say_words
    return any(
        tokens[i] in guard and not (tokens[i] == "no" and i and tokens[i - 1] in say)
        for i in range(max(0, start - 2), start)
    )


def _same(a: Sequence[str], b: Sequence[str]) -> float:
    if len(a) == 1 and len(b) == 1 and len(a[0]) < EXACT_BELOW:
        return 100.0 if a[0] == b[0] else 0.0
    return fuzz.ratio(" ".join(a), " ".join(b))


def phrase_score(phrase: Sequence[str], tokens: Sequence[str], guard: frozenset[str]) -> float:
    """Best `fuzz.ratio` of `phrase` against a run of words of `tokens` (0 when none fits).

    Words run together or split apart still match ("anytime", "any time"). The run may hold
    up to MAX_GAP extra words in one place inside the phrase ("no one at SessionScribe
    listens" finds "no one listens"), unless one of them is a `guard` word ("it is not
    required" is not "it is required").
    """
    n = len(phrase)
    best = 0.0
    for start in range(len(tokens)):
        # Every run compared starts where the phrase does: a different first letter cannot
        # reach THRESHOLD in practice, and skipping it keeps long answers fast.
        if not n or tokens[start][0] != phrase[0][0] or _blocked(tokens, start, phrase, guard):
            continue
        if start + n <= len(tokens):
            best = max(best, _same(phrase, tokens[start : start + n]))
        for size in (n - 1, n + 1):  # "any time" is "anytime", "anytime" is "any time"
            run = tokens[start : start + size]
            if size and len(run) == size and not guard.intersection(run):
                best = max(best, fuzz.ratio("".join(phrase), "".join(run)))
        for gap in range(1, MAX_GAP + 1) if n >= 2 else ():
            run = tokens[start : start + n + gap]
            if len(run) < n + gap:
                break
            for cut in range(1, n):
                if not guard.intersection(run[cut : cut + gap]):
                    best = max(best, _same(phrase, [*run[:cut], *run[cut + gap :]]))
        if best == 100.0:
            break
    return best


def find(phrases: Iterable[str], text: str, guard: frozenset[str] | None = None) -> Hit | None:
    """The best match of any of `phrases` in `text` at or above THRESHOLD, else None; a phrase
    right after a `guard` word (by default `negations()`) does not count."""
    return _find(tuple(phrases), text, negations() if guard is None else guard)


@functools.lru_cache(maxsize=8192)
def _find(phrases: tuple[str, ...], text: str, guard: frozenset[str]) -> Hit | None:
    # Cached: the client re-scores a concern's answers after every turn, the feedback all.
    best: Hit | None = None
    cues = [(p, words(p)) for p in phrases]
    for sentence in sentences(text):
        for clause in _CLAUSE.split(sentence):
            tokens = words(clause)
            for phrase, cue in cues:
                score = phrase_score(cue, tokens, guard)
                if score >= THRESHOLD and (best is None or score > best.score):
                    best = Hit(phrase, sentence, score)
    return best


def find_all(phrases: Iterable[str], text: str, guard: frozenset[str]) -> list[Hit]:
    """Every one of `phrases` found in `text`, in the order of `phrases`.

    Phrases that normalise to the same words ("it's required", "it is required") count once.
    """
    hits = []
    seen: set[tuple[str, ...]] = set()
    for phrase in phrases:
        if words(phrase) in seen:
            continue
        seen.add(words(phrase))
        hit = find((phrase,), text, guard)
        if hit is not None:
            hits.append(hit)
    return hits
