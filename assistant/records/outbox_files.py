"""Caring for the Maildir outbox (`mail.mode = "outbox"`), where the outbox *is* the delivery.

A message stays whole until the clinician's mail program has read it (moved it from `new/` to
`cur/`): the PDF must not vanish before they have it. After that, `deliver --prune DAYS`
takes the attachments (the PDF, and the FHIR JSON, which also names the client) out of read
messages older than DAYS and keeps their text, with a line saying what was removed and its
SHA-256, so the clinic can clear personal data it has already filed.
"""

from __future__ import annotations

import email
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from assistant.records.audit import utc_stamp
from assistant.records.private_files import replace_privately

PRUNED_HEADER = "X-Consent-Assistant-Pruned"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""A message larger than this is not ours; it is left alone."""


@dataclass(frozen=True, slots=True)
class PruneReport:
    """How many read messages lost their attachments, and how many read ones still hold one."""

    pruned: int
    still_holding: int


def _read_messages(root: Path) -> list[Path]:
    cur = root / "cur"
    if not cur.is_dir():
        return []
    return sorted(p for p in cur.iterdir() if p.is_file() and not p.name.startswith("."))


def _holds_pdf(raw: bytes) -> bool:
    return b"application/pdf" in raw and PRUNED_HEADER.encode() not in raw


def read_with_pdf(root: Path) -> int:
    """How many read messages (in `cur/`) still carry a PDF."""
    count = 0
    for path in _read_messages(root):
        try:
            if path.stat().st_size <= MAX_MESSAGE_BYTES and _holds_pdf(path.read_bytes()):
                count += 1
        except OSError:
            continue
    return count


def _sent_at(msg: EmailMessage, path: Path) -> datetime:
    try:
        when = parsedate_to_datetime(str(msg["Date"]))
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _without_attachments(msg: EmailMessage, now: datetime) -> EmailMessage:
    removed = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        removed.append(
            f"{part.get_filename() or 'attachment'} ({len(data)} bytes,"
            f" SHA-256 {hashlib.sha256(data).hexdigest()})"
        )
    body_part = msg.get_body(("plain",))
    text = body_part.get_content() if body_part is not None else ""
    out = EmailMessage(policy=policy.SMTP)
    for key, value in msg.items():
        if not key.lower().startswith("content-") and key.lower() != "mime-version":
            out[key] = value
    out[PRUNED_HEADER] = utc_stamp(now)
    note = (
        f"\n[Removed from this copy on {utc_stamp(now)} by `consent-assistant deliver --prune`,"
        " after it had been read: " + "; ".join(removed) + ".]\n"
    )
    out.set_content(str(text).rstrip("\n") + "\n" + note)
    return out


def prune(root: Path, days: int, now: datetime) -> PruneReport:
    """Take the attachments out of read messages sent more than `days` days ago."""
    cutoff = now - timedelta(days=days)
    pruned = 0
    for path in _read_messages(root):
        try:
            if path.stat().st_size > MAX_MESSAGE_BYTES:
                continue
            raw = path.read_bytes()
        except OSError:
            continue
        if not _holds_pdf(raw):
            continue
        msg = email.message_from_bytes(raw, policy=policy.default)
        if not isinstance(msg, EmailMessage) or _sent_at(msg, path) > cutoff:
            continue
        data = _without_attachments(msg, now).as_bytes()
        tmp = root / "tmp" / f".prune.{path.name.split(':', 1)[0]}.{os.getpid()}"
        replace_privately(path, data, tmp)  # same name: the mail program's flags (":2,S") are kept
        pruned += 1
    return PruneReport(pruned, read_with_pdf(root))
