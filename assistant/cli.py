"""The one command line: `consent-assistant [kiosk|web|ask|chat|replay|rehearse|records|...]`.

Options are declared here; each command's work lives in its own module with a
`run_<command>(args) -> int` function, imported only when that command runs, so `ask` never
pays for Textual and the kiosk never pays for fpdf2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from assistant import __version__
from assistant.config import ConfigError


def _kiosk(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unlocked", action="store_true", help="allow ctrl+q (for demos, not clients)")


def _web(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")


def _ask(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.add_argument("question", nargs="?", help="the question; without it, one a line on stdin")


def _chat(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="one JSON object per reply, for programs")


def _replay(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="*.transcript files or folders")


def _rehearse(p: argparse.ArgumentParser) -> None:
    p.add_argument("--persona", help="which simulated client (default: a random one)")
    p.add_argument("--seed", type=int, help="make the run repeatable")
    p.add_argument("--text", action="store_true", help="plain text on stdin/stdout")
    p.add_argument("--export", metavar="FILE", help="write the rehearsal as a transcript")
    p.add_argument("--feedback", metavar="FILE", help="write the feedback as Markdown")


def _records(p: argparse.ArgumentParser) -> None:
    p.add_argument("--show-names", action="store_true", help="include client names")
    p.add_argument("--verify", action="store_true", help="check the event log's hash chain")


def _revoke(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", help="the consent's reference code, e.g. K7QM-3XPD")


def _verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdf", metavar="FILE.pdf", help="a signed consent or revocation PDF")


def _none(p: argparse.ArgumentParser) -> None:
    return None


# command -> (module with run_<command>, help, options)
COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "kiosk": ("assistant.kiosk.command", "the waiting-room kiosk (default)", _kiosk),
    "web": ("assistant.web.command", "the tablet front: the kiosk as a web page", _web),
    "ask": ("assistant.fronts.ask", "match questions to known concerns", _ask),
    "chat": ("assistant.fronts.chat", "the conversation line by line (screen readers)", _chat),
    "replay": ("assistant.fronts.replay", "replay transcript files against the engine", _replay),
    "rehearse": ("assistant.rehearsal.command", "practise asking for consent", _rehearse),
    "records": ("assistant.records.commands", "list consent records", _records),
    "revoke": ("assistant.records.commands", "revoke a consent by its reference", _revoke),
    "deliver": ("assistant.records.commands", "send queued emails now", _none),
    "verify": ("assistant.records.commands", "check a signed PDF against the records", _verify),
    "pin": ("assistant.fronts.pin", "make a kiosk PIN hash for the configuration", _none),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its options."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="practice configuration (TOML)")
    common.add_argument("--data-dir", metavar="DIR", help="folder for records and the outbox")
    parser = argparse.ArgumentParser(
        prog="consent-assistant",
        description="Talks a therapy client through consent to record their sessions.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text, options) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(module=module)
        options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `consent-assistant` and `python -m assistant`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    if first not in COMMANDS and not {"-h", "--help", "--version"} & set(args_list):
        args_list = ["kiosk", *args_list]  # the kiosk is the default command
    args = build_parser().parse_args(args_list)
    runner: Callable[[argparse.Namespace], int] = getattr(
        import_module(args.module), f"run_{args.command}"
    )
    try:
        return runner(args)
    except ConfigError as exc:
        print(f"consent-assistant: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
