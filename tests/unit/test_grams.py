"""The pieces of words the semantic classifier reads beside the sentence vector (grams.py)."""

from __future__ import annotations

import numpy as np

from assistant.engine.embedder import default_embedder
from assistant.engine.grams import Grams, pieces
from assistant.engine.semantic import Classifier


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
        assert np.allclose(grams.scores(text)[0], values @ table[indices])
    # a word no text has is split into pieces when read, the same as one worked out ahead
    ahead = grams.scores("hacker")[0]
    unseen = Grams(texts)
    unseen.weigh(table)
    assert np.allclose(unseen.scores("hacker")[0], ahead)
    assert not np.any(unseen.scores("zzzz")[0])  # no known piece: no score


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


def test_a_union_of_small_topics_is_scored_by_its_nearest_text() -> None:
    texts = [
        "can i use a fake name",
        "do i have to give my real name",
        "is my name on the recording",
        "where can i park",
        "what is your name",
        "is it going to rain",
        "can i pay by card",
    ]
    labels = [0, 0, 0, 1, 1, 1, 1]
    embedder = default_embedder()
    plain = Classifier(embedder, texts, labels, 2, spelling=1.0)
    union = Classifier(embedder, texts, labels, 2, spelling=1.0, nearest=1)
    question = ["what is your name", "can i use a made up name"]
    # the small-talk class reads at least as high with its nearest text as without, and a
    # text it holds word for word reads fully like it
    assert np.all(union.scores(question)[:, 1] >= plain.scores(question)[:, 1])
    assert plain.scores(question)[0, 1] < 0.9 < union.scores(question)[0, 1]
    assert union.scores(question)[0].argmax() == 1
    assert union.scores(question)[1].argmax() == 0


def test_a_table_of_mostly_zeros_reads_the_same_as_a_full_one() -> None:
    texts = ["can it be hacked", "is the data encrypted", "where do i park", "hello there"]
    grams = Grams(texts, more_words=["hacker"])
    rng = np.random.default_rng(11)
    table = rng.normal(size=(len(grams), 40))
    table[rng.random(table.shape) > 0.03] = 0.0  # about 3% non-zero: kept as sparse rows
    grams.weigh(table)
    assert type(grams._tables[0]).__name__ == "_Sparse"
    for text in texts:
        indices, values = grams.training_rows[texts.index(text)]
        assert np.allclose(grams.scores(text)[0], values @ table[indices])
    # a word no text has is read from its pieces' sparse rows, the same as worked out ahead
    unseen = Grams(texts)
    unseen.weigh(table)
    assert np.allclose(unseen.scores("hacker data")[0], grams.scores("hacker data")[0])
    assert np.any(unseen.scores("hacker")[0])
    assert not np.any(unseen.scores("zzzz")[0]) and unseen.scores("")[0].shape == (40,)


def test_a_table_given_by_its_columns_reads_the_same_as_the_full_one() -> None:
    texts = ["can it be hacked", "is the data encrypted", "where do i park", "hello there"]
    full = Grams(texts, more_words=["hacker"])
    table = np.zeros((len(full), len(texts)))  # each text alone, a column each
    for j, (indices, values) in enumerate(full.training_rows):
        table[indices, j] = values
    full.weigh(table)
    by_columns = Grams(texts, more_words=["hacker"])
    by_columns.weigh(list(by_columns.training_rows))
    assert type(by_columns._tables[0]).__name__ == "_Sparse"
    for text in [*texts, "hacker data", "park the hacked car", "zzzz", ""]:
        assert np.allclose(by_columns.scores(text)[0], full.scores(text)[0])
    # each text reads most like itself
    for j, text in enumerate(texts):
        assert by_columns.scores(text)[0].argmax() == j
