"""The pygame-ce client: menu, briefing, play view, debrief, and the `render` command's map drawing."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
