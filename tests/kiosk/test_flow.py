"""The whole conversation through the kiosk: by typing, by clicking, declining, revoking."""

from __future__ import annotations

from kiosk_helpers import (
    TO_CHOICES,
    FixedRecords,
    KioskFactory,
    click_choice,
    client_said,
    said,
    settle,
    state,
    type_line,
)
from kiosk_helpers import TO_IDENTITY as BASE_TO_IDENTITY
from textual.widgets import Button

from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.views.done import AgreedText, ReferenceCode
from assistant.kiosk.views.review import FormText
from assistant.kiosk.widgets.signature_pad import SignaturePad

TO_IDENTITY = [*TO_CHOICES[:3], "who can hear the recordings?", *BASE_TO_IDENTITY[3:]]


async def test_sign_by_typing(kiosk: KioskFactory, records: FixedRecords) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Welcome to Lakeside Counseling" in said(app)
        for line in TO_IDENTITY:
            await type_line(pilot, line)
        assert state(app).startswith("identity")
        assert "who can hear the recordings?" in client_said(app)
        await type_line(pilot, "Alex Rivera")
        await type_line(pilot, "alex.rivera@example.org")
        screen = app.kiosk_screen
        assert screen.view_name == "review"
        assert "Alex Rivera" in str(screen.query_one(FormText).content)
        await pilot.press("1")  # "Go on to sign", keyboard only
        await settle(pilot)
        assert screen.view_name == "signature"
        await type_line(pilot, "alex  rivera")
        assert state(app) == "signed"
        assert screen.view_name == "done"
        assert "K7QM-3XPD" in str(screen.query_one(ReferenceCode).content)
        assert "Consent to Record" in str(screen.query_one(AgreedText).content)
        assert screen.query_one("#stop", Button).display
    (reference, outcome) = records.outcomes[-1]
    assert (reference, outcome.kind, outcome.name) == ("K7QM-3XPD", "signed", "Alex Rivera")
    assert outcome.signature is not None and outcome.signature.strokes == ()


async def test_sign_by_clicking_and_drawing(kiosk: KioskFactory, records: FixedRecords) -> None:
    app = kiosk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for label in [
            "Let's start",
            "Continue",
            "No questions, go on",
            "Yes, I agree",
            "Yes, send me summaries",
            "No, keep it out",
            "No, it is my choice",
            "Yes, any time",
        ]:
            await click_choice(pilot, label)
        assert state(app) == "check.audio"  # an open question: typed, no answer buttons
        await type_line(pilot, "it is deleted right away")
        assert state(app) == "identity.name"
        await type_line(pilot, "River")
        await click_choice(pilot, "Skip")
        await click_choice(pilot, "Go on to sign")
        screen = app.kiosk_screen
        assert screen.view_name == "signature"
        pad = screen.query_one(SignaturePad)
        # A stroke with the mouse held down, leaving the pad on the way (the capture keeps it).
        await pilot.mouse_down(pad, offset=(2, 1))
        await pilot.hover(pad, offset=(10, 3))
        await pilot.hover(pad, offset=(20, 2))
        await pilot.mouse_up(pad, offset=(30, 4))
        await pilot.pause()
        assert len(pad.strokes) == 1 and len(pad.strokes[0].points) >= 3
        assert any(ch != " " for ch in str(pad.render()))
        await pilot.click("#done-pad")  # Done: the name box gets the cursor
        assert app.focused is screen.query_one("SignatureView ClientInput")
        await pilot.press(*"river")
        await pilot.click("SignatureView .send")
        await settle(pilot)
        assert state(app) == "signed"
    outcome = records.outcomes[-1][1]
    assert outcome.signature is not None
    (stroke,) = outcome.signature.strokes
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in stroke.points)
    assert stroke.points[0][0] < stroke.points[-1][0]


async def test_decline_by_stop_button(kiosk: KioskFactory, records: FixedRecords) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await click_choice(pilot, "Let's start")
        await pilot.click("#stop")
        await settle(pilot)
        assert state(app).startswith("declined")
        assert "Stop" in client_said(app)
        await click_choice(pilot, "No, just end here")
        assert state(app) == "declined.done"
        screen = app.kiosk_screen
        assert screen.view_name == "done"
        assert not screen.query_one(ReferenceCode).display
    assert [o.kind for _, o in records.outcomes] == ["declined"]


async def test_stop_after_signing_revokes(kiosk: KioskFactory, records: FixedRecords) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for line in TO_IDENTITY:
            await type_line(pilot, line)
        await type_line(pilot, "Alex Rivera")
        await type_line(pilot, "skip")
        await pilot.press("1")
        await settle(pilot)
        await type_line(pilot, "Alex Rivera")
        assert state(app) == "signed"
        await pilot.click("#stop")
        await settle(pilot)
        assert state(app) == "signed.revoke"  # the name again: a mis-tap never revokes
        await type_line(pilot, "Alex Rivera")
        assert state(app) == "revoked"
        assert app.kiosk_screen.view_name == "done"
        assert "taken back" in said(app)
    assert records.revoked == {"K7QM-3XPD"}


async def test_finish_leaves_nothing_for_the_next_client(kiosk: KioskFactory) -> None:
    app = kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await click_choice(pilot, "Let's start")
        await pilot.click("#stop")
        await settle(pilot)
        await click_choice(pilot, "Yes, tell them")
        await type_line(pilot, "Zebedee")
        assert state(app) == "declined.done"
        old_screen = app.kiosk_screen
        await click_choice(pilot, "Finish")
        assert state(app) == "welcome"
        assert app.kiosk_screen is not old_screen
        assert isinstance(app.screen, KioskScreen)
        assert client_said(app) == []
        assert "Zebedee" not in said(app)
