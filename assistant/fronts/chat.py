"""`consent-assistant chat [--json]`: the conversation line by line on stdin and stdout.

For screen readers and braille displays (plain lines, numbered options, no full-screen UI)
and, with `--json`, for other programs (one JSON object per reply). The records are real:
signing files the form and queues the email exactly as the kiosk does.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from assistant.clock import SystemClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.reply import Reply
from assistant.fronts.stdin import Lines


def render_plain(reply: Reply) -> str:
    """A reply as plain lines: messages, the form when shown, numbered options, progress."""
    lines = [*reply.messages]
    if reply.form:
        lines += ["", "----- the form -----", reply.form, "----- end of the form -----"]
    if reply.choices:
        lines.append(
            "Options: " + "; ".join(f"{i}. {c.label}" for i, c in enumerate(reply.choices, 1))
        )
    if reply.steps and not reply.ended:
        lines.append(f"(Step {reply.step} of {reply.steps})")
    return "\n".join(lines)


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

    def show(reply: Reply) -> None:
        if args.json:
            stdout.write(json.dumps(reply.to_json(), ensure_ascii=False) + "\n")
        else:
            stdout.write(render_plain(reply) + "\n" + ("" if reply.ended else "> "))
        stdout.flush()

    show(conversation.start())
    for line in Lines(stdin):
        show(conversation.send(line.rstrip("\r\n")))
    if not args.json:
        stdout.write("\n")
    return 0
