"""Where a scene wants to go next, as plain values: scenes return these and only `app.py` builds scenes.

A scene's `handle` or `update` returns None (stay), an existing scene (go back to it, as the pause menu
does to the run it covers), or one of these routes. To add a scene: a route here, the scene in its own
file under `scenes/`, and one line in `app.SCENE_BUILDERS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.level import Level
from game.core.world import World


@dataclass(frozen=True, slots=True)
class ToMenu:
    """The level menu."""


@dataclass(frozen=True, slots=True)
class ToBriefing:
    """A level's briefing; a fresh variation seed when `seed` is None."""

    level: Level
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class ToPlay:
    """Play a level from the briefing's world (its variant already drawn), or retry a review's moment.

    A retry gives the `branch` (the world then, the commands before, the parent session) and the
    tiles the trainee had already `seen`.
    """

    level: Level
    seed: int
    world: World
    branch: object = None
    seen: frozenset | set = frozenset()


@dataclass(frozen=True, slots=True)
class ToPause:
    """The pause menu over a run (`play` is the PlayScene it returns to)."""

    play: object


@dataclass(frozen=True, slots=True)
class ToDebrief:
    """The debrief of a finished run: its world and the recorder that holds its commands."""

    level: Level
    seed: int
    world: World
    recorder: object
    branch: object = None
    """The retry this run was (its parent's findings are shown beside this run's)."""
    replay_path: str = ""
    """Set for a session already saved (reviewed from its file): it is not recorded again."""
    back: object = None
    """Where Esc returns to (a review); the menu when None."""
    notes: tuple = ()
    """The instructor's notes on this session (from its replay file)."""


@dataclass(frozen=True, slots=True)
class ToSettings:
    """Settings; Esc returns to `back`."""

    back: object


@dataclass(frozen=True, slots=True)
class ToProfile:
    """Who is training: choose a profile, add one, or practise anonymously; then go on to `then`."""

    then: object


@dataclass(frozen=True, slots=True)
class ToHistory:
    """A trainee's history (None: anonymous practice); Esc returns to `back`."""

    trainee: object
    back: object


@dataclass(frozen=True, slots=True)
class ToReview:
    """The after-action review of a saved session; Esc returns to `back` (None: the program ends)."""

    review: object
    back: object = None
    start: int = 0
    perspective: str = "truth"


@dataclass(frozen=True, slots=True)
class ToQuit:
    """End the program."""


Route = (
    ToMenu
    | ToBriefing
    | ToPlay
    | ToPause
    | ToDebrief
    | ToSettings
    | ToProfile
    | ToHistory
    | ToReview
    | ToQuit
)
