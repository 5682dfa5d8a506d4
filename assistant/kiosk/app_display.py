"""Display settings, as a part of `KioskApp`: high contrast and large text, chosen by the client
(F2 or the Display button), reset for the next client, and the cursor put back where the client
answers when an overlay closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.reactive import reactive

from assistant.kiosk.screens.display import DisplaySettings
from assistant.ui.theme import CALM, HIGH_CONTRAST

if TYPE_CHECKING:
    from assistant.kiosk.screens.kiosk import KioskScreen


class DisplayActions(App[None]):
    """The display settings; `KioskApp` provides `_screen_or_none`."""

    high_contrast = reactive(False)
    """White on black with yellow focus (the `kiosk-high-contrast` theme)."""
    large_text = reactive(False)
    """Bold text, more space, bigger buttons (a terminal cannot change its font size)."""

    if TYPE_CHECKING:

        def _screen_or_none(self) -> KioskScreen | None: ...

    def action_display(self) -> None:
        """Open the display settings (high contrast, large text)."""
        if not isinstance(self.screen, DisplaySettings):
            self.push_screen(DisplaySettings(), self._back_to_typing)

    def _back_to_typing(self, result: None = None) -> None:
        """An overlay closed: the cursor goes back where the client answers."""
        screen = self._screen_or_none()
        if screen is not None and screen is self.screen:
            screen.current_view.focus_input()

    def reset_display(self) -> None:
        """The next client starts with the calm theme and ordinary text."""
        self.high_contrast = False
        self.large_text = False

    def watch_high_contrast(self, on: bool) -> None:
        self.theme = HIGH_CONTRAST.name if on else CALM.name
        self.set_class(on, "-high-contrast")

    def watch_large_text(self, on: bool) -> None:
        self.set_class(on, "-large-text")
