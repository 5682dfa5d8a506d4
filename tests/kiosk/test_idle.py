"""The idle countdown and the reset: one clock (the engine's), and nothing of the previous
client may remain. Every test moves the `ManualClock` and asks the app to look at it."""

from __future__ import annotations

import pytest
from kiosk_helpers import (
    FixedRecords,
    KioskFactory,
    client_said,
    everything_shown,
    said,
    settle,
    state,
    type_line,
)
from textual.pilot import Pilot
from textual.widgets import Static

from assistant.clock import ManualClock
from assistant.config import Config, with_overrides
from assistant.kiosk.app import KioskApp
from assistant.kiosk.screens.display import DisplaySettings
from assistant.kiosk.screens.idle import IdleWarning
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.widgets.signature_pad import SignaturePad


@pytest.fixture
def short_idle(config: Config) -> Config:
    return with_overrides(config, {"kiosk.idle_seconds": "10", "kiosk.warning_seconds": "5"})


async def answered_then_idle(
    app: KioskApp, pilot: Pilot[object], clock: ManualClock
) -> IdleWarning:
    """The client answers once, then leaves the kiosk alone for its idle time: the countdown."""
    await settle(pilot)
    await type_line(pilot, "yes")
    clock.advance(app.config.kiosk.idle_seconds)
    app.tick()
    await pilot.pause()
    assert isinstance(app.screen, IdleWarning)
    return app.screen


async def test_countdown_shows_and_a_key_keeps_the_session(
    kiosk: KioskFactory, short_idle: Config, clock: ManualClock
) -> None:
    app = kiosk(config=short_idle)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        clock.advance(9)
        app.tick()
        await pilot.pause()
        assert not isinstance(app.screen, IdleWarning)
        clock.advance(2)
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        assert "Are you still there?" in everything_shown(app)
        assert "start over in 4 seconds" in str(app.screen.query_one("#countdown", Static).content)
        clock.advance(1)
        app.tick()
        assert "in 3 seconds" in str(app.screen.query_one("#countdown", Static).content)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        assert client_said(app) == ["yes"]  # the key only dismissed the warning
        clock.advance(9)
        app.tick()
        assert state(app).startswith("explain")


async def test_still_here_then_an_answer_continues_in_place(
    kiosk: KioskFactory, short_idle: Config, clock: ManualClock
) -> None:
    """Issue 8: answering the countdown and then typing went back to the welcome, because the
    kiosk and the engine kept two idle clocks. Now "I'm still here" is activity the engine
    sees, so a full idle time plus countdown later the answer still lands in place."""
    app = kiosk(config=short_idle)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        assert state(app).startswith("explain")
        clock.advance(11)
        app.tick()
        # the same tick starts the warm-up (the matcher read back or built): waited for. A
        # click on the countdown while it still ran hung Pilot's click forever when this test
        # came first in its process, the matcher not yet made there (found in stop 63, and
        # the same at that stop's first commit)
        await settle(pilot)
        assert isinstance(app.screen, IdleWarning)
        assert app.engine.idle_phase() == "warning"
        await pilot.click("#still-here")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        assert app.engine.idle_phase() == "active"
        clock.advance(9)  # 20 s after "yes": past the idle time and the countdown together
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        await type_line(pilot, "continue")
        assert state(app).startswith("explain") and state(app) != "welcome"
        assert client_said(app) == ["yes", "continue"]
        assert "I cleared the last conversation" not in said(app)


async def test_countdown_closed_twice_keeps_the_screen(
    kiosk: KioskFactory, clock: ManualClock
) -> None:
    """A tap on the countdown closes it and also makes the client active, so the app's idle
    check closes it in the same moment: the second close must not pop the kiosk's screen
    (a blank screen in front of the client, which this race once gave under load)."""
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        warning = await answered_then_idle(app, pilot, clock)

        def tap_and_tick() -> None:
            app.touch()  # the tap's activity ...
            app.idle_check()  # ... which the app's tick sees: the countdown goes
            warning.close()  # the tap's own handler closes it too

        app.call_later(tap_and_tick)  # in the app's own message loop, as timers and taps run
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        await type_line(pilot, "continue")
        assert state(app).startswith("explain")


async def test_countdown_dismissed_by_pointer(kiosk: KioskFactory, clock: ManualClock) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await answered_then_idle(app, pilot, clock)
        await pilot.click("#still-here")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_untouched_kiosk_never_counts_down(kiosk: KioskFactory, clock: ManualClock) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(100_000)
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_reset_leaves_nothing_of_the_previous_client(
    kiosk: KioskFactory, short_idle: Config, clock: ManualClock
) -> None:
    app = kiosk(config=short_idle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for line in [
            "yes",
            "continue",
            "continue",
            "can my insurer see the notes? Quokka",
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

        clock.advance(10)
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        clock.advance(5)
        app.tick()
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


async def test_expiry_is_the_engines(
    kiosk: KioskFactory, short_idle: Config, clock: ManualClock
) -> None:
    """The kiosk wipes when the ENGINE says expired, not on a timer of its own; one reset."""
    app = kiosk(config=short_idle)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        clock.advance(14)
        app.tick()
        await pilot.pause()
        assert app.engine.idle_phase() == "warning"
        clock.advance(1)
        assert app.engine.idle_phase() == "expired"
        app.tick()
        app.tick()  # a second tick during the reset must not start another
        await settle(pilot)
        assert state(app) == "welcome"
        assert said(app).count("I cleared the last conversation") == 1
        assert app.engine.idle_phase() == "resting"


async def test_warm_up_and_delivery_follow_the_clock(
    kiosk: KioskFactory, clock: ManualClock, records: FixedRecords
) -> None:
    """The warm-up and the retries run when the injected clock says so, not on real timers."""
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.tick()
        await settle(pilot)
        assert (records.warmed, records.delivered) == (0, 0)
        clock.advance(2)
        app.tick()
        await settle(pilot)
        assert (records.warmed, records.delivered) == (1, 1)
        clock.advance(299)
        app.tick()
        await settle(pilot)
        assert records.delivered == 1
        clock.advance(1)
        app.tick()
        await settle(pilot)
        assert (records.warmed, records.delivered) == (1, 2)


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
