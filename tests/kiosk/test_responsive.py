"""Filing a record (PDF, database, mail) runs off the screen's thread: the screen keeps working."""

from __future__ import annotations

import asyncio

from kiosk_helpers import KioskFactory, SlowRecords, settle, state, to_review, type_line

from assistant.kiosk.screens.display import DisplaySettings
from assistant.ui.chat_log import ChatLog

TO_SIGNATURE = to_review()


async def test_screen_responds_while_the_record_is_filed(kiosk: KioskFactory) -> None:
    records = SlowRecords()
    app = kiosk(records=records)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for line in TO_SIGNATURE:
            await type_line(pilot, line)
        await pilot.press("1")
        await settle(pilot)
        assert app.kiosk_screen.view_name == "signature"

        await pilot.press(*"Alex Rivera", "enter")
        for _ in range(100):  # the engine thread is now inside records.file()
            if records.filing.is_set():
                break
            await asyncio.sleep(0.01)
        assert records.filing.is_set() and app.busy
        assert app.kiosk_screen.query_one("#busy").display  # "One moment…"

        # Meanwhile the screen answers keys and clicks.
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DisplaySettings)
        await pilot.click("#large")
        assert app.large_text
        await pilot.press("escape")
        await pilot.pause()
        app.kiosk_screen.query_one("ChatView ChatLog", ChatLog).scroll_home(animate=False)
        assert not app.send_text("second input while busy")  # refused, not queued
        assert state(app) == "signature"

        records.gate.set()
        await settle(pilot)
        assert state(app) == "signed"
        assert not app.busy
        assert not app.kiosk_screen.query_one("#busy").display
        assert app.kiosk_screen.view_name == "done"
    assert records.outcomes[-1][1].kind == "signed"


async def test_delivery_runs_after_an_ending(kiosk: KioskFactory) -> None:
    records = SlowRecords()
    records.gate.set()
    app = kiosk(records=records)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        at_start = records.delivered
        await pilot.click("#stop")
        await settle(pilot)
        await type_line(pilot, "no")
        assert state(app) == "declined.done"
        await settle(pilot)
        assert records.delivered == at_start + 1
