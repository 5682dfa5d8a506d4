"""A new PDF page as every document of ours starts one, and how it is finished.

fpdf2 set up for PDF/A-2B with the embedded Unicode fonts the text needs (the fast Latin subset
when that is all it has, a CJK or symbol fallback when it has such characters, text shaping for
right-to-left scripts), the page-count alias nobody can guess, the document's metadata, and the
audit row that names any character no font has (printed as a box, never as a blank gap).
"""

from __future__ import annotations

import logging
import secrets
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from assistant import __version__
from assistant.config import Config
from assistant.records.audit import pdf_keywords
from assistant.records.fonts import (
    FontSet,
    characters_in,
    cjk_missing_message,
    fast_fonts,
    find_fonts,
    is_cjk,
    latin_only,
    symbol_missing_message,
)
from assistant.records.pdf_page import BODY, NOT_PRINTED, NOT_PRINTED_ASCII, Page, invisible

log = logging.getLogger(__name__)

_CJK = "cjk"
_SYMBOL = "emoji"  # not "symbol": that names a PDF core font, which add_font refuses


class _GlyphReport(logging.Filter):
    """fpdf2 logs "Font ... is missing the following glyphs" as a warning, which Python prints
    to stderr when the application sets up no logging; it goes to this module's log instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "missing the following glyphs" not in str(record.msg):
            return True
        log.info("fpdf2: %s", record.getMessage())
        return False


logging.getLogger("fpdf.output").addFilter(_GlyphReport())


def needs_shaping(text: str) -> bool:
    """True when the text has right-to-left or complex-script characters, or combining marks."""
    for ch in set(text):
        if ord(ch) < 0x0590:
            continue
        if unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.category(ch) == "Mn":
            return True
        if 0x0900 <= ord(ch) <= 0x1CFF:
            return True
    return False


def fonts_for(config: Config) -> FontSet:
    """The fonts the configuration names (or the packaged defaults)."""
    return find_fonts(config.pdf.font, config.pdf.cjk_font, config.pdf.symbol_font)


def warm_up(config: Config) -> None:
    """Load fpdf2 and prepare the fonts now, so the first signing is as fast as the rest."""
    fast_fonts(fonts_for(config))


def new_document(config: Config, fonts: FontSet, all_text: str, footer: str) -> Page:
    """A first page with the fonts `all_text` needs and `footer` at the foot of each page."""
    if latin_only(all_text):
        fonts = fast_fonts(fonts)
    paper = "letter" if config.pdf.paper == "letter" else "A4"
    pdf = Page(format=paper, unit="mm", enforce_compliance="PDFA_2B")
    # A client's name could contain "{nb}"; an alias nobody can guess is never in client text.
    pdf.pages_alias = "{nb-" + secrets.token_hex(6) + "}"
    pdf.alias_nb_pages(pdf.pages_alias)
    pdf.footer_text = footer
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(BODY, "", str(fonts.regular))
    pdf.add_font(BODY, "B", str(fonts.bold or fonts.regular))
    body_cmap = pdf.fonts[BODY].cmap  # type: ignore[union-attr]
    missing = {ch for ch in set(all_text) if ord(ch) not in body_cmap and not ch.isspace()}
    fallbacks: list[str] = []
    if any(is_cjk(ch) for ch in missing):
        if fonts.cjk is None:
            log.warning(cjk_missing_message())
        else:
            pdf.add_font(_CJK, "", str(fonts.cjk))
            fallbacks.append(_CJK)
            cjk_cmap = pdf.fonts[_CJK].cmap  # type: ignore[union-attr]
            missing = {ch for ch in missing if ord(ch) not in cjk_cmap}
    missing = {ch for ch in missing if not invisible(ch)}
    if missing and fonts.symbol is None:
        if any(unicodedata.category(ch).startswith("S") for ch in missing):
            pdf.font_hint = symbol_missing_message()
    elif missing and fonts.symbol and any(ord(ch) in characters_in(fonts.symbol) for ch in missing):
        pdf.add_font(_SYMBOL, "", str(fonts.symbol))
        fallbacks.append(_SYMBOL)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
        pdf.fallback_cmaps = tuple(pdf.fonts[f].cmap for f in fallbacks)  # type: ignore[union-attr]
    pdf.may_box = any(not any(ord(ch) in m for m in pdf.fallback_cmaps) for ch in missing)
    if needs_shaping(all_text):
        try:
            pdf.set_text_shaping(True)
        except Exception as exc:  # fpdf2 raises FPDFException when uharfbuzz is absent
            log.warning("right-to-left names may print in the wrong order: %s", exc)
    pdf.set_lang("en")
    pdf.set_creator(f"Consent Assistant {__version__}")
    pdf.set_author(config.practice.name)
    pdf.add_page()
    return pdf


def blank_page(config: Config, text: str = "", footer: str = "") -> Page:
    """A first page as every document starts one, with the fonts `text` needs: for laying
    out blocks by hand (the layout tests, previews)."""
    return new_document(config, fonts_for(config), text, footer)


def finish(
    pdf: Page, *, title: str, subject: str, reference: str, kind: str, when: datetime
) -> bytes:
    """The document's bytes, with its metadata set (and a log line for boxed characters)."""
    if pdf.not_printed:
        log.info(
            "%s: %d character(s) printed as a box, no font has them (%s)%s",
            reference,
            len(pdf.not_printed),
            _code_points(pdf.not_printed, 20),
            f"; {pdf.font_hint}" if pdf.font_hint else "",
        )
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_keywords(pdf_keywords(reference, kind))
    pdf.set_creation_date(when.astimezone(UTC))
    return bytes(pdf.output())


def _code_points(chars: Iterable[str], most: int) -> str:
    codes = [f"U+{ord(ch):04X}" for ch in sorted(chars)]
    return " ".join(codes[:most]) + (f" and {len(codes) - most} more" if len(codes) > most else "")


def not_printed_row(pdf: Page) -> list[tuple[str, str]]:
    """An audit row naming the characters printed as a box, when there were any."""
    if not pdf.not_printed:
        return []
    box = NOT_PRINTED if ord(NOT_PRINTED) in pdf.current_font.cmap else NOT_PRINTED_ASCII  # type: ignore[union-attr]
    return [
        (f"Characters shown as {box}", f"{_code_points(pdf.not_printed, 4)} (no font has them)")
    ]
