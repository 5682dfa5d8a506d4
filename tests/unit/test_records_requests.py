"""Issue 9 in the records: taking consent back without the code (a request by name, emailed
at once, recorded as requested and not confirmed), open questions passed on without a name
only with the client's OK, and the clinician told that a safety reply was shown."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from records_support import body, demo_config, ended, maildir_messages, signed

from assistant.clock import ManualClock
from assistant.engine.outcome import MemoryRecords, RecordKeeper
from assistant.records.chain_check import verify_chain
from assistant.records.keeper import DurableRecords

SAM = ("Dr. Sam Lee", "sam.lee@example.org")


@pytest.fixture
def keeper(data_dir: Path, clock: ManualClock) -> DurableRecords:
    return DurableRecords(demo_config(), data_dir, clock)


def events(keeper: DurableRecords) -> list[tuple[str, str, dict[str, object]]]:
    rows = keeper._store.all("SELECT kind, reference, detail FROM events ORDER BY id")
    return [(r["kind"], r["reference"], json.loads(r["detail"])) for r in rows]


def test_both_keepers_take_requests(keeper: DurableRecords) -> None:
    for seam in (keeper, MemoryRecords()):
        typed: RecordKeeper = seam
        assert callable(typed.request_revocation)


def test_a_request_by_name_emails_the_clinician_and_revokes_nothing(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    clock.advance(86400)
    receipt = keeper.request_revocation("  alex  RIVERA ", *SAM, clock.now())
    assert receipt.reference is None and receipt.delivered  # the kiosk learns nothing
    record = keeper.record(ref)
    assert record is not None and record["status"] == "signed"  # not confirmed: still signed
    assert keeper.latest_status() == "requested"
    kinds = [(k, r) for k, r, _ in events(keeper)]
    assert ("revocation_requested", ref) in kinds
    detail = next(d for k, r, d in events(keeper) if k == "revocation_requested")
    assert detail == {"clinician": SAM[1], "confirmed": False, "by_name": True}
    assert verify_chain(keeper._store).ok
    msg = maildir_messages(data_dir)[-1]
    assert msg["To"] == SAM[1]
    assert "Stop recording and confirm" in msg["Subject"] and "Alex" not in msg["Subject"]
    text = body(msg)
    assert "Please stop recording now and confirm with the client" in text
    assert "a request, not a revocation" in text
    assert f"on file under that name: {ref}" in text
    assert "Name given: alex RIVERA" in text
    # the clinician confirms with the usual command; the consent is then revoked
    assert keeper.revoke_as_clinician(ref).status == "revoked"


def test_a_request_for_a_name_nobody_signed_with_still_reaches_the_clinician(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    keeper.file(signed(clock.now()))
    keeper.request_revocation("Jordan Example", *SAM, clock.now())
    (_, reference, detail) = next(e for e in events(keeper) if e[0] == "revocation_requested")
    assert reference is None and detail["confirmed"] is False and detail["matched"] == 0
    text = body(maildir_messages(data_dir)[-1])
    assert "No active consent on file matches that name for you" in text


def test_a_request_only_lists_this_clinicians_consents(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    other = dataclasses.replace(
        signed(clock.now()), clinician_name="Dr. Robin Park", clinician_email="robin@example.org"
    )
    keeper.file(other)
    keeper.request_revocation("Alex Rivera", *SAM, clock.now())
    assert "No active consent on file matches that name" in body(maildir_messages(data_dir)[-1])


def test_a_request_to_skip_today_says_so(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    ref = keeper.file(signed(clock.now())).reference or ""
    keeper.request_revocation("Alex Rivera", *SAM, clock.now(), today_only=True)
    msg = maildir_messages(data_dir)[-1]
    assert "Do not record today" in msg["Subject"]
    assert "Please do not record their session today" in body(msg)
    assert ("not_today", ref) in [(k, r) for k, r, _ in events(keeper)]
    record = keeper.record(ref)
    assert record is not None and record["status"] == "signed"


def test_questions_passed_on_without_a_name_reach_the_clinician(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    receipt = keeper.file(ended("declined", clock.now(), None, question="Can my ex see it?"))
    assert receipt.reference is not None
    (msg,) = maildir_messages(data_dir)
    text = body(msg)
    assert "Can my ex see it?" in text
    assert "Name given: none" in text
    assert "did not give their name" in text
    assert "Please do not record" not in text  # nobody to not record


def test_no_questions_and_no_name_is_only_counted(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    assert keeper.file(ended("deferred", clock.now(), None)).reference is None
    assert maildir_messages(data_dir) == []


def test_the_clinician_learns_a_safety_reply_was_shown_never_what_was_typed(
    keeper: DurableRecords, clock: ManualClock, data_dir: Path
) -> None:
    keeper.file(dataclasses.replace(signed(clock.now()), safety_replies=1))
    keeper.file(dataclasses.replace(ended("declined", clock.now(), "Jo"), safety_replies=2))
    keeper.file(ended("deferred", clock.now(), "Kim"))
    first, second, third = (body(m) for m in maildir_messages(data_dir))
    for text in (first, second):
        assert "showed its safety reply" in text and "not kept" in text
    assert "safety" not in third
