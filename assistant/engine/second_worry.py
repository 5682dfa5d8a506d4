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
reads it and how long is it kept?") keeps the rules: its two halves are its two worries. So does
a message of two questions and nothing else (`asked_apart`): a client who types "Who reads it?
How long is it kept?" asks both, and the regression, learnt from posts whose stories make a
second question less telling, left the first one out.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from assistant.engine import main_worry
from assistant.engine.main_worry import PostReading
from assistant.engine.matcher_settings import (
    QUESTIONS_ALSO,
    QUESTIONS_MAX,
    SECOND_WORRY,
    SECOND_WORRY_STORY,
    SECOND_WORRY_SURE,
)

Scores = NDArray[np.float64]

TRAITS = (*main_worry.TRAITS, "lead in a sentence", "runner-up")
"""What `traits` gives for each concern, in order (`SECOND_WORRY` weighs each one): the main
worry's `main_worry.TRAITS`, then two that depend on which concern is the main one."""


def traits(reading: PostReading, main: int) -> Scores:
    """What the post says for each concern (a row each, the main one's included), in the order
    of `TRAITS`: its `main_worry.traits` (`PostReading.table`, worked out once for both looks),
    its largest lead in evidence over the main concern in one sentence, and whether it is the
    best concern after the main one over the whole."""
    each = main_worry.evidence(reading.rows[:, :-1])
    others = reading.whole[:-1].copy()
    others[main] = -1.0
    lead = np.maximum.reduce(each - each[:, [main]], axis=0)
    runner = np.arange(len(others)) == int(others.argmax())
    return np.column_stack((reading.table, lead, runner))


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


def asked_apart(rows: Scores, marked: list[bool], main: int, runner: int) -> int | None:
    """The runner-up `runner` as the second worry of a message of nothing but questions, as in
    "Who reads it? How long is it kept?": two to `QUESTIONS_MAX` sentences (`rows`, the scores
    of each), every one ending with a question mark (`marked`), one of which is about `runner`:
    it is that question's own best concern, scoring at least `QUESTIONS_ALSO` there."""
    if not 2 <= len(rows) <= QUESTIONS_MAX or not all(marked) or runner == main:
        return None
    for row in rows:
        own = int(row[:-1].argmax())
        if own == runner and row[own] >= QUESTIONS_ALSO:
            return runner
    return None
