"""Shared pieces for the tests of what the matcher reads a message without (asides, names and
signatures, addresses), a small matcher for tests that compare two, and every string an object
holds, for the tests that nothing of a client's words is kept."""

from __future__ import annotations

import gc
import types
from typing import Any

from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import default_posts
from assistant.engine.lexicon import Lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.phrasings import default_phrasings


def small_matcher(lexicon: Lexicon | None = None) -> Matcher:
    """A matcher of the shipped concerns learnt from every 20th phrasing and every 30th post
    (built in about two seconds; the shipped one takes about twenty), with `lexicon` if given:
    for a test that compares two matchers differing in one part only."""
    return Matcher(
        load_concerns(), lexicon, phrasings=default_phrasings()[::20], posts=default_posts()[::30]
    )


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


def reachable_strings(root: Any, *, functions: bool = True) -> set[str]:
    """Every string reachable from `root` through object references (not through modules or
    classes): what an object still holds of a client's words. With `functions` False, not
    through functions either, whose globals lead to whole modules (a test's own constants
    among them): only what `root`'s own fields and containers hold."""
    seen: set[int] = set()
    out: set[str] = set()
    stack = [root]
    skipped = types.ModuleType | type if functions else types.ModuleType | type | _Functions
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skipped):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            out.add(obj)
            continue
        stack.extend(gc.get_referents(obj))
    return out


_Functions = types.FunctionType | types.BuiltinFunctionType
