"""The web front's ASGI app and its factory, `make_web`, used by the command line and the tests.

Starlette rather than a bigger framework: the page is server-rendered HTML with a handful of
routes, and Starlette gives exactly that (routing, forms, static files, a TestClient) with
few dependencies; uvicorn serves it. Nothing here decides where the conversation goes: the
routes forward to the engine and render its replies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from assistant.clock import Clock
from assistant.config import Config
from assistant.engine.content import Content, load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import RecordKeeper
from assistant.web.client import ClientRoutes
from assistant.web.delivery import Delivery
from assistant.web.guard import MAX_BODY, BodyLimit, FriendlyErrors, SecurityHeaders
from assistant.web.render import STATIC, Pages
from assistant.web.sessions import SessionMap, sweep_forever
from assistant.web.staff import StaffRoutes

log = logging.getLogger("assistant.web")

SWEEP_SECONDS = 2.0
ERROR_KINDS = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "not_found",
               413: "too_large"}  # fmt: skip


@dataclass
class WebFront:
    """Everything the routes share: the practice, the clock, the records, the sessions."""

    config: Config
    clock: Clock
    records: RecordKeeper
    data_dir: Path
    content: Content
    on_exit: Callable[[], None]
    max_sessions: int = 500
    pages: Pages = field(init=False)
    sessions: SessionMap = field(init=False)
    delivery: Delivery = field(init=False)
    client: ClientRoutes = field(init=False)
    staff: StaffRoutes = field(init=False)

    def __post_init__(self) -> None:
        self.pages = Pages.load(self.config)
        self.sessions = SessionMap(self.new_conversation, self.clock, cap=self.max_sessions)
        self.delivery = Delivery(self.records)
        self.client = ClientRoutes(self)
        self.staff = StaffRoutes(self)

    def new_conversation(self) -> Conversation:
        """One client's engine; the content, records and clock are shared by all."""
        return Conversation(
            self.config, clock=self.clock, records=self.records, content=self.content
        )

    # ------------------------------------------------------------ error pages

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return self.pages.error(ERROR_KINDS.get(status, "sorry"), status)

    async def too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.pages.error("too_large", 413)(scope, receive, send)

    async def sorry(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.pages.error("sorry", 500)(scope, receive, send)

    async def health(self, request: Request) -> Response:
        """GET /healthz for the reverse proxy and monitoring: no client data."""
        return PlainTextResponse("ok")

    # ------------------------------------------------------------ life cycle

    async def warm_up(self) -> None:
        """Build the question matcher and the safety net's learned signals on a worker thread
        at start, so that no client's first question waits for them."""
        from assistant.engine.questions import prepare

        try:
            await run_in_threadpool(prepare, self.content)
        except Exception:  # the first question builds it again, or says why not
            log.exception("question matcher warm-up failed")

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        tasks = [
            asyncio.create_task(sweep_forever(self.sessions, SWEEP_SECONDS)),
            asyncio.create_task(self.delivery.run_forever()),
            asyncio.create_task(self.warm_up()),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def make_web(
    config: Config,
    *,
    clock: Clock,
    records: RecordKeeper,
    data_dir: Path,
    content: Content | None = None,
    on_exit: Callable[[], None] | None = None,
    max_sessions: int = 500,
    max_body: int = MAX_BODY,
) -> Starlette:
    """Build the web front for the command line and for the tests.

    `records` files every ending (a `DurableRecords` with `deliver_inline=False`; its mail is
    sent by the app's background delivery task). `on_exit` is called when staff stop the web
    kiosk from the panel (the command line stops the server). The app's `state.front` is the
    `WebFront`, for tests that look inside.
    """
    front = WebFront(
        config,
        clock,
        records,
        Path(data_dir),
        content or load_content(),
        on_exit or (lambda: None),
        max_sessions=max_sessions,
    )
    client, staff = front.client, front.staff
    routes = [
        Route("/", client.page, methods=["GET"]),
        Route("/idle", client.idle, methods=["GET"]),
        Route("/say", client.say, methods=["POST"]),
        Route("/choose", client.choose, methods=["POST"]),
        Route("/sign", client.sign, methods=["POST"]),
        Route("/stop", client.stop, methods=["POST"]),
        Route("/touch", client.touch, methods=["POST"]),
        Route("/still-here", client.still_here, methods=["POST"]),
        Route("/display", client.display, methods=["POST"]),
        Route("/staff", staff.pin_page, methods=["GET"]),
        Route("/staff", staff.check, methods=["POST"]),
        Route("/staff/panel", staff.panel, methods=["GET"]),
        Route("/staff/panel", staff.act, methods=["POST"]),
        Route("/healthz", front.health, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(FriendlyErrors, sorry=front.sorry),
            Middleware(BodyLimit, too_large=front.too_large, limit=max_body),
        ],
        exception_handlers={HTTPException: front.http_error},
        lifespan=front.lifespan,
    )
    app.state.front = front
    return app
