"""Names and signatures around a message: what the matcher leaves out before it reads one.

Clients write to a clinic the way they write letters, emails and texts: "Hi Dr Lee, is it
private? Thanks, Priya", "Hello, this is Tomasz. Who reads the notes?", "... Sent from my
iPhone". None of that is a worry, but a name is a word the concerns never use, and the
readings took "thanks priya" for small talk and "sent from my iphone" for a question about
devices. `SignOffs.strip` takes out, from the text as typed (capital letters still tell a name):

- at the end, a phone's or mail program's footer (the lexicon's `footers`: "Sent from my
  iPhone", "Get Outlook for Android");
- at the end, thanks or a sign-off and the name after it (`sign_offs`, and `line_sign_offs` on
  a line or sentence of its own: "Thanks, Priya", "Kind regards, J. Novak", "Best,\\nTom");
- at the end, a name after a dash, a tilde or on a line of its own ("- Tom", "~Wen");
- at the start, the name after a greeting ("Hi Dr Lee, ...": the greeting stays, and is read as
  greetings are), and the writer's own name given as a sentence ("this is Priya.").

A name is one to three words, none of which a concept of the lexicon holds (as typed or as
mended), and which are capitalised, an initial, a title (`titles`: "Dr", "Mrs") or no English
word at all. After thanks, where a name is expected, any words do but a concept's, a question
word or a "no", unless the first is a word that carries no topic typed in lower case ("thanks
to the recording") or a "no" comes before the thanks ("no thanks, Priya"). What is left is read
as before; a message that would be left empty is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from assistant.engine.lexicon import Lexicon

_WORDS = r"[^\W\d_][\w'’.-]*"
"""A word of a name as typed: "Priya", "O'Neill", "J.", "Smith-Jones"."""
_NAME = rf"{_WORDS}(?:[ \t]+{_WORDS}){{0,2}}"
_LETTERS = re.compile(r"[^\W\d_]+")
_MARKS = str.maketrans(dict.fromkeys(",.;:!?()[]\"'’‘“”-–—~/*_", " "))
"""Marks between words, as spaces: a quick look for a sign-off's words near the end."""
_HERE = re.compile(r"\s+here$", re.IGNORECASE)
"""How a writer may end their name ("it's Fatima here")."""
_NO = frozenset({"no", "not", "nope", "never", "nah"})


TAIL = 100
"""How far from its end a message's sign-off, name or footer is looked for: the longest
("Sent from my Samsung Galaxy smartphone", "Yours faithfully, Mr Ade Bello") are far shorter,
and looking through a whole post for one cost five times as long."""


def _tail(text: str) -> int:
    """Where in `text` the search for what ends it starts (`TAIL`; the text before it is still
    seen by what looks behind, and "^" holds only at its real start)."""
    return max(0, len(text) - TAIL)


def _said_no(before: str) -> bool:
    """Whether `before` ends in a no ("no thanks, ..." declines)."""
    words = re.findall(r"[^\W_]+", before[-12:].lower())
    return bool(words) and words[-1] in _NO


def alternatives(phrases: Iterable[str], spacing: str = r"[\s,]+") -> str:
    """`phrases` as one regular-expression alternative, longest first, `spacing` between their
    words (by default any spacing, or a comma: "thanks, so much"); a pattern that matches
    nothing when there are none (a lexicon that leaves a list out)."""
    # (then alphabetically: a set's order changes from process to process)
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(spacing.join(map(re.escape, p.split())) for p in ordered) or r"(?!x)x"


class Topical(Protocol):
    """What tells a concern's word (the matcher's analyzer: a concept of the lexicon holds it)."""

    def topical(self, word: str) -> bool: ...


class SignOffs:
    """Takes the names, sign-offs and footers around a message out of it (see the module)."""

    def __init__(self, lexicon: Lexicon, words: Topical, english: frozenset[str]) -> None:
        """`words.topical(word)`: whether a word (lower case) is one a concept of the lexicon
        holds (an object, not a function, so that a kept matcher names no function);
        `english`: the English words, lower case (a name is often none)."""
        self._words_of = words
        self._english = english
        self._titles = lexicon.titles
        self._asking = lexicon.asking_starts
        self._stop = lexicon.stop
        thanks = alternatives(lexicon.sign_offs)
        signing = alternatives(lexicon.line_sign_offs)
        greeting = alternatives(lexicon.opening)
        footers = alternatives(lexicon.footers)
        introducing = alternatives(lexicon.introducing)
        # the first words of what may end a message: most messages hold none near their end,
        # and are not searched further
        ends = (*lexicon.sign_offs, *lexicon.line_sign_offs, *lexicon.footers)
        self._end_words = frozenset(_LETTERS.findall(" ".join(e.split()[0] for e in ends)))
        flags = re.IGNORECASE
        self._footer = re.compile(rf"(?:^|(?<=[\n.!?]))\s*(?:{footers})(?P<rest>[^\n.!?]*)$", flags)
        # thanks anywhere before the end; a sign-off only where a line or sentence starts
        self._signed = re.compile(
            rf"(?:(?<![^\s,.!?(-])(?:{thanks})|(?:^|(?<=[\n.!?]))\s*(?:{signing}))\b"
            rf"[\s,.!:;~-]*(?P<name>{_NAME})[\s.!)~-]*$",
            flags,
        )
        self._dashed = re.compile(rf"(?:\s[-–—~]+|\n)\s*(?P<name>{_NAME})[\s.!]*$")
        self._addressed = re.compile(
            rf"^\s*(?P<greeting>(?:{greeting}))[ \t]+(?P<name>{_NAME})[ \t]*[,:!.\n—–-]", flags
        )
        self._introduced = re.compile(
            rf"^\s*(?:(?:{greeting})[\s,.!]*)?(?:{introducing})[ \t]+(?P<name>{_NAME})"
            rf"(?:[ \t]+here)?[ \t]*[,.!\n]",
            flags,
        )

    def strip(self, text: str) -> str:
        """`text` without the names, sign-offs and footers around it (the module says which);
        `text` itself when nothing is left or nothing was found."""
        out = text.rstrip()
        start = _tail(out)
        ending = not self._end_words.isdisjoint(out[start:].lower().translate(_MARKS).split())
        if ending and (hit := self._footer.search(out, start)):
            out = out[: hit.start()].rstrip() if self._plain_words(hit["rest"]) else out
        out = out[: self._name_at_end(out, ending)].rstrip()
        if (hit := self._introduced.match(out)) and self._is_name(_HERE.sub("", hit["name"])):
            out = out[hit.end() :].lstrip()
        elif (hit := self._addressed.match(out)) and self._is_name(hit["name"], titles=True):
            out = f"{hit['greeting']}, {out[hit.end() :].lstrip()}"
        return out if out.strip(" \t\n,.!?-") else text

    def _name_at_end(self, text: str, signed: bool) -> int:
        """Where the writer's name at the end of `text` starts, with the thanks or sign-off
        (looked for only when `signed`: one of their words is near the end) or the dash before
        it; the length of `text` when it ends in none."""
        start = _tail(text)
        hit = self._signed.search(text, start) if signed else None
        if hit and self._after_thanks(hit["name"]) and not _said_no(text[: hit.start()]):
            return hit.start()
        if (hit := self._dashed.search(text, start)) and self._is_name(hit["name"]):
            return hit.start()
        return len(text)

    def _words(self, name: str) -> list[str]:
        """The words of a name as typed, without the marks around them ("J." is "J")."""
        return [w.strip(".'’-") for w in name.split()]

    def _plain_words(self, rest: str) -> bool:
        """A footer's words after its opening ("my iPhone"): at most three, none topical."""
        words = _LETTERS.findall(rest.lower())
        return len(words) <= 3 and not any(self._words_of.topical(w) for w in words)

    def _after_thanks(self, name: str) -> bool:
        """Words after thanks, where a name is expected: none topical, asking or a no, and the
        first not a word that carries no topic typed in lower case ("thanks *to* the
        recording"); capitalised, it may be a name ("Thanks, Jordan")."""
        typed = [w for w in self._words(name) if w]
        words = [w.lower() for w in typed]
        if not words or (words[0] in self._stop and not typed[0][0].isupper()):
            return False
        return not any(self._words_of.topical(w) or w in self._asking or w in _NO for w in words)

    def _is_name(self, name: str, titles: bool = False) -> bool:
        """Whether `name` as typed reads as a person's name: each word capitalised, an initial,
        a title or no English word, and none topical."""
        words = [w for w in self._words(name) if w]
        if not words:
            return False
        for word in words:
            low = word.lower()
            if self._words_of.topical(low) or low in self._asking or low in _NO:
                return False
            title = titles and low in self._titles
            if not (title or word[0].isupper() or len(word) == 1 or low not in self._english):
                return False
        return not all(w.lower() in self._titles for w in words)
