"""How the sentences of a long post add up to the post's evidence for each class.

The matcher (`matcher.py`) reads a post sentence by sentence; `units` holds each sentence's
evidence for every class (the concerns, then small talk last). The best sentence counts fully
and every other one adds `REST` of its own, each later one weighing `DECAY` of the one before,
so the worry a post raises first or comes back to stands out. When some sentences ask, they
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


def post_total(units: Scores, asks: list[bool], adds: list[bool], told: list[bool]) -> Scores:
    """The evidence of a post of several sentences for each class, from each sentence's
    (`units`, a row a sentence), which of them ask, which add a point, and which tell the
    story around a worry and do not ask (`told`)."""
    asked = np.asarray(asks, dtype=bool)
    story = np.asarray(told, dtype=bool)
    order = DECAY ** np.arange(len(units))
    if any(asks):  # the sentences that ask, in their own order
        order[asked] = DECAY ** np.arange(int(np.add.reduce(asked)))
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
