"""Writing to the terminal or a log: unsafe characters escaped, and a failed write as `OutputError`.

Commands print through `say`, so `run --json > /dev/full` or a closed log ends with a clear message
and exit status 2 instead of a traceback (`main.py` catches `OutputError` and calls `finish`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from game.levels.printable import printable


class OutputError(Exception):
    """Standard output or standard error could not be written (a full disk, a closed log...)."""

    def __init__(self, stream: str, error: OSError) -> None:
        self.stream = stream
        super().__init__(f"cannot write to {stream}: {error.strerror or error}")


def say(text: str, err: bool = False) -> None:
    """Print one or more lines to stdout (stderr with `err`); raises OutputError if they cannot go."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    lines = printable(text, limit=10_000_000, one_line=False)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    shown = lines.encode(encoding, errors="replace").decode(encoding, errors="replace")
    try:
        print(shown, file=stream)
        if err:
            stream.flush()
    except (BrokenPipeError, OutputError):
        raise
    except OSError as error:
        raise OutputError("standard error" if err else "standard output", error) from None


class GuardedStream:
    """A text stream whose failed writes and flushes raise OutputError (a full disk, a closed log),
    so output printed anywhere, by any module, fails the same clear way."""

    def __init__(self, stream: object, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        """Write text; OutputError when it cannot be written."""
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(self._name, error) from None

    def flush(self) -> None:
        """Flush; OutputError when what was written cannot go out."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(self._name, error) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Within the block, stdout and stderr raise OutputError when they cannot be written."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:
        sys.stdout = GuardedStream(sys.stdout, "standard output")
    if sys.stderr is not None:
        sys.stderr = GuardedStream(sys.stderr, "standard error")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def finish() -> None:
    """Flush stdout and stderr; raises OutputError if what was printed could not be written."""
    for name, stream in (("standard output", sys.stdout), ("standard error", sys.stderr)):
        if stream is None:
            continue
        try:
            stream.flush()
        except (BrokenPipeError, OutputError):
            raise
        except OSError as error:
            raise OutputError(name, error) from None


def silence_output() -> None:
    """Point stdout and stderr at the null device, so nothing fails again when Python exits."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            descriptor = os.open(os.devnull, os.O_WRONLY)
            os.dup2(descriptor, stream.fileno())
            os.close(descriptor)
