"""Reads the drawn signature the page sends: JSON strokes of points normalised to 0..1.

The signature pad (`static/signature.js`) posts `[[[x, y], ...], ...]`. Whatever arrives is
untrusted: anything that is not that shape, or is larger than a hand could draw, is refused
as a whole (the client is asked to draw again or sign by typing), never half-read.
"""

from __future__ import annotations

import json
import math
from typing import Any

from assistant.engine.outcome import Stroke

MAX_STROKES = 60
MAX_POINTS = 3000


class BadDrawing(ValueError):
    """The drawing field is not a signature this page could have sent."""


def parse_strokes(raw: str) -> tuple[Stroke, ...]:
    """The strokes in `raw` (empty text: none). Raises BadDrawing for anything else."""
    if not raw.strip():
        return ()
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadDrawing("not JSON") from None
    if not isinstance(data, list) or len(data) > MAX_STROKES:
        raise BadDrawing("not a list of strokes")
    strokes: list[Stroke] = []
    total = 0
    for item in data:
        if not isinstance(item, list):
            raise BadDrawing("a stroke is not a list")
        total += len(item)
        if total > MAX_POINTS:
            raise BadDrawing("too many points")
        points = tuple(_point(p) for p in item)
        if points:
            strokes.append(Stroke(points=points))
    return tuple(strokes)


def _point(value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise BadDrawing("a point is not [x, y]")
    x, y = value
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)):
        raise BadDrawing("a coordinate is not a number")
    if not (math.isfinite(x) and math.isfinite(y)):
        raise BadDrawing("a coordinate is not finite")
    if not (-0.01 <= x <= 1.01 and -0.01 <= y <= 1.01):
        raise BadDrawing("a point is off the pad")
    return (min(1.0, max(0.0, float(x))), min(1.0, max(0.0, float(y))))
