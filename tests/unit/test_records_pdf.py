"""The signed PDF, read back with pypdf: names in many scripts and with emoji, the drawn
signature as vector lines, the audit block, metadata and PDF/A markers, and hostile names that
must print as typed."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from records_support import LINE, WAVE, demo_config

from assistant.config import Clinician, Config
from assistant.engine.forms import render_consent_form, render_revocation
from assistant.engine.outcome import AskedQuestion, CheckResult, Signature
from assistant.records.fonts import SYMBOL_PACKAGE, FontMissing, FontSet, find_fonts
from assistant.records.pdf import (
    NOT_PRINTED,
    ConsentDocument,
    RevocationDocument,
    consent_pdf,
    revocation_pdf,
)

WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
SAM = Clinician(name="Dr. Sam Lee", email="sam.lee@example.org")

SCRIPTS = {
    "latin": "Zoë Ångström-Núñez",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "cyrillic": "Алексей Иванов",
    "arabic": "أحمد الخطيب",
    "hebrew": "דניאל כהן",
    "chinese": "王小明",
}


def build(
    name: str,
    *,
    strokes: bool = True,
    config: Config | None = None,
    questions: tuple[AskedQuestion, ...] = (),
    fonts: FontSet | None = None,
) -> bytes:
    config = config or demo_config()
    form = render_consent_form(
        config, clinician=SAM, name=name, choices={"recording": True}, when=WHEN
    )
    doc = ConsentDocument(
        reference="K7QM-3XPD",
        signed_at=WHEN,
        form=form,
        signature=Signature(name, (WAVE, LINE) if strokes else ()),
        questions=questions,
        comprehension=(CheckResult("revoke", "Can you take back your consent?", True, 1),),
    )
    return consent_pdf(config, doc, fonts)


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_text_shaping_is_installed() -> None:
    """Arabic and Hebrew need fpdf2's text shaping, which needs the uharfbuzz package."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:  # pragma: no cover - a missing dependency, not a test outcome
        pytest.fail("uharfbuzz is missing: right-to-left names would print reversed")


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_names_in_every_script_print_and_read_back(script: str) -> None:
    name = SCRIPTS[script]
    if script == "chinese" and find_fonts().cjk is None:
        pytest.skip("no CJK font on this machine: install the Debian package fonts-droid-fallback")
    text = text_of(build(name))
    assert text.count(name) >= 2, f"{name!r} not found in the PDF text"


@pytest.mark.parametrize(
    "name",
    [
        "Alex {{ 7*7 }} Rivera",
        "Alex [@click=app.quit] Rivera",
        "Sam {nb} Lee",
        "**Alex** __Rivera__",
    ],
)
def test_hostile_names_print_exactly_as_typed(name: str) -> None:
    text = text_of(build(name))
    assert name in text


def test_control_characters_are_dropped_and_emoji_do_not_break_the_pdf() -> None:
    text = text_of(build("Alex\x1b[2J\x07 Rivera 🙂"))
    assert "Alex Rivera" in text
    assert "\x1b" not in text


def test_an_emoji_in_a_name_and_a_question_prints_from_the_symbol_font() -> None:
    if find_fonts().symbol is None:
        pytest.skip(f"no emoji font on this machine: install the Debian package {SYMBOL_PACKAGE}")
    question = AskedQuestion("Can I bring my dog 🐕 to sessions?", None)
    data = build("Sky 🌈", questions=(question,))
    text = text_of(data)
    assert text.count("Sky 🌈") >= 2, "the name is on the form and under the signature"
    assert "my dog 🐕 to sessions?" in " ".join(text.split())
    assert NOT_PRINTED not in text
    assert b"Symbola" in data


def no_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Records at WARNING or above: what Python prints to stderr when no logging is set up.

    pytest's own log capture hides those from capfd, so the tests look at both."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_without_a_symbol_font_an_emoji_prints_as_a_box_and_nothing_reaches_the_console(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fonts = dataclasses.replace(find_fonts(), symbol=None)
    data = build("Sky 🌈", fonts=fonts)
    text = text_of(data)
    assert text.count(f"Sky {NOT_PRINTED}") >= 2, "a box, not a blank gap, where the emoji was"
    assert f"Characters shown as {NOT_PRINTED} U+1F308 (no font has them)" in text
    assert b"Symbola" not in data
    assert capfd.readouterr() == ("", "")
    assert no_warnings(caplog) == []
    assert any("fonts-symbola" in r.getMessage() for r in caplog.records), "the log says why"


def test_fpdf2s_missing_glyph_warning_goes_to_the_log_not_the_console(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from fpdf import FPDF

    caplog.set_level(logging.INFO)
    pdf = FPDF()
    pdf.add_font("body", "", str(find_fonts().regular))
    pdf.set_font("body", size=10)
    pdf.add_page()
    pdf.cell(text="Sky 🌈")
    pdf.output()
    assert capfd.readouterr() == ("", "")
    assert no_warnings(caplog) == []
    assert any(
        r.name.startswith("assistant.records.pdf") and "missing the following" in r.getMessage()
        for r in caplog.records
    )


@pytest.mark.parametrize("script", ["latin", "greek", "cyrillic", "chinese"])
def test_a_100_character_name_wraps_and_prints_whole(script: str) -> None:
    if script == "chinese" and find_fonts().cjk is None:
        pytest.skip("no CJK font on this machine: install the Debian package fonts-droid-fallback")
    word = SCRIPTS[script].replace(" ", "")
    name = (word * 20)[:100]
    data = build(name)
    assert squeeze(name) in squeeze(text_of(data))
    assert len(PdfReader(io.BytesIO(data)).pages) <= 3


@pytest.mark.parametrize("script", ["arabic", "hebrew"])
def test_a_100_character_right_to_left_name_builds(script: str) -> None:
    name = ((SCRIPTS[script] + " ") * 12)[:100].strip()
    text = text_of(build(name))
    assert SCRIPTS[script].split()[0] in text


def test_the_drawn_signature_is_vector_lines_beside_the_typed_name() -> None:
    data = build("Alex Rivera")
    reader = PdfReader(io.BytesIO(data))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    line_ops = re.findall(rb"[\d.]+ [\d.]+ l\b", content)
    assert len(line_ops) >= len(WAVE.points) - 1 + len(LINE.points) - 1
    assert "Typed name" in text_of(data)
    assert "typed name and drawn signature" in text_of(data)


def test_a_typed_name_alone_is_a_valid_signature() -> None:
    data = build("Alex Rivera", strokes=False)
    text = text_of(data)
    assert "How: typed name" in text
    assert "drawn" not in text.split("Signature")[-1]


def test_the_audit_block_and_footer() -> None:
    form = render_consent_form(
        demo_config(), clinician=SAM, name="Alex Rivera", choices={"recording": True}, when=WHEN
    )
    text = text_of(build("Alex Rivera"))
    for needed in [
        "Audit record",
        "K7QM-3XPD",
        "15 January 2026, 4:30 am (America/New_York)",
        "2026-01-15T09:30:00Z",
        "recording-consent/v2",
        form.sha256,
        "typed name and drawn signature",
        "1 question, 1 right the first time",
        "K7QM-3XPD · page 1 of 3",
        "K7QM-3XPD · page 3 of 3",
    ]:
        assert needed in text, needed


def test_questions_left_for_the_clinician_are_flagged() -> None:
    questions = (
        AskedQuestion("Who can hear the recordings?", "privacy"),
        AskedQuestion("Can my ex-partner's lawyer get them?", None),
    )
    text = " ".join(text_of(build("Alex Rivera", questions=questions)).split())
    assert "Answered at the kiosk (privacy): Who can hear the recordings?" in text
    assert "For the clinician (the assistant could not answer): Can my ex-partner's" in text


def test_metadata_language_pdfa_and_embedded_font() -> None:
    data = build("Alex Rivera")
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Consent to record sessions K7QM-3XPD"}
    assert "Alex" not in str(xmp.dc_title)
    assert xmp.dc_description == {
        "x-default": "Signed consent to record therapy sessions, Lakeside Counseling"
    }
    assert xmp.pdf_keywords == "consent-assistant reference=K7QM-3XPD kind=consent"
    assert b"<pdfaid:part>2</pdfaid:part>" in data
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in data
    assert b"/OutputIntents" in data
    assert b"/FontFile2" in data
    assert b"/Helvetica" not in data


@pytest.mark.parametrize(("paper", "width"), [("letter", 612.0), ("a4", 595.28)])
def test_paper_size_comes_from_the_configuration(paper: str, width: float) -> None:
    data = build("Alex Rivera", config=demo_config({"pdf.paper": f'"{paper}"'}))
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert float(box.width) == pytest.approx(width, abs=0.5)


def test_the_revocation_notice_pdf() -> None:
    config = demo_config()
    notice = render_revocation(
        config, clinician=SAM, name="Алексей Иванов", reference="K7QM-3XPD", when=WHEN
    )
    data = revocation_pdf(
        config,
        RevocationDocument("K7QM-3XPD", WHEN, notice, "at the kiosk", "recording-consent/v1", WHEN),
    )
    text = text_of(data)
    assert "Алексей Иванов" in text
    assert "Consent to Record Sessions: Taken Back" in text
    assert notice.sha256 in text
    assert "kind=revocation" in str(PdfReader(io.BytesIO(data)).xmp_metadata.pdf_keywords)  # type: ignore[union-attr]


def test_a_missing_configured_font_is_named() -> None:
    # Loading the configuration refuses such a path now; the PDF layer still names it if the
    # file goes away after start-up, so the configuration is built here past the load checks.
    config = demo_config()
    gone = dataclasses.replace(
        config, pdf=dataclasses.replace(config.pdf, font="/nowhere/Font.ttf")
    )
    with pytest.raises(FontMissing, match=re.escape("pdf.font = '/nowhere/Font.ttf': no such")):
        build("Alex Rivera", config=gone)


def test_the_record_keeper_loads_fpdf_only_when_a_pdf_is_built() -> None:
    code = (
        "import sys\n"
        "import assistant.records.keeper, assistant.records.commands, assistant.engine.forms\n"
        "print('fpdf' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
