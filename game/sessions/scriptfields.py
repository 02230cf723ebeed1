"""The script format: one table of a script's fields, read by the parser, the schema and the guide.

The words a field may hold come from where they are defined, so the table cannot drift from the game:
rule ids and categories from the rubric (`game.scoring`), event types from `game.core.events`, ratings
from `game.scoring.ratings`. The commands and their conditions are in `game.sessions.commandfields`.
"""

from __future__ import annotations

import re
from dataclasses import fields

from game.core import events as core_events
from game.levels.fieldtypes import (
    Boolean,
    Bounds,
    Choice,
    Either,
    Field,
    Ident,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Pattern,
    Plain,
    Ref,
    Text,
    Time,
)
from game.scoring import CATEGORIES, NOT_SCORED, RATING_WORDS, RULES

RATINGS = ("P", "S", "M", "U")
"""Ratings from best to worst (see `game.scoring.RATING_WORDS`)."""

EVENT_TYPES: dict[str, type] = {
    name: cls
    for name, cls in vars(core_events).items()
    if isinstance(cls, type) and issubclass(cls, core_events.Event) and cls is not core_events.Event
}
"""Every event class by name, for `expect.events`."""

RULE_IDS = tuple(rule.id for rule in RULES)
"""Every rule of the rubric, for `ledger_has` / `ledger_lacks`."""
HARD_FAILURE_IDS = tuple(rule_id for rule_id in RULE_IDS if rule_id.startswith("HF"))
CATEGORY_IDS = tuple(category.id for category in CATEGORIES)
NOT_SCORED_IDS = tuple(rule_id for rule_id, _, _ in NOT_SCORED)

SHA256_TEXT = "[0-9a-f]{64}"
SHA256 = re.compile(SHA256_TEXT)
RATE_TEXT = re.compile(r"[0-9]{1,3}(\.[0-9]{1,2})?\s*%?", re.ASCII)
MAX_NOTE_CHARS = 2000
MAX_NOTES = 1000
EXAMPLE_SHA = "5d1c0b7e4a8f2c6d9e3b1a7f5c2e8d4b6a9f3c1e7d5b2a8f4c6e9d3b1a7f5c2e"
"""A made-up SHA-256 for the examples."""


def event_fields(cls: type) -> list[str]:
    """The field names of an event class, in order (`tick` first)."""
    return [f.name for f in fields(cls)]


def event_meaning(name: str) -> str:
    """What an event type records: its docstring, or its name in words, and the fields `where` may test."""
    cls = EVENT_TYPES[name]
    doc = " ".join((cls.__doc__ or "").split())
    if not doc or doc.startswith(f"{name}("):
        words = re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
        doc = words[0].upper() + words[1:] + "."
    names = [item for item in event_fields(cls) if item != "tick"]
    return f"{doc} Fields: {', '.join(names)}." if names else doc


def rule_meaning(rule: object) -> str:
    """What a rule judges, from the rubric's own row."""
    judged = rule.doctrine.split(":", 1)[1].strip() if ":" in rule.doctrine else rule.doctrine
    return f"{rule.title}: {judged}" if judged else rule.title


RATING = Choice(RATINGS, meanings=tuple(RATING_WORDS[letter] for letter in RATINGS))
CATEGORY = Choice(CATEGORY_IDS, meanings=tuple(c.title for c in CATEGORIES))
RULE = Choice(RULE_IDS, meanings=tuple(rule_meaning(rule) for rule in RULES))
HARD_FAILURE = Choice(
    HARD_FAILURE_IDS,
    meanings=tuple(rule_meaning(rule) for rule in RULES if rule.id in HARD_FAILURE_IDS),
)
EVENT_TYPE = Choice(tuple(EVENT_TYPES), meanings=tuple(map(event_meaning, EVENT_TYPES)))
DIGEST = Pattern(SHA256_TEXT, "a SHA-256: 64 lower-case hex digits")
RATE = Either(
    (Number(0, 100, exclusive_minimum=True), Pattern(RATE_TEXT.pattern, 'a percentage ("95%")')),
    'a share of seeds from 0 to 100 % ("95%" or 95)',
)

EVENT_EXPECTATION = Obj(
    "event expectation",
    "Events of one type whose fields equal the `where` values, counted in the window from `after` "
    "(inclusive) to `before` (exclusive); by default at least one must occur.",
    (
        Field("type", EVENT_TYPE, "The event type (see Event types).", "EnteredBuilding", True),
        Field(
            "where",
            MapOf(Text(), Plain()),
            "Field values the events must have, each a plain value (the type's own fields).",
            {"person": "trainee"},
            default={},
        ),
        Field("after", Time(), "Count only events from this time on.", "1:00"),
        Field("before", Time(), "Count only events before this time.", "2:00"),
        Field("never", Boolean(), "None may occur in the window.", True, default=False),
        Field("count_min", Integer(0), "At least this many.", 2, default=1),
        Field("count_max", Integer(0), "At most this many.", 3),
    ),
    example={"type": "EnteredBuilding", "where": {"person": "trainee"}, "before": "2:00"},
)

EXPECT = Obj(
    "expect",
    "What the outcome must look like; a run (or a batch) fails when any expectation does not hold.",
    (
        Field(
            "rating",
            Bounds(RATING),
            "Overall rating bounds: `S` (exactly), `{min: S}` (S or better), `{max: M}`, "
            "`{min: M, max: S}`. P is best, then S, M, U.",
            {"min": "S"},
        ),
        Field(
            "categories",
            MapOf(CATEGORY, Bounds(RATING)),
            "Per rubric category, the same bounds.",
            {"A": {"min": "S"}, "B": "P"},
            default={},
        ),
        Field("score", Bounds(Number()), "Bounds on the score.", {"min": 700}),
        Field(
            "ledger_has",
            ListOf(RULE),
            "Rule ids that must have at least one ledger entry (hard failures count).",
            ["A1", "C1"],
            default=[],
        ),
        Field(
            "ledger_lacks",
            ListOf(RULE),
            "Rule ids that must have no ledger entry.",
            ["HF2"],
            default=[],
        ),
        Field(
            "points",
            MapOf(RULE, Bounds(Integer())),
            "Bounds on the total points one rule moved.",
            {"A1": {"min": 100}, "E2": {"max": 0}},
            default={},
        ),
        Field(
            "hard_failures",
            ListOf(HARD_FAILURE),
            "The exact set of hard failures (`[]`: none).",
            [],
        ),
        Field(
            "events",
            ListOf(EVENT_EXPECTATION),
            "Events that must (or must not) occur.",
            [{"type": "ThreatStopped", "before": "6:00"}],
            default=[],
        ),
        Field(
            "casualties",
            Bounds(Integer(0)),
            "Bounds on the number of civilians wounded (each person once).",
            {"max": 6},
        ),
        Field(
            "event_log_sha256",
            DIGEST,
            "The exact event log fingerprint (pins a run byte for byte).",
            EXAMPLE_SHA,
        ),
        Field(
            "holds_on",
            RATE,
            "The least share of seeds a batch (`--seeds`) must see every other expectation hold "
            'on, in percent ("95%" or 95); a single run still checks each expectation.',
            "95%",
            default=100,
        ),
    ),
    example={"rating": {"min": "S"}, "hard_failures": []},
)

PARENT = Obj(
    "replay parent",
    "The session a retry branched from.",
    (
        Field(
            "file",
            Text(nonempty=True),
            "The original replay, relative to this file.",
            "wing_a-seed7.yaml",
            True,
        ),
        Field("tick", Integer(0), "The tick the retry branched at.", 1200, required=True),
        Field("event_log_sha256", DIGEST, "The original's event-log hash.", EXAMPLE_SHA),
    ),
)

NOTE = Obj(
    "replay note",
    "An instructor's note: a bookmark at a moment of the session.",
    (
        Field("tick", Integer(0), "When (at most `recorded`).", 1200, required=True),
        Field(
            "text",
            Text(nonempty=True),
            f"The note (at most {MAX_NOTE_CHARS} characters).",
            "Entered without waiting: good",
            required=True,
        ),
    ),
)

REPLAY = Obj(
    "replay",
    "What a saved session records about its recording (written by `run --save` and the game).",
    (
        Field(
            "level_sha256",
            DIGEST,
            "The level file's SHA-256 when it was recorded.",
            EXAMPLE_SHA,
            True,
        ),
        Field(
            "recorded",
            Integer(0),
            "Ticks the session ran; the replay runs exactly as long.",
            4801,
            required=True,
        ),
        Field("event_log_sha256", DIGEST, "The recorded event log's hash.", EXAMPLE_SHA),
        Field(
            "parent",
            PARENT,
            "The session a retry branched from (a retry only).",
            {"file": "wing_a-seed7.yaml", "tick": 1200},
        ),
        Field(
            "notes",
            ListOf(NOTE),
            f"Instructor notes, by tick (at most {MAX_NOTES}).",
            [{"tick": 1200, "text": "Entered without waiting: good"}],
            default=[],
        ),
    ),
)

SCRIPT = Obj(
    "script",
    "A Rapid Response Trainer level script: a level, a seed, commands and expectations.",
    (
        Field(
            "level",
            Text(nonempty=True),
            "The level file, relative to this script's folder.",
            "../../wing_a.yaml",
            required=True,
        ),
        Field(
            "title", Text(), "Shown in run summaries and reviews.", "Go to the gunfire", default=""
        ),
        Field(
            "seed",
            Integer(0),
            "The seed: the same level, seed and commands give the same run (`--seed` overrides).",
            7,
            default=1,
        ),
        Field(
            "variant",
            MapOf(Ident(), Ident()),
            "Fixed variant choices `{group: option}` (groups of the level); the others are drawn "
            "by the seed.",
            {"backup": "on_time"},
            default={},
        ),
        Field(
            "until",
            Time(positive=True),
            "Stop the run at this time, counted from the scenario start (absent: the level's "
            "duration; `--until` overrides).",
            "3:00",
        ),
        Field(
            "commands",
            ListOf(Ref("command")),
            "The trainee's decisions, timed or reactive (see Commands).",
            [{"at": "0:05", "do": "draw_weapon"}],
            default=[],
        ),
        Field(
            "expect",
            EXPECT,
            "What the outcome must look like (absent: just run it).",
            {"rating": {"min": "S"}, "hard_failures": []},
            default={},
        ),
        Field(
            "replay",
            REPLAY,
            "Set in a saved session (a replay).",
            {"level_sha256": EXAMPLE_SHA, "recorded": 4801},
        ),
    ),
)
"""The whole script file's top-level mapping."""
