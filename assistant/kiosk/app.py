"""The kiosk app and its factory, `make_kiosk`, used by the command line and the tests alike.

The app owns one engine (`Conversation`) and forwards every client action to it on a single
engine thread, so filing a record (PDF, database, mail queue) never freezes the screen; the
answer comes back as `ReplyReceived` and is rendered by `KioskScreen`. Nothing here decides
where the conversation goes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from assistant.config import Config, check_pin
from assistant.engine.outcome import RecordKeeper, Stroke
from assistant.engine.reply import Choice, Reply
from assistant.kiosk.idle import IdleWatch
from assistant.kiosk.lock import PinGuard
from assistant.kiosk.messages import DeliveryFinished, EngineFailed, PinChecked, ReplyReceived
from assistant.kiosk.protocol import Delivering, Engine
from assistant.kiosk.screens.display import DisplaySettings
from assistant.kiosk.screens.idle import IdleWarning
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.screens.pin import PinScreen
from assistant.kiosk.theme import CALM, HIGH_CONTRAST, THEMES
from assistant.kiosk.views import view_for

if TYPE_CHECKING:
    from assistant.clock import Clock

SORRY = "Sorry, something went wrong on our side. Please try again, or ask at the front desk."
DELIVERY_RETRY_SECONDS = 300.0
WARM_UP_DELAY = 2.0
_ACTIVITY = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
             events.MouseScrollUp, events.Paste)  # fmt: skip


class KioskApp(App[None], inherit_bindings=False):
    """A locked-down chat for one client at a time; leaving needs the clinician's PIN."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Consent Assistant"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "leave", show=False, priority=True, system=True),
        Binding("ctrl+c,ctrl+p,ctrl+z", "nothing", show=False, priority=True, system=True),
        Binding("f12", "clinician", show=False, priority=True, system=True),
        Binding("f2", "display", show=False),
    ]

    high_contrast = reactive(False)
    """White on black with yellow focus (the `kiosk-high-contrast` theme)."""
    large_text = reactive(False)
    """Bold text, more space, bigger buttons (a terminal cannot change its font size)."""

    def __init__(
        self,
        config: Config,
        engine: Callable[[], Engine],
        *,
        records: object | None = None,
        unlocked: bool = False,
        monotonic: Callable[[], float] = time.monotonic,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        # No devtools or debug mode for a client, whatever TEXTUAL says.
        self.features = frozenset(self.features - {"devtools", "debug"})
        self.devtools = None
        self.config = config
        self._make_engine = engine
        self._engine: Engine | None = None
        self.records = records
        self.unlocked = unlocked
        self.cursor_blink = cursor_blink
        self._monotonic = monotonic
        self._idle = IdleWatch(config.kiosk.idle_seconds, config.kiosk.warning_seconds)
        self._pin_guard = PinGuard()
        self._pin_checking = False
        self._session = 0
        self._busy = False
        self._shown: Reply | None = None
        # One engine thread: the engine and the records it files are used from one thread
        # at a time, in order. Delivery (slow SMTP) has its own thread so it never blocks a
        # client's answer.
        self._engine_thread = ThreadPoolExecutor(1, thread_name_prefix="kiosk-engine")
        self._delivery_thread = ThreadPoolExecutor(1, thread_name_prefix="kiosk-delivery")
        self._delivering = False
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = CALM.name

    # ------------------------------------------------------------ life cycle

    async def on_mount(self) -> None:
        await self.push_screen(self._new_screen())
        # The engine (its content, matcher and records) is built on the engine thread while
        # the screen comes up; "One moment…" shows until its welcome arrives.
        self._ask(self._start_engine, echo=None, by_client=False)
        self.set_interval(1.0, self.idle_check)
        self.set_interval(DELIVERY_RETRY_SECONDS, self.deliver_pending)
        # Once the first screen is up and settled: open the records, warm up the PDF maker
        # (about a second of imports), and send whatever was left queued, all on the delivery
        # thread, so none of it slows the first screen.
        self.set_timer(WARM_UP_DELAY, partial(self.deliver_pending, prepare=True))

    def on_unmount(self) -> None:
        self._engine_thread.shutdown(wait=False, cancel_futures=True)
        self._delivery_thread.shutdown(wait=False)

    def _new_screen(self) -> KioskScreen:
        return KioskScreen(self.config.practice.name)

    @property
    def kiosk_screen(self) -> KioskScreen:
        """The client's screen (under any overlay)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KioskScreen):
                return screen
        raise LookupError("the kiosk screen is not mounted")

    @property
    def engine(self) -> Engine:
        """The conversation engine (built on the engine thread when the app starts)."""
        if self._engine is None:
            raise LookupError("the engine is still starting")
        return self._engine

    def _start_engine(self) -> Reply:
        engine = self._make_engine()
        welcome = engine.start()
        self._engine = engine
        return welcome

    @property
    def busy(self) -> bool:
        """True while the engine works on the client's last input."""
        return self._busy

    # ------------------------------------------------------------ forwarding input

    def send_text(self, text: str) -> bool:
        """Forward a typed line; False when the engine is still busy with the previous one."""
        return self._ask(lambda: self.engine.send(text), echo=text)

    def send_choice(self, choice: Choice) -> bool:
        """Forward a quick-reply button."""
        return self._ask(lambda: self.engine.choose(choice.id), echo=choice.label)

    def send_signature(self, name: str, strokes: Sequence[Stroke]) -> bool:
        """Forward the drawn strokes and the typed name that signs."""
        drawn = tuple(strokes)

        def sign() -> Reply:
            self.engine.set_signature_strokes(drawn)
            return self.engine.send(name)

        return self._ask(sign, echo=name)

    def action_stop(self) -> None:
        """The Stop button: the engine ends politely (declined before signing, revoked after)."""

        self._ask(self.engine.stop, echo="Stop")

    def _ask(self, call: Callable[[], Reply], *, echo: str | None, by_client: bool = True) -> bool:
        if self._busy:
            self.bell()
            return False
        if by_client:
            self.touch()
        self._busy = True
        screen = self.kiosk_screen
        screen.set_busy(True)
        if echo is not None:
            screen.echo(echo)
        self.run_worker(self._engine_call(self._session, call), group="engine")
        return True

    async def _engine_call(self, session: int, call: Callable[[], Reply]) -> None:
        loop = asyncio.get_running_loop()
        try:
            reply = await loop.run_in_executor(self._engine_thread, call)
        except Exception as exc:  # the client sees SORRY; the details go to the log
            self.log.error("engine call failed", repr(exc))
            self.post_message(EngineFailed(session, repr(exc)))
        else:
            self.post_message(ReplyReceived(session, reply))

    # ------------------------------------------------------------ rendering replies

    async def on_reply_received(self, message: ReplyReceived) -> None:
        if message.session != self._session:
            return  # an answer for a client who has left; the engine was reset since
        if self._shown is not None and message.reply.new_session:
            # The client finished and the engine greets the next one: nothing of theirs stays.
            await self._wipe_screen()
        await self._render(message.reply)
        if message.reply.ended:
            self.on_signed(message.reply)

    def on_engine_failed(self, message: EngineFailed) -> None:
        if message.session != self._session:
            return
        if self._engine is None:  # the conversation could not even start: say so and stop
            why = Text(f"consent-assistant: the conversation could not start: {message.error}")
            self.exit(return_code=2, message=why)
            return
        self._busy = False
        screen = self.kiosk_screen
        screen.set_busy(False)
        screen.apologise(SORRY)

    async def _render(self, reply: Reply) -> None:
        self._shown = reply
        self._busy = False
        screen = self.kiosk_screen
        screen.set_busy(False)
        await screen.show(reply, view_for(reply))

    # ------------------------------------------------------------ records

    def on_signed(self, reply: Reply) -> None:
        """An ending was filed (signed, declined, deferred, revoked): send what is queued."""
        self.deliver_pending()

    def deliver_pending(self, prepare: bool = False) -> None:
        """Ask the records layer to deliver queued mail, on the delivery thread, if it can.

        With `prepare`, first let the records get ready (open, warm up the PDF maker).
        """
        if self._delivering or not isinstance(self.records, Delivering):
            return
        self._delivering = True
        self.run_worker(self._deliver(self.records, prepare), group="delivery")

    async def _deliver(self, records: Delivering, prepare: bool) -> None:
        def work() -> None:
            ready = getattr(records, "prepare", None)
            if prepare and callable(ready):
                ready()
            records.deliver_pending()

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._delivery_thread, work)
        except Exception as exc:  # queued mail stays queued; the next try is later
            self.log.error("delivery failed", repr(exc))
            self.post_message(DeliveryFinished(repr(exc)))
        else:
            self.post_message(DeliveryFinished())

    def on_delivery_finished(self, message: DeliveryFinished) -> None:
        self._delivering = False

    # ------------------------------------------------------------ idle and reset

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _ACTIVITY):
            self.touch()
        await super().on_event(event)

    def touch(self) -> None:
        """The client did something: restart the idle count."""
        self._idle.touch(self._monotonic())

    def _idle_warning(self) -> IdleWarning | None:
        return next((s for s in self.screen_stack if isinstance(s, IdleWarning)), None)

    def idle_check(self) -> None:
        """Once a second: show, update or hide the countdown, or start over when it ran out."""
        now = self._monotonic()
        phase = self._idle.phase(now)
        warning = self._idle_warning()
        if phase == "warning":
            if warning is None:
                self.push_screen(IdleWarning(self._idle.seconds_left(now)), self._still_here)
            else:
                warning.count(self._idle.seconds_left(now))
        elif phase == "expired":
            self._idle.clear()  # at once, so the next tick cannot start a second reset
            self.run_worker(self.action_start_over(), group="reset")
        elif warning is not None:
            warning.dismiss()

    def _still_here(self, result: None = None) -> None:
        self.touch()

    def action_idle(self) -> None:
        """Show the countdown now, as if `idle_seconds` had passed (for staff and tests)."""
        self._idle.touch(self._monotonic() - self._idle.idle_seconds)
        self.idle_check()

    async def action_start_over(self) -> None:
        """Idle timeout: wipe everything of this client (engine, widgets, settings), greet anew."""
        self._session += 1
        self._busy = False
        self._idle.clear()
        await self._wipe_screen()
        self._ask(lambda: self.engine.expire(), echo=None, by_client=False)

    async def _wipe_screen(self) -> None:
        """A new screen for a new client: every widget, overlay and setting of the last is gone."""
        self.capture_mouse(None)
        self.clear_notifications()
        self.copy_to_clipboard("")
        self.high_contrast = False
        self.large_text = False
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(self._new_screen())
        self._shown = None
        self._idle.clear()

    # ------------------------------------------------------------ display

    def action_display(self) -> None:
        """Open the display settings (high contrast, large text)."""
        if not isinstance(self.screen, DisplaySettings):
            self.push_screen(DisplaySettings())

    def watch_high_contrast(self, on: bool) -> None:
        self.theme = HIGH_CONTRAST.name if on else CALM.name
        self.set_class(on, "-high-contrast")

    def watch_large_text(self, on: bool) -> None:
        self.set_class(on, "-large-text")

    # ------------------------------------------------------------ the lock

    def action_nothing(self) -> None:
        """Keys a client must not use (ctrl+c, ctrl+p, ctrl+z) land here and do nothing."""

    def action_leave(self) -> None:
        """ctrl+q: leaves only when the kiosk was started with --unlocked."""
        if self.unlocked:
            self.exit()

    async def action_quit(self) -> None:
        """Textual's quit action is closed too: only the PIN (or --unlocked) leaves."""
        self.action_leave()

    def action_clinician(self) -> None:
        """F12 (or three taps on the title): ask for the clinician's PIN."""
        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen())

    def pin_wait(self) -> int:
        """Seconds before another PIN may be tried."""
        return self._pin_guard.wait(self._monotonic())

    def check_pin(self, pin: str) -> None:
        """Compare `pin` with the configured hash in a worker thread (PBKDF2 is slow)."""
        if self._pin_checking or self.pin_wait():
            return
        self._pin_checking = True
        stored = self.config.kiosk.pin_hash

        def compare() -> None:
            self.post_message(PinChecked(check_pin(pin, stored)))

        self.run_worker(compare, thread=True, group="pin", exit_on_error=False)

    def on_pin_checked(self, message: PinChecked) -> None:
        self._pin_checking = False
        if message.ok:
            self._pin_guard.succeeded()
            self.exit()
            return
        self._pin_guard.failed(self._monotonic())
        if isinstance(self.screen, PinScreen):
            self.screen.show_wait()


def make_kiosk(
    config: Config,
    *,
    data_dir: Path | None = None,
    records: RecordKeeper,
    clock: Clock | None = None,
    unlocked: bool = False,
    engine: Engine | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    cursor_blink: bool = True,
) -> KioskApp:
    """Build the kiosk for the command line and for the tests.

    `records` is the record keeper the engine files endings with (required). The
    `Conversation` is built on the engine thread at start-up; `engine` hands over a ready one
    instead (tests of failures use that). `data_dir` is accepted for symmetry with the other
    fronts: the records keeper owns the folder. `monotonic` is the idle timer's clock.
    """

    def build_engine() -> Engine:
        if engine is not None:
            return engine
        from assistant.clock import SystemClock
        from assistant.engine.conversation import Conversation

        return Conversation(config, clock=clock or SystemClock(), records=records)

    return KioskApp(
        config,
        build_engine,
        records=records,
        unlocked=unlocked,
        monotonic=monotonic,
        cursor_blink=cursor_blink,
    )
