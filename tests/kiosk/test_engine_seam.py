"""How the kiosk meets the engine and the records: real records, failures, a client who left."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from kiosk_helpers import (
    KioskFactory,
    SlowRecords,
    client_said,
    said,
    settle,
    state,
    to_review,
    type_line,
)
from textual.widgets import Input

from assistant.clock import ManualClock, SystemClock
from assistant.config import Config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.reply import Reply
from assistant.kiosk.command import open_records
from assistant.kiosk.lazy_records import LazyRecords
from assistant.ui.chat_log import NoticeMessage
from assistant.ui.words import say

TO_SIGNATURE = to_review(email="alex@example.org")


async def test_signing_with_the_durable_records_fills_the_outbox(
    kiosk: KioskFactory, config: Config, data_dir: Path, clock: ManualClock
) -> None:
    records = open_records(config, data_dir, SystemClock())
    assert isinstance(records, LazyRecords)
    app = kiosk(records=records)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not data_dir.exists()  # nothing opened for the first screen
        for line in TO_SIGNATURE:
            await type_line(pilot, line)
        await pilot.press("1")
        await settle(pilot)
        await type_line(pilot, "Alex Rivera")
        assert state(app) == "signed"
        await settle(pilot)  # the delivery worker
    mail = list((data_dir / "outbox" / "new").iterdir())
    assert len(mail) == 2  # the clinician's copy and the client's


class BrokenConversation(Conversation):
    def send(self, text: str) -> Reply:
        raise RuntimeError("disk on fire")


async def test_an_engine_error_is_a_calm_message(
    kiosk: KioskFactory, config: Config, clock: ManualClock
) -> None:
    app = kiosk(engine=BrokenConversation(config, clock=clock, records=MemoryRecords()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_line(pilot, "hello")
        notices = [str(n.content) for n in app.screen.query(NoticeMessage)]
        assert notices == [say("notice.sorry")]
        assert "disk on fire" not in said(app)
        assert not app.busy
        assert app.is_running


async def test_an_engine_that_cannot_start_stops_the_kiosk(kiosk: KioskFactory) -> None:
    class Unstartable(Conversation):
        def start(self) -> Reply:
            raise RuntimeError("no content")

    app = kiosk(engine=Unstartable.__new__(Unstartable))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 2


async def test_a_reply_for_a_client_who_left_is_dropped(kiosk: KioskFactory) -> None:
    records = SlowRecords()
    app = kiosk(records=records)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_line(pilot, "yes")
        await pilot.click("#stop")
        await settle(pilot)
        await pilot.press(*"no", "enter")  # "just end here": files a declined record, blocked
        await pilot.pause()
        assert app.busy and records.filing.wait(5)
        start_over = app.run_worker(app.action_start_over())  # the idle timeout strikes
        await pilot.pause()
        records.gate.set()
        await start_over.wait()
        await settle(pilot)
        assert state(app) == "welcome"
        assert client_said(app) == []
        assert "Thank you for your time" not in said(app)
        assert "I cleared the last conversation" in said(app)


class HeldPreparation(Conversation):
    """A real conversation whose warm-up waits until the test lets it go."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.started = threading.Event()
        self.release = threading.Event()
        self.prepared = 0

    def prepare(self) -> None:
        self.started.set()
        self.release.wait(30)
        super().prepare()
        self.prepared += 1


async def test_the_matcher_is_built_beside_the_turns_while_the_client_reads_the_welcome(
    kiosk: KioskFactory, config: Config, clock: ManualClock
) -> None:
    engine = HeldPreparation(config, clock=clock, records=MemoryRecords())
    app = kiosk(engine=engine)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert not engine.started.is_set()  # nothing slows the first screen down
            clock.advance(2)  # the kiosk's warm-up, with the records'
            app.tick()
            assert await asyncio.to_thread(engine.started.wait, 10)
            # The build is under way on the delivery thread: the client's turn is answered
            # meanwhile (`settle` would wait for every worker, the build too).
            box = app.focused
            assert isinstance(box, Input)
            box.value = "yes"
            await pilot.press("enter")
            for _ in range(200):
                if not app.busy:
                    break
                await pilot.pause(0.05)
            assert not app.busy
            assert state(app) == "explain"
            assert engine.prepared == 0  # still held: the turn did not wait for it
            engine.release.set()
            await settle(pilot)  # waits for the build's worker
            assert engine.prepared == 1
    finally:
        engine.release.set()  # never leave the delivery thread waiting


class BrokenPreparation(Conversation):
    def prepare(self) -> None:
        raise RuntimeError("matcher on fire")


async def test_a_failed_warm_up_leaves_the_first_question_to_build_it(
    kiosk: KioskFactory, config: Config, clock: ManualClock
) -> None:
    app = kiosk(engine=BrokenPreparation(config, clock=clock, records=MemoryRecords()))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.advance(2)
        app.tick()
        await type_line(pilot, "is it private?")
        assert "signed a HIPAA agreement" in said(app)  # the privacy answer
        assert app.is_running
