"""Reading one sentence of an answer as concepts, each negated or not, a hedge's clause left out.

The sentence is read with the question matcher's lexicon (`dialogs/lexicon.toml`: gapped
phrases closed up, typos mended, irregular forms and stems, synonym groups), so "wiped",
"erased" and "gets rid of" all say *delete*. A negation ("not", "never", "nobody", "without",
"won't") covers the rest of its clause ("doesn't see, sell, or share": all three negated)
until a new clause with its own subject or a "but". A hedge ("I can't promise", "I'm not
sure", "whether") takes its clause out: "I can't promise it isn't shared" says neither that it
is shared nor that it is not. The word lists (negators, hedges, clause starts, who speaks,
words with no point of their own) are `[answers]` in `dialogs/language.toml`, read by
`answer_words.py`. Whether the concepts cover a key point is `coverage.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from assistant.engine.concerns import load_concerns
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Analyzer
from assistant.rehearsal.answer_words import answer_words

Item = tuple[str, bool]
"""A concept the lexicon knows (or a word's stem) and whether it is negated: "not kept" is
("keep", True)."""

_HEDGE_REACH = 2
"""Most words between a denial and its hedge ("I can't really promise")."""
ROLE_TAGS = frozenset({"<i>", "<we>"})
"""The concepts that say who speaks (`AnswerWords.roles`)."""
_ANSWER_CLAUSE = re.compile(r"[,;:()]|\s[-–—]+\s")


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


def hedged(sentence: str) -> bool:
    """True when a denial in the sentence is hedged ("I can't promise", "I'm not sure")."""
    tokens, w = _analyzer().words(sentence), answer_words()
    return not w.denials.isdisjoint(tokens) and (
        not w.hedges.isdisjoint(tokens)
        or (not w.unsaid.isdisjoint(tokens) and not w.unable.isdisjoint(tokens))
    )
