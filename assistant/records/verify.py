"""`verify FILE.pdf`: the seal first (intact, made by this practice), then the records (the
event log, checked and anchored, names this exact file, and its consent is in force).

Reading is bounded: a FIFO or device is refused without waiting on it, a file over
`MAX_PDF_BYTES` is refused from its size alone, and the rest is read in chunks with the cap
held, so no input can hang the command or fill memory.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from assistant.config import Config
from assistant.records.audit import find_reference, utc_stamp
from assistant.records.chain_check import verify_chain
from assistant.records.ledger import find_document
from assistant.records.seal_check import SealReport
from assistant.records.store import Store

MAX_PDF_BYTES = 32 * 1024 * 1024
"""A consent PDF is well under 1 MB (CJK fonts included); 32 MB leaves room for any of ours."""
CHUNK = 1024 * 1024

VerdictStatus = Literal[
    "VALID",
    "ALTERED",
    "REVOKED",
    "REVOCATION NOTICE",
    "NOT SEALED BY THIS PRACTICE",
    "UNKNOWN",
    "RECORDS BROKEN",
]
EXIT_CODES: dict[str, int] = {
    "VALID": 0,
    "ALTERED": 1,
    "REVOKED": 3,
    "REVOCATION NOTICE": 4,
    "NOT SEALED BY THIS PRACTICE": 5,
    "UNKNOWN": 6,
    "RECORDS BROKEN": 7,
}
"""2 is left for a file that cannot be read at all (and for usage errors)."""


class InputError(ValueError):
    """The path cannot be read as a PDF file; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer for one file: a status, the reference, one line why, and each check's line."""

    status: VerdictStatus
    reference: str | None
    detail: str
    seal: str = ""
    records: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]


def shown(path: str) -> str:
    """A path as it can be printed: undecodable bytes and control characters made visible."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 200 else text[:100] + "…" + text[-99:]


def read_pdf(path: str) -> bytes:
    """The file's bytes, or InputError for a folder, device, pipe, socket or oversized file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not a usable path"
        raise InputError(f"{shown(path)}: cannot open ({reason})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown(path)}: is a folder, not a PDF file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{shown(path)}: is not a regular file (a device, pipe or socket); give a PDF file"
            )
        if info.st_size > MAX_PDF_BYTES:
            raise InputError(
                f"{shown(path)}: is {info.st_size / 1e6:,.0f} MB; a consent PDF is at most"
                f" {MAX_PDF_BYTES // (1024 * 1024)} MB, so this is not one"
            )
        chunks, total = [], 0
        while chunk := os.read(fd, CHUNK):
            total += len(chunk)
            if total > MAX_PDF_BYTES:
                raise InputError(f"{shown(path)}: grew past the size limit while being read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)


def judge(
    data: bytes, seal: SealReport, store: Store | None, config: Config, now: datetime
) -> Verdict:
    """Combine the seal's report with what the event log says about this exact file."""
    named = find_reference(data)
    ref = named[0] if named else None
    if seal.state in ("altered",):
        return Verdict("ALTERED", ref, seal.detail, seal.detail, "not consulted")
    if seal.state == "foreign":
        return Verdict(
            "NOT SEALED BY THIS PRACTICE", ref, seal.detail, seal.detail, "not consulted"
        )
    if seal.state in ("none", "unreadable"):
        if ref is not None:
            why = f"this file names {ref} but carries no seal of this practice"
            return Verdict("ALTERED", ref, why, seal.detail, "not consulted")
        return Verdict("UNKNOWN", None, "not a PDF these records made", seal.detail, "-")
    if store is None:
        why = "sealed by this practice, but this data folder has no records"
        return Verdict("UNKNOWN", ref, why, seal.detail, "no records here")
    report = verify_chain(store)
    if not report.ok:
        why = f"the event log fails its check: {report.problem}"
        return Verdict("RECORDS BROKEN", ref, why, seal.detail, why)
    digest = hashlib.sha256(data).hexdigest()
    found = find_document(store, digest, config.practice.time_zone)
    if found is None:
        why = "sealed by this practice, but the event log has no PDF with this hash"
        return Verdict("UNKNOWN", ref, why, seal.detail, why)
    state, document = found
    log_line = f"the event log names this file (event {document.event_id}); log intact"
    if document.kind == "revocation":
        why = f"notice that consent {state.reference} was taken back on {utc_stamp(document.at)}"
        return Verdict("REVOCATION NOTICE", state.reference, why, seal.detail, log_line)
    status = state.status(now)
    if status == "revoked" and state.revoked_at is not None:
        copy = "the client's copy, " if document.kind == "client-copy" else ""
        why = f"{copy}signed on {utc_stamp(state.at)}, taken back on {utc_stamp(state.revoked_at)}"
        return Verdict("REVOKED", state.reference, why, seal.detail, log_line)
    note = {
        "paused": ", recording paused for now",
        "active": "",
    }.get(status, f" ({status})")
    copy = "the client's copy, " if document.kind == "client-copy" else ""
    why = f"{copy}signed on {utc_stamp(state.at)}, still in force{note}"
    return Verdict("VALID", state.reference, why, seal.detail, log_line)
