"""The records database: a private folder (0700), one SQLite file (0600), WAL so that two kiosk
processes can share it, explicit write transactions, and the hash-chained event log.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from assistant.records.audit import iso
from assistant.records.migrations import EVENT_TRIGGERS, event_triggers, migrations

DB_NAME = "records.db"
BUSY_TIMEOUT_SECONDS = 15.0
"""How long a writer waits for another kiosk process's transaction before giving up."""
GENESIS = "0" * 64
"""The `prev_sha256` of the first event."""


class StoreError(RuntimeError):
    """The data folder or database cannot be used; the message names the path and the reason."""


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the event log: how many events, and the first broken link."""

    events: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when every link holds."""
        return self.broken_at is None and not self.problem


def private_folder(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it readable by its owner only."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            path.chmod(0o700)
    except OSError as exc:
        raise StoreError(f"{path}: cannot use the data folder ({exc.strerror})") from None
    return path


def event_digest(
    event_id: int, at: str, kind: str, reference: str | None, detail: str, prev: str
) -> str:
    """The SHA-256 of one event row: every column but its own hash, in a fixed JSON form."""
    canonical = json.dumps(
        [event_id, at, kind, reference, detail, prev], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent in the file). Switching needs a moment alone with the file,
    and SQLite answers "locked" at once instead of waiting when another process opens it at
    the same instant, so retry for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise StoreError(f"cannot open the records database ({exc})") from None
            time.sleep(0.02)


class Store:
    """One connection to the records database in `data_dir`, migrated to the latest schema."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = private_folder(Path(data_dir))
        self.path = self.data_dir / DB_NAME
        try:
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            if stat.S_IMODE(self.path.stat().st_mode) != 0o600:
                self.path.chmod(0o600)
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the records database ({exc})") from None
        _enable_wal(conn)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        self.db = Database(conn, execute_plugins=False)
        self._migrate()

    def _migrate(self) -> None:
        if not migrations.pending(self.db):
            return
        with self.transaction():
            migrations.apply(self.db)
            event_triggers(self.db)

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite when the last one closes)."""
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (BEGIN IMMEDIATE).

        Everything inside commits together or not at all, also if the process is killed.
        """
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run a query whose rows can be read by column name."""
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params)

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        """The first row of a query, or None."""
        row: sqlite3.Row | None = self.rows(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Every row of a query."""
        return list(self.rows(sql, params).fetchall())

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        return self.db.conn.execute(sql, params).rowcount

    # ------------------------------------------------------------ the event chain

    def append_event(
        self, kind: str, reference: str | None, at: datetime, detail: dict[str, Any]
    ) -> int:
        """Add one event chained to the last; call inside `transaction()`. Returns its id."""
        conn = self.db.conn
        if not conn.in_transaction:
            raise StoreError("append_event must run inside a transaction")
        last = self.one("SELECT id, sha256 FROM events ORDER BY id DESC LIMIT 1")
        event_id = (last["id"] + 1) if last else 1
        prev = last["sha256"] if last else GENESIS
        when = iso(at)
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = event_digest(event_id, when, kind, reference, text, prev)
        conn.execute(
            "INSERT INTO events (id, at, kind, reference, detail, prev_sha256, sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event_id, when, kind, reference, text, prev, digest),
        )
        return event_id

    def verify_chain(self) -> ChainReport:
        """Check every link of the event log; name the first event whose link is broken."""
        missing = sorted(set(EVENT_TRIGGERS) - set(self.trigger_names()))
        expected = GENESIS
        count = 0
        previous_id = 0
        for row in self.rows("SELECT * FROM events ORDER BY id"):
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
            expected = row["sha256"]
            previous_id = row["id"]
        if missing:
            return ChainReport(count, None, "missing append-only triggers: " + ", ".join(missing))
        return ChainReport(count)

    def trigger_names(self) -> list[str]:
        """The triggers defined on the `events` table."""
        rows = self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
        )
        return [str(r["name"]) for r in rows]
