"""Reviewing a saved session headless: retry from a moment, the timeline's markers, instructor
notes kept in the replay file, and the `replay` command's handling of bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from review_driving import saved, saved_short, shipped_run

from game.core.events import event_log_sha256
from game.scoring import assess
from game.sessions.notes import NotesError, save_notes, with_notes
from game.sessions.replay import save_replay
from game.sessions.review import (
    MarkerKind,
    final_events,
    markers,
    next_marker,
    open_review,
)
from game.sessions.runner import run_script
from game.sessions.script import ReplayNote, load_script
from main import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def view_context(tmp_path):
    from client_driving import make_context

    return make_context(tmp_path, (1024, 700))[0]


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    """A small replay (the first minute of a run) for the tests of notes and bad files."""
    return saved_short(tmp_path_factory.mktemp("short"))


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    path = saved(tmp_path_factory.mktemp("session"), "plainclothes_hallway")
    review = open_review(path)
    keys = review.keyframes()
    keys.build()
    return path, review, keys


def play_on(review, world, commands_from: int) -> None:
    """Step a branch to its end with the parent's own commands from a tick on."""
    while world.tick < review.end and not world.finished:
        given = review.commands.get(world.tick, ()) if world.tick >= commands_from else ()
        world.step(given)


def test_retrying_from_a_moment_with_no_new_commands_reproduces_the_original_log(session):
    _path, review, keys = session
    original = final_events(keys.at(keys.last_tick))
    for tick in (0, 137, 900, keys.last_tick // 2):
        branch = review.branch(keys.at(tick), original)
        assert branch.tick == tick and branch.parent.tick == tick
        assert [c.tick for c in branch.commands] == [
            t for t in sorted(review.commands) if t < tick for _ in review.commands[t]
        ]
        play_on(review, branch.world, tick)
        assert event_log_sha256(final_events(branch.world)) == review.recorded_sha256, tick


def test_retrying_after_the_last_command_and_holding_still_reproduces_the_log(session):
    _path, review, keys = session
    after = max(review.commands) + 1
    branch = review.branch(keys.at(after), final_events(keys.at(keys.last_tick)))
    world = branch.world
    while world.tick < review.end and not world.finished:
        world.step(())
    assert event_log_sha256(final_events(world)) == review.recorded_sha256


def test_a_branch_saved_as_its_own_session_names_its_parent_and_replays_exactly(session, tmp_path):
    path, review, keys = session
    branch = review.branch(keys.at(600), final_events(keys.at(keys.last_tick)))
    world = branch.world
    play_on(review, world, 600)
    events = final_events(world)
    child = tmp_path / "retries" / "branch.yaml"
    commands = list(branch.commands) + [
        (t, c) for t in sorted(review.commands) if t >= 600 for c in review.commands[t]
    ]
    save_replay(
        child,
        review.level,
        review.seed,
        world.variant,
        commands,
        world.tick,
        event_log_sha256=event_log_sha256(events),
        parent=branch.parent,
    )
    reopened = open_review(child)
    assert reopened.parent.tick == 600
    assert reopened.parent.event_log_sha256 == review.recorded_sha256
    assert Path(reopened.parent_path()) == Path(path).resolve()
    assert not Path(reopened.parent.file).is_absolute()
    assert run_script(load_script(child)).reproduced is True


def test_every_ledger_entry_and_screen_out_is_a_marker_at_its_tick(session):
    _path, review, keys = session
    events = final_events(keys.at(keys.last_tick))
    ledger = assess(review.level, events).ledger
    found = markers(review.level, events, [ReplayNote(50, "Watch the hands")])
    assert [m.tick for m in found] == sorted([e.tick for e in ledger] + [50])
    kinds = {m.rule: m.kind for m in found if m.kind is not MarkerKind.NOTE}
    for entry in ledger:
        expected = MarkerKind.SCREEN_OUT if entry.category == "HF" else MarkerKind.FINDING
        assert kinds[entry.rule] is expected
        assert any(m.text == f"{entry.rule}: {entry.message}" for m in found)
    note = next(m for m in found if m.kind is MarkerKind.NOTE)
    assert note.text == "Watch the hands" and note.tick == 50
    assert next_marker(found, 50).tick > 50 and next_marker(found, 50, forward=False).tick < 50


def test_a_screen_out_is_marked_as_one():
    result = shipped_run("plainclothes_hallway", "shoots_off_duty")
    found = markers(result.level, result.events)
    assert result.assessment.hard_failures
    assert any(m.kind is MarkerKind.SCREEN_OUT and m.rule.startswith("HF") for m in found)


def test_the_suspects_sight_of_the_trainee_is_gathered_as_spans(session):
    _path, review, keys = session
    spans = review.exposure.spans["suspect"]
    assert spans and all(first < after for first, after in spans)
    first, _after = spans[0]
    world = keys.at(first)
    suspect = world.person("suspect")
    assert world.sees(suspect, world.trainee)
    assert review.exposure.exposed_at("suspect", first)
    assert (
        review.exposure.seconds("suspect", keys.last_tick, 10) == sum(b - a for a, b in spans) / 10
    )


# -- notes -------------------------------------------------------------------------------------------


def test_notes_are_written_into_the_replay_and_everything_else_is_kept(session, tmp_path):
    path, _review, _ = session
    copy = tmp_path / "with_notes.yaml"
    text = Path(path).read_text().replace("commands:", "# the trainee's own words\ncommands:", 1)
    copy.write_text(text + "expect:\n  rating: {min: U}\n")
    notes = [ReplayNote(300, 'Good "Police!" here'), ReplayNote(120, "Slow start: café, 🚓")]
    save_notes(copy, notes)
    after = copy.read_text()
    assert "# the trainee's own words" in after and "expect:" in after
    script = load_script(copy)
    assert list(script.replay.notes) == sorted(notes, key=lambda n: n.tick)
    assert [(c.tick, c.command) for c in script.commands] == [
        (c.tick, c.command) for c in load_script(path).commands
    ]
    save_notes(copy, [])
    assert load_script(copy).replay.notes == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["with_notes.yaml"]


def test_a_failed_note_save_leaves_the_replay_as_it_was(short, tmp_path, monkeypatch):
    path = short
    copy = tmp_path / "replay.yaml"
    copy.write_bytes(Path(path).read_bytes())
    before = copy.read_bytes()

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        save_notes(copy, [ReplayNote(10, "lost")])
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["replay.yaml"]


def test_notes_are_refused_for_a_script_that_is_not_a_replay_or_would_be_invalid(short, tmp_path):
    path = short
    review = open_review(short)
    script = tmp_path / "plain.yaml"
    script.write_text("level: x.yaml\nseed: 1\n")
    with pytest.raises(NotesError, match="not a saved replay"):
        with_notes(script.read_text(), [ReplayNote(1, "x")])
    with pytest.raises(NotesError, match="level script"):
        open_review(ROOT / "levels" / "scripts" / "orientation" / "good.yaml").add_note(5, "x")
    with pytest.raises(NotesError, match="empty"):
        review.add_note(5, " \n\t ")
    copy = tmp_path / "replay.yaml"
    copy.write_bytes(Path(path).read_bytes())
    with pytest.raises(NotesError, match="valid replay"):
        save_notes(copy, [ReplayNote(review.end + 100, "after the end")])
    assert load_script(copy).replay.notes == ()


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("  notes: [{tick: 999999, text: late}]", "comes after the session ends"),
        ("  notes: [{tick: 5}]", "replay.notes[0].text: required field is missing"),
        ("  notes: [{tick: 5, text: hi, colour: red}]", "unknown field 'colour'"),
        ("  notes: {tick: 5}", "expected a list of notes"),
        ("  notes: [{tick: -1, text: x}]", "replay.notes[0].tick"),
        ("  parent: {tick: 5}", "replay.parent.file: required field is missing"),
        ("  parent: {file: a.yaml, tick: 5, event_log_sha256: nope}", "SHA-256"),
    ],
)
def test_a_bad_replay_file_gets_placed_errors_and_exit_2_without_a_traceback(
    short, tmp_path, capsys, block, message
):
    path = short
    text = Path(path).read_text().replace("replay:\n", f"replay:\n{block}\n", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    assert main(["replay", str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    line = 1 + text.splitlines().index(block)
    assert f"{bad}:{line}:" in err


@pytest.mark.parametrize(
    "content",
    [None, b"", b"\xff\xfe not text", b"level: [unclosed", b"- a list\n", b"level: missing.yaml\n"],
)
def test_replay_of_a_missing_or_broken_file_exits_2_with_its_place(tmp_path, capsys, content):
    path = tmp_path / "broken.yaml"
    if content is not None:
        path.write_bytes(content)
    assert main(["replay", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "Traceback" not in err


def test_replay_of_a_folder_and_a_bad_start_time_exit_2(tmp_path, capsys, short):
    assert main(["replay", str(tmp_path)]) == 2
    assert f"{tmp_path}:" in capsys.readouterr().err
    assert main(["replay", str(short), "--at", "soon"]) == 2
    assert "--at" in capsys.readouterr().err


def test_replay_opens_the_viewer_on_a_saved_session(short, monkeypatch, capsys):
    monkeypatch.setenv("RRT_EXIT_AFTER_FIRST_FRAME", "1")
    assert main(["replay", str(short), "--at", "0:30", "--view", "trainee"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_replay_whose_level_changed_is_reviewed_with_a_warning(short, tmp_path, view_context):
    from game.client.app import build
    from game.client.routes import ToReview

    level_file = tmp_path / "level.yaml"
    original = open_review(short).level
    level_file.write_text(Path(original.source_path).read_text() + "\n# edited\n")
    text = Path(short).read_text()
    start = text.index('level: "') + len('level: "')
    end = text.index('"', start)
    replay = tmp_path / "replay.yaml"
    replay.write_text(text[:start] + "level.yaml" + text[end:])
    review = open_review(replay)
    assert review.level_changed
    scene = build(ToReview(review), view_context)
    assert "level has changed" in scene.message
