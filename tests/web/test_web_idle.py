"""The idle wipe, from the engine's one clock: countdown, "I'm still here", and a clean page."""

from __future__ import annotations

from webpage import TO_IDENTITY, Visitor

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.web.app import WebFront

NAME = "Alex Rivera"


def reach_email(visitor: Visitor) -> None:
    visitor.choose_all(TO_IDENTITY)
    visitor.say(NAME)


def idle(visitor: Visitor) -> dict[str, object]:
    response = visitor.client.get("/idle")
    assert response.headers["cache-control"] == "no-store"
    data: dict[str, object] = response.json()
    return data


def test_the_welcome_rests_until_someone_answers(visitor: Visitor, clock: ManualClock) -> None:
    clock.advance(3600)
    assert idle(visitor)["phase"] == "resting"
    assert not visitor.load().idle_open


def test_countdown_then_wipe(visitor: Visitor, clock: ManualClock, config: Config) -> None:
    reach_email(visitor)
    assert idle(visitor)["phase"] == "active"
    clock.advance(config.kiosk.idle_seconds + 5)
    state = idle(visitor)
    assert state["phase"] == "warning"
    assert state["seconds_left"] == config.kiosk.warning_seconds - 5
    page = visitor.load()  # reading the page is not activity
    assert page.idle_open
    assert f'id="idle-left">{config.kiosk.warning_seconds - 5}<' in page.html
    assert "Are you still there?" in page.text
    # Without JavaScript the page reloads itself when the countdown has run out.
    assert f'http-equiv="refresh" content="{config.kiosk.warning_seconds - 5 + 1}"' in page.html
    clock.advance(config.kiosk.warning_seconds)
    assert idle(visitor)["phase"] == "expired"
    page = visitor.load()
    assert NAME not in page.html
    assert "For your privacy, I cleared the last conversation." in page.said()
    assert page.choice_ids()[0] == "start"
    assert [m.role for m in page.messages] == ["assistant"] * len(page.messages)


def test_i_am_still_here_keeps_the_place(
    visitor: Visitor, clock: ManualClock, config: Config
) -> None:
    reach_email(visitor)
    clock.advance(config.kiosk.idle_seconds + 10)
    assert visitor.load().idle_open
    page = visitor.post("/still-here")
    assert not page.idle_open
    assert idle(visitor)["phase"] == "active"
    clock.advance(config.kiosk.idle_seconds - 1)
    assert NAME in visitor.load().html


def test_typing_on_the_page_counts_as_activity(
    visitor: Visitor, clock: ManualClock, config: Config
) -> None:
    reach_email(visitor)
    clock.advance(config.kiosk.idle_seconds - 5)
    response = visitor.client.post("/touch", data={"csrf": visitor.page.csrf})
    assert response.status_code == 204
    clock.advance(config.kiosk.idle_seconds - 5)
    assert idle(visitor)["phase"] == "active"


def test_an_answer_after_the_wipe_is_not_taken(
    visitor: Visitor, clock: ManualClock, config: Config, front: WebFront
) -> None:
    reach_email(visitor)
    stale = {"csrf": visitor.page.csrf, "turn": visitor.page.turn, "text": "a@example.org"}
    clock.advance(config.kiosk.idle_seconds + config.kiosk.warning_seconds + 1)
    response = visitor.client.post("/say", data=stale)
    assert response.status_code == 200
    assert "a@example.org" not in response.text
    assert NAME not in response.text
    [ws] = front.sessions._sessions.values()
    assert ws.reply.state == "welcome"


def test_the_sweep_wipes_a_tablet_nobody_looks_at(
    visitor: Visitor, clock: ManualClock, config: Config, front: WebFront
) -> None:
    reach_email(visitor)
    visitor.post("/display", toggle="contrast")
    clock.advance(config.kiosk.idle_seconds + config.kiosk.warning_seconds + 1)
    front.sessions.sweep()  # what the background task does every two seconds
    [ws] = front.sessions._sessions.values()
    assert all(NAME not in entry.text for entry in ws.entries)
    assert not ws.high_contrast
    assert ws.reply.new_session
    # The page learns it from /idle (a new generation) and reloads: a clean welcome.
    state = idle(visitor)
    assert state["phase"] == "resting" and state["generation"] == 1
    assert "high-contrast" not in visitor.load().html.split("<head>")[0]


def test_long_unseen_untouched_sessions_are_forgotten(
    visitor: Visitor, clock: ManualClock, front: WebFront
) -> None:
    assert len(front.sessions) == 1
    clock.advance(front.sessions.forget_after + 1)
    front.sessions.sweep()
    assert len(front.sessions) == 0
    assert idle(visitor)["phase"] == "gone"
    assert "Welcome to" in visitor.load().said()  # a new session, a new welcome


def test_finish_clears_the_page_for_the_next_client(visitor: Visitor) -> None:
    visitor.reach_review()
    visitor.choose("sign")
    visitor.sign(NAME)
    page = visitor.choose("finish")
    assert NAME not in page.html
    assert page.said().startswith("Welcome to")


def test_a_touch_from_a_forgotten_page_starts_nothing(visitor: Visitor, front: WebFront) -> None:
    csrf = visitor.page.csrf
    front.sessions.drop(next(iter(front.sessions._sessions)))
    response = visitor.client.post("/touch", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 204
    assert "set-cookie" not in response.headers
    assert len(front.sessions) == 0
