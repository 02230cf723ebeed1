"""Generate the script JSON Schema (draft-07) for editors; `python -m game.sessions.schema`.

The schema checks shapes only (field names, types, command names and their fields); `load_script`
also checks everything against the level (zones, people, variants, tiles) and the rubric.
"""

from __future__ import annotations

import json
import sys
from dataclasses import MISSING, fields
from pathlib import Path

from game.core.commands import (
    PACES,
    RADIO_KINDS,
    REQUESTS,
    SHOTS_STATUS,
    SUSPECT_STATUS,
    Fire,
    MoveTo,
    Radio,
)
from game.levels.schema import DRAFT_07
from game.sessions.conditions import FLAGS, TARGETS, Looks
from game.sessions.script import CATEGORY_IDS, EVENT_TYPES, HARD_FAILURE_IDS, RATINGS, RULE_IDS
from game.sessions.scriptcommands import COMMANDS, script_keys
from game.sessions.scriptreactive import DIRECTIONS
from game.sessions.times import TIME_TEXT

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "script.schema.json"
"""Where the generated schema is committed."""

TIME = {
    "oneOf": [
        {"type": "string", "pattern": f"^{TIME_TEXT.pattern}$"},
        {"type": "integer", "minimum": 0},
    ]
}
TEXT = {"type": "string"}
TILE = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
FLOOR = {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]}
CONDITION = {"$ref": "#/definitions/condition"}


def condition_schema() -> dict:
    """A reactive command's condition: a word, a time, or a one-key mapping (`game.sessions.conditions`)."""
    looks = {"type": "string", "enum": [looks.value for looks in Looks]}
    one = {
        "sees": looks,
        "heard": {"const": "gunfire"},
        "radio": {"type": "string", "minLength": 1},
        "zone": TEXT,
        "door_locked": {"oneOf": [{"type": "boolean"}, TILE]},
        "after": TIME,
        "all": {"type": "array", "minItems": 1, "items": CONDITION},
        "any": {"type": "array", "minItems": 1, "items": CONDITION},
        "not": CONDITION,
    }
    mappings = []
    for key, kind in one.items():
        properties = {key: kind}
        if key in ("sees", "heard"):
            properties["within"] = TIME if key == "heard" else {"type": "number", "minimum": 0}
        mappings.append(
            {
                "type": "object",
                "additionalProperties": False,
                "required": [key],
                "properties": properties,
            }
        )
    words = {
        "type": "string",
        "enum": list(FLAGS),
        "description": "; ".join(f"{k}: {v}" for k, v in FLAGS.items()),
    }
    return {"oneOf": [words, TIME, *mappings]}


def script_schema() -> dict:
    """The whole script file's JSON Schema as a dict."""
    rating = {"type": "string", "enum": list(RATINGS)}
    return {
        "$schema": DRAFT_07,
        "$id": "script.schema.json",
        "title": "Rapid Response Trainer level script",
        "type": "object",
        "additionalProperties": False,
        "required": ["level"],
        "definitions": {"condition": condition_schema()},
        "properties": {
            "level": {"type": "string", "description": "The level file, relative to this script."},
            "title": TEXT,
            "seed": {"type": "integer", "minimum": 0},
            "variant": {"type": "object", "additionalProperties": TEXT},
            "until": TIME,
            "commands": {"type": "array", "items": {"oneOf": [_command(n) for n in COMMANDS]}},
            "expect": _expect(rating),
            "replay": {
                "type": "object",
                "additionalProperties": False,
                "required": ["level_sha256", "recorded"],
                "properties": {
                    "level_sha256": TEXT,
                    "recorded": {"type": "integer", "minimum": 0},
                    "event_log_sha256": TEXT,
                    "parent": {
                        "type": "object",
                        "description": "The session this retry branched from.",
                        "additionalProperties": False,
                        "required": ["file", "tick"],
                        "properties": {
                            "file": TEXT,
                            "tick": {"type": "integer", "minimum": 0},
                            "event_log_sha256": TEXT,
                        },
                    },
                    "notes": {
                        "type": "array",
                        "description": "Instructor notes: bookmarks at moments of the session.",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["tick", "text"],
                            "properties": {
                                "tick": {"type": "integer", "minimum": 0},
                                "text": TEXT,
                            },
                        },
                    },
                },
            },
        },
    }


def schema_text() -> str:
    """The schema as the committed file's text."""
    return json.dumps(script_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    """Write the schema to schema/script.schema.json."""
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


def _command(name: str) -> dict:
    """One command's schema: `at` or `tick`, `do: NAME` and its own fields."""
    cls = COMMANDS[name]
    properties: dict = {
        "at": TIME,
        "tick": {"type": "integer", "minimum": 0},
        "do": {"const": name},
    }
    required = ["do"]
    for key in script_keys(cls):
        properties[key] = _field(key)
    if cls is MoveTo:
        properties["person"] = {
            "type": "string",
            "enum": list(TARGETS),
            "description": "Walk to the nearest person of a kind in view (decided when given).",
        }
    if cls is Fire:
        properties |= {"tile": TILE, "floor": FLOOR}
        properties["direction"] = {
            "type": "string",
            "enum": list(DIRECTIONS),
            "description": "Fire a round in a compass direction instead of at a person.",
        }
    if cls is not Radio:
        required += [f.name for f in fields(cls) if f.default is MISSING and f.name in properties]
    else:
        required.append("kind")
    if cls is Fire:
        required.remove("target")
    properties |= {
        "when": CONDITION | {"description": "Given only while this holds (waits until it does)."},
        "until": CONDITION | {"description": "Stops for good once this holds."},
        "every": {
            "oneOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string"}],
            "description": 'Repeat period in seconds ("1", 0.5 or "m:ss").',
        },
    }
    timed = {"anyOf": [{"required": ["at"]}, {"required": ["tick"]}]}
    reactive = {"anyOf": [{"required": [key]} for key in ("when", "until", "every")]}
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        "not": {"required": ["at", "tick"]},
        "anyOf": [timed, reactive],
    }


def _field(key: str) -> dict:
    """The schema of one command field, by its name."""
    match key:
        case "dx" | "dy":
            return {"type": "integer", "minimum": -1, "maximum": 1}
        case "tile":
            return TILE
        case "floor":
            return FLOOR
        case "pace":
            return {"type": "string", "enum": list(PACES)}
        case "kind":
            return {"type": "string", "enum": list(RADIO_KINDS)}
        case "shots":
            return {"type": "string", "enum": list(SHOTS_STATUS)}
        case "status":
            return {"type": "string", "enum": list(SUSPECT_STATUS)}
        case "requests":
            return {"oneOf": [TEXT, {"type": "array", "items": {"enum": list(REQUESTS)}}]}
    return TEXT  # zones, people, the other radio slots (RADIO_SLOTS) and exit zones


def _bounds(kind: dict) -> dict:
    """A value, or `{min, max}` of values."""
    pair = {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {"min": kind, "max": kind},
    }
    return {"oneOf": [kind, pair]}


def _expect(rating: dict) -> dict:
    """The schema of `expect:`."""
    rules = {"type": "array", "items": {"type": "string", "enum": list(RULE_IDS)}}
    event = {
        "type": "object",
        "additionalProperties": False,
        "required": ["type"],
        "properties": {
            "type": {"type": "string", "enum": sorted(EVENT_TYPES)},
            "where": {"type": "object"},
            "after": TIME,
            "before": TIME,
            "never": {"type": "boolean"},
            "count_min": {"type": "integer", "minimum": 0},
            "count_max": {"type": "integer", "minimum": 0},
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "rating": _bounds(rating),
            "categories": {
                "type": "object",
                "propertyNames": {"enum": list(CATEGORY_IDS)},
                "additionalProperties": _bounds(rating),
            },
            "score": _bounds({"type": "number"}),
            "ledger_has": rules,
            "ledger_lacks": rules,
            "points": {
                "type": "object",
                "propertyNames": {"enum": list(RULE_IDS)},
                "additionalProperties": _bounds({"type": "integer"}),
            },
            "hard_failures": {"type": "array", "items": {"enum": list(HARD_FAILURE_IDS)}},
            "events": {"type": "array", "items": event},
            "casualties": _bounds({"type": "integer", "minimum": 0}),
            "event_log_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "holds_on": {
                "description": "The least share of seeds a batch (--seeds) must see every other "
                'expectation hold on, in percent ("95%" or 95); default 100.',
                "oneOf": [
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
                    {"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?\\s*%?$"},
                ],
            },
        },
    }


if __name__ == "__main__":
    sys.exit(main())
