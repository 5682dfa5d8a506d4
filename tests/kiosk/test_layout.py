"""Issue 12, items 1 and 2: the kiosk at 80x24 and up. The conversation keeps at least half
the height; every new answer is seen from its first line; long texts get a full-height
reader; large text keeps the header and Send intact; a long paste is cut and said so; the
focus always comes back to the text box; digits pick a quick reply by one rule everywhere."""

from __future__ import annotations

from kiosk_helpers import (
    TO_CHOICES,
    KioskFactory,
    click_choice,
    client_said,
    settle,
    state,
    to_review,
    type_line,
)
from textual import events
from textual.widget import Widget
from textual.widgets import Button

from assistant.engine.text import MAX_INPUT
from assistant.kiosk.app import KioskApp
from assistant.kiosk.screens.reader import Reader, ReaderText
from assistant.kiosk.widgets.quick_replies import ChoiceButton
from assistant.ui.chat_log import AssistantMessage, ChatLog, ClientMessage, NoticeMessage
from assistant.ui.client_input import ClientInput
from assistant.ui.type_box import TypeBox

TO_QUESTIONS = [*TO_CHOICES[:2], "I have a question"]
LONG_ANSWER = "can my insurer or my employer see my notes?"


def chat_log(app: KioskApp) -> ChatLog:
    return app.kiosk_screen.query_one("ChatView ChatLog", ChatLog)


def first_line_visible(log: ChatLog, bubble: Widget) -> bool:
    """The bubble's first text line (below its top border) is inside the log's view."""
    view = log.scrollable_content_region
    first_line_y = bubble.region.y + 1
    return bubble.region.height > 0 and view.y <= first_line_y < view.bottom


async def test_the_questions_menu_leaves_half_the_screen_to_the_conversation(
    kiosk: KioskFactory,
) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for line in TO_QUESTIONS:
            await type_line(pilot, line)
        buttons = list(app.kiosk_screen.current_view.query(ChoiceButton))
        assert len(buttons) == 7
        assert all(b.region.height == 1 for b in buttons)
        assert all(str(b.choice.label) in str(b.label) for b in buttons)  # no label cut
        assert chat_log(app).region.height >= 12


async def test_a_new_answer_shows_its_first_line_even_after_scrolling_up(
    kiosk: KioskFactory,
) -> None:
    """On a short screen (80x16) an answer is taller than the chat: its START shows, not its
    end; and after the client scrolled back, the next answer is followed again."""
    app = kiosk()
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        for line in [*TO_QUESTIONS, LONG_ANSWER]:
            await type_line(pilot, line)
        log = chat_log(app)
        newest = list(log.query(AssistantMessage))[-1]
        assert newest.region.height > log.scrollable_content_region.height  # a long answer
        assert first_line_visible(log, newest)
        log.scroll_home(animate=False)  # the client reads back
        await pilot.pause()
        assert not first_line_visible(log, newest)
        await type_line(pilot, "is it private?")
        newest = list(log.query(AssistantMessage))[-1]
        assert first_line_visible(log, newest), "the chat stopped following new replies"


async def test_long_texts_open_full_height(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for line in to_review():
            await type_line(pilot, line)
        await pilot.click("#read-form")
        await pilot.pause()
        assert isinstance(app.screen, Reader)
        scroll = app.screen.query_one("#reader-scroll")
        assert scroll.region.height >= 22  # the whole screen but the help row
        assert "Your statement" in str(app.screen.query_one(ReaderText).content)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")  # Go on to sign
        await settle(pilot)
        await pilot.click("#read-notice")
        await pilot.pause()
        assert isinstance(app.screen, Reader)
        assert "type your name again" in str(app.screen.query_one(ReaderText).content)
        await pilot.click("#reader-close")
        await pilot.pause()
        assert not isinstance(app.screen, Reader)
        assert isinstance(app.focused, ClientInput)


async def test_large_text_keeps_the_header_and_send_at_80x24(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.large_text = True
        for line in TO_QUESTIONS:
            await type_line(pilot, line)
        screen = app.kiosk_screen
        bar = screen.query_one("#topbar")
        for selector in ("#title", "#progress", "#display", "#stop"):
            widget = screen.query_one(selector)
            assert bar.region.contains_region(widget.region), selector
            assert widget.region.height == bar.region.height, selector
        box = screen.current_view.query_one(TypeBox)
        send = box.query_one(Button)
        assert box.region.contains_region(send.region)
        assert send.region.height == box.input.region.height == 3
        assert str(send.label) == "Send"
        assert chat_log(app).region.height >= 12


async def test_a_paste_over_the_cap_keeps_the_first_part_and_says_so(
    kiosk: KioskFactory,
) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.kiosk_screen.query_one("ChatView ClientInput", ClientInput)
        pasted = "word " * 1000
        app.post_message(events.Paste(pasted))
        await settle(pilot)
        assert box.value == pasted[:MAX_INPUT]
        notices = [str(n.content) for n in app.screen.query(NoticeMessage)]
        assert any(f"kept the first {MAX_INPUT} characters" in n for n in notices), notices
        app.post_message(events.Paste("more"))  # a full box takes nothing more, and says so
        await settle(pilot)
        assert box.value == pasted[:MAX_INPUT]


async def test_a_paste_of_several_lines_is_kept_whole(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(events.Paste("Is it private?\nWho can see it?\n"))
        await settle(pilot)
        box = app.kiosk_screen.query_one("ChatView ClientInput", ClientInput)
        assert box.value == "Is it private? Who can see it?"


async def test_a_tap_on_a_bubble_keeps_the_typing_in_the_box(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        bubble = app.kiosk_screen.query_one(ClientMessage)
        await pilot.click(bubble)
        await pilot.click(list(app.kiosk_screen.query(AssistantMessage))[-1])
        await pilot.pause()
        assert isinstance(app.focused, ClientInput)
        await pilot.press(*"continue", "enter")
        await settle(pilot)
        assert client_said(app) == ["yes", "continue"]


async def test_digit_one_picks_skip_at_the_email_step(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for line in to_review()[:-1]:
            await type_line(pilot, line)
        assert app.engine.last_reply.input_kind == "email"
        await pilot.press("1")
        await settle(pilot)
        assert client_said(app)[-1] == "Skip"
        assert state(app).startswith("review")


async def test_digits_type_when_they_number_no_reply(kiosk: KioskFactory) -> None:
    """One rule: in an empty box a digit picks the reply it numbers; any other digit types.
    A reference code's own digits (3 4 6 7 9) always type in the code box."""
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await click_choice(pilot, "Take back a consent I gave")
        await click_choice(pilot, "Take back a consent I gave")
        reply = app.engine.last_reply
        assert reply.input_kind == "code"
        box = app.focused
        assert isinstance(box, ClientInput)
        await pilot.press("3")
        assert box.value == "3"  # a code may start with 3, even if a reply were numbered 3
        await pilot.press("ctrl+u", "8")
        assert box.value == ("8" if len(reply.choices) < 8 else "")
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("9")  # the welcome has five replies: 9 types
        box = app.focused
        assert isinstance(box, ClientInput) and box.value == "9"
        await pilot.press("1")  # not empty any more: types
        assert box.value == "91"


async def test_digits_pick_from_a_button_and_from_the_form(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # onto a reply button
        assert isinstance(app.focused, Button)
        await pilot.press("1")
        await settle(pilot)
        assert client_said(app) == ["Let's start"]
