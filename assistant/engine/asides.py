"""Asides around a question: what the matcher leaves out before it reads a message.

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

And at its end, after a question mark or another mark, an aside about the question itself that
asks nothing: up to eight words, one of them "question" or "q", none a word a concept holds or
a "no", not opening with a question word nor ending with a question mark ("... sorry if that's
a dumb question", "(silly question I know)", "..., serious question"). "... a question about
deletion", "... no question about it" and "... Is that a fair question?" stay.

A message that would be left empty ("hmm...") is read as it is.
"""

from __future__ import annotations

import re

from assistant.engine.lexicon import Lexicon
from assistant.engine.sign_offs import Topical, alternatives

_MARK = r"\s*(?:[,.:;!…]+|\s[-–—]+|[-–—]{2,})\s*"
"""What sets an aside off from the question after it: a comma, dots, a colon, a full stop or
"!", or a dash with a space before it ("hang on - ..."; not "well-being")."""
_QUESTION = re.compile(
    rf"^\s*(?P<words>(?:[^\W\d_][\w'’]*\s+){{0,7}})(?:question|q)(?:{_MARK}|\s+but\b\s*)",
    re.IGNORECASE,
)
"""Up to eight words ending in "question" or "q", set off from what follows."""
_WORD = re.compile(r"[^\W\d_]+")
_LAST_MARK = re.compile(r"(?:[?.!,;:(]|\s[-–—]+)(?P<aside>[^?.!,;:(]*)$")
"""The last part of a message, after its last mark."""
_ABOUT_THE_QUESTION = frozenset({"question", "q"})
"""The words an aside after a question is about the question by ("sorry if that's a dumb
question"). Not "ask", "asked" or "asking": "... I wasn't asked", "... she'd need asking too"
and "... officers still come round asking" are worries. (The lexicon's `closing` holds "asking
for a friend" and "sorry for asking", typed after a question with or without a mark.)"""
_NOT = frozenset({"no", "not", "never", "without", "nobody", "noone", "nothing", "t", "nt"})
"""Words that make an aside about the question something else ("... no question about it", "...
that's not a question, it's a complaint"); "t" is what is left of "didn't" apart."""
_ASIDE_AFTER_WORDS = 8
_TAIL = 100
"""How far from the end an aside after a question is looked for: eight words fit well within
it, and a long post is not searched through."""
_ROUNDS = 3
"""How many asides in a row are taken out ("ok wait, quick question: ...")."""


class Asides:
    """Takes the asides that open and end a message out of it (see the module)."""

    def __init__(self, lexicon: Lexicon, words: Topical) -> None:
        """`words.topical(word)`: whether a word (lower case) is one a concept of the lexicon
        holds (an object, not a function, so that a kept matcher names no function)."""
        # (no comma inside one: "hang, on" is no interjection)
        said = alternatives(lexicon.interjections, r"\s+")
        # a run of them ("oh ok wait, ..."), the last set off from what follows
        self._interjected = re.compile(
            rf"^\s*(?:(?:{said})(?:{_MARK}|\s+))*?(?:{said}){_MARK}", re.IGNORECASE
        )
        self._words_of = words
        self._starts = lexicon.asking_starts
        # the letters an interjection starts with: most messages open with none, at one look
        self._firsts = frozenset(p[0] for p in lexicon.interjections)

    def strip(self, text: str) -> str:
        """`text` without the asides at its start and end; `text` itself when nothing is left
        or none was found."""
        out = text
        for _ in range(_ROUNDS):
            end = self._aside_end(out)
            if end is None:
                break
            out = out[end:]
        cut = self._aside_after(out)
        out = out[:cut].rstrip() if cut < len(out) else out
        return out if out != text and out.strip(" \t\n,.!?-") else text

    def _aside_after(self, text: str) -> int:
        """Where the aside about the question that ends `text` starts (after a question mark
        before it, which stays); the end of `text` when it ends with none."""
        trimmed = text.rstrip(" \t\n.!)")
        start = max(0, len(trimmed) - _TAIL)
        if "q" not in trimmed[start:].lower():
            return len(text)  # the common case: no "question" near the end
        hit = _LAST_MARK.search(trimmed, start)
        if hit is None:
            return len(text)
        words = _WORD.findall(hit["aside"].lower())
        if (
            not words
            or len(words) > _ASIDE_AFTER_WORDS
            or _ABOUT_THE_QUESTION.isdisjoint(words)
            or not _NOT.isdisjoint(words)
            or words[0] in self._starts
            or any(map(self._words_of.topical, words))
        ):
            return len(text)
        start = hit.start()
        return start + 1 if text[start] == "?" else start

    def _aside_end(self, text: str) -> int | None:
        """Where the aside that opens `text` ends: a run of interjections, or words ending in
        "question" none of which a concept holds; None when it opens with neither."""
        opening = text[:_TAIL].lstrip().lower()
        if opening[:1] in self._firsts and (hit := self._interjected.match(text)):
            return hit.end()
        if "q" not in opening:  # the common case: no "question" near the start
            return None
        hit = _QUESTION.match(text)
        if hit is None or any(map(self._words_of.topical, _WORD.findall(hit["words"].lower()))):
            return None
        return hit.end()
