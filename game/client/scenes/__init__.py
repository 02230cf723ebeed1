"""The client's scenes, one per file: menu, briefing, play (drawn by play_view), pause, debrief,
settings, profile, history. Scenes return routes (game/client/routes.py); only app.py builds them."""
