"""Save a session as a replay: a script with the seed, the variant, every command at its exact tick,
and the level's content hash. A replay is just a script, so `run --script replay.yaml` plays it back.
Files are written atomically (`game.levels.files.write_atomically`). What is saved always loads again:
a replay stays within `MAX_REPLAY_BYTES` and `MAX_COMMANDS` (a session of the longest duration with a
command on every tick is about 1.5 MB), and text the reader would refuse is refused here first.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.core.commands import Command
from game.core.level import Level
from game.levels.files import write_atomically
from game.levels.limits import (
    MAX_COMMANDS,
    MAX_COMMANDS_PER_TICK,
    MAX_REPLAY_BYTES,
    REPLAY_FIRST_LINE,
)
from game.levels.printable import HIDDEN, character_name
from game.sessions.script import ReplayNote, ReplayParent, ScriptCommand
from game.sessions.scriptcommands import command_to_yaml

__all__ = ["SessionRecorder", "is_replay", "replay_text", "save_replay", "write_atomically"]


class ReplayTooLong(ValueError):
    """A session that cannot be saved as a loadable replay (too many commands or bytes)."""


@dataclass(slots=True)
class SessionRecorder:
    """Collects the commands of a live session (the client) tick by tick, then saves them."""

    level: Level
    seed: int
    variant: Mapping[str, str]
    commands: list[ScriptCommand] = field(default_factory=list)
    parent: ReplayParent | None = None
    """Set when this session is a retry branched from another (saved with it)."""

    def record(self, tick: int, commands: Iterable[Command]) -> None:
        """Note the commands fed to `World.step` at this tick."""
        self.commands += [ScriptCommand(tick, command) for command in commands]

    def save(
        self, path: str | Path, recorded: int, event_log_sha256: str = "", title: str = ""
    ) -> None:
        """Write the session as a replay script; `recorded` is the world's tick when it stopped."""
        save_replay(
            path,
            self.level,
            self.seed,
            self.variant,
            self.commands,
            recorded,
            title=title,
            event_log_sha256=event_log_sha256,
            parent=self.parent,
        )


def save_replay(
    path: str | Path,
    level: Level,
    seed: int,
    variant: Mapping[str, str] | Iterable[tuple[str, str]],
    commands: Iterable[ScriptCommand | tuple[int, Command]],
    recorded: int,
    title: str = "",
    event_log_sha256: str = "",
    parent: ReplayParent | None = None,
    notes: Sequence[ReplayNote] = (),
) -> None:
    """Write a replay script atomically (see `replay_text`)."""
    text = replay_text(
        path,
        level,
        seed,
        variant,
        commands,
        recorded,
        title=title,
        event_log_sha256=event_log_sha256,
        parent=parent,
        notes=notes,
    )
    write_atomically(path, text)


def replay_text(
    path: str | Path,
    level: Level,
    seed: int,
    variant: Mapping[str, str] | Iterable[tuple[str, str]],
    commands: Iterable[ScriptCommand | tuple[int, Command]],
    recorded: int,
    title: str = "",
    event_log_sha256: str = "",
    parent: ReplayParent | None = None,
    notes: Sequence[ReplayNote] = (),
) -> str:
    """The replay script's text; the level path is written relative to the replay's folder.

    Raises ValueError for a session the reader could not load back (too long, or text it refuses).
    """
    chosen = dict(variant.items() if isinstance(variant, Mapping) else variant)
    lines = [
        f"{REPLAY_FIRST_LINE}: a script with every command at its exact tick.",
        "# Play it back with: python main.py run --script <this file>",
        f"level: {_quote(_relative_level(path, level))}",
        f"title: {_quote(title or f'Replay: {level.title}')}",
        f"seed: {seed}",
    ]
    if chosen:
        pairs = ", ".join(f"{group}: {_quote(option)}" for group, option in sorted(chosen.items()))
        lines.append(f"variant: {{{pairs}}}")
    lines += ["replay:", f"  level_sha256: {level.content_hash}", f"  recorded: {recorded}"]
    if event_log_sha256:
        lines.append(f"  event_log_sha256: {event_log_sha256}")
    if parent is not None:
        file = _relative_file(path, parent.file)
        lines.append(f"  {parent_line(ReplayParent(file, parent.tick, parent.event_log_sha256))}")
    if notes:
        lines.append(f"  {notes_line(notes)}")
    items = [c if isinstance(c, ScriptCommand) else ScriptCommand(c[0], c[1]) for c in commands]
    if len(items) > MAX_COMMANDS:
        raise ReplayTooLong(
            f"the session has {len(items):,} commands; a replay holds at most {MAX_COMMANDS:,}"
        )
    busiest = max(Counter(item.tick for item in items).values(), default=0)
    if busiest > MAX_COMMANDS_PER_TICK:
        raise ReplayTooLong(
            f"the session has {busiest} commands at one tick; a replay holds at most "
            f"{MAX_COMMANDS_PER_TICK}"
        )
    if not items:
        lines.append("commands: []")
    else:
        lines.append("commands:")
        for item in items:
            fields = {"tick": item.tick, **command_to_yaml(item.command)}
            body = ", ".join(
                f"{key}: {value if key == 'do' else _value(value)}" for key, value in fields.items()
            )
            lines.append(f"  - {{{body}}}")
    text = "\n".join(lines) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_REPLAY_BYTES:
        raise ReplayTooLong(
            f"the replay would be {size:,} bytes; a replay is at most {MAX_REPLAY_BYTES:,}"
        )
    return text


def parent_line(parent: ReplayParent) -> str:
    """The `parent:` entry of a replay block, on one line."""
    digest = f", event_log_sha256: {parent.event_log_sha256}" if parent.event_log_sha256 else ""
    return f"parent: {{file: {_quote(parent.file)}, tick: {parent.tick}{digest}}}"


def notes_line(notes: Sequence[ReplayNote]) -> str:
    """The `notes:` entry of a replay block, on one line (flow style, so it can be replaced whole)."""
    items = ", ".join(f"{{tick: {n.tick}, text: {_quote(n.text)}}}" for n in notes)
    return f"notes: [{items}]"


def is_replay(path: str | Path) -> bool:
    """Whether a file starts the way the replays we write start (so replacing it loses nothing)."""
    try:
        with open(path, "rb") as file:
            return file.read(len(REPLAY_FIRST_LINE)) == REPLAY_FIRST_LINE.encode()
    except OSError:
        return False


def _relative_level(path: str | Path, level: Level) -> str:
    """The level's file relative to the replay's folder (absolute when no relative path exists)."""
    return _relative_file(path, level.source_path)


def _relative_file(path: str | Path, other: str) -> str:
    """Another file relative to the replay's folder (absolute when no relative path exists)."""
    source = os.path.abspath(other)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        return Path(os.path.relpath(source, folder)).as_posix()
    except ValueError:
        return Path(source).as_posix()


def _value(value: object) -> str:
    """A command field as YAML flow text: numbers plain, text always double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _quote(str(value))


def _quote(text: str) -> str:
    """Double-quoted YAML text: JSON string syntax, with characters YAML would not print escaped."""
    if found := HIDDEN.search(text):
        code = ord(found.group())
        raise ValueError(
            f"the session holds text with {character_name(found.group())} (U+{code:04X}), "
            "which a replay cannot keep"
        )
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(
        c if (c.isascii() and c != "\x7f") or _printable(c) else f"\\u{ord(c):04x}" for c in quoted
    )


def _printable(char: str) -> bool:
    """Whether YAML may hold this non-ASCII character as it is (not a control or line separator)."""
    return (
        char not in "\x85\u2028\u2029\ufeff"
        and not ("\x80" <= char <= "\x9f")
        and char.isprintable()
    )
