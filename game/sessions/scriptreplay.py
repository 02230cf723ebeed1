"""The `replay:` block a saved session carries (its level's hash, its length, its parent and notes),
checked as the field table (`game.sessions.scriptfields.REPLAY`) describes it."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.levels.validate import Context, entries_of
from game.levels.yamlsafe import describe, scalar_value
from game.sessions.scriptcheck import check, missing_keys, sha, unknown_keys
from game.sessions.scriptfields import MAX_NOTE_CHARS, MAX_NOTES, NOTE, PARENT, REPLAY


@dataclass(frozen=True, slots=True)
class ReplayParent:
    """The session a retry branched from: its replay file (relative to this one), when, its log's hash."""

    file: str
    tick: int
    event_log_sha256: str = ""


@dataclass(frozen=True, slots=True)
class ReplayNote:
    """An instructor's note at a moment of the session (a bookmark on the review's timeline)."""

    tick: int
    text: str


@dataclass(frozen=True, slots=True)
class ReplayInfo:
    """What a saved session records about its recording: the level's hash and how long it ran."""

    level_sha256: str
    recorded: int
    event_log_sha256: str = ""
    parent: ReplayParent | None = None
    notes: tuple[ReplayNote, ...] = ()


def parse_replay(node: Node, ctx: Context) -> ReplayInfo | None:
    """The `replay:` block a saved session carries."""
    if not isinstance(node, MappingNode):
        ctx.report(
            node, "replay", f"expected a mapping (level_sha256, recorded), got {describe(node)}"
        )
        return None
    entries = entries_of(node, "replay", ctx)
    unknown_keys(ctx, entries, REPLAY, "replay")
    missing_keys(ctx, node, entries, REPLAY, "replay")
    values: dict[str, object] = {}
    if "level_sha256" in entries:
        values["level_sha256"] = sha(entries["level_sha256"][1], "replay.level_sha256", ctx)
    if "recorded" in entries:
        values["recorded"] = check(
            entries["recorded"][1], REPLAY.field("recorded").type, "replay.recorded", ctx, None
        )
    if "event_log_sha256" in entries:
        values["event_log_sha256"] = sha(
            entries["event_log_sha256"][1], "replay.event_log_sha256", ctx
        )
    if "parent" in entries:
        values["parent"] = _parent(entries["parent"][1], ctx)
    if "notes" in entries:
        values["notes"] = _notes(entries["notes"][1], values.get("recorded"), ctx)
    if values.get("level_sha256") is None or values.get("recorded") is None:
        return None
    return ReplayInfo(**values)


def _parent(node: Node, ctx: Context) -> ReplayParent | None:
    """`replay.parent`: the session this one branched from (file, tick, event_log_sha256)."""
    if not isinstance(node, MappingNode):
        ctx.report(node, "replay.parent", f"expected a mapping (file, tick), got {describe(node)}")
        return None
    entries = entries_of(node, "replay.parent", ctx)
    unknown_keys(ctx, entries, PARENT, "replay.parent")
    if not missing_keys(ctx, node, entries, PARENT, "replay.parent"):
        return None
    file = check(entries["file"][1], PARENT.field("file").type, "replay.parent.file", ctx, None)
    tick = check(entries["tick"][1], PARENT.field("tick").type, "replay.parent.tick", ctx, None)
    digest = ""
    if "event_log_sha256" in entries:
        digest = sha(entries["event_log_sha256"][1], "replay.parent.event_log_sha256", ctx)
    if file is None or tick is None or digest is None:
        return None
    return ReplayParent(file, tick, digest)


def _notes(node: Node, recorded: int | None, ctx: Context) -> tuple[ReplayNote, ...]:
    """`replay.notes`: the instructor's notes, each a tick within the session and a text."""
    if isinstance(node, ScalarNode) and scalar_value(node) is None:
        return ()
    if not isinstance(node, SequenceNode):
        ctx.report(node, "replay.notes", f"expected a list of notes, got {describe(node)}")
        return ()
    if len(node.value) > MAX_NOTES:
        ctx.report(node, "replay.notes", f"{len(node.value)} notes; at most {MAX_NOTES} are kept")
        return ()
    notes = []
    for index, item in enumerate(node.value):
        path = f"replay.notes[{index}]"
        if not isinstance(item, MappingNode):
            ctx.report(item, path, f"expected a note (tick, text), got {describe(item)}")
            continue
        entries = entries_of(item, path, ctx)
        unknown_keys(ctx, entries, NOTE, path)
        if not missing_keys(ctx, item, entries, NOTE, path):
            continue
        tick = check(entries["tick"][1], NOTE.field("tick").type, f"{path}.tick", ctx, None)
        text = check(entries["text"][1], NOTE.field("text").type, f"{path}.text", ctx, None)
        if tick is None or text is None:
            continue
        if recorded is not None and tick > recorded:
            ctx.report(
                entries["tick"][1],
                f"{path}.tick",
                f"the note at tick {tick} comes after the session ends (tick {recorded})",
            )
            continue
        if len(text) > MAX_NOTE_CHARS:
            ctx.report(entries["text"][1], f"{path}.text", f"at most {MAX_NOTE_CHARS} characters")
            continue
        notes.append(ReplayNote(tick, text))
    return tuple(sorted(notes, key=lambda note: note.tick))
