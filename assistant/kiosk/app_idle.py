"""Activity, idle time and the reset between clients, as a part of `KioskApp`. The engine
owns idle time: the kiosk reports activity (keys, taps, scrolls, pastes) to it, draws the
countdown its idle phase asks for, and on expiry wipes everything of the client (widgets,
overlays, settings, caches) before the engine forgets them too and greets the next client."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App

from assistant.engine.reply import Reply
from assistant.kiosk import privacy
from assistant.kiosk.screens.idle import IdleWarning

if TYPE_CHECKING:
    from assistant.kiosk.protocol import Engine
    from assistant.kiosk.screens.kiosk import KioskScreen

_ACTIVITY = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
             events.MouseScrollUp, events.Paste)  # fmt: skip


def _is_tap(event: events.Event) -> bool:
    """A key press or the end of a tap: "the next touch" that takes personal details off the
    done screen. Acted on after Textual handled the event: a tap's Click is then already
    addressed to its button, so the layout moving cannot swallow it."""
    if isinstance(event, events.Key | events.Click):
        return True
    return isinstance(event, events.MouseUp) and not event.is_forwarded


class IdleActions(App[None]):
    """Activity, the countdown and the reset; `KioskApp` sets the attributes below."""

    _engine: Engine | None
    _expiring: bool
    _session: int
    _busy: bool
    _shown: Reply | None

    if TYPE_CHECKING:

        @property
        def engine(self) -> Engine: ...

        def _new_screen(self) -> KioskScreen: ...

        def _screen_or_none(self) -> KioskScreen | None: ...

        def reset_display(self) -> None: ...

        def _ask(
            self, call: Callable[[], Reply], *, echo: str | None, by_client: bool = True
        ) -> bool: ...

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
        self.reset_display()
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(self._new_screen())
        self._shown = None
        privacy.forget_client_text()
