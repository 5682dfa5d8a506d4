"""Render the three PDFs of a signing to PNG pages for looking at (`make pdf-pages`).

Files three fictional signings through the real record keeper (sealed PDFs, Maildir outbox) in
a temporary data folder on the demo configuration, at 8:45 pm in the practice's time zone:
a normal one with an email address (the clinician's PDF and the client's copy), a long name
with nine questions, and the normal one taken back (the revocation notice). Then runs
`pdftoppm -png -r 60` (poppler-utils) on each PDF and prints the pages it wrote.

    python bench/render_documents.py [OUT_DIR]   # default: build/pdf-pages
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]  # this checkout's `assistant` first

from records_support import attachment, demo_config, maildir_messages, signed  # noqa: E402

from assistant.clock import ManualClock  # noqa: E402
from assistant.engine.outcome import AskedQuestion  # noqa: E402
from assistant.records.keeper import DurableRecords  # noqa: E402

EVENING = datetime(2026, 12, 3, 1, 45, tzinfo=UTC)
"""8:45 pm on 2 December in New York (the demo practice), already 3 December in UTC."""
LONG_NAME = "Maximilian Alexander Fitzgerald-Montgomery de la Cruz-Rivera"
QUESTIONS = tuple(
    AskedQuestion(
        f"Question {i + 1}: what happens to my recordings if I move to another state?",
        None if i % 2 else "data_use",
    )
    for i in range(9)
)


def _sign(data: Path, name: str, questions: tuple[AskedQuestion, ...], revoke: bool) -> None:
    keeper = DurableRecords(demo_config(), data, ManualClock(EVENING))
    outcome = signed(EVENING, name, email_addr="alex.rivera@example.org", questions=questions)
    reference = keeper.file(outcome).reference
    if revoke and reference:
        keeper.revoke_as_clinician(reference, EVENING)
    keeper.close()


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 2
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/pdf-pages")
    out.mkdir(parents=True, exist_ok=True)
    cases = {
        "normal": ("Alex Rivera", (), False),
        "long": (LONG_NAME, QUESTIONS, False),
        "revoked": ("Alex Rivera", (), True),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for case, (name, questions, revoke) in cases.items():
            data = Path(tmp) / case
            _sign(data, name, questions, revoke)
            messages = maildir_messages(data)
            wanted = {"clinician": messages[0], "client": messages[1]}
            if revoke:
                wanted = {"notice": messages[-1]}
            for role, msg in wanted.items():
                pdf = attachment(msg)
                if pdf is None:
                    continue
                stem = out / f"{case}-{role}"
                stem.with_suffix(".pdf").write_bytes(pdf)
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", str(stem.with_suffix(".pdf")), str(stem)],
                    check=True,
                )
    for page in sorted(out.glob("*.png")):
        print(f"{page}  {page.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
