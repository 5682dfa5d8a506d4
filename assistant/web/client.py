"""The client's routes: the page, and the form posts that talk to the engine.

Every post is answered with a redirect to `/` (post-redirect-get), so no answer of the client
ever sits in a URL, a reload never sends it twice, and Back only ever shows the current page.
Each form carries the session's CSRF token and the turn it was shown at; a form from an older
page (a double tap, a stale tab) changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from assistant.engine.reply import Reply
from assistant.web.guard import same_token
from assistant.web.sessions import Role, SessionsFull, WebSession
from assistant.web.strokes import BadDrawing, parse_strokes

if TYPE_CHECKING:
    from assistant.web.app import WebFront

COOKIE = "consent_session"
# Notes a URL may carry: fixed words, never client text.
URL_NOTES = frozenset({"reset"})
log = logging.getLogger("assistant.web")


def home() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


def text_field(form: FormData, name: str) -> str | None:
    """A text field of the form (an uploaded file where text belongs counts as missing)."""
    value = form.get(name)
    return value if isinstance(value, str) else None


class ClientRoutes:
    """The page and its posts, over the sessions and engines `front` holds."""

    def __init__(self, front: WebFront) -> None:
        self.front = front

    # ------------------------------------------------------------ reading

    async def page(self, request: Request) -> Response:
        """GET /: the conversation (a new session and its welcome for a new browser)."""
        sessions = self.front.sessions
        ws = sessions.get(request.cookies.get(COOKIE))
        created = ws is None
        if ws is None:
            try:
                ws = sessions.create()
            except SessionsFull:
                return self.front.pages.error("busy", 503)
            note = request.query_params.get("note")
            ws.notice = note if note in URL_NOTES else None
        if not ws.lock.locked():
            ws.wipe_if_expired()
        notice, ws.notice = ws.notice, None
        response = self.front.pages.conversation(ws, notice=notice)
        if created:
            self.set_cookie(request, response, ws)
        return response

    async def idle(self, request: Request) -> Response:
        """GET /idle: the engine's idle phase for the page's countdown (never counts as use)."""
        ws = self.front.sessions.get(request.cookies.get(COOKIE))
        if ws is None:
            return JSONResponse({"phase": "gone"})
        conversation = ws.conversation
        return JSONResponse(
            {
                "phase": conversation.idle_phase(),
                "seconds_left": conversation.idle_seconds_left(),
                "turn": ws.turn,
                "generation": ws.generation,
            }
        )

    # ------------------------------------------------------------ talking to the engine

    async def say(self, request: Request) -> Response:
        """POST /say: a typed line."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, form = posted
        text = text_field(form, "text") or ""
        return await self._turn(ws, form, lambda: ws.conversation.send(text), echo=text)

    async def choose(self, request: Request) -> Response:
        """POST /choose: a quick-reply button."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, form = posted
        wanted = text_field(form, "choice")
        choice = next((c for c in ws.reply.choices if c.id == wanted), None)
        if choice is None:
            return await self._turn(ws, form, None, echo=None)
        return await self._turn(
            ws, form, lambda: ws.conversation.choose(choice.id), echo=choice.label
        )

    async def sign(self, request: Request) -> Response:
        """POST /sign: the typed name, with the drawn strokes when the pad was used."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, form = posted
        name = text_field(form, "name") or ""
        try:
            strokes = parse_strokes(text_field(form, "strokes") or "")
        except BadDrawing as exc:
            log.info("refused a drawing: %s", exc)
            ws.notice = "bad_drawing"
            return home()
        if ws.reply.input_kind != "signature":
            return await self._turn(ws, form, None, echo=None)

        def sign() -> Reply:
            ws.conversation.set_signature_strokes(strokes)
            return ws.conversation.send(name)

        return await self._turn(ws, form, sign, echo=name, drawn=bool(strokes))

    async def stop(self, request: Request) -> Response:
        """POST /stop: the Stop button, valid on any page whatever its turn."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, form = posted
        return await self._turn(
            ws, form, ws.conversation.stop, echo="", role="stop", check_turn=False
        )

    async def _turn(
        self,
        ws: WebSession,
        form: FormData,
        call: Callable[[], Reply] | None,
        *,
        echo: str | None,
        role: Role = "client",
        drawn: bool = False,
        check_turn: bool = True,
    ) -> Response:
        """Run one engine call for `ws` (in a worker thread, one at a time) and show its reply."""
        async with ws.lock:
            if ws.wipe_if_expired():
                return home()  # it came after the idle wipe: the new client starts clean
            if call is None or (check_turn and text_field(form, "turn") != str(ws.turn)):
                ws.notice = "stale"
                return home()
            try:
                reply = await run_in_threadpool(call)
            except Exception:  # the client sees a friendly note; the details go to the log
                log.exception("the engine failed")
                ws.notice = "sorry"
                return home()
            ws.show(reply, echo, role=role, drawn=drawn)
        if reply.ended:
            self.front.delivery.kick()
        return home()

    # ------------------------------------------------------------ idle and display

    async def touch(self, request: Request) -> Response:
        """POST /touch: the page saw the client type, tap or scroll (sent now and then).

        Never a redirect: a page left over from a forgotten session must not start a new one
        in the background.
        """
        form = await request.form(max_files=0, max_fields=5)
        ws = self.front.sessions.get(request.cookies.get(COOKIE))
        if ws is None or not same_token(form.get("csrf"), ws.csrf):
            return Response(status_code=204)
        if ws.conversation.idle_phase() in ("active", "warning"):
            ws.conversation.touch()
        return Response(status_code=204)

    async def still_here(self, request: Request) -> Response:
        """POST /still-here: "I'm still here" on the countdown."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, _ = posted
        async with ws.lock:
            if not ws.wipe_if_expired() and ws.conversation.idle_phase() != "resting":
                ws.conversation.touch()
        return home()

    async def display(self, request: Request) -> Response:
        """POST /display: high contrast or large text on or off (wiped with the session)."""
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        ws, form = posted
        async with ws.lock:
            if ws.wipe_if_expired():
                return home()
            setting = text_field(form, "toggle")
            if setting == "contrast":
                ws.high_contrast = not ws.high_contrast
            elif setting == "text":
                ws.large_text = not ws.large_text
            ws.conversation.touch()
        return home()

    # ------------------------------------------------------------ helpers

    async def _posted(self, request: Request) -> tuple[WebSession, FormData] | Response:
        """The session and form of a post whose CSRF token is right; else the response."""
        form = await request.form(max_files=0, max_fields=20)
        ws = self.front.sessions.get(request.cookies.get(COOKIE))
        if ws is None:
            # The session is gone (a restart, a long absence, the staff exit): start afresh.
            return RedirectResponse("/?note=reset", status_code=303)
        if not same_token(form.get("csrf"), ws.csrf):
            return self.front.pages.error("forbidden", 403)
        return ws, form

    def set_cookie(self, request: Request, response: Response, ws: WebSession) -> None:
        """The session cookie: opaque, script-proof, first-party, https-only behind TLS."""
        response.set_cookie(
            COOKIE,
            ws.id,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )
