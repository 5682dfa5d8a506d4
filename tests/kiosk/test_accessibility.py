"""Display settings, keyboard-only and pointer-only use, and both screen sizes."""

from __future__ import annotations

import pytest
from kiosk_helpers import KioskFactory, click_choice, settle, state, tab_to, to_review, type_line
from textual.widgets import Button

from assistant.kiosk.screens.display import DisplaySettings
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.widgets.progress import StepProgress
from assistant.ui.client_input import ClientInput
from assistant.ui.theme import CALM, HIGH_CONTRAST


async def test_one_button_reaches_contrast_and_large_text(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == CALM.name
        await pilot.click("#display")
        await pilot.pause()
        assert isinstance(app.screen, DisplaySettings)
        contrast = app.screen.query_one("#contrast", Button)
        assert str(contrast.label) == "High contrast: OFF"
        await pilot.click("#contrast")
        assert app.theme == HIGH_CONTRAST.name and app.has_class("-high-contrast")
        assert str(contrast.label) == "High contrast: ON"  # said in words, not by colour
        await pilot.click("#large")
        assert app.has_class("-large-text")
        await pilot.click("#close")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_display_settings_by_keyboard(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await tab_to(pilot, "#display")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DisplaySettings)
        await pilot.press("enter")  # "High contrast" has the focus
        assert app.high_contrast
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)


async def test_keyboard_only_number_keys_and_stop(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ClientInput)
        await pilot.press("1")  # "Let's start" (the box is empty)
        await settle(pilot)
        assert state(app).startswith("explain")
        assert isinstance(app.focused, ClientInput)
        await tab_to(pilot, "#stop", "shift+tab")
        await pilot.press("enter")
        await settle(pilot)
        assert state(app).startswith("declined")


async def test_typing_on_a_button_goes_to_the_text_box(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # onto "1  Let's start"
        assert isinstance(app.focused, Button)
        await pilot.press("h", "i")
        assert isinstance(app.focused, ClientInput) and app.focused.value == "hi"


async def test_number_keys_type_digits_in_a_name_box(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await click_choice(pilot, "Take back a consent I gave")
        await click_choice(pilot, "Take back a consent I gave")
        assert app.engine.last_reply.input_kind == "code"
        await pilot.press("7", "k")
        assert isinstance(app.focused, ClientInput) and app.focused.value == "7k"


async def test_progress_is_written_out(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        text = str(app.screen.query_one(StepProgress).content)
        assert text.startswith("Step 2 of ")
        assert "■■□" in text


async def test_progress_after_an_ending_names_it(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for line in ["yes", "continue", "continue", "no"]:
            await type_line(pilot, line)
        text = str(app.screen.query_one(StepProgress).content)
        assert text == "Not recording"


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_view_fits(kiosk: KioskFactory, size: tuple[int, int]) -> None:
    """At both sizes, Stop, the choices and the text box of each view are on screen."""
    app = kiosk()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen_region = app.screen.region

        def on_screen(selector: str) -> None:
            for widget in app.kiosk_screen.current_view.query(selector):
                if widget.display:
                    assert screen_region.contains_region(widget.region), (selector, size)
                    assert widget.region.height > 0, (selector, size)

        steps = to_review()
        for line in steps:
            on_screen("ChoiceButton")
            on_screen("TypeBox")
            await type_line(pilot, line)
        for view in ("review", "signature", "done"):
            assert app.kiosk_screen.view_name == view
            on_screen("ChoiceButton")
            on_screen("TypeBox")
            on_screen("#form-scroll")
            on_screen("#pad-frame")
            on_screen("#reference")
            assert screen_region.contains_region(app.screen.query_one("#stop").region)
            if view == "review":
                await pilot.press("1")
                await settle(pilot)
            elif view == "signature":
                await type_line(pilot, "Alex Rivera")
