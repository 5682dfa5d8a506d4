"""`consent-assistant replay PATH...`: run transcripts headless and report differences."""

from __future__ import annotations

import argparse
import sys

from assistant.config import ConfigError, load_config
from assistant.engine import transcript
from assistant.replay import runner


def run_replay(args: argparse.Namespace) -> int:
    """One line per transcript, the failure under each failed one, then `N passed, N failed`."""
    config = load_config(args.config)
    passed = failed = 0
    files = list(transcript.collect(args.paths))
    if not files:
        print("no *.transcript files found in " + _shown(" ".join(args.paths)), file=sys.stderr)
    for path in files:
        try:
            failure = runner.run(transcript.load(path), config)
        except (transcript.TranscriptError, ConfigError) as exc:
            failed += 1
            print(f"FAIL {_shown(path)}\n  {exc}")
            continue
        if failure is None:
            passed += 1
            print(f"ok   {_shown(path)}")
        else:
            failed += 1
            print(f"FAIL {_shown(path)}\n{failure.describe(_shown(path))}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not files else 0


def _shown(path: object) -> str:
    text = str(path)
    return text if len(text) <= 200 else text[:200] + "…"
