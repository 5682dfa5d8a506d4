"""The lock that keeps two processes from doing one piece of work twice (`file_lock.py`)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from assistant.engine.file_lock import held

_HOLD = """
import sys, time
from pathlib import Path
from assistant.engine.file_lock import held
with held(Path(sys.argv[1]), 0) as got:
    print("held" if got else "not held", flush=True)
    time.sleep(60)
"""


def test_a_second_holder_waits_its_time_then_is_told_no(tmp_path: Path) -> None:
    path = tmp_path / "work.lock"
    with held(path, 0) as first:
        assert first
        with held(path, 0.2) as second:  # another open file, as another process has
            assert not second
    with held(path, 0) as again:
        assert again
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_waiter_gets_the_lock_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "work.lock"
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        with held(path, 0):
            taken.set()
            done.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    threading.Timer(0.3, done.set).start()
    with held(path, 30) as got:
        assert got and done.is_set()
    holder.join()


def test_a_process_that_dies_holding_it_frees_it(tmp_path: Path) -> None:
    path = tmp_path / "work.lock"
    with subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE, text=True
    ) as other:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "held"
        with held(path, 0) as got:
            assert not got
        other.kill()
    with held(path, 0) as got:
        assert got


def test_a_link_or_a_folder_that_is_not_there_is_no_lock(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    (tmp_path / "work.lock").symlink_to(target)
    with held(tmp_path / "work.lock", 0) as got:
        assert not got
    assert not target.exists()  # the link was not followed to make a file
    with held(tmp_path / "no such folder" / "work.lock", 0) as got:
        assert not got
