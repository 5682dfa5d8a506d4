"""The consent form read aloud in parts, for the line mode (screen readers, braille displays).

A form read in one piece is too long to follow by ear, and its underlines ("=====") are read
out as symbols. `sections()` splits the form at its headings and drops the decoration lines;
`FormPager` walks the parts on "next", "repeat", "back" and "skip", one part per turn, so
the client always knows where they are ("Part 2 of 7: What is recorded").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_RULE = re.compile(r"^\s*([=\-_*~#])\1{2,}\s*$")
"""A line that only draws (=====, -----): read as noise by a screen reader."""
NEXT = frozenset({"", "next", "n", "go on", "continue", "ok", "okay", "yes"})
REPEAT = frozenset({"repeat", "again", "r", "say that again", "what"})
BACK = frozenset({"back", "previous", "b", "go back"})
SKIP = frozenset({"skip", "done", "stop reading", "skip to the end", "s"})


def plain_lines(text: str) -> list[str]:
    """`text` without decoration lines and with its blank runs folded."""
    out: list[str] = []
    for line in text.splitlines():
        if _RULE.match(line):
            continue
        if line.strip() or (out and out[-1]):
            out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


def sections(form: str) -> list[tuple[str, str]]:
    """The form's parts: (heading, text). A heading is a line underlined with = or -."""
    lines = form.splitlines()
    parts: list[tuple[str, list[str]]] = [("", [])]
    for i, line in enumerate(lines):
        underline = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _RULE.match(underline):
            parts.append((line.strip(), []))
        elif not _RULE.match(line):
            parts[-1][1].append(line)
    out = []
    for title, body in parts:
        text = "\n".join(plain_lines("\n".join(body)))
        if title or text:
            out.append((title or "About this form", text))
    return out


@dataclass
class FormPager:
    """Which part of the form is being read; `turn()` answers one typed line."""

    parts: list[tuple[str, str]]
    at: int = 0
    done: bool = field(default=False)

    def intro(self) -> str:
        """What is said before the first part."""
        return (
            f"Here is the form, in {len(self.parts)} parts. After each part, press Enter or "
            "type next to go on, repeat to hear it again, back for the part before, or skip "
            "to go to the end.\n" + self.current()
        )

    def current(self) -> str:
        title, text = self.parts[self.at]
        return f"Part {self.at + 1} of {len(self.parts)}: {title}\n{text}".rstrip()

    def turn(self, line: str) -> str | None:
        """The next words to say, or None when the line is not about the form (or it ended)."""
        said = " ".join(line.lower().split()).strip(".!")
        if said in REPEAT:
            return self.current()
        if said in BACK:
            self.at = max(0, self.at - 1)
            return self.current()
        if said in SKIP or (said in NEXT and self.at + 1 >= len(self.parts)):
            self.done = True
            return "That was the whole form."
        if said in NEXT:
            self.at += 1
            return self.current()
        self.done = True
        return None
