"""Finds what a clinician's answer says: key points covered, pressure, rights mentioned.

Key points are judged by meaning. The answer and each key point's cues (its `text` and its
`paraphrases`) are read with the question matcher's lexicon (`dialogs/lexicon.toml`: gapped
phrases closed up, typos mended, irregular forms and stems, synonym groups), so "wiped",
"erased" and "gets rid of" all say *delete*, and each sentence becomes a set of concepts, each
marked negated or not. A negation ("not", "never", "nobody", "without", "won't") covers the rest
of its clause ("doesn't see, sell, or share": all three negated) until a new clause with its own
subject or a "but". A hedge ("I can't promise", "I'm not sure", "whether") takes its clause out:
"I can't promise it isn't shared" says neither that it is shared nor that it is not.

A paraphrase covers its point when one sentence holds all its concepts with the same polarity,
in any order: "not to grade you" says "not evaluating you" (grade and evaluate are one concept,
both negated), and "it's never shared" does not say "it's shared". The concepts nearly every
answer uses (the recording, the notes, the therapist: the lexicon's `[topics]`) are left out of
a cue, and a cue must hold a concept no other key point of the same concern uses: "most" alone
does not say "most patients want it" when "most people adjust" is the other point. A cue with
nothing telling left ("your chart", "health record") is looked for word by word, never in a
hedged sentence. The key point's own text covers it when one sentence holds most of its concepts.

Phrases (rights, persuasion, cues looked for word by word) are matched word-aligned, so "days" is
never found inside "today's": both the answer and the phrase are read by the one language layer
(`assistant.engine.language`: contractions spelt out, punctuation dropped), and the phrase is
compared with `fuzz.ratio` against every run of as many words in each sentence of the answer,
also with one extra word in between ("kept completely private" finds "kept private").
`fuzz.token_set_ratio` is not used: it scores 100 whenever one side's words are a subset of the
other's, so a one-word answer would cover every key point containing that word. A phrase right
after "not", "no" or "never" does not count. Pressure and false claims are read in `flags.py`.
The word lists (negators, hedges, clause starts, who speaks, words with no point of their own)
are `[answers]` in `dialogs/language.toml`, read by `answer_words.py`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.engine.concerns import KeyPoint, load_concerns
from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Analyzer
from assistant.rehearsal.answer_words import answer_words

THRESHOLD = 88.0
"""Lowest `fuzz.ratio` between a phrase and some words of the answer that counts as a match."""
EXACT_BELOW = 5
"""Single words shorter than this must match exactly ("days" is not "dates")."""
MAX_GAP = 2
"""Most extra words a phrase may have inside it and still be found."""
TEXT_SHARE = 0.75
"""Share of a key point text's concepts one sentence must hold to cover it (at least two)."""

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


# ---------------------------------------------------------------- key points, by meaning

Item = tuple[str, bool]
"""A concept the lexicon knows (or a word's stem) and whether it is negated: "not kept" is
("keep", True)."""

_HEDGE_REACH = 2
"""Most words between a denial and its hedge ("I can't really promise")."""
ROLE_TAGS = frozenset({"<i>", "<we>"})
"""The concepts that say who speaks (`AnswerWords.roles`)."""
_ANSWER_CLAUSE = re.compile(r"[,;:()]|\s[-–—]+\s")
_RUBRIC = re.compile(r"^\s*(?:says|is honest that|offers to)\s+(?:whether\s+|which\s+)?", re.I)
"""How a key point text names the act ("Says whether ..."): not something an answer says."""


@functools.cache
def _analyzer() -> Analyzer:
    """The matcher's analyzer, mending typos towards the key points' words as well."""
    cues = (t for c in load_concerns() for p in c.key_points for t in (p.text, *p.paraphrases))
    return Analyzer(default_lexicon(), cues)


@functools.lru_cache(maxsize=8192)
def concepts(sentence: str) -> frozenset[Item]:
    """What one sentence says: its concepts, each negated or not; a hedge's clause left out.

    Cached: the client re-scores a concern's answers after every turn, the feedback all.
    """
    analyzer, w = _analyzer(), answer_words()
    roles, clause_words = w.roles, w.clause_words
    said: list[tuple[Item, int]] = []  # with the part of the sentence ("but" starts a new one)
    part = 0
    negated = unasserted = False
    denied_at, denial = -_HEDGE_REACH - 1, ""
    for clause in _ANSWER_CLAUSE.split(sentence):
        tokens = analyzer.words(clause)
        if not tokens:
            continue
        head = tokens[1] if len(tokens) > 1 and tokens[0] in w.joiners else tokens[0]
        if tokens[0] in clause_words or head in w.subjects or head in w.negators:
            negated = unasserted = False
        units = analyzer.tag(tokens)
        for k, (unit, concept) in enumerate(units):
            word = unit[0] if len(unit) == 1 else ""
            if word in clause_words:
                negated = unasserted = False
                part += word in w.contrast
            elif word in ("and", "or") and k + 1 < len(units) and units[k + 1][0][0] in w.subjects:
                negated = unasserted = False
            elif word in roles:
                said.append(((roles[word], False), part))
            elif w.negators.intersection(unit) and (word or concept == "anyone"):
                # "not", "never" and the like; "no one" and "nobody" are someone, negated
                negated = True
                if word in w.denials:
                    denied_at, denial = k, word
                if concept == "anyone":
                    said.append(((concept, False), part))
            elif w.negators.intersection(unit):
                said.append(((concept, negated), part))  # "say no", "opt out": a concept itself
            elif (
                (word in w.hedges or (word in w.unsaid and denial in w.unable))
                and negated
                and k - denied_at <= _HEDGE_REACH
            ):
                # "I can't promise ...": neither what follows nor what came before it in this
                # part of the sentence is said; the hedge is ("can't promise" is honest)
                said = [(item, p) for item, p in said if p != part or item[0] in ROLE_TAGS]
                said.append(((concept, True), part))
                unasserted = True
            elif word == "whether" or (k and _background(units, k)):
                unasserted = True
            elif word not in w.function_words and not unasserted:
                said.append(((concept, negated), part))
    return frozenset(item for item, _ in said)


def _background(units: Sequence[tuple[tuple[str, ...], str]], k: int) -> bool:
    """True when unit `k` starts a time clause after the main one ("deleted as soon as it is
    typed up", "... once it's typed up"): what it says is the when, not a point made."""
    w, word = answer_words(), units[k][0][0]
    if word == "soon":
        return units[k - 1][0] == ("as",)
    nxt = units[k + 1][0][0] if k + 1 < len(units) else ""
    return word in w.time_words and nxt in w.subjects


def _hedged(sentence: str) -> bool:
    tokens, w = _analyzer().words(sentence), answer_words()
    return not w.denials.isdisjoint(tokens) and (
        not w.hedges.isdisjoint(tokens)
        or (not w.unsaid.isdisjoint(tokens) and not w.unable.isdisjoint(tokens))
    )


@dataclass(frozen=True, slots=True)
class _Cue:
    """One way a key point is said: a paraphrase, or the key point's own text (`whole`)."""

    phrase: str
    need: frozenset[Item]
    """The concepts a sentence must hold; empty: the phrase is looked for word by word."""
    telling: frozenset[Item]
    """Those of `need` no other key point of the concern uses."""
    roles: frozenset[Item]
    whole: bool


@functools.lru_cache(maxsize=1024)
def _said_by(point: KeyPoint) -> frozenset[Item]:
    items = concepts(_RUBRIC.sub("", point.text)).union(*map(concepts, point.paraphrases))
    return frozenset(item for item in items if item[0] not in ROLE_TAGS)


@functools.lru_cache(maxsize=1024)
def _cues(point: KeyPoint, siblings: tuple[KeyPoint, ...]) -> tuple[_Cue, ...]:
    topics = default_lexicon().topics
    others = frozenset().union(*(_said_by(p) for p in siblings if p != point))
    cues = []
    sources = [(p, p, False) for p in point.paraphrases]
    sources.append((point.text, _RUBRIC.sub("", point.text), True))
    for phrase, text, whole in sources:
        items = concepts(text)
        roles = frozenset(item for item in items if item[0] in ROLE_TAGS)
        every = items - roles
        # The recording, the notes, the therapist: left out unless negated ("not recorded"),
        # or unless the rest says nothing telling alone ("notes are kept" vs "audio is kept").
        own = frozenset(item for item in every if item[1] or item[0] not in topics)
        if own - others:
            need = own
        elif own and every - others:
            need = every
        else:
            need = frozenset()
        cues.append(_Cue(phrase, need, need - others, roles, whole))
    return tuple(cues)


def covers(point: KeyPoint, text: str, siblings: Sequence[KeyPoint] = ()) -> Hit | None:
    """Where `text` covers `point`: one of its paraphrases, or its own text, said in one
    sentence. `siblings` are the concern's key points (`point` among them or not): a cue
    only counts with a concept none of the others uses."""
    cues = _cues(point, tuple(siblings))
    for sentence in sentences(text):
        said = concepts(sentence)
        for cue in cues:
            if not cue.need:
                hit = None if cue.whole or _hedged(sentence) else find((cue.phrase,), sentence)
                if hit is not None:
                    return hit
                continue
            if not cue.roles <= said:
                continue
            found = cue.need & said
            if cue.whole:
                enough = len(found) >= max(2, math.ceil(TEXT_SHARE * len(cue.need)))
                met = enough and bool(found & cue.telling)
            else:
                met = found == cue.need
            if met:
                return Hit(cue.phrase, sentence, 100.0 * len(found) / len(cue.need))
    return None
