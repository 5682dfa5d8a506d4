"""The rehearsal on screen: a chat with the simulated client, then the feedback as Markdown.

It reuses the kiosk's look (its calm theme, chat log and typing row) with the roles turned
round: the simulated client speaks on the left, the clinician ("You") on the right. The
screen only forwards what the clinician types to `Rehearsal.respond` and shows the answer;
the rehearsal is pure and fast, so no worker is needed. Every bubble holds plain Content.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Markdown, Static

from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.command import save
from assistant.rehearsal.feedback import PRACTICE
from assistant.ui.chat_log import AssistantMessage, ChatLog, ClientMessage
from assistant.ui.plain import plain
from assistant.ui.theme import CALM
from assistant.ui.type_box import TypeBox

PLACEHOLDER = "Answer the client in your own words, then press Enter"
FINISHED = "The client has finished. Choose “End and show feedback” (or press F10)."


class SimulatedClient(AssistantMessage):
    """What the simulated client said (left, like the kiosk's assistant)."""


class Clinician(ClientMessage):
    """What the clinician typed (right, like the kiosk's client)."""

    BORDER_TITLE = "You"


class Report(Markdown):
    """The feedback report; client text in it is escaped Markdown, links do not open."""


class RehearsalScreen(Screen[None]):
    """Chat until the clinician ends the rehearsal, then show the feedback."""

    AUTO_FOCUS = "#answer Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "end", "End and show feedback"),
    ]

    def __init__(self, rehearsal: Rehearsal) -> None:
        super().__init__()
        self.rehearsal = rehearsal

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(f"{PRACTICE} · Rehearsal", id="title")
            yield Static(plain(f"Client: {self.rehearsal.persona.title}"), id="who", markup=False)
            yield Button("End and show feedback", id="end", variant="primary", tooltip="F10")
            yield Button("Quit", id="quit")
        with ContentSwitcher(initial="talk", id="views"):
            with Vertical(id="talk"):
                yield ChatLog()
                yield TypeBox(id="answer")
            with VerticalScroll(id="report"):
                yield Report(open_links=False)
                yield Static(id="saved", markup=False)

    def on_mount(self) -> None:
        self.query_one(TypeBox).input.placeholder = PLACEHOLDER
        self._client_says(self.rehearsal.opening())

    @property
    def ended(self) -> bool:
        """True once the feedback is showing."""
        return self.query_one(ContentSwitcher).current == "report"

    def _client_says(self, text: str) -> None:
        bubble = SimulatedClient(plain(text), markup=False)
        bubble.border_title = plain(f"{self.rehearsal.persona.name} (simulated client)")
        self.query_one(ChatLog).mount(bubble)

    @on(TypeBox.Sent)
    def answered(self, event: TypeBox.Sent) -> None:
        """Show the clinician's answer and the client's reply; at the end, point to feedback."""
        if self.rehearsal.done or self.ended:
            return
        log = self.query_one(ChatLog)
        log.mount(Clinician(plain(event.text), markup=False))
        event.box.clear()
        self._client_says(self.rehearsal.respond(event.text))
        if self.rehearsal.done:
            log.add_notice(FINISHED)
            event.box.disabled = True
            self.query_one("#end", Button).focus()

    @on(Button.Pressed, "#end")
    async def action_end(self) -> None:
        """Stop the rehearsal and show the feedback (and write the files asked for)."""
        if self.ended:
            return
        app = self.app
        await self.query_one(Report).update(self.rehearsal.feedback().to_markdown())
        saved = self.query_one("#saved", Static)
        if isinstance(app, RehearsalApp):
            try:
                app.saved = save(self.rehearsal, app.export_to, app.feedback_to)
                saved.update(plain("\n".join(app.saved)))
            except OSError as exc:
                saved.update(plain(f"Could not write the files: {exc}"))
        self.query_one(ContentSwitcher).current = "report"
        self.query_one("#end", Button).display = False
        self.query_one(VerticalScroll).focus()

    @on(Button.Pressed, "#quit")
    def quit_pressed(self) -> None:
        self.app.exit()


class RehearsalApp(App[None]):
    """The full-screen rehearsal; ctrl+q quits at any time (this is the clinician's own tool)."""

    CSS_PATH = "screen.tcss"
    TITLE = f"Consent Assistant rehearsal ({PRACTICE})"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        rehearsal: Rehearsal,
        *,
        export_to: str | None = None,
        feedback_to: str | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.rehearsal = rehearsal
        self.export_to = export_to
        self.feedback_to = feedback_to
        self.cursor_blink = cursor_blink
        self.saved: list[str] = []
        """The files written when the feedback was shown, one line each."""
        self.register_theme(CALM)
        self.theme = CALM.name

    def on_mount(self) -> None:
        self.push_screen(RehearsalScreen(self.rehearsal))


def make_rehearsal_app(
    rehearsal: Rehearsal,
    *,
    export_to: str | None = None,
    feedback_to: str | None = None,
    cursor_blink: bool = True,
) -> RehearsalApp:
    """Build the rehearsal app for the command line and for the tests alike."""
    return RehearsalApp(
        rehearsal, export_to=export_to, feedback_to=feedback_to, cursor_blink=cursor_blink
    )
