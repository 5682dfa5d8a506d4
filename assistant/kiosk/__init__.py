"""The waiting-room kiosk: a Textual front that renders the engine's Replies and forwards input.

Nothing here decides where the conversation goes; `app.KioskApp` asks the engine and shows
what it answers. `make_kiosk` builds the app for the command line and for the tests alike.
"""
