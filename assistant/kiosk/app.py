"""The kiosk app and its factory, `make_kiosk`, used by the command line and the tests alike.

The app owns one engine (`Conversation`) and forwards every client action to it on a single
engine thread, so filing a record (PDF, database, mail queue) never freezes the screen; the
answer comes back as `ReplyReceived` and is rendered by `KioskScreen`. Nothing here decides
where the conversation goes, and nothing here keeps time of its own: the engine owns idle
time, and every other due time is read from the same injected clock once a second.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.reactive import reactive

from assistant.clock import Clock, SystemClock
from assistant.config import Config, check_pin
from assistant.engine.outcome import Stroke
from assistant.engine.reply import Choice, Reply
from assistant.kiosk import privacy
from assistant.kiosk.lock import PinGuard
from assistant.kiosk.messages import DeliveryFinished, EngineFailed, PinChecked, ReplyReceived
from assistant.kiosk.protocol import Engine, KioskRecords
from assistant.kiosk.schedule import Schedule
from assistant.kiosk.screens.display import DisplaySettings
from assistant.kiosk.screens.idle import IdleWarning
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.screens.pin import PinScreen
from assistant.kiosk.views import view_for
from assistant.ui.theme import CALM, HIGH_CONTRAST, THEMES
from assistant.ui.words import say

TICK_SECONDS = 1.0
"""How often the app reads the clock: idle countdown, details on the done screen, mail."""
COMPACT_HEIGHT = 30
"""Below this many rows the top bar takes one row instead of three."""
_ACTIVITY = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
             events.MouseScrollUp, events.Paste)  # fmt: skip


def _is_tap(event: events.Event) -> bool:
    """A key press or the end of a tap: "the next touch" that takes personal details off the
    done screen. Acted on after Textual handled the event: a tap's Click is then already
    addressed to its button, so the layout moving cannot swallow it."""
    if isinstance(event, events.Key | events.Click):
        return True
    return isinstance(event, events.MouseUp) and not event.is_forwarded


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
        records: KioskRecords,
        clock: Clock,
        data_dir: Path | None = None,
        unlocked: bool = False,
        cursor_blink: bool = True,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        # No devtools or debug mode for a client, whatever TEXTUAL says.
        self.features = frozenset(self.features - {"devtools", "debug"})
        self.devtools = None
        self.config = config
        self.clock = clock
        self._make_engine = engine
        self._engine: Engine | None = None
        self.records = records
        self.unlocked = unlocked
        self.cursor_blink = cursor_blink
        self._notice = notice
        self.left_by_clinician = False
        """True only when the clinician's PIN (or ctrl+q with --unlocked) closed the app."""
        self._pin_guard = PinGuard(clock, data_dir)
        self._pin_checking = False
        self._schedule = Schedule(clock.now())
        self._session = 0
        self._busy = False
        self._expiring = False
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

    def get_driver_class(self) -> type[Driver]:
        """The kiosk's own terminal driver, which survives any input (see `kiosk.driver`).

        It is chosen here, not by the TEXTUAL_DRIVER variable: the kiosk's safety depends on it.
        """
        if sys.platform == "win32":  # pragma: no cover - the kiosk runs on POSIX terminals
            return super().get_driver_class()
        from assistant.kiosk.driver import KioskDriver

        return KioskDriver

    # ------------------------------------------------------------ life cycle

    async def on_mount(self) -> None:
        await self.push_screen(self._new_screen())
        # The engine (its content, matcher and records) is built on the engine thread while
        # the screen comes up; "One moment…" shows until its welcome arrives.
        self._ask(self._start_engine, echo=None, by_client=False)
        self.set_interval(TICK_SECONDS, self.tick)
        if self._notice:
            self.notify(self._notice, timeout=8)

    def on_unmount(self) -> None:
        self._engine_thread.shutdown(wait=False, cancel_futures=True)
        self._delivery_thread.shutdown(wait=False)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < COMPACT_HEIGHT, "-compact")

    def _new_screen(self) -> KioskScreen:
        return KioskScreen(self.config.practice.name)

    @property
    def kiosk_screen(self) -> KioskScreen:
        """The client's screen (under any overlay)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KioskScreen):
                return screen
        raise LookupError("the kiosk screen is not mounted")

    def _screen_or_none(self) -> KioskScreen | None:
        try:
            return self.kiosk_screen
        except LookupError:  # starting up or closing
            return None

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

    def tick(self) -> None:
        """Once a second: read the clock and do what is due (countdown, details, mail)."""
        now = self.clock.now()
        self.idle_check()
        if self._schedule.warm_up_due(now):
            self.deliver_pending(prepare=True)
        elif self._schedule.delivery_due(now):
            self.deliver_pending()
        screen = self._screen_or_none()
        if screen is not None:
            screen.details_check(now)

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
        if message.reply.new_session:
            self._expiring = False
            if self._shown is not None:
                # The client finished and the engine greets the next one: nothing of theirs
                # stays.
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
        self._expiring = False
        screen = self.kiosk_screen
        screen.set_busy(False)
        screen.apologise(say("notice.sorry"))

    async def _render(self, reply: Reply) -> None:
        self._shown = reply
        self._busy = False
        screen = self.kiosk_screen
        screen.set_busy(False)
        await screen.show(reply, view_for(reply), self.clock.now())

    # ------------------------------------------------------------ records

    def on_signed(self, reply: Reply) -> None:
        """An ending was filed (signed, declined, deferred, revoked): send what is queued."""
        self.deliver_pending()

    def deliver_pending(self, prepare: bool = False) -> None:
        """Ask the records to deliver queued mail on the delivery thread (with `prepare`,
        first open them and warm up the PDF maker)."""
        self._schedule.delivered(self.clock.now(), warm_up=prepare)
        if self._delivering:
            return
        self._delivering = True
        self.run_worker(self._deliver(prepare), group="delivery")

    async def _deliver(self, prepare: bool) -> None:
        records = self.records

        def work() -> None:
            if prepare:
                records.warm_up()
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
        tap = _is_tap(event)  # before Textual marks the event as forwarded
        await super().on_event(event)
        if tap and (screen := self._screen_or_none()) is not None:
            screen.details_touched()

    def touch(self) -> None:
        """The client did something: tell the engine, which owns idle time."""
        if self._engine is not None and not self._expiring:
            self._engine.touch()

    def _idle_warning(self) -> IdleWarning | None:
        return next((s for s in self.screen_stack if isinstance(s, IdleWarning)), None)

    def idle_check(self) -> None:
        """Show, update or hide the countdown the engine's idle phase asks for, or start over."""
        if self._engine is None or self._expiring:
            return
        phase = self._engine.idle_phase()
        warning = self._idle_warning()
        if phase == "warning":
            left = self._engine.idle_seconds_left()
            if warning is None:
                self.push_screen(IdleWarning(left), self._still_here)
            else:
                warning.count(left)
        elif phase == "expired":
            self._expiring = True  # at once, so the next tick cannot start a second reset
            self.run_worker(self.action_start_over(), group="reset")
        elif warning is not None:
            warning.close()

    def _still_here(self, result: None = None) -> None:
        self.touch()

    async def action_start_over(self) -> None:
        """Idle timeout: wipe everything of this client (widgets, settings, caches), then the
        engine forgets them too and greets the next client."""
        self._expiring = True
        self._session += 1
        self._busy = False
        await self._wipe_screen()
        self._ask(self.engine.expire, echo=None, by_client=False)

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
        privacy.forget_client_text()

    # ------------------------------------------------------------ display

    def action_display(self) -> None:
        """Open the display settings (high contrast, large text)."""
        if not isinstance(self.screen, DisplaySettings):
            self.push_screen(DisplaySettings(), self._back_to_typing)

    def _back_to_typing(self, result: None = None) -> None:
        """An overlay closed: the cursor goes back where the client answers."""
        screen = self._screen_or_none()
        if screen is not None and screen is self.screen:
            screen.current_view.focus_input()

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
            self._leave()

    async def action_quit(self) -> None:
        """Textual's quit action is closed too: only the PIN (or --unlocked) leaves."""
        self.action_leave()

    def _leave(self) -> None:
        self.left_by_clinician = True
        self.exit(return_code=0)

    def action_clinician(self) -> None:
        """F12 (or three taps on the title): ask for the clinician's PIN."""
        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen(), self._back_to_typing)

    def pin_wait(self) -> int:
        """Seconds before another PIN may be tried."""
        return self._pin_guard.wait()

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
            self._leave()
            return
        failure = self._pin_guard.failed()
        if failure.alert:
            self._alert_pin_failures(failure.failures)
        if isinstance(self.screen, PinScreen):
            self.screen.show_wait()

    def _alert_pin_failures(self, failures: int) -> None:
        """Queue the clinicians' alert on the delivery thread (it writes to the database)."""
        records, at = self.records, self.clock.now()

        def alert() -> None:
            records.report_pin_failures(failures, at)
            records.deliver_pending()

        self.run_worker(alert, thread=True, group="alert", exit_on_error=False)


def make_kiosk(
    config: Config,
    *,
    records: KioskRecords,
    clock: Clock | None = None,
    data_dir: Path | None = None,
    unlocked: bool = False,
    engine: Engine | None = None,
    cursor_blink: bool = True,
    notice: str | None = None,
) -> KioskApp:
    """Build the kiosk for the command line and for the tests.

    `records` is the record keeper the engine files endings with; `clock` is the one clock of
    the engine and the kiosk (tests pass a `ManualClock`). The `Conversation` is built on the
    engine thread at start-up; `engine` hands over a ready one instead (tests of failures use
    that). `data_dir` keeps the PIN back-off across restarts. `notice` is shown once at
    start (the demo configuration's PIN warning).
    """
    the_clock: Clock = clock or SystemClock()

    def build_engine() -> Engine:
        if engine is not None:
            return engine
        from assistant.engine.conversation import Conversation

        return Conversation(config, clock=the_clock, records=records)

    return KioskApp(
        config,
        build_engine,
        records=records,
        clock=the_clock,
        data_dir=data_dir,
        unlocked=unlocked,
        cursor_blink=cursor_blink,
        notice=notice,
    )
