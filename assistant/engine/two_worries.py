"""A long post with two worries: which one is the main one, and the second one to offer.

The matcher (`matcher.py`) reads a post sentence by sentence; `rows` holds each sentence's
0..100 score for every class (the concerns, then small talk last), `whole` the post's. Of two
worries a post weighs about equally, the one more of its sentences are about is the main one,
and of two it is equally about, the one raised first (`main_of_two`, `support`,
`raised_first`), unless a sentence stresses one of them ("what I really need to know is ...":
`stressed_worry`). The second worry offered ("You also asked about ...") is `second_worry.py`'s
learnt pick; the rules here pick it only in one sentence asking two things ("who reads it and how
long is it kept?"): a different worry one of its halves is clearly about (`second_worry`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from assistant.engine.matcher_settings import (
    ADDED_GAP,
    ALSO_MIN,
    ALSO_MIN_ADDED,
    ALSO_OWN,
    ALSO_RATIO,
    ALSO_RATIO_ADDED,
    FIRST_RAISED,
    MOST_GAP,
    RAISED,
    SUPPORT_LEAD,
    SUPPORT_MIN,
)

Scores = NDArray[np.float64]

_any = np.logical_or.reduce
"""`a.any()` without its layer of Python (the arrays here are a post's few sentences)."""


def _raised(rows: Scores) -> tuple[NDArray[np.intp], NDArray[np.bool_]]:
    """Each sentence's own best concern, and whether it raises that worry (scores it at least
    `RAISED`)."""
    tops = rows[:, :-1].argmax(axis=1)
    return tops, rows[np.arange(len(rows)), tops] >= RAISED


def raised_first(one: int, other: int, rows: Scores, asks: list[bool]) -> bool:
    """Whether the first sentence that raises a worry (its own best concern scoring at
    least `RAISED` there; one that asks, when any does) raises concern `one`, and some
    sentence raises `other` too: a post about two worries, `one` first."""
    tops, raised = _raised(rows)
    asking = raised & np.asarray(asks) if any(asks) else raised
    return bool(
        _any(asking) and tops[int(asking.argmax())] == one and _any(raised & (tops == other))
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
    if not _any(ok):
        return None
    return int(tops[int(np.where(ok, scores, -1.0).argmax())])


def support(rows: Scores, told: list[bool]) -> Scores:
    """How much of a post is about each concern: over the sentences that do not tell the story
    around a worry and whose best concern scores at least `SUPPORT_MIN` and more than small
    talk, the sum of each concern's evidence there as a share of that sentence's best
    concern's (a sentence all about one worry gives it 1; one that leans to it gives a part)."""
    concerns = rows[:, :-1]
    units = -np.log1p(-np.minimum(concerns, 99.9) / 100.0)
    top = np.maximum.reduce(concerns, axis=1)
    keep = ~np.asarray(told, dtype=bool) & (top >= SUPPORT_MIN) & (top > rows[:, -1])
    if not _any(keep):
        return np.zeros(concerns.shape[1])
    share = units[keep] / np.maximum.reduce(units[keep], axis=1, keepdims=True)
    return np.add.reduce(share, axis=0)  # type: ignore[no-any-return]


def stressed_worry(rows: Scores, stressing: list[bool]) -> int | None:
    """The worry the first sentence that stresses one ("what I really need to know is ...",
    "my main worry is ...") raises, its own best concern scoring at least `RAISED` there, or
    the sentence after it when it raises none (it announces what follows: "What I really
    don't get is the technology. Is it a chatbot?"); None when no sentence does."""
    for i, stressed in enumerate(stressing):
        if stressed:
            for row in rows[i : i + 2]:
                top = int(row[:-1].argmax())
                if row[top] >= RAISED:
                    return top
            return None
    return None


def main_of_two(
    one: int, other: int, gap: float, rows: Scores, asks: list[bool], told: list[bool]
) -> bool:
    """Whether concern `one`, the runner-up by `gap` units of evidence, is the main worry of a
    post rather than `other`, the best: when more of the post is about it (`support` ahead by
    `SUPPORT_LEAD`, the gap at most `MOST_GAP`), or, the two about equal (the gap at most
    `FIRST_RAISED` and neither `SUPPORT_LEAD` ahead), when the post raises it first."""
    if len(rows) < 2 or gap > max(MOST_GAP, FIRST_RAISED):
        return False
    share = support(rows, told)
    lead = float(share[one] - share[other])
    if lead >= SUPPORT_LEAD:
        return gap <= MOST_GAP
    if lead <= -SUPPORT_LEAD:
        return False
    return gap <= FIRST_RAISED and raised_first(one, other, rows, asks)


def added_later(one: int, other: int, gap: float, rows: Scores, adds: list[bool]) -> bool:
    """Whether concern `one`, the runner-up by `gap` units of evidence, is the main worry of a
    post rather than `other`, the best, because `other` is only raised in sentences that open
    by adding a point ("And can his lawyer pull the recording into court?", "Oh, and is there
    also a summary?") after a sentence that raises `one`: a worry added at the end is the
    second one, however plainly it is asked (the gap at most `ADDED_GAP`)."""
    if len(rows) < 2 or gap > ADDED_GAP:
        return False
    tops, raised = _raised(rows)
    at_other = np.flatnonzero(raised & (tops == other))
    at_one = np.flatnonzero(raised & (tops == one))
    if not len(at_other) or not len(at_one) or at_one[0] > at_other[0]:
        return False
    return all(adds[i] for i in at_other)
