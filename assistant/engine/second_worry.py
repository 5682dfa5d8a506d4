"""The second worry a long post is offered ("You also asked about ..."): a learnt look.

A long post is often about two worries. `two_worries.second_worry` offered a second one by rules
(a sentence clearly about another concern, scoring at least `ALSO_MIN` there and a share of the
main one's score over the whole, in a sentence that asks when any does). Those rules found about
half the second worries of the tune posts and offered one for 7% of the posts with none. The
signs weigh differently together than any one threshold can say: a worry the post reading
(`POST`, which learnt second worries too) and the sentences both point at, or one a sentence
adds at the end ("Also, can I get a copy?"), is likelier than one only the post's theme shares.

`offered` weighs the `TRAITS` of each concern but the main one (the 0..100 readings of
`Matcher._fused`, as `main_worry.py` reads them) with a logistic regression fitted on the tune
posts (`SECOND_WORRY` in `matcher_settings.py`, printed by `bench/fit_second_worry.py`, each
posts file read by a matcher that did not learn from it), and offers the likeliest when its
likelihood is at least `SECOND_WORRY_SURE`; in a short message of one question and the story
around it, only a worry the question raises (`eligible`). One sentence asking two things ("who
reads it and how long is it kept?") keeps the rules: its two halves are its two worries.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from assistant.engine.main_worry import PostReading
from assistant.engine.matcher_settings import (
    RAISED,
    SECOND_WORRY,
    SECOND_WORRY_STORY,
    SECOND_WORRY_SURE,
)

Scores = NDArray[np.float64]

_any = np.logical_or.reduce
_max = np.maximum.reduce
"""The ufuncs' own reductions: `a.any()` and `a.max()` give the same through a layer of Python
that costs more than the work on a post's few sentences."""

TRAITS = (
    "whole",
    "first raised",
    "raised where asked",
    "share raised",
    "best sentence",
    "lead in a sentence",
    "theme",
    "as a post",
    "words alone",
    "last sentence",
    "first sentence",
    "added",
    "runner-up",
)
"""What `traits` gives for each concern, in order (`SECOND_WORRY` weighs each one)."""


def _evidence(scores: Scores) -> Scores:
    """0..100 scores back as evidence (`main_worry.as_evidence`, for arrays)."""
    result: Scores = -np.log(np.maximum(1e-6, 1.0 - scores / 100.0))
    return result


def traits(reading: PostReading, main: int) -> Scores:
    """What the post says for each concern (a row each, the main one's included), in the order
    of `TRAITS`: its evidence over the whole; where the first sentence that raises it comes (0
    first, 1 last, or 1 when none does: raised means its own best concern, scoring at least
    `RAISED`); whether a sentence that asks raises it; the share of the sentences that raise it;
    its evidence in its best sentence; its largest lead in evidence over the main concern in one
    sentence; the theme's and the post reading's scores for it; the words' evidence for it;
    whether it is the last and the first sentence's own best concern; whether a sentence that
    adds a point is about it; whether it is the best concern after the main one over the whole."""
    concerns = reading.rows[:, :-1]
    count, width = concerns.shape
    tops = concerns.argmax(axis=1)
    own = tops[:, None] == np.arange(width)[None, :]
    raised = own & (concerns >= RAISED)
    each = _evidence(concerns)
    others = reading.whole[:-1].copy()
    others[main] = -1.0
    out = np.empty((width, len(TRAITS)))
    out[:, 0] = _evidence(reading.whole[:-1])
    out[:, 1] = np.where(_any(raised, axis=0), raised.argmax(axis=0) / max(1, count - 1), 1.0)
    out[:, 2] = _any(raised[np.asarray(reading.asks, dtype=bool)], axis=0)
    out[:, 3] = np.add.reduce(raised, axis=0) / count
    out[:, 4] = _max(each, axis=0)
    out[:, 5] = _max(each - each[:, [main]], axis=0)
    out[:, 6] = reading.theme[:-1]
    out[:, 7] = reading.post[:-1]
    out[:, 8] = reading.words[:-1]
    out[:, 9] = own[-1]
    out[:, 10] = own[0]
    out[:, 11] = _any(own[np.asarray(reading.adds, dtype=bool)], axis=0)
    out[:, 12] = np.arange(width) == int(others.argmax())
    return out


def eligible(reading: PostReading, main: int) -> NDArray[np.bool_]:
    """Which concerns may be offered as the second worry besides `main` (a flag each): any other
    one, but in a message of at most `SECOND_WORRY_STORY` sentences of which one asks, only that
    question's own best concern: the rest is the story around it ("I'm not a lawyer. What am I
    agreeing to when I sign it?" raises no worry about the courts)."""
    rows = reading.rows
    concerns = np.arange(rows.shape[1] - 1)
    allowed: NDArray[np.bool_] = concerns != main
    asking = [i for i, asks in enumerate(reading.asks) if asks]
    if len(rows) <= SECOND_WORRY_STORY and len(asking) == 1:
        allowed &= concerns == int(rows[asking[0], :-1].argmax())
    return allowed


def offered(reading: PostReading, main: int) -> int | None:
    """The concern (index) to offer as a post's second worry besides `main`, or None: of those
    `eligible`, the one whose `traits` the fitted regression (`SECOND_WORRY`) finds likeliest to
    be it, when that likelihood is at least `SECOND_WORRY_SURE`. A message of one sentence has
    none."""
    if len(reading.rows) < 2 or not SECOND_WORRY.weights:
        return None
    logits = traits(reading, main) @ np.asarray(SECOND_WORRY.weights) + SECOND_WORRY.bias
    logits[~eligible(reading, main)] = -math.inf
    best = int(logits.argmax())
    likelihood = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, float(logits[best])))))
    return best if likelihood >= SECOND_WORRY_SURE else None
