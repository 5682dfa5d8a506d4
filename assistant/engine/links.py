"""Web and email addresses in a message: what the matcher does not read.

Clients paste the article that worried them or the page they read ("is this true?
https://bit.ly/3xYz9Qp", "Saw this: www.example.org/news/ai-notes"), and write to an address
("send it to alex@example.org"). Read as words, an address is "https www example org news ai
notes": words no worry is put in, which made small talk look like a question about the
recording and a question look like small talk. `without_links` puts a space where each was;
what the client wrote around it is read as before, but for brackets around an address and a word
pointing at it ("see", "source:"), which go with it.
"""

from __future__ import annotations

import re

_DOMAINS = "com|org|net|edu|gov|biz|io|co|ly|uk|ca|au|nz|ie|za|de|fr|nl|eu"
"""The endings of an address typed without "http" or "www" ("bit.ly/...", "example.org"):
common ones that are no English word, so that "e.g.", "Dr.Lee" or a space left out ("is it
private.it worries me", "tell.me", "my mental.health notes") are no address."""

_ADDRESS = (
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]{}\"']+"  # with a scheme or www
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an email address
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{_DOMAINS})\b(?:/[^\s<>()\[\]{{}}\"']*)?"  # a bare domain
)
_POINTING = r"see|see here|here|link|source|via|at|read|more"
"""The words that point at an address typed after them ("see bit.ly/...", "source: ..."):
left out with it, or "is the wifi free? see bit.ly/..." would read as two sentences."""
_LINK = re.compile(
    rf"(?:\b(?:{_POINTING})\b[ \t]*:?[ \t]*)?"  # a word pointing at it
    rf"(?:\((?:{_ADDRESS})\)|\[(?:{_ADDRESS})\]|<(?:{_ADDRESS})>|(?:{_ADDRESS}))",  # or brackets
    re.IGNORECASE,
)
_MAY_HOLD = re.compile(rf"://|www\.|@|\.(?:{_DOMAINS})\b", re.IGNORECASE)
"""What every address holds (a scheme, "www.", an "@" or a domain's ending): one quick scan
before `_LINK`, whose alternatives are tried at every word of a message."""


def without_links(text: str) -> str:
    """`text` with a space for each web or email address in it; `text` itself when it holds
    none, or nothing else."""
    if "." not in text or _MAY_HOLD.search(text) is None:  # the common case: no address
        return text
    out = _LINK.sub(" ", text)
    return out if out.strip(" \t\n,.!?:;()-") else text
