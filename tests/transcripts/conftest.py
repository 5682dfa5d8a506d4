"""Collect every `*.transcript` below this folder as its own pytest test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_config
from assistant.engine import transcript
from assistant.replay import runner


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    if file_path.suffix == ".transcript":
        return TranscriptFile.from_parent(parent, path=file_path)
    return None


class TranscriptFile(pytest.File):
    """One transcript file: a single test item."""

    def collect(self) -> Iterator[pytest.Item]:
        yield TranscriptItem.from_parent(self, name=self.path.stem)


class TranscriptFailed(AssertionError):
    """A transcript expectation that did not hold."""


class TranscriptItem(pytest.Item):
    """Replays the transcript; a failure shows the line, the expectation and what came."""

    def runtest(self) -> None:
        failure = runner.run(transcript.load(self.path), load_config())
        if failure is not None:
            raise TranscriptFailed(failure.describe(str(self.path)))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, TranscriptFailed | transcript.TranscriptError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"transcript {self.path.name}"
