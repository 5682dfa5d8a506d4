"""The web front on real records (SQLite, PDFs, a Maildir outbox) and the fixed test clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from webpage import Visitor

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.records.keeper import DurableRecords
from assistant.web.app import WebFront, make_web


@pytest.fixture
def records(config: Config, data_dir: Path, clock: ManualClock) -> Iterator[DurableRecords]:
    """The durable records, delivering only when the app's delivery task asks."""
    keeper = DurableRecords(config, data_dir, clock, deliver_inline=False)
    yield keeper
    keeper.close()


@pytest.fixture
def exits() -> list[str]:
    """Calls of the app's `on_exit` (the staff's "Stop the web kiosk")."""
    return []


@pytest.fixture
def app(
    config: Config,
    data_dir: Path,
    clock: ManualClock,
    records: DurableRecords,
    exits: list[str],
) -> Starlette:
    return make_web(
        config,
        clock=clock,
        records=records,
        data_dir=data_dir,
        on_exit=lambda: exits.append("exit"),
    )


@pytest.fixture
def front(app: Starlette) -> WebFront:
    front: WebFront = app.state.front
    return front


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    """A browser talking to the app; the app's background tasks run while it is open."""
    with TestClient(app, base_url="http://kiosk.test") as test_client:
        yield test_client


@pytest.fixture
def visitor(client: TestClient) -> Visitor:
    return Visitor(client)
