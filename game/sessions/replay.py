"""Save a session as a replay: a script with the seed, the variant, every command at its exact tick,
and the level's content hash. A replay is just a script, so `run --script replay.yaml` plays it back.
Files are written atomically: a temp file in the same folder, flushed, fsynced, then os.replace.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.core.commands import Command
from game.core.level import Level
from game.sessions.script import ReplayNote, ReplayParent, ScriptCommand
from game.sessions.scriptcommands import command_to_yaml


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
    """The replay script's text; the level path is written relative to the replay's folder."""
    chosen = dict(variant.items() if isinstance(variant, Mapping) else variant)
    lines = [
        "# Rapid Response Trainer replay: a script with every command at its exact tick.",
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
    return "\n".join(lines) + "\n"


def parent_line(parent: ReplayParent) -> str:
    """The `parent:` entry of a replay block, on one line."""
    digest = f", event_log_sha256: {parent.event_log_sha256}" if parent.event_log_sha256 else ""
    return f"parent: {{file: {_quote(parent.file)}, tick: {parent.tick}{digest}}}"


def notes_line(notes: Sequence[ReplayNote]) -> str:
    """The `notes:` entry of a replay block, on one line (flow style, so it can be replaced whole)."""
    items = ", ".join(f"{{tick: {n.tick}, text: {_quote(n.text)}}}" for n in notes)
    return f"notes: [{items}]"


def write_atomically(path: str | Path, text: str) -> None:
    """Write text to a temp file in the same folder, flush and fsync it, then os.replace it."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


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
