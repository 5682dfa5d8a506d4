"""Revocation look-ups are locked per reference and per kiosk, with a back-off that slows
guessing and never locks a consent's owner out for good."""

from __future__ import annotations

from pathlib import Path

from records_support import demo_config, signed

from assistant.clock import ManualClock
from assistant.engine.outcome import RevokeResult
from assistant.records.keeper import DurableRecords


def kiosk(data: Path, clock: ManualClock, station: str = "kiosk-1") -> DurableRecords:
    return DurableRecords(demo_config(), data, clock, station=station)


def test_someone_hammering_a_code_cannot_keep_its_owner_out(tmp_path: Path) -> None:
    clock = ManualClock()
    attacker = kiosk(tmp_path / "data", clock, "lobby")
    ref = attacker.file(signed(clock.now())).reference or ""
    assert [attacker.revoke(ref, f"Guess {i}", clock.now()).status for i in range(5)] == [
        "wrong_name"
    ] * 4 + ["locked"]
    for _ in range(100):  # tries while locked are refused and do not extend the lock
        clock.advance(5)
        assert attacker.revoke(ref, "Guess", clock.now()).status == "locked"
    clock.advance(15 * 60 - 500 + 1)
    owner = kiosk(tmp_path / "data", clock, "front-desk")
    assert owner.revoke(ref, "Alex Rivera", clock.now()).status == "revoked"


def test_many_wrong_codes_slow_the_kiosk_down_with_a_growing_wait(tmp_path: Path) -> None:
    clock = ManualClock()
    records = kiosk(tmp_path / "data", clock)
    waits = []
    for round_ in range(6):
        statuses = [
            records.revoke(f"AAAA-{round_}{i:03d}", "Alex Rivera", clock.now()).status
            for i in range(10)
        ]
        assert statuses == ["not_found"] * 9 + ["locked"]
        locked = records.revoke("K7QM-3XPD", "Alex Rivera", clock.now())
        assert locked.status == "locked"
        waits.append(locked.minutes_locked)
        clock.advance(locked.minutes_locked * 60)
    assert waits == [1, 2, 4, 8, 15, 15]
    # Another kiosk is not slowed by this one's guesses.
    other = kiosk(tmp_path / "data", clock, "kiosk-2")
    assert other.revoke("K7QM-3XPD", "Alex Rivera", clock.now()).status == "not_found"
    # An hour without wrong tries and the kiosk starts again from a short wait.
    clock.advance(3600)
    for i in range(9):
        records.revoke(f"BBBB-{i:04d}", "Alex Rivera", clock.now())
    assert records.revoke("CCCC-0000", "Alex Rivera", clock.now()) == RevokeResult(
        "locked", "CCCC-0000", 1
    )


def test_the_kiosk_lock_survives_a_restart(tmp_path: Path) -> None:
    clock = ManualClock()
    records = kiosk(tmp_path / "data", clock)
    for i in range(10):
        records.skip_today(f"AAAA-{i:04d}", "Alex Rivera", clock.now())
    records.close()
    restarted = kiosk(tmp_path / "data", clock)
    assert restarted.skip_today("K7QM-3XPD", "Alex Rivera", clock.now()).status == "locked"
