"""Whether a clinician's answer covers a key point: judged by meaning, sentence by sentence.

Each sentence of the answer and each key point's cues (its `text` and its `paraphrases`) are
read as concepts (`answer_concepts.py`). A paraphrase covers its point when one sentence holds
all its concepts with the same polarity, in any order: "not to grade you" says "not evaluating
you" (grade and evaluate are one concept, both negated), and "it's never shared" does not say
"it's shared". The concepts nearly every answer uses (the recording, the notes, the therapist:
the lexicon's `[topics]`) are left out of a cue, and a cue must hold a concept no other key
point of the same concern uses: "most" alone does not say "most patients want it" when "most
people adjust" is the other point. A cue with nothing telling left ("your chart", "health
record") is looked for word by word (`phrase_search.py`), never in a hedged sentence. The key
point's own text covers it when one sentence holds most of its concepts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.engine.concerns import KeyPoint
from assistant.engine.lexicon import default_lexicon
from assistant.rehearsal.answer_concepts import ROLE_TAGS, Item, concepts, hedged
from assistant.rehearsal.phrase_search import Hit, find, sentences

TEXT_SHARE = 0.75
"""Share of a key point text's concepts one sentence must hold to cover it (at least two)."""
_RUBRIC = re.compile(r"^\s*(?:says|is honest that|offers to)\s+(?:whether\s+|which\s+)?", re.I)
"""How a key point text names the act ("Says whether ..."): not something an answer says."""


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
                hit = None if cue.whole or hedged(sentence) else find((cue.phrase,), sentence)
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
