"""What a file given to `check` is when it is not a level: a script, a replay, a Tiled map, a picture...

`check` reads levels. Given anything else it says what it was given and what to run instead, rather
than listing every level field the file lacks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from game.levels.files import FileRefused, read_bounded
from game.levels.limits import MAX_FILE_BYTES
from game.levels.yamlsafe import compose

LEVEL_KEYS = frozenset({"map", "zones", "trainee", "briefing"})
"""A YAML mapping is taken as a level when it has any of these keys."""

SCRIPT_KEYS = frozenset({"level", "commands", "expect", "replay"})
"""Keys that only scripts (and saved sessions) have at the top level."""

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file is: `level`, or another kind with a phrase for it and what to do instead."""

    kind: str
    what: str = ""
    instead: str = ""

    @property
    def is_level(self) -> bool:
        """Whether the file should be read as a level (unreadable files count as levels)."""
        return self.kind == "level"

    def message(self) -> str:
        """The sentence `check` prints for a file that is not a level."""
        return f"this is {self.what}, not a level; {self.instead}"


LEVEL = FileKind("level")


def identify(path: str | Path) -> FileKind:
    """What the file at `path` is; LEVEL when it looks like a level or cannot be told apart from one."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES, "level file")
    except FileRefused:
        return LEVEL
    return identify_bytes(data, str(path))


def identify_bytes(data: bytes, name: str) -> FileKind:
    """What some file contents are (see `identify`)."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return FileKind("binary", what, "give `check` a level's .yaml file")
    if len(data) > MAX_FILE_BYTES:
        return LEVEL
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return LEVEL
    lower = name.lower()
    if lower.endswith((".tmx", ".tsx")) or text.lstrip().startswith("<?xml"):
        return _tiled_or_xml(text, name)
    if lower.endswith((".tmj", ".json")):
        found = _json_kind(text, name)
        if found is not None:
            return found
    try:
        root = compose(text)
    except (yaml.YAMLError, RecursionError):
        root = None
    if not isinstance(root, MappingNode):
        suffix = Path(name).suffix.lower()
        if suffix and suffix not in (".yaml", ".yml") and text.strip():
            return FileKind(
                "other",
                f"a {suffix} file",
                "give `check` a level's .yaml file",
            )
        return LEVEL
    keys = [key.value for key, _ in root.value if isinstance(key, ScalarNode)]
    if LEVEL_KEYS & set(keys):
        return LEVEL
    if "replay" in keys:
        return FileKind(
            "script",
            "a saved session (a replay script)",
            f"play it back with `python main.py run --script {name}`, or check it with "
            f"`python main.py run --script {name} --check-only`",
        )
    if SCRIPT_KEYS & set(keys):
        return FileKind(
            "script",
            "a script (it has " + ", ".join(f"`{k}:`" for k in keys if k in SCRIPT_KEYS) + ")",
            f"check it with `python main.py run --script {name} --check-only`, or run it with "
            f"`python main.py run --script {name}`",
        )
    count = f"{len(keys):,} key{'s' if len(keys) != 1 else ''}"
    return FileKind(
        "other",
        f"a YAML mapping of {count}, with none of a level's {', '.join(sorted(LEVEL_KEYS))}",
        "a level has id, title, briefing, map and trainee (see levels/README.md)",
    )


def _json_kind(text: str, name: str) -> FileKind | None:
    """A Tiled map or a JSON Schema written as JSON; None for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if "tiledversion" in data or ("layers" in data and "tilewidth" in data):
        return _tiled(name)
    if "$schema" in data and "properties" in data:
        return FileKind("other", "a JSON Schema", "give `check` a level's .yaml file")
    return None


def _tiled_or_xml(text: str, name: str) -> FileKind:
    """A Tiled map (TMX) or some other XML file."""
    if "<map" in text and "tiledversion" in text:
        return _tiled(name)
    return FileKind("other", "an XML file", "give `check` a level's .yaml file")


def _tiled(name: str) -> FileKind:
    stem = Path(name).with_suffix(".yaml").name
    return FileKind(
        "tiled",
        "a Tiled map",
        f"turn it into a level with `python main.py import-tiled {name} -o {stem}`, then check that",
    )
