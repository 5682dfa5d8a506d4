"""Checking the event log: every link, hash and MAC, the anchored head, and the append-only
triggers, naming the first problem. Writing events is `Store.append_event` (`store.py`).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from assistant.records.anchor import AnchorError, read_head
from assistant.records.migrations import EVENT_TRIGGERS
from assistant.records.store import GENESIS, Store, event_digest


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the event log: how many events, and the first broken link."""

    events: int
    broken_at: int | None = None
    problem: str = ""
    anchored_at: int = 0
    """The event the head file anchors (0: none yet)."""

    @property
    def ok(self) -> bool:
        """True when every link holds."""
        return self.broken_at is None and not self.problem


def verify_chain(store: Store) -> ChainReport:
    """Check every link and MAC of the event log and its anchored head; name the first
    problem. Events are read one at a time, so a long log costs no memory."""
    missing = sorted(set(EVENT_TRIGGERS) - set(trigger_names(store)))
    expected = GENESIS
    count = 0
    previous_id = 0
    key = store.key
    for row in store.rows("SELECT * FROM events ORDER BY id"):
        count += 1
        label = f"event {row['id']} ({row['kind']} {row['reference'] or ''}, {row['at']})"
        if row["prev_sha256"] != expected:
            gap = row["id"] != previous_id + 1
            why = "an event before it is missing" if gap else "the event before it changed"
            return ChainReport(count, row["id"], f"{label}: {why}")
        digest = event_digest(
            row["id"], row["at"], row["kind"], row["reference"], row["detail"], expected
        )
        if digest != row["sha256"]:
            return ChainReport(count, row["id"], f"{label}: its content was changed")
        if row["id"] >= key.from_event and not hmac.compare_digest(
            str(row["mac"] or ""), key.mac(digest)
        ):
            return ChainReport(
                count, row["id"], f"{label}: not written by these records (no valid MAC)"
            )
        if row["id"] < key.from_event and row["mac"] is not None:
            why = "it carries the MAC of a chain key that is gone (chain.key was replaced)"
            return ChainReport(count, row["id"], f"{label}: {why}")
        expected = row["sha256"]
        previous_id = row["id"]
    head_problem, anchored = _check_head(store, previous_id)
    if head_problem:
        return ChainReport(count, None, head_problem, anchored)
    if missing:
        return ChainReport(
            count, None, "missing append-only triggers: " + ", ".join(missing), anchored
        )
    return ChainReport(count, anchored_at=anchored)


def _check_head(store: Store, last_id: int) -> tuple[str, int]:
    """A problem with the head file (or ""), and the event it anchors."""
    try:
        head = read_head(store.data_dir, store.key)
    except AnchorError as exc:
        return str(exc), 0
    if head is None:
        return "the chain head file (chain.head) is missing", 0
    if not head.genuine:
        return "the chain head file (chain.head) was changed or damaged", 0
    if head.event_id == 0:
        return "", 0  # anchored before the first event
    if head.event_id > last_id:
        return (
            f"events after {last_id} were removed (the anchored head is event {head.event_id})",
            head.event_id,
        )
    return check_event(store, head.event_id, head.sha256), head.event_id


def check_event(store: Store, event_id: int, sha256: str) -> str:
    """ "" when event `event_id` has hash `sha256` (e.g. from a clinician's email), else why."""
    row = store.one("SELECT sha256 FROM events WHERE id = ?", (event_id,))
    if row is None:
        return f"event {event_id} is missing"
    if not hmac.compare_digest(str(row["sha256"]), sha256.strip().lower()):
        return f"event {event_id} is not the one anchored (its hash differs)"
    return ""


def trigger_names(store: Store) -> list[str]:
    """The triggers defined on the `events` table."""
    rows = store.rows(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    )
    return [str(r["name"]) for r in rows]
