"""Finding the Unicode fonts the PDF embeds: configured paths first, then well-known system fonts.

The body font (DejaVu Sans, else Noto Sans) covers Latin, Greek and Cyrillic, and DejaVu also
Arabic and Hebrew; a second font covers Chinese, Japanese and Korean, and a third (Symbola)
emoji and symbols, each embedded only when the text needs it. Reading a 6,000-glyph font takes
fpdf2 longer than laying out the whole form, so documents whose text is all Latin use a copy of
the body font cut down to Latin once per process (`fast_fonts`); any other script uses the full
fonts.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEARCH_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
)

BODY_FONTS = ("DejaVuSans.ttf", "NotoSans-Regular.ttf")
BOLD_FONTS = {"DejaVuSans.ttf": "DejaVuSans-Bold.ttf", "NotoSans-Regular.ttf": "NotoSans-Bold.ttf"}
CJK_FONTS = (
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
)
CJK_PACKAGE = "fonts-droid-fallback"
"""The Debian package that provides a CJK font the PDF can embed."""
SYMBOL_FONTS = ("Symbola_hint.ttf", "Symbola.ttf")
"""Monochrome fonts with emoji and symbols (Debian installs Symbola_hint.ttf)."""
SYMBOL_PACKAGE = "fonts-symbola"
"""The Debian package that provides an emoji and symbol font the PDF can embed."""


class FontMissing(RuntimeError):
    """No usable Unicode font: the message names what was looked for and how to get one."""


@dataclass(frozen=True, slots=True)
class FontSet:
    """The font files one PDF uses. Only `regular` is always there."""

    regular: Path
    bold: Path | None
    cjk: Path | None
    symbol: Path | None = None


@lru_cache(maxsize=1)
def _index() -> dict[str, Path]:
    """Every font file under the search folders, by file name (first found wins)."""
    found: dict[str, Path] = {}
    wanted = {*BODY_FONTS, *BOLD_FONTS.values(), *CJK_FONTS, *SYMBOL_FONTS}
    for base in SEARCH_DIRS:
        root = Path(base).expanduser()
        if not root.is_dir():
            continue
        for folder, _dirs, files in os.walk(root):
            for name in files:
                if name in wanted and name not in found:
                    found[name] = Path(folder) / name
    return found


def _configured(path: str, key: str) -> Path | None:
    if not path:
        return None
    p = Path(path).expanduser()
    if not p.is_file():
        raise FontMissing(f"{key} = {path!r}: no such font file")
    return p


def find_fonts(font: str = "", cjk_font: str = "", symbol_font: str = "") -> FontSet:
    """The fonts to embed: `pdf.font` / `pdf.cjk_font` / `pdf.symbol_font` when set, else the
    first system match."""
    index = _index()
    regular = _configured(font, "pdf.font")
    bold: Path | None = None
    if regular is None:
        for name in BODY_FONTS:
            if name in index:
                regular = index[name]
                bold = index.get(BOLD_FONTS[name])
                break
    if regular is None:
        raise FontMissing(
            "no Unicode font for the PDF: looked for "
            + " or ".join(BODY_FONTS)
            + " in "
            + ", ".join(SEARCH_DIRS)
            + ". Install the Debian package fonts-dejavu-core, or set pdf.font to a .ttf file."
        )
    cjk = _configured(cjk_font, "pdf.cjk_font")
    if cjk is None:
        cjk = next((index[n] for n in CJK_FONTS if n in index), None)
    symbol = _configured(symbol_font, "pdf.symbol_font")
    if symbol is None:
        symbol = next((index[n] for n in SYMBOL_FONTS if n in index), None)
    return FontSet(regular=regular, bold=bold, cjk=cjk, symbol=symbol)


def cjk_missing_message() -> str:
    """What to tell a clinic whose PDFs need a CJK font that is not installed."""
    return (
        "no font for Chinese, Japanese or Korean characters: looked for "
        + ", ".join(CJK_FONTS)
        + f". Install the Debian package {CJK_PACKAGE}, or set pdf.cjk_font."
    )


def symbol_missing_message() -> str:
    """What to tell a clinic whose PDFs print emoji or symbols as boxes for want of a font."""
    return (
        "no font for emoji and symbols: looked for "
        + ", ".join(SYMBOL_FONTS)
        + f". Install the Debian package {SYMBOL_PACKAGE}, or set pdf.symbol_font."
    )


@lru_cache(maxsize=8)
def characters_in(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (read once per file and process); none for a
    file fontTools cannot read, so a broken fallback font is skipped, not fatal to the PDF."""
    from fontTools import ttLib  # type: ignore[import-untyped]

    try:
        with ttLib.TTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:
        return frozenset()


_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x9FFF),  # CJK symbols, kana, Bopomofo, Hangul compat., CJK ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # CJK extensions
)


def is_cjk(ch: str) -> bool:
    """True for a character that needs the CJK font."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


FAST_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122))
"""Characters the cut-down Latin fonts keep: ASCII, Latin-1, Latin Extended-A, punctuation."""


def latin_only(text: str) -> bool:
    """True when every character of `text` is in `FAST_RANGES` (white space aside)."""
    return all(
        ch in "\n\t" or any(lo <= ord(ch) <= hi for lo, hi in FAST_RANGES) for ch in set(text)
    )


@lru_cache(maxsize=1)
def _cache_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="consent-assistant-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@lru_cache(maxsize=8)
def _latin_copy(source: Path) -> Path:
    from fontTools import subset, ttLib

    font = ttLib.TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in FAST_RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    tag = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:12]
    target = _cache_dir() / f"latin-{tag}-{source.name}"
    partial = target.with_suffix(".part")
    font.save(str(partial))
    os.replace(partial, target)
    return target


_cutting = threading.Lock()


def fast_fonts(fonts: FontSet) -> FontSet:
    """The same fonts cut down to Latin (made on first use, then reused by this process)."""
    try:
        with _cutting:  # a warm-up thread and the first signing may both get here
            return FontSet(
                regular=_latin_copy(fonts.regular),
                bold=_latin_copy(fonts.bold) if fonts.bold else None,
                cjk=None,
                symbol=None,
            )
    except Exception:  # a font fontTools cannot cut: the full font still works, only slower
        return fonts
