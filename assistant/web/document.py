"""The form's plain text as blocks for HTML: headings, paragraphs and lists.

The form is plain text (what is hashed and signed), with headings underlined by `===` or `---`
and list items starting with `- `. On the page those become real headings and lists, so a
screen reader can move through the form by heading; the words are exactly the form's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["title", "section", "paragraph", "list"]


@dataclass
class Block:
    """A heading (`title`, `section`), a `paragraph` of one line, or a `list` of items."""

    kind: Kind
    text: str = ""
    items: list[str] = field(default_factory=list)


def _underline(line: str) -> str | None:
    stripped = line.strip()
    if len(stripped) >= 3 and len(set(stripped)) == 1 and stripped[0] in "=-":
        return stripped[0]
    return None


def blocks(text: str) -> list[Block]:
    """`text` as blocks, in order; blank lines only separate."""
    lines = text.splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        mark = _underline(lines[i + 1]) if i + 1 < len(lines) and line.strip() else None
        if mark is not None:
            out.append(Block("title" if mark == "=" else "section", line.strip()))
            i += 2
            continue
        if line.startswith("- "):
            if not out or out[-1].kind != "list":
                out.append(Block("list"))
            out[-1].items.append(line[2:].strip())
        elif line.strip():
            out.append(Block("paragraph", line.strip()))
        i += 1
    return out
