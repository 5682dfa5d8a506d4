"""The web front in real Chromium: a whole consent with a drawn signature, checked at every
step at phone and tablet size (layout, touch targets, an axe-core scan); the idle wipe; and the
page without JavaScript.

One browser for the module; each test gets its own server (uvicorn in a thread, real records,
the ManualClock) and its own browser context (cookies, history). The tests are few and walk
the consent once each, to keep the suite quick. Set CONSENT_WEB_SCREENSHOTS=DIR to keep the
phone and tablet screenshots (docs/ holds them).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live import CHROMIUM_ARGS, PHONE, TABLET, LiveServer, axe_path, chromium_path
from starlette.applications import Starlette
from webpage import TO_IDENTITY, TYPED, wait_for

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.records.keeper import DurableRecords

NAME = "Alex Rivera"
MIN_TARGET = 44


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium binary: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(app: Starlette) -> Iterator[LiveServer]:
    server = LiveServer(app).start()
    yield server
    server.stop()


class Tab:
    """One page in its own browser context, with the errors it logged."""

    def __init__(self, browser: Any, live: LiveServer, **options: Any) -> None:
        # Reduced motion: no smooth scrolling for Playwright to wait out after each reply.
        self.context = browser.new_context(reduced_motion="reduce", **options)
        self.page = self.context.new_page()
        self.url = live.url
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.set_default_timeout(10_000)

    def open(self) -> Tab:
        self.page.goto(self.url)
        return self

    def turn(self) -> int:
        return int(self.page.get_attribute("body", "data-turn") or "0")

    def wait_turn(self, turn: int) -> None:
        self.page.locator(f'body[data-turn="{turn}"]').wait_for(state="attached")

    def choose(self, choice_id: str) -> None:
        turn = self.turn()
        self.page.click(f'button[name="choice"][value="{choice_id}"]')
        self.wait_turn(turn + 1)

    def type_answer(self, text: str) -> None:
        turn = self.turn()
        self.page.fill("#answer", text)
        self.page.press("#answer", "Enter")
        self.wait_turn(turn + 1)

    def focused_is_reply_start(self) -> bool:
        return bool(
            self.page.evaluate(
                "() => document.activeElement.dataset.seq"
                " === document.getElementById('log').dataset.replyStart"
            )
        )

    def text(self) -> str:
        return str(self.page.inner_text("body"))

    def close(self) -> None:
        self.context.close()


def screenshot(tab: Tab, name: str) -> None:
    """Keep a screenshot where CONSENT_WEB_SCREENSHOTS says (docs/ keeps the phone and tablet)."""
    folder = os.environ.get("CONSENT_WEB_SCREENSHOTS")
    if folder:
        tab.page.mouse.move(0, 0)  # no hover colour on the last button clicked
        tab.page.screenshot(path=str(Path(folder) / name))


def draw_signature(tab: Tab) -> None:
    pad = tab.page.locator("#pad-canvas")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    mouse = tab.page.mouse
    mouse.move(x + 0.08 * w, y + 0.7 * h)
    mouse.down()
    for i in range(1, 25):
        mouse.move(x + (0.08 + i * 0.035) * w, y + (0.5 + 0.25 * (-1) ** i) * h, steps=2)
    mouse.up()
    mouse.move(x + 0.1 * w, y + 0.85 * h)
    mouse.down()
    mouse.move(x + 0.9 * w, y + 0.8 * h, steps=8)
    mouse.up()


def pdf_text(data_dir: Path) -> str:
    import email
    from email import policy

    from pypdf import PdfReader

    texts = []
    for path in sorted((data_dir / "outbox" / "new").iterdir()):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in message.iter_attachments():  # type: ignore[attr-defined]
            if part.get_content_type() == "application/pdf":
                reader = PdfReader(io.BytesIO(part.get_content()))
                texts.append("\n".join(page.extract_text() for page in reader.pages))
    return "\n".join(texts)


def layout_problems(tab: Tab) -> list[str]:
    """Horizontal scrolling, or controls smaller than a finger, on the current page."""
    found: list[str] = tab.page.evaluate(
        """(minimum) => {
          const problems = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            problems.push('scrolls sideways: ' + document.documentElement.scrollWidth);
          const controls = 'a, button, input:not([type=hidden]), summary, canvas';
          for (const el of document.querySelectorAll(controls)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;  // not shown
            if (r.bottom < 0) continue;  // the skip link, until it has the focus
            if (r.height < minimum || r.width < minimum)
              problems.push((el.textContent.trim() || el.id) + ' ' + r.width + 'x' + r.height);
          }
          return problems;
        }""",
        MIN_TARGET,
    )
    return found


def axe_violations(tab: Tab) -> list[str]:
    """axe-core's serious and critical findings on the current page."""
    result: list[dict[str, Any]] = tab.page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [
        f"{v['impact']}: {v['id']} at {v['nodes']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


class Checker:
    """Checks the current page at phone size (and at tablet size where asked)."""

    def __init__(self, tab: Tab, axe: bool) -> None:
        self.tab = tab
        self.axe = axe
        self.problems: dict[str, list[str]] = {}

    def __call__(self, step: str, *, tablet: bool = False, shot: str = "") -> None:
        for size, viewport in (("phone", PHONE), ("tablet", TABLET))[: 2 if tablet else 1]:
            self.tab.page.set_viewport_size(viewport)
            found = layout_problems(self.tab)
            if self.axe:
                found += axe_violations(self.tab)
            if found:
                self.problems[f"{step} ({size})"] = found
            if shot and size == "tablet":
                screenshot(self.tab, shot)
        self.tab.page.set_viewport_size(PHONE)


def test_a_whole_consent_with_a_drawn_signature_checked_at_every_step(
    browser: Any,
    live: LiveServer,
    records: DurableRecords,
    data_dir: Path,
    clock: ManualClock,
    config: Config,
) -> None:
    axe = axe_path()
    tab = Tab(browser, live, viewport=PHONE, has_touch=True)
    if axe is not None:
        # Injected by the browser itself (as an extension would be), so the page's CSP stays.
        tab.context.add_init_script(path=str(axe))
    check = Checker(tab, axe is not None)
    page = tab.open().page
    assert tab.focused_is_reply_start()
    log = page.query_selector("#log")
    assert log is not None and log.get_attribute("aria-live") == "polite"
    check("welcome", tablet=True)
    for choice_id in TO_IDENTITY:
        if choice_id.startswith(TYPED):
            tab.type_answer(choice_id.removeprefix(TYPED))
        else:
            tab.choose(choice_id)
        assert tab.focused_is_reply_start(), choice_id
    # New messages were added to the same live region, not to a new one.
    assert log.evaluate("node => node.isConnected")
    assert page.get_attribute("#answer", "autocomplete") == "off"
    check("name")
    tab.type_answer(NAME)
    tab.choose("skip")
    assert page.is_visible("text=The form you are about to sign")
    check("review", tablet=True, shot="web-tablet.png")

    tab.choose("sign")
    assert page.is_visible("#pad-canvas")
    draw_signature(tab)
    strokes = json.loads(page.input_value("#strokes"))
    assert len(strokes) == 2 and len(strokes[0]) > 10
    assert all(0 <= v <= 1 for stroke in strokes for point in stroke for v in point)
    page.fill("#answer", NAME)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    screenshot(tab, "web-phone.png")
    check("signature", tablet=True)

    # A display change keeps the drawing and the typed name.
    page.click("summary")
    page.click('button[value="contrast"]')
    page.locator("html.high-contrast").wait_for(state="attached")
    page.click('button[value="text"]')
    page.locator("html.large-text").wait_for(state="attached")
    page.keyboard.press("Escape")
    assert json.loads(page.input_value("#strokes")) == strokes
    assert page.input_value("#answer") == NAME
    check("signature, high contrast, large text", tablet=True)

    clock.advance(config.kiosk.idle_seconds + 1)
    page.locator("dialog#idle").wait_for(state="visible")
    check("idle countdown")
    page.click("#still-here")
    page.locator("dialog#idle").wait_for(state="hidden")
    assert page.input_value("#answer") == NAME

    turn = tab.turn()
    page.click("#sign-form button[type=submit]")
    tab.wait_turn(turn + 1)
    reference = records.latest_reference()
    assert reference and page.is_visible(f".reference >> text={reference}")
    assert "With your drawn signature" in tab.text()
    check("signed", tablet=True)
    # The clinician's email carries the PDF, and the PDF carries the drawing.
    wait_for(lambda: records.outbox_count() >= 1)
    assert "How: typed name and drawn signature" in pdf_text(data_dir)
    assert tab.errors == []

    page.goto(live.url + "staff")
    check("staff PIN")
    page.goto(live.url + "no-such-page")
    check("not found")
    assert check.problems == {}
    tab.close()
    if axe is None:
        pytest.skip("checked without axe-core: npm install axe-core@4 into .ci (.ci/run does)")


def test_idle_countdown_then_a_clean_page(
    browser: Any, live: LiveServer, clock: ManualClock, config: Config
) -> None:
    tab = Tab(browser, live, viewport=TABLET).open()
    page = tab.page
    question = f"Can {NAME} stop the recording later?"
    tab.type_answer(question)
    assert question in tab.text()
    clock.advance(config.kiosk.idle_seconds + 2)
    dialog = page.locator("dialog#idle")
    dialog.wait_for(state="visible")
    assert page.evaluate("() => document.getElementById('idle').matches(':modal')")
    assert page.evaluate("() => document.activeElement.id") == "still-here"
    left = int(page.inner_text("#idle-left"))
    assert 0 < left <= config.kiosk.warning_seconds - 2
    # Any key counts as "still here": the page tells the engine, the countdown goes away.
    page.keyboard.press("Shift")
    dialog.wait_for(state="hidden")
    assert question in tab.text()
    clock.advance(config.kiosk.idle_seconds + config.kiosk.warning_seconds + 1)
    page.locator("text=For your privacy, I cleared the last conversation.").wait_for()
    assert NAME not in page.content()
    assert page.input_value("#answer") == ""
    # Back shows nothing of the last client either.
    page.go_back()
    page.wait_for_load_state()
    assert NAME not in page.content()
    assert tab.errors == []
    tab.close()


def test_without_javascript_the_forms_still_work(
    browser: Any, live: LiveServer, records: DurableRecords
) -> None:
    tab = Tab(browser, live, viewport=PHONE, java_script_enabled=False).open()
    page = tab.page
    question = "Who can see my notes?"
    page.fill("#answer", question)
    page.press("#answer", "Enter")
    # the form posts and a new page loads: wait for it (content() mid-load can be empty)
    page.get_by_text(question, exact=True).wait_for()
    page.click('button[value="start"]')
    page.click("button.stop")  # Stop: nothing is recorded
    page.click('button[value="tell"]')
    page.fill("#answer", NAME)
    page.press("#answer", "Enter")
    # the form posts and a new page loads: wait for it (is_visible alone does not wait)
    page.locator("text=will know not to record").wait_for()
    assert page.url == live.url  # no client text in any address
    assert records.latest_status() == "declined"
    page.click('button[value="finish"]')
    assert NAME not in page.content() and question not in page.content()
    for _ in range(3):  # the history holds only "/", and Back loads it afresh each time
        page.go_back()
        assert NAME not in page.content() and question not in page.content()
    tab.close()
