"""The records database: private files, the schema's migrations, the append-only event chain."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from assistant.records.chain_check import verify_chain
from assistant.records.migrations import EVENT_TRIGGERS, migrations
from assistant.records.store import GENESIS, Store

AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def chain(store: Store, n: int) -> None:
    for i in range(n):
        with store.transaction():
            store.append_event("signed", f"AAAA-{i:04d}", AT, {"n": i})


def test_data_folder_and_database_are_private(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    store = Store(data)
    chain(store, 1)
    assert mode(data) == 0o700
    for name in ("records.db", "records.db-wal", "records.db-shm"):
        assert mode(data / name) == 0o600, name
    assert store.one("PRAGMA journal_mode")[0] == "wal"  # type: ignore[index]
    store.close()


def test_an_existing_open_folder_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    Store(data).close()
    assert mode(data) == 0o700


def test_the_append_only_triggers_exist_after_every_migration(tmp_path: Path) -> None:
    names = [m.name for m in migrations.pending(Database(memory=True))]
    assert names, "no migrations registered"
    for i, name in enumerate(names):
        db = Database(tmp_path / f"step{i}.db")
        following = names[i + 1] if i + 1 < len(names) else None
        migrations.apply(db, stop_before=following)
        applied = [m.name for m in migrations.applied(db)]
        assert applied[-1] == name
        if db["events"].exists():
            triggers = {t.name for t in db["events"].triggers}  # type: ignore[union-attr]
            assert set(EVENT_TRIGGERS) <= triggers, f"triggers missing after {name}"
        db.close()


def test_events_refuse_update_and_delete(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    chain(store, 2)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.execute("UPDATE events SET kind = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.execute("DELETE FROM events WHERE id = 1")
    assert verify_chain(store).events == 2


def test_each_event_carries_the_hash_of_the_one_before(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    chain(store, 3)
    rows = store.all("SELECT * FROM events ORDER BY id")
    assert rows[0]["prev_sha256"] == GENESIS
    assert rows[1]["prev_sha256"] == rows[0]["sha256"]
    assert rows[2]["prev_sha256"] == rows[1]["sha256"]
    report = verify_chain(store)
    assert report.ok and report.events == 3


def _without_triggers(store: Store) -> None:
    for name in EVENT_TRIGGERS:
        store.execute(f"DROP TRIGGER {name}")


def test_a_changed_event_is_named(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    chain(store, 4)
    _without_triggers(store)
    store.execute("UPDATE events SET detail = '{\"n\":99}' WHERE id = 3")
    report = verify_chain(store)
    assert report.broken_at == 3
    assert "content was changed" in report.problem


def test_a_removed_event_is_named(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    chain(store, 4)
    _without_triggers(store)
    store.execute("DELETE FROM events WHERE id = 2")
    report = verify_chain(store)
    assert report.broken_at == 3
    assert "missing" in report.problem


def test_missing_triggers_are_reported(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    chain(store, 1)
    _without_triggers(store)
    report = verify_chain(store)
    assert not report.ok
    assert "triggers" in report.problem


def test_a_transaction_rolls_back_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    with pytest.raises(RuntimeError), store.transaction():
        store.append_event("signed", "AAAA-0001", AT, {})
        store.execute("INSERT INTO counts (period, kind, n) VALUES ('2026-01', 'declined', 1)")
        raise RuntimeError("killed half way")
    assert verify_chain(store).events == 0
    assert store.all("SELECT * FROM counts") == []
