"""The staff exit: the clinician's PIN, its back-off (kept across restarts), the panel."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient
from webpage import TO_CHOICES, Visitor, read_page

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.records.keeper import DurableRecords
from assistant.web.app import WebFront, make_web
from assistant.web.staff import BACKOFF_FILE

DEMO_PIN = "2468"


def try_pin(client: TestClient, pin: str) -> TestClient:
    page = read_page(client.get("/staff").text)
    client.post("/staff", data={"csrf": page.csrf, "pin": pin}, follow_redirects=False)
    return client


def test_the_staff_link_is_on_every_conversation_page(visitor: Visitor) -> None:
    assert 'href="/staff"' in visitor.page.html


def test_cancel_keeps_the_conversation(visitor: Visitor) -> None:
    visitor.choose_all(TO_CHOICES)
    page = read_page(visitor.client.get("/staff").text)
    assert "Clinician PIN" in page.text
    assert 'type="password"' in page.html and 'autocomplete="off"' in page.html
    assert "Cancel: back to the conversation" in page.text
    assert visitor.load().choice_ids()[0] == "yes_agree"


def test_a_wrong_pin_waits_longer_each_time(
    client: TestClient, clock: ManualClock, data_dir: Path
) -> None:
    try_pin(client, "0000")
    page = read_page(client.get("/staff").text)
    assert "That PIN is not right." in page.text
    assert "Please wait 1 second " in page.text
    try_pin(client, "2468")  # the right PIN, but during the wait: not even checked
    page = read_page(client.get("/staff").text)
    assert "Please wait 1 second " in page.text
    assert client.get("/staff/panel", follow_redirects=False).headers["location"] == "/staff"
    clock.advance(2)
    try_pin(client, "1111")
    clock.advance(3)
    try_pin(client, "2222")
    assert "Please wait 4 seconds" in client.get("/staff").text
    assert (data_dir / BACKOFF_FILE).exists()


def test_the_wait_survives_a_restart(
    client: TestClient,
    config: Config,
    clock: ManualClock,
    data_dir: Path,
    records: DurableRecords,
) -> None:
    for _ in range(3):
        try_pin(client, "0000")
        clock.advance(10)
    try_pin(client, "0000")  # the fourth wrong PIN: 8 seconds
    again = make_web(config, clock=clock, records=records, data_dir=data_dir)
    with TestClient(again) as fresh:
        assert "Please wait 8 seconds" in fresh.get("/staff").text
        try_pin(fresh, DEMO_PIN)
        assert fresh.get("/staff/panel", follow_redirects=False).status_code == 303


def test_the_right_pin_wipes_the_conversation_and_opens_the_panel(
    visitor: Visitor, front: WebFront, exits: list[str]
) -> None:
    visitor.choose_all(TO_CHOICES)
    assert len(front.sessions) == 1
    try_pin(visitor.client, DEMO_PIN)
    assert len(front.sessions) == 0
    response = visitor.client.get("/staff/panel")
    assert response.status_code == 200
    panel = read_page(response.text)
    assert "Staff options" in panel.text
    assert "The conversation on this device was cleared." in panel.text
    response = visitor.client.post(
        "/staff/panel", data={"csrf": panel.csrf, "action": "deliver"}, follow_redirects=True
    )
    assert "Queued email is being sent now." in response.text
    response = visitor.client.post(
        "/staff/panel", data={"csrf": panel.csrf, "action": "leave"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"
    assert visitor.load().said().startswith("Welcome to")
    assert visitor.client.get("/staff/panel", follow_redirects=False).status_code == 303
    assert exits == []


def test_stop_the_web_kiosk_from_the_panel(client: TestClient, exits: list[str]) -> None:
    try_pin(client, DEMO_PIN)
    panel = read_page(client.get("/staff/panel").text)
    forged = client.post("/staff/panel", data={"csrf": "x", "action": "shutdown"})
    assert forged.status_code == 403 and exits == []
    response = client.post("/staff/panel", data={"csrf": panel.csrf, "action": "shutdown"})
    assert "The web kiosk is stopping" in response.text
    assert exits == ["exit"]


def test_the_panel_closes_by_itself(client: TestClient, clock: ManualClock) -> None:
    try_pin(client, DEMO_PIN)
    assert client.get("/staff/panel").status_code == 200
    clock.advance(11 * 60)
    assert client.get("/staff/panel", follow_redirects=False).status_code == 303
