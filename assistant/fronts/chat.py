"""`consent-assistant chat [--json]`: the conversation line by line on stdin and stdout.

For screen readers and braille displays (plain lines, numbered options, no full-screen UI)
and, with `--json`, for other programs (one JSON object per reply, the form text included at
review). The records are real: signing files the form and queues the email as the kiosk does.

Plain lines are written to be heard: no decoration lines; the options are listed once when a
step starts, again when the client types "options", and whenever they change; the form is
read once, in parts, with "next", "repeat", "back" and "skip" (`form_reader.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from assistant.clock import SystemClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.reply import Choice, Reply
from assistant.fronts.form_reader import FormPager, plain_lines, sections
from assistant.fronts.stdin import Lines


class PlainView:
    """Turns replies into lines worth hearing; remembers what it already said."""

    def __init__(self) -> None:
        self.listed: tuple[Choice, ...] = ()
        self.pager: FormPager | None = None
        self.progress = ""

    def render(self, reply: Reply) -> str:
        """A reply as plain lines: messages, the form's first part, options when due."""
        lines: list[str] = []
        for message in reply.messages:
            lines += plain_lines(message)
        if reply.form and reply.arrived and reply.state == "review":
            self.pager = FormPager(sections(reply.form))
            lines.append(self.pager.intro())
            return "\n".join(lines)  # options come after the form
        lines += self.options(reply)
        return "\n".join(lines)

    def options(self, reply: Reply, force: bool = False) -> list[str]:
        """The numbered options, when a step starts, when asked, or when they changed."""
        if not reply.choices:
            self.listed = ()
            return []
        due = force or reply.arrived or reply.choices_asked or reply.choices != self.listed
        self.listed = reply.choices
        if not due:
            return []
        out = ["Options: " + "; ".join(f"{i}. {c.label}" for i, c in enumerate(reply.choices, 1))]
        if reply.progress and reply.progress != self.progress:
            out.append(f"({reply.progress})")
        self.progress = reply.progress
        return out

    def form_turn(self, line: str, last: Reply) -> str | None:
        """Words for a line while the form is being read; None to hand the line on."""
        if self.pager is None:
            return None
        said = self.pager.turn(line)
        if self.pager.done:
            self.pager = None
            if said is None:
                return None
            ask = plain_lines(last.messages[-1]) if last.messages else []
            return "\n".join([said, *ask, *self.options(last, force=True)])
        return said


def run_chat(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Read client lines until end of input; print each reply."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    config = load_config(args.config)
    clock = SystemClock()
    from assistant.records.keeper import DurableRecords
    from assistant.records.store import StoreError

    try:
        records = DurableRecords(config, config.data_path(args.data_dir), clock)
    except StoreError as exc:
        print(f"consent-assistant: {exc}", file=sys.stderr)
        return 2
    conversation = Conversation(config, clock=clock, records=records)
    view = PlainView()

    def say(text: str, ended: bool) -> None:
        stdout.write(text + "\n" + ("" if ended else "> "))
        stdout.flush()

    def show(reply: Reply) -> None:
        if args.json:
            stdout.write(json.dumps(reply.to_json(), ensure_ascii=False) + "\n")
            stdout.flush()
        else:
            say(view.render(reply), reply.ended)

    last = conversation.start()
    show(last)
    for raw in Lines(stdin):
        line = raw.rstrip("\r\n")
        if not args.json:
            paged = view.form_turn(line, last)
            if paged is not None:
                conversation.touch()
                say(paged, False)
                continue
        last = conversation.send(line)
        show(last)
    if not args.json:
        stdout.write("\n")
    return 0
