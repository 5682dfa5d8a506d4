"""`status REFERENCE` for the recording tool: signed -> active; not today -> paused until the day
ends in the practice's time zone; revoked -> revoked; a name-only request -> paused until the
clinician acts. Every answer has its own exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from records_support import demo_config, ended, signed

from assistant.cli import main
from assistant.clock import ManualClock, SystemClock
from assistant.config import Clinician, ConfigError
from assistant.records.keeper import DurableRecords
from assistant.records.ledger import consent_state, end_of_day
from assistant.records.store import Store

DR_LEE = Clinician("Dr. Sam Lee", "sam.lee@example.org")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_each_answer_and_its_exit_code(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keeper = DurableRecords(demo_config(), data, SystemClock())
    now = datetime.now(UTC)
    active = keeper.file(signed(now)).reference
    revoked = keeper.file(signed(now, name="Jo Park")).reference
    paused = keeper.file(signed(now, name="Kim Lee")).reference
    declined = keeper.file(ended("declined", now, "Ana Diaz")).reference
    deferred = keeper.file(ended("deferred", now, "Ben Cole")).reference
    assert revoked and paused and active and declined and deferred
    keeper.revoke_as_clinician(revoked)
    assert keeper.skip_today(paused, "Kim Lee", now).status == "skipped"
    keeper.close()
    expected = {
        active: ("active", 0),
        revoked: ("revoked", 3),
        paused: ("paused", 4),
        declined: ("declined", 5),
        deferred: ("deferred", 6),
        "K7QM-3XPD": ("unknown", 1),
    }
    for ref, (word, exit_code) in expected.items():
        code, out = run(capsys, "status", ref.lower(), "--data-dir", str(data))
        assert (out, code) == (word + "\n", exit_code), ref
    code, out = run(capsys, "status", paused, "--json", "--data-dir", str(data))
    answer = json.loads(out)
    assert answer["status"] == "paused" and "today" in answer["reason"]
    assert answer["until"] > answer["since"]


def test_not_today_lasts_until_midnight_where_the_practice_is(data: Path) -> None:
    clock = ManualClock(datetime(2026, 1, 15, 14, 0, tzinfo=UTC))  # 09:00 in New York
    keeper = DurableRecords(demo_config(), data, clock)
    ref = keeper.file(signed(clock.now())).reference
    assert ref is not None
    keeper.skip_today(ref, "Alex Rivera", clock.now())
    keeper.close()
    store = Store(data)
    state = consent_state(store, ref, "America/New_York")
    store.close()
    assert state is not None
    midnight_ny = datetime(2026, 1, 16, 5, 0, tzinfo=UTC)
    assert state.paused_until == midnight_ny
    assert state.status(datetime(2026, 1, 16, 1, 0, tzinfo=UTC)) == "paused"  # 20:00 NY
    assert state.status(midnight_ny - timedelta(seconds=1)) == "paused"
    assert state.status(midnight_ny) == "active"


def test_the_end_of_day_follows_daylight_saving() -> None:
    # The night the clocks go forward in New York (8 March 2026): midnight is still local.
    before = datetime(2026, 3, 8, 15, 0, tzinfo=UTC)
    assert end_of_day(before, "America/New_York") == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)
    assert end_of_day(before, "Asia/Kolkata") == datetime(2026, 3, 8, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd", "UTC\n"])
def test_a_time_zone_that_is_not_one_is_refused_at_load(zone: str) -> None:
    with pytest.raises(ConfigError, match=r"practice\.time_zone"):
        demo_config({"practice.time_zone": json.dumps(zone)})


def test_a_request_by_name_pauses_until_the_clinician_acts(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from records_support import body, maildir_messages

    keeper = DurableRecords(demo_config(), data, SystemClock())
    now = datetime.now(UTC)
    ref = keeper.file(signed(now)).reference
    other = keeper.file(signed(now, name="Jo Park")).reference
    assert ref and other
    receipt = keeper.request_revocation("alex rivera", DR_LEE.name, DR_LEE.email, now)
    assert receipt.reference is None and receipt.delivered
    nobody = keeper.request_revocation("Nobody Here", DR_LEE.name, DR_LEE.email, now)
    assert nobody.note == receipt.note  # the kiosk learns nothing about who is a client
    keeper.close()
    request, no_match = maildir_messages(data)[-2:]
    assert "Stop recording" in str(request["Subject"])
    assert ref in body(request) and other not in body(request)
    assert "No active consent on file matches" in body(no_match)
    assert run(capsys, "status", ref, "--data-dir", str(data)) == (4, "paused\n")
    assert run(capsys, "status", other, "--data-dir", str(data)) == (0, "active\n")
    assert run(capsys, "resume", ref, "--data-dir", str(data))[0] == 0
    assert run(capsys, "status", ref, "--data-dir", str(data)) == (0, "active\n")
    assert run(capsys, "resume", ref, "--data-dir", str(data))[0] == 1
    keeper = DurableRecords(demo_config(), data, SystemClock())
    keeper.request_revocation("Alex Rivera", DR_LEE.name, DR_LEE.email, datetime.now(UTC))
    keeper.close()
    assert run(capsys, "revoke", ref, "--data-dir", str(data))[0] == 0
    assert run(capsys, "status", ref, "--data-dir", str(data)) == (3, "revoked\n")


def test_the_documented_shell_snippet_works(data: Path, tmp_path: Path) -> None:
    """The snippet in docs/recording-tool.md, run by a real shell against real records."""
    doc = (Path(__file__).parents[2] / "docs" / "recording-tool.md").read_text("utf-8")
    snippet = doc.split("```sh\n", 1)[1].split("```", 1)[0]
    keeper = DurableRecords(demo_config(), data, SystemClock())
    ref = keeper.file(signed(datetime.now(UTC))).reference
    keeper.close()
    assert ref is not None
    script = tmp_path / "before-session.sh"
    script.write_text(snippet, "utf-8")
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)}

    def session(reference: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", str(script), reference, str(data)], capture_output=True, text=True, env=env
        )

    ok = session(ref)
    assert ok.returncode == 0 and "start recording" in ok.stdout
    refused = session("K7QM-3XPD")
    assert refused.returncode != 0 and "do not record" in refused.stdout
