"""A third signal for the safety net: a linear classifier on a message's words and word pairs.

The word-odds signal (`word_odds.py`) counts each word on its own: every word of "he gives
the kids pocket money on Fridays" that ever came up in a crisis example adds to the alarm, and
no word can say that the others mean something else. This model weighs all the features of
the examples together (ridge regression, a least-squares fit pulled towards zero): a word that
crisis messages and their look-alikes share ("pocket money", "passports", "letters to")
gets little weight, and the words that tell them apart get it. Measured with each tune file
left out in turn (`bench/bench_safety_odds.py`), it ranks a crisis message above a look-alike
more often than the word odds do, and finds more crisis messages at the same false-alarm rate.

Features are those of the word odds (each word and each pair of neighbouring words), each
message's features scaled to unit length, plus a constant. Crisis examples aim at +1, the
others at -1; the content's ordinary questions and replies count `ordinary_weight` each,
because they are many and far from crisis, while the look-alikes decide where the line runs.
It is fitted when the content loads by conjugate gradients on the sparse features (numpy
only, a few tens of milliseconds); it keeps nothing a client types.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from assistant.engine.language import Words
from assistant.engine.word_odds import features

RIDGE = 0.3
"""How strongly the weights are pulled towards zero (larger: smoother, less sure)."""
FEW = 5
"""A message with fewer known features than this (a reply of one or two words: "tell them")
is scaled as if it had this many, so a word or two cannot raise an alarm on their own."""
ITERATIONS = 400
TOLERANCE = 1e-8
Vector = NDArray[np.float64]


class WordWeights:
    """One weight per word and word pair seen in the examples; `score` sums them."""

    def __init__(
        self,
        crisis: Sequence[Words],
        ordinary: Sequence[Words],
        extra: Sequence[Words] = (),
        extra_weight: float = 1.0,
        ridge: float = RIDGE,
    ) -> None:
        """`crisis` aim at +1, `ordinary` and `extra` at -1; each `extra` counts `extra_weight`."""
        if not crisis or not (ordinary or extra):
            raise ValueError("word weights need crisis and ordinary examples")
        texts = [*crisis, *ordinary, *extra]
        index: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, words in enumerate(texts):
            found = sorted(features(words))
            for f in found:
                rows.append(i)
                cols.append(index.setdefault(f, len(index)))
                vals.append(1.0 / math.sqrt(len(found)))
            rows.append(i)  # the constant
            cols.append(-1)
            vals.append(1.0)
        size = len(index) + 1
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64) % size  # the constant is the last column
        v = np.asarray(vals, dtype=np.float64)
        y = np.array([1.0] * len(crisis) + [-1.0] * (len(ordinary) + len(extra)))
        w = np.array([1.0] * (len(crisis) + len(ordinary)) + [extra_weight] * len(extra))

        def normal(beta: Vector) -> Vector:
            """(X^T W X + ridge I) beta, with X sparse."""
            xb = np.bincount(r, weights=v * beta[c], minlength=len(texts))
            out: Vector = np.bincount(c, weights=v * (w * xb)[r], minlength=size) + ridge * beta
            return out

        target: Vector = np.bincount(c, weights=v * (w * y)[r], minlength=size).astype(np.float64)
        diagonal: Vector = (np.bincount(c, weights=v * v * w[r], minlength=size) + ridge).astype(
            np.float64
        )
        self._weights = _conjugate_gradients(normal, target, diagonal)
        self._index = index
        self.bias = float(self._weights[-1])

    def score(self, words: Words) -> float:
        """About -1 (like the ordinary examples) to +1 (like the crisis ones): the constant plus
        the known features' weights over the square root of their number (at least `FEW`)."""
        known = [self._index[f] for f in features(words) if f in self._index]
        if not known:
            return self.bias
        return self.bias + float(self._weights[known].sum()) / math.sqrt(max(len(known), FEW))


def _dot(a: Vector, b: Vector) -> float:
    """a . b without BLAS: on a busy machine, BLAS's thread hand-offs cost more than the sum."""
    return float(np.multiply(a, b).sum())


def _conjugate_gradients(
    apply: Callable[[Vector], Vector], target: Vector, diagonal: Vector
) -> Vector:
    """Solves apply(x) = target for a symmetric positive definite `apply` whose diagonal is
    `diagonal` (which preconditions it: each feature's step is scaled by how often it occurs)."""
    x = np.zeros_like(target)
    residual = target.copy()
    scaled = residual / diagonal
    direction = scaled.copy()
    size = _dot(residual, scaled)
    goal = TOLERANCE * _dot(target, target)
    for _ in range(ITERATIONS):
        if _dot(residual, residual) <= goal:
            break
        moved = apply(direction)
        step = size / _dot(direction, moved)
        x += step * direction
        residual -= step * moved
        scaled = residual / diagonal
        new_size = _dot(residual, scaled)
        direction = scaled + (new_size / size) * direction
        size = new_size
    return x
