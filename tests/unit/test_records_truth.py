"""The event log is the truth: editing the tables, deleting the log's tail, appending or
recomputing events in SQL never makes `verify`, `status` or `records` say what is not so."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from records_support import attachment, demo_config, maildir_messages, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.records.anchor import HEAD_NAME
from assistant.records.chain_check import verify_chain
from assistant.records.keeper import DurableRecords
from assistant.records.migrations import EVENT_TRIGGERS, event_triggers
from assistant.records.store import Store, event_digest


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def revoked_consent(data: Path, tmp_path: Path) -> tuple[str, Path]:
    keeper = DurableRecords(demo_config(), data, ManualClock())
    ref = keeper.file(signed(ManualClock().now())).reference
    assert ref is not None
    pdf = attachment(maildir_messages(data)[0])
    assert pdf is not None
    keeper.revoke_as_clinician(ref)
    keeper.close()
    path = tmp_path / "consent.pdf"
    path.write_bytes(pdf)
    return ref, path


def test_a_revoked_consent_set_back_to_signed_in_sql_stays_revoked(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref, pdf = revoked_consent(data, tmp_path)
    store = Store(data)
    store.execute(
        "UPDATE consents SET status = 'signed', revoked_at = NULL WHERE reference = ?", (ref,)
    )
    store.close()
    code, out = run(capsys, "verify", str(pdf), "--data-dir", str(data))
    assert (code, out.split()[0]) == (3, "REVOKED")
    code, out = run(capsys, "status", ref, "--data-dir", str(data))
    assert (code, out.strip()) == (3, "revoked")
    code, out = run(capsys, "records", "--data-dir", str(data))
    line = next(x for x in out.splitlines() if x.startswith(ref))
    assert line.split()[1:3] == ["revoked!", "revoked"]
    assert code == 1 and "disagree with the event log" in out
    keeper = DurableRecords(demo_config(), data, ManualClock())
    assert keeper.revoke(ref, "Alex Rivera", ManualClock().now()).status == "already"
    keeper.close()


def test_a_documents_row_with_another_files_hash_proves_nothing(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref, _pdf = revoked_consent(data, tmp_path)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(b"%PDF-1.7\n% consent-assistant reference=" + ref.encode() + b" kind=x\n")
    digest = hashlib.sha256(forged.read_bytes()).hexdigest()
    store = Store(data)
    store.execute(
        "INSERT INTO documents (reference, kind, sha256, created_at) VALUES (?, 'consent', ?, ?)",
        (ref, digest, "2026-01-15T09:30:00.000000Z"),
    )
    store.close()
    code, out = run(capsys, "verify", str(forged), "--data-dir", str(data))
    assert code != 0 and not out.startswith("VALID")


def _drop_triggers(store: Store) -> None:
    for name in EVENT_TRIGGERS:
        store.execute(f"DROP TRIGGER {name}")


def test_deleting_the_tail_is_detected(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref, pdf = revoked_consent(data, tmp_path)
    store = Store(data)
    last = store.last_event()
    assert last is not None
    revoked_id = store.one("SELECT id FROM events WHERE kind = 'revoked'")["id"]  # type: ignore[index]
    _drop_triggers(store)
    store.execute("DELETE FROM events WHERE id >= ?", (revoked_id,))
    store.execute("DELETE FROM outbox WHERE kind = 'revoked'")
    store.execute("UPDATE consents SET status = 'signed', revoked_at = NULL")
    event_triggers(store.db)
    report = verify_chain(store)
    store.close()
    assert not report.ok and "removed" in report.problem and str(last[0]) in report.problem
    code, out = run(capsys, "records", "--verify", "--data-dir", str(data))
    assert code == 1 and "BROKEN" in out and "removed" in out
    code, out = run(capsys, "status", ref, "--data-dir", str(data))
    assert (code, out.strip()) == (7, "unknown")
    code, out = run(capsys, "verify", str(pdf), "--data-dir", str(data))
    assert (code, out.split("  ")[0]) == (7, "RECORDS BROKEN")
    code, out = run(capsys, "fhir", ref, "--data-dir", str(data))
    assert code == 7 and out == ""


def test_an_event_appended_in_sql_has_no_valid_mac(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref, _pdf = revoked_consent(data, tmp_path)
    store = Store(data)
    last = store.one("SELECT id, sha256 FROM events ORDER BY id DESC LIMIT 1")
    assert last is not None
    new_id, at, detail = last["id"] + 1, "2026-01-16T09:30:00.000000Z", json.dumps({})
    digest = event_digest(new_id, at, "request_dismissed", ref, detail, last["sha256"])
    store.execute(
        "INSERT INTO events (id, at, kind, reference, detail, prev_sha256, sha256)"
        " VALUES (?, ?, 'request_dismissed', ?, ?, ?, ?)",
        (new_id, at, ref, detail, last["sha256"], digest),
    )
    report = verify_chain(store)
    store.close()
    assert report.broken_at == new_id and "no valid MAC" in report.problem
    code, out = run(capsys, "status", ref, "--data-dir", str(data))
    assert (code, out.strip()) == (7, "unknown")


def test_a_chain_recomputed_after_an_edit_is_detected(data: Path, tmp_path: Path) -> None:
    """Changing the revoked event and recomputing every hash after it still fails: the MACs
    and the anchored head cannot be recomputed without the key outside the database."""
    revoked_consent(data, tmp_path)
    store = Store(data)
    _drop_triggers(store)
    rows = store.all("SELECT * FROM events ORDER BY id")
    prev = "0" * 64
    for row in rows:
        kind = "not_today" if row["kind"] == "revoked" else row["kind"]
        digest = event_digest(row["id"], row["at"], kind, row["reference"], row["detail"], prev)
        store.execute(
            "UPDATE events SET kind = ?, prev_sha256 = ?, sha256 = ? WHERE id = ?",
            (kind, prev, digest, row["id"]),
        )
        prev = digest
    report = verify_chain(store)
    store.close()
    assert not report.ok and "MAC" in report.problem


def test_the_head_file_must_be_there_and_genuine(data: Path, tmp_path: Path) -> None:
    revoked_consent(data, tmp_path)
    head = data / HEAD_NAME
    body = json.loads(head.read_text())
    head.write_text(json.dumps(body | {"event": body["event"] + 5}))
    store = Store(data)
    assert "changed or damaged" in verify_chain(store).problem
    head.unlink()
    assert "missing" in verify_chain(store).problem
    store.close()


def test_the_head_in_a_clinicians_email_can_be_checked(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    revoked_consent(data, tmp_path)
    first = maildir_messages(data)[0]
    text = first.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    head = text.rsplit("--head ", 1)[1].split(")")[0]
    code, out = run(capsys, "records", "--verify", "--head", head, "--data-dir", str(data))
    assert code == 0 and "matches event 1" in out
    number, _digest = head.split(":")
    wrong = f"{number}:{'0' * 64}"
    code, out = run(capsys, "records", "--verify", "--head", wrong, "--data-dir", str(data))
    assert code == 1 and "does NOT match" in out
    code, out = run(capsys, "records", "--verify", "--head", "x", "--data-dir", str(data))
    assert code == 1


def test_replacing_the_chain_key_and_head_is_detected(data: Path, tmp_path: Path) -> None:
    from assistant.records.anchor import KEY_NAME

    revoked_consent(data, tmp_path)
    (data / KEY_NAME).unlink()
    (data / HEAD_NAME).unlink()
    store = Store(data)  # a new key is made, but the old events carry the old key's MACs
    report = verify_chain(store)
    store.close()
    assert report.broken_at == 1 and "chain.key was replaced" in report.problem


def test_a_store_from_before_the_anchor_is_anchored_on_first_open(tmp_path: Path) -> None:
    """Events written before chain keys existed carry no MAC; they are anchored as they are."""
    from datetime import UTC, datetime

    from assistant.records.anchor import KEY_NAME

    data = tmp_path / "legacy"
    store = Store(data)
    with store.transaction():
        store.append_event("signed", "AAAA-0001", datetime(2026, 1, 1, tzinfo=UTC), {})
    _drop_triggers(store)
    store.execute("UPDATE events SET mac = NULL")
    event_triggers(store.db)
    store.close()
    (data / KEY_NAME).unlink()
    (data / HEAD_NAME).unlink()
    store = Store(data)
    assert verify_chain(store).ok and store.key.from_event == 2
    with store.transaction():
        store.append_event("revoked", "AAAA-0001", datetime(2026, 1, 2, tzinfo=UTC), {})
    report = verify_chain(store)
    store.close()
    assert report.ok and report.anchored_at == 2
