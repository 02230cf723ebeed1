"""Where the records live: the user's data folder (XDG_DATA_HOME is honoured) and the database in it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "rapid-response-trainer"
"""The folder name this program uses in the user's config and data folders."""

DATABASE_NAME = "records.sqlite3"
"""The records database's file name inside the data folder."""


def data_dir() -> Path:
    """The user's data folder for this program (XDG_DATA_HOME, LOCALAPPDATA/APPDATA, or ~/.local/share)."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        if base:
            return Path(base) / APP_FOLDER
    if os.environ.get("XDG_DATA_HOME"):
        return Path(os.environ["XDG_DATA_HOME"]) / APP_FOLDER
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_FOLDER
    return Path.home() / ".local" / "share" / APP_FOLDER


def database_path(folder: Path | None = None) -> Path:
    """The records database in a data folder (the user's by default)."""
    return (folder or data_dir()) / DATABASE_NAME
