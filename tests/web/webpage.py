"""Reading the web front's HTML in tests as a browser would: forms, buttons, messages, text.

`Visitor` is one browser (a TestClient with its cookie jar) that reads each page and answers
through the page's own forms, with the CSRF token and turn the page carries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from starlette.testclient import TestClient

# What a client chooses to reach each step of the consent (the buttons' ids).
TO_CHOICES = ["start", "continue", "ready"]
TO_CHECK = [*TO_CHOICES, "yes_agree", "yes_summary", "no_supervision"]
TYPED = "say:"
"""A step of a path that types its answer (an open check question) instead of a button."""
TO_IDENTITY = [*TO_CHECK, "no", "yes", f"{TYPED}it is deleted right away"]


@dataclass
class Message:
    role: str
    text: str


@dataclass
class Page:
    """What one HTML page holds, as far as the tests care."""

    html: str
    hidden: dict[str, str] = field(default_factory=dict)
    choices: list[tuple[str, str]] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    text: str = ""
    view: str = ""
    idle_open: bool = False

    @property
    def csrf(self) -> str:
        return self.hidden["csrf"]

    @property
    def turn(self) -> str:
        return self.hidden.get("turn", "")

    def said(self) -> str:
        """Everything the assistant said on the page, one message a line."""
        return "\n".join(m.text for m in self.messages if m.role == "assistant")

    def choice_ids(self) -> list[str]:
        return [c[0] for c in self.choices]


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.text: list[str] = []
        self._message: Message | None = None
        self._button: str | None = None
        self._label: list[str] = []
        self._skip = 0
        self._aside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.page.hidden.setdefault(a["name"], a.get("value", ""))
        if tag == "form":
            self.page.actions.append(a.get("action", ""))
        if tag == "li" and "message" in a.get("class", ""):
            role = next(c[5:] for c in a["class"].split() if c.startswith("from-"))
            self._message = Message(role, "")
        if tag == "span" and self._message is not None and "visually-hidden" in a.get("class", ""):
            self._aside = True
        if tag == "button" and a.get("name") == "choice":
            self._button = a.get("value", "")
            self._label = []
        if tag == "div" and a.get("id") == "panel":
            self.page.view = a.get("data-view", "")
        if tag == "dialog" and a.get("id") == "idle":
            self.page.idle_open = "open" in a

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "span":
            self._aside = False
        if tag == "li" and self._message is not None:
            parts = self._message.text.split("\n")
            self._message.text = "\n".join(" ".join(p.split()) for p in parts if p.strip())
            self.page.messages.append(self._message)
            self._message = None
        if tag == "button" and self._button is not None:
            self.page.choices.append((self._button, " ".join("".join(self._label).split())))
            self._button = None
        if tag == "p" and self._message is not None:
            self._message.text += "\n"

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._message is not None and not self._aside:
            self._message.text += data
        if self._button is not None:
            self._label.append(data)


def read_page(html: str) -> Page:
    page = Page(html)
    reader = _Reader(page)
    reader.feed(html)
    page.text = " ".join(" ".join(reader.text).split())
    return page


class Visitor:
    """One browser session talking to the web front through its forms."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.page = self.load()

    def load(self) -> Page:
        response = self.client.get("/")
        assert response.status_code == 200, response.text[:500]
        self.page = read_page(response.text)
        return self.page

    def post(self, path: str, **fields: str) -> Page:
        """Post a form of the current page (its CSRF token and turn added) and follow it."""
        data = {"csrf": self.page.csrf, "turn": self.page.turn, **fields}
        response = self.client.post(path, data=data, follow_redirects=False)
        assert response.status_code == 303, (response.status_code, response.text[:500])
        assert response.headers["location"] in ("/", "/?note=reset")
        return self.load()

    def choose(self, choice_id: str) -> Page:
        assert choice_id in self.page.choice_ids(), (choice_id, self.page.choices)
        return self.post("/choose", choice=choice_id)

    def choose_all(self, ids: list[str]) -> Page:
        for choice_id in ids:
            if choice_id.startswith(TYPED):
                self.say(choice_id.removeprefix(TYPED))
            else:
                self.choose(choice_id)
        return self.page

    def say(self, text: str) -> Page:
        assert "/say" in self.page.actions, "this page has no text box"
        return self.post("/say", text=text)

    def sign(self, name: str, strokes: str = "") -> Page:
        assert "/sign" in self.page.actions, "this page has no signature form"
        return self.post("/sign", name=name, strokes=strokes)

    def stop(self) -> Page:
        return self.post("/stop")

    def reach_review(self, name: str = "Alex Rivera", email: str = "skip") -> Page:
        self.choose_all(TO_IDENTITY)
        self.say(name)
        return self.say(email)


def wait_for(check: Callable[[], bool], seconds: float = 20.0) -> None:
    """Wait until `check()` holds (background delivery runs on the app's own loop)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)
