"""Spelling, not meaning: the character pieces of a text's words, as sparse tf-idf rows.

The semantic classifier (`semantic.py`) reads a sentence vector, a mean over the whole text in
which a telling word ("hackable", "revoke", "subpoena") is one token among many and weighs as
little as "can" or "the". Beside it, the classifier also reads the pieces of each word: its
3- to 5-letter runs, the word padded with a space at each end so that beginnings and endings
count (" hack", "able "), and the word itself. "hackable" shares " hac", "hack" with "hacked"
and "hacker"; "recieve" shares most of its pieces with "receive"; "subpeona" is still close to
"subpoena". Pieces are weighed by tf-idf (rare pieces tell more), and each row has unit length,
so a long text does not outweigh a short one.

The vocabulary is the pieces of the training texts (the content's examples and keywords): a
piece no example has cannot be learnt from and is left out. Pure functions over tables built
once; nothing is cached by text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

SMALLEST, LARGEST = 3, 5
"""The lengths of the letter runs taken from each (space-padded) word."""

Row = tuple[NDArray[np.int64], NDArray[np.float64]]
"""A sparse row: the vocabulary indices of a text's pieces and their weights."""


def pieces(text: str) -> list[str]:
    """The letter runs of each word of `text` (space-padded), and each word itself."""
    out: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(SMALLEST, LARGEST + 1):
            out.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
        out.append(word)
    return out


class Grams:
    """The vocabulary and idf of the training texts' pieces; turns texts into sparse rows.

    A text's row is the sum of its words' rows (each piece counted, times its idf), divided by
    the root of the sum of the words' squared lengths: unit length when no two words share a
    piece, and a sum over words, so that a trained weight table can be read word by word
    (`weigh`, `scores`): the content's own words are worked out once when the table is set."""

    def __init__(self, texts: Sequence[str]) -> None:
        words = {w: pieces(w) for t in texts for w in t.split()}
        df: dict[str, int] = {}
        for text in texts:
            for piece in {p for w in text.split() for p in words[w]}:
                df[piece] = df.get(piece, 0) + 1
        self.vocabulary = {piece: i for i, piece in enumerate(df)}
        n = len(texts)
        self._idf = np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in df.values()])
        # The training texts' words (content, not what clients type), worked out once.
        self._known = {w: self._word(p) for w, p in words.items()}
        self.training_rows = [self._row(t) for t in texts]
        self._table = np.zeros((0, 0))
        self._word_scores: dict[str, tuple[NDArray[np.float64], float]] = {}

    def __len__(self) -> int:
        return len(self.vocabulary)

    def _word(self, word_pieces: Sequence[str]) -> Row:
        found = [i for i in (self.vocabulary.get(p) for p in word_pieces) if i is not None]
        indices, counts = np.unique(np.array(found, dtype=np.int64), return_counts=True)
        return indices, counts * self._idf[indices]

    def _row(self, text: str) -> Row:
        words = [self._known[w] for w in text.split()]
        if not words:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        length = math.sqrt(sum(float(v @ v) for _, v in words))
        indices, where = np.unique(np.concatenate([i for i, _ in words]), return_inverse=True)
        values = np.bincount(where, weights=np.concatenate([v for _, v in words])).astype(float)
        return indices.astype(np.int64), values / length if length else values

    def weigh(self, table: NDArray[np.float64]) -> None:
        """Set the weight table (a row per piece, a column per class) `scores` reads."""
        self._table = table
        self._word_scores = {w: self._word_score(row) for w, row in self._known.items()}

    def _word_score(self, row: Row) -> tuple[NDArray[np.float64], float]:
        indices, values = row
        result: NDArray[np.float64] = values @ self._table[indices]
        return result, float(values @ values)

    def _unknown(self, word: str) -> tuple[NDArray[np.float64], float]:
        """`_word_score` for a word no training text has, worked out each time (not kept)."""
        counts: dict[int, int] = {}
        for piece in pieces(word):
            index = self.vocabulary.get(piece)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if not counts:
            return np.zeros(self._table.shape[1]), 0.0
        indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values *= self._idf[indices]
        return self._word_score((indices, values))

    def scores(self, text: str) -> NDArray[np.float64]:
        """The weight table read for `text`'s row: one score per class (0 with no pieces)."""
        total = np.zeros(self._table.shape[1])
        length = 0.0
        for word in text.split():
            found = self._word_scores.get(word)
            score, squared = found if found else self._unknown(word)
            total += score
            length += squared
        result: NDArray[np.float64] = total / math.sqrt(length) if length else total
        return result


def gram_matrix(rows: Sequence[Row]) -> NDArray[np.float64]:
    """The inner products of every pair of sparse rows, built from the pieces they share
    (each piece's rows paired with each other), without a dense texts x pieces matrix."""
    n = len(rows)
    owner = np.concatenate([np.full(len(r[0]), i, dtype=np.int64) for i, r in enumerate(rows)])
    index = np.concatenate([r[0] for r in rows])
    value = np.concatenate([r[1] for r in rows])
    order = np.argsort(index, kind="stable")
    owner, index, value = owner[order], index[order], value[order]
    starts = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
    sizes = np.diff(np.r_[starts, len(index)])
    # every posting p of a piece is paired with each posting of the same piece
    size_of = np.repeat(sizes, sizes)
    left = np.repeat(np.arange(len(index)), size_of)
    first = np.repeat(np.repeat(starts, sizes), size_of)
    step = np.arange(len(left)) - np.repeat(np.cumsum(size_of) - size_of, size_of)
    right = first + step
    flat = np.bincount(
        owner[left] * n + owner[right], weights=value[left] * value[right], minlength=n * n
    )
    result: NDArray[np.float64] = flat.reshape(n, n).astype(np.float64)
    return result
