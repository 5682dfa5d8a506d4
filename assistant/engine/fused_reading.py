"""How one message reads once the matcher has fused its readings (`Matcher._fused`), and the
small steps of working with it: its scores kept within what a reading may give (`capped`) and
its two best concerns (`two_best`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from assistant.engine.main_worry import PostReading
from assistant.engine.matcher_settings import SEMANTIC_MAX

Scores = NDArray[np.float64]


@dataclass(frozen=True)
class FusedReading:
    """How one message reads (`Matcher._fused`): the 0..100 score of every class for the whole
    of it and for each sentence, whether the two readings taken alone put the same class
    first, which sentences ask, open by adding a point, tell the story around a worry and do
    not ask, or stress their worry as the main one, and (for `main_worry.py`) the semantic
    reading of the whole as one text (`theme`) and as a post (`post`; for a message of one
    sentence both are its sentence's) and the lexical evidence summed (`words`)."""

    whole: Scores
    rows: Scores
    agree: bool
    asks: list[bool]
    adds: list[bool]
    told: list[bool]
    stress: list[bool]
    theme: Scores
    post: Scores
    words: Scores
    asks_two: bool
    """One sentence asking two things, read as its two halves (`one_sentence`)."""
    marked: list[bool]
    """Which sentences end with a question mark."""
    units: Scores
    """`whole` as evidence, worked out before it became a score: a score rounded to a tenth
    saturates, every class with more than about 7.6 units of evidence reading 100.0."""

    @cached_property
    def as_post(self) -> PostReading:
        """What `main_worry.py` and `second_worry.py` read of a message of several sentences
        (one object, so that their shared traits are worked out once)."""
        return PostReading(
            self.whole,
            self.rows,
            self.theme,
            self.post,
            self.words,
            self.asks,
            self.adds,
            self.stress,
        )


def capped(scores: Scores) -> Scores:
    """A reading's scores from 0 up to `SEMANTIC_MAX` (`np.clip`, without its wrapper)."""
    return np.minimum(np.maximum(scores, 0.0), SEMANTIC_MAX)


def two_best(rounded: list[float], units: Scores) -> tuple[int, int]:
    """The indices of the two best concerns by their `rounded` scores, two equal ones by their
    evidence as worked out (`FusedReading.units`), then in file order: past about 7.6 units every
    score reads 100.0, and file order put one of two such concerns first whichever had more.
    (Held out by round, short questions 7,103 -> 7,107 of 7,854 right, posts 2,891 of 3,051 as
    before; every check set, posts 2,679 -> 2,682 of 2,839, short questions 3,726 as before.)"""
    evidence = units.tolist()  # (Python floats: a numpy scalar a look-up costs more)
    order = sorted(range(len(rounded)), key=lambda i: (-rounded[i], -evidence[i]))
    return order[0], order[1]
