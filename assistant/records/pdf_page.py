"""The PDF page and plain text on it: fonts and footer, boxes for characters no font has,
and measuring and wrapping text so a block can know its height before it is drawn.

The blocks the documents are made of, and keeping them together across pages, are
`pdf_layout.py`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from fpdf import FPDF

BODY = "body"
NOT_PRINTED = "\u25a1"
""""□", printed for a character no embedded font has: the box phones and browsers show then."""
NOT_PRINTED_ASCII = "?"
"""The stand-in when the body font has no "□" either (a configured `pdf.font` may not)."""
GREY = (95, 95, 95)
SIZE = 10
LEADING = 4.8
MARGIN = 20.0


def invisible(ch: str) -> bool:
    """True for a format character or variation selector: dropped, not boxed, when unprintable."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


class Page(FPDF):
    """A Letter/A4 page with the same footer on every page: label, reference, "page n of m".

    Text goes through `normalize_text` before fpdf2 lays it out: a character that neither the
    current font nor a fallback font has becomes `NOT_PRINTED` (and is remembered for the audit
    block), so fpdf2 never prints a blank gap for it.
    """

    footer_text = ""
    pages_alias = "{nb}"
    fallback_cmaps: tuple[Mapping[int, object], ...] = ()
    font_hint = ""
    may_box = False
    """True when some character of the document's text is in no embedded font: one more
    audit row (which characters) is then reserved before the text is laid out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.not_printed: set[str] = set()
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def width_of(self, text: str) -> float:
        """`get_string_width` in the current font, remembered: blocks are measured before
        they are drawn, so the same words are measured many times in one document."""
        key = (self.font_family, self.font_style, self.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def normalize_text(self, text: str) -> str:
        text = super().normalize_text(text)
        font = self.current_font
        if not self.is_ttf_font or font is None:
            return text
        cmap = font.cmap  # type: ignore[union-attr]
        lost = {
            ch
            for ch in set(text)
            if ord(ch) not in cmap and not any(ord(ch) in m for m in self.fallback_cmaps)
        }
        if not lost:
            return text
        box = NOT_PRINTED if ord(NOT_PRINTED) in cmap else NOT_PRINTED_ASCII
        table: dict[int, str] = {}
        for ch in lost:
            if ch.isspace():
                table[ord(ch)] = " "
            elif invisible(ch):
                table[ord(ch)] = ""
            else:
                table[ord(ch)] = box
                self.not_printed.add(ch)
        return text.translate(table)

    def footer(self) -> None:
        # The page margin, not `l_margin`: a page can break while a bullet has indented it.
        self.set_xy(MARGIN, -12)
        self.set_font(BODY, size=8)
        self.set_text_color(*GREY)
        # Left-aligned: the page-count alias is replaced after layout, so centring would drift.
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()} of {self.pages_alias}")
        self.set_text_color(0, 0, 0)

    @property
    def body_height(self) -> float:
        """The height text can fill on one page."""
        return self.page_break_trigger - self.t_margin

    def room(self) -> float:
        """Millimetres left above the bottom margin on this page."""
        return self.page_break_trigger - self.get_y()

    def at_top(self) -> bool:
        return self.get_y() <= self.t_margin + 0.01


# ---------------------------------------------------------------- text


def _simple(pdf: Page, text: str) -> bool:
    """True when our own line breaking is exact: every glyph in the font, no shaping needed."""
    if pdf.text_shaping:
        return False
    cmap = pdf.current_font.cmap  # type: ignore[union-attr]
    return all(ord(ch) in cmap for ch in set(text) if not ch.isspace())


def _wrap(pdf: Page, text: str, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`, at spaces, or inside a word too long.

    Without shaping (see `_simple`) a string's width is the sum of its characters' widths, so
    each word is measured once and a line's width is added up, not measured again per word."""
    lines: list[str] = []
    space = pdf.width_of(" ")
    current, current_width = "", 0.0
    for word in text.split(" "):
        word_width = pdf.width_of(word)
        candidate = current_width + space + word_width if current else word_width
        if candidate <= width:
            current = f"{current} {word}" if current else word
            current_width = candidate
            continue
        if current:
            lines.append(current)
        current, current_width = word, word_width
        while current_width > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and pdf.width_of(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
            current_width = pdf.width_of(current)
    lines.append(current)
    return lines


def line_count(pdf: Page, text: str, width: float) -> int:
    """How many lines `text` takes in the current font at `width` (as `text` prints it)."""
    if _simple(pdf, text):
        return len(_wrap(pdf, text, width - 2 * pdf.c_margin))
    lines = pdf.multi_cell(width, LEADING, text, align="L", dry_run=True, output="LINES")
    return max(len(lines), 1) if isinstance(lines, list) else 1


def text(pdf: Page, body: str, height: float = LEADING) -> None:
    """Print a paragraph from the current x to the right margin, then return to the margin.

    fpdf2's `multi_cell` handles any script but is slow; plain text takes a faster path.
    """
    width = pdf.w - pdf.r_margin - pdf.get_x()
    if not _simple(pdf, body):
        pdf.multi_cell(width, height, body, align="L", new_x="LMARGIN", new_y="NEXT")
        return
    x = pdf.get_x()
    for line in _wrap(pdf, body, width - 2 * pdf.c_margin):
        pdf.set_x(x)
        pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")
