"""The client's scenes, one per file: menu, briefing, play (drawn by play_view), pause, debrief,
settings, profile, history, review (drawn by game/client/review_view). Scenes return routes
(game/client/routes.py); only app.py builds them."""
