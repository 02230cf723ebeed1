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

import re
from dataclasses import dataclass

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
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


class StrictResolver(BaseResolver):
    """Resolves plain scalars with the level format's rules, not YAML 1.1's."""


StrictResolver.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|false)$"), list("tf"))
StrictResolver.add_implicit_resolver(
    INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
StrictResolver.add_implicit_resolver(
    FLOAT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-+0123456789")
)
StrictResolver.add_implicit_resolver(NULL_TAG, re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


@dataclass(frozen=True, slots=True)
class OutOfRange:
    """A number written with more digits than any field takes; kept as text, never converted."""

    text: str

    def __str__(self) -> str:
        """The number shortened: its first digits and how many there are."""
        digits = sum(c.isdigit() for c in self.text)
        return f"{self.text[:12]}… ({digits:,} digits)"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a node starts: 0-based line and column and character index (all a node keeps)."""

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


class _Guard(Composer):
    """Composes nodes after refusing aliases, anchors, explicit tags, deep nesting and hidden text."""

    def _setup(self) -> None:
        Composer.__init__(self)
        StrictResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        """Compose one node; keep only where it starts."""
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise RefusedError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed in level files; "
                "write the value out in full",
                event.start_mark,
            )
        is_node_event = isinstance(event, ScalarEvent | SequenceStartEvent | MappingStartEvent)
        if is_node_event and event.tag not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise RefusedError(
                None,
                None,
                f"YAML tags such as {tag[:60]} are not allowed in level files",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RefusedError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                )
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        mark = node.start_mark
        node.start_mark = Place(mark.line, mark.column, mark.index)
        node.end_mark = None
        if isinstance(node, ScalarNode) and (hidden := HIDDEN.search(node.value)):
            raise UnprintableError(mark.line + 1, mark.column + 1, ord(hidden.group()), True)
        return node


class PySafeComposer(Reader, Scanner, Parser, _Guard, StrictResolver):
    """The guarded composer over PyYAML's pure-Python scanner and parser."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._setup()


if CParser is not None:

    class CSafeComposer(CParser, _Guard, StrictResolver):
        """The guarded composer over libyaml's events."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._setup()

    SafeComposer: type = CSafeComposer
else:  # pragma: no cover
    SafeComposer = PySafeComposer


def compose(text: str, composer: type | None = None) -> Node | None:
    """The document's root node (None for an empty document); raises yaml.YAMLError."""
    match = _NON_PRINTABLE.search(text)
    if match:
        line, column = place_of_index(text, match.start())
        raise UnprintableError(line, column, ord(match.group()))
    reader = (composer or SafeComposer)(text)
    try:
        return _Guard.get_single_node(reader)
    finally:
        reader.dispose()


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
