"""Taking consent back, pausing it for today, and the request by name without the code.

Each change is one transaction: the event (the truth), the table row kept in step for
listings, the sealed notice PDF and the emails. Whether a consent is in force is read from the
event log, so a table row edited by hand changes nothing here.
"""

from __future__ import annotations

from datetime import datetime

from assistant.config import Clinician
from assistant.engine.forms import printable_name, render_revocation
from assistant.engine.outcome import RevokeResult
from assistant.engine.text import same_name
from assistant.records import letters
from assistant.records.audit import iso
from assistant.records.documents import Filing, fhir_json, insert_document, pdf_facts, sealed
from assistant.records.ledger import all_states, consent_state, end_of_day
from assistant.records.outbox import attachment_name, enqueue


def revoke(filing: Filing, ref: str, at: datetime, how: str) -> RevokeResult:
    """Take consent `ref` back: notice PDF (sealed), event, emails to clinician and client."""
    from assistant.records.pdf import RevocationDocument, revocation_pdf

    store, config = filing.store, filing.config
    state = consent_state(store, ref, filing.zone)
    row = store.one("SELECT * FROM consents WHERE reference = ?", (ref,))
    if state is None or state.ending != "signed" or row is None:
        return RevokeResult("not_found", ref)
    if state.revoked_at is not None:
        return RevokeResult("already", ref)
    clinician = Clinician(name=row["clinician_name"], email=row["clinician_email"])
    name = row["name"] or ""
    notice = render_revocation(config, clinician=clinician, name=name, reference=ref, when=at)
    pdf = revocation_pdf(
        config, RevocationDocument(ref, at, notice, how, state.form_version, state.at)
    )
    pdf = sealed(config, filing.data_dir, pdf, f"Notice that consent {ref} was taken back")
    facts = pdf_facts(pdf)
    attach_client = config.mail.client_copy_attachment
    with store.transaction():
        if consent_state(store, ref, filing.zone) != state:  # another kiosk got there first
            return RevokeResult("already", ref)
        store.execute(
            "UPDATE consents SET status = 'revoked', revoked_at = ?, revoked_how = ?,"
            " revocation_pdf_sha256 = ? WHERE reference = ?",
            (iso(at), how, facts["pdf_sha256"], ref),
        )
        document_id = insert_document(store, ref, "revocation", pdf, at)
        store.append_event(
            "revoked",
            ref,
            at,
            {
                "how": how,
                "notice_version": notice.version,
                "notice_sha256": notice.sha256,
                **facts,
            },
        )
        for to_client in (False, True):
            address = row["email"] if to_client else clinician.email
            if not address:
                continue
            attach = attach_client or not to_client
            letter = letters.revoked_letter(
                config,
                clinician=clinician,
                reference=ref,
                name=name,
                when=at,
                how=how,
                to_client=to_client,
                attached=attach,
            )
            enqueue(
                store,
                config,
                reference=ref,
                kind="revoked",
                letter=letter,
                to_addr=address,
                at=at,
                document_id=document_id if attach else None,
                attachment_name=attachment_name("revocation", ref),
                json_attachment=None if to_client else fhir_json(store, config, ref),
            )
    return RevokeResult("revoked", ref)


def not_today(filing: Filing, ref: str, at: datetime) -> RevokeResult:
    """Pause recording until midnight in the practice's time zone; tell the clinician."""
    store, config = filing.store, filing.config
    row = store.one("SELECT * FROM consents WHERE reference = ?", (ref,))
    if row is None:
        return RevokeResult("not_found", ref)
    clinician = Clinician(name=row["clinician_name"], email=row["clinician_email"])
    letter = letters.not_today_letter(
        config, clinician=clinician, reference=ref, name=row["name"], when=at
    )
    until = end_of_day(at, filing.zone)
    with store.transaction():
        store.append_event(
            "not_today", ref, at, {"clinician": clinician.email, "until": iso(until)}
        )
        enqueue(
            store,
            config,
            reference=ref,
            kind="not-today",
            letter=letter,
            to_addr=clinician.email,
            at=at,
        )
    return RevokeResult("skipped", ref)


def request_revocation(
    filing: Filing, name: str, clinician: Clinician, at: datetime, *, today_only: bool = False
) -> int:
    """Someone asked, by name and without the code, to take a consent back (or, `today_only`,
    that today's session not be recorded).

    Every consent in force for that clinician under that name is paused (status `paused`)
    until the clinician revokes it or resumes it (`today_only`: until the end of the day), and
    the clinician is emailed at once. The request is filed and mailed whether or not a consent
    matches, and the caller is told nothing about matches (the kiosk must not reveal who is a
    client). Returns the outbox id.
    """
    store, config = filing.store, filing.config
    typed = printable_name(name)
    matched = []
    for ref, state in all_states(store, filing.zone).items():
        if state.status(at) not in ("active", "paused") or state.clinician != clinician.email:
            continue
        row = store.one("SELECT name FROM consents WHERE reference = ?", (ref,))
        if row is not None and same_name(str(row["name"] or ""), typed):
            matched.append(ref)
    letter = letters.revocation_request_letter(
        config,
        clinician=clinician,
        name=typed,
        references=matched,
        when=at,
        today_only=today_only,
    )
    kind = "not_today" if today_only else "revocation_requested"
    detail = {"clinician": clinician.email, "confirmed": False, "by_name": True}
    with store.transaction():
        for ref in matched:
            store.append_event(kind, ref, at, detail)
        if not matched:
            store.append_event(kind, None, at, {**detail, "matched": 0})
        return enqueue(
            store,
            config,
            reference=matched[0] if len(matched) == 1 else "",
            kind="not-today-request" if today_only else "revocation-request",
            letter=letter,
            to_addr=clinician.email,
            at=at,
        )


def resume(filing: Filing, ref: str, at: datetime) -> bool:
    """The clinician found that the client did not ask to stop: end the pause of a request.
    False when the consent has no open request."""
    store = filing.store
    with store.transaction():
        state = consent_state(store, ref, filing.zone)
        if state is None or state.requested_at is None or state.revoked_at is not None:
            return False
        store.append_event("request_dismissed", ref, at, {})
    return True
