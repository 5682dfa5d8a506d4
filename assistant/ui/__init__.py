"""What the kiosk and the rehearsal screen share on a terminal: the chat log and its bubbles,
the type box and its input, the calm theme, plain-text rendering and the screens' own words
(`dialogs/kiosk.toml`). Nothing here knows a conversation's steps; fronts import it, the
engine and the records never do."""
