"""What a trainee's name and badge number may hold: printable text of a sensible length, nothing hidden."""

from __future__ import annotations

import unicodedata

MAX_NAME = 80
MAX_BADGE = 32
BADGE_PUNCTUATION = " -/._#"
"""Besides letters and digits, the characters a badge or employee number may hold."""


def check_name(text: str) -> str:
    """The trainee's name, trimmed; ValueError with the reason when it cannot be one."""
    name = " ".join(str(text).split())
    if not name:
        raise ValueError("a trainee's name cannot be empty")
    if len(name) > MAX_NAME:
        raise ValueError(f"a trainee's name is at most {MAX_NAME} characters (got {len(name)})")
    bad = _unprintable(name)
    if bad:
        raise ValueError(f"a trainee's name cannot hold the character {bad}")
    return name


def check_badge(text: str) -> str:
    """The badge or employee number, trimmed (may be empty); ValueError when it cannot be one."""
    badge = " ".join(str(text).split())
    if len(badge) > MAX_BADGE:
        raise ValueError(f"a badge number is at most {MAX_BADGE} characters (got {len(badge)})")
    for char in badge:
        if not (char.isalnum() or char in BADGE_PUNCTUATION) or _unprintable(char):
            raise ValueError(
                f"a badge number holds letters, digits and {BADGE_PUNCTUATION.strip()!s} only "
                f"(got {_shown(char)})"
            )
    return badge


def _unprintable(text: str) -> str:
    """The first character that is a control, a surrogate, unassigned or a bidirectional override."""
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or char in _BIDI_OVERRIDES:
            return _shown(char)
    return ""


_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(char: str) -> str:
    """A character as the error shows it: U+0007 for an invisible one."""
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"
