"""Settings the trainee can change (window, volume, text size, key bindings), kept in the user's config folder."""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.client.window import DEFAULT_WINDOW, MIN_WINDOW
from game.levels.files import FileRefused, read_bounded, write_atomically
from game.levels.limits import MAX_JSON_BYTES
from game.levels.printable import HIDDEN

APP_FOLDER = "rapid-response-trainer"

MAX_WINDOW = (7680, 4320)
"""The largest window a settings file may ask for (8K)."""

MAX_KEYS_PER_ACTION = 4
MAX_KEY_NAME = 40

DEFAULT_BINDINGS: dict[str, list[str]] = {
    "move_up": ["w", "up"],
    "move_down": ["s", "down"],
    "move_left": ["a", "left"],
    "move_right": ["d", "right"],
    "run": ["left shift", "right shift"],
    "cover": ["q"],
    "advance": ["v"],
    "comply": ["h"],
    "weapon": ["g"],
    "announce": ["p"],
    "jacket": ["j"],
    "badge": ["b"],
    "challenge": ["c"],
    "fire": ["f"],
    "tourniquet": ["t"],
    "direct": ["e"],
    "door": ["o"],
    "breach": ["x"],
    "radio": ["r"],
    "stop": ["z"],
    "plan_pause": ["space"],
    "pause": ["escape"],
    "select_next": ["tab"],
    "legend": ["f1", "l"],
    "zoom_in": ["=", "[+]"],
    "zoom_out": ["-", "[-]"],
    "log_older": ["page up"],
    "log_newer": ["page down"],
    "skip_tutorial": ["k"],
}
"""Action name -> key names (as `pygame.key.name` gives them)."""

ACTION_TITLES: dict[str, str] = {
    "move_up": "Move north",
    "move_down": "Move south",
    "move_left": "Move west",
    "move_right": "Move east",
    "run": "Run (hold)",
    "cover": "Take / leave cover",
    "advance": "Move toward the gunfire",
    "comply": "Comply with a challenge",
    "weapon": "Draw / holster",
    "announce": 'Announce "Police!"',
    "jacket": "Put on raid jacket",
    "badge": "Show badge",
    "challenge": "Challenge the selected person",
    "fire": "Fire at the selected person",
    "tourniquet": "Tourniquet to casualty",
    "direct": "Direct civilians to exit",
    "door": "Open / close door",
    "breach": "Breach locked door",
    "radio": "Radio",
    "stop": "Stop",
    "plan_pause": "Pause to plan",
    "pause": "Pause menu",
    "select_next": "Select the next person in view",
    "legend": "Legend and all keys",
    "zoom_in": "Zoom in",
    "zoom_out": "Zoom out",
    "log_older": "Radio log: older",
    "log_newer": "Radio log: newer",
    "skip_tutorial": "Skip the walk-through's steps",
}


@dataclass
class Settings:
    """Everything the trainee may change; saved as JSON."""

    window: tuple[int, int] = DEFAULT_WINDOW
    fullscreen: bool = False
    volume: float = 0.7
    text_size: float = 1.0
    plan_mode: bool = False
    bindings: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_BINDINGS.items()}
    )

    def keys_for(self, action: str) -> list[str]:
        """The key names bound to an action."""
        return self.bindings.get(action, DEFAULT_BINDINGS.get(action, []))


def config_dir() -> Path:
    """The user's config folder for this program (XDG_CONFIG_HOME, APPDATA, or ~/.config)."""
    if sys.platform.startswith("win") and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    elif os.environ.get("XDG_CONFIG_HOME"):
        base = Path(os.environ["XDG_CONFIG_HOME"])
    elif os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path.home() / ".config"
    return base / APP_FOLDER


def load_settings(folder: Path | None = None) -> Settings:
    """Settings from settings.json, defaults for anything missing or unreadable."""
    data = read_json((folder or config_dir()) / "settings.json")
    settings = Settings()
    if not isinstance(data, dict):
        return settings
    window = data.get("window")
    if isinstance(window, list) and len(window) == 2 and all(_whole(v) for v in window):
        settings.window = (
            min(MAX_WINDOW[0], max(MIN_WINDOW[0], window[0])),
            min(MAX_WINDOW[1], max(MIN_WINDOW[1], window[1])),
        )
    if isinstance(data.get("fullscreen"), bool):
        settings.fullscreen = data["fullscreen"]
    if _finite(data.get("volume")):
        settings.volume = min(1.0, max(0.0, float(data["volume"])))
    if _finite(data.get("text_size")):
        settings.text_size = min(1.5, max(0.75, float(data["text_size"])))
    if isinstance(data.get("plan_mode"), bool):
        settings.plan_mode = data["plan_mode"]
    bindings = data.get("bindings")
    if isinstance(bindings, dict):
        for action, keys in bindings.items():
            if action in DEFAULT_BINDINGS and isinstance(keys, list):
                names = [k for k in keys if isinstance(k, str) and _key_name(k)]
                settings.bindings[action] = names[:MAX_KEYS_PER_ACTION]
    return settings


def save_settings(settings: Settings, folder: Path | None = None) -> Path:
    """Write settings.json atomically; returns its path."""
    data = asdict(settings)
    data["window"] = list(settings.window)
    return write_json_atomic((folder or config_dir()) / "settings.json", data)


def read_json(path: Path, limit: int = MAX_JSON_BYTES) -> object:
    """A JSON file's value, or None when it is missing, broken, too big, too deep or not a file."""
    try:
        return json.loads(read_bounded(path, limit, "settings file").decode("utf-8"))
    except (FileRefused, OSError, ValueError, RecursionError, MemoryError):
        return None


def _whole(value: object) -> bool:
    """Whether a JSON value is a whole number (not true/false)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _finite(value: object) -> bool:
    """Whether a JSON value is a finite number (not true/false, NaN or infinity)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _key_name(name: str) -> bool:
    """Whether text can be a key's name (short, nothing hidden)."""
    return 0 < len(name) <= MAX_KEY_NAME and not HIDDEN.search(name)


def write_json_atomic(path: Path, data: object) -> Path:
    """Write JSON atomically (temporary file, flush, fsync, rename), the way sessions are written."""
    write_atomically(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path
