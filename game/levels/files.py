"""Reading and writing our files safely: regular files only, bounded reads, atomic writes.

Reads never block (a FIFO or a device is refused by name before a byte is read) and never take more
than their bound, whatever the file claims its size is. Writes go to a temp file in the same folder,
are flushed and fsynced, keep the mode of the file they replace, then `os.replace` it; a temp file left
by a writer that was killed is removed by the next write to the same place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from pathlib import Path

TEMP_SUFFIX = ".rrt-tmp"
"""Our temp files end with this, so we only ever clean up our own."""

STALE_SECONDS = 24 * 60 * 60
"""A temp file of ours this old is stale even if its writer's process id is in use again."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISSOCK, "a socket"),
)


_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (unpack the level pack first)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive (unpack it first)"),
    (b"BZh", "a bzip2 archive (unpack it first)"),
    (b"\xfd7zXZ", "an xz archive (unpack it first)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (unpack it first)"),
    (b"Rar!", "a RAR archive (unpack it first)"),
    (b"%PDF", "a PDF document"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
)


class FileRefused(OSError):
    """A path that cannot be read or written as one of our files; the message says why."""


def read_bounded(path: str | Path, limit: int, noun: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused otherwise (never blocks)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:
        raise FileRefused(_reason(error)) from None
    _must_be_regular(info, noun)
    if info.st_size > limit:
        raise FileRefused(_too_big(info.st_size, limit, noun))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise FileRefused(_reason(error)) from None
    try:
        _must_be_regular(os.fstat(descriptor), noun)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise FileRefused(_reason(error)) from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileRefused(_too_big(size, limit, noun, grew=True))
    return b"".join(chunks)


def file_kind(data: bytes) -> str:
    """What a file is when its first bytes say so: "a PNG image", "a ZIP archive"...; "" otherwise."""
    return next((words for magic, words in _MAGIC if data.startswith(magic)), "")


def special_kind(path: str | Path) -> str:
    """ "a named pipe (FIFO)", "a device", ... for a path that is not a regular file; "" otherwise."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return ""
    return next((words for test, words in _KINDS if test(mode)), "")


def write_atomically(path: str | Path, content: str | bytes) -> None:
    """Write text (UTF-8, LF) or bytes to a temp file beside the target, fsync it, then os.replace it."""
    target = Path(path)
    if not target.name:
        raise FileRefused("no file name given")
    kind = special_kind(target)
    if kind:
        raise FileRefused(f"is {kind}, not a file; give the name of a file to write")
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    remove_stale_temps(target)
    temp = folder / temp_name(target.name)
    descriptor = os.open(
        temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
    )
    try:
        try:
            _keep_mode(descriptor, target)
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def temp_name(name: str) -> str:
    """A fresh temp file name for a target: hidden, with our process id and our suffix."""
    return f".{name[:80]}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def remove_stale_temps(target: str | Path) -> int:
    """Remove temp files of ours for this target whose writer is gone; returns how many."""
    target = Path(target)
    prefix = f".{target.name[:80]}."
    removed = 0
    try:
        candidates = [
            entry
            for entry in os.scandir(target.parent)
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)
        ]
    except OSError:
        return 0
    now = time.time()
    for entry in candidates:
        pid_text = entry.name[len(prefix) :].split(".")[0]
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or not pid_text.isdigit():
            continue
        if _alive(int(pid_text)) and now - info.st_mtime < STALE_SECONDS:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


def _keep_mode(descriptor: int, target: Path) -> None:
    """Give the temp file the mode of the file it replaces (new files get 0666 less the umask)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError, AttributeError, NotImplementedError):
        os.fchmod(descriptor, mode)


def _must_be_regular(info: os.stat_result, noun: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        words = next((words for test, words in _KINDS if test(info.st_mode)), "a special file")
        raise FileRefused(f"is {words}, not a {noun}")


def _too_big(size: int, limit: int, noun: str, grew: bool = False) -> str:
    amount = f"more than {limit:,}" if grew else f"{size:,}"
    return f"the file is {amount} bytes; a {noun} is limited to {limit:,} bytes"


def _reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "cannot read the file: no such file"
    if isinstance(error, OSError):
        return f"cannot read the file: {error.strerror or error}"
    return f"cannot read the file: {error}"


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
