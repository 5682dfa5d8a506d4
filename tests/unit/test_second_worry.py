"""The second worry a long post is offered (`second_worry.py`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import assistant.engine.main_worry as main_worry
import assistant.engine.second_worry as second_worry
from assistant.engine.main_worry import PostReading
from assistant.engine.matcher import Matcher
from assistant.engine.matcher_settings import SECOND_WORRY, Fitted
from assistant.engine.second_worry import TRAITS, eligible, offered, traits


def reading() -> PostReading:
    # four sentences, four classes (three concerns, then small talk); concern 0 is the main one,
    # 1 is raised by the second and third sentences (the last adds a point), 2 by none
    rows = np.array(
        [
            [90.0, 10.0, 20.0, 5.0],
            [20.0, 85.0, 30.0, 5.0],
            [30.0, 60.0, 10.0, 50.0],
            [10.0, 95.0, 40.0, 1.0],
        ]
    )
    return PostReading(
        whole=np.array([97.0, 95.0, 60.0, 10.0]),
        rows=rows,
        theme=np.array([0.6, 0.3, 0.2, 0.0]),
        post=np.array([0.7, 0.5, 0.1, 0.1]),
        words=np.array([1.5, 0.5, 0.2, 0.0]),
        asks=[True, True, False, True],
        adds=[False, False, False, True],
        stress=[False, False, False, False],
    )


def test_the_traits_of_each_concern() -> None:
    got = traits(reading(), 0)
    assert got.shape == (3, len(TRAITS))
    main, other, none = (dict(zip(TRAITS, row, strict=True)) for row in got.tolist())
    assert other["whole"] == pytest.approx(3.0, abs=0.01)
    assert other["first raised"] == pytest.approx(1 / 3) and none["first raised"] == 1.0
    assert other["raised where asked"] == 1.0 and other["share raised"] == pytest.approx(0.5)
    assert other["best sentence"] == pytest.approx(3.0, abs=0.01)
    # 95 against the main one's 10 in the last sentence: 3.0 - 0.105 units
    assert other["lead in a sentence"] == pytest.approx(2.89, abs=0.01)
    assert (other["theme"], other["as a post"], other["words alone"]) == (0.3, 0.5, 0.5)
    assert other["last sentence"] == 1.0 and other["first sentence"] == 0.0
    assert other["added"] == 1.0 and other["runner-up"] == 1.0
    assert main["first sentence"] == 1.0 and main["lead in a sentence"] == 0.0
    assert none["runner-up"] == 0.0 and none["share raised"] == 0.0
    # the main worry's traits come first, the very same table (worked out once per post)
    shared = len(main_worry.TRAITS)
    assert TRAITS[:shared] == main_worry.TRAITS
    assert np.array_equal(got[:, :shared], main_worry.traits(reading()))


def test_the_regression_weighs_every_trait() -> None:
    assert len(SECOND_WORRY.weights) == len(TRAITS)


def test_only_a_likely_concern_is_offered_never_the_main_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(second_worry, "SECOND_WORRY", Fitted(weights=(), bias=0.0))
    assert offered(reading(), 0) is None  # nothing fitted: nothing offered
    # a regression that counts only a sentence that adds a point
    weights = tuple(10.0 if t == "added" else 0.0 for t in TRAITS)
    monkeypatch.setattr(second_worry, "SECOND_WORRY", Fitted(weights=weights, bias=-5.0))
    assert offered(reading(), 0) == 1
    assert offered(reading(), 1) is None  # the concern the adding sentence raises is the main one
    one = replace(reading(), rows=reading().rows[:1], asks=[True], adds=[False])
    assert offered(one, 0) is None  # a message of one sentence raises one worry


def test_in_a_question_and_its_story_only_the_question_raises_a_second_worry() -> None:
    story = replace(reading(), rows=reading().rows[1:], asks=[False, False, True], adds=[False] * 3)
    # the question's own best concern is 1: the only one that may be offered besides 0
    assert eligible(story, 0).tolist() == [False, True, False]
    assert eligible(story, 1).tolist() == [False, False, False]
    # four sentences, or two that ask: the story and the question are no longer all of it
    assert eligible(reading(), 0).tolist() == [False, True, True]
    asked = replace(story, asks=[True, False, True])
    assert eligible(asked, 0).tolist() == [False, True, True]


def test_a_second_worry_the_rules_missed(shipped_matcher: Matcher) -> None:
    # a tune post (dialogs/posts/posts_dev12.tsv) whose last sentence, adding a point, raises its
    # second worry: the learnt pick offers it. (The post of this test until stop 50 ended "And
    # does the stuff from before get erased if I withdraw?", which reads as much about taking
    # consent back as about deletion; round 66, 60 messages about being recorded without being
    # asked, tipped that sentence to withdraw, and deletion is no longer offered there.)
    post = (
        "My psychologist is lovely but she's just started using this AI notes thing and asked me "
        "to agree. I don't see why she needs it, she always remembered everything before. What is "
        "it actually for? And if I say no, is she going to be stuck doing it the old way just for "
        "me?"
    )
    got = shipped_matcher.match(post)
    assert (got.concern, got.also) == ("necessity", "decline"), got
