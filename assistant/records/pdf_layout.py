"""Laying the documents out in blocks, each of which can say how tall it will be, and keeping
blocks together across pages. The page and text measuring they rely on are `pdf_page.py`.

Knowing a block's height before drawing it is what keeps things together: a heading stays with
what follows it, a bullet (one choice, one question) never splits across pages, a short
section moves whole to the next page rather than leaving its last lines behind, and the
signature carries the statement it signs with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.records.pdf_page import BODY, GREY, LEADING, SIZE, Page, line_count, text

INDENT = 7.0
WHOLE_SECTION_MM = 70.0
"""A form section up to this tall moves whole to the next page rather than split."""


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
