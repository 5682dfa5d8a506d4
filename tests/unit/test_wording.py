"""The wording reading: a ridge regression over words and word pairs (wording.py)."""

from __future__ import annotations

import numpy as np

from assistant.engine.wording import JointWording, Wording, pairs


def wording(texts: list[str], labels: list[int], classes: int, ridge: float = 0.5) -> Wording:
    return Wording(texts, labels, classes, [1.0] * len(texts), ridge=ridge)


def test_pairs_are_neighbouring_words() -> None:
    assert pairs("can i say no") == ["can i", "i say", "say no"]
    assert pairs("no") == [] and pairs("") == []


def test_a_text_it_learnt_reads_as_its_class() -> None:
    texts = ["can it be hacked", "is the data encrypted", "where do i park", "who reads my notes"]
    model = wording(texts, [0, 0, 1, 2], 3, ridge=1e-3)
    for text, label in zip(texts, [0, 0, 1, 2], strict=True):
        got = model.scores(text)
        # read as it was learnt: the same rows, so near its one-hot target
        assert got.argmax() == label and got[label] > 0.9
        assert np.all(np.delete(got, label) < 0.1)


def test_word_pairs_tell_apart_what_the_same_words_cannot() -> None:
    # the same words in each class; only their order (the pairs) differs
    texts = ["data sold on", "is data sold", "sold data to", "they sold data"]
    model = wording(texts, [0, 0, 1, 1], 2)
    one, other = model.scores("was data sold"), model.scores("we sold data")
    assert one[0] > one[1] and other[1] > other[0]
    # without pairs to tell them (one word), neither class leads by much
    alone = model.scores("data")
    assert abs(alone[0] - alone[1]) < abs(one[0] - one[1])


def test_a_learnt_text_told_only_by_its_pairs_reads_as_learnt() -> None:
    # the same pieces in both texts: the pairs' part of a row is read as it was learnt
    model = wording(["data sold", "sold data"], [0, 1], 2, ridge=1e-6)
    assert np.allclose(model.scores("data sold"), [1.0, 0.0], atol=0.01)
    assert np.allclose(model.scores("sold data"), [0.0, 1.0], atol=0.01)


def test_a_word_it_has_learnt_counts_however_long_the_message() -> None:
    texts = ["can it be hacked", "what if hackers break in", "where do i park", "is there parking"]
    model = wording(texts, [0, 0, 1, 1], 2)
    long = "i was talking to my neighbour on the bus this morning and she said it could be hacked"
    got = model.scores(long)
    assert got[0] > got[1] > -0.1


def test_nothing_learnt_reads_as_nothing() -> None:
    model = wording(["can it be hacked", "where do i park"], [0, 1], 2)
    assert not np.any(model.scores("zzzz qqqq"))
    assert not np.any(model.scores(""))


def test_a_class_with_no_texts_scores_nothing() -> None:
    model = wording(["can it be hacked", "where do i park"], [0, 1], 3)
    assert model.scores("can it be hacked")[2] == 0.0


def test_sentences_and_their_whole_read_at_once_as_one_by_one() -> None:
    texts = ["can it be hacked", "is the data encrypted", "where do i park", "who reads my notes"]
    model = wording(texts, [0, 0, 1, 2], 3)
    for parts in (
        ["where do i park", "can it be hacked"],
        ["where do i", "park", "who reads", "my notes"],  # pairs across borders: "i park"
        ["nothing learnt here", "who reads my notes"],  # a sentence of no learnt terms
        ["zzz", "qqq"],
        ["can it be hacked"],
    ):
        each, whole = model.scores_each(parts)
        assert each.shape == (len(parts), 3)
        for row, part in zip(each, parts, strict=True):
            np.testing.assert_allclose(row, model.scores(part), atol=1e-9)
        np.testing.assert_allclose(whole, model.scores(" ".join(parts)), atol=1e-9)


def test_two_wordings_read_at_once_as_each_alone() -> None:
    # the second knows terms the first never learnt ("car park", "late bus"), and lacks some
    first = wording(
        ["can it be hacked", "is the data encrypted", "where do i park", "who reads my notes"],
        [0, 0, 1, 2],
        3,
    )
    second = wording(["my car park ticket", "the late bus again", "who reads it"], [1, 1, 2], 3)
    joint = JointWording(first, second)
    for parts in (
        ["where do i park", "can it be hacked"],
        ["the late bus", "again who reads", "my notes"],
        ["nothing learnt here", "zzz"],
        ["my car park ticket", "is the data encrypted"],
    ):
        each, whole, posted = joint.scores_each(parts)
        alone_each, alone_whole = first.scores_each(parts)
        np.testing.assert_array_equal(each, alone_each)
        np.testing.assert_array_equal(whole, alone_whole)
        assert posted is not None
        np.testing.assert_allclose(posted, second.scores(" ".join(parts)), atol=1e-9)
        for part in parts:  # a text alone, as the first reads it (the second's terms unread)
            np.testing.assert_array_equal(joint.scores(part), first.scores(part))
    # without a second: the first's own reading, and no second score
    alone = JointWording(first)
    each, whole, posted = alone.scores_each(["where do i park", "who reads my notes"])
    assert posted is None
    np.testing.assert_array_equal(
        whole, first.scores_each(["where do i park", "who reads my notes"])[1]
    )
    np.testing.assert_array_equal(
        alone.scores("my car park ticket"), first.scores("my car park ticket")
    )
    assert not np.any(alone.scores("zzz qqq"))
