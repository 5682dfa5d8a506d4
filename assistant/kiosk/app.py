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
from textual.binding import Binding, BindingType
from textual.driver import Driver

from assistant.clock import Clock, SystemClock
from assistant.config import Config
from assistant.engine.outcome import Stroke
from assistant.engine.reply import Choice, Reply
from assistant.kiosk.app_delivery import DeliveryActions
from assistant.kiosk.app_display import DisplayActions
from assistant.kiosk.app_idle import IdleActions
from assistant.kiosk.app_lock import LockActions
from assistant.kiosk.lock import PinGuard
from assistant.kiosk.messages import EngineFailed, ReplyReceived
from assistant.kiosk.protocol import Engine, KioskRecords
from assistant.kiosk.schedule import Schedule
from assistant.kiosk.screens.kiosk import KioskScreen
from assistant.kiosk.views import view_for
from assistant.ui.theme import CALM, THEMES
from assistant.ui.words import say

TICK_SECONDS = 1.0
"""How often the app reads the clock: idle countdown, details on the done screen, mail."""
COMPACT_HEIGHT = 30
"""Below this many rows the top bar takes one row instead of three."""


class KioskApp(LockActions, IdleActions, DisplayActions, DeliveryActions, inherit_bindings=False):
    """A locked-down chat for one client at a time; leaving needs the clinician's PIN.

    Its parts: the lock (`app_lock`); activity, idle time and the reset between clients
    (`app_idle`); display settings (`app_display`); mail delivery (`app_delivery`). This
    module holds the life cycle, input forwarded to the engine thread and the replies shown."""

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

    def prepare_engine(self) -> None:
        """While the client reads the welcome, build what the first question needs (the
        question matcher), so that it is answered without a wait of a second or two. It runs
        on the delivery thread, not the engine thread: a turn, the Stop button or an idle
        wipe never queues behind it (a first question asked meanwhile waits for this build
        rather than starting its own). Due with the records' warm-up, once the welcome is on
        screen, so it never slows the first screen down."""
        engine = self._engine
        if engine is None:  # still starting: the first question builds it
            return
        self.run_worker(self._prepare(engine), group="prepare")

    async def _prepare(self, engine: Engine) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._delivery_thread, engine.prepare)
        except Exception as exc:  # the first question builds it again, or says why not
            self.log.error("engine warm-up failed", repr(exc))

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
            self.prepare_engine()
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
