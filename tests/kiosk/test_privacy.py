"""Personal details leave the screen and the memory: the done screen hides the name, the code
and the signed form after `kiosk.details_seconds` or at the next key or tap (issue 11, item
4), and after an idle wipe no live object of the kiosk holds the last client's words (item 9)."""

from __future__ import annotations

import gc
from typing import Any

from kiosk_helpers import (
    TO_CHOICES,
    KioskFactory,
    client_said,
    everything_shown,
    kiosk_app,
    said,
    settle,
    state,
    tap,
    to_review,
    type_line,
)
from textual.pilot import Pilot

from assistant.clock import ManualClock
from assistant.config import Config, with_overrides
from assistant.kiosk.views.done import DoneView, ReferenceCode
from assistant.kiosk.widgets.quick_replies import ChoiceButton


async def sign(pilot: object, name: str) -> None:
    for line in to_review(name):
        await type_line(pilot, line)  # type: ignore[arg-type]
    await pilot.press("1")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await type_line(pilot, name)  # type: ignore[arg-type]


async def test_details_leave_after_details_seconds(kiosk: KioskFactory, clock: ManualClock) -> None:
    app = kiosk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await sign(pilot, "Alex Rivera")
        assert state(app) == "signed"
        done = app.kiosk_screen.query_one(DoneView)
        shown = everything_shown(app)
        assert "K7QM-3XPD" in shown and "Alex Rivera" in shown
        clock.advance(19)
        app.tick()
        assert done.details_showing
        clock.advance(1)
        app.tick()
        await pilot.pause()
        shown = everything_shown(app)
        assert "K7QM-3XPD" not in shown and "Alex Rivera" not in shown
        assert not app.kiosk_screen.query_one(ReferenceCode).display
        assert "no longer on the screen" in shown
        assert client_said(app) == []  # the conversation under the done view went too
        await pilot.press("1")  # the choices still work: Finish
        await settle(pilot)
        assert state(app) == "welcome"


async def test_details_leave_at_the_next_key(kiosk: KioskFactory, config: Config) -> None:
    app = kiosk(config=with_overrides(config, {"kiosk.details_seconds": "600"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await sign(pilot, "Alex Rivera")
        assert "K7QM-3XPD" in everything_shown(app)
        await pilot.press("x")
        await pilot.pause()
        assert "K7QM-3XPD" not in everything_shown(app)
        assert "Alex Rivera" not in everything_shown(app)
        assert state(app) == "signed"  # only the screen changed


async def test_a_tap_hides_the_details_and_still_presses_its_button(
    kiosk: KioskFactory, config: Config
) -> None:
    app = kiosk(config=with_overrides(config, {"kiosk.details_seconds": "600"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await sign(pilot, "Alex Rivera")
        (button,) = [
            b
            for b in app.kiosk_screen.current_view.query(ChoiceButton)
            if b.choice.label == "I have a question"
        ]
        assert "Alex Rivera" in client_said(app)
        await tap(pilot, button)
        # The tap took the conversation off the screen AND pressed its button (the engine's
        # answer is a new ending, whose own details then show for their own time).
        assert client_said(app) == ["I have a question"]
        assert "What would you like to ask?" in said(app)


def holders_of(needle: str) -> list[str]:
    """Types of live objects that refer to a string containing `needle`."""
    gc.collect()
    found = []
    for obj in gc.get_objects():
        try:
            referents = gc.get_referents(obj)
        except Exception:
            continue
        for ref in referents:
            if isinstance(ref, str) and ref is not needle and needle in ref:
                found.append(type(obj).__qualname__)
                break
    return found


async def converse(pilot: Pilot[Any]) -> None:
    """A client who gives a name and asks a question. Their words are built here, at run time,
    so that once this returns only the kiosk could still hold them."""
    name = "".join(["Quil", "lon ", "Marbury", "-Tsang"])
    question = "".join(["can my ", "hedgehog ", "zzyzx see the notes?"])
    for line in [*TO_CHOICES, question, *to_review(name)[len(TO_CHOICES) :]]:
        await type_line(pilot, line)
    assert name in everything_shown(kiosk_app(pilot))


async def test_an_idle_wipe_leaves_no_client_text_in_memory(
    kiosk: KioskFactory, config: Config, clock: ManualClock
) -> None:
    app = kiosk(config=with_overrides(config, {"kiosk.idle_seconds": "10"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await converse(pilot)
        assert holders_of("Marbury-Tsang") and holders_of("hedgehog zzyzx")
        clock.advance(10 + config.kiosk.warning_seconds)
        app.tick()
        await settle(pilot)
        assert state(app) == "welcome"
        for needle in ("Marbury-Tsang", "hedgehog zzyzx"):
            assert holders_of(needle) == [], needle
