"""Authoring problems with their place in the file, and the exception that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

FILE_PATH = "(file)"
"""The dotted path used for problems that concern the whole file (unreadable, not YAML, empty)."""


class Severity(StrEnum):
    """How bad an authoring problem is: an error stops the level; a warning only asks for a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One authoring problem: where it is (1-based line and column), which field, and what is wrong.

    Most problems are errors. A warning marks something the format allows on purpose but that is
    usually a slip (a ragged map row); `check --strict` treats warnings as errors.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_warning(self) -> bool:
        """Whether this is a warning rather than an error."""
        return self.severity is Severity.WARNING

    def as_error(self) -> Problem:
        """The same problem as an error (what `--strict` makes of a warning)."""
        return replace(self, severity=Severity.ERROR)

    def __str__(self) -> str:
        """The problem as `file:line:col: dotted.path: message` (`... warning: path: message`)."""
        mark = "warning: " if self.is_warning else ""
        return f"{self.file}:{self.line}:{self.column}: {mark}{self.path}: {self.message}"


class LevelError(Exception):
    """A level file has one or more problems; `problems` lists them all, sorted by place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__(format_problems(self.problems))

    def __str__(self) -> str:
        """Every problem, one per line."""
        return format_problems(self.problems)


def format_problems(problems: Iterable[Problem]) -> str:
    """The problems one per line, in the `file:line:col: path: message` format."""
    return "\n".join(str(problem) for problem in problems)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A `; did you mean 'x'?` hint for a misspelt name, or "" when nothing is close."""
    options = sorted(set(candidates))
    for option in options:
        if option.lower() == word.lower() and option != word:
            return f"; did you mean {option!r}?"
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
