"""`consent-assistant replay PATH...`: run transcripts headless and report differences."""

from __future__ import annotations

import argparse
import sys

from assistant.config import load_config
from assistant.engine import transcript


def run_replay(args: argparse.Namespace) -> int:
    """One line per transcript, the failure under each failed one, then `N passed, N failed`."""
    config = load_config(args.config)
    passed = failed = 0
    files = list(transcript.collect(args.paths))
    if not files:
        print("no *.transcript files found in " + " ".join(args.paths), file=sys.stderr)
    for path in files:
        try:
            failure = transcript.run(transcript.load(path), config)
        except transcript.TranscriptError as exc:
            failed += 1
            print(f"FAIL {path}\n  {exc}")
            continue
        if failure is None:
            passed += 1
            print(f"ok   {path}")
        else:
            failed += 1
            print(f"FAIL {path}\n{failure.describe(str(path))}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not files else 0
