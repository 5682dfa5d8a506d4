"""The three PDFs (fpdf2, PDF/A-2B, embedded Unicode fonts): the clinician's signed consent, the
client's copy of it, and the notice that a consent was taken back.

Importing this module loads fpdf2 (about 0.4 s), so the record keeper imports it only when it
first builds a PDF (or in `warm_up`). The form text is printed exactly as the client saw it,
then the signature (kept on one page with the statement it signs), then the audit block. The
clinician's copy adds, between those two, what only the clinician should read: the client's
questions (those the assistant could not answer flagged) and the understanding check. The
client's copy never has them, nor any internal id.

Every time a person reads is on the practice's clock with the zone named; the audit block
adds the UTC time (ISO 8601).

A character that no embedded font has (an emoji without the Symbola font, say) prints as a box,
`NOT_PRINTED`, never as a blank gap, and the audit block lists its code point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from assistant import __version__
from assistant.config import Config
from assistant.engine.forms import FormText, format_when, printable_question
from assistant.engine.outcome import AskedQuestion, CheckResult, Signature
from assistant.records.audit import comprehension_summary, utc_iso
from assistant.records.fonts import FontSet
from assistant.records.pdf_document import (
    blank_page,
    finish,
    fonts_for,
    new_document,
    not_printed_row,
    warm_up,
)
from assistant.records.pdf_layout import (
    Block,
    Bullet,
    Heading,
    Paragraph,
    form_sections,
    keep,
    section,
    total,
)
from assistant.records.pdf_page import NOT_PRINTED, Page
from assistant.records.pdf_parts import AuditBlock, SignatureBlock

KIND_CONSENT = "consent"
KIND_CLIENT_COPY = "client-copy"
KIND_REVOCATION = "revocation"

__all__ = [
    "KIND_CLIENT_COPY",
    "KIND_CONSENT",
    "KIND_REVOCATION",
    "NOT_PRINTED",
    "ConsentDocument",
    "RevocationDocument",
    "blank_page",
    "client_copy_pdf",
    "consent_pdf",
    "revocation_pdf",
    "warm_up",
]


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


# ---------------------------------------------------------------- blocks after the form


def _questions(questions: Sequence[AskedQuestion]) -> list[Block]:
    blocks: list[Block] = [Heading("Questions the client asked")]
    if not questions:
        return [*blocks, Paragraph("The client asked no questions.")]
    for q in questions:
        words = printable_question(q.text)
        # The label comes first so that a right-to-left question sits inside a left-to-right line.
        if q.for_clinician:
            blocks.append(
                Bullet(f"For the clinician (the assistant could not answer): {words}", "!")
            )
        else:
            blocks.append(Bullet(f"Answered at the kiosk ({q.concern}): {words}"))
    return blocks


def _comprehension(results: Sequence[CheckResult]) -> list[Block]:
    blocks: list[Block] = [Heading("Understanding check")]
    if not results:
        return [*blocks, Paragraph("No understanding check was done.")]
    for r in results:
        if r.correct_first_time:
            verdict = "right the first time"
        else:
            verdict = f"right after {r.attempts} tries" if r.attempts > 1 else "not right"
        blocks.append(Bullet(f"{r.question} ({verdict})"))
    return blocks


def _signed_form(
    pdf: Page, config: Config, doc: ConsentDocument, label: str = "", after: Sequence[Block] = ()
) -> None:
    """The form text as the client read it, then the signature on the page of the statement
    it signs, with `after` too when all of it fits on one page (the form's last section moves
    to the next page with them when they do not fit where it would start)."""
    sections = form_sections(doc.form.text)
    if label:
        Paragraph(label, 9, grey=True).draw(pdf)
    for blocks in sections[:-1]:
        section(pdf, blocks)
    when = format_when(doc.signed_at, config.practice.time_zone)
    tail = [*(sections[-1] if sections else []), SignatureBlock(doc.signature, when)]
    if after and total(pdf, [*tail, *after]) <= pdf.body_height:
        keep(pdf, [*tail, *after])
        return
    keep(pdf, tail)
    if after:
        keep(pdf, after)


def _signing_rows(config: Config, doc: ConsentDocument) -> list[tuple[str, str]]:
    return [
        ("Reference", doc.reference),
        ("Signed", format_when(doc.signed_at, config.practice.time_zone)),
        ("Signed (UTC)", utc_iso(doc.signed_at)),
        ("Form version", doc.form.version),
        ("SHA-256 of the form text", doc.form.sha256),
        ("How it was signed", doc.signature.method),
    ]


def _closing(pdf: Page, tail: list[Block], audit: AuditBlock) -> None:
    """The last blocks and the audit box: on one page when they fit there, and the audit box
    never alone on a page when the blocks before it can come along."""
    if total(pdf, [*tail, audit]) <= pdf.body_height:
        keep(pdf, [*tail, audit])
        return
    section(pdf, tail)
    keep(pdf, [audit])


def _everything(config: Config, doc: ConsentDocument) -> str:
    return "\n".join(
        [doc.form.text, doc.signature.typed_name, doc.reference, config.practice.name]
        + [q.text for q in doc.questions]
        + [f"{r.question} {r.question_id}" for r in doc.comprehension]
        + [q.concern or "" for q in doc.questions]
    )


# ---------------------------------------------------------------- the three documents


def consent_pdf(config: Config, doc: ConsentDocument, fonts: FontSet | None = None) -> bytes:
    """The clinician's signed consent form as PDF bytes: with the questions and the check."""
    fonts = fonts or fonts_for(config)
    footer = f"Signed consent, clinician's copy · {doc.reference}"
    pdf = new_document(config, fonts, _everything(config, doc), footer)
    _signed_form(pdf, config, doc)
    section(pdf, _questions(doc.questions))
    rows = [
        *_signing_rows(config, doc),
        ("Understanding check", comprehension_summary(doc.comprehension)),
        ("Made by", f"Consent Assistant {__version__}"),
    ]
    _closing(pdf, _comprehension(doc.comprehension), AuditBlock(rows, lambda: not_printed_row(pdf)))
    return finish(
        pdf,
        title=f"Consent to record sessions {doc.reference}",
        subject=f"Signed consent to record therapy sessions, {config.practice.name}",
        reference=doc.reference,
        kind=KIND_CONSENT,
        when=doc.signed_at,
    )


def client_copy_pdf(config: Config, doc: ConsentDocument, fonts: FontSet | None = None) -> bytes:
    """The client's copy as PDF bytes: the form they read, their signature and the audit
    block; never their questions, the check results or an internal id."""
    fonts = fonts or fonts_for(config)
    client_doc = ConsentDocument(doc.reference, doc.signed_at, doc.form, doc.signature)
    footer = f"Signed consent, your copy · {doc.reference}"
    pdf = new_document(config, fonts, _everything(config, client_doc), footer)
    rows = [*_signing_rows(config, client_doc), ("Made by", f"Consent Assistant {__version__}")]
    audit = AuditBlock(rows, late=lambda: not_printed_row(pdf))
    _signed_form(pdf, config, client_doc, f"Your copy · {config.practice.name}", [audit])
    return finish(
        pdf,
        title=f"Your consent to record sessions {doc.reference}",
        subject=f"Your signed consent to record therapy sessions, {config.practice.name}",
        reference=doc.reference,
        kind=KIND_CLIENT_COPY,
        when=doc.signed_at,
    )


def revocation_pdf(config: Config, doc: RevocationDocument, fonts: FontSet | None = None) -> bytes:
    """The notice that a consent was taken back, as PDF bytes."""
    fonts = fonts or fonts_for(config)
    everything = "\n".join([doc.form.text, doc.how, doc.reference, config.practice.name])
    pdf = new_document(config, fonts, everything, f"Consent taken back · {doc.reference}")
    for blocks in form_sections(doc.form.text):
        section(pdf, blocks)
    zone = config.practice.time_zone
    rows: list[tuple[str, str]] = [
        ("Reference", doc.reference),
        ("Taken back", format_when(doc.revoked_at, zone)),
        ("Taken back (UTC)", utc_iso(doc.revoked_at)),
        ("How", doc.how),
    ]
    if doc.consent_signed_at:
        rows.append(("Consent signed", format_when(doc.consent_signed_at, zone)))
        rows.append(("Consent signed (UTC)", utc_iso(doc.consent_signed_at)))
    if doc.consent_form_version:
        rows.append(("Consent form version", doc.consent_form_version))
    rows += [
        ("Notice version", doc.form.version),
        ("SHA-256 of the notice text", doc.form.sha256),
        ("Made by", f"Consent Assistant {__version__}"),
    ]
    keep(pdf, [AuditBlock(rows, lambda: not_printed_row(pdf))])
    return finish(
        pdf,
        title=f"Consent taken back {doc.reference}",
        subject=f"Notice that consent to record sessions was taken back, {config.practice.name}",
        reference=doc.reference,
        kind=KIND_REVOCATION,
        when=doc.revoked_at,
    )
