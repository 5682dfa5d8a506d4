"""A fourth signal for the safety net: how near a message's meaning is to the crisis examples.

The phrases, the word odds and the word weights all read words: a crisis said in words none
of the examples hold gives them little to go on. This signal reads meaning instead, with the
sentence vectors of the matcher's WordLlama model (`embedder.py`, shipped in its wheel, nothing
downloaded): a message's vector is compared with the vector of every crisis example and of
every ordinary one (the look-alikes, the content's concern examples, the kiosk messages), and
its `margin` is how much nearer it sits to its `nearest` closest crisis examples than to its
`nearest` closest ordinary ones (the mean cosine of each). A long message is also read in
windows of `window` words, half a window apart, and the window nearest to crisis counts: a
crisis sentence inside a long message about the recording is not averaged away, and a
voice-to-text message without full stops is read the same way as one with them.

Vectors are centred on the examples' mean before the cosine (every message shares the words
"i", "the", "my"; what is left tells them apart better). On its own the margin finds fewer
crisis rows than the word weights at the same false-alarm rate (with each tune file left
out, `bench/bench_safety_odds.py`); it is asked together with them: `SafetyCheck` adds the
margin, times `[meaning].weight`, to the word-weights score, so a message whose words lean a
little towards crisis and whose meaning leans too is flagged, while a look-alike whose words
are crisis words but whose meaning is not stays quiet. The examples are embedded on the first
message that reaches the signal (a fraction of a second, with loading the model if the
matcher has not yet); nothing a client types is kept.

What it adds is modest: on three tune files that were not among the examples it found 6 of
the 18 crisis messages the other signals missed (`dialogs/safety.toml`, `[meaning]`). A
metaphor far from every example ("I'd like to hand in my notice on life") is still missed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from assistant.engine.embedder import Embedder
from assistant.engine.language import Words

Matrix = NDArray[np.float32]


def settings_problem(nearest: int, window: int) -> str | None:
    """What is wrong with the signal's settings (`[meaning]` in safety.toml), or None."""
    if nearest < 1 or window < 2:
        return "nearest must be 1 or more, window 2 or more"
    return None


class SafetyMeaning:
    """The crisis and ordinary examples as centred unit vectors; `margin` compares a message."""

    def __init__(
        self,
        embedder: Embedder,
        crisis: Sequence[Words],
        ordinary: Sequence[Words],
        nearest: int = 3,
        window: int = 12,
    ) -> None:
        if not crisis or not ordinary:
            raise ValueError("the meaning signal needs crisis and ordinary examples")
        if problem := settings_problem(nearest, window):
            raise ValueError(f"the meaning signal: {problem}")
        self._embedder = embedder
        self.nearest = min(nearest, len(crisis), len(ordinary))
        self.window = window
        vectors = embedder.embed([" ".join(w) for w in (*crisis, *ordinary)])
        self._centre: Matrix = vectors.mean(axis=0)
        centred = self._unit(vectors)
        self._crisis = centred[: len(crisis)]
        self._ordinary = centred[len(crisis) :]

    def pieces(self, words: Words) -> list[Words]:
        """The whole message, and windows of `window` words half a window apart if longer."""
        out = [words]
        if len(words) > self.window:
            step = self.window // 2
            last = len(words) - self.window
            starts = [*range(0, last, step), last]
            out.extend(words[i : i + self.window] for i in starts)
        return out

    def margin(self, words: Words) -> float:
        """How much nearer `words` (or its window nearest to crisis) sits to its nearest crisis
        examples than to its nearest ordinary ones: about -0.3 .. 0.3, above 0 leans crisis."""
        if not words:
            return 0.0
        vectors = self._unit(self._embedder.embed([" ".join(p) for p in self.pieces(words)]))
        crisis = self._nearest_likeness(vectors, self._crisis)
        ordinary = self._nearest_likeness(vectors, self._ordinary)
        return float((crisis - ordinary).max())

    def _nearest_likeness(self, vectors: Matrix, examples: Matrix) -> NDArray[np.float32]:
        """For each row of `vectors`, the mean cosine of its `nearest` closest `examples`.
        (einsum, not BLAS: for a few rows, BLAS's thread hand-offs on a busy machine cost
        more than the sums; measured 2 ms against 5 for a long message.)"""
        likeness = np.einsum("ij,kj->ik", vectors, examples, optimize=False)
        k = self.nearest
        nearest: NDArray[np.float32] = np.partition(likeness, -k, axis=1)[:, -k:].mean(axis=1)
        return nearest

    def _unit(self, vectors: Matrix) -> Matrix:
        """`vectors` less the examples' mean, each scaled to unit length."""
        centred = vectors - self._centre
        norms = np.linalg.norm(centred, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out: Matrix = (centred / norms).astype(np.float32)
        return out
