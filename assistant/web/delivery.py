"""Sends queued mail in the background, one delivery at a time, as the kiosk does.

The engine files each ending with `deliver_inline=False`, so a client never waits on SMTP. This
task delivers after every ending (`kick`), every few minutes for retries, and once at start-up
after warming up the PDF maker. A failed delivery leaves the mail queued; it is logged and
tried again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from starlette.concurrency import run_in_threadpool

log = logging.getLogger("assistant.web")
RETRY_SECONDS = 300.0


@runtime_checkable
class Delivering(Protocol):
    """A record keeper that delivers its queued mail when asked."""

    def deliver_pending(self, *, force: bool = False) -> object: ...


class Delivery:
    """The background delivery loop for `records` (which may not deliver at all)."""

    def __init__(self, records: object, every: float = RETRY_SECONDS) -> None:
        self.records = records if isinstance(records, Delivering) else None
        self.every = every
        self.busy = False
        self.rounds = 0
        """Deliveries finished (or failed) since start: tests wait on it."""
        self._wake = asyncio.Event()
        self._force = False

    def kick(self, *, force: bool = False) -> None:
        """Deliver soon (an ending was filed, or staff asked); `force` sends even when not due."""
        self._force = self._force or force
        self._wake.set()

    async def run_forever(self, *, warm_up: bool = True) -> None:
        """Warm up, then deliver whenever kicked or every `every` seconds, until cancelled."""
        if self.records is None:
            return
        if warm_up:
            await self._run(self._warm_up)
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.every)
            self._wake.clear()
            force, self._force = self._force, False
            await self._run(functools.partial(self._deliver, force))

    async def _run(self, work: Callable[[], None]) -> None:
        self.busy = True
        try:
            await run_in_threadpool(work)
        except Exception:  # queued mail stays queued; the next round tries again
            log.exception("delivery failed; the mail stays queued")
        finally:
            self.busy = False
            self.rounds += 1

    def _warm_up(self) -> None:
        warm_up = getattr(self.records, "warm_up", None)
        if callable(warm_up):
            warm_up()
        self._deliver(False)

    def _deliver(self, force: bool) -> None:
        assert self.records is not None
        self.records.deliver_pending(force=force)
