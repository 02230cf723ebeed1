"""The JSON Schema and the guide's field reference are generated from the field table and current."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from game.levels.fields import LEVEL
from game.levels.fieldtypes import NO_DEFAULT, Field, ListOf, MapOf, Obj
from game.levels.guide import END, START, reference_markdown, update_guide
from game.levels.schema import DRAFT_07, SCHEMA_PATH, level_schema, schema_text
from game.levels.validate import INVALID, Context, validate
from game.levels.yamlsafe import compose

ROOT = Path(__file__).resolve().parents[1]


def all_objects(spec: Obj) -> list[Obj]:
    """Every mapping spec in the table, each once."""
    found = [spec]
    for item in spec.fields:
        inner = item.type
        while isinstance(inner, ListOf | MapOf):
            inner = inner.item if isinstance(inner, ListOf) else inner.value
        if isinstance(inner, Obj):
            found += [obj for obj in all_objects(inner) if all(obj is not f for f in found)]
    return found


def built_fields() -> list[tuple[Obj, Field]]:
    """(spec, field) for every field with a default whose spec builds a dataclass."""
    return [
        (spec, item)
        for spec in all_objects(LEVEL)
        if dataclasses.is_dataclass(spec.build)
        for item in spec.fields
        if item.default is not NO_DEFAULT
    ]


def test_the_committed_schema_equals_the_generated_one() -> None:
    assert SCHEMA_PATH == ROOT / "schema" / "level.schema.json"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m game.levels.schema"
    )


def test_the_schema_is_draft_07_json_describing_every_top_level_field() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == DRAFT_07
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == {item.name for item in LEVEL.fields}
    assert set(schema["required"]) == {"id", "title", "briefing", "map", "trainee"}


def test_every_schema_property_has_a_description() -> None:
    def walk(node: object) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("description"), name
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(level_schema())


def test_the_guide_reference_equals_the_generated_one() -> None:
    guide = (ROOT / "levels" / "README.md").read_text(encoding="utf-8")
    assert START in guide and END in guide
    assert guide == update_guide(guide), "run: python -m game.levels.guide"


def test_the_guide_reference_documents_every_field_of_every_mapping() -> None:
    reference = reference_markdown()
    for spec in all_objects(LEVEL):
        assert f"### {spec.name}" in reference
        for item in spec.fields:
            assert f"| `{item.name}` |" in reference


def test_every_field_below_the_top_level_has_a_doc_and_an_example() -> None:
    for spec in all_objects(LEVEL)[1:]:
        for item in spec.fields:
            assert item.doc.endswith(".") and item.example is not None, (spec.name, item.name)


@pytest.mark.parametrize(
    ("spec", "item"), built_fields(), ids=lambda value: getattr(value, "name", "")
)
def test_each_documented_default_matches_the_dataclass_default(spec: Obj, item: Field) -> None:
    text = json.dumps({"value": item.default})
    node = compose(text).value[0][1]
    ctx = Context("defaults")
    value = validate(node, item.type, item.name, ctx)
    assert value is not INVALID, ctx.problems
    declared = {f.name: f for f in dataclasses.fields(spec.build)}[item.target]
    default = (
        declared.default_factory() if declared.default is dataclasses.MISSING else declared.default
    )
    if isinstance(default, tuple):
        value = tuple(value)
    assert value == default


def test_every_shipped_level_fits_the_committed_schema():
    import json

    import jsonschema
    import yaml

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "schema" / "level.schema.json").read_text(encoding="utf-8"))
    levels = sorted((root / "levels").glob("*.yaml"))
    assert levels
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    for path in levels:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
