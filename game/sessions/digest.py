"""A digest of a run's whole state: two worlds with the same digest are the same world.

The walk is generic, so it covers whatever the engine holds now or later: every attribute of every
object (slots and `__dict__`), every container, each random generator's internal state, and the
sharing between objects (two names for one list is not the same state as two equal lists). Sets are
taken in sorted order (their order is an accident of hashing); lists and dicts keep theirs, because
the engine may depend on it.
"""

from __future__ import annotations

import enum
import hashlib
import random
import types
from dataclasses import fields, is_dataclass

_MAX_DEPTH = 400


def state_digest(state: object) -> str:
    """A SHA-256 of everything reachable from the state."""
    walker = _Walker()
    walker.visit(state, 0)
    text = "\x1e".join(walker.parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def state_outline(state: object) -> list[str]:
    """The digest of each top-level attribute, for finding where two states differ."""
    return [f"{name}: {state_digest(value)[:16]}" for name, value in _attributes(state)]


class _Walker:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.seen: dict[int, int] = {}
        self.alive: list[object] = []

    def write(self, *parts: str) -> None:
        self.parts.append("\x1f".join(parts))

    def visit(self, obj: object, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise RecursionError("the state is nested too deeply to digest")
        if obj is None or isinstance(obj, bool | int | float | complex | str | bytes):
            self.write(type(obj).__name__, repr(obj))
            return
        if isinstance(obj, enum.Enum):
            self.write("enum", _name(type(obj)), repr(obj.value))
            return
        if isinstance(obj, type | types.FunctionType | types.BuiltinFunctionType):
            self.write("ref", _name(obj))
            return
        key = id(obj)
        if key in self.seen:
            self.write("again", str(self.seen[key]))
            return
        self.seen[key] = len(self.seen)
        self.alive.append(obj)  # ids stay unique while the walk lasts
        self._container_or_object(obj, depth + 1)

    def _container_or_object(self, obj: object, depth: int) -> None:
        if isinstance(obj, list | tuple):
            self.write(type(obj).__name__, str(len(obj)))
            for item in obj:
                self.visit(item, depth)
        elif isinstance(obj, dict):
            self.write(type(obj).__name__, str(len(obj)))
            for name, value in obj.items():
                self.visit(name, depth)
                self.visit(value, depth)
        elif isinstance(obj, set | frozenset):
            self.write(type(obj).__name__, str(len(obj)))
            for item in sorted(state_digest(item) for item in obj):
                self.write("item", item)
        elif isinstance(obj, random.Random):
            self.write("random", _name(type(obj)))
            self.visit(obj.getstate(), depth)
            self._attributes(obj, depth)
        else:
            self.write("object", _name(type(obj)))
            self._attributes(obj, depth)

    def _attributes(self, obj: object, depth: int) -> None:
        for name, value in _attributes(obj):
            self.write("attribute", name)
            self.visit(value, depth)


_TYPE_NAMES: dict[type, frozenset[str]] = {}


def _attributes(obj: object) -> list[tuple[str, object]]:
    """An object's attributes by name: dataclass fields, slots and `__dict__` entries."""
    names = _type_names(type(obj))
    own = getattr(obj, "__dict__", None)
    ordered = sorted(names.union(own)) if own else sorted(names)
    missing = object()
    found = [(name, getattr(obj, name, missing)) for name in ordered]
    return [(name, value) for name, value in found if value is not missing]


def _type_names(cls: type) -> frozenset[str]:
    """The attribute names a class declares (slots and dataclass fields), cached per class."""
    names = _TYPE_NAMES.get(cls)
    if names is None:
        found: set[str] = set()
        for base in cls.__mro__:
            slots = base.__dict__.get("__slots__", ())
            found.update((slots,) if isinstance(slots, str) else slots)
        if is_dataclass(cls):
            found.update(f.name for f in fields(cls))
        names = _TYPE_NAMES[cls] = frozenset(found - {"__dict__", "__weakref__"})
    return names


def _name(obj: object) -> str:
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', repr(obj))}"
