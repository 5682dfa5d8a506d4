"""Where the client is in the conversation: "Step 3 of 7" with a bar of filled squares, or
the name of the ending they are in ("Not recording")."""

from __future__ import annotations

from textual.widgets import Static


class StepProgress(Static):
    """Shows the engine's progress words, with squares for `step` of `steps` before signing
    (never by colour alone); just the words after it; blank when there are none."""

    DEFAULT_CSS = """
    StepProgress {
        width: auto;
        height: auto;
        padding: 0 1;
        content-align: left middle;
    }
    """

    def show(self, words: str, step: int, steps: int) -> None:
        """Update the progress: the words, and the bar while `steps` is set."""
        if steps <= 0:
            self.update(words)
            return
        step = max(0, min(step, steps))
        bar = "■" * step + "□" * (steps - step)
        self.update(f"{words}  {bar}")
