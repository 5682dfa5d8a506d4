"""Phrase patterns of the content files: `*` for a few other words, `**` for up to eight
(one longer clause), `{group}` for a word list.

`intents.toml` and `safety.toml` write what people say as phrases such as
"talk * {clinician}". A `PhraseSet` compiles them once into regular expressions over the
words of a message (as `Language.tokens` gives them, joined by single spaces), one for each
way a phrase can start (a word, a group, or a gap that lets it start anywhere), so that at each
word only the phrases that can start there are tried. Every hit says which phrase it was and
where it lies (to check negation and figures of speech around it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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
        # The longest phrase wins where several start at one place ("i do not mind" over
        # "i do"): a regular expression takes the first alternative that fits.
        by_length = sorted(range(len(self.phrases)), key=lambda i: -len(self.phrases[i].split()))
        self._rank = {index: rank for rank, index in enumerate(by_length)}
        # A phrase can start only with its first word, or one of its first group's (or, after
        # a `*`, with any word): each word of a message is matched against the phrases that can
        # start with it, not against them all, and of the hits the first in the set's order is
        # taken, as one expression of them all would take it. (Python's regular expressions try
        # every alternative at every word: a word against the safety net's hundreds of phrases
        # cost about a tenth of a millisecond.)
        # Each of those expressions is compiled the first time a message has a word it can
        # start at: compiling them all took half the time a process needed to load the
        # content (some 900 of them, most for words few messages hold), and every command,
        # kiosk and web front loads it at start.
        compiled: dict[str, _Group] = {}  # each group spelt once however often used
        starting: dict[str | None, list[str]] = {}  # a first word, "{group}" or None: patterns
        for i in by_length:
            pattern, start = _compile(self.phrases[i], language, groups, where, compiled)
            starting.setdefault(start, []).append(f"(?P<p{i}>{pattern})")
        self._parts = starting
        self._regexes: dict[str | None, re.Pattern[str]] = {}  # compiled so far, by start
        self._groups_at: dict[str, list[str]] = {}  # a word: the groups a phrase starts with
        for start in self._parts:
            if start is not None and start.startswith("{"):
                for first in compiled[start[1:-1]].firsts:
                    self._groups_at.setdefault(first, []).append(start)

    def _regex(self, start: str | None) -> re.Pattern[str] | None:
        """The expression of the phrases that start with `start` (a word, a "{group}", or None
        for those that can start anywhere), compiled on first use; None if no phrase does.
        Only the content's own starts are ever kept, never a word of a message."""
        regex = self._regexes.get(start)
        if regex is None and (parts := self._parts.get(start)) is not None:
            regex = self._regexes[start] = _joined(parts)
        return regex

    def _match(self, text: str, pos: int, word: str) -> tuple[int, int] | None:
        """The phrase first in the set's order that matches `text` from `pos` (at `word`), and
        how many words it covers."""
        best: tuple[int, int, int] | None = None
        for start in (word, *self._groups_at.get(word, ()), None):
            regex = self._regex(start)
            m = regex.match(text, pos) if regex is not None else None
            if m is not None and m.end() > m.start():
                index = _which(m)
                if best is None or self._rank[index] < best[0]:
                    best = (self._rank[index], index, len(m.group(0).split()))
        return best[1:] if best is not None else None

    def find(self, words: Words) -> list[Hit]:
        """Every hit in `words`, left to right, the longest where two start at one place."""
        text = " ".join(words)
        hits: list[Hit] = []
        pos = 0
        after = 0  # the first word a next hit may start at
        for start, word in enumerate(words):
            if start >= after and (hit := self._match(text, pos, word)) is not None:
                after = start + hit[1]
                hits.append(Hit(self.phrases[hit[0]], start, after))
            pos += len(word) + 1
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
            if (hit := self._match(text, pos, word)) is not None:
                hits.append(Hit(self.phrases[hit[0]], start, start + hit[1]))
            pos += len(word) + 1
        return hits

    def whole(self, words: Words) -> str | None:
        """The phrase that is the whole of `words`, if one is."""
        for hit in self.find(words):
            if hit.start == 0 and hit.end == len(words):
                return hit.phrase
        return None


class _Group(NamedTuple):
    """A `{group}` compiled: the alternation of its words, and the words they start with."""

    pattern: str
    firsts: frozenset[str]


def _compile(
    phrase: str,
    language: Language,
    groups: Mapping[str, Sequence[str]],
    where: str,
    compiled: dict[str, _Group],
) -> tuple[str, str | None]:
    """The phrase's pattern, and what it starts with: its first word, its first "{group}", or
    None (any word, after a `*`)."""
    pieces: list[str] = []
    start: str | None = None
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
                compiled[name] = _Group(
                    "(?:" + "|".join(map(re.escape, options)) + ") ",
                    frozenset(o.split(" ")[0] for o in options),
                )
            if not pieces:
                start = raw
            pieces.append(compiled[name].pattern)
            continue
        words = language.tokens(raw)
        if not words:
            raise PatternError(f"{where}: {phrase!r} has a part with no words ({raw!r})")
        if not pieces:
            start = words[0]
        pieces.append(re.escape(" ".join(words)) + " ")
    if not pieces or all(p.startswith("(?:\\S+") for p in pieces):
        raise PatternError(f"{where}: {phrase!r} has no words")
    pattern = "".join(pieces)
    return (pattern[:-1] if pattern.endswith(" ") else pattern), start


def _joined(parts: Sequence[str]) -> re.Pattern[str]:
    """One expression trying `parts` in order, each only as whole words."""
    body = "|".join(parts) if parts else "(?!)"
    return re.compile(rf"(?<!\S)(?:{body})(?!\S)")


def _which(m: re.Match[str]) -> int:
    """The index of the phrase a match of `_joined` parts found (the phrases' own groups
    capture nothing, so the last group matched is the phrase's)."""
    name = m.lastgroup
    if name is None:  # never: each part is one named group, with none inside it
        raise PatternError("a phrase was found outside its own group")
    return int(name[1:])
