"""How the sentences of a long post add up to the post's evidence for each class.

The matcher (`matcher.py`) reads a post sentence by sentence; `units` holds each sentence's
evidence for every class (the concerns, then small talk last). The best sentence counts fully
and every other one adds `REST` of its own, each later one weighing less than the one before,
from 1 for the first down to `DECAY` for the last however long the post is (`_order`), so the
worry a post raises first or comes back to stands out. When some sentences ask, they
are counted in their own order (the story before them does not make them later), and each
other sentence is context ("I'm a nurse", "English is not my first language") that gives any
concern at most `NARRATIVE_CAP`, however like one of its examples it sounds; a sentence that
tells the story around a worry asked or stated elsewhere gives at most `TOLD_CAP`. A sentence
that opens by adding a point ("also, is it safe?") weighs `ADDED` of itself. Small talk is
judged where the worry is: a car or a phone in another sentence does not make a post
off-topic.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from assistant.engine.matcher_settings import ADDED, DECAY, NARRATIVE_CAP, REST, TOLD_CAP

Scores = NDArray[np.float64]


def _order(count: int) -> Scores:
    """The weights of `count` sentences in order: 1 for the first, `DECAY` for the last, evenly
    between in powers of `DECAY` (a post of two sentences: 1 and `DECAY`). A long story that
    states its worry at the end ("... and now I have to decide whether a machine keeps all of
    that") no longer has that sentence weigh almost nothing, as a fixed `DECAY` a sentence made
    it (0.8 to the power of 7 for the eighth)."""
    steps: Scores = np.arange(float(count)) / max(count - 1, 1)  # linspace, without its cost
    return DECAY**steps


def post_total(units: Scores, asks: list[bool], adds: list[bool], told: list[bool]) -> Scores:
    """The evidence of a post of several sentences for each class, from each sentence's
    (`units`, a row a sentence), which of them ask, which add a point, and which tell the
    story around a worry and do not ask (`told`)."""
    asked = np.asarray(asks, dtype=bool)
    story = np.asarray(told, dtype=bool)
    order = _order(len(units))
    if any(asks):  # the sentences that ask, in their own order
        order[asked] = _order(int(np.add.reduce(asked)))
    added = np.where(adds, ADDED, 1.0)
    weighed = units * (order * added)[:, None]
    if any(asks):
        weighed[~asked] = np.minimum(weighed[~asked], NARRATIVE_CAP)
    if not all(told):  # the story around a worry asked or stated elsewhere
        weighed[story] = np.minimum(weighed[story], TOLD_CAP)
    best = np.maximum.reduce(weighed, axis=0)
    total: Scores = best + REST * (np.add.reduce(weighed, axis=0) - best)
    # small talk where the worry is: the sentence with the best concern
    total[-1] = units[int(np.maximum.reduce(units[:, :-1], axis=1).argmax()), -1]
    return total
