"""Generate the script JSON Schema (draft-07) for editors; `python -m game.sessions.schema`.

The schema checks shapes only (field names, types, command names and their fields); `load_script`
also checks everything against the level (zones, people, variants, tiles) and the rubric.
"""

from __future__ import annotations

import json
import sys
from dataclasses import MISSING, fields
from pathlib import Path

from game.core.commands import PACES, RADIO_KINDS, REQUESTS, SHOTS_STATUS, SUSPECT_STATUS, Radio
from game.levels.schema import DRAFT_07
from game.sessions.script import CATEGORY_IDS, EVENT_TYPES, HARD_FAILURE_IDS, RATINGS, RULE_IDS
from game.sessions.scriptcommands import COMMANDS, script_keys
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
    if cls is not Radio:
        required += [f.name for f in fields(cls) if f.default is MISSING and f.name in properties]
    else:
        required.append("kind")
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        "oneOf": [{"required": ["at"]}, {"required": ["tick"]}],
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
        },
    }


if __name__ == "__main__":
    sys.exit(main())
