"""The transcript format: parse errors name the line, and client escapes round-trip."""

from __future__ import annotations

import pytest

from assistant.engine import transcript


@pytest.mark.parametrize(
    "text",
    ["plain", "C:\\new folder", "\x1b[31mred\x1b[0m", "tab\there", "bell\x07", "名前 🌈", "\\e"],
)
def test_client_escapes_round_trip(text: str) -> None:
    parsed = transcript.parse(f"client: {transcript.escape(text)}\n")
    assert parsed.steps[0].value == text


def test_errors_name_file_and_line() -> None:
    with pytest.raises(transcript.TranscriptError, match=r"^t\.transcript:3: unknown key 'cliet'"):
        transcript.parse("# c\nclient: hi\ncliet: oops\n", "t.transcript")
    with pytest.raises(transcript.TranscriptError, match=r"t\.transcript:2: wait needs"):
        transcript.parse("client: hi\nwait: soon\n", "t.transcript")
    with pytest.raises(transcript.TranscriptError, match="before the first turn"):
        transcript.parse("client: hi\n@config practice.name = X\n", "t.transcript")


def test_value_keeps_hash_and_everything_after_the_key() -> None:
    parsed = transcript.parse("assistant: call #1 now\n")
    assert parsed.steps[0].value == "call #1 now"
