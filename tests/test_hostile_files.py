"""Hostile and careless files get a placed problem or a safe success, in bounded memory, never a crash."""

from __future__ import annotations

import json
import os
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from game.client.settings import load_settings
from game.levels import LevelError, check_paths, load_level, parse_level
from game.levels.errors import Problem
from game.levels.limits import (
    MAX_DURATION_SECONDS,
    MAX_ITEMS,
    MAX_MAP_SIDE,
    MAX_MAP_TILES,
    MAX_PEOPLE,
    MAX_PROBLEMS,
)
from game.levels.printable import HIDDEN
from game.levels.yamlsafe import EVENT_SOURCES, compose
from game.records.store import RecordsStore
from game.sessions.script import load_script, parse_script

TESTS = Path(__file__).parent
MINIMAL = (TESTS / "fixtures" / "minimal_level.yaml").read_text(encoding="utf-8")
SESSIONS = TESTS / "fixtures" / "sessions"


def level_with(old: str, new: str) -> bytes:
    """The minimal level with one piece of text replaced."""
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1).encode("utf-8")


def problems(data: bytes, name: str = "hostile.yaml") -> list[Problem]:
    """The problems of a level that must not load; the peak memory of reading it stays small."""
    tracemalloc.start()
    try:
        with pytest.raises(LevelError) as caught:
            parse_level(data, name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 96 * 2**20
    found = caught.value.problems
    assert found and all(p.line >= 1 and p.column >= 1 for p in found)
    assert all("\n" not in str(p) and not HIDDEN.search(str(p)) for p in found)
    return list(found)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("id: minimal", "id: " + "9" * 5000, "id"),
        ("count: 12", "count: " + "9" * 5000, "civilians[0].count"),
        ("count: 12", "count: -" + "9" * 4400, "civilians[0].count"),
        ("breach_seconds: 8", "breach_seconds: " + "9" * 309 + ".5", "breach_seconds"),
        ("fire_interval: 2.5", "fire_interval: " + "9" * 309 + ".0", "fire_interval"),
        ("accuracy: 0.4", "accuracy: 0." + "4" * 100_000, None),
        ("area: [2, 2, 9, 2]", "area: [2, 2, 9, " + "9" * 5000 + "]", "zones[1].area"),
        ("weight: 2", "weight: " + "9" * 20, "weight"),
        ("count: 12", "count: 012" + "0" * 5000, "civilians[0].count"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_a_number_with_too_many_digits_is_a_placed_problem_not_a_crash(old, new, where):
    data = level_with(old, new)
    if where is None:
        assert parse_level(data, "long_decimal.yaml").suspects[0].accuracy == pytest.approx(
            0.4444, rel=1e-3
        )
        return
    found = problems(data)
    assert any(where in p.path for p in found)
    assert all(len(str(p)) < 400 for p in found)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('duration: "15:00"', 'duration: "99999999999:00"'),
        ('duration: "15:00"', 'duration: "' + "9" * 5000 + ':00"'),
        ('duration: "15:00"', "duration: 3601"),
        ('first_shot: "0:20"', 'first_shot: "60:01"'),
        ("breach_seconds: 8", "breach_seconds: 3600.5"),
        ("fire_interval: 2.5", "fire_interval: 99999"),
    ],
)
def test_no_time_lies_beyond_the_longest_duration(old, new):
    found = problems(level_with(old, new))
    assert any("60:00" in p.message for p in found)


def test_the_longest_duration_itself_is_allowed():
    level = parse_level(level_with('duration: "15:00"', 'duration: "60:00"'), "long.yaml")
    assert level.duration == MAX_DURATION_SECONDS * 10


@pytest.mark.parametrize(
    "escape",
    ["\\ud800", "\\udfff", "\\e[2J", "\\0", "\\x07", "\\u202e", "\\x85", "\\L", "\\uffff", "\\r"],
)
@pytest.mark.parametrize("source", EVENT_SOURCES, ids=lambda s: s.__name__)
def test_text_that_cannot_be_shown_is_refused_where_it_is_written(escape, source):
    text = MINIMAL.replace('title: "Minimal: one corridor"', f'title: "Bad {escape} title"')
    with pytest.raises(Exception) as caught:
        compose(text, source)
    assert caught.type.__module__.startswith("yaml") or "Error" in caught.type.__name__
    found = problems(text.encode())
    assert [(p.line, p.path) for p in found] == [(3, "(file)")]


def test_a_hidden_character_in_a_key_or_a_file_name_is_never_printed_raw():
    found = problems(level_with("scoring:", '"sco\\u001bring":'), "evil\x1b[2J\u202e.yaml")
    shown = str(found[0])
    assert "\x1b" not in shown and "\u202e" not in shown and "\\x1b" in shown


def test_a_map_is_bounded_by_its_tiles_before_the_floors_are_padded():
    wide = "        " + "#" * 900 + "\n"
    tall = "".join("        #\n" for _ in range(900))
    text = MINIMAL.replace(
        "      rows: |\n        #####\n        #...#\n",
        f"      rows: |\n{wide}    - name: Second\n      rows: |\n{tall}",
    )
    found = problems(text.encode())
    assert [p.path for p in found] == ["map.floors"]
    assert f"{MAX_MAP_TILES:,} tiles" in found[0].message and "padded" in found[0].message


def test_one_very_long_row_is_refused_at_its_row():
    text = MINIMAL.replace(
        "        #####\n        #...#\n", "        #####\n        " + "." * 1_000_000 + "\n"
    )
    (found,) = problems(text.encode())
    assert (found.line, found.column, found.path) == (24, 9, "map.floors[1].rows")
    assert f"at most {MAX_MAP_SIDE:,}" in found.message


def test_too_many_floors_rows_people_and_items_are_refused():
    floors = "".join(f"    - {{name: F{i}, rows: ['#.#']}}\n" for i in range(25))
    text = MINIMAL.replace("  floors:\n", "  floors:\n" + floors)
    assert any("at most 20 floors" in p.message for p in problems(text.encode()))
    crowd = MINIMAL.replace("count: 12", "count: 1999").replace(
        "civilians:\n", "civilians:\n  - {id: more, spawn: {zone: corridor}, count: 5}\n"
    )
    (found,) = problems(crowd.encode())
    assert found.path == "civilians" and f"at most {MAX_PEOPLE:,}" in found.message
    legend = "".join(f"    '{chr(0x4E00 + i)}': {{kind: floor}}\n" for i in range(MAX_ITEMS + 1))
    text = MINIMAL.replace("  legend:\n", "  legend:\n" + legend)
    assert any(f"at most {MAX_ITEMS:,} entries" in p.message for p in problems(text.encode()))


def test_a_flood_of_problems_stops_at_the_limit_with_a_note():
    flood = "".join(f"unknown_{i}: 1\n" for i in range(20_000))
    found = problems(MINIMAL.encode() + flood.encode())
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].message.startswith(f"stopped after {MAX_PROBLEMS} problems")


def test_a_long_field_name_or_text_is_refused_without_being_quoted():
    found = problems(MINIMAL.encode() + b'? "' + b"k" * 200_000 + b'"\n: 1\n')
    assert "200,000 characters" in found[0].message and "kkkkkkkk" not in str(found[0])
    found = problems(level_with('title: "Minimal: one corridor"', 'title: "' + "t" * 30_000 + '"'))
    assert "30,000 characters" in found[0].message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40, "a program"),
        (b"root:x:0:0:root:/root:/bin/bash\nsecret:$6$hash:19000:0:99999:7:::\n", "not a level"),
        (b"root:x:0:0:root:/root:/bin/bash\nsecret:x:1:1:secret:/home:/bin/sh\n", "holds text"),
        (b"services:\n  web:\n    image: secret-registry/app\n", "none of its 1 top-level keys"),
        (b"[1, 2, 3]\n", "holds a list"),
        (b"just: [broken\nsecret stuff here\n", "no line starts with a level field"),
    ],
    ids=["png", "elf", "shadow", "passwd", "compose", "list", "broken-yaml"],
)
def test_a_file_that_is_not_a_level_is_named_for_what_it_is_and_never_quoted(data, what):
    (found,) = problems(data, "not_a_level.yaml")
    assert what in found.message and found.message.startswith("this is not a level file")
    assert "secret" not in str(found) and "root" not in str(found)


def test_a_zip_of_levels_says_to_unpack_it(tmp_path):
    pack = tmp_path / "pack.yaml"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("level.yaml", MINIMAL)
    (found,) = problems(pack.read_bytes(), str(pack))
    assert "ZIP archive (unpack the level pack first)" in found.message


def test_a_script_naming_a_file_that_is_not_a_level_never_quotes_it(tmp_path):
    private = tmp_path / "passwd"
    private.write_text("root:x:0:0:secret-password:/root:/bin/bash\n")
    script = tmp_path / "s.yaml"
    script.write_text(f"level: {private}\n")
    with pytest.raises(LevelError) as caught:
        load_script(script)
    assert "secret" not in str(caught.value) and "root:x" not in str(caught.value)
    assert "this is not a level file" in str(caught.value)


def special_files(folder: Path) -> dict[str, str]:
    """A link to /dev/zero, a FIFO and a folder, all named like levels: name -> what it is."""
    made = {"folder.yaml": "a folder"}
    (folder / "folder.yaml").mkdir()
    if Path("/dev/zero").exists():
        (folder / "zero.yaml").symlink_to("/dev/zero")
        made["zero.yaml"] = "a device"
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
        made["pipe.yaml"] = "a named pipe (FIFO)"
    return made


def test_special_files_are_refused_by_name_without_reading_or_blocking(tmp_path):
    for name, what in special_files(tmp_path).items():
        with pytest.raises(LevelError, match=re.escape(f"is {what}, not a level file")):
            load_level(tmp_path / name)
        with pytest.raises(LevelError, match=re.escape(f"is {what}, not a script")):
            load_script(tmp_path / name)


def test_check_of_a_folder_reports_special_files_and_hidden_files_are_not_levels(tmp_path):
    (tmp_path / "good.yaml").write_text(MINIMAL)
    (tmp_path / "._good.yaml").write_bytes(b"\x00\x05\x16\x07 AppleDouble junk")
    made = special_files(tmp_path)
    levels, found = check_paths([str(tmp_path)])
    assert [level.id for level in levels] == ["minimal"]
    reported = {Path(p.file).name: p.message for p in found}
    assert set(reported) == set(made) - {"folder.yaml"}
    assert all(what in reported[name] for name, what in made.items() if name in reported)


@pytest.mark.parametrize(
    "files", [{}, {"notes.yaml": "commands: []\n", "other.txt": "x"}], ids=["empty", "no-levels"]
)
def test_checking_a_folder_without_levels_fails_instead_of_saying_all_good(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    levels, found = check_paths([str(tmp_path)])
    assert not levels and len(found) == 1 and found[0].message.startswith("no level files")


def test_a_script_or_a_replay_too_large_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"level: x\n# " + b"x" * (3 * 2**20) + b"\n")
    with pytest.raises(LevelError, match="a script is limited to"):
        load_script(big)
    big.write_bytes(b"# Rapid Response Trainer replay\n# " + b"x" * (5 * 2**20) + b"\n")
    with pytest.raises(LevelError, match="a script or replay is limited to"):
        load_script(big)


def test_hostile_scripts_give_placed_problems():
    good = (SESSIONS / "good.yaml").read_text()
    for hostile in (
        "seed: " + "9" * 5000,
        "seed: 4294967296",
        'until: "99999999:00"',
        "commands:\n  - {tick: " + "9" * 5000 + ", do: draw_weapon}",
        'commands:\n  - {at: "' + "9" * 5000 + ':00", do: draw_weapon}',
        "expect: {score: {min: " + "9" * 400 + ".0}}",
        'title: "\\ud800"',
        "expect:\n  events:\n    - {type: ShotFired, where: {tick: " + "9" * 5000 + "}}",
    ):
        text = "\n".join(
            line for line in good.splitlines() if not line.startswith(hostile.split(":")[0] + ":")
        )
        with pytest.raises(LevelError) as caught:
            parse_script((text + "\n" + hostile + "\n").encode(), str(SESSIONS / "hostile.yaml"))
        assert all(p.line >= 1 and len(str(p)) < 400 for p in caught.value.problems)


def test_deep_or_absurd_settings_fall_back_to_defaults(tmp_path):
    defaults = load_settings(tmp_path / "nowhere")
    (tmp_path / "settings.json").write_text("[" * 100_000 + "]" * 100_000)
    assert load_settings(tmp_path) == defaults
    absurd = {"window": [10**100, True], "text_size": 1e308, "volume": float("nan")}
    absurd["bindings"] = {"cover": [["nested"], "x" * 5000, "q\u202e", "k", "l", "m", "n", "o"]}
    (tmp_path / "settings.json").write_text(json.dumps(absurd))
    settings = load_settings(tmp_path)
    assert settings.window == defaults.window and settings.volume == defaults.volume
    assert settings.text_size == 1.5 and settings.bindings["cover"] == ["k", "l", "m", "n"]
    (tmp_path / "settings.json").write_text(json.dumps({"window": [10**9, 10**9]}))
    assert load_settings(tmp_path).window == (7680, 4320)


def test_a_hostile_earlier_records_file_imports_only_what_makes_sense(tmp_path):
    legacy = tmp_path / "records.json"
    with RecordsStore(tmp_path / "records.sqlite3") as store:
        legacy.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)
        assert store.import_legacy(legacy) == 0
        legacy.unlink()
        if hasattr(os, "mkfifo"):
            os.mkfifo(legacy)
            assert store.import_legacy(legacy) == 0
            legacy.unlink()
        legacy.write_bytes(b'{"pad": "' + b"x" * (5 * 2**20) + b'"}')
        assert store.import_legacy(legacy) == 0
        entries = {"wing_a": {"score": 80, "rating": "S", "seed": 3}}
        entries |= {"\ud800": {"score": 1, "rating": "P", "seed": 1}}
        entries |= {"esc\u001b[2J": {"score": 1, "rating": "P", "seed": 1}}
        legacy.write_text(json.dumps(entries))
        assert store.import_legacy(legacy) == 1
        assert [s.level_id for s in store.sessions()] == ["wing_a"]


def test_settings_that_are_a_fifo_or_huge_are_ignored(tmp_path):
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "settings.json")
        assert load_settings(tmp_path) == load_settings(tmp_path / "nowhere")
        os.unlink(tmp_path / "settings.json")
    (tmp_path / "settings.json").write_bytes(
        b'{"volume": 0.1, "pad": "' + b"x" * (5 * 2**20) + b'"}'
    )
    assert load_settings(tmp_path).volume == 0.7


@pytest.mark.parametrize(
    ("rows", "line", "column"),
    [
        ("rows: |\n" + "        #\n" * (MAX_MAP_SIDE + 1), 22, 13),
        ("rows: ['#', '" + "." * (MAX_MAP_SIDE + 1) + "']", 22, 19),
        ("rows: '" + "." * (MAX_MAP_SIDE + 1) + "'", 22, 13),
    ],
    ids=["too-many-rows", "long-row-in-a-list", "long-row-quoted"],
)
def test_map_limits_are_placed_however_the_rows_are_written(rows, line, column):
    text = MINIMAL.replace("rows: |\n        #####\n        #...#\n", rows + "\n")
    (found,) = problems(text.encode())
    assert (found.line, found.column) == (line, column) and found.path == "map.floors[1].rows"


def test_a_folder_that_cannot_be_listed_or_holds_a_list_is_reported(tmp_path, monkeypatch):
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    levels, found = check_paths([str(tmp_path)])
    assert [p.message.split(":")[0] for p in found] == ["this is not a level file"]

    def unlistable(self):
        raise PermissionError("denied")

    monkeypatch.setattr(Path, "iterdir", unlistable)
    levels, found = check_paths([str(tmp_path)])
    assert not levels and found[0].message.startswith("no level files in this folder")


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("map.tmj", b'{"tiledversion": "1.10", "layers": [], "tilewidth": 32}', "a Tiled map"),
        ("schema.json", b'{"$schema": "x", "properties": {}}', "a JSON Schema"),
        ("list.json", b"[1, 2]", "a .json file"),
        ("broken.json", b'{"a": ', "a .json file"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "a .json file"),
        ("map.tmx", b'<?xml version="1.0"?><map tiledversion="1.10"></map>', "a Tiled map"),
        ("page.xml", b'<?xml version="1.0"?><html></html>', "an XML file"),
        ("notes.txt", b"shopping: [milk]\nbread\n  : ]", "a .txt file"),
        ("session.yaml", b"level: x.yaml\nreplay: {recorded: 1}\n", "a saved session"),
        ("s.yaml", b"level: x.yaml\ncommands: []\n", "a script (it has `level:`, `commands:`)"),
        ("empty.yaml", b"{}\n", "a YAML mapping of 0 keys"),
    ],
)
def test_check_names_what_a_file_given_by_mistake_is(tmp_path, name, data, what):
    from game.levels.identify import identify

    path = tmp_path / name
    path.write_bytes(data)
    kind = identify(path)
    assert not kind.is_level and kind.message().startswith(f"this is {what}")
    assert identify(tmp_path / "none.yaml").is_level


def test_identify_never_reads_a_special_or_huge_file(tmp_path):
    from game.levels.identify import identify, identify_bytes

    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        assert identify(tmp_path / "pipe.yaml").is_level
    assert identify_bytes(b"x" * (3 * 2**20), "big.yaml").is_level
    assert identify_bytes(b"\xff\xfe\x00", "bad.yaml").is_level
    assert identify_bytes(b"- a\n- b\n", "list.yaml").is_level


def test_a_legacy_records_file_with_an_odd_date_still_imports(tmp_path, monkeypatch):
    from game.records.legacy import legacy_sessions

    entries = b'{"wing_a": {"score": 80, "rating": "S", "seed": 3}, "b": {"score": 1e300, "rating": "P", "seed": 1}}'
    assert [r.level_id for r in legacy_sessions(entries, tmp_path / "missing.json")] == ["wing_a"]
    assert list(legacy_sessions(b"[1]", tmp_path / "x.json")) == []


def test_zones_are_bounded_by_the_tiles_they_cover_in_all():
    from game.levels.limits import MAX_ZONE_TILES

    rows = "".join("        " + "." * 300 + "\n" for _ in range(300))
    zones = "".join(
        f"  - {{id: z{i}, name: Z, kind: exit, area: [0, 0, 299, 299]}}\n" for i in range(4)
    )
    text = (
        "id: x\ntitle: X\nbriefing: B\nmap:\n  floors:\n    - name: G\n      rows: |\n"
        f"{rows}zones:\n{zones}trainee:\n  spawn: {{zone: z0}}\n"
    )
    (found,) = problems(text.encode())
    assert found.path == "zones" and f"at most {MAX_ZONE_TILES:,}" in found.message
    assert "360,000 tiles" in found.message


@pytest.mark.parametrize(
    "case", sorted((TESTS / "broken_levels").glob("*.yaml")), ids=lambda p: p.stem
)
def test_both_yaml_parsers_place_every_broken_level_alike(case):
    import yaml

    text = case.read_bytes().decode("utf-8", errors="replace")
    places = []
    for source in EVENT_SOURCES:
        try:
            root = compose(text, source)
            places.append(("ok", root.start_mark[:2] if root is not None else None))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            places.append(("error", (mark.line, mark.column)))
        except yaml.YAMLError as error:
            places.append(("error", (error.line, error.column)))
    assert len(set(places)) == 1, places
