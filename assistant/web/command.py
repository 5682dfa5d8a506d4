"""`consent-assistant web`: load the configuration, open the records, serve the tablet page.

It binds to 127.0.0.1 by default: a tablet on the clinic's network reaches it through a
reverse proxy with TLS (see docs/web.md). It refuses to start, in one line, with a practice
configuration that still has the demo PIN, with a data folder it cannot write, or on an
address it cannot listen on.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import socket
import sys
from pathlib import Path
from types import FrameType

from assistant.clock import SystemClock
from assistant.config import Config, ConfigError, load_config

DEMO_PIN_HASH = Config().kiosk.pin_hash


def check_data_dir(data_dir: Path) -> None:
    """Create the data folder if needed and make sure records can be written there."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / ".web-write-test"
        probe.write_text("ok", "utf-8")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"cannot use the data folder {data_dir} ({exc.strerror})") from None


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a one-line ConfigError saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)  # as uvicorn does
    except (OSError, OverflowError) as exc:
        sock.close()
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"cannot listen on {host}:{port} ({why})") from None
    return sock


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_web(args: argparse.Namespace) -> int:
    """Serve the web front until stopped (ctrl+c, or staff from the panel with the PIN)."""
    config = load_config(args.config)
    if args.config is not None and config.kiosk.pin_hash == DEMO_PIN_HASH:
        raise ConfigError(
            "kiosk.pin_hash is still the demo PIN; make one with `consent-assistant pin`"
        )
    data_dir = config.data_path(args.data_dir)
    check_data_dir(data_dir)
    sock = listen(args.host, args.port)
    if not is_loopback(args.host):
        print(
            f"consent-assistant: serving on {args.host}:{args.port} without TLS; put it behind"
            " a reverse proxy with TLS (docs/web.md)",
            file=sys.stderr,
        )

    import uvicorn

    from assistant.records.keeper import DurableRecords
    from assistant.web.app import make_web

    clock = SystemClock()
    records = DurableRecords(config, data_dir, clock, deliver_inline=False)
    server: uvicorn.Server | None = None

    def stop() -> None:
        if server is not None:
            server.should_exit = True

    app = make_web(config, clock=clock, records=records, data_dir=data_dir, on_exit=stop)
    # Our own INFO lines (refused drawings, delivery) go to the log; libraries say only warnings.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("assistant").setLevel(logging.INFO)

    class Server(uvicorn.Server):
        """uvicorn's server, noting a ctrl+c: the exit status says the server was interrupted
        (130) without hanging on uvicorn raising the signal again once it has shut down, which
        a fresh clone's test run under load twice saw lost (the process exited 0)."""

        interrupted = False

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            self.interrupted = self.interrupted or sig == signal.SIGINT
            super().handle_exit(sig, frame)

    server = Server(
        uvicorn.Config(
            app,
            log_level="info",
            server_header=False,
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
            timeout_keep_alive=5,
        )
    )
    where = f"http://{args.host}:{args.port}/"
    print(f"consent-assistant: the web kiosk is at {where} (ctrl+c stops it)", file=sys.stderr)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        records.close()
    return 130 if server.interrupted else 0  # as `cli.main` answers a KeyboardInterrupt
