"""The signature pad: braille drawing, normalised points, Clear."""

from __future__ import annotations

from kiosk_helpers import KioskFactory, settle
from textual.app import App, ComposeResult

from assistant.engine.reply import Reply
from assistant.kiosk.widgets.signature_pad import MAX_POINTS, SignaturePad, rasterise


def test_rasterise_draws_a_line_in_braille() -> None:
    lines = rasterise([[(0.0, 0.0), (1.0, 0.0)]], width=4, height=2)
    assert lines == ["⠉⠉⠉⠉", "    "]
    dot = rasterise([[(0.99, 0.99)]], width=2, height=1)
    assert dot == [" ⢀"]
    assert rasterise([], width=0, height=3) == []


class PadApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SignaturePad()


async def test_strokes_are_normalised_and_cleared() -> None:
    app = PadApp()
    async with app.run_test(size=(40, 10)) as pilot:
        pad = app.query_one(SignaturePad)
        assert pad.is_empty
        await pilot.mouse_down(pad, offset=(0, 0))
        await pilot.hover(pad, offset=(20, 5))
        await pilot.mouse_up(pad, offset=(39, 9))
        await pilot.mouse_down(pad, offset=(5, 5))
        await pilot.mouse_up(pad, offset=(5, 5))
        (first, second) = pad.strokes
        assert first.points[0] == (0.5 / 40, 0.5 / 10)
        assert first.points[-1] == (39.5 / 40, 9.5 / 10)
        assert second.points == ((5.5 / 40, 5.5 / 10),)
        assert app.mouse_captured is None
        pad.clear()
        assert pad.is_empty and pad.strokes == ()


async def test_a_stroke_dragged_outside_is_clamped() -> None:
    app = PadApp()
    async with app.run_test(size=(40, 20)) as pilot:
        pad = app.query_one(SignaturePad)
        pad.styles.height = 10
        await pilot.pause()
        await pilot.mouse_down(pad, offset=(10, 5))
        assert app.mouse_captured is pad
        await pilot.hover(pad, offset=(10, 15))  # below the pad, still captured
        await pilot.mouse_up(pad, offset=(10, 15))
        (stroke,) = pad.strokes
        assert stroke.points[-1][1] == 1.0
        assert app.mouse_captured is None


def test_points_are_capped() -> None:
    pad = SignaturePad()
    pad._strokes.append([])
    pad._drawing = True
    for i in range(MAX_POINTS + 50):
        pad._add((i / (MAX_POINTS * 2), 0.5))
    assert sum(len(s.points) for s in pad.strokes) == MAX_POINTS


async def test_clear_and_done_buttons_in_the_kiosk(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Show a signature step directly: the pad works the same whatever came before.
        step = Reply(
            messages=("Sign here.",), choices=(), state="signature", input_kind="signature"
        )
        await app.kiosk_screen.show(step, "signature", app.clock.now())
        await pilot.pause()
        pad = app.kiosk_screen.query_one(SignaturePad)
        await pilot.mouse_down(pad, offset=(2, 2))
        await pilot.mouse_up(pad, offset=(8, 3))
        assert pad.strokes
        await pilot.click("#clear-pad")
        assert pad.is_empty
