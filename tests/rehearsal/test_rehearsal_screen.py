"""The rehearsal screen with Pilot: start, answer, end, feedback shown and saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, ContentSwitcher, Input, Static

from assistant.config import Config
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.personas import load_cast
from assistant.rehearsal.screen import (
    Clinician,
    RehearsalApp,
    RehearsalScreen,
    Report,
    SimulatedClient,
    make_rehearsal_app,
)
from assistant.rehearsal.transcript import export

SIZE = (100, 30)


def build(config: Config, pid: str = "privacy", seed: int = 2, **kw: str) -> RehearsalApp:
    return make_rehearsal_app(
        Rehearsal(config, load_cast().get(pid), seed), cursor_blink=False, **kw
    )


def bubbles(app: RehearsalApp, kind: type[Static]) -> list[str]:
    return [str(b.content) for b in app.screen.query(kind)]


async def answer(pilot: object, text: str, *, typed: bool = True) -> None:
    """Answer as the clinician: key by key, or (for long runs) by filling the box at once."""
    from textual.pilot import Pilot
    from textual.widgets import Input

    assert isinstance(pilot, Pilot)
    if typed:
        await pilot.press(*text, "enter")
    else:
        pilot.app.screen.query_one("#answer Input", Input).value = text
        await pilot.press("enter")
    await pilot.pause()


async def test_start_answer_end_feedback(config: Config, tmp_path: Path) -> None:
    fb, ex = tmp_path / "f.md", tmp_path / "r.transcript"
    app = build(config, feedback_to=str(fb), export_to=str(ex))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RehearsalScreen)
        assert "PRACTICE" in str(screen.query_one("#title", Static).content)
        [opening] = bubbles(app, SimulatedClient)
        assert "Is this really private?" in opening
        assert isinstance(app.focused, Input)
        await answer(pilot, "It's protected by HIPAA.")
        assert bubbles(app, Clinician) == ["It's protected by HIPAA."]
        assert bubbles(app, SimulatedClient)[-1] == "But who else could hear it?"
        assert app.focused is not None and app.focused.value == ""  # type: ignore[attr-defined]
        await pilot.click("#end")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "report"
        report = screen.query_one(Report)
        assert report.source.startswith("# PRACTICE: rehearsal feedback")
        assert "You said: “It's protected by HIPAA.”" in report.source
        assert not screen.query_one("#end", Button).display
        assert "Wrote the feedback (PRACTICE)" in str(screen.query_one("#saved", Static).content)
        await pilot.click("#quit")
    assert fb.read_text("utf-8") == report.source
    assert ex.read_text("utf-8") == export(app.rehearsal)
    assert app.saved and len(app.saved) == 2


@pytest.mark.parametrize("pid", ["privacy", "declines", "abuse"])
async def test_a_persona_to_the_end(config: Config, pid: str) -> None:
    """The screen is the same for every persona (each one runs to the end headless in
    test_rehearsal_client.py): one plain, the decliner, and one with its own key points."""
    app = build(config, pid, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while not app.rehearsal.done:
            await answer(pilot, "That's fine, it's your choice.", typed=False)
        box = app.screen.query_one("#answer")
        assert box.disabled
        assert app.focused is app.screen.query_one("#end")
        await pilot.press("enter")
        await pilot.pause()
        report = app.screen.query_one(Report)
        assert f"(persona `{pid}`, seed 3)" in report.source
        assert "- **Covered:** Said the client may say no" in report.source


async def test_markup_in_an_answer_is_shown_literally(config: Config) -> None:
    app = build(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, "[@click=app.quit]bye[/] [b]x")
        assert app.is_running
        assert bubbles(app, Clinician) == ["[@click=app.quit]bye[/] [b]x"]


async def test_f10_ends_and_ctrl_q_quits(config: Config) -> None:
    app = build(config, "eager", 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "report"
        assert "The rehearsal was ended before" in app.screen.query_one(Report).source
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
