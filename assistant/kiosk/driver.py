"""The kiosk's terminal driver: Textual's Linux driver, except that no input can stop it.

Textual 8.2.8's input thread decodes the terminal's bytes as strict UTF-8 and feeds them to
`XTermParser`; a byte that is not UTF-8 (say "José" from a Latin-1 terminal) raises
`UnicodeDecodeError`, a Kitty key sequence naming a code point past U+10FFFF (`ESC [1114112u`)
raises `ValueError` in `chr()`, and a huge one (`ESC [99999999999A`) `OverflowError`. The
thread then asks the app to `panic`, which prints a traceback and exits with status 0: the
kiosk is gone and a supervisor would not even restart it.

Here the same loop decodes with `errors="replace"` (a bad byte shows as U+FFFD and the rest of
the input is kept), the parser drops a sequence it cannot turn into a key instead of dying,
and anything else that escapes is logged and the loop starts again with a fresh parser. Only
a terminal that is gone (end of input, read errors over and over) ends the app, with a
non-zero status.

Why a driver subclass chosen by `KioskApp.get_driver_class` rather than patching Textual's
classes in place: the change applies to the kiosk alone (the rehearsal screen, tests and any
other app in the process keep Textual's own behaviour), it is visible where the app is built,
and mypy checks the overrides against the pinned Textual. The price is a copy of Textual's
short input loop, which is why Textual is pinned exactly.
"""

from __future__ import annotations

import logging
import os
import selectors
import time
from codecs import getincrementaldecoder
from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.keys import Keys
from textual.message import Message

log = logging.getLogger(__name__)

RESTARTS = 5
"""Input loop failures tolerated within `RESTART_WINDOW` seconds before the app gives up."""
RESTART_WINDOW = 10.0
TERMINAL_LOST = 3
"""Exit status when the terminal is gone: not 0, so a supervisor restarts the kiosk."""


class SafeXTermParser(XTermParser):
    """Textual's parser, but a sequence that cannot become a key is dropped, not fatal.

    A failure inside the parser's generator would end the generator, and with it every later
    key; catching it here keeps the parser's state and the rest of the input.
    """

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        try:
            keys = list(super()._sequence_to_key_events(sequence, alt))
        except Exception as exc:  # ValueError, OverflowError from chr() on hostile numbers
            log.warning("ignored a terminal sequence Textual cannot read (%r)", exc)
            keys = [events.Key(Keys.Ignore, sequence)]
        yield from keys


class KioskDriver(LinuxDriver):
    """`LinuxDriver` whose input thread survives any bytes (see the module docstring)."""

    def _run_input_thread(self) -> None:
        failures: list[float] = []
        while not self.exit_event.is_set():
            try:
                self.run_input_thread()
                return
            except EOFError:
                self._give_up("the terminal closed")
                return
            except Exception as exc:
                log.exception("terminal input failed; reading on with a fresh parser")
                now = time.monotonic()
                failures = [t for t in failures if now - t < RESTART_WINDOW] + [now]
                if len(failures) > RESTARTS:
                    self._give_up(f"terminal input keeps failing ({exc!r})")
                    return

    def _give_up(self, why: str) -> None:
        log.error("%s; the kiosk stops", why)
        self._app.call_from_thread(self._app.exit, TERMINAL_LOST, Text(f"consent-assistant: {why}"))

    def run_input_thread(self) -> None:
        """Textual's loop, with a lenient decoder and the safe parser (see above)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = SafeXTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool) -> None:
            for _key, mask in ready:
                if mask & selectors.EVENT_READ:
                    data = os.read(fileno, 1024 * 4)
                    if not data:
                        if self.input_tty:
                            raise EOFError("end of terminal input")
                        break
                    for event in parser.feed(decode(data, final=final)):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1), final=False)
            selector.unregister(fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def process_message(self, message: Message) -> None:
        try:
            super().process_message(message)
        except Exception:  # an event the app cannot take is dropped; the kiosk goes on
            log.exception("dropped a terminal event")
