"""Client text is shown literally: markup does nothing, escape sequences are made visible."""

from __future__ import annotations

import pytest
from kiosk_helpers import KioskFactory, client_said, settle, type_keys, type_line
from textual.content import Content

from assistant.kiosk.screens.kiosk import KioskScreen, Title
from assistant.kiosk.widgets.quick_replies import ChoiceButton
from assistant.ui.chat_log import AssistantMessage, ClientMessage
from assistant.ui.plain import plain, visible

TRICKS = ["[@click=app.quit]", "[b]", "[/b]", "[TODO]", "[b]bold[/b] [link=https://x.test]x[/]"]


def test_visible_shows_control_characters() -> None:
    assert visible("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert visible("bell\x07 tab\t cr\r del\x7f c1\x9b") == "bell␇ tab␉ cr␍ del␡ c1\ufffd"
    assert visible("two\nlines") == "two\nlines"
    assert visible("Zoë 李 🙂") == "Zoë 李 🙂"


@pytest.mark.parametrize("text", TRICKS)
def test_plain_content_has_no_markup(text: str) -> None:
    content = plain(text)
    assert content.plain == text
    assert not content.spans


async def test_markup_typed_by_a_client_appears_literally_and_does_nothing(
    kiosk: KioskFactory,
) -> None:
    app = kiosk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for text in TRICKS[1:]:
            await type_line(pilot, text)
        await type_keys(pilot, TRICKS[0])  # key by key, as a client would
        assert client_said(app) == [*TRICKS[1:], TRICKS[0]]
        bubbles = list(app.screen.query(ClientMessage))
        for bubble in bubbles:
            assert isinstance(bubble.content, Content) and not bubble.content.spans
        bubbles[-1].scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(bubbles[-1], offset=(3, 1))  # on the would-be link
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, KioskScreen)


async def test_escape_sequences_appear_literally(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.send_text("\x1b[2J\x1b]0;owned\x07hello")
        await settle(pilot)
        (bubble,) = app.screen.query(ClientMessage)
        assert str(bubble.content) == "␛[2J␛]0;owned␇hello"
        strips = app.screen._compositor.render_strips()
        assert not any("\x1b" in strip.text for strip in strips)


async def test_everything_shown_from_the_engine_is_plain_content(kiosk: KioskFactory) -> None:
    """Assistant messages, choice labels and the practice name are Content, never markup."""
    app = kiosk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        screen = app.kiosk_screen
        shown = [*screen.query(AssistantMessage), *screen.query(Title)]
        assert shown
        for widget in shown:
            assert isinstance(widget.content, Content) and not widget.content.spans
        for button in screen.query(ChoiceButton):
            assert not button.label.spans
