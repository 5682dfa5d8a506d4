"""Web and email addresses in a message are not read (`links.py`, `MessageParts.as_read`): "is this
true? https://bit.ly/3xYz9Qp" is read as "is this true?" (and "... see t.co/..." and "...
(www.example.org)" without the "see" and the brackets), and an off-topic line with a link after
it stays off-topic."""

from __future__ import annotations

import pytest
from reading_support import assert_read_alike

from assistant.engine.links import without_links
from assistant.engine.matcher import Matcher


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("is this true? https://bit.ly/3xYz9Qp", "is this true?  "),
        ("Saw this: www.example.org/news/ai-notes who reads it", "Saw this:   who reads it"),
        ("who reads it (example.org/faq)", "who reads it  "),
        ("is the wifi free? see t.co/AbC123xyz", "is the wifi free?  "),
        ("where is it kept? source: https://example.com/a", "where is it kept?  "),
        ("is it kept [https://example.org]", "is it kept  "),
        ("send it to alex@example.org please", "send it to   please"),
        ("who reads it\nhttps://example.com/a?ref=share", "who reads it\n "),
    ],
)
def test_addresses_are_taken_out(typed: str, read: str) -> None:
    assert without_links(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "e.g. the notes",
        "Dr.Lee said so",
        "is it 2.5 hours",
        "what about U.S. law",
        "is it private.it worries me",  # a space left out, not an address
        "tell.me who reads it",
        "are my mental.health notes safe",
        "https://example.org",  # nothing else: read as it is
        "see www.example.org",
    ],
)
def test_what_is_no_address_stays(typed: str) -> None:
    assert without_links(typed) == typed


@pytest.mark.parametrize(
    ("plain", "linked"),
    [
        ("is it private?", "is it private? https://bit.ly/3xYz9Qp"),
        ("who reads the summary", "who reads the summary (www.example.org/faq)"),
        ("where is the toilet", "where is the toilet https://example.org/map"),
        ("Can I say no?", "https://example.org/article/123 Can I say no?"),
        (
            "what time do you close",
            "Saw this: https://www.example.org/2026/11/clinic-news what time do you close",
        ),
        ("can I get a copy of my notes", "can I get a copy of my notes (www.example.org/faq)"),
        ("is there a lift?", "is there a lift? see t.co/AbC123xyz"),
        (
            "how do I get to the station?",
            "how do I get to the station? source: https://example.com/a",
        ),
        ("who reads the summary?", "who reads the summary? see t.co/AbC123xyz"),
        ("can I say no?", "can I say no? source: https://example.com/a"),
        (
            "can I get a copy of my notes",
            "can I get a copy of my notes email me at alex@example.org",
        ),
    ],
)
def test_a_message_with_a_link_is_read_as_the_message(
    shipped_matcher: Matcher, plain: str, linked: str
) -> None:
    assert_read_alike(shipped_matcher, plain, linked)
