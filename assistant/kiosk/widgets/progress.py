"""Where the client is in the conversation: "Step 3 of 7" with a bar of filled squares."""

from __future__ import annotations

from textual.widgets import Static


class StepProgress(Static):
    """Shows `step` of `steps` in words and squares (never by colour alone); blank when 0."""

    DEFAULT_CSS = """
    StepProgress {
        width: auto;
        height: auto;
        padding: 0 1;
        content-align: left middle;
    }
    """

    def show(self, step: int, steps: int) -> None:
        """Update the progress; `steps == 0` hides it."""
        if steps <= 0:
            self.update("")
            return
        step = max(0, min(step, steps))
        bar = "■" * step + "□" * (steps - step)
        self.update(f"Step {step} of {steps}  {bar}")
