"""Phrase patterns of the content files: `*` for a few other words, `**` for up to eight
(one longer clause), `{group}` for a word list.

`intents.toml` and `safety.toml` write what people say as phrases such as
"talk * {clinician}". A `PhraseSet` compiles them once into one regular expression over the
words of a message (as `Language.tokens` gives them, joined by single spaces), so finding any
of a hundred phrases is one scan, and every hit says which phrase it was and where it lies
(to check negation and figures of speech around it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.engine.language import Language, Words

GAP = 3
"""How many other words a `*` may stand for."""
LONG_GAP = 8
"""How many other words a `**` may stand for."""

_GROUP = re.compile(r"\{([a-z_]+)\}")


class PatternError(ValueError):
    """A phrase that cannot be compiled; the message names the file, the table and the phrase."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found: which (as written in the file) and which words it covers."""

    phrase: str
    start: int
    end: int


class PhraseSet:
    """Compiled phrases; `find()` lists every non-overlapping hit in a message's words."""

    def __init__(
        self,
        phrases: Sequence[str],
        language: Language,
        groups: Mapping[str, Sequence[str]] = {},
        where: str = "phrases",
    ) -> None:
        self.phrases = tuple(phrases)
        parts = []
        # The longest phrase wins where several start at one place ("i do not mind" over
        # "i do"): a regular expression takes the first alternative that fits.
        by_length = sorted(range(len(self.phrases)), key=lambda i: -len(self.phrases[i].split()))
        compiled: dict[str, str] = {}  # a group's alternation, spelt once however often used
        for i in by_length:
            pattern = _compile(self.phrases[i], language, groups, where, compiled)
            parts.append(f"(?P<p{i}>{pattern})")
        body = "|".join(parts) if parts else "(?!)"
        self._regex = re.compile(rf"(?<!\S)(?:{body})(?!\S)")

    def find(self, words: Words) -> list[Hit]:
        """Every hit in `words`, left to right, the longest where two start at one place."""
        text = " ".join(words)
        hits: list[Hit] = []
        pos = 0
        while pos <= len(text):
            m = self._regex.search(text, pos)
            if m is None:
                break
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            start = text[: m.start()].count(" ") if m.start() else 0
            end = start + len(m.group(0).split())
            hits.append(Hit(self.phrases[index], start, end))
            pos = m.end() + 1
        return hits

    def find_overlapping(self, words: Words) -> list[Hit]:
        """The longest hit starting at each word, overlaps kept: in "i do not have a problem"
        the short "i do" does not hide the longer "do not have a problem" that starts inside
        it (the caller decides which of two overlapping hits counts), and the safety net sees
        both of two overlapping signs."""
        text = " ".join(words)
        hits: list[Hit] = []
        pos = 0
        for start, word in enumerate(words):
            m = self._regex.match(text, pos)
            if m is not None and m.end() > m.start():
                index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
                hits.append(Hit(self.phrases[index], start, start + len(m.group(0).split())))
            pos += len(word) + 1
        return hits

    def whole(self, words: Words) -> str | None:
        """The phrase that is the whole of `words`, if one is."""
        for hit in self.find(words):
            if hit.start == 0 and hit.end == len(words):
                return hit.phrase
        return None


def _compile(
    phrase: str,
    language: Language,
    groups: Mapping[str, Sequence[str]],
    where: str,
    compiled: dict[str, str],
) -> str:
    pieces: list[str] = []
    for raw in phrase.split():
        if raw in ("*", "**"):
            pieces.append(f"(?:\\S+ ){{0,{GAP if raw == '*' else LONG_GAP}}}")
            continue
        token = _GROUP.fullmatch(raw)
        if token:
            name = token.group(1)
            if name not in groups:
                raise PatternError(f"{where}: {phrase!r} names no group {{{name}}}")
            if name not in compiled:
                options = sorted(
                    {" ".join(language.tokens(o)) for o in groups[name]} - {""},
                    key=len,
                    reverse=True,
                )
                compiled[name] = "(?:" + "|".join(map(re.escape, options)) + ") "
            pieces.append(compiled[name])
            continue
        words = language.tokens(raw)
        if not words:
            raise PatternError(f"{where}: {phrase!r} has a part with no words ({raw!r})")
        pieces.append(re.escape(" ".join(words)) + " ")
    if not pieces or all(p.startswith("(?:\\S+") for p in pieces):
        raise PatternError(f"{where}: {phrase!r} has no words")
    pattern = "".join(pieces)
    return pattern[:-1] if pattern.endswith(" ") else pattern
