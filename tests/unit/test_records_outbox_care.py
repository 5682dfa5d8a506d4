"""Outbox (Maildir) mode: the PDF stays in the outbox until the clinician has read the message;
`records` counts read messages that still hold one and `deliver --prune DAYS` takes it out."""

from __future__ import annotations

import email
import hashlib
from email import policy
from pathlib import Path

import pytest
from records_support import attachment, demo_config, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.records.keeper import DurableRecords
from assistant.records.outbox_files import PRUNED_HEADER


def read_all(data: Path) -> list[Path]:
    """What a mail program does on opening the folder: new/ -> cur/ with the Seen flag."""
    moved = []
    for path in sorted((data / "outbox" / "new").iterdir()):
        target = data / "outbox" / "cur" / f"{path.name}:2,S"
        path.rename(target)
        moved.append(target)
    return moved


def test_prune_takes_the_pdf_out_of_read_messages_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    clock = ManualClock()  # 2026-01-15; the messages are dated then
    keeper = DurableRecords(demo_config({"fhir.attach_to_email": "true"}), data, clock)
    keeper.file(signed(clock.now()))
    (read_message,) = read_all(data)
    pdf = attachment(email.message_from_bytes(read_message.read_bytes(), policy=policy.default))  # type: ignore[arg-type]
    assert pdf is not None
    keeper.file(signed(clock.now(), name="Jo Park"))  # stays unread in new/
    keeper.close()

    assert main(["records", "--data-dir", str(data)]) == 0
    assert "1 read message(s) still hold a PDF" in capsys.readouterr().out
    assert main(["deliver", "--prune", "36500", "--data-dir", str(data)]) == 0
    assert "out of 0 read message(s)" in capsys.readouterr().out  # not old enough yet

    assert main(["deliver", "--prune", "0", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "out of 1 read message(s)" in out and "0 read message(s) still hold one" in out
    pruned = email.message_from_bytes(read_message.read_bytes(), policy=policy.default)
    assert list(pruned.iter_attachments()) == []  # type: ignore[attr-defined]
    assert pruned[PRUNED_HEADER]
    text = pruned.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    assert "Signed consent" in str(pruned["Subject"]) and "Please file" in text
    assert hashlib.sha256(pdf).hexdigest() in text
    unread = next((data / "outbox" / "new").iterdir())
    assert (
        attachment(email.message_from_bytes(unread.read_bytes(), policy=policy.default)) is not None
    )  # type: ignore[arg-type]
    # A pruned message is not sent again, and the prune is in the event log.
    keeper = DurableRecords(demo_config(), data, clock)
    keeper._store.execute("UPDATE outbox SET status = 'queued'")
    keeper.deliver_pending(force=True)
    assert len(list((data / "outbox" / "cur").iterdir())) == 1
    assert len(list((data / "outbox" / "new").iterdir())) == 1
    assert keeper._store.one("SELECT 1 FROM events WHERE kind = 'pruned'") is not None
    keeper.close()


@pytest.mark.parametrize("days", ["-1", "x", "9999999"])
def test_prune_days_must_be_a_whole_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["deliver", "--prune", days, "--data-dir", str(tmp_path)])
    assert exit_.value.code == 2 and "DAYS" in capsys.readouterr().err
