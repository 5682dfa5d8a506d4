"""Wording: a ridge regression over a message's words and its pairs of neighbouring words.

The semantic classifier (`semantic.py`) reads a sentence vector, and beside it how like each
class's texts, taken together, the pieces of a message's words are (a centroid each). A
centroid weighs every word a class's texts use, "can" and "my" as well as "hacked"; a
regression learns which words and which pairs of words tell one class from the others. Pairs
matter most: "say no", "no ai", "my notes", "the tapes", "get rid" tell a worry that their two
words alone do not. In a first try outside the app (scikit-learn's ridge, each round of
phrasings held out in turn as `bench_matcher_folds.py` does), this reading alone put 85.8% of the
held-out short questions first and the matcher without it 81.3%; fused into the matcher, 85.6%,
with the check sets' short questions 93.8% (alone 92.3%, the matcher without it 91.3%) and more
of them answered without "did you mean".

A text's row is the tf-idf row of its words and, beside it, that of its word pairs, each of unit
length (words as the language layer reads them, typos mended: `MessageParts.plain`). The regression
maps the rows onto one-hot class targets, each text weighing its training weight
(`training_texts.py`), with no bias: a text with none of the learnt words or pairs scores 0 for
every class. The words and pairs outnumber the texts several times, so it is solved by LSQR
(scipy's sparse least squares), not in closed form; reading a message is a few row lookups.
(Reading the 3- to 5-letter pieces of the words as well, as `grams.py` does, was about as good
held out, short questions 86.2 against 85.9%, for a third more time a message and half a second
more to build. Reading word forms as one did not help either (stop 60). With each word's stem
beside it (`analyzer.stem_word`: "deleting" meets "delete"), held out by round, short questions
moved 7,235 -> 7,250 of 8,031 and posts 2,896 -> 2,890 of 3,051; on the check sets with their
round held out, short questions 2,618 -> 2,613 of 2,762 and answered outright but wrongly 25 ->
28. With stems instead of words: short 7,236 and 2,624, answered outright but wrongly 78 -> 82
and 25 -> 34. Another seed for the random waves of `one_sentence.py`, and nothing else, moves
the held-out short questions by 12.) Nothing is cached by text.

The matcher reads its wording through `JointWording`, with the wording learnt from posts
(`POST_WORDING`) beside it: one look-up of a message's terms serves both.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

RIDGE = 0.5
"""How strongly the weights are pulled towards zero (the damping of LSQR, squared)."""

TOLERANCE = 1e-3
"""LSQR stops when its relative residual changes less than this (scores move in the third
place at most)."""


def pairs(text: str) -> list[str]:
    """The pairs of neighbouring words of `text` (already read by the language layer)."""
    return _pairs_of(text.split())


class Wording:
    """Texts -> a score per class (about 0..1, not probabilities), learnt from labelled texts
    (`texts[i]` in class `labels[i]`, weighing `weights[i]`).

    A text's row has two blocks, its words' and its pairs', each the sum of its terms' idf
    (each time a term comes) divided by the root of the sum of their squares: unit length when
    no term comes twice (nearly always), and read term by term, with no counting. Words and
    pairs share one vocabulary (a pair has a space in it, a word never)."""

    def __init__(
        self,
        texts: Sequence[str],
        labels: Sequence[int],
        classes: int,
        weights: Sequence[float],
        ridge: float = RIDGE,
    ) -> None:
        self.classes = classes
        split = [t.split() for t in texts]
        df: dict[str, int] = {}
        for words in split:
            for term in dict.fromkeys((*words, *_pairs_of(words))):  # in order: see grams.py
                df[term] = df.get(term, 0) + 1
        self._index = {term: i for i, term in enumerate(df)}
        n = len(texts)
        idf = np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in df.values()])
        self._squared: list[float] = (idf**2).tolist()
        indptr: list[int] = [0]
        indices: list[int] = []
        values: list[float] = []
        for words in split:
            found, scale = self._found(words)
            indices += found
            values += [float(idf[i]) * s for i, s in zip(found, scale, strict=True)]
            indptr.append(len(indices))
        # scipy only while learning (a fifth of a second to import): a matcher read back from
        # disk (`matcher_store.py`) never needs it
        from scipy.sparse import csr_matrix
        from scipy.sparse.linalg import lsqr

        # (a term twice in a row is summed when the matrix is read)
        x = csr_matrix((values, indices, indptr), shape=(n, len(df)))
        root = np.sqrt(np.asarray(weights, dtype=np.float64))
        # single precision: LSQR's products read half as much, and the scores barely move
        weighted = csr_matrix(x.multiply(root[:, None]), dtype=np.float32)
        coef = np.zeros((len(df), classes))
        damp = math.sqrt(ridge)
        classes_of = np.asarray(labels)
        for label in range(classes):
            target = (root * (classes_of == label)).astype(np.float32)
            if target.any():
                solved = lsqr(weighted, target, damp=damp, atol=TOLERANCE, btol=TOLERANCE)
                coef[:, label] = solved[0]
        # a term's weights, its idf taken in: a row reads as its terms' rows times their scale
        self._weights = np.ascontiguousarray(
            np.vstack([coef * idf[:, None], np.zeros((1, classes))]), dtype=np.float32
        )
        self._zero = len(df)  # the row of zeros, last (`scores_each`)

    def _terms(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """The vocabulary index of each word of `words` that is in it, then of each pair (each
        time it comes): the two blocks of a text's row."""
        get = self._index.get
        said = [i for i in map(get, words) if i is not None]
        return said, [i for i in map(get, _pairs_of(words)) if i is not None]

    def _found(self, words: Sequence[str]) -> tuple[list[int], list[float]]:
        """The vocabulary index of each word, then each pair, of `words` that is in it (each
        time it comes), and the scale of each: one over its block's length."""
        said, paired = self._terms(words)
        return said + paired, _scales(said, paired, self._squared)

    def scores(self, text: str) -> NDArray[np.float64]:
        """`text`'s score for every class: the weights of its words and of its pairs, each
        block scaled to unit length (0 for each class with none of them learnt)."""
        found, scale = self._found(text.split())
        if not found:
            return np.zeros(self.classes)
        read: NDArray[np.float64] = np.dot(scale, self._weights.take(found, axis=0))
        return read

    def scores_each(self, texts: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """`scores` of each of `texts` (a row each) and of them joined by spaces (a message's
        sentences, and the whole of it), from one look-up of each sentence's terms: the whole's
        words are its sentences' words, and its pairs their pairs and the pairs across each
        border between two sentences."""
        found, starts, (sizes,) = _gathered(texts, self._index.get, (self._squared,), self._zero)
        sums = np.add.reduceat(self._weights.take(found, axis=0).astype(np.float64), starts, axis=0)
        return _each_and_whole(sums, sizes, len(texts))


class JointWording:
    """Two wordings of one message read from one look-up of its terms: `first`'s scores of a
    text, or of each sentence and of the whole (`Wording.scores_each`), and `second`'s of the
    whole (the matcher's wording, and the wording learnt from posts: `POST_WORDING`), or only
    the first's when there is no second. Their vocabularies are joined, the first's terms
    first; a term one of them never learnt weighs 0 in it, and adds 0 to its blocks' lengths,
    so each reads as it does alone."""

    def __init__(self, first: Wording, second: Wording | None = None) -> None:
        self._first_size = first._zero  # (its terms are the rows before this one)
        self._classes = first.classes
        if second is None:  # the first's own tables, as they are
            self._index, self._zero, self._weights = first._index, first._zero, first._weights
            self._squared, self._second_squared = first._squared, None
            return
        index = dict(first._index)  # the first's terms keep their rows
        for term in second._index:
            index.setdefault(term, len(index))
        self._index = index
        self._zero = len(index)
        weights = np.zeros((len(index) + 1, first.classes + second.classes), dtype=np.float32)
        weights[: first._zero, : first.classes] = first._weights[: first._zero]
        rows = [index[term] for term in second._index]  # in the second's order
        weights[rows, first.classes :] = second._weights[: second._zero]
        self._weights = weights
        self._squared = [*first._squared, *([0.0] * (len(index) - first._zero))]
        squared = [0.0] * len(index)
        for row, value in zip(rows, second._squared, strict=True):
            squared[row] = value
        self._second_squared = squared

    def scores(self, text: str) -> NDArray[np.float64]:
        """The first wording's scores of `text` (`Wording.scores`)."""
        get, size = self._index.get, self._first_size
        words = text.split()
        said = [i for i in map(get, words) if i is not None and i < size]
        paired = [i for i in map(get, _pairs_of(words)) if i is not None and i < size]
        scale = _scales(said, paired, self._squared)
        if not scale:
            return np.zeros(self._classes)
        rows = self._weights.take(said + paired, axis=0)[:, : self._classes]
        read: NDArray[np.float64] = np.dot(scale, rows)
        return read

    def scores_each(
        self, texts: Sequence[str]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64] | None]:
        """The first wording's scores of each of `texts` and of them joined by spaces, and the
        second's of them joined (None without a second)."""
        second = self._second_squared
        squares = (self._squared,) if second is None else (self._squared, second)
        found, starts, sizes = _gathered(texts, self._index.get, squares, self._zero)
        sums = np.add.reduceat(self._weights.take(found, axis=0).astype(np.float64), starts, axis=0)
        cut = self._classes
        each, whole = _each_and_whole(sums[:, :cut], sizes[0], len(texts))
        if second is None:
            return each, whole, None
        return each, whole, _whole(sums[:, cut:], sizes[1], len(texts))


def _scales(said: list[int], paired: list[int], squared: list[float]) -> list[float]:
    """The scale of each term of a text's two blocks (its words' rows `said`, its pairs'
    `paired`): one over the root of its block's sum of `squared` (a term's idf squared)."""
    scale: list[float] = []
    for block in (said, paired):
        if block:
            scale += [1.0 / math.sqrt(sum(map(squared.__getitem__, block)))] * len(block)
    return scale


def _gathered(
    texts: Sequence[str],
    get: Callable[[str], int | None],
    squares: Sequence[list[float]],
    zero: int,
) -> tuple[list[int], list[int], list[list[float]]]:
    """The rows to read for `texts` (a message's sentences) and where each block of them starts:
    each text's words, then its pairs, then last the pairs across the borders between two
    texts, each block closed by the row of zeros `zero` (an empty block sums to 0); and for
    each list of `squares` (a term's idf squared, by row), the sum over each block."""
    found: list[int] = []
    starts: list[int] = []
    sizes: list[list[float]] = [[] for _ in squares]  # the sum of the squares of each block
    reads = [square.__getitem__ for square in squares]
    last = ""  # the last word of the sentence before
    borders: list[int] = []
    for text in texts:
        words = text.split()
        if last and words and (border := get(f"{last} {words[0]}")) is not None:
            borders.append(border)
        last = words[-1] if words else last
        said = [i for i in map(get, words) if i is not None]
        paired = [i for i in map(get, _pairs_of(words)) if i is not None]
        for block in (said, paired):
            starts.append(len(found))
            found += (*block, zero)
            for size, read in zip(sizes, reads, strict=True):
                size.append(sum(map(read, block)))
    starts.append(len(found))
    found += (*borders, zero)
    for size, read in zip(sizes, reads, strict=True):
        size.append(sum(map(read, borders)))
    return found, starts, sizes


def _each_and_whole(
    sums: NDArray[np.float64], sizes: list[float], n: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The scores of each of `n` texts and of their whole, from the sums of their blocks' rows
    and the blocks' sizes (`_gathered`)."""
    scale = np.array([_one_over_root(size) for size in sizes[: 2 * n]])[:, None]
    each = sums[0 : 2 * n : 2] * scale[0::2] + sums[1 : 2 * n : 2] * scale[1::2]
    return each, _whole(sums, sizes, n)


def _whole(sums: NDArray[np.float64], sizes: list[float], n: int) -> NDArray[np.float64]:
    """The scores of `n` texts read as one (`_each_and_whole`)."""
    word_size = float(np.array(sizes[0 : 2 * n : 2]).sum())
    pair_size = float(np.array(sizes[1 : 2 * n : 2]).sum() + sizes[-1])
    words = np.add.reduce(sums[0 : 2 * n : 2], axis=0) * _one_over_root(word_size)
    pairs = (np.add.reduce(sums[1 : 2 * n : 2], axis=0) + sums[-1]) * _one_over_root(pair_size)
    result: NDArray[np.float64] = words + pairs
    return result


def _one_over_root(size: float) -> float:
    """One over the root of `size` (a block's length), and 0 for a size of 0 (a block of no
    terms)."""
    return 1.0 / math.sqrt(size) if size > 0 else 0.0


def _pairs_of(words: Sequence[str]) -> list[str]:
    """The pairs of neighbouring words among `words`."""
    return [f"{a} {b}" for a, b in itertools.pairwise(words)]
