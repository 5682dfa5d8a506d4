"""Mail delivery, as a part of `KioskApp`: queued mail (signed copies, notices to the
clinician) is sent on its own thread, so slow SMTP never blocks a client's answer; a failed
try leaves the mail queued for the next."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from textual.app import App

from assistant.engine.reply import Reply
from assistant.kiosk.messages import DeliveryFinished

if TYPE_CHECKING:
    from assistant.clock import Clock
    from assistant.kiosk.protocol import KioskRecords
    from assistant.kiosk.schedule import Schedule


class DeliveryActions(App[None]):
    """Delivery on the delivery thread; `KioskApp` sets the attributes below."""

    clock: Clock
    records: KioskRecords
    _schedule: Schedule
    _delivery_thread: ThreadPoolExecutor
    _delivering: bool

    def on_signed(self, reply: Reply) -> None:
        """An ending was filed (signed, declined, deferred, revoked): send what is queued."""
        self.deliver_pending()

    def deliver_pending(self, prepare: bool = False) -> None:
        """Ask the records to deliver queued mail on the delivery thread (with `prepare`,
        first open them and warm up the PDF maker)."""
        self._schedule.delivered(self.clock.now(), warm_up=prepare)
        if self._delivering:
            return
        self._delivering = True
        self.run_worker(self._deliver(prepare), group="delivery")

    async def _deliver(self, prepare: bool) -> None:
        records = self.records

        def work() -> None:
            if prepare:
                records.warm_up()
            records.deliver_pending()

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._delivery_thread, work)
        except Exception as exc:  # queued mail stays queued; the next try is later
            self.log.error("delivery failed", repr(exc))
            self.post_message(DeliveryFinished(repr(exc)))
        else:
            self.post_message(DeliveryFinished())

    def on_delivery_finished(self, message: DeliveryFinished) -> None:
        self._delivering = False
