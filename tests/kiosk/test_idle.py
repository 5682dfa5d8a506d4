"""The idle countdown and the reset: nothing of the previous client may remain."""

from __future__ import annotations

import pytest
from kiosk_helpers import (
    FakeMonotonic,
    KioskFactory,
    client_said,
    everything_shown,
    said,
    settle,
    state,
    type_line,
)
from textual.widgets import Static

from assistant.config import Config, with_overrides
from assistant.kiosk.idle import IdleWatch
from assistant.kiosk.screens.display import DisplaySettings
from assistant.kiosk.screens.idle import IdleWarning
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.widgets.signature_pad import SignaturePad


def test_idle_watch_phases() -> None:
    watch = IdleWatch(idle_seconds=60, warning_seconds=30)
    assert watch.phase(0) == "resting"  # nobody has touched it: nothing to protect
    watch.touch(100)
    assert watch.phase(159.9) == "active"
    assert watch.phase(160) == "warning"
    assert watch.seconds_left(160) == 30
    assert watch.seconds_left(185.5) == 5
    assert watch.phase(190) == "expired"
    watch.clear()
    assert watch.phase(10_000) == "resting"


@pytest.fixture
def short_idle(config: Config) -> Config:
    return with_overrides(config, {"kiosk.idle_seconds": "10", "kiosk.warning_seconds": "5"})


async def test_countdown_shows_and_a_key_keeps_the_session(
    kiosk: KioskFactory, short_idle: Config, monotonic: FakeMonotonic
) -> None:
    app = kiosk(config=short_idle)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        monotonic.advance(9)
        app.idle_check()
        await pilot.pause()
        assert not isinstance(app.screen, IdleWarning)
        monotonic.advance(2)
        app.idle_check()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        assert "Are you still there?" in everything_shown(app)
        assert "start over in 4 seconds" in str(app.screen.query_one("#countdown", Static).content)
        monotonic.advance(1)
        app.idle_check()
        assert "in 3 seconds" in str(app.screen.query_one("#countdown", Static).content)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        assert client_said(app) == ["yes"]  # the key only dismissed the warning
        monotonic.advance(9)
        app.idle_check()
        assert state(app).startswith("explain")


async def test_countdown_dismissed_by_pointer(
    kiosk: KioskFactory, monotonic: FakeMonotonic
) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        app.action_idle()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await pilot.click("#still-here")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        app.idle_check()
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_untouched_kiosk_never_counts_down(
    kiosk: KioskFactory, monotonic: FakeMonotonic
) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monotonic.advance(100_000)
        app.idle_check()
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_reset_leaves_nothing_of_the_previous_client(
    kiosk: KioskFactory, short_idle: Config, monotonic: FakeMonotonic
) -> None:
    app = kiosk(config=short_idle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for line in [
            "yes",
            "continue",
            "continue",
            "can my insurer see the notes? Quokka",
            "no more questions",
            "yes, I agree",
            "yes",
            "yes",
            "no, it is my choice",
            "yes, any time",
            "it is deleted right away",
            "Marigold Featherstonehaugh",
            "skip",
        ]:
            await type_line(pilot, line)
        await pilot.press("1")  # review: "Go on to sign"
        await settle(pilot)
        screen = app.kiosk_screen
        assert screen.view_name == "signature"
        pad = screen.query_one(SignaturePad)
        await pilot.mouse_down(pad, offset=(3, 1))
        await pilot.hover(pad, offset=(12, 3))
        await pilot.mouse_up(pad, offset=(20, 2))
        assert pad.strokes
        await pilot.press(*"Marigold")  # half-typed signature left in the box
        app.action_display()
        await pilot.pause()
        await pilot.click("#contrast")  # a setting of this client
        await pilot.click("#close")
        assert app.high_contrast
        shown = everything_shown(app)
        assert "Marigold Featherstonehaugh" in shown and "Quokka" in shown

        monotonic.advance(10)
        app.idle_check()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        monotonic.advance(5)
        app.idle_check()
        await settle(pilot)

        shown = everything_shown(app)
        for secret in ("Marigold", "Featherstonehaugh", "Quokka", "insurer", "Stroke("):
            assert secret not in shown
        assert client_said(app) == []
        assert "I cleared the last conversation" in said(app)
        assert len(app.screen_stack) == 2 and isinstance(app.screen, KioskScreen)
        assert app.kiosk_screen is not screen
        assert app.kiosk_screen.view_name == "chat"
        assert not app.high_contrast and not app.large_text
        assert state(app) == "welcome"
        assert app.engine.last_reply.state == "welcome"
        assert app.clipboard == ""
        assert app.mouse_captured is None


async def test_reset_closes_overlays(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        app.action_display()
        await pilot.pause()
        assert isinstance(app.screen, DisplaySettings)
        await app.action_start_over()
        await settle(pilot)
        assert isinstance(app.screen, KioskScreen)
        assert state(app) == "welcome"
