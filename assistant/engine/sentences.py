"""A message as the question matcher reads it, sentence by sentence: where its sentences end
(keeping whether a question mark ends each), which of them ask or state a worry rather than
tell the story around it, and which open by adding a point ("also, ...", "i would also like").
The word lists are the lexicon's `[words]` (`asking`, `asking_starts`, `fillers`, `additive`,
`adding`)."""

from __future__ import annotations

import re

from assistant.engine.language import Language
from assistant.engine.lexicon import Lexicon

_SENTENCE_END = re.compile(r"([.!?;\n]+|\s-\s|,\s*(?:but|and so|so)\s)")
_SPACES = re.compile(r"\s+")
ADDING_WITHIN = 4
"""How many of a sentence's first words are searched for the lexicon's `adding` words."""


def marked_sentences(text: str) -> list[tuple[str, bool]]:
    """The parts of `text` the matcher scores one by one, each with whether a question mark
    ends it. A sentence repeated word for word (a message pasted twice) is kept once."""
    bits = _SENTENCE_END.split(text)
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for i in range(0, len(bits), 2):
        part = bits[i]
        key = _SPACES.sub(" ", part).strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append((part, i + 1 < len(bits) and "?" in bits[i + 1]))
    return out or [(text, "?" in text)]


def sentences(text: str) -> list[str]:
    """The parts of `text` the matcher scores one by one."""
    return [part for part, _ in marked_sentences(text)]


class SentenceKinds:
    """Which sentences (in the matcher's plain form: the language layer's words, typos
    mended) ask, and which add a point, by the lexicon's word lists."""

    def __init__(self, lexicon: Lexicon, language: Language) -> None:
        self._fillers = lexicon.fillers
        self._starts = lexicon.asking_starts
        self._additive = tuple(" ".join(language.tokens(a)) for a in lexicon.additive)
        self._adding = lexicon.adding
        # An `asking` phrase may have one word more between its words ("i would *really* like").
        asking = (r" (?:\w+ )?".join(map(re.escape, language.tokens(a))) for a in lexicon.asking)
        self._asking = re.compile(
            r"\b(?:" + "|".join(asking) + r")\b" if lexicon.asking else "(?!)"
        )

    def adds(self, part: str) -> bool:
        """Whether a sentence adds a point: it opens with one of the lexicon's `additive`
        phrases ("and one more thing"), or one of its `adding` words ("also") comes among its
        first `ADDING_WITHIN` words ("i would also like to know", "can i also ask")."""
        if any(part == a or part.startswith(a + " ") for a in self._additive):
            return True
        return not self._adding.isdisjoint(part.split()[:ADDING_WITHIN])

    def asks(self, part: str) -> bool:
        """Whether a sentence asks or states a worry rather than telling the story around it,
        though no question mark ends it: it opens, after the lexicon's `fillers`, with one of
        its `asking_starts` ("can they ...") or holds one of its `asking` phrases ("i want to
        know", "i am worried"; one word more may come between their words)."""
        words = part.split()
        start = 0
        while start < len(words) and words[start] in self._fillers:
            start += 1
        if len(words) - start > 2 and words[start] in self._starts:
            return True
        return self._asking.search(part) is not None
