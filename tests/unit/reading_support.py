"""Shared pieces for the tests of what the matcher reads a message without (asides, names and
signatures, addresses)."""

from __future__ import annotations

from assistant.engine.matcher import Matcher


def assert_read_alike(matcher: Matcher, plain: str, typed: str) -> None:
    """`typed` (a message with something around it) is read as `plain` (the message alone): the
    same concern, how sure, and small talk or not; its match keeps the text as typed."""
    alone, read = matcher.match(plain), matcher.match(typed)
    assert (read.concern, read.status, read.small_talk) == (
        alone.concern,
        alone.status,
        alone.small_talk,
    )
    assert read.text == typed
