"""Our one reader and one writer of files: regular files only, bounded, never blocking, atomic."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from game.levels import files
from game.levels.files import (
    TEMP_SUFFIX,
    FileRefused,
    file_kind,
    read_bounded,
    remove_stale_temps,
    special_kind,
    write_atomically,
)


def test_a_regular_file_is_read_whole_within_its_bound(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(FileRefused, match="the file is 101 bytes; a level file is limited to 100"):
        path.write_bytes(b"x" * 101)
        read_bounded(path, 100, "level file")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_that_says_it_is_empty_but_is_not_is_still_bounded():
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(FileRefused, match="more than 10 bytes"):
        read_bounded("/proc/self/status", 10)
    assert b"Name:" in read_bounded("/proc/self/status", 1 << 20)


def test_files_that_cannot_be_read_say_why(tmp_path, monkeypatch):
    with pytest.raises(FileRefused, match="no such file"):
        read_bounded(tmp_path / "none.yaml", 10)
    with pytest.raises(FileRefused, match="cannot read the file: embedded null"):
        read_bounded("a\0b.yaml", 10)
    path = tmp_path / "a.yaml"
    path.write_text("x")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(FileRefused, match="cannot read the file: Permission denied"):
        read_bounded(path, 10)
    monkeypatch.undo()

    def broken_read(descriptor, size):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "read", broken_read)
    with pytest.raises(FileRefused, match="Input/output error"):
        read_bounded(path, 10)


def test_a_file_swapped_for_a_pipe_after_it_was_checked_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("x")
    fifo = os.stat(os.devnull)
    monkeypatch.setattr(os, "fstat", lambda descriptor: fifo)
    with pytest.raises(FileRefused, match="is a device, not a file"):
        read_bounded(path, 10)


def test_a_special_file_is_named_for_what_it_is(tmp_path):
    assert special_kind(tmp_path) == "a folder"
    assert special_kind(tmp_path / "none") == ""
    assert special_kind(os.devnull) == "a device"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "p")
        assert special_kind(tmp_path / "p") == "a named pipe (FIFO)"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x1f\x8b\x08", "a gzip archive"),
        (b"%PDF-1.7", "a PDF document"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"id: level", ""),
    ],
)
def test_a_file_kind_is_told_by_its_first_bytes(data, kind):
    assert file_kind(data).startswith(kind)


def test_writing_refuses_no_name_and_special_targets(tmp_path):
    with pytest.raises(FileRefused, match="no file name"):
        write_atomically(Path(""), "x")
    with pytest.raises(FileRefused, match="is a folder, not a file"):
        write_atomically(tmp_path, "x")
    with pytest.raises(FileRefused, match="is a device"):
        write_atomically(os.devnull, "x")


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    real_write, calls = os.write, []

    def short_then_full(descriptor, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(descriptor, bytes(data[:3]))

    monkeypatch.setattr(os, "write", short_then_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new content")
    assert target.read_text() == "old" and calls[0] == len("new content")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_a_mode_that_cannot_be_kept_does_not_stop_the_write(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    target.chmod(0o600)

    def no_chmod(descriptor, mode):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", no_chmod)
    write_atomically(target, "new")
    assert target.read_text() == "new"


def test_stale_temp_cleaning_only_touches_our_own_dead_writers(tmp_path, monkeypatch):
    target = tmp_path / "s.yaml"
    ours_dead = tmp_path / f".s.yaml.999999999.ab{TEMP_SUFFIX}"
    not_a_pid = tmp_path / f".s.yaml.notapid.ab{TEMP_SUFFIX}"
    folder_like = tmp_path / f".s.yaml.1.ab{TEMP_SUFFIX}"
    old_alive = tmp_path / f".s.yaml.{os.getpid()}.cd{TEMP_SUFFIX}"
    for path in (ours_dead, not_a_pid, old_alive):
        path.write_text("half")
    folder_like.mkdir()
    os.utime(old_alive, (0, 0))
    assert remove_stale_temps(target) == 2
    assert not ours_dead.exists() and not old_alive.exists()
    assert not_a_pid.exists() and folder_like.exists()
    assert remove_stale_temps(tmp_path / "missing" / "x.yaml") == 0

    def not_ours_to_signal(pid, signal):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "kill", not_ours_to_signal)
    assert files._alive(1)


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", b"{}")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
