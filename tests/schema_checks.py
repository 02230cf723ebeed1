"""Script files checked against the committed script schema, each file once per test session."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from game.sessions.schema import SCHEMA_PATH


def _commands_by_name(one_of: list) -> dict[str, dict] | None:
    """Each branch of a `oneOf` by the command name its required `do` allows, or None if not so built."""
    table: dict[str, dict] = {}
    for branch in one_of:
        try:
            names = branch["properties"]["do"]["enum"]
            named = branch["type"] == "object" and "do" in branch["required"]
        except (KeyError, TypeError):
            return None
        if not named or any(not isinstance(name, str) or name in table for name in names):
            return None
        table.update(dict.fromkeys(names, branch))
    return table


@cache
def schema_validator() -> jsonschema.protocols.Validator:
    """The committed script schema's validator (the schema itself checked once).

    A `oneOf` whose branches each require a distinct `do` name (the commands) is checked on the branch
    the instance names first: every other branch fails on `do`, so the instance fits the `oneOf`
    exactly when it fits that branch. Otherwise, and whenever that branch fails, the standard `oneOf`
    runs, so the errors are the standard ones.
    """
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    standard = cls.VALIDATORS["oneOf"]
    tables: dict[int, tuple[list, dict[str, dict] | None]] = {}

    def one_of(validator, one_of, instance, subschema):
        if id(one_of) not in tables:
            tables[id(one_of)] = (one_of, _commands_by_name(one_of))
        table = tables[id(one_of)][1]
        if table and isinstance(instance, dict) and isinstance(instance.get("do"), str):
            branch = table.get(instance["do"])
            if branch is not None and validator.evolve(schema=branch).is_valid(instance):
                return
        yield from standard(validator, one_of, instance, subschema)

    return jsonschema.validators.extend(cls, {"oneOf": one_of})(schema)


@cache
def schema_objection(path: Path) -> str:
    """What the schema says against a script file (its most relevant error), or "" when it fits."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(schema_validator().iter_errors(document))
    return "" if error is None else f"{path.name}: {error.json_path}: {error.message}"
