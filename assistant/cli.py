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
from assistant.paths import ContentError, use_content


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
    p.add_argument(
        "--head", metavar="N:HASH", help="with --verify: check a chain head from an email"
    )


def _reference(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", help="the consent's reference code, e.g. K7QM-3XPD")


def _status(p: argparse.ArgumentParser) -> None:
    _reference(p)
    p.add_argument("--json", action="store_true", help="one JSON object with the reason")


def _fhir(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", nargs="?", help="the consent's reference code")
    p.add_argument("--all", action="store_true", help="every consent, as a FHIR Bundle")


def _deliver(p: argparse.ArgumentParser) -> None:
    p.add_argument("--retry", type=int, metavar="ID", help="send a held message again")
    p.add_argument(
        "--prune",
        type=_days,
        metavar="DAYS",
        help="take the PDF out of read outbox messages older than DAYS days",
    )


def _days(text: str) -> int:
    if not text.isdigit() or len(text) > 6:
        raise argparse.ArgumentTypeError(f"DAYS must be a whole number of days, not {text!r}")
    return int(text)


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
    "replay": ("assistant.replay.command", "replay transcript files against the engine", _replay),
    "rehearse": ("assistant.rehearsal.command", "practise asking for consent", _rehearse),
    "records": ("assistant.records.commands", "list consent records", _records),
    "revoke": ("assistant.records.commands", "revoke a consent by its reference", _revoke),
    "resume": ("assistant.records.commands", "close a name-only request to revoke", _reference),
    "deliver": ("assistant.records.commands", "send queued emails now", _deliver),
    "verify": ("assistant.records.checks", "check a PDF's seal, then the records", _verify),
    "status": ("assistant.records.checks", "may this consent be recorded now?", _status),
    "fhir": ("assistant.records.exports", "the consent as a FHIR R4 Consent (JSON)", _fhir),
    "seal-cert": ("assistant.records.exports", "print the practice seal's certificate", _none),
    "pin": ("assistant.fronts.pin", "make a kiosk PIN hash for the configuration", _none),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its options."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="practice configuration (TOML)")
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for records, PDFs and the mail outbox (default: the configuration's"
        " storage.data_dir, else $XDG_DATA_HOME/consent-assistant, which is usually"
        " ~/.local/share/consent-assistant)",
    )
    common.add_argument(
        "--content",
        metavar="DIR",
        help="a clinic's own copy of dialogs/ and forms/ (default: the shipped content)",
    )
    parser = argparse.ArgumentParser(
        prog="consent-assistant",
        description="Talks a therapy client through consent to record their sessions.",
        epilog="Records, signed PDFs and the mail outbox (DATA/outbox/, a Maildir) live in"
        " the data folder: ~/.local/share/consent-assistant unless --data-dir or the"
        " configuration's storage.data_dir says otherwise. `COMMAND --help` for each command.",
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
    try:
        use_content(args.content)
        if args.content:
            from assistant.engine.content import load_content

            load_content()  # a broken clinic edit stops here, with one line naming it
        runner: Callable[[argparse.Namespace], int] = getattr(
            import_module(args.module), f"run_{args.command.replace('-', '_')}"
        )
        return runner(args)
    except (ConfigError, ContentError) as exc:
        print(f"consent-assistant: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
