"""The client's scenes: menu, briefing, play, pause, debrief, settings."""
