"""`DurableRecords`: the record keeper the conversation files its endings with.

`file()` builds the PDF first, then writes the record, its event and its outbox messages in one
transaction, so a killed process leaves all of it or none of it. Delivery comes after and never
raises into the conversation:

- `deliver_inline=True` (the default; transcripts, `chat`): `file()`, `revoke()` and
  `skip_today()` try to deliver what is due before they return. In outbox mode that is a file
  write; in SMTP mode it can take up to `mail.timeout_seconds`.
- `deliver_inline=False` (the kiosk): nothing is sent inside `file()`; the kiosk calls
  `deliver_pending()` from a worker thread, which opens its own database connection.

fpdf2 is imported the first time a PDF is built, or by `warm_up()` in a worker at start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Literal

from assistant.clock import Clock
from assistant.config import Clinician, Config
from assistant.engine.outcome import (
    Outcome,
    Receipt,
    RevokeResult,
    Signature,
    new_reference,
    normalise_reference,
)
from assistant.records import letters
from assistant.records.attempts import look_up
from assistant.records.audit import comprehension_summary, iso, parse_iso
from assistant.records.forms import (
    FormText,
    current_version,
    printable_name,
    render_consent_form,
    render_revocation,
    sha256_text,
)
from assistant.records.outbox import (
    DeliveryReport,
    attachment_name,
    deliver_pending,
    enqueue,
    sent_count,
)
from assistant.records.store import Store

log = logging.getLogger(__name__)

LatestStatus = Literal["signed", "declined", "deferred", "revoked", "none"]

KIOSK_HOW = "at the kiosk, with the reference code and the name"
CLINICIAN_HOW = "by the clinician (consent-assistant revoke)"


def client_address(email: str | None) -> str | None:
    """The client's email address if it is one valid address, else None (no copy is sent)."""
    if not email:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


class DurableRecords:
    """Files endings in SQLite, makes the PDFs, queues and delivers the emails.

    Safe to share between threads: one lock serialises this object's own database work.
    """

    def __init__(
        self, config: Config, data_dir: Path, clock: Clock, *, deliver_inline: bool = True
    ) -> None:
        self.config = config
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.deliver_inline = deliver_inline
        self._store = Store(self.data_dir)
        self._lock = threading.RLock()
        self._latest: LatestStatus = "none"
        self._latest_reference: str | None = None
        self.last_delivery: DeliveryReport | None = None

    # ------------------------------------------------------------ what transcripts read

    def latest_status(self) -> LatestStatus:
        """The latest record this keeper made or changed; an unnamed ending is only counted."""
        return self._latest

    def latest_reference(self) -> str | None:
        """The reference of the latest record this keeper made or changed (None if unnamed)."""
        return self._latest_reference

    def record(self, reference: str) -> dict[str, object] | None:
        """The stored consent record for `reference` (any status), or None."""
        with self._lock:
            row = self._store.one(
                "SELECT * FROM consents WHERE reference = ?", (normalise_reference(reference),)
            )
        return dict(row) if row is not None else None

    def outbox_count(self) -> int:
        """Emails delivered so far from this data folder (to the Maildir or over SMTP)."""
        with self._lock:
            return sent_count(self._store)

    # ------------------------------------------------------------ filing endings

    def file(self, outcome: Outcome) -> Receipt:
        """Store the outcome and queue its emails; then deliver if `deliver_inline`."""
        with self._lock:
            reference: str | None
            if outcome.kind == "signed":
                reference = self._file_signed(outcome)
            else:
                reference = self._file_ending(outcome)
            delivered = self._deliver_inline() and self._clinician_sent(reference)
        return Receipt(
            reference=reference, delivered=delivered, note=self._note(outcome, delivered)
        )

    def _note(self, outcome: Outcome, delivered: bool) -> str:
        who = outcome.clinician_name
        if outcome.kind == "signed":
            if delivered:
                return f"Your signed form was sent to {who}."
            return f"Your signed form is saved. It will be sent to {who} soon."
        if outcome.notify_clinician and outcome.name:
            return f"{who} will get a note." if delivered else f"{who} will get a note soon."
        return ""

    def _clinician_sent(self, reference: str | None) -> bool:
        if reference is None:
            return False
        row = self._store.one(
            "SELECT COUNT(*) AS n FROM outbox WHERE reference = ? AND role = 'clinician'"
            " AND status != 'sent'",
            (reference,),
        )
        return row is not None and row["n"] == 0

    def _form(self, outcome: Outcome, clinician: Clinician, name: str) -> FormText:
        if outcome.form_text:
            version = (
                outcome.form_version or f"recording-consent/{current_version('recording-consent')}"
            )
            return FormText(version, outcome.form_text, sha256_text(outcome.form_text))
        return render_consent_form(
            self.config, clinician=clinician, name=name, choices=outcome.choices, when=outcome.at
        )

    def _unused_reference(self) -> str:
        while True:
            reference = new_reference()
            if self._store.one("SELECT 1 FROM consents WHERE reference = ?", (reference,)) is None:
                return reference

    def _file_signed(self, outcome: Outcome) -> str:
        from assistant.records.pdf import ConsentDocument, consent_pdf

        signature = outcome.signature or Signature(typed_name=outcome.name or "")
        name = printable_name(outcome.name or signature.typed_name)
        clinician = Clinician(name=outcome.clinician_name, email=outcome.clinician_email)
        form = self._form(outcome, clinician, name)
        for attempt in range(3):
            reference = self._unused_reference()
            document = ConsentDocument(
                reference, outcome.at, form, signature, outcome.questions, outcome.comprehension
            )
            pdf = consent_pdf(self.config, document)
            try:
                self._write_signed(outcome, reference, name, clinician, form, signature, pdf)
            except sqlite3.IntegrityError:
                if attempt == 2:
                    raise
                continue
            break
        self._latest, self._latest_reference = "signed", reference
        return reference

    def _write_signed(
        self,
        outcome: Outcome,
        reference: str,
        name: str,
        clinician: Clinician,
        form: FormText,
        signature: Signature,
        pdf: bytes,
    ) -> None:
        pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        address = client_address(outcome.email)
        summary = comprehension_summary(outcome.comprehension)
        letter = letters.signed_letter(
            self.config,
            clinician=clinician,
            reference=reference,
            name=name,
            when=outcome.at,
            form_version=form.version,
            choices=outcome.choices,
            questions=outcome.questions,
            comprehension=summary,
        )
        store = self._store
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
                    "pdf_sha256": pdf_sha256,
                    "signature_method": signature.method,
                    "signed_at": iso(outcome.at),
                }
            )
            document_id = self._insert_document(reference, "consent", pdf, outcome.at)
            store.append_event(
                "signed",
                reference,
                outcome.at,
                {
                    "form_version": form.version,
                    "form_sha256": form.sha256,
                    "pdf_sha256": pdf_sha256,
                    "method": signature.method,
                    "choices": outcome.choices,
                    "comprehension": summary,
                    "clinician": clinician.email,
                },
            )
            enqueue(
                store,
                self.config,
                reference=reference,
                kind="signed",
                letter=letter,
                to_addr=clinician.email,
                at=outcome.at,
                document_id=document_id,
                attachment_name=attachment_name("consent", reference),
            )
            if address:
                attach = self.config.mail.client_copy_attachment
                copy = letters.client_copy_letter(
                    self.config,
                    clinician=clinician,
                    reference=reference,
                    when=outcome.at,
                    attached=attach,
                )
                enqueue(
                    store,
                    self.config,
                    reference=reference,
                    kind="client-copy",
                    letter=copy,
                    to_addr=address,
                    at=outcome.at,
                    document_id=document_id if attach else None,
                    attachment_name=attachment_name("consent", reference),
                )

    def _insert_document(self, reference: str, kind: str, pdf: bytes, at: datetime) -> int:
        cursor = self._store.db.conn.execute(
            "INSERT INTO documents (reference, kind, sha256, bytes, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (reference, kind, hashlib.sha256(pdf).hexdigest(), pdf, iso(at)),
        )
        return int(cursor.lastrowid or 0)

    def _file_ending(self, outcome: Outcome) -> str | None:
        """A decline or a deferral: a named record and a note to the clinician, or just a count."""
        name = printable_name(outcome.name or "")
        store = self._store
        if not (outcome.notify_clinician and name):
            with store.transaction():
                store.execute(
                    "INSERT INTO counts (period, kind, n) VALUES (?, ?, 1)"
                    " ON CONFLICT (period, kind) DO UPDATE SET n = n + 1",
                    (f"{outcome.at:%Y-%m}", outcome.kind),
                )
            return None
        clinician = Clinician(name=outcome.clinician_name, email=outcome.clinician_email)
        reference = self._unused_reference()
        letter = letters.ended_letter(
            self.config,
            kind=outcome.kind,
            clinician=clinician,
            reference=reference,
            name=name,
            when=outcome.at,
            questions=outcome.questions,
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
                self.config,
                reference=reference,
                kind=outcome.kind,
                letter=letter,
                to_addr=clinician.email,
                at=outcome.at,
            )
        self._latest, self._latest_reference = outcome.kind, reference
        return reference

    # ------------------------------------------------------------ revocation and "not today"

    def revoke(self, reference: str, name: str, at: datetime) -> RevokeResult:
        """Revoke `reference` when `name` matches; five wrong tries lock it for 15 minutes."""
        with self._lock:
            checked = look_up(self._store, reference, name, at)
            if isinstance(checked, RevokeResult):
                return checked
            result = self._revoke(checked, at, KIOSK_HOW)
            self._deliver_inline()
            return result

    def revoke_as_clinician(self, reference: str, at: datetime | None = None) -> RevokeResult:
        """Revoke `reference` for the clinician (`consent-assistant revoke`): no name, no lock."""
        at = at or self.clock.now()
        ref = normalise_reference(reference)
        with self._lock:
            row = self._store.one(
                "SELECT status FROM consents WHERE reference = ?"
                " AND status IN ('signed', 'revoked')",
                (ref,),
            )
            if row is None:
                return RevokeResult("not_found", ref)
            if row["status"] == "revoked":
                return RevokeResult("already", ref)
            result = self._revoke(ref, at, CLINICIAN_HOW)
            self._deliver_inline()
            return result

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        """Ask that today's session not be recorded: the consent stays, the clinician is told."""
        with self._lock:
            checked = look_up(self._store, reference, name, at)
            if isinstance(checked, RevokeResult):
                return checked
            row = self._store.one("SELECT * FROM consents WHERE reference = ?", (checked,))
            assert row is not None
            clinician = Clinician(name=row["clinician_name"], email=row["clinician_email"])
            letter = letters.not_today_letter(
                self.config, clinician=clinician, reference=checked, name=row["name"], when=at
            )
            with self._store.transaction():
                self._store.append_event("not_today", checked, at, {"clinician": clinician.email})
                enqueue(
                    self._store,
                    self.config,
                    reference=checked,
                    kind="not-today",
                    letter=letter,
                    to_addr=clinician.email,
                    at=at,
                )
            self._deliver_inline()
            return RevokeResult("skipped", checked)

    def _revoke(self, ref: str, at: datetime, how: str) -> RevokeResult:
        from assistant.records.pdf import RevocationDocument, revocation_pdf

        store = self._store
        row = store.one("SELECT * FROM consents WHERE reference = ?", (ref,))
        if row is None:
            return RevokeResult("not_found", ref)
        clinician = Clinician(name=row["clinician_name"], email=row["clinician_email"])
        name = row["name"] or ""
        notice = render_revocation(
            self.config, clinician=clinician, name=name, reference=ref, when=at
        )
        signed_at = parse_iso(row["signed_at"]) if row["signed_at"] else None
        pdf = revocation_pdf(
            self.config,
            RevocationDocument(ref, at, notice, how, row["form_version"] or "", signed_at),
        )
        pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        attach_client = self.config.mail.client_copy_attachment
        with store.transaction():
            changed = store.execute(
                "UPDATE consents SET status = 'revoked', revoked_at = ?, revoked_how = ?,"
                " revocation_pdf_sha256 = ? WHERE reference = ? AND status = 'signed'",
                (iso(at), how, pdf_sha256, ref),
            )
            if changed == 0:
                return RevokeResult("already", ref)
            document_id = self._insert_document(ref, "revocation", pdf, at)
            store.append_event(
                "revoked",
                ref,
                at,
                {
                    "how": how,
                    "notice_version": notice.version,
                    "notice_sha256": notice.sha256,
                    "pdf_sha256": pdf_sha256,
                },
            )
            for to_client in (False, True):
                address = row["email"] if to_client else clinician.email
                if not address:
                    continue
                letter = letters.revoked_letter(
                    self.config,
                    clinician=clinician,
                    reference=ref,
                    name=name,
                    when=at,
                    how=how,
                    to_client=to_client,
                    attached=attach_client or not to_client,
                )
                attach = attach_client or not to_client
                enqueue(
                    store,
                    self.config,
                    reference=ref,
                    kind="revoked",
                    letter=letter,
                    to_addr=address,
                    at=at,
                    document_id=document_id if attach else None,
                    attachment_name=attachment_name("revocation", ref),
                )
        self._latest, self._latest_reference = "revoked", ref
        return RevokeResult("revoked", ref)

    # ------------------------------------------------------------ delivery

    def _deliver_inline(self) -> bool:
        """Deliver what is due now when `deliver_inline`; True when nothing failed."""
        if not self.deliver_inline:
            return False
        try:
            self.last_delivery = deliver_pending(
                self._store, self.config, self.data_dir, self.clock.now()
            )
        except Exception:  # delivery must never break the conversation
            log.exception("delivery failed; the messages stay queued")
            return False
        return self.last_delivery.failed == 0

    def deliver_pending(self, *, force: bool = False) -> DeliveryReport:
        """Send what is due (everything queued with `force`), on a connection of its own.

        Safe to call from a worker thread while the conversation files new endings.
        """
        store = Store(self.data_dir)
        try:
            report = deliver_pending(
                store, self.config, self.data_dir, self.clock.now(), force=force
            )
        finally:
            store.close()
        self.last_delivery = report
        return report

    def report_pin_failures(self, failures: int, at: datetime) -> None:
        """Queue an alert to the clinicians: the kiosk PIN was wrong `failures` times in a row."""
        from assistant.records.alerts import queue_pin_alert

        with self._lock:
            queue_pin_alert(self._store, self.config, failures, at)

    def warm_up(self) -> None:
        """Import fpdf2 and prepare the fonts (about a second), e.g. in a worker at start-up."""
        from assistant.records.pdf import warm_up

        warm_up(self.config)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._store.close()


def _comprehension_json(outcome: Outcome) -> str:
    return json.dumps(
        [
            {"id": r.question_id, "first_time": r.correct_first_time, "attempts": r.attempts}
            for r in outcome.comprehension
        ]
    )
