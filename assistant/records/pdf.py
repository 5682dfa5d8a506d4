"""The signed consent PDF and the revocation notice PDF (fpdf2, PDF/A-2B, embedded Unicode fonts).

Importing this module loads fpdf2 (about 0.4 s), so the record keeper imports it only when it
first builds a PDF (or in `warm_up`). The form text is printed exactly as the client saw it; what
the form could not know before signing (questions, the comprehension check, the signature, the
audit block) follows it.

A character that no embedded font has (an emoji without the Symbola font, say) prints as a box,
`NOT_PRINTED`, never as a blank gap, and the audit block lists its code point.
"""

from __future__ import annotations

import logging
import math
import secrets
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fpdf import FPDF

from assistant import __version__
from assistant.config import Config
from assistant.engine.forms import FormText, printable_name, printable_question
from assistant.engine.outcome import AskedQuestion, CheckResult, Signature, Stroke
from assistant.records.audit import comprehension_summary, pdf_keywords, utc_stamp
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

log = logging.getLogger(__name__)

KIND_CONSENT = "consent"
KIND_REVOCATION = "revocation"
MAX_STROKE_POINTS = 4000
"""Most signature points drawn; a kiosk sends far fewer, this only bounds hostile input."""

_BODY = "body"
_CJK = "cjk"
_SYMBOL = "emoji"  # not "symbol": that names a PDF core font, which add_font refuses
NOT_PRINTED = "\u25a1"
""""□", printed for a character no embedded font has: the box phones and browsers show then."""
_NOT_PRINTED_ASCII = "?"
"""The stand-in when the body font has no "□" either (a configured `pdf.font` may not)."""
_INK = (20, 40, 110)
_GREY = (95, 95, 95)
_SIZE = 10
_LEADING = 4.8


@dataclass(frozen=True, slots=True)
class ConsentDocument:
    """Everything the signed consent PDF prints besides the practice configuration."""

    reference: str
    signed_at: datetime
    form: FormText
    signature: Signature
    questions: tuple[AskedQuestion, ...] = ()
    comprehension: tuple[CheckResult, ...] = ()


@dataclass(frozen=True, slots=True)
class RevocationDocument:
    """Everything the revocation notice PDF prints besides the practice configuration."""

    reference: str
    revoked_at: datetime
    form: FormText
    how: str
    consent_form_version: str = ""
    consent_signed_at: datetime | None = None


class _GlyphReport(logging.Filter):
    """fpdf2 logs "Font ... is missing the following glyphs" as a warning, which Python prints
    to stderr when the application sets up no logging; it goes to this module's log instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "missing the following glyphs" not in str(record.msg):
            return True
        log.info("fpdf2: %s", record.getMessage())
        return False


logging.getLogger("fpdf.output").addFilter(_GlyphReport())


def _invisible(ch: str) -> bool:
    """True for a format character or variation selector: dropped, not boxed, when unprintable."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


class _Document(FPDF):
    """A Letter/A4 page with the reference and "page n of m" in the footer.

    Text goes through `normalize_text` before fpdf2 lays it out: a character that neither the
    current font nor a fallback font has becomes `NOT_PRINTED` (and is remembered for the audit
    block), so fpdf2 never prints a blank gap for it.
    """

    footer_text = ""
    pages_alias = "{nb}"
    fallback_cmaps: tuple[Mapping[int, object], ...] = ()
    font_hint = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.not_printed: set[str] = set()

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
        box = NOT_PRINTED if ord(NOT_PRINTED) in cmap else _NOT_PRINTED_ASCII
        table: dict[int, str] = {}
        for ch in lost:
            if ch.isspace():
                table[ord(ch)] = " "
            elif _invisible(ch):
                table[ord(ch)] = ""
            else:
                table[ord(ch)] = box
                self.not_printed.add(ch)
        return text.translate(table)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_BODY, size=8)
        self.set_text_color(*_GREY)
        # Left-aligned: the page-count alias is replaced after layout, so centring would drift.
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()} of {self.pages_alias}")
        self.set_text_color(0, 0, 0)


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


def _fonts(config: Config) -> FontSet:
    return find_fonts(config.pdf.font, config.pdf.cjk_font, config.pdf.symbol_font)


def warm_up(config: Config) -> None:
    """Load fpdf2 and prepare the fonts now, so the first signing is as fast as the rest."""
    fast_fonts(_fonts(config))


def _new_document(config: Config, fonts: FontSet, all_text: str, reference: str) -> _Document:
    if latin_only(all_text):
        fonts = fast_fonts(fonts)
    paper = "letter" if config.pdf.paper == "letter" else "A4"
    pdf = _Document(format=paper, unit="mm", enforce_compliance="PDFA_2B")
    # A client's name could contain "{nb}"; an alias nobody can guess is never in client text.
    pdf.pages_alias = "{nb-" + secrets.token_hex(6) + "}"
    pdf.alias_nb_pages(pdf.pages_alias)
    pdf.footer_text = reference
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(_BODY, "", str(fonts.regular))
    pdf.add_font(_BODY, "B", str(fonts.bold or fonts.regular))
    body_cmap = pdf.fonts[_BODY].cmap  # type: ignore[union-attr]
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
    missing = {ch for ch in missing if not _invisible(ch)}
    if missing and fonts.symbol is None:
        if any(unicodedata.category(ch).startswith("S") for ch in missing):
            pdf.font_hint = symbol_missing_message()
    elif missing and fonts.symbol and any(ord(ch) in characters_in(fonts.symbol) for ch in missing):
        pdf.add_font(_SYMBOL, "", str(fonts.symbol))
        fallbacks.append(_SYMBOL)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
        pdf.fallback_cmaps = tuple(pdf.fonts[f].cmap for f in fallbacks)  # type: ignore[union-attr]
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


def _finish(
    pdf: _Document, *, title: str, subject: str, reference: str, kind: str, when: datetime
) -> bytes:
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


# ---------------------------------------------------------------- text


def _simple(pdf: _Document, text: str) -> bool:
    """True when our own line breaking is exact: every glyph in the font, no shaping needed."""
    if pdf.text_shaping:
        return False
    cmap = pdf.current_font.cmap  # type: ignore[union-attr]
    return all(ord(ch) in cmap for ch in set(text) if not ch.isspace())


def _wrap(pdf: _Document, text: str, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`, at spaces, or inside a word too long."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while pdf.get_string_width(current) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and pdf.get_string_width(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


def _text(pdf: _Document, text: str, height: float = _LEADING) -> None:
    """Print a paragraph from the current x to the right margin, then return to the margin.

    fpdf2's `multi_cell` handles any script but is slow; plain text takes a faster path.
    """
    width = pdf.w - pdf.r_margin - pdf.get_x()
    if not _simple(pdf, text):
        pdf.multi_cell(width, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
        return
    x = pdf.get_x()
    for line in _wrap(pdf, text, width - 2 * pdf.c_margin):
        pdf.set_x(x)
        pdf.cell(width, height, line, new_x="LMARGIN", new_y="NEXT")


def _room(pdf: _Document, needed: float) -> None:
    """Start a new page unless `needed` millimetres are left above the bottom margin."""
    if pdf.get_y() + needed > pdf.page_break_trigger:
        pdf.add_page()


def _heading(pdf: _Document, text: str, size: float = 12, keep: float = 22) -> None:
    _room(pdf, keep)
    pdf.ln(2)
    pdf.set_font(_BODY, "B", size)
    _text(pdf, text, size * 0.5)
    pdf.ln(1)
    pdf.set_font(_BODY, "", _SIZE)


def _paragraph(pdf: _Document, text: str) -> None:
    pdf.set_font(_BODY, "", _SIZE)
    _text(pdf, text)


def _bullet(pdf: _Document, text: str, marker: str = "•") -> None:
    pdf.set_font(_BODY, "", _SIZE)
    left = pdf.l_margin
    _room(pdf, _LEADING)
    pdf.set_x(left + 2)
    pdf.cell(5, _LEADING, marker)
    pdf.set_left_margin(left + 7)
    _text(pdf, text)
    pdf.set_left_margin(left)
    pdf.set_x(left)


def _form_text(pdf: _Document, text: str) -> None:
    """Print plain form text: `===`/`---` underlined lines are headings, `- ` lines bullets."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        underline = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line and len(underline) >= 3 and set(underline) <= {"="}:
            _heading(pdf, line, 16)
            i += 2
            continue
        if line and len(underline) >= 3 and set(underline) <= {"-"}:
            _heading(pdf, line)
            i += 2
            continue
        if not line:
            pdf.ln(2)
        elif line.startswith("- "):
            _bullet(pdf, line[2:])
        else:
            _paragraph(pdf, line)
        i += 1


# ---------------------------------------------------------------- sections after the form


def _questions(pdf: _Document, questions: Sequence[AskedQuestion]) -> None:
    _heading(pdf, "Questions the client asked")
    if not questions:
        _paragraph(pdf, "The client asked no questions.")
        return
    for q in questions:
        text = printable_question(q.text)
        # The label comes first so that a right-to-left question sits inside a left-to-right line.
        if q.for_clinician:
            _bullet(pdf, f"For the clinician (the assistant could not answer): {text}", "!")
        else:
            _bullet(pdf, f"Answered at the kiosk ({q.concern}): {text}")


def _comprehension(pdf: _Document, results: Sequence[CheckResult]) -> None:
    _heading(pdf, "Understanding check")
    if not results:
        _paragraph(pdf, "No understanding check was done.")
        return
    for r in results:
        if r.correct_first_time:
            verdict = "right the first time"
        else:
            verdict = f"right after {r.attempts} tries" if r.attempts > 1 else "not right"
        _bullet(pdf, f"{r.question} ({verdict})")


def _clamped(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if math.isfinite(x) and math.isfinite(y):
            out.append((min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)))
    return out


def _strokes(
    pdf: _Document, strokes: Sequence[Stroke], x: float, y: float, w: float, h: float
) -> None:
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


def _signature(pdf: _Document, signature: Signature, signed_at: datetime) -> None:
    _heading(pdf, "Signature", keep=50)
    top = pdf.get_y() + 1
    left = pdf.l_margin
    name_x = left
    if signature.strokes:
        box_w, box_h = 72.0, 27.0
        pdf.set_draw_color(170, 170, 170)
        pdf.rect(left, top, box_w, box_h)
        _strokes(pdf, signature.strokes, left + 2, top + 2, box_w - 4, box_h - 4)
        name_x = left + box_w + 6
    pdf.set_left_margin(name_x)
    pdf.set_xy(name_x, top + 2)
    pdf.set_font(_BODY, "", 8.5)
    pdf.set_text_color(*_GREY)
    _text(pdf, "Typed name", 4)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(_BODY, "B", 14)
    _text(pdf, printable_name(signature.typed_name), 7)
    pdf.set_font(_BODY, "", 8.5)
    pdf.set_text_color(*_GREY)
    _text(pdf, f"Signed electronically on {utc_stamp(signed_at)}", 4)
    _text(pdf, f"How: {signature.method}", 4)
    pdf.set_text_color(0, 0, 0)
    pdf.set_left_margin(left)
    bottom = top + 29 if signature.strokes else 0.0
    pdf.set_xy(left, max(bottom, pdf.get_y()) + 2)


def _code_points(chars: Iterable[str], most: int) -> str:
    codes = [f"U+{ord(ch):04X}" for ch in sorted(chars)]
    return " ".join(codes[:most]) + (f" and {len(codes) - most} more" if len(codes) > most else "")


def _not_printed_row(pdf: _Document) -> list[tuple[str, str]]:
    """An audit row naming the characters printed as a box, when there were any."""
    if not pdf.not_printed:
        return []
    box = NOT_PRINTED if ord(NOT_PRINTED) in pdf.current_font.cmap else _NOT_PRINTED_ASCII  # type: ignore[union-attr]
    return [
        (f"Characters shown as {box}", f"{_code_points(pdf.not_printed, 4)} (no font has them)")
    ]


def _audit(pdf: _Document, rows: Sequence[tuple[str, str]]) -> None:
    height = 4.6 * len(rows) + 4
    _heading(pdf, "Audit record", keep=height + 14)
    top = pdf.get_y()
    pdf.set_fill_color(243, 243, 243)
    pdf.rect(pdf.l_margin, top, pdf.w - pdf.l_margin - pdf.r_margin, height, style="F")
    pdf.set_y(top + 2)
    for label, value in rows:
        pdf.set_x(pdf.l_margin + 3)
        pdf.set_font(_BODY, "B", 8.5)
        pdf.cell(48, 4.6, label)
        pdf.set_font(_BODY, "", 8.5)
        pdf.cell(0, 4.6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + height + 2)


# ---------------------------------------------------------------- the two documents


def consent_pdf(config: Config, doc: ConsentDocument, fonts: FontSet | None = None) -> bytes:
    """The signed consent form as PDF bytes."""
    fonts = fonts or _fonts(config)
    everything = "\n".join(
        [doc.form.text, doc.signature.typed_name, doc.reference, config.practice.name]
        + [q.text for q in doc.questions]
        + [f"{r.question} {r.question_id}" for r in doc.comprehension]
        + [q.concern or "" for q in doc.questions]
    )
    pdf = _new_document(config, fonts, everything, doc.reference)
    _form_text(pdf, doc.form.text)
    _questions(pdf, doc.questions)
    _comprehension(pdf, doc.comprehension)
    _signature(pdf, doc.signature, doc.signed_at)
    _audit(
        pdf,
        [
            ("Reference", doc.reference),
            ("Signed (UTC)", utc_stamp(doc.signed_at)),
            ("Form version", doc.form.version),
            ("SHA-256 of the form text", doc.form.sha256),
            ("How it was signed", doc.signature.method),
            ("Understanding check", comprehension_summary(doc.comprehension)),
            ("Made by", f"Consent Assistant {__version__}"),
            *_not_printed_row(pdf),
        ],
    )
    return _finish(
        pdf,
        title=f"Consent to record sessions {doc.reference}",
        subject=f"Signed consent to record therapy sessions, {config.practice.name}",
        reference=doc.reference,
        kind=KIND_CONSENT,
        when=doc.signed_at,
    )


def revocation_pdf(config: Config, doc: RevocationDocument, fonts: FontSet | None = None) -> bytes:
    """The notice that a consent was taken back, as PDF bytes."""
    fonts = fonts or _fonts(config)
    everything = "\n".join([doc.form.text, doc.how, doc.reference, config.practice.name])
    pdf = _new_document(config, fonts, everything, doc.reference)
    _form_text(pdf, doc.form.text)
    rows: list[tuple[str, str]] = [
        ("Reference", doc.reference),
        ("Taken back (UTC)", utc_stamp(doc.revoked_at)),
        ("How", doc.how),
    ]
    if doc.consent_signed_at:
        rows.append(("Consent signed (UTC)", utc_stamp(doc.consent_signed_at)))
    if doc.consent_form_version:
        rows.append(("Consent form version", doc.consent_form_version))
    rows += [
        ("Notice version", doc.form.version),
        ("SHA-256 of the notice text", doc.form.sha256),
        ("Made by", f"Consent Assistant {__version__}"),
        *_not_printed_row(pdf),
    ]
    _audit(pdf, rows)
    return _finish(
        pdf,
        title=f"Consent taken back {doc.reference}",
        subject=f"Notice that consent to record sessions was taken back, {config.practice.name}",
        reference=doc.reference,
        kind=KIND_REVOCATION,
        when=doc.revoked_at,
    )
