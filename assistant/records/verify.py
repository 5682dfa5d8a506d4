"""`verify FILE.pdf`: is this PDF one the records know, unchanged, and is its consent active?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from assistant.records.audit import find_reference, parse_iso, utc_stamp
from assistant.records.store import Store

VerdictStatus = Literal["VALID", "ALTERED", "UNKNOWN", "REVOKED"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer for one file: a status word, the reference it belongs to, and one line why."""

    status: VerdictStatus
    reference: str | None
    detail: str


def _when(text: str | None) -> str:
    return utc_stamp(parse_iso(text)) if text else "an unknown time"


def verify_pdf(store: Store, data: bytes) -> Verdict:
    """Compare the file's SHA-256 with the recorded PDFs, then look at the consent's status."""
    digest = hashlib.sha256(data).hexdigest()
    doc = store.one("SELECT reference, kind FROM documents WHERE sha256 = ?", (digest,))
    if doc is None:
        found = find_reference(data)
        if found and store.one("SELECT 1 FROM consents WHERE reference = ?", (found[0],)):
            return Verdict(
                "ALTERED",
                found[0],
                f"this file names {found[0]} but is not the {found[1]} PDF recorded for it",
            )
        return Verdict("UNKNOWN", found[0] if found else None, "no record of this file")
    ref = str(doc["reference"])
    consent = store.one("SELECT * FROM consents WHERE reference = ?", (ref,))
    if consent is None:
        return Verdict("UNKNOWN", ref, "the file is recorded but its consent record is missing")
    if doc["kind"] == "revocation":
        return Verdict(
            "VALID",
            ref,
            f"notice that consent {ref} was taken back on {_when(consent['revoked_at'])}",
        )
    if consent["status"] == "revoked":
        return Verdict(
            "REVOKED",
            ref,
            f"signed on {_when(consent['signed_at'])},"
            f" taken back on {_when(consent['revoked_at'])}",
        )
    return Verdict("VALID", ref, f"signed on {_when(consent['signed_at'])}, still in force")
