"""Records benchmark: sealing one PDF and checking its seal, signing to queued (PDF + seal +
database + outbox), 1,000 signings in a row, and the database size per consent. It prints
figures; it asserts nothing.

Run with `make bench` or `.venv/bin/python bench/bench_records.py [COUNT]`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.outcome import AskedQuestion, CheckResult, Outcome, Signature, Stroke
from assistant.records.keeper import DurableRecords
from assistant.records.store import DB_NAME

SIGNATURE = (
    Stroke(tuple((i / 60, 0.5 + 0.3 * ((i % 7) / 7)) for i in range(61))),
    Stroke(((0.1, 0.9), (0.9, 0.85))),
)


def outcome(i: int, at: datetime) -> Outcome:
    """A typical signing: three choices, two questions, two check questions, drawn signature."""
    name = f"Alex Rivera {i}"
    return Outcome(
        kind="signed",
        at=at,
        clinician_name="Dr. Sam Lee",
        clinician_email="sam.lee@example.org",
        name=name,
        email="alex.rivera@example.org" if i % 2 else None,
        choices={"recording": True, "summary": i % 3 != 0, "supervision": i % 2 == 0},
        comprehension=(
            CheckResult("revoke", "Can you take back your consent later?", True, 1),
            CheckResult("audio", "What happens to the audio?", i % 4 != 0, 1 + (i % 4 == 0)),
        ),
        questions=(
            AskedQuestion("Who can hear the recordings?", "privacy"),
            AskedQuestion("Can my employer see the notes?", None),
        ),
        signature=Signature(name, SIGNATURE),
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def db_bytes(data: Path) -> int:
    return sum(p.stat().st_size for p in data.glob(DB_NAME + "*"))


def bench_seal(count: int = 50) -> None:
    """The seal alone: making the key pair, sealing one PDF, and `verify`'s seal check."""
    from assistant.config import Clinician
    from assistant.engine.forms import render_consent_form
    from assistant.records.pdf import ConsentDocument, consent_pdf
    from assistant.records.seal import seal_pdf
    from assistant.records.seal_check import check_seal
    from assistant.records.seal_keys import ensure_keys, practice_certificate

    config = load_config()
    at = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
    case = outcome(1, at)
    assert case.signature is not None
    form = render_consent_form(
        config,
        clinician=Clinician("Dr. Sam Lee", "sam.lee@example.org"),
        name="Alex Rivera 1",
        choices=case.choices,
        when=at,
    )
    pdf = consent_pdf(config, ConsentDocument("K7QM-3XPD", at, form, case.signature))
    with tempfile.TemporaryDirectory(prefix="bench-seal-") as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        keys = ensure_keys(config, data)
        print(f"seal key pair made on first use (ECDSA P-256): {ms(time.perf_counter() - t0)}")
        t0 = time.perf_counter()
        sealed = seal_pdf(config, data, pdf, reason="bench")
        print(f"first seal in a process (pyHanko import, key load): {ms(time.perf_counter() - t0)}")
        times = []
        for _ in range(count):
            t0 = time.perf_counter()
            sealed = seal_pdf(config, data, pdf, reason="bench")
            times.append(time.perf_counter() - t0)
        print(
            f"sealing one consent PDF ({len(pdf) // 1024} KB -> {len(sealed) // 1024} KB),"
            f" {count} runs: p50 {ms(statistics.median(times))}   p99 {ms(quantile(times, 0.99))}"
        )
        cert = practice_certificate(keys)
        checks = []
        for _ in range(count):
            t0 = time.perf_counter()
            check_seal(sealed, cert)
            checks.append(time.perf_counter() - t0)
        p50 = ms(statistics.median(checks))
        print(f"checking the seal (verify, pyHanko), {count} runs: p50 {p50}")


def main(count: int = 1000) -> None:
    bench_seal()
    config = load_config()
    clock = ManualClock(datetime(2026, 1, 15, 9, 30, tzinfo=UTC))
    with tempfile.TemporaryDirectory(prefix="bench-records-") as tmp:
        data = Path(tmp) / "data"
        keeper = DurableRecords(config, data, clock, deliver_inline=False)
        started = time.perf_counter()
        keeper.warm_up()
        warm = time.perf_counter() - started
        print(f"warm-up (fpdf2 and pyHanko imports, fonts, seal key; once a process): {ms(warm)}")

        times: list[float] = []
        cpu: list[float] = []
        for i in range(count):
            clock.advance(60)
            t0, c0 = time.perf_counter(), time.process_time()
            keeper.file(outcome(i, clock.now()))
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)

        print(f"signing to queued, {count} signings (PDF + seal + database + outbox):")
        print(f"  wall p50 {ms(statistics.median(times))}   p99 {ms(quantile(times, 0.99))}")
        print(f"  CPU  p50 {ms(statistics.median(cpu))}   p99 {ms(quantile(cpu, 0.99))}")
        # Wall time also counts other processes on a shared machine; CPU time shows this one.
        print("  in a row, per consent, median wall / median CPU:")
        for label, part in (("first 100", slice(0, 100)), ("last 100 ", slice(-100, None))):
            wall_ms, cpu_ms = ms(statistics.median(times[part])), ms(statistics.median(cpu[part]))
            print(f"    {label}: {wall_ms} / {cpu_ms}")

        keeper._store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        queued = db_bytes(data)
        t0 = time.perf_counter()
        report = keeper.deliver_pending()
        delivery = time.perf_counter() - t0
        print(
            f"delivery to the Maildir outbox: {report.sent} messages,"
            f" {ms(delivery / max(report.sent, 1))} each"
        )
        keeper._store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        delivered = db_bytes(data)
        keeper._store.execute("VACUUM")
        keeper._store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        vacuumed = db_bytes(data)
        keeper.close()
        print("database bytes per consent:")
        print(f"  while queued (PDF bytes held):      {queued / count:9.0f}")
        print(
            f"  after delivery (PDF bytes dropped): {delivered / count:9.0f}  (free pages reused)"
        )
        print(f"  after VACUUM:                       {vacuumed / count:9.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
