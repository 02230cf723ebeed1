"""What commands print: unsafe characters escaped, and output that cannot be written said once, status 2."""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest

from game.levels import console
from game.levels.console import OutputError, finish, say
from main import main


class Full(io.StringIO):
    """A stream on a full disk: every write (or flush) fails."""

    def __init__(self, fail_on: str = "write") -> None:
        super().__init__()
        self.fail_on = fail_on

    def write(self, text: str) -> int:
        if self.fail_on == "write":
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(text)

    def flush(self) -> None:
        if self.fail_on == "flush":
            raise OSError(errno.ENOSPC, "No space left on device")


def test_say_escapes_what_a_terminal_would_obey(capsys):
    say("title \x1b[2J here\nsecond\tline \u202e")
    assert capsys.readouterr().out == "title \\x1b[2J here\nsecond\tline \\u202e\n"


def test_say_replaces_what_the_terminal_cannot_encode(monkeypatch):
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", out)
    say("café ✓")
    out.flush()
    assert out.buffer.getvalue() == b"caf? ?\n"


@pytest.mark.parametrize("fail_on", ["write", "flush"])
def test_a_stream_that_cannot_be_written_is_an_output_error(monkeypatch, fail_on):
    monkeypatch.setattr(sys, "stdout", Full(fail_on))
    with pytest.raises(OutputError, match="cannot write to standard output: No space left"):
        say("x")
        finish()
    monkeypatch.setattr(sys, "stderr", Full(fail_on))
    with pytest.raises(OutputError, match="standard error"):
        say("x", err=True)


def test_a_closed_pipe_is_left_to_the_caller(monkeypatch):
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(BrokenPipeError):
        say("x")


def test_no_stream_at_all_is_quietly_nothing(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    say("x")
    finish()


def test_main_reports_output_it_could_not_write_and_exits_2(monkeypatch, capsys, tmp_path):
    level = tmp_path / "x.yaml"
    level.write_text((Path(__file__).parent / "fixtures" / "minimal_level.yaml").read_text())
    silenced = []
    monkeypatch.setattr(console, "silence_output", lambda: silenced.append(True))
    monkeypatch.setattr("game.levels.console.silence_output", lambda: silenced.append(True))
    monkeypatch.setattr(sys, "stdout", Full("flush"))
    assert main(["check", str(level)]) == 2
    assert silenced
    assert "check: cannot write to standard output" in capsys.readouterr().err


def test_silencing_a_stream_without_a_descriptor_does_nothing(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    console.silence_output()


def test_printable_text_is_cut_and_kept_on_one_line():
    from game.levels.printable import printable

    assert printable("a\tb\nc") == "a\\tb\\nc"
    assert printable("x" * 50, limit=10) == "x" * 9 + "…"


def test_any_printer_fails_the_same_clear_way_inside_guarded_output(monkeypatch):
    from game.levels.console import GuardedStream, guarded_output

    monkeypatch.setattr(sys, "stdout", Full("flush"))
    with guarded_output():
        print("buffered", flush=False)
        with pytest.raises(OutputError, match="standard output"):
            print("and flushed", flush=True)
        assert isinstance(sys.stdout, GuardedStream) and sys.stdout.getvalue()
    assert isinstance(sys.stdout, Full)

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    guarded = GuardedStream(Closed(), "standard output")
    with pytest.raises(BrokenPipeError):
        guarded.write("x")
    with pytest.raises(BrokenPipeError):
        guarded.flush()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    with guarded_output():
        assert sys.stdout is None and sys.stderr is None
