"""The staff exit: the clinician's PIN leaves the client's page for a small staff panel.

A right PIN wipes the conversation of that browser and opens the panel (send queued mail now,
back to the kiosk, stop the web kiosk) for a few minutes. Every wrong PIN doubles the wait
before the next try, for every browser at once; the wait is kept in the data folder, so a
restart does not clear it.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from assistant.clock import Clock
from assistant.config import check_pin
from assistant.web.client import COOKIE, text_field
from assistant.web.guard import same_token
from assistant.web.sessions import SessionsFull

if TYPE_CHECKING:
    from assistant.web.app import WebFront

STAFF_COOKIE = "consent_staff"
GRANT_TIME = timedelta(minutes=10)
MAX_WAIT_SECONDS = 300.0
BACKOFF_FILE = "web-pin.json"


class PinBackoff:
    """Counts wrong PINs in `data_dir/web-pin.json`: 1, 2, 4 ... seconds, at most 5 minutes."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.path = data_dir / BACKOFF_FILE
        self.clock = clock

    def wait(self) -> int:
        """Whole seconds before another PIN may be tried (0: try now)."""
        _, until = self._read()
        if until is None:
            return 0
        return max(0, math.ceil((until - self.clock.now()).total_seconds()))

    def failed(self) -> int:
        """Count a wrong PIN; returns the wait it imposes."""
        failures, _ = self._read()
        failures += 1
        delay = min(2.0 ** (failures - 1), MAX_WAIT_SECONDS)
        self._write(failures, self.clock.now() + timedelta(seconds=delay))
        return math.ceil(delay)

    def succeeded(self) -> None:
        """The right PIN: count afresh."""
        self.path.unlink(missing_ok=True)

    def _read(self) -> tuple[int, datetime | None]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return int(data["failures"]), datetime.fromisoformat(data["locked_until"])
        except FileNotFoundError:
            return 0, None
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not open the door: treat it as the longest wait.
            return 10, self.clock.now() + timedelta(seconds=MAX_WAIT_SECONDS)

    def _write(self, failures: int, until: datetime) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"failures": failures, "locked_until": until.isoformat()}), "utf-8"
        )
        os.replace(tmp, self.path)


@dataclass
class Grant:
    """A staff panel opened with the right PIN, until `expires`."""

    csrf: str
    expires: datetime


class StaffRoutes:
    """/staff (the PIN) and /staff/panel (what staff can do once the PIN was right)."""

    def __init__(self, front: WebFront) -> None:
        self.front = front
        self.backoff = PinBackoff(front.data_dir, front.clock)
        self._grants: dict[str, Grant] = {}
        self._checking = asyncio.Lock()

    async def pin_page(self, request: Request) -> Response:
        """GET /staff: the PIN form (Cancel goes back to the conversation, untouched)."""
        sessions = self.front.sessions
        ws = sessions.get(request.cookies.get(COOKIE))
        created = ws is None
        if ws is None:
            try:
                ws = sessions.create()
            except SessionsFull:
                return self.front.pages.error("busy", 503)
        notice, ws.notice = ws.notice, None
        response = self.front.pages.html(
            "staff_pin.html", csrf=ws.csrf, notice=notice, wait=self.backoff.wait()
        )
        if created:
            self.front.client.set_cookie(request, response, ws)
        return response

    async def check(self, request: Request) -> Response:
        """POST /staff: check the PIN (PBKDF2 in a worker thread), with the back-off."""
        form = await request.form(max_files=0, max_fields=10)
        ws = self.front.sessions.get(request.cookies.get(COOKIE))
        if ws is None or not same_token(form.get("csrf"), ws.csrf):
            return self.front.pages.error("forbidden", 403)
        again = RedirectResponse("/staff", status_code=303)
        if self._checking.locked() or self.backoff.wait():
            ws.notice = "pin_wait"
            return again
        async with self._checking:
            pin = text_field(form, "pin") or ""
            ok = await run_in_threadpool(check_pin, pin, self.front.config.kiosk.pin_hash)
            if not ok:
                self.backoff.failed()
                ws.notice = "pin_wrong"
                return again
            self.backoff.succeeded()
        # The client's conversation goes, whatever it held; the panel opens.
        self.front.sessions.drop(ws.id)
        token = secrets.token_urlsafe(32)
        self._grants[token] = Grant(secrets.token_urlsafe(32), self.front.clock.now() + GRANT_TIME)
        response = RedirectResponse("/staff/panel", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        response.set_cookie(
            STAFF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/staff",
        )
        return response

    async def panel(self, request: Request) -> Response:
        """GET /staff/panel: live conversations and the staff actions."""
        grant = self._grant(request)
        if grant is None:
            return RedirectResponse("/staff", status_code=303)
        return self.front.pages.html(
            "staff_panel.html",
            csrf=grant.csrf,
            live=self.front.sessions.live(),
            delivering=self.front.delivery.busy,
            note=request.query_params.get("note") == "deliver",
        )

    async def act(self, request: Request) -> Response:
        """POST /staff/panel: send mail now, back to the kiosk, or stop the web kiosk."""
        grant = self._grant(request)
        form = await request.form(max_files=0, max_fields=10)
        if grant is None or not same_token(form.get("csrf"), grant.csrf):
            return self.front.pages.error("forbidden", 403)
        action = text_field(form, "action")
        if action == "deliver":
            self.front.delivery.kick(force=True)
            return RedirectResponse("/staff/panel?note=deliver", status_code=303)
        self._grants.pop(request.cookies.get(STAFF_COOKIE, ""), None)
        if action == "shutdown":
            self.front.on_exit()
            response: Response = self.front.pages.html("staff_stopped.html")
        else:
            response = RedirectResponse("/", status_code=303)
        response.delete_cookie(STAFF_COOKIE, path="/staff")
        return response

    def _grant(self, request: Request) -> Grant | None:
        now = self.front.clock.now()
        for token, grant in list(self._grants.items()):
            if grant.expires <= now:
                del self._grants[token]
        return self._grants.get(request.cookies.get(STAFF_COOKIE, ""))
