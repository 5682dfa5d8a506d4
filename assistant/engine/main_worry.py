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

The same look at a message of one sentence, whose two best concerns hold the right one in 7,015 of
the tune rounds' 7,184 short messages of one sentence read as some concern, each round held out
(stop 65), found nothing the fused evidence had not weighed already. A regression on the
differences of the two concerns' lexical, semantic, wording and likeness evidence, support, fused
evidence and score, fitted on those rounds, would have swapped 13 of the check sets' 2,609 such
pairs at a likelihood of 0.5, 6 of them right (1 of 1 at 0.6); each round held out from the fit in
turn, it put 15 right and 16 wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

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


@dataclass(frozen=True)
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

    @cached_property
    def table(self) -> Scores:
        """Every concern's `traits`, worked out on first use."""
        return traits(self)


def as_evidence(score: float) -> float:
    """A 0..100 score back as evidence (1 is about 63, 2 about 86, 3 about 95); the matcher
    reads its scores with it too."""
    return -math.log(max(1e-6, 1.0 - score / 100.0))


_any = np.logical_or.reduce
_max = np.maximum.reduce
"""The ufuncs' own reductions: `a.any()` and `a.max()` give the same through a layer of Python
that costs more than the work on a post's few sentences."""


def evidence(scores: Scores) -> Scores:
    """0..100 scores back as evidence (`as_evidence`, for arrays)."""
    result: Scores = -np.log(np.maximum(1e-6, 1.0 - scores / 100.0))
    return result


def traits(reading: PostReading) -> Scores:
    """What the post says for each concern, a row each, in the order of `TRAITS`: its evidence
    over the whole; where the first sentence that raises it comes (0 first, 1 last, or 1 when
    none does: raised means its own best concern, scoring at least `RAISED`); whether a sentence
    that asks raises it; the share of the sentences that raise it; its evidence in its best
    sentence; the theme's and the post reading's scores for it; the words' evidence for it;
    whether it is the last and the first sentence's own best concern; whether a sentence that
    adds a point is about it. `PostReading.table` holds them, worked out once for both looks (the
    main worry's and the second worry's)."""
    concerns = reading.rows[:, :-1]
    count, width = concerns.shape
    own = concerns.argmax(axis=1)[:, None] == np.arange(width)[None, :]
    raised = own & (concerns >= RAISED)
    out = np.empty((width, len(TRAITS)))
    out[:, 0] = evidence(reading.whole[:-1])
    out[:, 1] = np.where(_any(raised, axis=0), raised.argmax(axis=0) / max(1, count - 1), 1.0)
    out[:, 2] = _any(raised[np.asarray(reading.asks, dtype=bool)], axis=0)
    out[:, 3] = np.add.reduce(raised, axis=0) / count
    out[:, 4] = evidence(_max(concerns, axis=0))
    out[:, 5] = reading.theme[:-1]
    out[:, 6] = reading.post[:-1]
    out[:, 7] = reading.words[:-1]
    out[:, 8] = own[-1]
    out[:, 9] = own[0]
    out[:, 10] = _any(own[np.asarray(reading.adds, dtype=bool)], axis=0)
    return out


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
    table = reading.table
    logit = float((table[runner] - table[first]) @ np.asarray(MAIN_WORRY.weights)) + MAIN_WORRY.bias
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit)))) > MAIN_WORRY_SURE
