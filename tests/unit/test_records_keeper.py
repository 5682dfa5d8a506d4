"""DurableRecords: every ending is recorded, revoking is as easy as agreeing, nothing is deleted."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from records_support import attachment, body, demo_config, ended, maildir_messages, signed

from assistant.clock import ManualClock
from assistant.engine.outcome import AskedQuestion, RecordKeeper, RevokeResult
from assistant.records.chain_check import verify_chain
from assistant.records.keeper import DurableRecords


@pytest.fixture
def keeper(data_dir: Path, clock: ManualClock) -> DurableRecords:
    return DurableRecords(demo_config(), data_dir, clock)


def test_it_is_a_record_keeper(keeper: DurableRecords) -> None:
    seam: RecordKeeper = keeper
    assert seam is keeper
    assert keeper.latest_status() == "none" and keeper.outbox_count() == 0


def test_signing_records_everything_and_mails_the_clinician(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    questions = (
        AskedQuestion("Can my boss see it?", None),
        AskedQuestion("Who hears it?", "privacy"),
    )
    receipt = keeper.file(signed(clock.now(), questions=questions))
    ref = receipt.reference
    assert ref is not None and len(ref) == 9 and ref[4] == "-"
    assert receipt.delivered and "sent to Dr. Sam Lee" in receipt.note
    record = keeper.record(ref)
    assert record is not None
    assert record["status"] == "signed"
    assert record["name"] == "Alex Rivera"
    assert json.loads(str(record["choices"])) == {
        "recording": True,
        "summary": True,
        "supervision": False,
    }
    assert record["form_version"] == "recording-consent/v2"
    assert record["signed_at"] == "2026-01-15T09:30:00.000000Z"
    assert record["signature_method"] == "typed name and drawn signature"
    assert json.loads(str(record["comprehension"]))[1] == {
        "id": "audio",
        "first_time": False,
        "attempts": 2,
    }
    events = keeper._store.all("SELECT kind, reference, detail FROM events")
    assert [(e["kind"], e["reference"]) for e in events] == [("signed", ref), ("delivered", ref)]
    assert "Alex" not in events[0]["detail"]
    (msg,) = maildir_messages(data_dir)
    assert msg["To"] == "sam.lee@example.org"
    text = body(msg)
    assert "Questions for you" in text and "Can my boss see it?" in text
    pdf = attachment(msg)
    assert pdf is not None and hashlib.sha256(pdf).hexdigest() == record["pdf_sha256"]
    assert keeper.latest_status() == "signed" and keeper.latest_reference() == ref
    assert keeper.outbox_count() == 1


def test_pdf_bytes_are_dropped_after_delivery_unless_kept(
    clock: ManualClock, tmp_path: Path
) -> None:
    dropping = DurableRecords(demo_config(), tmp_path / "a", clock)
    dropping.file(signed(clock.now()))
    row = dropping._store.one("SELECT bytes, sha256 FROM documents")
    assert row is not None and row["bytes"] is None and row["sha256"]
    keeping = DurableRecords(demo_config({"storage.keep_pdf": "true"}), tmp_path / "b", clock)
    keeping.file(signed(clock.now()))
    row = keeping._store.one("SELECT bytes, sha256 FROM documents")
    assert row is not None and hashlib.sha256(row["bytes"]).hexdigest() == row["sha256"]


def test_a_client_with_an_email_gets_a_copy(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    receipt = keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org"))
    clinician, client = maildir_messages(data_dir)
    assert client["To"] == "alex.rivera@example.org"
    assert receipt.reference in body(client)
    copy, signed_pdf = attachment(client), attachment(clinician)
    assert copy and signed_pdf and copy != signed_pdf, "the client gets their own copy"
    record = keeper.record(receipt.reference)
    assert record is not None and hashlib.sha256(signed_pdf).hexdigest() == record["pdf_sha256"]
    assert keeper.outbox_count() == 2


@pytest.mark.parametrize(
    "bad", ["not an email", "alex@example.org\r\nBcc: eve@example.org", "a@b@example.org"]
)
def test_a_bad_client_address_sends_no_copy(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path, bad: str
) -> None:
    keeper.file(signed(clock.now(), email_addr=bad))
    assert [m["To"] for m in maildir_messages(data_dir)] == ["sam.lee@example.org"]


def test_a_named_decline_is_recorded_and_the_clinician_told(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    receipt = keeper.file(ended("declined", clock.now(), "Jo Park", question="What about court?"))
    assert receipt.reference and receipt.delivered
    record = keeper.record(receipt.reference)
    assert record is not None and record["status"] == "declined" and record["pdf_sha256"] is None
    assert keeper._store.all("SELECT * FROM documents") == []
    (msg,) = maildir_messages(data_dir)
    assert "declined" in msg["Subject"] and "Jo" not in msg["Subject"]
    assert "Please do not record" in body(msg) and "What about court?" in body(msg)
    assert attachment(msg) is None
    assert keeper.latest_status() == "declined"


def test_a_named_deferral_asks_the_clinician_to_wait(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    receipt = keeper.file(ended("deferred", clock.now(), "Jo Park"))
    record = keeper.record(receipt.reference or "")
    assert record is not None and record["status"] == "deferred" and record["deferred_at"]
    (msg,) = maildir_messages(data_dir)
    assert "until they have signed" in body(msg)
    assert keeper.latest_status() == "deferred"


@pytest.mark.parametrize(("name", "notify"), [(None, True), ("Jo Park", False)])
def test_an_unnamed_ending_is_only_counted(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path, name: str | None, notify: bool
) -> None:
    receipt = keeper.file(ended("declined", clock.now(), name, notify=notify))
    keeper.file(ended("declined", clock.now()))
    assert receipt.reference is None and receipt.note == ""
    assert keeper._store.all("SELECT * FROM consents") == []
    assert keeper._store.all("SELECT * FROM events") == []
    assert maildir_messages(data_dir) == []
    counts = [tuple(r) for r in keeper._store.all("SELECT period, kind, n FROM counts")]
    assert counts == [("2026-01", "declined", 2)]
    assert keeper.latest_status() == "none" and keeper.latest_reference() is None


def test_revoking_makes_a_notice_and_keeps_everything(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    ref = keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org")).reference or ""
    clock.advance(3600)
    assert keeper.revoke(ref.lower().replace("-", " "), "  alex   RIVERA ", clock.now()) == (
        RevokeResult("revoked", ref)
    )
    record = keeper.record(ref)
    assert record is not None and record["status"] == "revoked"
    assert record["revoked_at"] == "2026-01-15T10:30:00.000000Z"
    assert record["revocation_pdf_sha256"]
    kinds = [r["kind"] for r in keeper._store.all("SELECT kind FROM documents ORDER BY id")]
    assert kinds == ["consent", "client-copy", "revocation"]
    messages = maildir_messages(data_dir)
    notice_to_clinician, notice_to_client = messages[2], messages[3]
    assert "stop recording" in notice_to_clinician["Subject"]
    assert notice_to_client["To"] == "alex.rivera@example.org"
    pdf = attachment(notice_to_clinician)
    assert pdf is not None and hashlib.sha256(pdf).hexdigest() == record["revocation_pdf_sha256"]
    assert keeper.latest_status() == "revoked"
    assert keeper.revoke(ref, "Alex Rivera", clock.now()).status == "already"
    assert len(maildir_messages(data_dir)) == 4
    assert verify_chain(keeper._store).ok


def test_revoking_needs_the_name_it_was_signed_with(
    keeper: DurableRecords, clock: ManualClock
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    assert keeper.revoke(ref, "Sam Lee", clock.now()).status == "wrong_name"
    assert keeper.revoke("XXXX-XXXX", "Alex Rivera", clock.now()).status == "not_found"
    assert keeper.record(ref)["status"] == "signed"  # type: ignore[index]


def test_five_wrong_tries_lock_the_reference_for_15_minutes(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path, tmp_path: Path
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    results = [keeper.revoke(ref, f"Guess {i}", clock.now()).status for i in range(5)]
    assert results == ["wrong_name"] * 4 + ["locked"]
    locked = keeper.revoke(ref, "Alex Rivera", clock.now())
    assert locked == RevokeResult("locked", ref, 15)
    clock.advance(14 * 60 + 30)
    assert keeper.skip_today(ref, "Alex Rivera", clock.now()) == RevokeResult("locked", ref, 1)
    # The lock is in the database, so another kiosk process sees it too.
    other = DurableRecords(demo_config(), data_dir, clock)
    assert other.revoke(ref, "Alex Rivera", clock.now()).status == "locked"
    clock.advance(31)
    assert other.revoke(ref, "Alex Rivera", clock.now()).status == "revoked"
    lock_events = keeper._store.all("SELECT * FROM events WHERE kind = 'locked'")
    assert len(lock_events) == 1


def test_a_right_try_clears_the_count(keeper: DurableRecords, clock: ManualClock) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    for _ in range(4):
        keeper.skip_today(ref, "Nobody", clock.now())
    assert keeper.skip_today(ref, "Alex Rivera", clock.now()).status == "skipped"
    for _ in range(4):
        assert keeper.revoke(ref, "Nobody", clock.now()).status == "wrong_name"


def test_not_today_keeps_the_consent_and_tells_the_clinician(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    assert keeper.skip_today(ref, "alex rivera", clock.now()) == RevokeResult("skipped", ref)
    assert keeper.record(ref)["status"] == "signed"  # type: ignore[index]
    msg = maildir_messages(data_dir)[-1]
    assert "Do not record today" in msg["Subject"] and ref in msg["Subject"]
    assert keeper._store.one("SELECT * FROM events WHERE kind = 'not_today'") is not None
    keeper.revoke(ref, "Alex Rivera", clock.now())
    assert keeper.skip_today(ref, "Alex Rivera", clock.now()).status == "already"


def test_the_clinician_can_revoke_without_the_name(
    keeper: DurableRecords, clock: ManualClock
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    assert keeper.revoke_as_clinician(ref, clock.now()).status == "revoked"
    assert keeper.revoke_as_clinician(ref, clock.now()).status == "already"
    assert keeper.revoke_as_clinician("K7QM-3XPD", clock.now()).status == "not_found"
    record = keeper.record(ref)
    assert record is not None and "clinician" in str(record["revoked_how"])


def test_a_declined_record_cannot_be_revoked(keeper: DurableRecords, clock: ManualClock) -> None:
    ref = keeper.file(ended("declined", clock.now(), "Jo Park")).reference or ""
    assert keeper.revoke(ref, "Jo Park", clock.now()).status == "not_found"


def test_the_kiosk_can_deliver_from_a_worker_thread(data_dir: Path, clock: ManualClock) -> None:
    keeper = DurableRecords(demo_config(), data_dir, clock, deliver_inline=False)
    receipt = keeper.file(signed(clock.now()))
    assert not receipt.delivered and "will be sent" in receipt.note
    assert keeper.outbox_count() == 0
    worker = threading.Thread(target=keeper.deliver_pending)
    worker.start()
    keeper.file(signed(clock.now(), name="Jo Park"))
    worker.join()
    keeper.deliver_pending()
    assert keeper.outbox_count() == 2
    assert len(maildir_messages(data_dir)) == 2


def test_the_signed_form_text_is_the_one_the_client_saw(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    from dataclasses import replace

    from assistant.engine.forms import render_consent_form

    config = demo_config()
    shown = render_consent_form(
        config,
        clinician=config.clinicians[0],
        name="Alex Rivera",
        choices={"recording": True},
        when=clock.now(),
    )
    outcome = replace(
        signed(clock.now()),
        form_version=shown.version,
        form_text=shown.text,
        form_sha256=shown.sha256,
    )
    ref = keeper.file(outcome).reference or ""
    assert keeper.record(ref)["form_sha256"] == shown.sha256  # type: ignore[index]
