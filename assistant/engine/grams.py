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
from typing import Any

import numpy as np
from numpy.typing import NDArray

SMALLEST, LARGEST = 3, 5
"""The lengths of the letter runs taken from each (space-padded) word."""

SPARSE = 0.05
"""A weight table with fewer non-zero entries than this share is kept as sparse rows."""

Row = tuple[NDArray[np.int64], NDArray[np.float64]]
"""A sparse row: the vocabulary indices of a text's pieces and their weights."""

Read = NDArray[np.floating[Any]]
"""A table read for a text: one score per column (single precision from a table kept so)."""


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
            # each piece once, in the order met (a set's order would change with the hash seed,
            # and the vocabulary's order with it: the sums, and so the scores, by a rounding)
            for piece in dict.fromkeys(p for w in text.split() for p in words[w]):
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

    def __getstate__(self) -> dict[str, object]:
        """What is kept on disk (`matcher_store.py`): all but what only building reads, the
        training texts' rows (the classifier's, while it is built) and the pieces of every
        word worked out ahead (`weigh` turns them into the tables `scores` reads). So a table
        read back is not weighed again; reading back 5,000 words' pieces, some 10,000 small
        arrays, took a sixth of reading the matcher."""
        state = dict(vars(self))
        state["training_rows"] = []
        state["_known"] = {}
        return state

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

    def weigh(self, *tables: NDArray[np.float64] | Sequence[Row]) -> None:
        """Set the weight tables (a row per piece, a column per class or text) `scores`
        reads. A table most of whose entries are 0 (`SPARSE`) is kept as sparse rows, not as
        a full table of zeros; a table given as its columns' sparse rows (one column per text:
        each text's `training_rows` row) is built sparse at once, never as a full table (the
        small talk's texts, one column each, would be a table of 20,000 pieces by 900)."""
        words = list(self._known)
        self._word_row = {w: i for i, w in enumerate(words)}
        rows = [self._known[w] for w in words]
        self._word_length = [float(v @ v) for _, v in rows]
        self._tables = []
        for table in tables:
            if not isinstance(table, np.ndarray):
                self._tables.append(_Sparse.of_columns(table, self._idf, rows))
                continue
            by_piece = self._idf[:, None] * table  # a piece counted once, times its idf
            by_word = np.array([v @ table[i] for i, v in rows]).reshape(-1, table.shape[1])
            if np.count_nonzero(table) < SPARSE * table.size:
                self._tables.append(_Sparse.of_table(by_piece, by_word))
            else:
                self._tables.append(_Dense(by_piece, by_word))

    def scores(self, text: str, tables: int = 1) -> list[Read]:
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

    def __init__(
        self,
        rows: NDArray[np.int64],
        columns: NDArray[np.int64],
        values: NDArray[np.float64],
        pieces: int,
        by_word: NDArray[np.floating[Any]],
    ) -> None:
        """The table's non-zero entries by piece (`rows` sorted), of `pieces` pieces in all,
        and the known words' full rows."""
        self._by_word = by_word
        self._columns = columns
        self._values = values
        self._starts = np.searchsorted(rows, np.arange(pieces + 1))

    def __getstate__(self) -> dict[str, object]:
        """What is kept on disk (`matcher_store.py`): the known words' rows as their non-zero
        entries, as most are 0 (the small talk's table, a column a text, is 5,000 by 1,700)."""
        state = dict(vars(self))
        by_word = state.pop("_by_word")
        at = np.flatnonzero(by_word)
        state["_by_word_kept"] = (by_word.shape, at, by_word.ravel()[at])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        shape, at, values = state.pop("_by_word_kept")
        by_word = np.zeros(shape, dtype=values.dtype)
        np.put(by_word, at, values)
        self.__dict__.update(state)
        self._by_word = by_word

    @classmethod
    def of_table(cls, by_piece: NDArray[np.float64], by_word: NDArray[np.float64]) -> _Sparse:
        """The table `by_piece` (a full one, mostly zeros) kept as its non-zero entries."""
        rows, columns = np.nonzero(by_piece)
        return cls(rows, columns, by_piece[rows, columns], len(by_piece), by_word)

    @classmethod
    def of_columns(
        cls, columns: Sequence[Row], idf: NDArray[np.float64], words: Sequence[Row]
    ) -> _Sparse:
        """The table whose column j holds the pieces and values `columns[j]`, read with the
        pieces' `idf` and the known `words`' rows: the same as `of_table(idf[:, None] * table,
        ...)` of the full table, without ever making it."""
        width = len(columns)
        sizes = np.fromiter((len(i) for i, _ in columns), dtype=np.int64, count=width)
        rows = np.concatenate([i for i, _ in columns]) if width else np.zeros(0, np.int64)
        values = np.concatenate([v for _, v in columns]) if width else np.zeros(0)
        order = np.argsort(rows, kind="stable")  # by piece, each piece's columns in order
        rows, values = rows[order], values[order]
        at_column = np.repeat(np.arange(width, dtype=np.int64), sizes)[order]
        starts = np.searchsorted(rows, np.arange(len(idf) + 1))
        # single precision: the small talk's table, a column a text, is 5,000 words by 1,700
        # texts, and every known word of a short message reads its row (7 KB, not 14 KB, and
        # 35 MB in all, not 70 MB); sums move by under 1e-5 of a score of about 0..1
        by_word = np.zeros((len(words), width), dtype=np.float32)
        for r, (indices, weights) in enumerate(words):
            first, last = starts[indices], starts[indices + 1]
            counts = last - first
            at = _positions(first, counts)
            by_word[r] = np.bincount(at_column[at], np.repeat(weights, counts) * values[at], width)
        return cls(rows, at_column, idf[rows] * values, len(idf), by_word)

    def read(self, known: list[int], found: list[int]) -> Read:
        """The sum of the rows of the words `known` and the pieces `found`."""
        total: Read = np.add.reduce(self._by_word.take(known, axis=0), axis=0)
        if found:
            wanted = np.asarray(found, dtype=np.int64)
            starts = self._starts[wanted]
            at = _positions(starts, self._starts[wanted + 1] - starts)
            width = len(total)
            total = total + np.bincount(self._columns[at], self._values[at], width)
        return total


def _positions(starts: NDArray[np.int64], sizes: NDArray[np.int64]) -> NDArray[np.int64]:
    """The positions of runs of `sizes` entries beginning at `starts`, one run after another."""
    at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    at += np.arange(len(at))
    return at
