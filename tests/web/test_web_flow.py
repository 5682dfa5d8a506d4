"""Every step of a consent through the web front, on real records: sign, decline, defer,
questions, revoke. The page is read as HTML and answered through its own forms."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient
from webpage import TO_CHECK, TO_CHOICES, TO_IDENTITY, Visitor, wait_for

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.engine.content import Content
from assistant.engine.questions import matcher_ready
from assistant.paths import content_root
from assistant.records.keeper import DurableRecords
from assistant.web.app import WebFront, make_web

DRAWING = json.dumps([[[0.1, 0.5], [0.3, 0.2], [0.5, 0.8], [0.9, 0.4]], [[0.2, 0.9], [0.8, 0.9]]])


def engine_state(front: WebFront) -> str:
    [ws] = front.sessions._sessions.values()
    return ws.reply.state


def test_welcome_is_a_real_page(visitor: Visitor) -> None:
    page = visitor.page
    assert page.html.startswith("<!doctype html>")
    assert "Welcome to Lakeside Counseling." in page.said()
    assert page.choice_ids() == ["start", "question", "no_thanks", "defer", "take_back"]
    assert 'aria-live="polite"' in page.html
    assert '<label for="answer">' in page.html and 'id="answer"' in page.html
    assert "<main" in page.html and "<header" in page.html and "<footer" in page.html
    # The newest message takes the focus, so a screen reader reads it first.
    assert page.html.count("autofocus") == 1
    assert 'data-seq="1" class="message from-assistant" tabindex="-1" autofocus' in page.html


def test_sign_with_a_drawing_files_the_pdf_and_sends_the_mail(
    visitor: Visitor, front: WebFront, records: DurableRecords
) -> None:
    page = visitor.choose_all(TO_IDENTITY)
    assert "What name should go on the form?" in page.said()
    visitor.say("Alex Rivera")
    page = visitor.choose("skip")
    assert page.view == "review"
    assert "The form you are about to sign" in page.text
    assert "Alex Rivera" in page.text  # the form names the client
    page = visitor.choose("sign")
    assert page.view == "signature"
    assert 'id="pad-canvas"' in page.html and 'name="strokes"' in page.html
    page = visitor.sign("Alex Rivera", DRAWING)
    assert page.view == "done"
    assert engine_state(front) == "signed"
    assert "Thank you. You are all set." in page.said()
    assert "With your drawn signature" in page.text
    reference = records.latest_reference()
    assert reference and f"Your reference code: {reference}" in page.text
    row = records.record(reference)
    assert row is not None and row["status"] == "signed"
    # The background delivery sends the clinician's email with the signed PDF.
    wait_for(lambda: records.outbox_count() >= 1)
    assert "What you agreed to" in page.text


def test_sign_by_typing_only(visitor: Visitor, front: WebFront) -> None:
    visitor.reach_review(name="River")
    visitor.choose("sign")
    page = visitor.sign("river")
    assert engine_state(front) == "signed"
    assert "With your drawn signature" not in page.text


def test_a_signature_that_does_not_match_asks_again(visitor: Visitor, front: WebFront) -> None:
    visitor.reach_review()
    visitor.choose("sign")
    page = visitor.sign("Someone Else", DRAWING)
    assert "That does not match the name on the form (Alex Rivera)" in page.said()
    assert page.view == "signature"
    assert engine_state(front) == "signature"


def test_decline_and_tell_the_clinician(visitor: Visitor, records: DurableRecords) -> None:
    visitor.choose_all(TO_CHOICES)
    page = visitor.choose("no_record")
    assert "Your sessions will not be recorded" in page.said()
    visitor.choose("tell")
    page = visitor.say("Morgan")
    assert "will know not to record" in page.said()
    assert page.view == "done"
    assert records.latest_status() == "declined"
    wait_for(lambda: records.outbox_count() >= 1)


def test_defer_at_welcome(visitor: Visitor, records: DurableRecords) -> None:
    page = visitor.choose("defer")
    assert "Nothing will be recorded until you say yes" in page.said()
    visitor.choose("tell")
    page = visitor.say("Morgan")
    assert "will bring it up with you" in page.said()
    assert records.latest_status() == "deferred"


def test_a_question_is_answered_where_it_is_asked(visitor: Visitor, front: WebFront) -> None:
    visitor.choose_all(["start"])
    page = visitor.say("Who can see my notes?")
    assert engine_state(front).startswith("explain")
    assert page.messages[-3].role == "client"
    assert page.messages[-3].text == "Who can see my notes?"
    assert len(page.said()) > 200
    # The question buttons at the questions step answer too.
    visitor.choose_all(["continue", "question"])
    page = visitor.choose("privacy")
    assert page.messages[-1].role == "assistant"
    assert "privacy" in page.choice_ids()


def test_stop_before_signing_declines(visitor: Visitor, front: WebFront) -> None:
    visitor.choose_all(TO_CHOICES)
    page = visitor.stop()
    assert [m.text for m in page.messages if m.role == "stop"] == ["Stop"]
    assert engine_state(front).startswith("declined")


def test_stop_after_signing_revokes(visitor: Visitor, records: DurableRecords) -> None:
    visitor.reach_review()
    visitor.choose("sign")
    visitor.sign("Alex Rivera")
    reference = records.latest_reference()
    page = visitor.stop()
    assert "take back the consent you just gave" in page.said()  # the name, typed again
    assert records.record(reference or "")["status"] == "signed"  # type: ignore[index]
    page = visitor.say("Alex Rivera")
    assert "Your consent is taken back" in page.said()
    assert records.record(reference or "")["status"] == "revoked"  # type: ignore[index]


def test_revoke_later_with_the_code_and_the_name(visitor: Visitor, records: DurableRecords) -> None:
    visitor.reach_review()
    visitor.choose("sign")
    visitor.sign("Alex Rivera")
    reference = records.latest_reference()
    assert reference
    page = visitor.choose("finish")
    assert "Alex Rivera" not in page.text  # the next client sees nothing of this one
    assert page.choice_ids()[0] == "start"
    visitor.choose("take_back")
    visitor.choose("take_back")
    visitor.say(reference.lower().replace("-", " "))
    page = visitor.say("alex rivera")
    assert "Your consent is taken back" in page.said()
    assert records.record(reference)["status"] == "revoked"  # type: ignore[index]


def test_change_answers_at_review(visitor: Visitor) -> None:
    visitor.reach_review()
    page = visitor.choose("change")
    assert "yes_agree" in page.choice_ids()
    visitor.choose_all(["yes_agree", "no_summary", "no_supervision"])
    page = visitor.page
    assert page.view == "review"


def test_wrong_check_answer_explains(visitor: Visitor) -> None:
    visitor.choose_all(TO_CHECK)
    page = visitor.choose("yes")  # "Yes, I have to": the wrong answer
    assert "Not quite. Recording is always your choice." in page.said()
    assert page.choice_ids() == ["no", "yes"]
    page = visitor.choose("no")
    assert "Right. It is your choice" in page.said()
    assert "can you stop or take it back later?" in page.said()


def test_display_settings_are_on_the_page_and_kept(visitor: Visitor) -> None:
    assert 'class=" "' in visitor.page.html or 'class=""' in visitor.page.html
    page = visitor.post("/display", toggle="contrast")
    assert 'class="high-contrast ' in page.html
    assert 'value="contrast" aria-pressed="true"' in page.html
    page = visitor.post("/display", toggle="text")
    assert "large-text" in page.html
    page = visitor.post("/display", toggle="contrast")
    assert "high-contrast" not in page.html.split("<head>")[0]


def test_the_form_is_shown_whole_with_headings_and_lists(visitor: Visitor) -> None:
    page = visitor.reach_review()
    assert "<h3>Consent to Record Your Sessions</h3>" in page.html
    assert "<h4>What this form is about</h4>" in page.html
    assert "<li>The sound of your sessions is recorded.</li>" in page.html
    assert "=====" not in page.html and "-----" not in page.html
    # The end of the form is there too (nothing is cut).
    [ws] = visitor.client.app.state.front.sessions._sessions.values()  # type: ignore[attr-defined]
    last_line = [line for line in (ws.reply.form or "").splitlines() if line.strip()][-1]
    assert last_line.strip().lstrip("- ") in page.text


def test_the_question_matcher_is_built_when_the_server_starts(
    config: Config, data_dir: Path, clock: ManualClock, records: DurableRecords
) -> None:
    content = Content(content_root())  # its own copy: no matcher is built for it yet
    app = make_web(config, clock=clock, records=records, data_dir=data_dir, content=content)
    assert not matcher_ready(content)
    with TestClient(app, base_url="http://kiosk.test"):
        wait_for(lambda: matcher_ready(content), seconds=60)  # no client has asked anything
