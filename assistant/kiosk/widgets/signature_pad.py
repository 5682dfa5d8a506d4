"""A pad to sign on with a finger, a stylus or the mouse, drawn in braille cells.

Each stroke runs from mouse down to mouse up, with the mouse captured in between so a
stroke that leaves the pad still ends cleanly. Points are stored normalised to 0..1 (what the
PDF needs), so the drawing survives a resize or the large-text switch.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from assistant.engine.outcome import Stroke

MAX_POINTS = 4000
"""Points kept over all strokes; more are ignored (a signature needs a few hundred)."""

PLACEHOLDER = "Sign here with a finger, a stylus or the mouse (optional)"

# Braille dot bits by (column, row) inside one 2x4 cell.
_DOT = {(0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (1, 0): 0x08,
        (1, 1): 0x10, (1, 2): 0x20, (0, 3): 0x40, (1, 3): 0x80}  # fmt: skip

Point = tuple[float, float]


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _line(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The dots of a straight line (Bresenham)."""
    dots = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        dots.append((x0, y0))
        if x0 == x1 and y0 == y1:
            return dots
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def rasterise(strokes: list[list[Point]], width: int, height: int) -> list[str]:
    """`strokes` (normalised points) as `height` lines of `width` braille cells."""
    if width <= 0 or height <= 0:
        return []
    cols, rows = width * 2, height * 4
    cells = [[0] * width for _ in range(height)]

    def dot(px: float, py: float) -> tuple[int, int]:
        return min(cols - 1, int(px * cols)), min(rows - 1, int(py * rows))

    for stroke in strokes:
        previous = dot(*stroke[0])
        segments = [(previous, previous)]
        for point in stroke[1:]:
            current = dot(*point)
            segments.append((previous, current))
            previous = current
        for (x0, y0), (x1, y1) in segments:
            for x, y in _line(x0, y0, x1, y1):
                cells[y // 4][x // 2] |= _DOT[(x % 2, y % 4)]
    return ["".join(chr(0x2800 + c) if c else " " for c in row) for row in cells]


class SignaturePad(Widget):
    """Draw with mouse down / move / up; `strokes` gives the drawing for the record."""

    DEFAULT_CSS = """
    SignaturePad {
        height: 1fr;
        min-height: 3;
        background: $surface;
        color: $foreground;
    }
    SignaturePad.-empty {
        color: $text-muted;
        content-align: center middle;
    }
    """

    @dataclass
    class Changed(Message):
        """A stroke was finished or the pad was cleared."""

        pad: SignaturePad
        strokes: int

        @property
        def control(self) -> SignaturePad:
            return self.pad

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strokes: list[list[Point]] = []
        self._points = 0
        self._drawing = False
        self.add_class("-empty")

    @property
    def strokes(self) -> tuple[Stroke, ...]:
        """The drawing as normalised strokes (0..1 in both axes, origin at the top left)."""
        return tuple(Stroke(points=tuple(s)) for s in self._strokes)

    @property
    def is_empty(self) -> bool:
        """True when nothing has been drawn."""
        return not self._strokes

    def clear(self) -> None:
        """Remove the drawing."""
        self._strokes.clear()
        self._points = 0
        self._end_stroke(notify=False)
        self.add_class("-empty")
        self.refresh()
        self.post_message(self.Changed(self, 0))

    def render(self) -> Content:
        size = self.content_size
        if not self._strokes:
            return Content(PLACEHOLDER)
        return Content("\n".join(rasterise(self._strokes, size.width, size.height)))

    # ------------------------------------------------------------ pointer

    def _point(self, event: events.MouseEvent) -> Point:
        size = self.content_size
        x = event.pointer_x - self.gutter.left
        y = event.pointer_y - self.gutter.top
        # Terminals without pixel reports give whole cells: aim at the cell's middle.
        if float(x).is_integer() and float(y).is_integer():
            x, y = x + 0.5, y + 0.5
        return _clamp(x / max(1, size.width)), _clamp(y / max(1, size.height))

    def _add(self, point: Point) -> None:
        if self._points >= MAX_POINTS or not self._strokes:
            return
        stroke = self._strokes[-1]
        if stroke and stroke[-1] == point:
            return
        stroke.append(point)
        self._points += 1
        self.refresh()

    def _end_stroke(self, notify: bool = True) -> None:
        if not self._drawing:
            return
        self._drawing = False
        self.release_mouse()
        if notify:
            self.post_message(self.Changed(self, len(self._strokes)))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        if self._points >= MAX_POINTS:
            return
        self.capture_mouse()
        self._drawing = True
        self._strokes.append([])
        self.remove_class("-empty")
        self._add(self._point(event))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drawing:
            event.stop()
            self._add(self._point(event))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drawing:
            event.stop()
            self._add(self._point(event))
            self._end_stroke()

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        self._end_stroke()
