"""The tablet front: the consent conversation as an accessible web page (Starlette, jinja2).

It renders the engine's Replies as server-built HTML and forwards what the client does (a
button, a typed line, a drawn signature) to one `Conversation` per browser session. It keeps
no conversation logic of its own; `make_web` in `app.py` builds it for the command line and
the tests alike.
"""
