"""Script files checked against the committed script schema, each file once per test session."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from game.sessions.schema import SCHEMA_PATH


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@cache
def schema_objection(path: Path) -> str:
    """What the schema says against a script file (its most relevant error), or "" when it fits."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(_validator().iter_errors(document))
    return "" if error is None else f"{path.name}: {error.json_path}: {error.message}"
