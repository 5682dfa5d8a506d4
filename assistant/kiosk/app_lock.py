"""The kiosk's lock, as a part of `KioskApp`: keys a client must not use, leaving with the
clinician's PIN (checked off the screen's thread, with a back-off that survives restarts), and
the clinicians' alert after repeated wrong PINs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from assistant.config import check_pin
from assistant.kiosk.messages import PinChecked
from assistant.kiosk.screens.pin import PinScreen

if TYPE_CHECKING:
    from assistant.clock import Clock
    from assistant.config import Config
    from assistant.kiosk.lock import PinGuard
    from assistant.kiosk.protocol import KioskRecords


class LockActions(App[None]):
    """The lock's actions and messages; `KioskApp` sets the attributes below."""

    config: Config
    clock: Clock
    records: KioskRecords
    unlocked: bool
    left_by_clinician: bool
    _pin_guard: PinGuard
    _pin_checking: bool

    if TYPE_CHECKING:

        def _back_to_typing(self, result: None = None) -> None: ...

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

    @property
    def pin_failures(self) -> int:
        """Wrong PINs in a row so far (kept across restarts of the kiosk)."""
        return self._pin_guard.failures

    @property
    def checking_pin(self) -> bool:
        """A PIN is being compared; another typed meanwhile is ignored."""
        return self._pin_checking

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
