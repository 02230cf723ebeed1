"""A pure-Python check of xAPI 1.0.3 statement shape, the rules an LRS enforces on what we send.

`problems(statement)` lists every violation as "path: what is wrong"; an empty list means the statement
has the shape the specification requires (Data.md sections 2.4 and 4). The push refuses to send a
statement with problems, and the tests run it on machines without a real LRS.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

STATEMENT_KEYS = frozenset(
    {
        "id",
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "timestamp",
        "stored",
        "authority",
        "version",
        "attachments",
    }
)
RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration", "extensions"})
CONTEXT_KEYS = frozenset(
    {
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    }
)
CONTEXT_ACTIVITY_KEYS = frozenset({"parent", "grouping", "category", "other"})
DEFINITION_KEYS = frozenset(
    {
        "name",
        "description",
        "type",
        "moreInfo",
        "extensions",
        "interactionType",
        "correctResponsesPattern",
        "choices",
        "scale",
        "source",
        "target",
        "steps",
    }
)
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_IRL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def problems(statement: object) -> list[str]:
    """Everything wrong with one statement's shape ([] when it is a valid xAPI 1.0.3 statement)."""
    out: list[str] = []
    if not isinstance(statement, dict):
        return ["statement: not an object"]
    _unknown(statement, STATEMENT_KEYS, "statement", out)
    for key in ("actor", "verb", "object"):
        if key not in statement:
            out.append(f"statement: missing {key}")
    if "id" in statement:
        _uuid(statement["id"], "id", out)
    if "actor" in statement:
        _agent(statement["actor"], "actor", out)
    if "verb" in statement:
        _verb(statement["verb"], out)
    if "object" in statement:
        _object(statement["object"], "object", out)
    if "result" in statement:
        _result(statement["result"], out)
    if "context" in statement:
        _context(statement["context"], statement.get("object"), out)
    if "timestamp" in statement:
        _timestamp(statement["timestamp"], "timestamp", out)
    return out


def batch_problems(statements: Iterable[object]) -> list[str]:
    """Every problem of a batch, each prefixed with the statement's index; duplicate ids too."""
    out: list[str] = []
    seen: set[object] = set()
    for index, statement in enumerate(statements):
        out += [f"[{index}] {p}" for p in problems(statement)]
        sid = statement.get("id") if isinstance(statement, dict) else None
        if sid is not None:
            if sid in seen:
                out.append(f"[{index}] id: {sid} appears twice in one batch")
            seen.add(sid)
    return out


def _unknown(value: dict, allowed: frozenset[str], where: str, out: list[str]) -> None:
    for key in value:
        if key not in allowed:
            out.append(f"{where}: unknown property {key!r}")


def _uuid(value: object, where: str, out: list[str]) -> None:
    try:
        parsed = uuid.UUID(str(value))
    except ValueError:
        out.append(f"{where}: not a UUID")
        return
    if not isinstance(value, str) or str(parsed) != value.lower():
        out.append(f"{where}: a UUID must be written in its canonical form")


def _iri(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, str) or not _IRI.match(value):
        out.append(f"{where}: not an absolute IRI")


def _language_map(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        out.append(f"{where}: a language map must be a non-empty object")
        return
    for tag, text in value.items():
        if not isinstance(tag, str) or not _LANGUAGE.match(tag):
            out.append(f"{where}: {tag!r} is not a language tag")
        if not isinstance(text, str):
            out.append(f"{where}.{tag}: not a string")


def _extensions(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: extensions must be an object")
        return
    for key in value:
        _iri(key, f"{where}[{key!r}]", out)


def _agent(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: not an object")
        return
    kind = value.get("objectType", "Agent")
    if kind not in ("Agent", "Group"):
        out.append(f"{where}.objectType: must be Agent or Group")
    found = [ifi for ifi in IFIS if ifi in value]
    if kind == "Agent" and len(found) != 1:
        out.append(f"{where}: an Agent needs exactly one identifier of {', '.join(IFIS)}")
    _unknown(value, frozenset({"objectType", "name", "member", *IFIS}), where, out)
    if "name" in value and not isinstance(value["name"], str):
        out.append(f"{where}.name: not a string")
    if "mbox" in value and not str(value["mbox"]).startswith("mailto:"):
        out.append(f"{where}.mbox: must be a mailto: IRI")
    if "account" in value:
        account = value["account"]
        if not isinstance(account, dict):
            out.append(f"{where}.account: not an object")
            return
        _unknown(account, frozenset({"homePage", "name"}), f"{where}.account", out)
        if not isinstance(account.get("homePage"), str) or not _IRL.match(account["homePage"]):
            out.append(f"{where}.account.homePage: must be an http(s) URL")
        if not isinstance(account.get("name"), str) or not account["name"]:
            out.append(f"{where}.account.name: must be a non-empty string")


def _verb(value: object, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append("verb: not an object")
        return
    _unknown(value, frozenset({"id", "display"}), "verb", out)
    _iri(value.get("id"), "verb.id", out)
    if "display" in value:
        _language_map(value["display"], "verb.display", out)


def _object(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: not an object")
        return
    kind = value.get("objectType", "Activity")
    if kind != "Activity":
        if kind in ("Agent", "Group"):
            _agent(value, where, out)
        elif kind not in ("StatementRef", "SubStatement"):
            out.append(f"{where}.objectType: unknown {kind!r}")
        return
    _unknown(value, frozenset({"objectType", "id", "definition"}), where, out)
    _iri(value.get("id"), f"{where}.id", out)
    definition = value.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        out.append(f"{where}.definition: not an object")
        return
    _unknown(definition, DEFINITION_KEYS, f"{where}.definition", out)
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], f"{where}.definition.{key}", out)
    if "type" in definition:
        _iri(definition["type"], f"{where}.definition.type", out)
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{where}.definition.extensions", out)


def _result(value: object, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append("result: not an object")
        return
    _unknown(value, RESULT_KEYS, "result", out)
    for key in ("success", "completion"):
        if key in value and not isinstance(value[key], bool):
            out.append(f"result.{key}: must be true or false")
    if "response" in value and not isinstance(value["response"], str):
        out.append("result.response: not a string")
    if "duration" in value and (
        not isinstance(value["duration"], str) or not _DURATION.match(value["duration"])
    ):
        out.append("result.duration: not an ISO 8601 duration")
    if "extensions" in value:
        _extensions(value["extensions"], "result.extensions", out)
    if "score" in value:
        _score(value["score"], out)


def _score(score: object, out: list[str]) -> None:
    if not isinstance(score, dict):
        out.append("result.score: not an object")
        return
    _unknown(score, frozenset({"scaled", "raw", "min", "max"}), "result.score", out)
    numbers = {}
    for key in ("scaled", "raw", "min", "max"):
        if key in score:
            if isinstance(score[key], bool) or not isinstance(score[key], int | float):
                out.append(f"result.score.{key}: not a number")
            else:
                numbers[key] = score[key]
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        out.append("result.score.scaled: must lie between -1 and 1")
    low, high = numbers.get("min"), numbers.get("max")
    if low is not None and high is not None and not low < high:
        out.append("result.score: min must be less than max")
    raw = numbers.get("raw")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        out.append("result.score.raw: must lie between min and max")


def _context(value: object, activity: object, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append("context: not an object")
        return
    _unknown(value, CONTEXT_KEYS, "context", out)
    if "registration" in value:
        _uuid(value["registration"], "context.registration", out)
    is_activity = (
        isinstance(activity, dict) and activity.get("objectType", "Activity") == "Activity"
    )
    for key in ("revision", "platform"):
        if key in value:
            if not isinstance(value[key], str):
                out.append(f"context.{key}: not a string")
            if not is_activity:
                out.append(f"context.{key}: allowed only when the object is an Activity")
    if "language" in value and (
        not isinstance(value["language"], str) or not _LANGUAGE.match(value["language"])
    ):
        out.append("context.language: not a language tag")
    if "extensions" in value:
        _extensions(value["extensions"], "context.extensions", out)
    activities = value.get("contextActivities")
    if activities is None:
        return
    if not isinstance(activities, dict):
        out.append("context.contextActivities: not an object")
        return
    _unknown(activities, CONTEXT_ACTIVITY_KEYS, "context.contextActivities", out)
    for key, items in activities.items():
        listed = items if isinstance(items, list) else [items]
        for index, item in enumerate(listed):
            _object(item, f"context.contextActivities.{key}[{index}]", out)


def _timestamp(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        out.append(f"{where}: not an ISO 8601 timestamp with a time zone")
