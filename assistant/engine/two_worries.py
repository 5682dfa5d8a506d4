"""A long post with two worries: which one is the main one, and the second one to offer.

The matcher (`matcher.py`) reads a post sentence by sentence; `rows` holds each sentence's
0..100 score for every class (the concerns, then small talk last), `whole` the post's. Of two
worries a post weighs about equally, the one raised first is the main one (`raised_first`);
a different worry one sentence is clearly about is offered as "You also asked about ..."
(`second_worry`). When some sentences ask, only they count: the story around a question
raises no worry of its own.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from assistant.engine.matcher_settings import (
    ALSO_MIN,
    ALSO_MIN_ADDED,
    ALSO_OWN,
    ALSO_RATIO,
    ALSO_RATIO_ADDED,
    RAISED,
)

Scores = NDArray[np.float64]


def raised_first(one: int, other: int, rows: Scores, asks: list[bool]) -> bool:
    """Whether the first sentence that raises a worry (its own best concern scoring at
    least `RAISED` there; one that asks, when any does) raises concern `one`, and some
    sentence raises `other` too: a post about two worries, `one` first."""
    tops = rows[:, :-1].argmax(axis=1)
    raised = rows[np.arange(len(rows)), tops] >= RAISED
    asking = raised & np.asarray(asks) if any(asks) else raised
    return bool(
        asking.any() and tops[int(asking.argmax())] == one and (raised & (tops == other)).any()
    )


def second_worry(
    main: int, whole: Scores, rows: Scores, asks: list[bool], adds: list[bool]
) -> int | None:
    """A second concern that one sentence of a long message is clearly about, or None:
    the sentence's own best concern, not the main one, scoring at least `ALSO_MIN` there
    (and more than small talk, and more than the main one by `ALSO_OWN`), and at least
    `ALSO_RATIO` of the main one over the whole; less (`ALSO_MIN_ADDED`,
    `ALSO_RATIO_ADDED`) in a sentence that asks and adds a point ("and separately, can I
    get a copy?"). When some sentences ask, only they can raise it: "I'm not a lawyer" in
    the story is no question about the courts. `main` is the main concern's index."""
    if len(rows) < 2:
        return None
    tops = rows[:, :-1].argmax(axis=1)
    at = np.arange(len(rows))
    scores = rows[at, tops]
    added = np.asarray(asks) & np.asarray(adds)
    ok = (
        (tops != main)
        & (scores >= np.where(added, ALSO_MIN_ADDED, ALSO_MIN))
        & (scores > rows[:, -1])
        & (rows[at, main] <= ALSO_OWN * scores)
        & (whole[tops] >= np.where(added, ALSO_RATIO_ADDED, ALSO_RATIO) * whole[main])
    )
    if any(asks):
        ok &= np.asarray(asks)
    if not ok.any():
        return None
    return int(tops[int(np.where(ok, scores, -1.0).argmax())])
