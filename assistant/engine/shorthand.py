"""Texting shorthand that is not a word: what the language layer spells out around its words.

Most shorthand is a word of its own ("u", "ppl", "b4") and `[contractions]` in
`dialogs/language.toml` spells it out. Two kinds are not, and `Language.tokens` reads them here
(`[shorthand]`), as lists the content owns:

* signs typed for a word: "me & my partner", "w/ my mum", "is it kept w/o my name". Signs are
  punctuation, which the words drop, so they are spelt out first, wherever a word may start
  ("me&my mum", "w/my mum"), but not inside a word ("and/or" holds no "r/").
* a digit typed for a word between two words: "i want 2 know", "is it 4 my therapist". A digit
  stays a number before a word it counts ("2 weeks", "4 sessions", "a 2 hour session": a
  plural, or one of `counted`), after a word a number follows ("see u at 4", `numbers_after`),
  and at either end of a message or beside a mark ("me 2", "2%", "2:30").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Shorthand:
    """The shorthand of `[shorthand]`: signs and digits, each with the words it stands for."""

    signs: tuple[tuple[str, str], ...] = ()
    """Each sign and what it is spelt out as ("&" -> "and")."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """Each digit typed for a word between two words, and that word ("2" -> "to")."""
    counted: frozenset[str] = frozenset()
    """Words a number counts though they are no plural ("2 people", "a 2 hour session")."""
    not_plural: frozenset[str] = frozenset()
    """Words that end in "s" and count nothing ("listen 2 this", "talk 2 us")."""
    numbers_after: frozenset[str] = frozenset()
    """Words a number follows ("at 4", "from 2 to 4", "the 2 of us"): a digit after one stays."""

    def spell_signs(self, folded: str) -> str:
        """`folded` (lower case) with every sign spelt out as its words."""
        if not self.signs:
            return folded
        pattern, marks, words = _signs(self.signs)
        if not any(mark in folded for mark in marks):  # the common case: no sign at all
            return folded
        return pattern.sub(lambda hit: f" {words[hit.group()]} ", folded)

    def spell_digits(self, folded: str) -> str:
        """`folded` (lower case) with each digit typed for a word spelt out: a digit alone
        between two words, spaces either side ("want 2 know"; not "2%", "2:30" or "me 2"),
        after a word no number follows (`numbers_after`: "at 4", "from 2") and before one it does
        not count (`_counts`)."""
        digits = self.digits
        if not digits or not any(digit in folded for digit in digits):
            return folded

        def spelt(hit: re.Match[str]) -> str:
            before, digit, after = hit.groups()
            if digit not in digits or before in self.numbers_after or self._counts(after):
                return hit.group()
            return f"{before} {digits[digit]}"

        return _DIGIT_BETWEEN.sub(spelt, folded)

    def _counts(self, word: str) -> bool:
        """Whether a number before `word` counts it: a plural ("weeks"), or `counted`."""
        plural = len(word) > 2 and word.endswith("s") and not word.endswith("ss")
        return word in self.counted or (plural and word not in self.not_plural)


_DIGIT_BETWEEN = re.compile(r"(?<![^\W_])([^\W\d_]+)[^\S\r\n]+(\d+)(?=[^\S\r\n]+([^\W\d_]+)\b)")
"""A number alone between two words (spaces or tabs either side, on one line: "want  2 know" as
"want 2 know", but not a number that opens a line): the word before it, the number, and the word
after it (not taken: it may come before the next number)."""


@functools.cache
def _signs(
    signs: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], frozenset[str], dict[str, str]]:
    """One pattern finding every sign (a longer one first; one that begins with a letter only
    where a word may start, one that ends with a letter only where a word ends), the marks
    that show a message may hold one (each sign's characters that are not letters), and the
    words each sign becomes."""
    words = dict(signs)
    alternatives = []
    for sign in sorted(words, key=len, reverse=True):
        before = r"(?<![^\W_])" if sign[0].isalnum() else ""
        after = r"(?![^\W_])" if sign[-1].isalnum() else ""
        alternatives.append(before + re.escape(sign) + after)
    marks = frozenset(c for sign in words for c in sign if not c.isalnum())
    return re.compile("|".join(alternatives)), marks, words
