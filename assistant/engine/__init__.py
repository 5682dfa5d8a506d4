"""The conversation engine: pure Python, never imports textual (a test proves it)."""
