"""Looking up a consent by reference and name for revocation or "not today", with two locks.

- Per reference: five wrong names lock that reference for 15 minutes. Tries while it is locked
  are refused and not counted, so a lock always ends 15 minutes after it began: whoever knows
  a code can delay its owner, never lock them out for good (and a request by name alone, which
  no lock stops, reaches the clinician at once).
- Per kiosk (`station`, all references): ten wrong tries lock the kiosk's code look-ups for
  1 minute, then 2, 4, 8, at most 15: guessing codes gets slow fast, and never stops the kiosk
  for longer than that.

Wrong tries are forgotten an hour after the last one. Timed by the `at` given, not the system
clock, and kept in the database so every kiosk process and every restart sees them. Whether a
consent is signed or revoked comes from the event log, never from the editable table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.engine.forms import printable_name
from assistant.engine.outcome import RevokeResult, normalise_reference
from assistant.engine.text import same_name
from assistant.records.audit import iso, parse_iso
from assistant.records.ledger import consent_state
from assistant.records.store import Store

MAX_WRONG_TRIES = 5
LOCK_MINUTES = 15
LOCK_TIME = timedelta(minutes=LOCK_MINUTES)
KIOSK_WRONG_TRIES = 10
KIOSK_FIRST_LOCK = timedelta(minutes=1)
KIOSK_LONGEST_LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class _Rule:
    tries: int
    first: timedelta
    longest: timedelta

    def lock_time(self, level: int) -> timedelta:
        return min(self.first * (1 << min(max(level - 1, 0), 10)), self.longest)


_REFERENCE = _Rule(MAX_WRONG_TRIES, LOCK_TIME, LOCK_TIME)
_KIOSK = _Rule(KIOSK_WRONG_TRIES, KIOSK_FIRST_LOCK, KIOSK_LONGEST_LOCK)


def kiosk_key(station: str) -> str:
    """The `locks` row of one kiosk (references never contain a colon)."""
    return f"kiosk:{station}"


def _minutes_left(until: datetime, at: datetime) -> int:
    return max(1, math.ceil((until - at).total_seconds() / 60))


def _locked(store: Store, key: str, at: datetime) -> int:
    """Minutes left on `key`'s lock, or 0."""
    row = store.one("SELECT locked_until FROM locks WHERE reference = ?", (key,))
    if row is None or not row["locked_until"]:
        return 0
    until = parse_iso(row["locked_until"])
    return _minutes_left(until, at) if until > at else 0


def _fail(store: Store, key: str, rule: _Rule, at: datetime, reference: str) -> int:
    """Count one wrong try on `key`; returns the minutes of a lock it starts, or 0."""
    row = store.one("SELECT * FROM locks WHERE reference = ?", (key,))
    failures = int(row["failures"]) if row else 0
    level = int(row["level"] or 0) if row else 0
    last = row["last_failure_at"] if row else None
    if last and parse_iso(last) <= at - FORGET_AFTER:
        failures, level = 0, 0
    failures += 1
    until: str | None = None
    minutes = 0
    if failures >= rule.tries:
        level += 1
        lock = rule.lock_time(level)
        until, failures = iso(at + lock), 0
        minutes = _minutes_left(at + lock, at)
        store.append_event(
            "locked",
            reference if key == reference else None,
            at,
            {"scope": "reference" if key == reference else "kiosk", "minutes": minutes},
        )
    store.execute(
        "INSERT INTO locks (reference, failures, locked_until, level, last_failure_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (reference) DO UPDATE SET"
        " failures = excluded.failures, locked_until = excluded.locked_until,"
        " level = excluded.level, last_failure_at = excluded.last_failure_at",
        (key, failures, until, level, iso(at)),
    )
    return minutes


def look_up(
    store: Store, reference: str, name: str, at: datetime, *, station: str, zone: str
) -> RevokeResult | str:
    """Look up a signed consent by reference and name, counting wrong tries.

    Returns the normalised reference when the name matches and the consent is in force, or
    the RevokeResult to give instead (locked, not_found, wrong_name, already).
    """
    ref = normalise_reference(reference)[:16]
    kiosk = kiosk_key(station)
    with store.transaction():
        for key in (kiosk, ref):
            minutes = _locked(store, key, at)
            if minutes:
                return RevokeResult("locked", ref, minutes)
        state = consent_state(store, ref, zone)
        row = store.one("SELECT name FROM consents WHERE reference = ?", (ref,))
        recorded = str(row["name"] or "") if row else ""
        if (
            state is None
            or state.ending != "signed"
            or not same_name(recorded, printable_name(name))
        ):
            kiosk_lock = _fail(store, kiosk, _KIOSK, at, ref)
            reference_lock = _fail(store, ref, _REFERENCE, at, ref)
            if reference_lock or kiosk_lock:
                return RevokeResult("locked", ref, max(reference_lock, kiosk_lock))
            found = state is not None and state.ending == "signed"
            return RevokeResult("wrong_name" if found else "not_found", ref)
        store.execute("DELETE FROM locks WHERE reference = ?", (ref,))
        if state.revoked_at is not None:
            return RevokeResult("already", ref)
    return ref
