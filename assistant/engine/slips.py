"""Slips of the finger in a one-word answer: "ues" for "yes", "yeas", "nopw", "nahh".

A whole reply of one word that is not a known word but is one keyboard slip away from a yes or
no word was most likely meant as that word: a neighbouring key hit instead of the right one
("ues", "yrs"), or as well as it ("yeas", "yess"), or two letters swapped ("yse"). A last
letter typed twice counts once ("nahh", "okk"). A slip that could be a yes word and a no word
both is neither. The keyboard rows are `[typing] keyboard` in `language.toml` and the words a
slip may stand for are `[slips]` in `intents.toml`; this module holds only the behaviour.
Inside longer replies words are never mended this way: "hes" in a sentence is "he's".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

SLIP_MIN = 3
"""Shorter words are too often something else ("bo", "ni")."""


def neighbours(rows: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each key's neighbours on a keyboard given as rows of keys, the row above and below
    offset by half a key as on a real keyboard."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            found = near.setdefault(key, set())
            found.update(row[max(c - 1, 0) : c + 2])
            if r > 0:
                found.update(rows[r - 1][c : c + 2])
            if r + 1 < len(rows):
                found.update(rows[r + 1][max(c - 1, 0) : c + 1])
            found.discard(key)
    for key, others in near.items():  # a neighbour's neighbour is its neighbour both ways
        for other in others:
            near.setdefault(other, set()).add(key)
    return {key: frozenset(others) for key, others in near.items()}


def is_slip(typed: str, meant: str, near: Mapping[str, frozenset[str]]) -> bool:
    """True when `typed` is `meant` with one keyboard slip: a neighbouring key instead of one
    letter, a neighbouring or repeated key typed beside a letter, or two letters swapped."""
    if typed == meant:
        return False
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diff) == 1:
            i = diff[0]
            return typed[i] in near.get(meant[i], frozenset())
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return typed[i] == meant[i + 1] and typed[i + 1] == meant[i]
        return False
    if len(typed) != len(meant) + 1:
        return False
    for i, extra in enumerate(typed):
        if typed[:i] + typed[i + 1 :] == meant:
            beside = {typed[j] for j in (i - 1, i + 1) if 0 <= j < len(typed)}
            if any(extra == b or extra in near.get(b, frozenset()) for b in beside):
                return True
    return False


class Slips:
    """Reads a one-word reply that slipped towards a yes or no word."""

    def __init__(
        self,
        keyboard: Sequence[str],
        targets: Mapping[str, Iterable[str]],
        answers: Iterable[str],
        everyday: Iterable[str] = (),
        doubled: Iterable[str] = (),
    ) -> None:
        self.near = neighbours(keyboard)
        self.targets = {kind: tuple(words) for kind, words in targets.items()}
        self.answers = frozenset(answers)
        """The yes and no words."""
        self.known = self.answers | frozenset(everyday)
        """Real words stay what they are ("hope" is not "nope")."""
        self.doubled = frozenset(doubled)
        """Words whose last letter typed twice counts once in a longer reply ("nahh")."""

    def undoubled(self, words: Sequence[str]) -> tuple[str, ...]:
        """`words` with a yes or no word's last letter typed twice counted once, in a reply
        of any length ("nahh I'm good", "yepp go ahead"); real words stay as they are."""
        return tuple(
            w[:-1]
            if len(w) >= SLIP_MIN
            and w[-1] == w[-2]
            and w not in self.known
            and w[:-1] in self.doubled
            else w
            for w in words
        )

    def meant(self, words: Sequence[str]) -> str | None:
        """The yes or no word a one-word reply slipped from, or None."""
        if len(words) != 1:
            return None
        word = words[0]
        if word in self.known or len(word) < SLIP_MIN or not word.isalpha():
            return None
        if word[-1] == word[-2] and word[:-1] in self.doubled:
            return word[:-1]  # "nahh", "okk", "yupp"
        half = len(word) // 2
        if word[:half] == word[half:] and word[:half] in self.answers:
            return word[:half]  # "yesyes", "yepyep", "nono": the word said twice, unspaced
        hits = {
            (kind, target)
            for kind, words_ in self.targets.items()
            for target in words_
            if is_slip(word, target, self.near)
        }
        kinds = {kind for kind, _ in hits}
        return sorted(hits)[0][1] if len(kinds) == 1 else None
