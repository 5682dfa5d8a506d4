"""Delivery over real SMTP (aiosmtpd on 127.0.0.1) and to the local Maildir outbox.

A failed send leaves the message queued with its error and retries it later; a delivered
message is never sent twice; the received bytes carry the recorded PDF.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from records_support import (
    attachment,
    body,
    demo_config,
    free_port,
    maildir_messages,
    parse,
    signed,
)

from assistant.clock import ManualClock
from assistant.config import Config
from assistant.records.keeper import DurableRecords
from assistant.records.mail import Outgoing, compose
from assistant.records.send_outcome import backoff

PASSWORD = "correct horse battery staple"


class Inbox:
    """An SMTP handler that keeps what it receives and can refuse the first few messages."""

    def __init__(self, refuse_first: int = 0, code: str = "451 4.3.0 Try again later") -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse_left = refuse_first
        self.code = code

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_left > 0:
            self.refuse_left -= 1
            return self.code
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class Server:
    """A loopback SMTP server that can be started and stopped on a fixed port."""

    def __init__(self, inbox: Inbox, *, login: bool = False) -> None:
        self.inbox = inbox
        self.port = free_port()
        self.login = login
        self._controller: Controller | None = None

    def start(self) -> None:
        kwargs: dict[str, Any] = {}
        if self.login:
            kwargs = {
                "auth_required": True,
                "auth_require_tls": False,
                "authenticator": check_login,
            }
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def smtp_config(port: int, **extra: str) -> Config:
    overrides = {
        "mail.mode": '"smtp"',
        "mail.host": '"127.0.0.1"',
        "mail.port": str(port),
        "mail.security": '"none"',
        "mail.timeout_seconds": "2.0",
    }
    overrides.update(extra)
    return demo_config(overrides)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server(Inbox())
    srv.start()
    yield srv
    srv.stop()


def test_a_good_send_carries_headers_body_and_the_recorded_pdf(
    tmp_path: Path, clock: ManualClock, server: Server
) -> None:
    keeper = DurableRecords(smtp_config(server.port), tmp_path / "data", clock)
    receipt = keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org"))
    assert receipt.delivered
    assert keeper.outbox_count() == 2
    record = keeper.record(receipt.reference or "")
    assert record is not None
    received = server.inbox.received
    assert [rcpt for _, rcpt, _ in received] == [
        ["sam.lee@example.org"],
        ["alex.rivera@example.org"],
    ]
    to_clinician = parse(received[0][2])
    assert to_clinician["From"] == "consent-kiosk@example.org"
    assert to_clinician["To"] == "sam.lee@example.org"
    assert receipt.reference in to_clinician["Subject"]
    assert "Alex" not in to_clinician["Subject"] and "Rivera" not in to_clinician["Subject"]
    assert to_clinician["Message-ID"]
    assert "Name given: Alex Rivera" in body(to_clinician)
    assert "Written summary for the client after sessions: yes" in body(to_clinician)
    pdf = attachment(to_clinician)
    assert pdf is not None
    assert hashlib.sha256(pdf).hexdigest() == record["pdf_sha256"]
    to_client = parse(received[1][2])
    assert receipt.reference in body(to_client)
    copy = attachment(to_client)
    assert copy is not None and b"kind=client-copy" in copy, "the client's own copy"


def test_the_client_copy_can_go_without_the_pdf(
    tmp_path: Path, clock: ManualClock, server: Server
) -> None:
    config = smtp_config(server.port, **{"mail.client_copy_attachment": "false"})
    keeper = DurableRecords(config, tmp_path / "data", clock)
    keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org"))
    to_client = parse(server.inbox.received[1][2])
    assert attachment(to_client) is None
    assert "Ask Dr. Sam Lee or the front desk for a copy" in body(to_client)


def test_server_down_then_up(tmp_path: Path, clock: ManualClock) -> None:
    srv = Server(Inbox())
    keeper = DurableRecords(smtp_config(srv.port), tmp_path / "data", clock)
    receipt = keeper.file(signed(clock.now()))
    assert receipt.reference and not receipt.delivered
    assert "will be sent" in receipt.note
    row = keeper._store.one("SELECT * FROM outbox")
    assert row is not None
    assert row["status"] == "queued" and row["attempts"] == 1
    assert "refused the connection" in row["last_error"]
    assert keeper.outbox_count() == 0
    srv.start()
    try:
        report = keeper.deliver_pending(force=True)
        assert (report.sent, report.waiting) == (1, 0)
        again = keeper.deliver_pending(force=True)
        assert again.sent == 0
        assert len(srv.inbox.received) == 1
    finally:
        srv.stop()
    doc = keeper._store.one("SELECT bytes, deleted_at FROM documents")
    assert doc is not None and doc["bytes"] is None and doc["deleted_at"]


def test_4xx_then_success_after_the_wait(tmp_path: Path, clock: ManualClock) -> None:
    srv = Server(Inbox(refuse_first=1))
    srv.start()
    try:
        keeper = DurableRecords(smtp_config(srv.port), tmp_path / "data", clock)
        first = keeper.file(signed(clock.now()))
        assert not first.delivered
        row = keeper._store.one("SELECT last_error, next_attempt_at FROM outbox")
        assert row is not None and "451" in row["last_error"]
        # The next signing, before the wait is over, sends only its own message.
        clock.advance(10)
        keeper.file(signed(clock.now(), name="Jo Park"))
        assert len(srv.inbox.received) == 1
        # After the wait, the next signing takes the first message along.
        clock.advance(backoff(1).total_seconds())
        keeper.file(signed(clock.now(), name="Lee Chen"))
        assert len(srv.inbox.received) == 3
        assert keeper.outbox_count() == 3
    finally:
        srv.stop()


def test_a_5xx_is_given_up_at_once_and_the_clinician_alerted(
    tmp_path: Path, clock: ManualClock
) -> None:
    srv = Server(Inbox(refuse_first=1, code="554 5.6.0 Message rejected"))
    srv.start()
    try:
        keeper = DurableRecords(smtp_config(srv.port), tmp_path / "data", clock)
        receipt = keeper.file(signed(clock.now()))
        first = keeper._store.one("SELECT * FROM outbox ORDER BY id LIMIT 1")
        assert first is not None and first["status"] == "dead"
        assert "554" in first["last_error"] and "permanently" in first["last_error"]
        assert not receipt.delivered
        # The alert was queued through the normal path and went out in the same run.
        (alert,) = srv.inbox.received
        msg = parse(alert[2])
        assert alert[1] == ["sam.lee@example.org"]
        assert "could not be delivered" in str(msg["Subject"])
        assert "554 5.6.0 Message rejected" in body(msg) and attachment(msg) is None
        assert f"deliver --retry {first['id']}" in body(msg)
        # Never retried on its own, however often delivery runs.
        clock.advance(7200)
        report = keeper.deliver_pending(force=True)
        assert (report.sent, report.dead) == (0, 1)
        assert len(srv.inbox.received) == 1
        kinds = [e["kind"] for e in keeper._store.all("SELECT kind FROM events ORDER BY id")]
        assert kinds == ["signed", "undeliverable", "delivered"]
        # Once the cause is fixed, the clinic sends it again on purpose, Message-ID unchanged.
        from assistant.records.outbox import retry

        assert retry(keeper._store, int(first["id"]), clock.now())
        assert keeper.deliver_pending(force=True).sent == 1
        resent = parse(srv.inbox.received[-1][2])
        assert resent["Message-ID"] == first["message_id"]
        assert attachment(resent) is not None
    finally:
        srv.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_required(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    srv = Server(Inbox(), login=True)
    srv.start()
    try:
        config = smtp_config(srv.port, **{"mail.username": '"kiosk"'})
        monkeypatch.delenv("CONSENT_ASSISTANT_SMTP_PASSWORD", raising=False)
        keeper = DurableRecords(config, tmp_path / "data", clock)
        keeper.file(signed(clock.now()))
        row = keeper._store.one("SELECT last_error FROM outbox")
        assert row is not None and "CONSENT_ASSISTANT_SMTP_PASSWORD" in row["last_error"]

        monkeypatch.setenv("CONSENT_ASSISTANT_SMTP_PASSWORD", "wrong")
        keeper.deliver_pending(force=True)
        row = keeper._store.one("SELECT last_error FROM outbox")
        assert row is not None and "did not accept the login" in row["last_error"]
        assert srv.inbox.received == []

        monkeypatch.setenv("CONSENT_ASSISTANT_SMTP_PASSWORD", PASSWORD)
        assert keeper.deliver_pending(force=True).sent == 1
        assert len(srv.inbox.received) == 1
    finally:
        srv.stop()


def test_a_server_that_never_answers_times_out(tmp_path: Path, clock: ManualClock) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        config = smtp_config(port, **{"mail.timeout_seconds": "0.5"})
        keeper = DurableRecords(config, tmp_path / "data", clock)
        receipt = keeper.file(signed(clock.now()))
    assert receipt.reference and not receipt.delivered
    row = keeper._store.one("SELECT last_error FROM outbox")
    assert row is not None and "did not answer within 0.5 s" in row["last_error"]


def test_outbox_mode_writes_a_private_maildir(tmp_path: Path, clock: ManualClock) -> None:
    data = tmp_path / "data"
    keeper = DurableRecords(demo_config(), data, clock)
    receipt = keeper.file(signed(clock.now()))
    assert receipt.delivered and keeper.outbox_count() == 1
    for sub in ("", "new", "cur", "tmp"):
        assert (data / "outbox" / sub).stat().st_mode & 0o777 == 0o700
    files = list((data / "outbox" / "new").iterdir())
    assert len(files) == 1 and files[0].stat().st_mode & 0o777 == 0o600
    (msg,) = maildir_messages(data)
    assert receipt.reference in msg["Subject"]
    keeper.deliver_pending(force=True)
    assert len(list((data / "outbox" / "new").iterdir())) == 1


def test_a_message_already_in_the_maildir_is_not_written_again(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A crash between writing the file and marking the row sent must not duplicate it."""
    data = tmp_path / "data"
    keeper = DurableRecords(demo_config(), data, clock)
    keeper.file(signed(clock.now()))
    keeper._store.execute("UPDATE outbox SET status = 'queued', sent_at = NULL")
    keeper.deliver_pending(force=True)
    assert len(list((data / "outbox" / "new").iterdir())) == 1


def test_headers_cannot_be_injected() -> None:
    item = Outgoing(
        key="1-x",
        sender="consent-kiosk@example.org",
        to_addr="sam.lee@example.org",
        subject="Signed consent\r\nBcc: someone@example.org",
        body="hello",
        message_id="<1@example.org>",
        created=ManualClock().now(),
    )
    with pytest.raises(ValueError):
        compose(item).as_bytes()


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 that the client is told to trust."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return cert, key


@pytest.mark.parametrize("security", ["starttls", "tls"])
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_starttls_and_implicit_tls_with_login(
    tmp_path: Path,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    certificate: tuple[Path, Path],
    security: str,
) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    inbox = Inbox()
    port = free_port()
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if security == "starttls"
        # aiosmtpd does not count implicit TLS as TLS for AUTH, so it is told not to insist.
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        auth_required=True,
        authenticator=check_login,
        **tls,
    )
    controller.start()
    try:
        monkeypatch.setenv("CONSENT_ASSISTANT_SMTP_PASSWORD", PASSWORD)
        config = smtp_config(port, **{"mail.security": f'"{security}"', "mail.username": '"kiosk"'})
        keeper = DurableRecords(config, tmp_path / "data", clock)
        receipt = keeper.file(signed(clock.now()))
        row = keeper._store.one("SELECT last_error FROM outbox")
        assert receipt.delivered, row["last_error"] if row else None
        assert len(inbox.received) == 1
    finally:
        controller.stop()


def test_a_certificate_that_does_not_check_out_is_refused(
    tmp_path: Path,
    clock: ManualClock,
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    monkeypatch.delenv("SSL_CERT_FILE")
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context)
    controller.start()
    try:
        config = smtp_config(port, **{"mail.security": '"starttls"'})
        keeper = DurableRecords(config, tmp_path / "data", clock)
        assert not keeper.file(signed(clock.now())).delivered
        row = keeper._store.one("SELECT last_error FROM outbox")
        assert row is not None and "TLS" in row["last_error"]
        assert inbox.received == []
    finally:
        controller.stop()


class Picky(Inbox):
    """Refuses one recipient address for good at RCPT time."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_client_address_is_given_up_and_the_clinician_told(
    tmp_path: Path, clock: ManualClock
) -> None:
    srv = Server(Picky("alex.rivera@example.org"))
    srv.start()
    try:
        keeper = DurableRecords(smtp_config(srv.port), tmp_path / "data", clock)
        receipt = keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org"))
        assert receipt.delivered  # the clinician's copy went; only the client's was refused
        rows = keeper._store.all("SELECT kind, status, to_addr FROM outbox ORDER BY id")
        assert [(r["kind"], r["status"]) for r in rows] == [
            ("signed", "sent"),
            ("client-copy", "dead"),
            ("alert", "sent"),
        ]
        subjects = [str(parse(m[2])["Subject"]) for m in srv.inbox.received]
        assert "could not be delivered" in subjects[-1]
        alert_text = body(parse(srv.inbox.received[-1][2]))
        assert "the client's copy of the consent form" in alert_text
        assert "alex.rivera" not in alert_text  # the alert repeats no client address
    finally:
        srv.stop()


def test_no_alert_down_the_road_that_failed(tmp_path: Path, clock: ManualClock) -> None:
    """The clinician's own address refused for good: an alert to it would fail the same way."""
    srv = Server(Picky("sam.lee@example.org"))
    srv.start()
    try:
        keeper = DurableRecords(smtp_config(srv.port), tmp_path / "data", clock)
        keeper.file(signed(clock.now()))
        assert [r["status"] for r in keeper._store.all("SELECT status FROM outbox")] == ["dead"]
        assert srv.inbox.received == []
        admin = smtp_config(srv.port, **{"mail.alert_to": '"office@example.org"'})
        keeper = DurableRecords(admin, tmp_path / "data2", clock)
        keeper.file(signed(clock.now()))
        (alert,) = srv.inbox.received
        assert alert[1] == ["office@example.org"]
        assert body(parse(alert[2])).startswith("Hello,")
    finally:
        srv.stop()


class HangsUpAfterData(Inbox):
    """Takes the whole message, then drops the connection without answering."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        server.transport.close()
        return "250 OK"


def test_a_server_that_hangs_up_after_the_final_dot_does_not_get_it_again(
    tmp_path: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    srv = Server(HangsUpAfterData())
    srv.start()
    try:
        data = tmp_path / "data"
        keeper = DurableRecords(smtp_config(srv.port), data, clock)
        keeper.file(signed(clock.now()))
        row = keeper._store.one("SELECT id, status, last_error, message_id FROM outbox")
        assert row is not None and row["status"] == "unconfirmed"
        assert "probably delivered" in row["last_error"]
        for _ in range(3):
            clock.advance(7200)
            keeper.deliver_pending(force=True)
        assert len(srv.inbox.received) == 1
        events = [e["kind"] for e in keeper._store.all("SELECT kind FROM events ORDER BY id")]
        assert events == ["signed", "unconfirmed"]
        from assistant.cli import main

        toml = tmp_path / "smtp.toml"
        toml.write_text(
            f'[mail]\nmode = "smtp"\nhost = "127.0.0.1"\nport = {srv.port}\n'
            'security = "none"\ntimeout_seconds = 2.0\n',
            "utf-8",
        )
        assert main(["records", "--data-dir", str(data), "--config", str(toml)]) == 0
        out = capsys.readouterr().out
        assert "1 unconfirmed" in out and "probably delivered" in out
        assert main(["deliver", "--data-dir", str(data), "--config", str(toml)]) == 0
        out = capsys.readouterr().out
        assert f"held: message {row['id']}" in out and "--retry" in out
        assert len(srv.inbox.received) == 1
    finally:
        srv.stop()
    srv = Server(Inbox())
    srv.port = int(toml.read_text().split("port = ")[1].split()[0])
    srv.start()
    try:
        assert main(["deliver", "--retry", str(row["id"]), "--data-dir", str(data),
                     "--config", str(toml)]) == 0  # fmt: skip
        (again,) = srv.inbox.received
        assert parse(again[2])["Message-ID"] == row["message_id"]
    finally:
        srv.stop()
