"""The drawn signature the page posts: read whole or refused whole, never half-read."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.engine.outcome import Stroke
from assistant.web.strokes import MAX_POINTS, BadDrawing, parse_strokes


def test_strokes_are_read_as_normalised_points() -> None:
    raw = json.dumps([[[0, 0], [0.5, 1]], [[1, 0.25]], []])
    assert parse_strokes(raw) == (
        Stroke(((0.0, 0.0), (0.5, 1.0))),
        Stroke(((1.0, 0.25),)),
    )
    assert parse_strokes("") == ()
    assert parse_strokes("   ") == ()
    assert parse_strokes("[]") == ()


def test_points_a_hair_off_the_pad_are_kept_on_its_edge() -> None:
    assert parse_strokes("[[[-0.005, 1.004]]]") == (Stroke(((0.0, 1.0),)),)


@pytest.mark.parametrize(
    "raw",
    [
        "{}",
        "[[1, 2]]",
        "[[[1, 2, 3]]]",
        '[[["0.1", 0.2]]]',
        "[[[true, 0.2]]]",
        "[[[NaN, 0.2]]]",
        "[[[Infinity, 0.2]]]",
        "[[[1.5, 0.2]]]",
        "[" * 100_000,
        json.dumps([[[0.5, 0.5]] * (MAX_POINTS + 1)]),
        json.dumps([[[0.5, 0.5]]] * 61),
    ],
)
def test_anything_else_is_refused(raw: str) -> None:
    with pytest.raises(BadDrawing):
        parse_strokes(raw)


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_no_text_breaks_the_reader(raw: str) -> None:
    try:
        strokes = parse_strokes(raw)
    except BadDrawing:
        return
    for stroke in strokes:
        assert all(0.0 <= v <= 1.0 for point in stroke.points for v in point)


@settings(max_examples=60)
@given(
    st.recursive(st.none() | st.booleans() | st.floats() | st.integers(), st.lists, max_leaves=30)
)
def test_no_json_breaks_the_reader(value: object) -> None:
    with contextlib.suppress(BadDrawing):
        parse_strokes(json.dumps(value))
