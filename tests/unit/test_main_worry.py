"""The second look at a post's two best concerns (`main_worry.py`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import assistant.engine.main_worry as main_worry
from assistant.engine.main_worry import TRAITS, PostReading, looks_again, runner_is_main, traits
from assistant.engine.matcher import Matcher
from assistant.engine.matcher_settings import Fitted


def reading() -> PostReading:
    # three sentences, three classes (two concerns, then small talk)
    rows = np.array([[90.0, 10.0, 5.0], [20.0, 85.0, 5.0], [30.0, 95.0, 1.0]])
    return PostReading(
        whole=np.array([86.5, 95.0, 10.0]),
        rows=rows,
        theme=np.array([0.4, 0.6, 0.0]),
        post=np.array([0.7, 0.2, 0.1]),
        words=np.array([1.5, 0.5, 0.0]),
        asks=[False, True, False],
        adds=[False, False, True],
        stress=[True, False, False],
    )


def test_the_traits_of_each_concern() -> None:
    got = traits(reading())
    assert got.shape == (2, len(TRAITS))
    first, second = (dict(zip(TRAITS, row, strict=True)) for row in got.tolist())
    assert first["whole"] == pytest.approx(2.0, abs=0.01) and first["first raised"] == 0.0
    assert first["raised where asked"] == 0.0 and first["share raised"] == pytest.approx(1 / 3)
    assert first["added"] == 0.0 and first["first sentence"] == 1.0
    assert (first["theme"], first["as a post"], first["words alone"]) == (0.4, 0.7, 1.5)
    assert second["first raised"] == 0.5 and second["raised where asked"] == 1.0
    assert second["share raised"] == pytest.approx(2 / 3) and second["last sentence"] == 1.0
    assert second["best sentence"] == pytest.approx(3.0, abs=0.01) and second["added"] == 1.0


def test_without_a_fitted_regression_nothing_is_swapped(monkeypatch: pytest.MonkeyPatch) -> None:
    calm = replace(reading(), stress=[False, False, False])
    monkeypatch.setattr(main_worry, "MAIN_WORRY", Fitted(weights=(), bias=0.0))
    assert not runner_is_main(calm, 1, 0)
    # a regression that counts only how the whole reads as a post swaps towards its worry
    weights = tuple(10.0 if t == "as a post" else 0.0 for t in TRAITS)
    monkeypatch.setattr(main_worry, "MAIN_WORRY", Fitted(weights=weights, bias=0.0))
    assert runner_is_main(calm, 1, 0) and not runner_is_main(calm, 0, 1)
    # ...but never where a sentence stresses its worry, nor in a message of two sentences
    assert not runner_is_main(reading(), 1, 0)
    two = replace(calm, rows=calm.rows[:2], asks=[False, True], adds=[False, False])
    assert not looks_again(replace(two, stress=[False, False]))
    assert looks_again(calm) and not looks_again(reading())


def test_the_second_look_finds_the_worry_the_rules_miss(
    monkeypatch: pytest.MonkeyPatch, shipped_matcher: Matcher
) -> None:
    # a tune post (dialogs/posts/posts_dev20.tsv, main worry limits, also deletion): the rules
    # take how long the transcript and note are kept, asked in the middle, for the main worry;
    # whether a court could order them handed over, which opens and closes the post, is. (Earlier
    # posts here were read right by the rules once the wording reading came, once a long post's
    # sentences weighed down to `DECAY` over the whole post instead of a sentence, once posts
    # were also read as the posts word them, `POST_WORDING`, and once a court's reach moved from
    # `legal` to `limits`, as DESIGN.md lists it.)
    post = (
        "If the audio is deleted quickly it can't be subpoenaed, right? But the transcript and the"
        " note probably can be. How long do those actually exist for, and would a court be able"
        " to order them handed over during that time?"
    )
    matcher = shipped_matcher
    got = matcher.match(post)
    assert got.concern == "limits" and got.status == "unsure"
    assert [c for c, _ in got.candidates] == ["limits", "deletion"]
    monkeypatch.setattr(main_worry, "MAIN_WORRY", Fitted(weights=(), bias=0.0))
    assert matcher.match(post).concern == "deletion"
