"""The clinician's commands through the real command line: records, revoke, deliver, verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from records_support import attachment, demo_config, ended, free_port, maildir_messages, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.records.keeper import DurableRecords
from assistant.records.migrations import EVENT_TRIGGERS
from assistant.records.store import Store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def reference(data: Path) -> str:
    keeper = DurableRecords(demo_config(), data, ManualClock())
    ref = keeper.file(signed(ManualClock().now())).reference
    keeper.file(ended("declined", ManualClock().now(), "Jo Park"))
    keeper.file(ended("deferred", ManualClock().now()))
    keeper.close()
    assert ref is not None
    return ref


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_records_lists_without_names_by_default(
    data: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "records", "--data-dir", str(data))
    assert code == 0
    assert reference in out and "signed" in out and "declined" in out
    assert "Alex" not in out and "Jo Park" not in out
    assert "2026-01  deferred  1" in out
    code, out = run(capsys, "records", "--data-dir", str(data), "--show-names")
    assert "Alex Rivera" in out and "Jo Park" in out


def test_records_on_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "records", "--data-dir", str(tmp_path / "none"))
    assert code == 0 and "No records yet" in out
    assert not (tmp_path / "none").exists()


def test_records_verify_names_the_first_broken_link(
    data: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "records", "--verify", "--data-dir", str(data))
    assert code == 0 and "intact" in out
    store = Store(data)
    for name in EVENT_TRIGGERS:
        store.execute(f"DROP TRIGGER {name}")
    store.execute("UPDATE events SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 2")
    store.close()
    code, out = run(capsys, "records", "--verify", "--data-dir", str(data))
    assert code == 1
    assert "BROKEN" in out and "event 2" in out and "content was changed" in out


def test_revoke_for_the_clinician(
    data: Path, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "revoke", reference.lower(), "--data-dir", str(data))
    assert code == 0 and f"{reference} revoked" in out and "sent" in out
    code, out = run(capsys, "revoke", reference, "--data-dir", str(data))
    assert code == 0 and "already revoked" in out
    code, _ = run(capsys, "revoke", "K7QM-3XPD", "--data-dir", str(data))
    assert code == 1
    assert len(maildir_messages(data)) == 3


def test_verify_valid_revoked_altered_unknown(
    data: Path, reference: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = attachment(maildir_messages(data)[0])
    assert pdf is not None
    signed_pdf = tmp_path / "signed.pdf"
    signed_pdf.write_bytes(pdf)
    code, out = run(capsys, "verify", str(signed_pdf), "--data-dir", str(data))
    assert (code, out.split()[0], out.split()[1]) == (0, "VALID", reference)

    altered = tmp_path / "altered.pdf"
    altered.write_bytes(pdf.replace(b"/Lang (en)", b"/Lang (fr)"))
    code, out = run(capsys, "verify", str(altered), "--data-dir", str(data))
    assert (code, out.split()[0]) == (1, "ALTERED")

    stranger = tmp_path / "stranger.pdf"
    stranger.write_bytes(b"%PDF-1.7\n%nothing we made\n")
    code, out = run(capsys, "verify", str(stranger), "--data-dir", str(data))
    assert (code, out.split()[0]) == (6, "UNKNOWN")

    run(capsys, "revoke", reference, "--data-dir", str(data))
    code, out = run(capsys, "verify", str(signed_pdf), "--data-dir", str(data))
    assert (code, out.split()[0]) == (3, "REVOKED")
    notice = tmp_path / "notice.pdf"
    notice_pdf = attachment(maildir_messages(data)[-1])
    assert notice_pdf is not None
    notice.write_bytes(notice_pdf)
    code, out = run(capsys, "verify", str(notice), "--data-dir", str(data))
    assert code == 4 and out.startswith("REVOCATION NOTICE") and "taken back" in out


def test_deliver_sends_what_is_queued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    port = free_port()
    config_file = tmp_path / "practice.toml"
    config_file.write_text(
        f'[mail]\nmode = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        "timeout_seconds = 2.0\n",
        "utf-8",
    )
    keeper = DurableRecords(
        demo_config({"mail.mode": '"smtp"', "mail.port": str(port), "mail.host": '"127.0.0.1"'}),
        data,
        ManualClock(),
    )
    keeper.file(signed(ManualClock().now()))
    keeper.close()
    code, out = run(capsys, "deliver", "--config", str(config_file), "--data-dir", str(data))
    assert code == 1
    assert "Sent 0, failed 1, still queued 1." in out and "refused the connection" in out

    from aiosmtpd.controller import Controller

    class Inbox:
        received = 0

        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            Inbox.received += 1
            return "250 OK"

    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        code, out = run(capsys, "deliver", "--config", str(config_file), "--data-dir", str(data))
        assert code == 0 and "Sent 1, failed 0, still queued 0." in out
        code, out = run(capsys, "deliver", "--config", str(config_file), "--data-dir", str(data))
        assert "Sent 0" in out
    finally:
        controller.stop()
    assert Inbox.received == 1
