"""Looking up a consent by reference and name for revocation or "not today", with the lock:
five wrong tries on one reference lock it for 15 minutes (timed by the `at` given, not the
system clock), in the database so that every kiosk process sees it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from assistant.engine.forms import printable_name
from assistant.engine.outcome import RevokeResult, normalise_reference
from assistant.engine.text import same_name
from assistant.records.audit import iso, parse_iso
from assistant.records.store import Store

MAX_WRONG_TRIES = 5
LOCK_MINUTES = 15
LOCK_TIME = timedelta(minutes=LOCK_MINUTES)


def look_up(store: Store, reference: str, name: str, at: datetime) -> RevokeResult | str:
    """Look up a signed consent by reference and name, counting wrong tries.

    Returns the normalised reference when the name matches and the consent is active, or
    the RevokeResult to give instead (locked, not_found, wrong_name, already).
    """
    ref = normalise_reference(reference)[:16]
    with store.transaction():
        lock = store.one("SELECT * FROM locks WHERE reference = ?", (ref,))
        if lock is not None and lock["locked_until"]:
            until = parse_iso(lock["locked_until"])
            if until > at:
                minutes = max(1, math.ceil((until - at).total_seconds() / 60))
                return RevokeResult("locked", ref, minutes)
        row = store.one(
            "SELECT status, name FROM consents WHERE reference = ?"
            " AND status IN ('signed', 'revoked')",
            (ref,),
        )
        if row is None or not same_name(row["name"] or "", printable_name(name)):
            failures = (int(lock["failures"]) if lock is not None else 0) + 1
            if failures >= MAX_WRONG_TRIES:
                store.execute(
                    "INSERT INTO locks (reference, failures, locked_until) VALUES (?, 0, ?)"
                    " ON CONFLICT (reference) DO UPDATE SET failures = 0,"
                    " locked_until = excluded.locked_until",
                    (ref, iso(at + LOCK_TIME)),
                )
                store.append_event("locked", ref, at, {"minutes": LOCK_MINUTES})
                return RevokeResult("locked", ref, LOCK_MINUTES)
            store.execute(
                "INSERT INTO locks (reference, failures, locked_until) VALUES (?, ?, NULL)"
                " ON CONFLICT (reference) DO UPDATE SET failures = excluded.failures,"
                " locked_until = NULL",
                (ref, failures),
            )
            return RevokeResult("not_found" if row is None else "wrong_name", ref)
        store.execute("DELETE FROM locks WHERE reference = ?", (ref,))
        if row["status"] == "revoked":
            return RevokeResult("already", ref)
    return ref
