"""Filing an ending: a signed consent (sealed PDF, record, event, emails) or a decline or
deferral (a named record and a note, or only a count). Each is one transaction, so a killed
process leaves all of it or none of it; the PDF is built and sealed before it begins.
"""

from __future__ import annotations

import json
import sqlite3

from assistant.config import Clinician
from assistant.engine.forms import (
    FormText,
    current_version,
    printable_name,
    render_consent_form,
    sha256_text,
)
from assistant.engine.outcome import Outcome, Signature, new_reference
from assistant.records import letters
from assistant.records.audit import comprehension_summary, iso
from assistant.records.documents import Filing, fhir_json, insert_document, pdf_facts, sealed
from assistant.records.outbox import attachment_name, enqueue
from assistant.records.store import Store


def client_address(email: str | None) -> str | None:
    """The client's email address if it is one valid address, else None (no copy is sent)."""
    if not email:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def _form(filing: Filing, outcome: Outcome, clinician: Clinician, name: str) -> FormText:
    if outcome.form_text:
        version = (
            outcome.form_version or f"recording-consent/{current_version('recording-consent')}"
        )
        return FormText(version, outcome.form_text, sha256_text(outcome.form_text))
    return render_consent_form(
        filing.config, clinician=clinician, name=name, choices=outcome.choices, when=outcome.at
    )


def _unused_reference(store: Store) -> str:
    """A new reference that neither the table nor the event log has seen."""
    while True:
        reference = new_reference()
        if (
            store.one("SELECT 1 FROM consents WHERE reference = ?", (reference,)) is None
            and store.one("SELECT 1 FROM events WHERE reference = ?", (reference,)) is None
        ):
            return reference


def file_signed(filing: Filing, outcome: Outcome) -> str:
    """Seal the PDF, then write the record, its document, its event and its emails at once.
    Returns the new reference."""
    from assistant.records.pdf import ConsentDocument, client_copy_pdf, consent_pdf

    signature = outcome.signature or Signature(typed_name=outcome.name or "")
    name = printable_name(outcome.name or signature.typed_name)
    clinician = Clinician(name=outcome.clinician_name, email=outcome.clinician_email)
    form = _form(filing, outcome, clinician, name)
    copy_for_client = (
        bool(client_address(outcome.email)) and filing.config.mail.client_copy_attachment
    )
    for attempt in range(3):
        reference = _unused_reference(filing.store)
        document = ConsentDocument(
            reference, outcome.at, form, signature, outcome.questions, outcome.comprehension
        )
        pdf = sealed(
            filing.config,
            filing.data_dir,
            consent_pdf(filing.config, document),
            f"Consent to record sessions, {reference}",
        )
        client_pdf = (
            sealed(
                filing.config,
                filing.data_dir,
                client_copy_pdf(filing.config, document),
                f"Client's copy of the consent to record sessions, {reference}",
            )
            if copy_for_client
            else None
        )
        try:
            _write_signed(
                filing, outcome, reference, name, clinician, form, signature, (pdf, client_pdf)
            )
        except sqlite3.IntegrityError:
            if attempt == 2:
                raise
            continue
        break
    return reference


def _write_signed(
    filing: Filing,
    outcome: Outcome,
    reference: str,
    name: str,
    clinician: Clinician,
    form: FormText,
    signature: Signature,
    pdfs: tuple[bytes, bytes | None],
) -> None:
    """`pdfs`: the clinician's PDF and the client's copy (None when none is attached)."""
    pdf, client_pdf = pdfs
    facts = pdf_facts(pdf)
    if client_pdf is not None:
        facts |= {f"client_{k}": v for k, v in pdf_facts(client_pdf).items()}
    address = client_address(outcome.email)
    summary = comprehension_summary(outcome.comprehension)
    letter = letters.signed_letter(
        filing.config,
        clinician=clinician,
        reference=reference,
        name=name,
        when=outcome.at,
        form_version=form.version,
        choices=outcome.choices,
        questions=outcome.questions,
        comprehension=summary,
        safety_replies=outcome.safety_replies,
    )
    store = filing.store
    with store.transaction():
        store.db.table("consents").insert(
            {
                "reference": reference,
                "status": "signed",
                "name": name,
                "email": address,
                "clinician_name": clinician.name,
                "clinician_email": clinician.email,
                "choices": json.dumps(outcome.choices, sort_keys=True),
                "comprehension": _comprehension_json(outcome),
                "form_version": form.version,
                "form_sha256": form.sha256,
                "pdf_sha256": facts["pdf_sha256"],
                "signature_method": signature.method,
                "signed_at": iso(outcome.at),
            }
        )
        document_id = insert_document(store, reference, "consent", pdf, outcome.at)
        copy_id = (
            insert_document(store, reference, "client-copy", client_pdf, outcome.at)
            if client_pdf is not None
            else None
        )
        store.append_event(
            "signed",
            reference,
            outcome.at,
            {
                "form_version": form.version,
                "form_sha256": form.sha256,
                **facts,
                "method": signature.method,
                "choices": outcome.choices,
                "comprehension": summary,
                "clinician": clinician.email,
            },
        )
        enqueue(
            store,
            filing.config,
            reference=reference,
            kind="signed",
            letter=letter,
            to_addr=clinician.email,
            at=outcome.at,
            document_id=document_id,
            attachment_name=attachment_name("consent", reference),
            json_attachment=fhir_json(store, filing.config, reference),
        )
        if address:
            copy = letters.client_copy_letter(
                filing.config,
                clinician=clinician,
                reference=reference,
                when=outcome.at,
                attached=copy_id is not None,
            )
            enqueue(
                store,
                filing.config,
                reference=reference,
                kind="client-copy",
                letter=copy,
                to_addr=address,
                at=outcome.at,
                document_id=copy_id,
                attachment_name=attachment_name("consent", reference),
            )


def file_ending(filing: Filing, outcome: Outcome) -> str | None:
    """A decline or a deferral: a record and a note to the clinician when the client gave a
    name or let their questions be passed on, else just a count."""
    name = printable_name(outcome.name or "")
    store = filing.store
    if not (outcome.notify_clinician and (name or outcome.questions)):
        with store.transaction():
            store.execute(
                "INSERT INTO counts (period, kind, n) VALUES (?, ?, 1)"
                " ON CONFLICT (period, kind) DO UPDATE SET n = n + 1",
                (f"{outcome.at:%Y-%m}", outcome.kind),
            )
        return None
    clinician = Clinician(name=outcome.clinician_name, email=outcome.clinician_email)
    reference = _unused_reference(filing.store)
    letter = letters.ended_letter(
        filing.config,
        kind=outcome.kind,
        clinician=clinician,
        reference=reference,
        name=name,
        when=outcome.at,
        questions=outcome.questions,
        safety_replies=outcome.safety_replies,
    )
    with store.transaction():
        store.db.table("consents").insert(
            {
                "reference": reference,
                "status": outcome.kind,
                "name": name,
                "email": client_address(outcome.email),
                "clinician_name": clinician.name,
                "clinician_email": clinician.email,
                "choices": json.dumps(outcome.choices, sort_keys=True),
                "comprehension": _comprehension_json(outcome),
                f"{outcome.kind}_at": iso(outcome.at),
            }
        )
        store.append_event(outcome.kind, reference, outcome.at, {"clinician": clinician.email})
        enqueue(
            store,
            filing.config,
            reference=reference,
            kind=outcome.kind,
            letter=letter,
            to_addr=clinician.email,
            at=outcome.at,
            json_attachment=fhir_json(store, filing.config, reference),
        )
    return reference


def _comprehension_json(outcome: Outcome) -> str:
    return json.dumps(
        [
            {"id": r.question_id, "first_time": r.correct_first_time, "attempts": r.attempts}
            for r in outcome.comprehension
        ]
    )
