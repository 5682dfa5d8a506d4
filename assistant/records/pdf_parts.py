"""The parts of a PDF that the form text does not have: the drawn signature with the typed
name, and the grey audit box. Each is a layout `Block`, so it knows its height before it is
drawn and can be kept on one page with what it belongs to."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from assistant.engine.forms import printable_name
from assistant.engine.outcome import Signature, Stroke
from assistant.records.pdf_layout import Heading
from assistant.records.pdf_page import BODY, GREY, SIZE, Page, line_count, text

MAX_STROKE_POINTS = 4000
"""Most signature points drawn; a kiosk sends far fewer, this only bounds hostile input."""

_INK = (20, 40, 110)
_BOX_W, _BOX_H = 72.0, 27.0
_ROW = 4.6
_LABEL_W = 48.0


def _clamped(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if math.isfinite(x) and math.isfinite(y):
            out.append((min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)))
    return out


def _strokes(pdf: Page, strokes: Sequence[Stroke], x: float, y: float, w: float, h: float) -> None:
    """Draw normalised strokes (0..1, y downwards) as vector lines inside the box x, y, w, h."""
    pdf.set_draw_color(*_INK)
    pdf.set_line_width(0.45)
    budget = MAX_STROKE_POINTS
    for stroke in strokes:
        if budget <= 0:
            break
        points = _clamped(stroke.points[:budget])
        budget -= max(len(points), 1)
        mapped = [(x + px * w, y + py * h) for px, py in points]
        if len(mapped) == 1:
            mapped.append((mapped[0][0] + 0.3, mapped[0][1]))
        if mapped:
            pdf.polyline(mapped)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """The "Signature": the drawn strokes in a box, beside them the typed name, when and how."""

    signature: Signature
    when: str

    def _lines(self) -> list[tuple[str, float, str, float]]:
        """(style, size, words, line height) of each line beside the box."""
        return [
            ("", 8.5, "Typed name", 4.0),
            ("B", 14.0, printable_name(self.signature.typed_name), 7.0),
            ("", 8.5, "Signed electronically on", 4.0),
            ("", 8.5, self.when, 4.0),
            ("", 8.5, f"How: {self.signature.method}", 4.0),
        ]

    def _name_x(self, pdf: Page) -> float:
        return pdf.l_margin + (_BOX_W + 6 if self.signature.strokes else 0.0)

    def height(self, pdf: Page) -> float:
        width = pdf.w - pdf.r_margin - self._name_x(pdf)
        words = 0.0
        for style, size, line, step in self._lines():
            pdf.set_font(BODY, style, size)
            words += line_count(pdf, line, width) * step
        pdf.set_font(BODY, "", SIZE)
        box = _BOX_H + 2 if self.signature.strokes else 0.0
        return Heading("Signature").height(pdf) + 3 + max(box, words + 2)

    def draw(self, pdf: Page) -> None:
        Heading("Signature").draw(pdf)
        top = pdf.get_y() + 1
        left = pdf.l_margin
        if self.signature.strokes:
            pdf.set_draw_color(170, 170, 170)
            pdf.rect(left, top, _BOX_W, _BOX_H)
            _strokes(pdf, self.signature.strokes, left + 2, top + 2, _BOX_W - 4, _BOX_H - 4)
        name_x = self._name_x(pdf)
        pdf.set_left_margin(name_x)
        pdf.set_xy(name_x, top + 2)
        for style, size, line, step in self._lines():
            pdf.set_font(BODY, style, size)
            pdf.set_text_color(*((0, 0, 0) if style == "B" else GREY))
            text(pdf, line, step)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(BODY, "", SIZE)
        pdf.set_left_margin(left)
        bottom = top + _BOX_H + 2 if self.signature.strokes else 0.0
        pdf.set_xy(left, max(bottom, pdf.get_y()) + 2)


def _no_rows() -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True, slots=True)
class AuditBlock:
    """The "Audit record": a grey box of label and value rows, drawn on one page.

    `late` gives the rows known only once the text is laid out (the characters printed as a
    box); its row is reserved in the height when the page says one may come (`Page.may_box`).
    """

    rows: Sequence[tuple[str, str]]
    late: Callable[[], list[tuple[str, str]]] = _no_rows
    title: str = "Audit record"

    def height(self, pdf: Page) -> float:
        count = len(self.rows) + (1 if pdf.may_box else 0)
        return Heading(self.title).height(pdf) + _ROW * count + 6

    def draw(self, pdf: Page) -> None:
        rows = [*self.rows, *self.late()]
        Heading(self.title).draw(pdf)
        top = pdf.get_y()
        box = _ROW * len(rows) + 4
        pdf.set_fill_color(243, 243, 243)
        pdf.rect(pdf.l_margin, top, pdf.w - pdf.l_margin - pdf.r_margin, box, style="F")
        pdf.set_y(top + 2)
        for label, value in rows:
            pdf.set_x(pdf.l_margin + 3)
            pdf.set_font(BODY, "B", 8.5)
            pdf.cell(_LABEL_W, _ROW, label)
            pdf.set_font(BODY, "", 8.5)
            pdf.cell(0, _ROW, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(BODY, "", SIZE)
        pdf.set_y(top + box + 2)
