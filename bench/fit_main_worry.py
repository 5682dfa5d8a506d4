"""Fit the second look at a post's two best concerns (`assistant/engine/main_worry.py`).

Run: `.venv/bin/python bench/fit_main_worry.py`. Prints figures and the `MAIN_WORRY` value to put
in `assistant/engine/matcher_settings.py`; changes nothing itself.

Each posts file of dialogs/posts/ is read by a matcher that learnt from every other one (its
posts are then as new to it as a client's), and each post it would look at again (`looks_again`)
whose main worry is one of its two best concerns after the rules (`Matcher.ranked` without the
second look) gives one example: the runner-up's `traits` less the best's, and whether the
runner-up is the main worry. A logistic
regression with an L2 penalty (`PENALTY`, on the traits scaled to unit spread) is fitted on
them. Printed: how many of each file's posts it would put right and wrong when fitted on the
other files (swapping where its likelihood is above `MAIN_WORRY_SURE`), summed, then the
regression fitted on all of them. The check posts are never read here: judge the result with
`bench/bench_matcher.py --dev`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matcher_sets import POSTS

from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import Post, posts_by_file
from assistant.engine.main_worry import TRAITS, looks_again
from assistant.engine.matcher import Matcher
from assistant.engine.matcher_settings import MAIN_WORRY_SURE

PENALTY = 1.0
"""The L2 penalty on the scaled weights (10 kept only about half the swaps held-out files
gained; 1 kept most of them)."""

Array = NDArray[np.float64]


def held_out_posts() -> Iterator[tuple[str, Matcher, Post]]:
    """Each tune post of dialogs/posts/, with its file's name and a matcher that learnt from every
    other file (one matcher a file)."""
    concerns = load_concerns()
    posts = posts_by_file(POSTS, {c.id for c in concerns})
    for name, own in posts.items():
        others: list[Post] = [p for n, ps in posts.items() if n != name for p in ps]
        matcher = Matcher(concerns, posts=others)
        for post in own:
            yield name, matcher, post


def examples() -> tuple[Array, Array, list[str]]:
    """Each example's trait differences, whether the runner-up is the main worry, and its file."""
    x: list[list[float]] = []
    y: list[float] = []
    where: list[str] = []
    for name, matcher, post in held_out_posts():
        reading = matcher._fused(post.text)
        seen = reading.as_post
        if not looks_again(seen):
            continue
        first, runner = matcher.ranked(reading, second_look=False)
        label = matcher.ids.index(post.concern)
        if label not in (first, runner):
            continue
        x.append((seen.table[runner] - seen.table[first]).tolist())
        y.append(float(label == runner))
        where.append(name)
    return np.asarray(x), np.asarray(y), where


def fit(x: Array, y: Array) -> tuple[Array, float]:
    """Logistic regression by Newton's method, on `x` scaled to unit spread, penalised by
    `PENALTY`; the weights returned read `x` as it is."""
    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / spread, np.ones((len(x), 1))])
    penalty = PENALTY * np.diag([*([1.0] * x.shape[1]), 0.0])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z.T * (p * (1.0 - p))) @ z + penalty + 1e-9 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    weights = w[:-1] / spread
    return weights, float(w[-1] - weights @ mean)


def print_fitted(name: str, traits: tuple[str, ...], weights: Array, bias: float) -> None:
    """Each trait's weight, then the `Fitted` value to put in matcher_settings.py as `name`."""
    for trait, weight in zip(traits, weights, strict=True):
        print(f"  {trait:>20}: {weight:+.3f}")
    values = ", ".join(f"{w:.3f}" for w in weights)
    print(f"{name} = Fitted(weights=({values}), bias={bias:.3f})")


def swaps(x: Array, weights: Array, bias: float) -> NDArray[np.bool_]:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ weights + bias))) > MAIN_WORRY_SURE)


def main() -> None:
    x, y, where = examples()
    files = sorted(set(where))
    right = wrong = 0
    for name in files:
        held = np.asarray([w == name for w in where])
        weights, bias = fit(x[~held], y[~held])
        swapped = swaps(x[held], weights, bias)
        right += int((swapped & (y[held] == 1)).sum())
        wrong += int((swapped & (y[held] == 0)).sum())
    print(f"posts with the main worry among the two best: {len(y)}, of them second: {int(y.sum())}")
    print(f"each file held out: {right} put right, {wrong} put wrong (net {right - wrong:+d})")
    weights, bias = fit(x, y)
    print_fitted("MAIN_WORRY", TRAITS, weights, bias)


if __name__ == "__main__":
    main()
