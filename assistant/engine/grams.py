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
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

SMALLEST, LARGEST = 3, 5
"""The lengths of the letter runs taken from each (space-padded) word."""

SPARSE = 0.05
"""A weight table with fewer non-zero entries than this share is kept as sparse rows."""

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

    def __init__(self, texts: Sequence[str], more_words: Iterable[str] = ()) -> None:
        """The vocabulary is the pieces of `texts`; `more_words` (content too: the lexicon's
        everyday words) are only worked out ahead, so that reading them costs less."""
        # each distinct word once (a word is in many texts)
        words = {w: pieces(w) for w in dict.fromkeys(w for t in texts for w in t.split())}
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
        for word in more_words:
            if word not in self._known:
                indices, values = self._word(pieces(word))
                if len(indices):
                    self._known[word] = indices, values
        self._idf_squared: list[float] = (self._idf**2).tolist()
        self._word_row: dict[str, int] = {}
        self._word_length: list[float] = []
        self._tables: list[_Dense | _Sparse] = []

    def __len__(self) -> int:
        return len(self.vocabulary)

    def _word(self, word_pieces: Sequence[str]) -> Row:
        counts: dict[int, int] = {}
        for index in map(self.vocabulary.get, word_pieces):
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return indices, values * self._idf[indices]

    def _row(self, text: str) -> Row:
        words = [self._known[w] for w in text.split()]
        if not words:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        length = math.sqrt(sum(float(v @ v) for _, v in words))
        indices, where = np.unique(np.concatenate([i for i, _ in words]), return_inverse=True)
        values = np.bincount(where, weights=np.concatenate([v for _, v in words])).astype(float)
        return indices.astype(np.int64), values / length if length else values

    def weigh(self, *tables: NDArray[np.float64]) -> None:
        """Set the weight tables (a row per piece, a column per class or text) `scores`
        reads. A table most of whose entries are 0 (`SPARSE`: one column per text, whose
        pieces are few) is kept as sparse rows, not as a full table of zeros."""
        words = list(self._known)
        self._word_row = {w: i for i, w in enumerate(words)}
        rows = [self._known[w] for w in words]
        self._word_length = [float(v @ v) for _, v in rows]
        self._tables = []
        for table in tables:
            by_piece = self._idf[:, None] * table  # a piece counted once, times its idf
            by_word = np.array([v @ table[i] for i, v in rows]).reshape(-1, table.shape[1])
            if np.count_nonzero(table) < SPARSE * table.size:
                self._tables.append(_Sparse(by_piece, by_word))
            else:
                self._tables.append(_Dense(by_piece, by_word))

    def scores(self, text: str, tables: int = 1) -> list[NDArray[np.float64]]:
        """The first `tables` weight tables read for `text`'s row: one score per column (0
        with no pieces). The content's words are looked up; other words are split into
        pieces here (and nothing of them is kept)."""
        known: list[int] = []
        found: list[int] = []
        length = 0.0
        for word in text.split():
            row = self._word_row.get(word)
            if row is not None:
                known.append(row)
                length += self._word_length[row]
                continue
            indices = [i for i in map(self.vocabulary.get, pieces(word)) if i is not None]
            if indices:
                # (a piece twice in one word counts as two pieces here: rare, and close)
                length += sum(map(self._idf_squared.__getitem__, indices))
                found += indices
        scale = 1.0 / math.sqrt(length) if length else 1.0
        return [table.read(known, found) * scale for table in self._tables[:tables]]


class _Dense:
    """A weight table read as it is: a row per known word (worked out ahead) and per piece."""

    def __init__(self, by_piece: NDArray[np.float64], by_word: NDArray[np.float64]) -> None:
        self._by_piece = by_piece
        self._by_word = by_word

    def read(self, known: list[int], found: list[int]) -> NDArray[np.float64]:
        """The sum of the rows of the words `known` and the pieces `found`."""
        total: NDArray[np.float64] = np.add.reduce(self._by_word.take(known, axis=0), axis=0)
        if found:
            total = total + np.add.reduce(self._by_piece.take(found, axis=0), axis=0)
        return total


class _Sparse:
    """A weight table of mostly zeros: the rows of the known words read as they are (worked
    out ahead, and most words of a message are known), those of the pieces kept as their
    non-zero entries (`_starts` says where each piece's begin)."""

    def __init__(self, by_piece: NDArray[np.float64], by_word: NDArray[np.float64]) -> None:
        self._by_word = by_word
        rows, self._columns = np.nonzero(by_piece)
        self._values = by_piece[rows, self._columns]
        self._starts = np.searchsorted(rows, np.arange(len(by_piece) + 1))

    def read(self, known: list[int], found: list[int]) -> NDArray[np.float64]:
        """The sum of the rows of the words `known` and the pieces `found`."""
        total: NDArray[np.float64] = np.add.reduce(self._by_word.take(known, axis=0), axis=0)
        if found:
            wanted = np.asarray(found, dtype=np.int64)
            starts, ends = self._starts[wanted], self._starts[wanted + 1]
            sizes = ends - starts
            # the positions of every wanted piece's entries, one piece after another
            at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
            at += np.arange(len(at))
            width = len(total)
            total = total + np.bincount(self._columns[at], self._values[at], width)
        return total
