"""The records database: a private folder (0700), one SQLite file (0600), WAL so that two kiosk
processes can share it, explicit write transactions, and appending to the hash-chained event log
whose events carry a MAC and whose head is anchored outside the database (`anchor.py`);
checking that log is `chain_check.py`.

`check_data_dir(path)` is what a front calls at start-up: it opens (and if need be creates)
the store and raises `StoreError` with one line a person can act on when it cannot.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

if TYPE_CHECKING:
    from assistant.config import Config

from assistant.records.anchor import AnchorError, ChainKey, advance_head, load_key
from assistant.records.audit import iso
from assistant.records.migrations import event_triggers, migrations

log = logging.getLogger(__name__)

DB_NAME = "records.db"
BUSY_TIMEOUT_SECONDS = 15.0
"""How long a writer waits for another kiosk process's transaction before giving up."""
GENESIS = "0" * 64
"""The `prev_sha256` of the first event."""


class StoreError(RuntimeError):
    """The data folder or database cannot be used; the message names the path and the reason."""


def private_folder(path: Path) -> Path:
    """Create `path` (and parents) if needed, readable by its owner only, and check it is usable.

    An existing folder loses any group and other permissions but never gains one: a folder an
    administrator made read-only is an error, not silently made writable.
    """
    try:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: the data folder is a file, not a folder")
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError as exc:
        raise StoreError(f"{path}: cannot use the data folder ({exc.strerror})") from None
    # The mode bits are checked as well as access(): root may write anywhere, but a folder an
    # administrator made read-only is meant to stay that way.
    if mode & 0o700 != 0o700 or not os.access(path, os.R_OK | os.W_OK | os.X_OK):
        raise StoreError(
            f"{path}: the data folder is not writable by this user (mode {mode & 0o777:o});"
            " make it writable or choose another with --data-dir"
        )
    return path


def check_data_dir(data_dir: Path, config: Config | None = None) -> None:
    """Open the records in `data_dir` once (creating them if new), or raise `StoreError`.

    For a front's start-up: a kiosk that cannot save must say so before a client starts.
    With `config`, the practice seal is loaded (or made) too, so a missing key file or a wrong
    passphrase also stops start-up; that imports pyHanko (about half a second).
    """
    Store(Path(data_dir)).close()
    if config is not None:
        from assistant.records.seal import warm_up
        from assistant.records.seal_keys import SealError

        try:
            warm_up(config, Path(data_dir))
        except SealError as exc:
            raise StoreError(str(exc)) from None


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
        except sqlite3.DatabaseError as exc:
            locked = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
            if not locked or time.monotonic() > deadline:
                conn.close()
                raise StoreError(f"not a usable records database ({exc})") from None
            time.sleep(0.02)


class Store:
    """One connection to the records database in `data_dir`, migrated to the latest schema."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = private_folder(Path(data_dir))
        self.path = self.data_dir / DB_NAME
        self._appended: tuple[int, str] | None = None
        try:
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            if not self.path.is_file():
                raise StoreError(f"{self.path}: not a database file")
            mode = stat.S_IMODE(self.path.stat().st_mode)
            if mode & 0o077:
                self.path.chmod(mode & 0o700)
            if mode & 0o600 != 0o600 or not os.access(self.path, os.R_OK | os.W_OK):
                raise StoreError(
                    f"{self.path}: the records database is read-only for this user"
                    f" (mode {mode:o}); make it writable or choose another --data-dir"
                )
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the records database ({exc})") from None
        try:
            _enable_wal(conn)
        except StoreError as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        self.db = Database(conn, execute_plugins=False)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: not a usable records database ({exc})") from None
        try:
            last = self.last_event() or (0, GENESIS)
            self.key: ChainKey = load_key(self.data_dir, *last)
        except AnchorError as exc:
            conn.close()
            raise StoreError(str(exc)) from None

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
        self._appended = None
        try:
            yield conn
        except BaseException:
            self._appended = None
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        appended, self._appended = self._appended, None
        if appended is not None:
            try:
                advance_head(self.data_dir, self.key, *appended)
            except AnchorError as exc:  # the commit stands; the events' MACs still cover it
                log.error("%s", exc)

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
            "INSERT INTO events (id, at, kind, reference, detail, prev_sha256, sha256, mac)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, when, kind, reference, text, prev, digest, self.key.mac(digest)),
        )
        self._appended = (event_id, digest)
        return event_id

    def last_event(self) -> tuple[int, str] | None:
        """The id and hash of the newest event (inside a transaction: including its own)."""
        row = self.one("SELECT id, sha256 FROM events ORDER BY id DESC LIMIT 1")
        return (int(row["id"]), str(row["sha256"])) if row else None
