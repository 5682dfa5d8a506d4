"""The pieces of filing that signing and revoking share: the sealed PDF, the facts its event
records about it, the stored copy until delivery, and the FHIR JSON for the clinician's email.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.config import Config
from assistant.records.audit import iso
from assistant.records.store import Store


@dataclass(frozen=True, slots=True)
class Filing:
    """Where and how: the store, the practice's configuration and the data folder."""

    store: Store
    config: Config
    data_dir: Path

    @property
    def zone(self) -> str:
        return self.config.practice.time_zone


def sealed(config: Config, data_dir: Path, pdf: bytes, reason: str) -> bytes:
    """The PDF with the practice's seal (PAdES), as it is filed, mailed and verified."""
    from assistant.records.seal import seal_pdf

    return seal_pdf(config, data_dir, pdf, reason=reason)


def pdf_facts(pdf: bytes) -> dict[str, Any]:
    """What an event records about a PDF: SHA-256 (verify), SHA-1 and size (FHIR)."""
    return {
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "pdf_sha1": hashlib.sha1(pdf, usedforsecurity=False).hexdigest(),
        "pdf_size": len(pdf),
    }


def insert_document(store: Store, reference: str, kind: str, pdf: bytes, at: datetime) -> int:
    """Keep the PDF bytes until delivery (inside the caller's transaction); returns its id."""
    cursor = store.db.conn.execute(
        "INSERT INTO documents (reference, kind, sha256, bytes, created_at) VALUES (?, ?, ?, ?, ?)",
        (reference, kind, hashlib.sha256(pdf).hexdigest(), pdf, iso(at)),
    )
    return int(cursor.lastrowid or 0)


def fhir_json(store: Store, config: Config, reference: str) -> str | None:
    """The Consent resource as its events stand (inside the transaction that just added one),
    when the configuration attaches it to the clinician's email; else None."""
    if not config.fhir.attach_to_email:
        return None
    from assistant.records.fhir import consent_resource
    from assistant.records.ledger import consent_state

    state = consent_state(store, reference, config.practice.time_zone)
    if state is None:
        return None
    row = store.one(
        "SELECT name, email, clinician_name FROM consents WHERE reference = ?", (reference,)
    )
    resource = consent_resource(
        state,
        config,
        name=str(row["name"] or "") if row else "",
        email=row["email"] if row else None,
        clinician_name=str(row["clinician_name"] or "") if row else "",
    )
    return json.dumps(resource, ensure_ascii=False, indent=2) + "\n"
