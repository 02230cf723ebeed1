"""Text that is safe to show and print: which characters are hidden or unsafe, and how to neutralise them.

A level or script holding such a character is refused where it is written (see `yamlsafe`); text from
elsewhere (file names, settings, records) is escaped before it reaches a terminal or a log
(`printable`), and replaced before it reaches a font (`displayable`).
"""

from __future__ import annotations

import re

HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters text may not hold: controls (tab and newline aside), line and paragraph separators,
direction overrides and isolates, surrogates and non-characters."""

_UNSAFE_ON_ONE_LINE = re.compile(HIDDEN.pattern[:-1] + "\t\n]")

REPLACEMENT = "\ufffd"

_NAMES = {"\x00": "a NUL byte", "\x1b": "ESC (terminal control)", "\r": "a carriage return"}


def printable(text: str, limit: int = 2_000, one_line: bool = True) -> str:
    """Text for a terminal or a log: hidden characters as \\x / \\u escapes (tabs and newlines too
    when `one_line`), cut to `limit` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    pattern = _UNSAFE_ON_ONE_LINE if one_line else HIDDEN
    return pattern.sub(_escape, text) if pattern.search(text) else text


def displayable(text: str) -> str:
    """Text for a font: each hidden character (and tab or newline) replaced by U+FFFD."""
    if _UNSAFE_ON_ONE_LINE.search(text):
        text = _UNSAFE_ON_ONE_LINE.sub(lambda m: " " if m.group() == "\t" else REPLACEMENT, text)
    return text


def character_name(char: str) -> str:
    """A readable name for a character that cannot be shown."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "a text-direction control"
    if char in "\u2028\u2029\x85":
        return "a line separator"
    return _NAMES.get(char, "a control character" if code < 0xA0 else "a non-character")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if match.group() in "\t\n":
        return {"\t": "\\t", "\n": "\\n"}[match.group()]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
