"""Finds cue phrases in a clinician's answer: key points covered, pressure, rights mentioned.

Matching is word-aligned, so "days" is never found inside "today's": both the answer and the
phrase are normalised the same way (contractions spelt out, then rapidfuzz
`utils.default_process`), and the phrase is compared with `fuzz.ratio` against every run of as
many words in each sentence of the answer, also with one extra word in between ("kept
completely private" finds "kept private"). `fuzz.token_set_ratio` is not used: it scores 100
whenever one side's words are a subset of the other's, so a one-word answer would cover every
key point containing that word. A phrase right after "not", "no" or "never" does not count, and
a pressure phrase right after "if" does not either ("if you have to stop, tell me").

A key point is also covered when one sentence holds nearly all the content words of its text.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from assistant.engine.concerns import KeyPoint

THRESHOLD = 88.0
"""Lowest `fuzz.ratio` between a phrase and some words of the answer that counts as a match."""
EXACT_BELOW = 5
"""Single words shorter than this must match exactly ("days" is not "dates")."""
MAX_GAP = 2
"""Most extra words a phrase may have inside it and still be found."""
TEXT_SHARE = 0.8
"""Share of a key point text's content words one sentence must hold to cover it."""
MIN_TEXT_WORDS = 3
"""Key point texts with fewer content words are matched by their paraphrases only."""

NEGATIONS = frozenset({"not", "no", "never", "nobody", "cannot", "without", "hardly"})
CONDITIONS = frozenset({"if", "whether", "unless"})
_SAY = frozenset({"say", "says", "saying", "said"})

_APOSTROPHE = re.compile(r"[’‘`´]")
_SPELLED = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"'d\b"), " would"),
    (
        re.compile(
            r"\b(it|that|there|here|what|who|he|she|everyone|everybody|everything|nothing"
            r"|nobody|someone|somebody|this|one)'s\b"
        ),
        r"\1 is",
    ),
)
_RUN_TOGETHER = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
    "wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "wouldnt": "would not", "shouldnt": "should not", "couldnt": "could not",
    "havent": "have not", "hasnt": "has not", "thats": "that is", "youre": "you are",
    "youve": "you have", "youll": "you will", "im": "i am", "ive": "i have",
}  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE = re.compile(r"[,:()]|\s[-–—]+\s")
"""Phrases are found inside one clause, so "No, your care stays the same" keeps its point."""
_STOP = frozenset(
    """a an the and or of to is are be by in on at for with it its that this any can could
    will would client clients clinician clinicians says say whether anyone there their them
    they who how what when as from into about so do does you your i we our""".split()
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in an answer: the cue, the clinician's sentence that holds it, the score."""

    phrase: str
    sentence: str
    score: float


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` as comparable words: lower case, contractions spelt out, punctuation dropped."""
    folded = _APOSTROPHE.sub("'", text.casefold())
    for pattern, spelled in _SPELLED:
        folded = pattern.sub(spelled, folded)
    out: list[str] = []
    for word in utils.default_process(folded).split():
        out.extend(_RUN_TOGETHER.get(word, word).split())
    return tuple(out)


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
    return any(
        tokens[i] in guard and not (tokens[i] == "no" and i and tokens[i - 1] in _SAY)
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


def find(phrases: Iterable[str], text: str, guard: frozenset[str] = NEGATIONS) -> Hit | None:
    """The best match of any of `phrases` in `text` at or above THRESHOLD, else None."""
    return _find(tuple(phrases), text, guard)


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


def _content(text: str) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in _STOP)


def _has_word(word: str, tokens: Sequence[str]) -> bool:
    if len(word) < EXACT_BELOW:
        return word in tokens
    return any(fuzz.ratio(word, t) >= THRESHOLD for t in tokens)


def _text_hit(point: KeyPoint, text: str) -> Hit | None:
    wanted = _content(point.text)
    if len(wanted) < MIN_TEXT_WORDS:
        return None
    need = math.ceil(TEXT_SHARE * len(wanted))
    for sentence in sentences(text):
        tokens = words(sentence)
        found = sum(_has_word(w, tokens) for w in wanted)
        if found >= need:
            return Hit(point.text, sentence, 100.0 * found / len(wanted))
    return None


def covers(point: KeyPoint, text: str) -> Hit | None:
    """Where `text` covers `point`: one of its paraphrases, or its own text."""
    return find(point.paraphrases, text) or _text_hit(point, text)


def pressure(phrases: Sequence[str], text: str) -> list[Hit]:
    """The pressure phrases in `text` (none counted after "not", "if" and the like)."""
    return find_all(phrases, text, NEGATIONS | CONDITIONS)
