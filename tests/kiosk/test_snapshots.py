"""Layout snapshots (SVG) of each view at 80x24, 100x30 and 160x48; behaviour is tested
elsewhere. Update after a reviewed layout or wording change with
`pytest tests/kiosk/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from kiosk_helpers import TO_CHOICES, TO_IDENTITY, KioskFactory, settle, type_line
from textual.pilot import Pilot

from assistant.kiosk.widgets.signature_pad import SignaturePad

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]

TO_REVIEW = [*TO_CHOICES, "yes, I agree", "yes", "no", *TO_IDENTITY[6:], "Alex Rivera", "skip"]


def typing(*lines: str, then: Steps | None = None) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for line in lines:
            await type_line(pilot, line)
        if then is not None:
            await then(pilot)
        await settle(pilot)

    return run


async def to_signature(pilot: Pilot[Any]) -> None:
    await pilot.press("1")
    await settle(pilot)


async def signature_drawn(pilot: Pilot[Any]) -> None:
    await to_signature(pilot)
    pad = pilot.app.screen.query_one(SignaturePad)
    await pilot.mouse_down(pad, offset=(4, 4))
    for x, y in [(8, 2), (12, 5), (16, 1), (20, 4), (26, 3), (34, 5)]:
        await pilot.hover(pad, offset=(x, y))
    await pilot.mouse_up(pad, offset=(40, 3))
    await pilot.press(*"Alex")


async def signed(pilot: Pilot[Any]) -> None:
    await to_signature(pilot)
    await type_line(pilot, "Alex Rivera")


async def bigger_and_bolder(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await pilot.click("#display")
    await pilot.click("#contrast")
    await pilot.click("#large")
    await pilot.click("#close")
    assert app.screen.query("#views")


TO_QUESTIONS = [*TO_CHOICES[:2], "I have a question"]
"""Start, the explanation, then "I have a question" at the risks card: the questions menu."""


def test_welcome(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    assert snap_compare(kiosk(), terminal_size=(80, 24), run_before=typing())


def test_questions_menu(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    """The seven-button menu at 80x24: one row a button, the chat keeps half the screen."""
    steps = typing(*TO_QUESTIONS)
    assert snap_compare(kiosk(), terminal_size=(80, 24), run_before=steps)


def test_questions_menu_large_text_high_contrast(
    snap_compare: SnapCompare, kiosk: KioskFactory
) -> None:
    steps = typing(then=bigger_and_bolder)
    steps_then = typing(*TO_QUESTIONS)

    async def both(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        await steps_then(pilot)

    assert snap_compare(kiosk(), terminal_size=(80, 24), run_before=both)


def test_questions_menu_wide(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    steps = typing(*TO_QUESTIONS)
    assert snap_compare(kiosk(), terminal_size=(160, 48), run_before=steps)


def test_answered_question(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    steps = typing("yes", "continue", "continue", "can my insurer see my notes?")
    assert snap_compare(kiosk(), terminal_size=(100, 30), run_before=steps)


def test_review(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    assert snap_compare(kiosk(), terminal_size=(80, 24), run_before=typing(*TO_REVIEW))


def test_signature(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    steps = typing(*TO_REVIEW, then=signature_drawn)
    assert snap_compare(kiosk(), terminal_size=(80, 24), run_before=steps)


def test_done(snap_compare: SnapCompare, kiosk: KioskFactory) -> None:
    steps = typing(*TO_REVIEW, then=signed)
    assert snap_compare(kiosk(), terminal_size=(100, 30), run_before=steps)
