"""What the event log says about each consent: the truth `status`, `verify`, `records` and
`fhir` read, never the editable `consents` and `documents` tables.

Each function reads events only. Callers check the chain first
(`chain_check.verify_chain`): a log that fails its check says nothing trustworthy, and every
command reports that instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from assistant.records.audit import iso, parse_iso
from assistant.records.store import Store

Status = Literal["active", "revoked", "paused", "declined", "deferred", "unknown"]
ENDINGS = ("signed", "declined", "deferred")
STATE_EVENTS = (
    *ENDINGS,
    "revoked",
    "not_today",
    "revocation_requested",
    "request_dismissed",
)


@dataclass(frozen=True, slots=True)
class Document:
    """A PDF the records made, as its event describes it."""

    kind: str  # "consent", "client-copy" or "revocation"
    sha256: str
    sha1: str | None
    size: int | None
    event_id: int
    at: datetime


@dataclass(slots=True)
class ConsentState:
    """One reference as its events tell it."""

    reference: str
    ending: str  # signed, declined or deferred
    at: datetime
    clinician: str = ""
    form_version: str = ""
    choices: dict[str, bool] = field(default_factory=dict)
    revoked_at: datetime | None = None
    revoked_how: str = ""
    paused_until: datetime | None = None
    paused_at: datetime | None = None
    requested_at: datetime | None = None
    documents: list[Document] = field(default_factory=list)

    def status(self, now: datetime) -> Status:
        """What a recording tool may do now: only `active` allows recording."""
        if self.ending != "signed":
            return "declined" if self.ending == "declined" else "deferred"
        if self.revoked_at is not None:
            return "revoked"
        if self.requested_at is not None:
            return "paused"
        if self.paused_until is not None and now < self.paused_until:
            return "paused"
        return "active"

    def document(self, kind: str) -> Document | None:
        """The latest PDF of `kind` recorded for this consent."""
        found = [d for d in self.documents if d.kind == kind]
        return found[-1] if found else None


def end_of_day(at: datetime, zone: str) -> datetime:
    """Midnight after `at` in the practice's time zone, as a UTC-aware time.

    Computed on the wall clock of that zone, so a day with a daylight-saving change still ends
    at local midnight.
    """
    tz = ZoneInfo(zone)
    local = at.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0, 0), tzinfo=tz)
    return midnight.astimezone(at.tzinfo or tz)


def _detail(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _apply(state: ConsentState | None, row: Any, zone: str) -> ConsentState | None:
    """Fold one event into the state of its reference."""
    kind, at, detail = row["kind"], parse_iso(row["at"]), _detail(row["detail"])
    if kind in ENDINGS:
        if state is not None:  # a reference ends once; a second ending is not ours to honour
            return state
        state = ConsentState(
            reference=row["reference"],
            ending=kind,
            at=at,
            clinician=str(detail.get("clinician", "")),
            form_version=str(detail.get("form_version", "")),
            choices={str(k): bool(v) for k, v in dict(detail.get("choices") or {}).items()},
        )
        if kind == "signed" and detail.get("pdf_sha256"):
            state.documents.append(_document("consent", detail, row["id"], at))
        if kind == "signed" and detail.get("client_pdf_sha256"):
            state.documents.append(_document("client-copy", detail, row["id"], at, "client_"))
        return state
    if state is None or state.ending != "signed" or state.revoked_at is not None:
        return state
    if kind == "revoked":
        state.revoked_at = at
        state.revoked_how = str(detail.get("how", ""))
        state.requested_at = None
        if detail.get("pdf_sha256"):
            state.documents.append(_document("revocation", detail, row["id"], at))
    elif kind == "not_today":
        until = parse_iso(detail["until"]) if "until" in detail else end_of_day(at, zone)
        if state.paused_until is None or until > state.paused_until:
            state.paused_until, state.paused_at = until, at
    elif kind == "revocation_requested":
        state.requested_at = state.requested_at or at
    elif kind == "request_dismissed":
        state.requested_at = None
    return state


def _document(
    kind: str, detail: dict[str, Any], event_id: int, at: datetime, prefix: str = ""
) -> Document:
    """The PDF an event records under `{prefix}pdf_sha256` and its siblings."""
    size = detail.get(f"{prefix}pdf_size")
    sha1 = detail.get(f"{prefix}pdf_sha1")
    return Document(
        kind,
        str(detail[f"{prefix}pdf_sha256"]),
        str(sha1) if sha1 else None,
        int(size) if isinstance(size, int) else None,
        int(event_id),
        at,
    )


def consent_state(store: Store, reference: str, zone: str) -> ConsentState | None:
    """The state of one reference, or None when no event names it as an ending."""
    state: ConsentState | None = None
    placeholders = ", ".join("?" for _ in STATE_EVENTS)
    for row in store.rows(
        f"SELECT id, at, kind, reference, detail FROM events WHERE reference = ?"
        f" AND kind IN ({placeholders}) ORDER BY id",
        (reference, *STATE_EVENTS),
    ):
        state = _apply(state, row, zone)
    return state


def all_states(store: Store, zone: str) -> dict[str, ConsentState]:
    """Every named reference's state, in the order the references first appear."""
    states: dict[str, ConsentState] = {}
    placeholders = ", ".join("?" for _ in STATE_EVENTS)
    for row in store.rows(
        f"SELECT id, at, kind, reference, detail FROM events WHERE reference IS NOT NULL"
        f" AND kind IN ({placeholders}) ORDER BY id",
        STATE_EVENTS,
    ):
        ref = str(row["reference"])
        new = _apply(states.get(ref), row, zone)
        if new is not None:
            states[ref] = new
    return states


def find_document(store: Store, sha256: str, zone: str) -> tuple[ConsentState, Document] | None:
    """The consent whose events recorded a PDF with this SHA-256 (the clinician's, the
    client's copy or the revocation notice), and that PDF."""
    row = store.one(
        "SELECT reference FROM events WHERE kind IN ('signed', 'revoked')"
        " AND CASE WHEN json_valid(detail) THEN json_extract(detail, '$.pdf_sha256') = ?"
        " OR json_extract(detail, '$.client_pdf_sha256') = ? END"
        " ORDER BY id LIMIT 1",
        (sha256, sha256),
    )
    if row is None or row["reference"] is None:
        return None
    state = consent_state(store, str(row["reference"]), zone)
    if state is None:
        return None
    for doc in state.documents:
        if doc.sha256 == sha256:
            return state, doc
    return None


def until_text(when: datetime) -> str:
    """A stored time for event details (the same form as every other stored time)."""
    return iso(when)
