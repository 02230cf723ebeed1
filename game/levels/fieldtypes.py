"""The small type language the field tables are written in: the level's (`game.levels.fields`) and the
script's (`game.sessions.scriptfields`, `game.sessions.commandfields`), read by their validators, the
schema writer (`game.levels.schema`) and the guide writer (`game.levels.guide`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

NO_DEFAULT = object()
"""Marks a field with no default (required, or absent means "not set")."""


@dataclass(frozen=True, slots=True)
class Text:
    """Any text; numbers and true/false must be quoted."""

    nonempty: bool = False


@dataclass(frozen=True, slots=True)
class Ident:
    """An id: lower-case letters, digits and underscores."""


@dataclass(frozen=True, slots=True)
class Symbol:
    """A single map character (used as the legend's keys)."""


@dataclass(frozen=True, slots=True)
class Integer:
    """A whole number within bounds."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Number:
    """A decimal or whole number within bounds, as a float."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False


@dataclass(frozen=True, slots=True)
class Boolean:
    """true or false (only those two words)."""


@dataclass(frozen=True, slots=True)
class Time:
    """A time as "m:ss" text or whole seconds; converted to ticks."""

    positive: bool = False


@dataclass(frozen=True, slots=True)
class Seconds:
    """A duration in seconds (decimals allowed); converted to ticks."""

    positive: bool = False


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a fixed set of words; converted to the enum member when `enum` is given."""

    values: tuple[str, ...]
    enum: type[Enum] | None = None
    meanings: tuple[str, ...] = ()
    """What each word means (same order as `values`), for the schema and the guide."""


def choice_of(meanings: dict[str, str]) -> Choice:
    """A Choice over a mapping of word -> what it means."""
    return Choice(tuple(meanings), None, tuple(meanings.values()))


@dataclass(frozen=True, slots=True)
class Point:
    """A tile as [x, y]."""


@dataclass(frozen=True, slots=True)
class Area:
    """An inclusive rectangle of tiles as [x1, y1, x2, y2]."""


@dataclass(frozen=True, slots=True)
class FloorRef:
    """A floor, by index (0 is the first floor listed) or by its name."""


@dataclass(frozen=True, slots=True)
class Rows:
    """Map rows: a `|` block of text, one row per line, or a list of quoted strings."""


@dataclass(frozen=True, slots=True)
class When:
    """A variant condition: `{group: option}` or `{group: [option, option]}`."""


@dataclass(frozen=True, slots=True)
class LevelName:
    """The id of something the level defines (`what`: zone, exit zone, person), checked against it."""

    what: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """Text of a fixed form (`regex`, whole text), described as `what`."""

    regex: str
    what: str


@dataclass(frozen=True, slots=True)
class Plain:
    """Any plain value (text, number, true/false), compared as written."""


@dataclass(frozen=True, slots=True)
class Bounds:
    """A value (exactly it), or `{min: ..., max: ...}` with at least one of them."""

    item: FieldType


@dataclass(frozen=True, slots=True)
class Either:
    """A value of any one of several types (the first that fits)."""

    options: tuple[FieldType, ...]
    what: str = ""


@dataclass(frozen=True, slots=True)
class Ref:
    """A type defined once under a name (for recursive shapes such as conditions)."""

    name: str


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of items of one type."""

    item: FieldType
    min_items: int = 0


@dataclass(frozen=True, slots=True)
class MapOf:
    """A mapping from keys of one type to values of another."""

    key: FieldType
    value: FieldType


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: its type, whether required, its default and example, and its doc."""

    name: str
    type: FieldType
    doc: str
    example: object = None
    required: bool = False
    default: object = NO_DEFAULT
    attr: str = ""

    @property
    def target(self) -> str:
        """The keyword the builder receives this field's value as."""
        return self.attr or self.name


@dataclass(frozen=True, slots=True)
class Obj:
    """A mapping with known fields, built into a value by `build` (a dict when None)."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    build: Callable[..., object] | None = None
    one_of: tuple[str, ...] = ()
    needs: tuple[tuple[str, str], ...] = ()
    weights: bool = False
    """A mapping of seeded weights: a weight not given is 0, and not all may be 0."""
    warn_if_certain: bool = False
    """Weights whose omission leaving only one choice is usually a slip: `check` warns."""
    example: object = None

    @property
    def names(self) -> tuple[str, ...]:
        """The YAML names of its fields, in table order."""
        return tuple(item.name for item in self.fields)

    def field(self, name: str) -> Field:
        """The field with this YAML name."""
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)


FieldType = (
    Text
    | Ident
    | Symbol
    | Integer
    | Number
    | Boolean
    | Time
    | Seconds
    | Choice
    | Point
    | Area
    | FloorRef
    | Rows
    | When
    | LevelName
    | Pattern
    | Plain
    | Bounds
    | Either
    | Ref
    | ListOf
    | MapOf
    | Obj
)
