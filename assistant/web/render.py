"""The web front's HTML: a jinja2 environment with autoescape on, and the page's view model.

These templates are the web front's own (`assistant/web/templates`), separate from the
engine's content templates: everything they show that came from a client or from the engine
is data, escaped on the way out, never template source. Sentences of the page's chrome (button
labels, headings, notes) live in the templates, not in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from assistant import __version__
from assistant.config import Config
from assistant.engine.reply import Reply
from assistant.web.document import blocks
from assistant.web.sessions import WebSession

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

View = Literal["chat", "review", "signature", "done"]


def view_for(reply: Reply) -> View:
    """Which panel the page shows under the conversation, read from the reply's own fields."""
    if reply.ended:
        return "done"
    if reply.form is not None:
        return "review"
    if reply.input_kind == "signature":
        return "signature"
    return "chat"


_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with control characters shown as their Unicode pictures (ESC as ␛).

    Autoescape already makes markup inert; this keeps a pasted escape sequence or a stray
    control byte visible instead of silently odd, as the kiosk does. Newlines stay.
    """
    return _CONTROLS.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def lines(text: str) -> list[str]:
    """A message's lines (the engine separates sentences-to-show with newlines)."""
    return [line for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Pages:
    """Renders the web front's templates for one practice."""

    config: Config
    env: Environment

    @classmethod
    def load(cls, config: Config) -> Pages:
        env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            auto_reload=False,  # templates ship with the package; no stat() per page
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["lines"] = lines
        env.filters["visible"] = visible
        env.filters["form_blocks"] = blocks
        env.globals["practice"] = config.practice.name
        env.globals["version"] = __version__
        return cls(config, env)

    def html(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The template `name` rendered with `context`, as an HTML response."""
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def conversation(self, ws: WebSession, *, notice: str | None) -> HTMLResponse:
        """The client's page: the whole conversation so far and what they can do next."""
        conversation = ws.conversation
        reply = ws.reply
        kiosk = self.config.kiosk
        return self.html(
            "page.html",
            reply=reply,
            view=view_for(reply),
            entries=ws.entries,
            reply_start=ws.reply_start,
            generation=ws.generation,
            turn=ws.turn,
            csrf=ws.csrf,
            high_contrast=ws.high_contrast,
            large_text=ws.large_text,
            notice=notice,
            phase=conversation.idle_phase(),
            seconds_left=conversation.idle_seconds_left(),
            # Without JavaScript the page reloads itself once the idle time and the countdown
            # have run out, and the server wipes the conversation on that load.
            refresh_after=kiosk.idle_seconds + kiosk.warning_seconds + 1,
        )

    def error(self, kind: str, status: int) -> HTMLResponse:
        """A friendly page for `kind` (not_found, too_large, forbidden, busy, sorry...)."""
        return self.html("error.html", status=status, kind=kind)
