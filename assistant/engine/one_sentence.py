"""What the semantic classifier reads of a message of one sentence, beyond a post's sentences.

A linear map over the sentence vector and its word peaks gives each class one direction; a
short question is read better with two more views (`OneSentence`): the element-wise lows of its
words' unit vectors (the directions a word pulls most strongly the other way), and `Waves`,
random Fourier features of the sentence vector (cosines of random projections), with which a
linear map approximates a smooth kernel machine: a class asked about in several unlike ways need
not lie along one direction. They are read only for a message of one sentence: in a post's
sentences the same views cost posts (held out by round, check posts -0.5 to -1.5 points), which
are read sentence by sentence, with their theme, as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class OneSentence:
    """The extra views of a message of one sentence (`Classifier`)."""

    lows: float
    """Weight of the lows (unit length) beside the sentence vector's 1."""
    waves: int
    """How many random Fourier features of the sentence vector."""
    width: float
    """The spread of their random projections (the kernel's inverse width: 1 is about the
    distance between two unlike sentence vectors)."""
    seed: int
    """The seed of the projections: the same features on every machine, every build."""


class Waves:
    """Random Fourier features of unit sentence vectors: sqrt(2 / n) cos(v W + b), with W
    normal of spread `width` and b uniform in [0, 2 pi), drawn once from `seed`."""

    def __init__(self, dim: int, settings: OneSentence) -> None:
        draw = np.random.default_rng(settings.seed)
        self._map = draw.normal(0.0, settings.width, (dim, settings.waves)).astype(np.float32)
        self._phase = draw.uniform(0.0, 2.0 * math.pi, settings.waves).astype(np.float32)
        self._scale = np.float32(math.sqrt(2.0 / max(1, settings.waves)))

    def __call__(self, unit: Vectors) -> Vectors:
        """The features of each row of `unit` (sentence vectors), a row each."""
        result: Vectors = self._scale * np.cos(unit @ self._map + self._phase)
        return result
