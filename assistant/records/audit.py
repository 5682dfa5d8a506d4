"""What audit blocks, emails and verification say about a record, in one place (no fpdf2 here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from assistant.engine.outcome import CheckResult

_KEYWORDS_RE = re.compile(rb"consent-assistant reference=([0-9A-Z]{4}-[0-9A-Z]{4}) kind=(\w+)")


def utc_stamp(when: datetime) -> str:
    """An unambiguous UTC time for audit blocks and listings: `2026-01-15 09:30:00 UTC`."""
    utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return f"{utc:%Y-%m-%d %H:%M:%S} UTC"


def utc_iso(when: datetime) -> str:
    """The UTC time as audit blocks print it beside the practice's time: ISO 8601 to the
    second, `2026-01-15T09:30:00Z`."""
    utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(when: datetime) -> str:
    """The UTC time as stored in the database: `2026-01-15T09:30:00.000000Z` (sorts as text)."""
    utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    """The inverse of `iso`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def comprehension_summary(results: Sequence[CheckResult]) -> str:
    """One line: how many check questions were right the first time."""
    if not results:
        return "not done"
    first = sum(1 for r in results if r.correct_first_time)
    noun = "question" if len(results) == 1 else "questions"
    return f"{len(results)} {noun}, {first} right the first time"


def pdf_keywords(reference: str, kind: str) -> str:
    """The PDF keywords that let `verify` find the record of an altered file."""
    return f"consent-assistant reference={reference} kind={kind}"


def find_reference(data: bytes) -> tuple[str, str] | None:
    """The reference and kind (`consent` or `revocation`) in a PDF's metadata, if any."""
    match = _KEYWORDS_RE.search(data)
    return (match.group(1).decode(), match.group(2).decode()) if match else None
