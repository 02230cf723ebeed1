"""Safe YAML composing: nodes with their places, strict scalars, no aliases, tags, bombs or hidden text.

Only the composer runs (no constructor), so no YAML tag can build a Python object. The resolver is
our own, not YAML 1.1's: only `true`/`false` are booleans, only plain decimal `0|[1-9][0-9]*` (with an
optional sign) are integers, only `1.5`-style decimals are floats, and `~`, `null` or nothing is null.
So `no`, `yes`, `on`, `off`, `012` and `12:30` stay text. Quoted and block scalars are always text.
A number with more than `MAX_NUMBER_DIGITS` digits before the point is `OutOfRange`, never converted;
text that holds a control character, a lone surrogate or a direction override (typed as an escape
such as "\\ud800") is refused where it is written, since it cannot be shown or printed safely.

The events come from libyaml when PyYAML has it (five times faster); the pure-Python parser otherwise.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from game.levels.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_DIGITS
from game.levels.printable import HIDDEN, character_name

try:  # pragma: no branch - which parser exists depends on how PyYAML was built
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

MAX_BYTES = MAX_FILE_BYTES
"""Level files larger than this are refused before parsing (kept for callers of the old name)."""

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"

_NON_PRINTABLE = Reader.NON_PRINTABLE
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"


def resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar under the level format's rules."""
    if value in ("true", "false"):
        return BOOL_TAG
    if value in ("", "~", "null"):
        return NULL_TAG
    if value[:1] in "-+0123456789":
        if _INT.fullmatch(value):
            return INT_TAG
        if _FLOAT.fullmatch(value):
            return FLOAT_TAG
    return STR_TAG


@dataclass(frozen=True, slots=True)
class OutOfRange:
    """A number written with more digits than any field takes; kept as text, never converted."""

    text: str

    def __str__(self) -> str:
        """The number shortened: its first digits and how many there are."""
        digits = sum(c.isdigit() for c in self.text)
        return f"{self.text[:12]}… ({digits:,} digits)"


class Place(NamedTuple):
    """Where a node starts or ends: 0-based line and column, and character index."""

    line: int
    column: int
    index: int


class RefusedError(ComposerError):
    """YAML that is valid but not allowed in a level file (aliases, tags, deep nesting)."""


class UnprintableError(yaml.YAMLError):
    """The text holds a character that cannot be shown or printed safely (often: a binary file)."""

    def __init__(self, line: int, column: int, code: int, escaped: bool = False) -> None:
        self.line = line
        self.column = column
        self.code = code
        self.escaped = escaped
        name = character_name(chr(code))
        if escaped:
            message = (
                f"text with {name} (U+{code:04X}) cannot be shown or printed safely; remove it"
            )
        else:
            message = f"special character {name} (U+{code:04X}) is not allowed in a level file"
            message += " (is it a binary file?)"
        super().__init__(message)


class _PyEvents(Reader, Scanner, Parser):
    """PyYAML's pure-Python scanner and parser, as a source of events."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


EVENT_SOURCES: tuple[type, ...] = (CParser, _PyEvents) if CParser is not None else (_PyEvents,)
"""The parsers `compose` can read events from, fastest first."""


def compose(text: str, source: type | None = None, ends: bool = False) -> Node | None:
    """The document's root node (None for an empty document); raises yaml.YAMLError.

    Nodes keep where they start; with `ends`, where they end too (a third more memory)."""
    match = _NON_PRINTABLE.search(text)
    if match:
        line, column = place_of_index(text, match.start())
        raise UnprintableError(line, column, ord(match.group()))
    events = (source or EVENT_SOURCES[0])(text)
    try:
        with paused_gc():
            return _compose_events(events.get_event, ends)
    finally:
        events.dispose()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a file's many small objects are built (none form cycles);
    it otherwise rescans the growing tree again and again and doubles the time of a large file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose_events(next_event, ends: bool = False) -> Node | None:
    """Build the single document's nodes from parser events, refusing what levels may not hold.

    One loop over the events with an explicit stack (no recursion): aliases, anchors and tags are
    refused, nesting stops at MAX_DEPTH, and text with hidden characters is refused where it is.
    Each node keeps only where it starts (and ends, when asked), which is all the readers use.
    """
    next_event()  # stream start
    event = next_event()
    if type(event) is StreamEndEvent:
        return None
    document = event
    root: Node | None = None
    stack: list[list] = []  # [node, pending key or None]
    hidden = HIDDEN.search
    while True:
        event = next_event()
        kind = type(event)
        if kind is SequenceEndEvent or kind is MappingEndEvent:
            closed = stack.pop()[0]
            if ends:
                end = event.end_mark
                closed.end_mark = Place(end.line, end.column, end.index)
            if not stack:
                break
            continue
        if kind is AliasEvent or event.anchor is not None:
            raise RefusedError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed in level files; "
                "write the value out in full",
                event.start_mark,
            )
        if event.tag is not None and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise RefusedError(
                None,
                None,
                f"YAML tags such as {tag[:60]} are not allowed in level files",
                event.start_mark,
            )
        mark = event.start_mark
        place = Place(mark.line, mark.column, mark.index)
        if kind is ScalarEvent:
            value = event.value
            if (found := hidden(value)) is not None:
                raise UnprintableError(mark.line + 1, mark.column + 1, ord(found.group()), True)
            tag = resolve_plain(value) if event.implicit[0] else STR_TAG
            end = event.end_mark if ends else None
            node: Node = ScalarNode(
                tag,
                value,
                place,
                Place(end.line, end.column, end.index) if end else None,
                event.style or None,
            )
        elif kind is SequenceStartEvent:
            node = SequenceNode(SEQ_TAG, [], place, None, event.flow_style)
        else:
            node = MappingNode(MAP_TAG, [], place, None, event.flow_style)
        if stack:
            top = stack[-1]
            parent = top[0]
            if type(parent) is SequenceNode:
                parent.value.append(node)
            elif top[1] is None:
                top[1] = node
            else:
                parent.value.append((top[1], node))
                top[1] = None
        else:
            root = node
        if kind is ScalarEvent:
            if not stack:
                break
            continue
        if len(stack) >= MAX_DEPTH:
            raise RefusedError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
        stack.append([node, None])
    next_event()  # document end
    event = next_event()
    if not isinstance(event, StreamEndEvent):
        raise ComposerError(
            "expected a single document in the stream",
            document.start_mark,
            "but found another document",
            event.start_mark,
        )
    return root


def place_of_index(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character index, counting YAML's line breaks."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def source_lines(text: str) -> list[str]:
    """The text split into lines the way YAML marks count them."""
    return _LINE_BREAK.split(text)


def scalar_value(node: ScalarNode) -> object:
    """The Python value of a composed scalar: bool, int, float, None, str, or OutOfRange."""
    if node.tag == BOOL_TAG:
        return node.value == "true"
    if node.tag in (INT_TAG, FLOAT_TAG):
        whole = node.value.lstrip("+-").partition(".")[0]
        if len(whole) > MAX_NUMBER_DIGITS:
            return OutOfRange(node.value)
        return int(node.value) if node.tag == INT_TAG else float(node.value)
    if node.tag == NULL_TAG:
        return None
    return node.value


def describe(node: Node) -> str:
    """A short phrase for what the author wrote, for error messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    value = scalar_value(node)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, OutOfRange):
        return f"the number {value}"
    if isinstance(value, int | float):
        return f"the number {shorten(node.value)}"
    return f"text {shorten(value)!r}"


def shorten(text: str, limit: int = 40) -> str:
    """Text cut to a length for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
