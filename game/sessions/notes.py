"""Instructor notes kept in a replay file: the `notes:` entry of its `replay:` block is rewritten in
place (everything else in the file, comments and an `expect:` block included, is left as it was),
the result is checked as a script, and only then written, atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from game.core.level import Level
from game.levels.errors import LevelError
from game.levels.limits import MAX_REPLAY_BYTES
from game.levels.loader import decode, read_file
from game.levels.yamlsafe import compose
from game.sessions.replay import notes_line, write_atomically
from game.sessions.script import MAX_NOTE_CHARS, ReplayNote, parse_script


class NotesError(ValueError):
    """The notes could not be written into this file (it is not a replay, or would not stay valid)."""


def save_notes(path: str | Path, notes: Sequence[ReplayNote], level: Level | None = None) -> None:
    """Write the notes into the replay file, atomically. Raises NotesError or OSError.

    `level` is the replay's level when the caller has it loaded already (it is checked against it).
    """
    try:
        data = read_file(path, MAX_REPLAY_BYTES, "replay")
        text = decode(data, str(path))
    except LevelError as error:
        raise NotesError(str(error)) from None
    ordered = sorted(notes, key=lambda note: note.tick)
    updated = with_notes(text, ordered)
    try:
        script = parse_script(updated.encode("utf-8"), str(path), level)
    except LevelError as error:
        raise NotesError(f"the notes would not leave a valid replay: {error}") from None
    if script.replay is None or list(script.replay.notes) != ordered:
        raise NotesError("the notes did not read back as written")
    write_atomically(path, updated)


def clean_note(text: str) -> str:
    """A note as kept: one line of printable text, trimmed, within the length limit."""
    words = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return words[:MAX_NOTE_CHARS]


def with_notes(text: str, notes: Sequence[ReplayNote]) -> str:
    """The replay text with its `notes:` entry set to these notes (added when missing)."""
    try:
        root = compose(text, ends=True)
    except yaml.YAMLError as error:
        raise NotesError(f"this file is not valid YAML any more: {error}") from None
    replay = _child(root, "replay")
    if not isinstance(replay, MappingNode):
        raise NotesError("this file is not a saved replay (it has no replay: block)")
    line = notes_line(notes)
    for key, value in replay.value:
        if isinstance(key, ScalarNode) and key.value == "notes":
            start = key.start_mark.index
            end = _content_end(text, value.end_mark.index, start)
            return text[:start] + line + text[end:]
    if replay.flow_style:
        at = replay.start_mark.index + 1
        separator = ", " if replay.value else ""
        return text[:at] + line + separator + text[at:]
    if not replay.value:
        raise NotesError("the replay: block is empty")
    indent = " " * replay.value[0][0].start_mark.column
    last = replay.value[-1][1]
    end = _content_end(text, last.end_mark.index, last.start_mark.index)
    newline = text.find("\n", end)
    if newline < 0:
        return text + "\n" + indent + line + "\n"
    return text[:newline] + "\n" + indent + line + text[newline:]


def _content_end(text: str, end: int, floor: int) -> int:
    """Where a node's own text ends: a block collection's end mark lies on the line after it."""
    while end > floor and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _child(node: Node | None, name: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return value
    return None
