"""The pieces of words the semantic classifier reads beside the sentence vector (grams.py)."""

from __future__ import annotations

import numpy as np

from assistant.engine.grams import Grams, pieces
from assistant.engine.semantic import Classifier, default_embedder


def test_pieces_are_letter_runs_of_padded_words_and_the_words() -> None:
    got = pieces("hack it")
    assert {" ha", "hac", "ack", "ck ", " hac", "hack", "ack ", " hack", "hack "} <= set(got)
    assert "hack" in got and "it" in got and " it " in got
    assert "k i" not in got  # never across two words


def test_a_text_reads_the_same_word_by_word_as_its_row() -> None:
    texts = ["can it be hacked", "is the data encrypted", "where do i park"]
    grams = Grams(texts, more_words=["hacker"])
    rng = np.random.default_rng(7)
    table = rng.normal(size=(len(grams), 3))
    grams.weigh(table)
    for text in texts:
        indices, values = grams.training_rows[texts.index(text)]
        assert np.allclose(grams.scores(text), values @ table[indices])
    # a word no text has is split into pieces when read, the same as one worked out ahead
    ahead = grams.scores("hacker")
    unseen = Grams(texts)
    unseen.weigh(table)
    assert np.allclose(unseen.scores("hacker"), ahead)
    assert not np.any(unseen.scores("zzzz"))  # no known piece: no score


def test_a_misspelt_telling_word_still_finds_its_class() -> None:
    texts = [
        "can it be hacked",
        "what if hackers break in",
        "is it encrypted",
        "how long do you keep it",
        "when is it deleted",
        "is the recording erased",
    ]
    classifier = Classifier(default_embedder(), texts, [0, 0, 0, 1, 1, 1], 2, spelling=1.0)
    scores = classifier.scores(["hackable??", "when does it get delted"])
    assert scores[0].argmax() == 0 and scores[1].argmax() == 1
