"""Generate the level JSON Schema (draft-07) from the field table; `python -m game.levels.schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.core.clock import TIME_TEXT
from game.levels.fields import LEVEL
from game.levels.fieldtypes import (
    NO_DEFAULT,
    Area,
    Boolean,
    Bounds,
    Choice,
    Either,
    Field,
    FieldType,
    FloorRef,
    Ident,
    Integer,
    LevelName,
    ListOf,
    MapOf,
    Number,
    Obj,
    Pattern,
    Plain,
    Point,
    Ref,
    Rows,
    Seconds,
    Symbol,
    Text,
    Time,
    When,
)
from game.levels.validate import IDENT

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "level.schema.json"
"""Where the generated schema is committed."""

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def level_schema() -> dict:
    """The whole level file's JSON Schema as a dict."""
    schema = {
        "$schema": DRAFT_07,
        "$id": "level.schema.json",
        "title": "Rapid Response Trainer level",
    }
    schema.update(type_schema(LEVEL))
    return schema


def schema_text() -> str:
    """The schema as the committed file's text."""
    return json.dumps(level_schema(), indent=2, ensure_ascii=False) + "\n"


def type_schema(kind: FieldType) -> dict:
    """The JSON Schema of one field type."""
    tiles = {"type": "integer", "minimum": 0}
    ident = {"type": "string", "pattern": f"^{IDENT.pattern}$"}
    match kind:
        case Text(nonempty=nonempty):
            return {"type": "string", "minLength": 1} if nonempty else {"type": "string"}
        case Ident():
            return ident
        case Symbol():
            return {"type": "string", "minLength": 1, "maxLength": 1}
        case Integer(minimum=lo, maximum=hi):
            return _bounded({"type": "integer"}, lo, hi)
        case Number(minimum=lo, maximum=hi, exclusive_minimum=True):
            return _bounded({"type": "number", "exclusiveMinimum": lo}, None, hi)
        case Number(minimum=lo, maximum=hi):
            return _bounded({"type": "number"}, lo, hi)
        case Seconds(positive=positive):
            return (
                {"type": "number", "exclusiveMinimum": 0}
                if positive
                else {"type": "number", "minimum": 0}
            )
        case Boolean():
            return {"type": "boolean"}
        case Time(positive=positive):
            whole = {"type": "integer", "minimum": 1 if positive else 0}
            return {"oneOf": [{"type": "string", "pattern": f"^{TIME_TEXT.pattern}$"}, whole]}
        case Choice(values=values, meanings=()):
            return {"type": "string", "enum": list(values)}
        case Choice(values=values, meanings=meanings):
            words = zip(values, meanings, strict=True)
            return {"oneOf": [{"const": word, "description": doc} for word, doc in words]}
        case LevelName():
            return {"type": "string", "minLength": 1}
        case Pattern(regex=regex):
            return {"type": "string", "pattern": f"^{regex}$"}
        case Plain():
            return {"type": ["string", "number", "boolean", "null"]}
        case Bounds(item=item):
            one = type_schema(item)
            pair = {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {"min": one, "max": one},
            }
            return {"oneOf": [one, pair]}
        case Either(options=options):
            return {"anyOf": [type_schema(option) for option in options]}
        case Ref(name=name):
            return {"$ref": f"#/definitions/{name}"}
        case Point():
            return {"type": "array", "items": tiles, "minItems": 2, "maxItems": 2}
        case Area():
            return {"type": "array", "items": tiles, "minItems": 4, "maxItems": 4}
        case FloorRef():
            return {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]}
        case Rows():
            lines = {"type": "array", "items": {"type": "string"}, "minItems": 1}
            return {"oneOf": [{"type": "string"}, lines]}
        case When():
            options = {"oneOf": [ident, {"type": "array", "items": ident, "minItems": 1}]}
            return {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": ident,
                "additionalProperties": options,
            }
        case ListOf(item=item, min_items=least):
            schema = {"type": "array", "items": type_schema(item)}
            return schema | ({"minItems": least} if least else {})
        case MapOf(key=key, value=value):
            return {
                "type": "object",
                "propertyNames": type_schema(key),
                "additionalProperties": type_schema(value),
            }
        case Obj():
            return object_schema(kind)
    raise TypeError(f"no schema for {kind!r}")


def main() -> int:
    """Write the schema to schema/level.schema.json."""
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


def object_schema(spec: Obj) -> dict:
    """The schema of a mapping with known fields."""
    schema: dict = {
        "type": "object",
        "description": spec.doc,
        "additionalProperties": False,
        "properties": {item.name: field_schema(item) for item in spec.fields},
    }
    required = [item.name for item in spec.fields if item.required]
    if required:
        schema["required"] = required
    if spec.one_of:
        schema["oneOf"] = [{"required": [name]} for name in spec.one_of]
    if spec.needs:
        schema["dependencies"] = {name: [needed] for name, needed in spec.needs}
    return schema


def field_schema(item: Field) -> dict:
    """The schema of one field: its type plus description, default and example."""
    schema = type_schema(item.type)
    extra: dict = {"description": item.doc}
    if item.default is not NO_DEFAULT:
        extra["default"] = item.default
    if item.example is not None:
        extra["examples"] = [item.example]
    if isinstance(item.type, Obj):
        schema = dict(schema)
        schema.pop("description")
    return extra | schema


def _bounded(schema: dict, lo: float | None, hi: float | None) -> dict:
    """A numeric schema with optional bounds."""
    if lo is not None:
        schema["minimum"] = lo
    if hi is not None:
        schema["maximum"] = hi
    return schema


if __name__ == "__main__":
    sys.exit(main())
