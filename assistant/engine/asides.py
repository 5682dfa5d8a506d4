"""Asides before a question: what the matcher leaves out before it reads a message.

Clients talk at the kiosk the way they talk: "wait, who reads it?", "hmm... is it kept?",
"dumb question, but can I say no?". The aside is no worry, but "wait" is a word the readings
know from worries about waiting lists, and "question" from questions about the recording, and an
off-topic line behind "serious question -" was taken for one. `Asides.strip` takes out, from the
text as typed, at its start, a run of:

- the lexicon's `interjections` ("wait", "hang on", "hmm"), each set off by a comma, a dash,
  dots, a colon or a full stop. Only so set off: "wait until next week to decide?" keeps its
  "wait", and "well-being" its "well";
- up to eight words ending in "question" (or "q"), set off the same way or by "but", none of
  them a word a concept of the lexicon holds: "genuine question:", "sorry if this is a silly
  question but", "I have a question -". "Privacy question: ..." and "my question is ..." stay.

A message that would be left empty ("hmm...") is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.engine.lexicon import Lexicon
from assistant.engine.sign_offs import Topical

_MARK = r"\s*(?:[,.:;!…]+|\s[-–—]+|[-–—]{2,})\s*"
"""What sets an aside off from the question after it: a comma, dots, a colon, a full stop or
"!", or a dash with a space before it ("hang on - ..."; not "well-being")."""
_QUESTION = re.compile(
    rf"^\s*(?P<words>(?:[^\W\d_][\w'’]*\s+){{0,7}})(?:question|q)(?:{_MARK}|\s+but\b\s*)",
    re.IGNORECASE,
)
"""Up to eight words ending in "question" or "q", set off from what follows."""
_WORD = re.compile(r"[^\W\d_]+")
_ROUNDS = 3
"""How many asides in a row are taken out ("ok wait, quick question: ...")."""


def _alternatives(phrases: Iterable[str]) -> str:
    """`phrases` as one regular-expression alternative, longest first, spaces as any spacing;
    a pattern that matches nothing when there are none (a lexicon that leaves the list out)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) or r"(?!x)x"


class Asides:
    """Takes the asides that open a message out of it (see the module)."""

    def __init__(self, lexicon: Lexicon, words: Topical) -> None:
        """`words.topical(word)`: whether a word (lower case) is one a concept of the lexicon
        holds (an object, not a function, so that a kept matcher names no function)."""
        said = _alternatives(lexicon.interjections)
        # a run of them ("oh ok wait, ..."), the last set off from what follows
        self._interjected = re.compile(
            rf"^\s*(?:(?:{said})(?:{_MARK}|\s+))*?(?:{said}){_MARK}", re.IGNORECASE
        )
        self._words_of = words

    def strip(self, text: str) -> str:
        """`text` without the asides at its start; `text` itself when nothing is left or none
        was found."""
        out = text
        for _ in range(_ROUNDS):
            end = self._aside_end(out)
            if end is None:
                break
            out = out[end:]
        return out if out != text and out.strip(" \t\n,.!?-") else text

    def _aside_end(self, text: str) -> int | None:
        """Where the aside that opens `text` ends: a run of interjections, or words ending in
        "question" none of which a concept holds; None when it opens with neither."""
        if hit := self._interjected.match(text):
            return hit.end()
        hit = _QUESTION.match(text)
        if hit is None or any(map(self._words_of.topical, _WORD.findall(hit["words"].lower()))):
            return None
        return hit.end()
