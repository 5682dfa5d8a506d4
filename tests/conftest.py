"""Every test gets a temporary data folder, a fixed clock and no user configuration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.clock import ManualClock
from assistant.config import Config, load_config

if TYPE_CHECKING:
    from assistant.engine.matcher import Matcher


@pytest.hookimpl(optionalhook=True)  # (a run with `-p no:xdist` has no such hook)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject.toml): one worker more than the processor has cores. About a fifth
    of a worker's time is spent waiting, not computing: on the kiosks, servers, browsers and
    commands the tests start, and on the one process that builds the shipped matcher while the
    others wait for it (`matcher_store.py`). With two cores, three workers ran the suite in
    about 6 minutes where two took 7."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run, every worker's: the built matcher is kept there by
    the first process that builds it (`matcher_store.py`) and read back by the others, the
    kiosks and commands the tests start included. It holds no test's data."""
    run = tmp_path_factory.getbasetemp()  # under xdist, each worker's folder in the run's
    return (run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "cache"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_cache: Path
) -> Iterator[Path]:
    """No user config, data or cache folder leaks in or out: HOME and XDG folders point at
    tmp (the cache at the run's own, `shared_cache`)."""
    monkeypatch.setenv("REAL_HOME", os.environ.get("REAL_HOME", str(Path.home())))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    monkeypatch.delenv("CONSENT_ASSISTANT_SMTP_PASSWORD", raising=False)
    yield home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder for records and the outbox."""
    return tmp_path / "data"


@pytest.fixture
def clock() -> ManualClock:
    """A clock fixed at 2026-01-15 09:30 UTC that moves only when told."""
    return ManualClock()


@pytest.fixture
def config() -> Config:
    """The demo configuration."""
    return load_config()


@pytest.fixture(scope="session")
def shipped_matcher(shared_cache: Path) -> Matcher:
    """The shipped question matcher, made once a process (`questions.matcher_for`): read back
    from the run's cache folder (`shared_cache`), not built again by each module that needs it
    (about 12 s of CPU each time). Session-wide, so module fixtures and hypothesis tests may
    use it; the cache folder is named here, as `isolated_home` has not run yet. Imported here,
    not at the top: no test run loads the matcher's code before a test asks for it."""
    from assistant.engine.content import load_content
    from assistant.engine.questions import matcher_for

    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(shared_cache))
        return matcher_for(load_content())


@pytest.fixture(scope="session")
def matcher(shipped_matcher: Matcher) -> Matcher:
    """`shipped_matcher`, by the name the matcher's own test modules give it (a module that
    needs another matcher defines its own `matcher`)."""
    return shipped_matcher
