"""Where the shipped files are: the `levels/` (and `assets/`) folders beside the source, or inside the package.

From a checkout they are the repository's own folders. `pip install .` copies them into the package as
`game/shipped/` (see pyproject.toml), so the installed `rrt` command finds them from any folder.
"""

from __future__ import annotations

from pathlib import Path

_GAME = Path(__file__).resolve().parent.parent


def shipped_dir(name: str) -> Path:
    """The shipped folder called `name` ("levels", "assets"): the installed copy, else the checkout's."""
    installed = _GAME / "shipped" / name
    if installed.is_dir():
        return installed
    return _GAME.parent / name


def levels_dir() -> Path:
    """The shipped levels."""
    return shipped_dir("levels")
