"""Of a post's two best concerns, whether the runner-up is its main worry: a learnt second look.

The matcher (`matcher.py`) ranks a post's concerns by their fused evidence, and the rules of
`two_worries.py` swap the two best when a sentence stresses the runner-up, when more of the post
is about it, or when the best was only added at the end. Other signs are weighed by no rule: how
the post reads as a whole (its theme, and what posts like it were about), how much the words
alone say, which worry the first and the last sentence are about. `runner_is_main` weighs the
two concerns' `traits` with a logistic regression fitted on the tune posts (`MAIN_WORRY` in
`matcher_settings.py`, printed by `bench/fit_main_worry.py`, each posts file read by a matcher
that did not learn from it), and swaps only when it is fairly sure (`MAIN_WORRY_SURE`). A
swapped pair is never a sure match: the two are close.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from assistant.engine.matcher_settings import (
    MAIN_WORRY,
    MAIN_WORRY_SENTENCES,
    MAIN_WORRY_SURE,
    RAISED,
)

Scores = NDArray[np.float64]

TRAITS = (
    "whole",
    "first raised",
    "raised where asked",
    "share raised",
    "best sentence",
    "theme",
    "as a post",
    "words alone",
    "last sentence",
    "first sentence",
    "added",
)
"""What `traits` gives for a concern, in order (`MAIN_WORRY` weighs each one)."""


@dataclass(frozen=True, slots=True)
class PostReading:
    """How a message of several sentences reads (`Matcher._fused`): each class's 0..100 score
    for the whole (`whole`) and each sentence (`rows`), the semantic reading of the whole as one
    text (`theme`) and as a post (`post`, as `theme` when no posts were learnt), the lexical
    evidence summed over the sentences (`words`), and which sentences ask, add a point and stress
    their worry."""

    whole: Scores
    rows: Scores
    theme: Scores
    post: Scores
    words: Scores
    asks: list[bool]
    adds: list[bool]
    stress: list[bool]


def as_evidence(score: float) -> float:
    """A 0..100 score back as evidence (1 is about 63, 2 about 86, 3 about 95); the matcher
    reads its scores with it too."""
    return -math.log(max(1e-6, 1.0 - score / 100.0))


def traits(reading: PostReading, concerns: Sequence[int]) -> Scores:
    """What the post says for each of `concerns` (indices), a row each, in the order of `TRAITS`:
    its evidence over the whole; where the first sentence that raises it comes (0 first, 1 last, or
    1 when none does: raised means its own best concern, scoring at least `RAISED`); whether a
    sentence that asks raises it; the share of the sentences that raise it; its evidence in its best
    sentence; the theme's and the post reading's scores for it; the words' evidence for it; whether
    it is the last and the first sentence's own best concern; whether a sentence that adds a point
    is about it. (Plain Python over a post's few sentences: cheaper here than numpy's many small
    calls.)"""
    rows = reading.rows
    count = len(rows)
    tops = rows[:, :-1].argmax(axis=1).tolist()
    out = []
    for concern in concerns:
        scores = rows[:, concern].tolist()
        own = [top == concern for top in tops]
        raised = [o and s >= RAISED for o, s in zip(own, scores, strict=True)]
        first = raised.index(True) / max(1, count - 1) if any(raised) else 1.0
        out.append(
            [
                as_evidence(float(reading.whole[concern])),
                first,
                float(any(r and a for r, a in zip(raised, reading.asks, strict=True))),
                sum(raised) / count,
                as_evidence(max(scores)),
                float(reading.theme[concern]),
                float(reading.post[concern]),
                float(reading.words[concern]),
                float(own[-1]),
                float(own[0]),
                float(any(o and a for o, a in zip(own, reading.adds, strict=True))),
            ]
        )
    return np.asarray(out, dtype=np.float64)


def looks_again(reading: PostReading) -> bool:
    """Whether the second look is taken: in a post of at least `MAIN_WORRY_SENTENCES`
    sentences, none of which stresses its worry (the rules have the main worry then: "what I
    really need to know is ..."). A message of two sentences is a question and the story
    around it, whose worry the question is ("My husband talks about hackers all day. Who at
    the clinic can read my notes?")."""
    return len(reading.rows) >= MAIN_WORRY_SENTENCES and not any(reading.stress)


def runner_is_main(reading: PostReading, first: int, runner: int) -> bool:
    """Whether `runner` rather than `first` is the post's main worry: the likelihood that the
    fitted regression (`MAIN_WORRY`) gives the difference of their `traits` is above
    `MAIN_WORRY_SURE`, when it `looks_again` at all."""
    if not MAIN_WORRY.weights or not looks_again(reading):
        return False
    both = traits(reading, (runner, first))
    logit = float((both[0] - both[1]) @ np.asarray(MAIN_WORRY.weights)) + MAIN_WORRY.bias
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit)))) > MAIN_WORRY_SURE
