"""Small checks the parts of the script parser share: a typed value, a SHA-256, an unknown key's hint."""

from __future__ import annotations

from yaml.nodes import Node

from game.levels.errors import did_you_mean
from game.levels.fieldtypes import Obj
from game.levels.validate import INVALID, Context, validate
from game.sessions.scriptfields import DIGEST


def check(node: Node, kind: object, path: str, ctx: Context, fallback: object) -> object:
    """The validated value, or `fallback` after the validator reported why."""
    value = validate(node, kind, path, ctx)
    return fallback if value is INVALID else value


def sha(node: Node, path: str, ctx: Context) -> str | None:
    """A lower-case hex SHA-256."""
    return check(node, DIGEST, path, ctx, None)


def unknown(ctx: Context, key: Node, name: str, path: str, names: tuple[str, ...]) -> None:
    """Report an unknown field with a did-you-mean hint or the list of known fields."""
    hint = did_you_mean(name, names) or f"; expected one of: {', '.join(names)}"
    ctx.report(key, f"{path}.{name}" if path else name, f"unknown field {name!r}{hint}")


def listing(noun: str, names: object) -> str:
    """A "; the level's groups are: a, b" hint."""
    listed = ", ".join(sorted(names)) or "(none)"
    return f"; {noun}: {listed}"


def unknown_keys(ctx: Context, entries: dict[str, tuple[Node, Node]], spec: Obj, path: str) -> bool:
    """Report every key the table does not give this mapping; whether all were known."""
    ok = True
    for name, (key, _) in entries.items():
        if name not in spec.names:
            unknown(ctx, key, name, path, spec.names)
            ok = False
    return ok


def missing_keys(
    ctx: Context, node: Node, entries: dict[str, tuple[Node, Node]], spec: Obj, path: str
) -> bool:
    """Report every field the table requires that the mapping lacks; whether none was missing."""
    lacking = [item.name for item in spec.fields if item.required and item.name not in entries]
    for name in lacking:
        ctx.report(node, f"{path}.{name}", "required field is missing")
    return not lacking


def number(value: float | None) -> str:
    """A bound as text without a needless `.0`."""
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else str(value)
