"""The kiosk cannot be left by a client: no palette, no quit keys; the clinician's PIN leaves."""

from __future__ import annotations

import os

import pytest
from kiosk_helpers import FakeMonotonic, KioskFactory, settle
from textual.command import CommandPalette
from textual.widgets import Static

from assistant.config import check_pin
from assistant.kiosk.app import KioskApp
from assistant.kiosk.lock import PinGuard
from assistant.kiosk.screens.kiosk import KioskScreen, Title
from assistant.kiosk.screens.pin import PinScreen

DEMO_PIN = "2468"


def test_pin_guard_doubles_the_wait() -> None:
    guard = PinGuard()
    assert guard.wait(0) == 0
    assert [guard.failed(0) for _ in range(4)] == [1, 2, 4, 8]
    assert guard.wait(0) == 8
    assert guard.wait(7.5) == 1
    assert guard.wait(8) == 0
    for _ in range(20):
        guard.failed(0)
    assert guard.wait(0) == 300
    guard.succeeded()
    assert guard.wait(0) == 0


def test_demo_pin_matches_the_configured_hash(config: object) -> None:
    from assistant.config import Config

    assert isinstance(config, Config)
    assert check_pin(DEMO_PIN, config.kiosk.pin_hash)


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
    kiosk: KioskFactory, monotonic: FakeMonotonic
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

        monotonic.advance(1)
        await pilot.press("ctrl+u", *"2222", "enter")
        await settle(pilot)
        assert app.pin_wait() == 2
        assert "try again in 2 s" in str(status.content)

        monotonic.advance(2)
        await pilot.press("ctrl+u", *DEMO_PIN, "enter")
        await settle(pilot)
    assert app.return_code == 0


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
