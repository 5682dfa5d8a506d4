"""Real processes against one data folder: SIGKILL at any point leaves all of a signing or none of
it, and two kiosk processes sign at the same time without losing or doubling anything."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from records_support import maildir_messages

from assistant.records.chain_check import verify_chain
from assistant.records.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# A kiosk in a child process. PAUSE names a function to stop inside (the child says "paused"
# and sleeps, so the parent can kill it exactly there); COUNT signings, then "done".
CHILD = r"""
import sys, time
sys.path.insert(0, {support!r})
from datetime import UTC, datetime
from pathlib import Path
from assistant.clock import SystemClock
from assistant.records import filing as filing_module, keeper as keeper_module
from records_support import demo_config, signed

data, count, pause, name = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
if pause != "-":
    module = filing_module if hasattr(filing_module, pause) else keeper_module
    real = getattr(module, pause)
    def stop_here(*args, **kwargs):
        print("paused", flush=True)
        time.sleep(60)
        return real(*args, **kwargs)
    setattr(module, pause, stop_here)
records = keeper_module.DurableRecords(demo_config(), data, SystemClock())
print("ready", flush=True)
for i in range(count):
    records.file(signed(datetime.now(UTC), name=f"{{name}} {{i}}"))
    print("filed", flush=True)
print("done", flush=True)
"""


def child(
    data: Path, count: int, pause: str = "-", name: str = "Alex Rivera"
) -> subprocess.Popen[str]:
    support = str(Path(__file__).parent)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD.format(support=support), str(data), str(count), pause, name],
        stdout=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == word:
            return
    raise AssertionError(f"child ended before saying {word!r}")


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=20)
    if proc.stdout is not None:
        proc.stdout.close()


def consistent(data: Path) -> tuple[int, int]:
    """Check that every consent has its event, its PDF record and its outbox message."""
    store = Store(data)
    try:
        assert verify_chain(store).ok
        consents = store.all("SELECT reference FROM consents")
        for row in consents:
            ref = row["reference"]
            assert store.one("SELECT 1 FROM events WHERE kind='signed' AND reference=?", (ref,))
            assert store.one("SELECT 1 FROM documents WHERE kind='consent' AND reference=?", (ref,))
            assert store.one("SELECT 1 FROM outbox WHERE reference = ?", (ref,))
        orphans = store.one(
            "SELECT COUNT(*) AS n FROM outbox"
            " WHERE reference NOT IN (SELECT reference FROM consents)"
        )
        assert orphans is not None and orphans["n"] == 0
        sent = store.one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")
        return len(consents), int(sent["n"]) if sent else 0
    finally:
        store.close()


def test_killed_inside_the_transaction_leaves_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = child(data, 1, pause="enqueue")  # the last write of the signing transaction
    wait_for(proc, "paused")
    kill(proc)
    assert consistent(data) == (0, 0)
    store = Store(data)
    assert store.all("SELECT * FROM documents") == [] and verify_chain(store).events == 0


def test_killed_after_the_commit_keeps_it_all_and_delivers_once_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = child(data, 1, pause="deliver_pending")
    wait_for(proc, "paused")
    kill(proc)
    assert consistent(data) == (1, 0)
    rerun = child(data, 1, name="Jo Park")
    wait_for(rerun, "done")
    rerun.wait(timeout=20)
    assert consistent(data) == (2, 2)
    assert len(maildir_messages(data)) == 2


def test_killed_at_random_moments_the_records_stay_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(7)
    for _ in range(4):
        proc = child(data, 50)
        wait_for(proc, "ready")
        time.sleep(rng.uniform(0.05, 0.4))
        kill(proc)
        consents, sent = consistent(data)
        assert sent <= consents
    finisher = child(data, 1, name="Jo Park")
    wait_for(finisher, "done")
    finisher.wait(timeout=20)
    consents, sent = consistent(data)
    assert sent == consents == len(maildir_messages(data))


def test_two_kiosk_processes_share_one_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = child(data, 8, name="Alex Rivera"), child(data, 8, name="Jo Park")
    for proc in (first, second):
        wait_for(proc, "done")
        assert proc.wait(timeout=60) == 0
    consents, sent = consistent(data)
    assert consents == 16 and sent == 16
    messages = maildir_messages(data)
    assert len(messages) == 16
    assert len({m["Message-ID"] for m in messages}) == 16
