"""`python -m assistant` is the same as `consent-assistant`."""

from assistant.cli import main

raise SystemExit(main())
