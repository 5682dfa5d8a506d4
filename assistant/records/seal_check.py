"""Checking a PDF's seal with pyHanko: intact, covering the whole file, and made with this
practice's certificate. Separate from `seal.py` so that `verify` never loads the signing side.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from assistant.records.own_thread import in_own_thread
from assistant.records.seal_keys import fingerprint

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

SealState = Literal["ours", "altered", "foreign", "none", "unreadable"]


@dataclass(frozen=True, slots=True)
class SealReport:
    """What the seal says: `ours` (intact, whole file, this practice), `altered`, `foreign`
    (signed, but not by this practice), `none` (no signature) or `unreadable` (not a PDF)."""

    state: SealState
    detail: str


def _subject(cert: Any) -> str:
    """The certificate's common name (else its whole subject), printable on one line."""
    try:
        native = cert.subject.native
        text = str(native.get("common_name") or cert.subject.human_friendly)
    except Exception:
        return "an unreadable certificate"
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:120]


def check_seal(data: bytes, practice: asn1_x509.Certificate | None) -> SealReport:
    """Read the PDF's signatures and judge the practice's seal among them."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        return SealReport("unreadable", f"not a PDF that can be read ({type(exc).__name__})")
    if not signatures:
        return SealReport("none", "the file carries no seal or signature")
    ours = []
    for sig in signatures:
        try:
            cert = sig.signer_cert
        except Exception:
            return SealReport("altered", "a signature in the file cannot be read")
        if practice is not None and cert.dump() == practice.dump():
            ours.append(sig)
    if not ours:
        cert = signatures[-1].signer_cert
        who = f"{_subject(cert)} ({_short(cert.dump())})"
        if practice is None:
            return SealReport("foreign", f"signed by {who}; this data folder has no seal yet")
        return SealReport(
            "foreign",
            f"signed by {who}, not with this practice's seal ({_short(practice.dump())})",
        )
    assert practice is not None
    seal = ours[-1]
    try:
        status = in_own_thread(lambda: _validate(seal, practice))
    except Exception as exc:
        return SealReport("altered", f"the seal cannot be checked ({type(exc).__name__})")
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return SealReport("altered", "the content changed after it was sealed")
    if not status.valid:
        return SealReport("altered", "the seal's signature does not match its content")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or seal is not signatures[-1]:
        return SealReport("altered", "something was added to the file after it was sealed")
    return SealReport("ours", f"intact, sealed by {_subject(practice)} ({_short(practice.dump())})")


def _short(der: bytes) -> str:
    """The start of a certificate's SHA-256 fingerprint: enough to tell two apart by eye."""
    return f"SHA-256 {fingerprint(der)[:23]}…"


def _validate(seal: Any, practice: asn1_x509.Certificate) -> Any:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=[practice], allow_fetching=False)
    return validate_pdf_signature(seal, context)
