"""Laying text out on PDF pages: the page (fonts, footer, boxes for unprintable characters) and
the blocks the documents are made of, each of which can say how tall it will be.

Knowing a block's height before drawing it is what keeps things together: a heading stays with
what follows it, a bullet (one choice, one question) never splits across pages, a short
section moves whole to the next page rather than leaving its last lines behind, and the
signature carries the statement it signs with it.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from fpdf import FPDF

log = logging.getLogger(__name__)

BODY = "body"
NOT_PRINTED = "\u25a1"
""""□", printed for a character no embedded font has: the box phones and browsers show then."""
NOT_PRINTED_ASCII = "?"
"""The stand-in when the body font has no "□" either (a configured `pdf.font` may not)."""
GREY = (95, 95, 95)
SIZE = 10
LEADING = 4.8
MARGIN = 20.0
INDENT = 7.0
WHOLE_SECTION_MM = 70.0
"""A form section up to this tall moves whole to the next page rather than split."""


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


# ---------------------------------------------------------------- blocks


class Block(Protocol):
    """Something drawn at the current position whose height is known beforehand."""

    def height(self, pdf: Page) -> float: ...

    def draw(self, pdf: Page) -> None: ...


def _width(pdf: Page, indent: float = 0.0) -> float:
    return pdf.w - pdf.r_margin - pdf.l_margin - indent


@dataclass(frozen=True, slots=True)
class Heading:
    words: str
    size: float = 12

    def height(self, pdf: Page) -> float:
        pdf.set_font(BODY, "B", self.size)
        lines = line_count(pdf, self.words, _width(pdf))
        pdf.set_font(BODY, "", SIZE)
        return 3 + lines * self.size * 0.5

    def draw(self, pdf: Page) -> None:
        pdf.ln(2)
        pdf.set_font(BODY, "B", self.size)
        text(pdf, self.words, self.size * 0.5)
        pdf.ln(1)
        pdf.set_font(BODY, "", SIZE)


@dataclass(frozen=True, slots=True)
class Paragraph:
    words: str
    size: float = SIZE
    grey: bool = False

    def height(self, pdf: Page) -> float:
        pdf.set_font(BODY, "", self.size)
        lines = line_count(pdf, self.words, _width(pdf))
        pdf.set_font(BODY, "", SIZE)
        return lines * self.size * 0.48

    def draw(self, pdf: Page) -> None:
        pdf.set_font(BODY, "", self.size)
        if self.grey:
            pdf.set_text_color(*GREY)
        text(pdf, self.words, self.size * 0.48)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(BODY, "", SIZE)


@dataclass(frozen=True, slots=True)
class Bullet:
    words: str
    marker: str = "•"

    def height(self, pdf: Page) -> float:
        pdf.set_font(BODY, "", SIZE)
        return line_count(pdf, self.words, _width(pdf, INDENT)) * LEADING

    def draw(self, pdf: Page) -> None:
        pdf.set_font(BODY, "", SIZE)
        left = pdf.l_margin
        pdf.set_x(left + 2)
        pdf.cell(5, LEADING, self.marker)
        pdf.set_left_margin(left + INDENT)
        text(pdf, self.words)
        pdf.set_left_margin(left)
        pdf.set_x(left)


@dataclass(frozen=True, slots=True)
class Gap:
    mm: float = 2.0

    def height(self, pdf: Page) -> float:
        return self.mm

    def draw(self, pdf: Page) -> None:
        if not pdf.at_top():  # a gap at the top of a page would only indent the page
            pdf.ln(self.mm)


def total(pdf: Page, blocks: Sequence[Block]) -> float:
    return sum(b.height(pdf) for b in blocks)


def keep(pdf: Page, blocks: Sequence[Block], need: float | None = None) -> None:
    """Draw `blocks` on one page: start a new page first unless they (or `need` mm) fit here.

    A group taller than a whole page starts on a fresh page and flows from there.
    """
    need = total(pdf, blocks) if need is None else need
    if need > pdf.room() and not pdf.at_top():
        pdf.add_page()
    for block in blocks:
        block.draw(pdf)


def section(pdf: Page, blocks: Sequence[Block]) -> None:
    """A heading and what follows it: whole when short, else the heading with its first item
    and each item (one bullet, one choice) kept on one page."""
    if not blocks:
        return
    if total(pdf, blocks) <= WHOLE_SECTION_MM:
        keep(pdf, blocks)
        return
    head = 2 if isinstance(blocks[0], Heading) and len(blocks) > 1 else 1
    keep(pdf, blocks[:head])
    for block in blocks[head:]:
        keep(pdf, [block])


def form_sections(form_text: str) -> list[list[Block]]:
    """Plain form text as sections: `===`/`---` underlined lines are headings (each starts a
    section), `- ` lines bullets, blank lines small gaps, other lines paragraphs."""
    sections: list[list[Block]] = [[]]
    lines = form_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        underline = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line and len(underline) >= 3 and set(underline) <= {"="} | {"-"}:
            size = 16 if set(underline) == {"="} else 12
            sections.append([Heading(line, size)])
            i += 2
            continue
        current = sections[-1]
        if not line:
            if current and not isinstance(current[-1], Heading):
                current.append(Gap())
        elif line.startswith("- "):
            current.append(Bullet(line[2:]))
        else:
            current.append(Paragraph(line))
        i += 1
    out = []
    for blocks in sections:
        while blocks and isinstance(blocks[-1], Gap):
            blocks.pop()
        if blocks:
            out.append(blocks)
    return out
