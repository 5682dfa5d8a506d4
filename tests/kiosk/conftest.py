"""Kiosk fixtures: the app built by the same factory the CLI uses, with one fixed clock for the
engine and the kiosk, predictable reference codes and no cursor blink."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kiosk_helpers import FixedRecords, KioskFactory
from textual.widgets import Input

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.kiosk.app import KioskApp, make_kiosk


@pytest.fixture
def records() -> FixedRecords:
    return FixedRecords()


@pytest.fixture
def kiosk(
    config: Config,
    data_dir: Path,
    clock: ManualClock,
    records: FixedRecords,
) -> KioskFactory:
    """`kiosk(**overrides)` builds the app the way `consent-assistant kiosk` does."""

    def build(**overrides: Any) -> KioskApp:
        options: dict[str, Any] = {
            "data_dir": data_dir,
            "clock": clock,
            "records": records,
            "cursor_blink": False,
        }
        use = overrides.pop("config", config)
        options.update(overrides)
        return make_kiosk(use, **options)

    return build


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No blinking cursor in any input (Textual's too), so snapshots are stable."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield
