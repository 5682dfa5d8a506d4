"""Helpers for the kiosk tests: record keepers to watch, and Pilot steps."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from assistant.engine.outcome import MemoryRecords, Outcome, Receipt
from assistant.kiosk.app import KioskApp
from assistant.kiosk.widgets.quick_replies import ChoiceButton
from assistant.kiosk.widgets.signature_pad import SignaturePad
from assistant.ui.chat_log import AssistantMessage, ClientMessage

KioskFactory = Callable[..., KioskApp]

# What a client types to reach each step of the consent (the engine's own wording).
TO_CHOICES = ["yes", "continue", "continue"]
TO_IDENTITY = [
    *TO_CHOICES,
    "yes, I agree",
    "yes",
    "yes",
    "no, it is my choice",
    "yes, any time",
    "it is deleted right away",
]


def to_review(name: str = "Alex Rivera", email: str = "skip") -> list[str]:
    """The lines that reach the review step with this name and email answer."""
    return [*TO_IDENTITY, name, email]


@dataclass
class FixedRecords(MemoryRecords):
    """Memory records whose reference codes are predictable, and that count deliveries."""

    references: list[str] = field(default_factory=lambda: ["K7QM-3XPD", "W4FN-9HRT"])
    delivered: int = 0
    warmed: int = 0
    pin_alerts: list[int] = field(default_factory=list)

    def file(self, outcome: Outcome) -> Receipt:
        reference = self.references[len(self.outcomes) % len(self.references)]
        if outcome.kind != "signed" and not outcome.name:
            reference = None
        self.outcomes.append((reference, outcome))
        return Receipt(reference=reference)

    def deliver_pending(self) -> int:
        self.delivered += 1
        return 0

    def warm_up(self) -> None:
        self.warmed += 1

    def report_pin_failures(self, failures: int, at: datetime) -> None:
        self.pin_alerts.append(failures)


@dataclass
class SlowRecords(FixedRecords):
    """Filing blocks until the test opens `gate`: the PDF and mail work, stretched out."""

    gate: threading.Event = field(default_factory=threading.Event)
    filing: threading.Event = field(default_factory=threading.Event)

    def file(self, outcome: Outcome) -> Receipt:
        self.filing.set()
        assert self.gate.wait(10), "the test never opened the gate"
        return super().file(outcome)


WORKERS_LIMIT = 30.0
"""Seconds a step waits for the kiosk's workers (the engine's answer, a reset, filing) before
the test fails naming them. Each takes well under a second; Textual's own wait has no limit,
and a worker that never ended once held a run of the suite at 98%."""


async def workers_done(pilot: Pilot[Any]) -> None:
    """Wait until the kiosk's workers have finished, failing the test if they never do.

    `asyncio.wait`, not `wait_for`: on its timeout `wait_for` cancels what it waits on, which
    here cancels the workers themselves, and the test would fail as "cancelled", not as stuck.
    """
    waiting = asyncio.ensure_future(pilot.app.workers.wait_for_complete())
    done, _ = await asyncio.wait({waiting}, timeout=WORKERS_LIMIT)
    if not done:
        waiting.add_done_callback(lambda task: task.cancelled() or task.exception())
        running = [f"{w.name or w.description} ({w.state.name})" for w in pilot.app.workers]
        raise AssertionError(
            f"the kiosk's workers did not finish in {WORKERS_LIMIT:.0f} s: {running}"
        )
    waiting.result()  # a worker's own failure, as Textual's wait raises it


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the engine answered and the screen shows it.

    Workers are awaited first: a reset replaces the screen inside a worker, and Pilot's pause
    must not wait on widgets that are being removed.
    """
    await workers_done(pilot)
    await pilot.pause()
    await workers_done(pilot)
    await pilot.pause()


async def type_line(pilot: Pilot[Any], text: str) -> None:
    """Type `text` into the focused box, press Enter, and wait for the answer.

    The text is put in the box in one go (typing it key by key is slow on a shared machine);
    `type_keys` types key by key where the keys themselves matter.
    """
    box = pilot.app.focused
    assert isinstance(box, Input), f"the cursor is on {box!r}, not in a text box"
    box.value = text
    await pilot.press("enter")
    await settle(pilot)


async def type_keys(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key, press Enter, and wait for the answer."""
    await pilot.press(*text, "enter")
    await settle(pilot)


async def click_choice(pilot: Pilot[Any], label: str) -> None:
    """Click the quick-reply button labelled `label` in the current view."""
    app = kiosk_app(pilot)
    buttons = list(app.kiosk_screen.current_view.query(ChoiceButton))
    matches = [b for b in buttons if b.choice.label == label]
    assert matches, f"no button {label!r} among {[b.choice.label for b in buttons]}"
    assert await pilot.click(matches[0])
    await settle(pilot)


def kiosk_app(pilot: Pilot[Any]) -> KioskApp:
    app = pilot.app
    assert isinstance(app, KioskApp)
    return app


def state(app: KioskApp) -> str:
    """The engine's current state."""
    return app.engine.last_reply.state


def said(app: KioskApp) -> str:
    """Everything the assistant said on screen, as one string."""
    return "\n".join(str(m.content) for m in app.screen.query(AssistantMessage))


def client_said(app: KioskApp) -> list[str]:
    """The client's bubbles."""
    return [str(m.content) for m in app.screen.query(ClientMessage)]


def everything_shown(app: KioskApp) -> str:
    """Every text any widget of any screen holds: bubbles, inputs, labels, titles, drawings."""
    parts: list[str] = []
    for screen in app.screen_stack:
        for widget in [screen, *screen.walk_children(Widget)]:
            if isinstance(widget, Static):
                parts.append(str(widget.content))
            if isinstance(widget, Input):
                parts.append(widget.value)
            if isinstance(widget, Button):
                parts.append(str(widget.label))
            if isinstance(widget, SignaturePad):
                parts.append(repr(widget.strokes))
            parts.append(str(widget.border_title or ""))
    return "\n".join(parts)


async def tab_to(pilot: Pilot[Any], selector: str, key: str = "tab") -> None:
    """Press tab (or `key`) until the widget matching `selector` has the focus."""
    target = pilot.app.screen.query_one(selector)
    for _ in range(30):
        if pilot.app.focused is target:
            return
        await pilot.press(key)
    raise AssertionError(f"{selector} cannot be reached with {key}")


async def tap(pilot: Pilot[Any], widget: Widget) -> None:
    """A tap as the terminal driver reports it: press and release at the widget's middle,
    sent to the app (which makes the Click), unlike Pilot's click, which skips the app."""
    from textual import events

    region = widget.region
    x, y = region.x + region.width // 2, region.y + region.height // 2
    for kind in (events.MouseDown, events.MouseUp):
        pilot.app.post_message(
            kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y)
        )
    await settle(pilot)
