"""Safe YAML composing: nodes with their places, strict scalars, no aliases, tags or bombs.

Only the composer runs (no constructor), so no YAML tag can build a Python object. The resolver is
our own, not YAML 1.1's: only `true`/`false` are booleans, only plain decimal `0|[1-9][0-9]*` (with an
optional sign) are integers, only `1.5`-style decimals are floats, and `~`, `null` or nothing is null.
So `no`, `yes`, `on`, `off`, `012` and `12:30` stay text. Quoted and block scalars are always text.
"""

from __future__ import annotations

import re

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

MAX_BYTES = 2 * 1024 * 1024
"""Level files larger than this are refused before parsing."""

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings a level file may use."""

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


class RefusedError(ComposerError):
    """YAML that is valid but not allowed in a level file (aliases, tags, deep nesting)."""


class SafeComposer(Reader, Scanner, Parser, Composer, StrictResolver):
    """Composes one YAML document into nodes; refuses anchors, aliases, tags and deep nesting."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        StrictResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        """Compose one node after refusing aliases, anchors, explicit tags and deep nesting."""
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
                f"YAML tags such as {tag} are not allowed in level files",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RefusedError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(text: str) -> Node | None:
    """The document's root node (None for an empty document); raises yaml.YAMLError."""
    match = _NON_PRINTABLE.search(text)
    if match:
        line, column = place_of_index(text, match.start())
        raise UnprintableError(line, column, ord(match.group()))
    composer = SafeComposer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


class UnprintableError(yaml.YAMLError):
    """The text holds a control character YAML does not allow (often: a binary file)."""

    def __init__(self, line: int, column: int, code: int) -> None:
        self.line = line
        self.column = column
        super().__init__(
            f"special character U+{code:04X} is not allowed in a level file (is it a binary file?)"
        )


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
    """The Python value of a composed scalar: bool, int, float, None or str."""
    if node.tag == BOOL_TAG:
        return node.value == "true"
    if node.tag == INT_TAG:
        return int(node.value)
    if node.tag == FLOAT_TAG:
        return float(node.value)
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
    if isinstance(value, int | float):
        return f"the number {node.value}"
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"text {shown!r}"
