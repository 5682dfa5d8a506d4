"""What a hostile or careless request meets: CSRF, escaping, size limits, headers, errors."""

from __future__ import annotations

import pytest
from markupsafe import escape
from starlette.testclient import TestClient
from webpage import TO_IDENTITY, Visitor, read_page

from assistant.web.app import WebFront
from assistant.web.client import COOKIE
from assistant.web.render import Pages

HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}", "[@click=app.quit]"]


def test_every_page_carries_the_protective_headers(client: TestClient) -> None:
    for path in ("/", "/staff", "/no-such-page", "/idle"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"
        assert "server" not in response.headers


def test_the_page_has_no_inline_script_or_style(visitor: Visitor) -> None:
    html = visitor.page.html
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert " on" not in html.replace(" one", "").split("<body")[1].split(">")[0]
    for tag in html.split("<script")[1:]:
        assert tag.lstrip().startswith('src="/static/')


def test_the_session_cookie_is_opaque_and_script_proof(client: TestClient) -> None:
    response = client.get("/")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()  # gone with the browser
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 40


def test_a_post_without_the_token_changes_nothing(visitor: Visitor, front: WebFront) -> None:
    before = visitor.page.said()
    for token in (None, "", "forged"):
        data = {"choice": "start", "turn": visitor.page.turn}
        if token is not None:
            data["csrf"] = token
        response = visitor.client.post("/choose", data=data, follow_redirects=False)
        assert response.status_code == 403
        assert "That form was not accepted" in response.text
    assert visitor.load().said() == before


def test_a_post_from_another_browser_session_starts_it_afresh(client: TestClient) -> None:
    response = client.post("/say", data={"text": "hello", "csrf": "x"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/?note=reset"
    page = read_page(client.get("/?note=reset").text)
    assert "This page had been reset" in page.text
    assert "hello" not in page.text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_client_text_is_shown_escaped_and_inert(visitor: Visitor, hostile: str) -> None:
    page = visitor.say(hostile)  # a question at the welcome
    assert str(escape(hostile)) in page.html
    assert "<script>alert" not in page.html
    assert "49" not in page.text
    assert [m.text for m in page.messages if m.role == "client"] == [hostile]


def test_a_hostile_name_is_escaped_in_the_form_and_the_signature_prompt(
    visitor: Visitor,
) -> None:
    name = "<b>Alex</b> {{ 7*7 }} [@click=app.quit]"
    visitor.choose_all(TO_IDENTITY)
    visitor.say(name)
    page = visitor.choose("skip")
    assert page.view == "review"
    assert "&lt;b&gt;Alex&lt;/b&gt; {{ 7*7 }} [@click=app.quit]" in page.html
    assert "<b>Alex</b>" not in page.html and "49" not in page.text
    page = visitor.choose("sign")
    assert "exactly as you gave it: &lt;b&gt;Alex&lt;/b&gt;" in page.html


def test_control_characters_show_as_symbols(visitor: Visitor) -> None:
    page = visitor.say("hi\x1b[31m there\x07")
    [echo] = [m.text for m in page.messages if m.role == "client"]
    assert echo == "hi␛[31m there␇"


def test_no_client_text_ever_reaches_a_url(visitor: Visitor) -> None:
    visitor.choose_all(TO_IDENTITY)
    response = visitor.client.post(
        "/say",
        data={"csrf": visitor.page.csrf, "turn": visitor.page.turn, "text": "Alex Rivera"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert visitor.client.get("/say").status_code == 405  # answers are never sent by GET


def test_a_double_tap_is_applied_once(visitor: Visitor, front: WebFront) -> None:
    stale = {"csrf": visitor.page.csrf, "turn": visitor.page.turn, "choice": "start"}
    visitor.choose("start")
    response = visitor.client.post("/choose", data=stale)
    page = read_page(response.text)
    assert "That answer came from an earlier question, so nothing was changed." in page.text
    assert [m.text for m in page.messages if m.role == "client"] == ["Let's start"]
    assert visitor.load().text.count("earlier question") == 0  # the note shows once


def test_a_button_that_is_not_on_the_page_does_nothing(visitor: Visitor) -> None:
    page = visitor.post("/choose", choice="sign")
    assert "nothing was changed" in page.text
    assert page.choice_ids()[0] == "start"


def test_a_body_over_the_limit_gets_a_friendly_413(visitor: Visitor) -> None:
    big = "x" * (300 * 1024)
    response = visitor.client.post(
        "/say", data={"csrf": visitor.page.csrf, "turn": visitor.page.turn, "text": big}
    )
    assert response.status_code == 413
    assert "That was too much to send" in response.text
    assert response.headers["content-security-policy"]

    def chunks() -> object:
        yield b"csrf=" + visitor.page.csrf.encode() + b"&text="
        for _ in range(40):
            yield b"y" * 10_000

    response = visitor.client.post(
        "/say", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert "That was too much to send" in response.text


def test_long_text_within_the_limit_is_read_in_part(visitor: Visitor) -> None:
    page = visitor.say("why " * 2500)
    assert "That was very long, so I read only the first part." in page.said()
    [echo] = [m.text for m in page.messages if m.role == "client"]
    assert len(echo) <= 2001


def test_a_file_upload_is_refused(visitor: Visitor) -> None:
    response = visitor.client.post(
        "/say",
        data={"csrf": visitor.page.csrf, "turn": visitor.page.turn},
        files={"text": ("a.txt", b"hello")},
    )
    assert response.status_code == 400
    assert "That could not be read" in response.text


def test_a_bad_drawing_is_refused_and_the_typed_name_still_signs(
    visitor: Visitor, front: WebFront
) -> None:
    visitor.reach_review()
    visitor.choose("sign")
    for bad in ("[[[0.1]]]", "not json", '[[["x", 1]]]', "[[[5, 5]]]", "[" * 5000):
        page = visitor.sign("Alex Rivera", bad)
        assert "The drawing could not be read" in page.text
        assert page.view == "signature"
    page = visitor.sign("Alex Rivera", "")
    assert page.view == "done"


def test_unknown_pages_and_methods_get_friendly_pages(client: TestClient) -> None:
    response = client.get("/admin")
    assert response.status_code == 404
    assert "This page does not exist" in response.text
    response = client.delete("/")
    assert response.status_code == 405
    assert "<!doctype html>" in response.text


def test_an_unexpected_failure_shows_no_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(Pages, "conversation", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.text
    assert "secret internal detail" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "secret internal detail" in caplog.text


def test_an_engine_failure_keeps_the_client_on_the_page(
    visitor: Visitor, front: WebFront, monkeypatch: pytest.MonkeyPatch
) -> None:
    [ws] = front.sessions._sessions.values()

    def broken(text: str) -> object:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(ws.conversation, "send", broken)
    page = visitor.say("hello")
    assert "Sorry, something went wrong on our side" in page.text
    assert "engine exploded" not in page.html
    assert page.choice_ids()[0] == "start"


def test_the_session_map_has_a_cap(front: WebFront, app: object) -> None:
    front.sessions.cap = 3
    clients = [TestClient(app) for _ in range(5)]  # type: ignore[arg-type]
    for c in clients:
        assert c.get("/").status_code == 200  # untouched sessions make room
    assert len(front.sessions) == 3
    busy = [Visitor(TestClient(app)) for _ in range(3)]  # type: ignore[arg-type]
    for v in busy:
        v.choose("start")  # three clients in the middle of a conversation
    response = TestClient(app).get("/")  # type: ignore[arg-type]
    assert response.status_code == 503
    assert "Please wait a moment" in response.text


def test_an_empty_answer_shows_no_empty_bubble(visitor: Visitor) -> None:
    page = visitor.say("   ")
    assert [m.role for m in page.messages].count("client") == 0
    assert "I did not get any text." in page.said()
