"""Sentence vectors from the WordLlama model that ships in its wheel (`semantic.py` reads them).

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

Beside a text's sentence vector, `Embedder.peaks` gives the element-wise largest of its words'
unit vectors, and `embed_and_peaks` both at once. Words the content uses are worked out once
(`Embedder.words`). Nothing is cached by text: a cache would keep words a client typed after the
kiosk wipes the session.

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
        both = np.ascontiguousarray(np.hstack([vectors, unit_rows(vectors)]))
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
        return unit_rows(out)

    def embed_and_peaks(
        self,
        texts: Sequence[str],
        together: bool = False,
        known: WordVectors | None = None,
        lows: bool = False,
    ) -> Vectors:
        """`embed` and `peaks` of the same texts side by side, one row a text (and one more
        with `together`), each half of unit length: a message's few sentences read once for
        both (each word looked up or encoded once). The sentence vectors are `embed`'s: the
        tokenizer never joins two words, so a word's tokens are the same alone. With `lows`, a
        third block beside them, of unit length too: the element-wise smallest of the words'
        unit vectors, the directions a word pulls most strongly the other way."""
        dim = self.dim
        blocks = 3 if lows else 2
        out = np.zeros((len(texts) + together, blocks * dim), dtype=np.float32)
        filled = np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            rows, others = self._words_of(text, known)
            if rows and known is not None:
                chunk = known.both.take(rows, axis=0)
                out[i, :dim] = np.add.reduce(chunk[:, :dim], axis=0)
                out[i, dim : 2 * dim] = np.maximum.reduce(chunk[:, dim:], axis=0)
                if lows:
                    out[i, 2 * dim :] = np.minimum.reduce(chunk[:, dim:], axis=0)
                filled[i] = True
            if others:  # words encoded here (few: most are known)
                found = np.asarray(others, dtype=np.float32)
                out[i, :dim] += np.add.reduce(found, axis=0)
                each = unit_rows(found)
                largest = np.maximum.reduce(each, axis=0)
                high = out[i, dim : 2 * dim]
                out[i, dim : 2 * dim] = np.maximum(high, largest) if filled[i] else largest
                if lows:
                    smallest = np.minimum.reduce(each, axis=0)
                    low = out[i, 2 * dim :]
                    out[i, 2 * dim :] = np.minimum(low, smallest) if filled[i] else smallest
                filled[i] = True
        if together:
            out[-1, :dim] = np.add.reduce(out[:-1, :dim], axis=0)
            if filled.any():
                seen = out[: len(texts)][filled]
                out[-1, dim : 2 * dim] = np.maximum.reduce(seen[:, dim : 2 * dim], axis=0)
                if lows:
                    out[-1, 2 * dim :] = np.minimum.reduce(seen[:, 2 * dim :], axis=0)
        blocks_apart = out.reshape(-1, dim)  # each block of each row a row of its own, scaled
        return unit_rows(blocks_apart).reshape(out.shape)

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
        return np.ascontiguousarray(self.embed_and_peaks(texts, together, known)[:, self.dim :])

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


def unit_rows(rows: Vectors) -> Vectors:
    """`rows` scaled to unit length; a row of zeros stays zeros (divided by a tiny number, not
    by 0)."""
    norms = np.maximum(np.sqrt(np.add.reduce(rows * rows, axis=1)), 1e-30)
    result: Vectors = np.ascontiguousarray(rows / norms[:, None], np.float32)
    return result


@functools.cache
def default_embedder() -> Embedder:
    """The shipped model, loaded once per process."""
    return Embedder()
