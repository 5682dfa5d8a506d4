"""Fit the second worry a long post is offered (`assistant/engine/second_worry.py`).

Run: `.venv/bin/python bench/fit_second_worry.py`. Prints figures and the `SECOND_WORRY` value to
put in `assistant/engine/matcher_settings.py`; changes nothing itself.

Each posts file of dialogs/posts/ is read by a matcher that learnt from every other one (its posts
are then as new to it as a client's). Every post of several sentences (but one sentence asking two
things, which keeps the rules) gives one example a concern other than the main worry the matcher
finds: the concern's `traits`, and whether it is the post's second worry. A logistic regression
with an L2 penalty (`PENALTY`, on the traits scaled to unit spread) is fitted on them. Printed:
with each file's posts judged by the regression fitted on the other files, the share of the posts
with a second worry that are offered it, and of those with none that are offered one, at several
likelihoods (`SECOND_WORRY_SURE` is chosen from these; only the concerns `eligible` in each post),
beside the rules (`two_worries.second_worry`) on the same posts; then the regression fitted on all
of them. The check posts are never read here: judge the result with `bench/bench_matcher.py --dev`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_main_worry import fit, held_out_posts, print_fitted

from assistant.engine.second_worry import TRAITS, eligible, traits
from assistant.engine.two_worries import second_worry

LIKELIHOODS = (0.2, 0.3, 0.35, 0.4, 0.5, 0.6)
"""The likelihoods from which the likeliest concern is offered, printed side by side."""

Array = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Example:
    """One post: each concern's traits but the main one's, those concerns, which of them may be
    offered (`eligible`), the post's second worry (its index, or None), what the rules offer,
    and the post's file."""

    traits: Array
    concerns: NDArray[np.intp]
    eligible: NDArray[np.bool_]
    also: int | None
    rules: int | None
    file: str


def examples() -> list[Example]:
    """Every tune post of several sentences, read by a matcher that did not learn from its file."""
    out: list[Example] = []
    for name, matcher, post in held_out_posts():
        reading = matcher._fused(post.text)
        if len(reading.rows) < 2 or reading.asks_two:
            continue
        main, _ = matcher.ranked(reading)
        keep = np.arange(len(matcher.ids) - 1) != main
        also = matcher.ids.index(post.also) if post.also in matcher.ids else None
        rules = second_worry(main, reading.whole, reading.rows, reading.asks, reading.adds)
        seen = reading.as_post
        allowed = eligible(seen, main)[keep]
        found = traits(seen, main)[keep]
        out.append(Example(found, np.flatnonzero(keep), allowed, also, rules, name))
    return out


def likelihoods(example: Example, weights: Array, bias: float) -> Array:
    """The regression's likelihood for each of `example`'s concerns."""
    result: Array = 1.0 / (1.0 + np.exp(-(example.traits @ weights + bias)))
    return result


def tally(picks: list[int | None], found: list[Example]) -> str:
    """The share of posts with a second worry offered it, and of those with none offered one."""
    with_also = [(p, e) for p, e in zip(picks, found, strict=True) if e.also is not None]
    without = [p for p, e in zip(picks, found, strict=True) if e.also is None]
    right = sum(p == e.also for p, e in with_also)
    wrongly = sum(p is not None for p in without)
    return (
        f"found {right} of {len(with_also)} ({right / len(with_also):.1%}),"
        f" offered for a post with none {wrongly} of {len(without)}"
        f" ({wrongly / len(without):.1%})"
    )


def main() -> None:
    found = examples()
    files = sorted({e.file for e in found})
    held: list[Array] = [np.zeros(0)] * len(found)
    for name in files:
        mine = [i for i, e in enumerate(found) if e.file == name]
        rest = [e for e in found if e.file != name]
        x = np.vstack([e.traits for e in rest])
        y = np.concatenate([(e.concerns == e.also).astype(np.float64) for e in rest])
        weights, bias = fit(x, y)
        for i in mine:  # (a concern that may not be offered: 0)
            held[i] = np.where(found[i].eligible, likelihoods(found[i], weights, bias), 0.0)
    print(f"posts of several sentences: {len(found)}, with a second worry:", end=" ")
    print(sum(e.also is not None for e in found))
    print(f"  the rules: {tally([e.rules for e in found], found)}")
    for sure in LIKELIHOODS:
        picks = [
            int(e.concerns[p.argmax()]) if p.max() >= sure else None
            for e, p in zip(found, held, strict=True)
        ]
        print(f"  each file held out, from {sure}: {tally(picks, found)}")
    x = np.vstack([e.traits for e in found])
    y = np.concatenate([(e.concerns == e.also).astype(np.float64) for e in found])
    weights, bias = fit(x, y)
    print_fitted("SECOND_WORRY", TRAITS, weights, bias)


if __name__ == "__main__":
    main()
