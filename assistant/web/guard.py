"""The web front's protections that apply to every response and every request body.

- `SecurityHeaders`: a strict Content-Security-Policy (scripts and styles only from our own
  files, no inline script, no framing), and `Cache-Control: no-store` on every page and JSON
  answer, so a browser keeps no copy of a client's conversation on disk or in its history.
- `BodyLimit`: a request body over the limit gets 413 and a friendly page before it is read
  (by `Content-Length`) or as soon as it passes the limit (chunked uploads).
- `FriendlyErrors`: an unexpected exception becomes a friendly page; the details go to the
  log, never to the browser.
- `same_token`: the per-session CSRF token check every form post goes through.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
STATIC_PREFIX = "/static/"
log = logging.getLogger("assistant.web")
Responder = Callable[[Scope, Receive, Send], Awaitable[None]]
MAX_BODY = 256 * 1024


class SecurityHeaders:
    """Adds the headers above to every HTTP response; `no-store` to all but static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"cache-control", b"server")
                ]
                headers.extend(HEADERS)
                cache = b"no-cache" if static else b"no-store"
                headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with `too_large` (a 413 page)."""

    def __init__(
        self,
        app: ASGIApp,
        too_large: Responder,
        limit: int = MAX_BODY,
    ) -> None:
        self.app = app
        self.too_large = too_large
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self.too_large(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, counting_receive, send)


class FriendlyErrors:
    """Turns an unexpected exception into `sorry` (a 500 page) and logs the traceback.

    It sits inside `SecurityHeaders`, so the error page carries the same headers as any page
    (Starlette's own last-resort handler sits outside every middleware).
    """

    def __init__(self, app: ASGIApp, sorry: Responder) -> None:
        self.app = app
        self.sorry = sorry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception:
            log.exception("request failed: %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await self.sorry(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def same_token(sent: object, expected: str) -> bool:
    """True when the form's CSRF token is the session's (compared in constant time)."""
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), expected.encode())
