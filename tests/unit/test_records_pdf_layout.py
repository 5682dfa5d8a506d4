"""Page layout of the PDFs: a choice (and any bullet) never splits across pages, a short
section moves whole, the signature sits on the page of the statement it signs, the audit block
is never alone on a page, and the footer is the same on every page."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from records_support import LINE, WAVE, demo_config

from assistant.config import Clinician
from assistant.engine.forms import render_consent_form, render_revocation
from assistant.engine.outcome import AskedQuestion, CheckResult, Signature
from assistant.records.pdf import (
    ConsentDocument,
    RevocationDocument,
    blank_page,
    client_copy_pdf,
    consent_pdf,
    revocation_pdf,
)
from assistant.records.pdf_layout import (
    WHOLE_SECTION_MM,
    Bullet,
    Heading,
    form_sections,
    section,
    total,
)

WHEN = datetime(2026, 12, 3, 1, 45, tzinfo=UTC)
SAM = Clinician(name="Dr. Sam Lee", email="sam.lee@example.org")
LONG_NAME = "Maximilian Alexander Fitzgerald-Montgomery de la Cruz-Rivera"
CHOICES = {"recording": True, "summary": True, "supervision": False}


def document(name: str = "Alex Rivera", questions: int = 0) -> ConsentDocument:
    form = render_consent_form(demo_config(), clinician=SAM, name=name, choices=CHOICES, when=WHEN)
    asked = tuple(
        AskedQuestion(
            f"Question {i}: what happens to my recordings if I move to another state and"
            " the practice closes its office there?",
            None if i % 2 else "data_use",
        )
        for i in range(questions)
    )
    checks = (
        CheckResult("revoke", "Can you take back your consent later?", True, 1),
        CheckResult("audio", "What happens to the audio?", False, 2),
    )
    return ConsentDocument("K7QM-3XPD", WHEN, form, Signature(name, (WAVE, LINE)), asked, checks)


def pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def page_of(texts: list[str], words: str) -> int:
    found = [i for i, text in enumerate(texts) if words in text]
    assert len(found) == 1, f"{words!r} on pages {found}"
    return found[0]


def choices_section() -> list[object]:
    form = render_consent_form(
        demo_config(), clinician=SAM, name="Alex Rivera", choices=CHOICES, when=WHEN
    )
    (found,) = [s for s in form_sections(form.text) if s[0] == Heading("Your choices")]
    return list(found)


def test_the_choices_move_whole_to_the_next_page_rather_than_split() -> None:
    pdf = blank_page(demo_config())
    blocks = choices_section()
    height = total(pdf, blocks)  # type: ignore[arg-type]
    assert height < WHOLE_SECTION_MM
    pdf.set_y(pdf.page_break_trigger - height / 2)  # only half of it would fit here
    section(pdf, blocks)  # type: ignore[arg-type]
    assert pdf.page == 2
    assert pdf.get_y() == pytest.approx(pdf.t_margin + height, abs=0.5)


def test_a_long_section_breaks_between_bullets_never_inside_one() -> None:
    pdf = blank_page(demo_config())
    long_bullet = Bullet("Each choice stays whole on one page. " * 6)
    blocks = [Heading("Risks and limits"), *[Bullet("A short line.")] * 14, long_bullet]
    assert total(pdf, blocks) > WHOLE_SECTION_MM
    bullet_height = long_bullet.height(pdf)
    assert bullet_height > 10, "the last bullet takes several lines"
    rest = total(pdf, blocks[:-1])
    pdf.set_y(pdf.page_break_trigger - rest - bullet_height / 2)
    section(pdf, blocks)
    assert pdf.page == 2, "the long bullet moved"
    assert pdf.get_y() == pytest.approx(pdf.t_margin + bullet_height, abs=0.5)


@pytest.mark.parametrize(
    ("name", "questions"), [("Alex Rivera", 0), (LONG_NAME, 9), ("Alex Rivera", 30)]
)
def test_the_signature_sits_with_its_statement_and_the_audit_is_never_alone(
    name: str, questions: int
) -> None:
    doc = document(name, questions)
    clinician = pages(consent_pdf(demo_config(), doc))
    assert page_of(clinician, "Your statement") == page_of(clinician, "Typed name")
    audit = page_of(clinician, "Audit record")
    assert audit == page_of(clinician, "Understanding check"), "the audit box is not alone"
    assert audit == len(clinician) - 1
    client = pages(client_copy_pdf(demo_config(), doc))
    last = len(client) - 1
    for words in ("Your statement", "Typed name", "Audit record"):
        assert page_of(client, words) == last, words
    for texts in (clinician, client):
        choices = page_of(texts, "Your choices")
        assert page_of(texts, "clinical supervision") == choices, "the choices stay together"


@pytest.mark.parametrize("kind", ["clinician", "client", "revocation"])
def test_the_footer_is_the_same_on_every_page(kind: str) -> None:
    config = demo_config()
    if kind == "revocation":
        notice = render_revocation(
            config, clinician=SAM, name=LONG_NAME, reference="K7QM-3XPD", when=WHEN
        )
        data = revocation_pdf(config, RevocationDocument("K7QM-3XPD", WHEN, notice, "kiosk"))
    else:
        make = consent_pdf if kind == "clinician" else client_copy_pdf
        data = make(config, document(LONG_NAME, 12))
    reader = PdfReader(io.BytesIO(data))
    footers: list[tuple[str, float, float]] = []
    for number, page in enumerate(reader.pages, 1):
        found: list[tuple[str, float, float]] = []

        def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
            if "· page" in text:
                found.append((text, round(tm[4], 2), round(tm[5], 2)))  # noqa: B023

        page.extract_text(visitor_text=visit)
        assert len(found) == 1, f"page {number}: {found}"
        words, x, y = found[0]
        footers.append((words.replace(f"page {number} of", "page N of"), x, y))
    assert len(set(footers)) == 1, footers
