"""The kiosk cannot be left by a client: no palette, no quit keys; the clinician's PIN leaves."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from kiosk_helpers import FixedRecords, KioskFactory, settle
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from assistant.clock import ManualClock, SystemClock
from assistant.config import Config, check_pin, load_config
from assistant.kiosk.app import KioskApp
from assistant.kiosk.command import open_records
from assistant.kiosk.lock import FILE_NAME, PinGuard
from assistant.kiosk.screens.kiosk import KioskScreen, Title
from assistant.kiosk.screens.pin import PinScreen

DEMO_PIN = "2468"


def test_pin_guard_doubles_the_wait(clock: ManualClock) -> None:
    guard = PinGuard(clock)
    assert guard.wait() == 0
    assert [guard.failed().wait for _ in range(4)] == [1, 2, 4, 8]
    assert guard.wait() == 8
    clock.advance(7.5)
    assert guard.wait() == 1
    clock.advance(0.5)
    assert guard.wait() == 0
    for _ in range(20):
        guard.failed()
    assert guard.wait() == 300
    guard.succeeded()
    assert guard.wait() == 0


def test_pin_back_off_survives_a_restart(clock: ManualClock, data_dir: Path) -> None:
    first = PinGuard(clock, data_dir)
    for _ in range(4):
        first.failed()
    assert first.wait() == 8
    again = PinGuard(clock, data_dir)  # a new kiosk process on the same data folder
    assert (again.failures, again.wait()) == (4, 8)
    assert again.failed().wait == 16
    assert oct((data_dir / FILE_NAME).stat().st_mode & 0o777) == "0o600"
    again.succeeded()
    assert PinGuard(clock, data_dir).wait() == 0


def test_a_spoiled_back_off_file_is_not_a_fresh_start(clock: ManualClock, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / FILE_NAME).write_text("{not json")
    guard = PinGuard(clock, data_dir)
    assert guard.wait() > 0 and guard.failures == 5


def test_a_clock_set_back_never_locks_for_good(clock: ManualClock, data_dir: Path) -> None:
    data_dir.mkdir()
    far = clock.now().replace(year=2099).isoformat()
    (data_dir / FILE_NAME).write_text(json.dumps({"failures": 3, "locked_until": far}))
    assert PinGuard(clock, data_dir).wait() == 300


def test_every_fifth_wrong_pin_alerts(clock: ManualClock) -> None:
    guard = PinGuard(clock)
    alerts = [guard.failed().alert for _ in range(10)]
    assert [i + 1 for i, a in enumerate(alerts) if a] == [5, 10]


def test_demo_pin_matches_the_configured_hash(config: Config) -> None:
    assert check_pin(DEMO_PIN, config.kiosk.pin_hash)
    assert load_config().kiosk.pin_hash == config.kiosk.pin_hash


def test_app_is_locked_down(kiosk: KioskFactory) -> None:
    app = kiosk()
    assert KioskApp.ENABLE_COMMAND_PALETTE is False
    assert app.use_command_palette is False
    assert "devtools" not in app.features and "debug" not in app.features
    keys = set(app._bindings.key_to_bindings)
    assert "ctrl+q" in keys and "ctrl+c" in keys and "ctrl+p" in keys


def test_devtools_stays_off_even_when_asked(
    kiosk: KioskFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL", "devtools,debug")
    app = kiosk()
    assert app.devtools is None
    assert not {"devtools", "debug"} & set(app.features)
    assert os.environ["TEXTUAL"] == "devtools,debug"  # the app does not touch the environment


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c", "ctrl+p", "ctrl+z", "escape", "f1"])
async def test_client_keys_do_nothing(kiosk: KioskFactory, key: str) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        assert isinstance(app.screen, KioskScreen)
        assert not any(isinstance(s, CommandPalette) for s in app.screen_stack)


async def test_unlocked_demo_quits_with_ctrl_q(kiosk: KioskFactory) -> None:
    app = kiosk(unlocked=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_wrong_pins_slow_down_and_the_right_pin_leaves(
    kiosk: KioskFactory, clock: ManualClock
) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PinScreen)
        status = app.screen.query_one("#pin-status", Static)

        await pilot.press(*"1111", "enter")
        await settle(pilot)
        assert "try again in 1 s" in str(status.content)
        await pilot.press(*DEMO_PIN, "enter")  # too soon: not even checked
        await settle(pilot)
        assert app.is_running and app.pin_wait() == 1

        clock.advance(1)
        await pilot.press("ctrl+u", *"2222", "enter")
        await settle(pilot)
        assert app.pin_wait() == 2
        assert "try again in 2 s" in str(status.content)

        clock.advance(2)
        await pilot.press("ctrl+u", *DEMO_PIN, "enter")
        await settle(pilot)
    assert app.return_code == 0
    assert app.left_by_clinician


async def pin_attempts(app: KioskApp, pins: list[str], clock: ManualClock) -> None:
    """Type each wrong PIN once the one before has been counted (a PIN typed meanwhile is
    ignored), and leave only when the alert it may have queued has been delivered.

    The clock moves on by the back-off's wait and no further: the kiosk's idle check runs on a
    timer, and a clock moved past the idle time (120 s) lets it start over for the next client
    before the PIN's keys arrive, closing the PIN screen (that once failed CI)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await pilot.pause()
        for pin in pins:
            clock.advance(app.pin_wait())
            assert isinstance(app.screen, PinScreen)
            counted = app.pin_failures
            await pilot.press("ctrl+u", *pin, "enter")
            await settle_pin(pilot, app, counted)


async def settle_pin(pilot: Pilot[Any], app: KioskApp, counted: int) -> None:
    """Settle until the wrong PIN was counted and no worker (the alert's) is running.

    On a loaded machine the Enter key, or the answer's message, may still wait in the queue
    after one settle: then nothing is being checked yet, and the count has not moved."""
    for _ in range(200):
        await settle(pilot)
        counted_now = app.pin_failures != counted
        if counted_now and not app.checking_pin and all(w.is_finished for w in app.workers):
            return
    raise AssertionError("the PIN check never finished")


async def test_wrong_pins_alert_the_clinicians_and_wait_after_a_restart(
    kiosk: KioskFactory, clock: ManualClock, records: FixedRecords, data_dir: Path
) -> None:
    await pin_attempts(kiosk(), ["1111"] * 3, clock)
    assert records.pin_alerts == []
    app = kiosk()  # restarted: the count goes on from 3
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.pin_wait() == 4
    await pin_attempts(kiosk(), ["1111"] * 2, clock)
    assert records.pin_alerts == [5]


async def test_the_alert_reaches_the_outbox(
    kiosk: KioskFactory, config: Config, data_dir: Path, clock: ManualClock
) -> None:
    """Real records: the alert is queued and delivered to the Maildir, with no client data."""
    records = open_records(config, data_dir, SystemClock())
    await pin_attempts(kiosk(records=records), ["9999"] * 5, clock)
    mail = [p.read_text() for p in (data_dir / "outbox" / "new").iterdir()]
    assert len(mail) == 1
    assert "To: sam.lee@example.org" in mail[0]
    assert "5 wrong clinician PINs" in mail[0]
    assert "5 times in a row" in mail[0]


async def test_pin_screen_cancels_and_is_reachable_by_pointer(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click(Title, times=3)
        await pilot.pause()
        assert isinstance(app.screen, PinScreen)
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        assert app.is_running
