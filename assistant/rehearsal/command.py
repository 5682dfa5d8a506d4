"""`consent-assistant rehearse`: practise asking for consent with a simulated client.

Full screen by default; `--text` talks on stdin/stdout instead (one answer a line, `/end` or
end of input to finish) for scripts and CI. `--export FILE` writes the rehearsal as a
transcript, `--feedback FILE` the feedback as Markdown; both are marked PRACTICE. It never
opens the records, the data folder or the mail: `--data-dir` is accepted and ignored.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TextIO

from assistant.config import Config, load_config
from assistant.fronts.stdin import Lines
from assistant.rehearsal.answer_words import answer_words
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.feedback import PRACTICE
from assistant.rehearsal.personas import PersonaError, load_cast
from assistant.rehearsal.transcript import export

END = "/end"
"""Typed alone in `--text` mode, ends the rehearsal and shows the feedback."""


def new_rehearsal(config: Config, persona: str | None, seed: int | None) -> Rehearsal:
    """A rehearsal with `persona` (None: picked by the seed) and `seed` (None: a fresh one)."""
    cast = load_cast()
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    chosen = cast.get(persona) if persona else cast.pick(seed)
    return Rehearsal(config, chosen, seed, cast=cast)


def save(rehearsal: Rehearsal, export_to: str | None, feedback_to: str | None) -> list[str]:
    """Write the transcript and the feedback where asked; one line per file written."""
    done = []
    if export_to:
        Path(export_to).write_text(export(rehearsal), "utf-8")
        done.append(f"Wrote the rehearsal transcript ({PRACTICE}) to {export_to}")
    if feedback_to:
        Path(feedback_to).write_text(rehearsal.feedback().to_markdown(), "utf-8")
        done.append(f"Wrote the feedback ({PRACTICE}) to {feedback_to}")
    return done


def intro(rehearsal: Rehearsal) -> str:
    """Who the clinician is talking to, and how to repeat this exact rehearsal."""
    p = rehearsal.persona
    return (
        f"{PRACTICE} REHEARSAL: a simulated client, not a real one. Nothing is recorded or sent.\n"
        f"You are talking to {p.title} (--persona {p.id} --seed {rehearsal.seed})."
    )


def run_text(rehearsal: Rehearsal, stdin: TextIO, stdout: TextIO) -> None:
    """The plain-text loop: print the client's lines, read the clinician's, then the feedback."""
    stdout.write(
        intro(rehearsal) + f"\nAnswer in your own words, one line each; {END} to stop.\n\n"
    )
    stdout.write(f"Client: {rehearsal.opening()}\n> ")
    stdout.flush()
    for line in Lines(stdin):
        if line.strip() == END:
            break
        reply = rehearsal.respond(line.rstrip("\n"))
        stdout.write(f"Client: {reply}\n" + ("" if rehearsal.done else "> "))
        stdout.flush()
        if rehearsal.done:
            break
    stdout.write("\n" + rehearsal.feedback().to_markdown())


def run_rehearse(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Run one rehearsal, then write the files asked for. Exit 2 for an unknown persona."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    config = load_config(args.config)
    answer_words()  # a broken clinic edit of its word lists stops here, with one line
    try:
        rehearsal = new_rehearsal(config, args.persona, args.seed)
    except PersonaError as exc:
        print(f"consent-assistant: {exc}", file=sys.stderr)
        return 2
    saved: list[str] = []
    if args.text:
        run_text(rehearsal, stdin, stdout)
    else:
        from assistant.rehearsal.screen import make_rehearsal_app

        app = make_rehearsal_app(rehearsal, export_to=args.export, feedback_to=args.feedback)
        app.run()
        saved = app.saved
    try:
        lines = saved or save(rehearsal, args.export, args.feedback)
    except OSError as exc:
        print(f"consent-assistant: cannot write: {exc}", file=sys.stderr)
        return 1
    for line in lines:
        print(line, file=sys.stderr if args.text else stdout)
    return 0
