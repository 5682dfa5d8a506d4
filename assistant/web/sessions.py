"""One browser session, one conversation: the server-side map behind the session cookie.

The cookie holds only an opaque random id; everything else (the engine, what the page shows,
the display settings, the CSRF token) stays on the server in a `WebSession`. The map has a cap,
and `sweep()` (run every few seconds) wipes every conversation whose idle time ran out, so a
tablet that went dark keeps nothing of its client in memory, and forgets sessions nobody has
looked at for a long time.

All `WebSession` changes happen on the event loop; only the engine's own calls run in worker
threads, one at a time per session under `lock`.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from assistant.clock import Clock
from assistant.engine.conversation import Conversation
from assistant.engine.reply import Reply

Role = Literal["assistant", "client", "stop"]
# The page shows at most this many messages; older ones leave the page (and the memory).
MAX_ENTRIES = 120
# The client's words shown back are cut here (the engine reads no more than this either).
MAX_ECHO = 2000


@dataclass(frozen=True, slots=True)
class Entry:
    """One message on the page. `seq` only grows, so the page script can add what is new."""

    seq: int
    role: Role
    text: str
    drawn: bool = False


class SessionsFull(Exception):
    """Every place in the map holds a client in the middle of a conversation."""


class WebSession:
    """A browser's conversation and everything its page shows. Nothing of it is in the cookie."""

    def __init__(self, sid: str, conversation: Conversation, now: datetime) -> None:
        self.id = sid
        self.conversation = conversation
        self.csrf = secrets.token_urlsafe(32)
        self.lock = asyncio.Lock()
        self.last_seen = now
        self.turn = 0
        """Counts the replies shown: a form from an older page (a double tap) is not applied."""
        self.generation = 0
        """Changes when a new client starts, so the page script replaces the whole log."""
        self.entries: list[Entry] = []
        self.high_contrast = False
        self.large_text = False
        self.notice: str | None = None
        """A one-off note of the web front (a stale form, a failure), shown once."""
        self.reply_start = 1
        """The first message of the latest reply: the page moves the focus there."""
        self._seq = 0
        self.reply: Reply = conversation.start()
        self._add_messages(self.reply)

    def show(
        self, reply: Reply, echo: str | None = None, *, role: Role = "client", drawn: bool = False
    ) -> None:
        """Keep the engine's reply, and the client's words that led to it, for the page.

        A reply for a new client (after an idle wipe or Finish) clears everything first: the
        messages, the display settings, any note. `drawn` marks a signature given with a drawing.
        """
        if reply.new_session:
            self.forget()
        elif echo is not None and (echo.strip() or role == "stop"):
            shown = echo if len(echo) <= MAX_ECHO else echo[:MAX_ECHO] + "…"
            self._append(Entry(self._next(), role, shown, drawn=drawn))
        self._add_messages(reply)
        self.reply = reply
        self.turn += 1

    def forget(self) -> None:
        """A new client: nothing of the last one stays on the page."""
        self.entries.clear()
        self.generation += 1
        self.high_contrast = False
        self.large_text = False
        self.notice = None

    def wipe_if_expired(self) -> bool:
        """Idle time ran out: the engine forgets the client and greets the next one."""
        if not self.conversation.idle_expired():
            return False
        self.show(self.conversation.expire())
        return True

    def _add_messages(self, reply: Reply) -> None:
        self.reply_start = self._seq + 1
        for message in reply.messages:
            self._append(Entry(self._next(), "assistant", message))

    def _append(self, entry: Entry) -> None:
        self.entries.append(entry)
        del self.entries[:-MAX_ENTRIES]

    def _next(self) -> int:
        self._seq += 1
        return self._seq


class SessionMap:
    """Sessions by cookie id, at most `cap` of them; see the module docstring."""

    def __init__(
        self,
        make: Callable[[], Conversation],
        clock: Clock,
        *,
        cap: int = 500,
        forget_after: float = 3600.0,
    ) -> None:
        self._make = make
        self._clock = clock
        self.cap = cap
        self.forget_after = forget_after
        self._sessions: dict[str, WebSession] = {}

    def __len__(self) -> int:
        return len(self._sessions)

    def get(self, sid: str | None) -> WebSession | None:
        """The session for a cookie value, or None for a missing, forged or forgotten one."""
        ws = self._sessions.get(sid) if sid else None
        if ws is not None:
            ws.last_seen = self._clock.now()
        return ws

    def create(self) -> WebSession:
        """A new session with its welcome; when full, an untouched one makes room."""
        if len(self._sessions) >= self.cap and not self._evict_resting():
            raise SessionsFull
        sid = secrets.token_urlsafe(32)
        ws = WebSession(sid, self._make(), self._clock.now())
        self._sessions[sid] = ws
        return ws

    def drop(self, sid: str) -> None:
        """Forget a session entirely (the staff exit)."""
        self._sessions.pop(sid, None)

    def live(self) -> int:
        """Sessions with a client in the middle of a conversation."""
        return sum(1 for ws in self._sessions.values() if _in_use(ws))

    def sweep(self) -> None:
        """Wipe conversations whose idle time ran out; forget long-unseen untouched sessions."""
        now = self._clock.now()
        for sid, ws in list(self._sessions.items()):
            if ws.lock.locked():
                continue  # the engine is answering; the next sweep looks again
            ws.wipe_if_expired()
            unseen = (now - ws.last_seen).total_seconds()
            if unseen > self.forget_after and not _in_use(ws):
                del self._sessions[sid]

    def _evict_resting(self) -> bool:
        resting = [ws for ws in self._sessions.values() if not _in_use(ws)]
        if not resting:
            return False
        oldest = min(resting, key=lambda ws: ws.last_seen)
        del self._sessions[oldest.id]
        return True


def _in_use(ws: WebSession) -> bool:
    return ws.lock.locked() or ws.conversation.idle_phase() != "resting"


async def sweep_forever(sessions: SessionMap, every: float) -> None:
    """Run `sessions.sweep()` every `every` seconds until cancelled."""
    while True:
        await asyncio.sleep(every)
        sessions.sweep()
