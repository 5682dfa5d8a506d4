"""Word-level tools of the language layer (`language.py`): where a phrase lies in a reply's
words, and typo repair (`Mender`): a misspelt word mended towards a known vocabulary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz.distance import OSA, Levenshtein

Words = tuple[str, ...]


def find_phrase(words: Words, phrase: Words) -> list[int]:
    """Every index where `phrase` starts in `words`, word-aligned."""
    n = len(phrase)
    if not n or n > len(words) or phrase[0] not in words:  # most phrases: not there at all
        return []
    first = phrase[0]
    return [
        i
        for i in range(len(words) - n + 1)
        if words[i] == first and (n == 1 or words[i : i + n] == phrase)
    ]


def has_phrase(words: Words, phrase: Words) -> bool:
    """True when `phrase` occurs in `words`, word-aligned ("days" is not in "today's")."""
    return bool(find_phrase(words, phrase))


def first_phrase(words: Words, phrases: Iterable[Words]) -> Words | None:
    """The first of `phrases` (in list order) that occurs in `words`."""
    return next((p for p in phrases if has_phrase(words, p)), None)


# ---------------------------------------------------------------- typo repair

MEND_MIN = 5
"""Words shorter than this are never mended (too many real words are one edit apart): the
default, for the yes and no words of a reply and the safety net's words."""
QUESTION_MEND_MIN = 4
"""The shortest word of a question that is mended ("pont", "thik", "puse"), towards a content
word of three letters or more, and a word of three that is one word with a letter left out
("rsk", `Mender`'s `letter_left_out`). With real English words kept and the slips people make
ranked first, every check set's short questions with a slip in a quarter of their longer words
were read right more often than with five (`bench/bench_typed.py`, with the ranking as it is now:
a letter dropped 3,852 -> 3,897 of 4,178, two swapped 3,911 -> 3,946, a near key 3,890 ->
3,927), and as written about as often (3,966 -> 3,964)."""
FIRST_LETTER_MAX = 7
"""Words up to this long are only mended into words with the same first letter."""


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


VOWELS = frozenset("aeiouy")
"""A vowel typed for another is how a word sounds ("privite"), not a slip of a far key."""


def swapped_letters(typed: str, meant: str, near: Mapping[str, frozenset[str]]) -> tuple[int, int]:
    """How many letters of `typed` stand for another letter of `meant`: first those that are
    neither a neighbouring key (`slips.neighbours`) nor a vowel for a vowel, then all. A letter
    dropped, doubled or moved is the likeliest slip, then a near key or a vowel heard for
    another, then a far key: "paues" is "pause" (0, 0) before "pages" (1, 1), "scure" is
    "secure" (0, 0) before "score" (0, 1), "refse" is "refuse" (0, 0) before "reuse" (1, 1)."""
    far = replaced = 0
    for op in Levenshtein.editops(typed, meant):
        if op.tag == "replace":
            replaced += 1
            a, b = typed[op.src_pos], meant[op.dest_pos]
            if not (a in near.get(b, ()) or (a in VOWELS and b in VOWELS)):
                far += 1
    return far, replaced


class Mender:
    """Mends a misspelt word towards a known vocabulary: one edit for words of up to seven
    letters (same first letter), two for longer ones; a word already known, or a real word of
    `words`, stays as it is.

    Symmetric deletes find candidates fast; rapidfuzz's OSA distance (a swap of two letters is
    one edit) ranks them, then the slips people make: a letter dropped, doubled or moved, or a
    neighbouring key or a vowel for a vowel, before a far key ("refse" is "refuse", not
    "reuse"), then a word of the typed length before one a letter longer or shorter ("raed" is
    "read", not "rated"). Words of `fallback` are mended towards only when no word of the
    vocabulary is as close. Never cached by text: a cache would keep words a client typed after
    the kiosk wipes the session."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        everyday: Iterable[str] = (),
        words: frozenset[str] = frozenset(),
        *,
        fallback: Iterable[str] = (),
        near: Mapping[str, frozenset[str]] | None = None,
        shortest: int = MEND_MIN,
        letter_left_out: bool = False,
    ) -> None:
        """`vocabulary`: the words to mend towards; `everyday`: words kept as they are and
        never mended towards, but for those also in `fallback`; `words`: real words
        (`english.py`), kept as they are; `near`: each key's neighbours on the keyboard;
        `shortest`: the shortest word mended (towards words one letter shorter or more; an
        everyday word of `fallback` has four letters or more); with `letter_left_out`, a word
        one letter shorter still is mended when it is one word with a letter left out, and
        only one ("rsk" is "risk"; "frm" may be "form", "from" or "firm" and stays)."""
        targets = {w for w in vocabulary if w.isalpha()}
        self.known = frozenset(targets | set(everyday))
        self.words = words
        self.near: Mapping[str, frozenset[str]] = near or {}
        self.shortest = shortest
        self.letter_left_out = letter_left_out
        mended_to = {w for w in targets - set(everyday) if len(w) >= shortest - 1}
        self._fallback = frozenset(  # never towards an everyday "the", "and" or "you"
            w for w in fallback if w.isalpha() and len(w) >= MEND_MIN - 1
        ).difference(mended_to)
        self._by_delete: dict[str, list[str]] = defaultdict(list)
        for word in sorted(mended_to | self._fallback):
            for key in _deletes(word) | {word}:
                self._by_delete[key].append(word)

    def mend(self, word: str, also_known: frozenset[str] = frozenset()) -> str:
        """The known word `word` was most likely meant to be (itself when unsure)."""
        shortest = self.shortest - 1 if self.letter_left_out else self.shortest
        if word in self.known or word in also_known or len(word) < shortest:
            return word
        if word in self.words:  # "cancer" is no slip of "cancel"
            return word
        if not word.isalpha():
            return word
        if len(word) < self.shortest:  # one word with a letter left out, or none ("rsk")
            whole = [w for w in self._by_delete.get(word, ()) if len(w) == len(word) + 1]
            whole = [w for w in whole if w[0] == word[0]]
            return whole[0] if len(whole) == 1 else word
        found: set[str] = set()
        for key in _deletes(word) | {word}:
            found.update(self._by_delete.get(key, ()))
        if len(word) <= FIRST_LETTER_MAX:  # "glass" is not "class", "pending" not "vending"
            found = {w for w in found if w[0] == word[0]}
        found.discard(word[:-1] if word.endswith("s") else "")  # "sounds" is no slip of "sound"
        limit = 1 if len(word) <= 7 else 2
        near, fallback = self.near, self._fallback
        best = min(
            (
                (
                    distance,
                    swapped_letters(word, w, near),
                    abs(len(w) - len(word)),
                    w in fallback,
                    w,
                )
                for w in found
                if (distance := OSA.distance(word, w)) <= limit
            ),
            default=None,
        )
        return best[-1] if best is not None else word

    def mend_all(self, words: Sequence[str]) -> Words:
        """Every word mended."""
        return tuple(self.mend(w) for w in words)
