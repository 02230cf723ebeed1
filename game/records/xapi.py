"""xAPI 1.0.3 statements for a session: launched, completed, passed or failed, and one per screen-out.

Statement ids are name-based UUIDs of the session's event-log hash, the trainee's account and the
statement's part, so the same session always gives the same statements: a retried push is recognised
by the LRS and never stored twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from game.records.model import SessionRecord
from game.scoring import RATING_WORDS, RULES

XAPI_VERSION = "1.0.3"

IRI = "https://rapid-response-trainer.invalid/xapi"
"""The product's own IRIs for activities and extensions (the reserved .invalid name: never resolved)."""

DEFAULT_HOMEPAGE = "https://rapid-response-trainer.invalid/trainees"
"""The trainee accounts' homePage when a department gives none (`--homepage`)."""

NAMESPACE = uuid.UUID("6f1d3c0e-5a8b-4c1e-9a63-2f7b8d4e9c10")
"""The namespace of every statement id and registration this program derives."""

VERBS = {
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
"""The ADL verbs the statements use."""

SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
OBJECTIVE = "http://adlnet.gov/expapi/activities/objective"

PASSING = ("P", "S", "M")
"""Overall ratings that count as passed: HSEEP's M still met the objective; U (and every screen-out) did not."""


def extension(name: str) -> str:
    """The IRI of one of the product's extensions."""
    return f"{IRI}/extensions/{name}"


def statements(record: SessionRecord, homepage: str = DEFAULT_HOMEPAGE) -> list[dict[str, object]]:
    """Every statement of one session, in the order they happened; [] when it cannot have any."""
    if not exportable(record):
        return []
    actor = _actor(record, homepage)
    level = _level_activity(record)
    context = _context(record, actor)
    result = _result(record)
    out = [_statement(record, actor, "launched", level, context, record.started_at, "launched")]
    titles = {rule.id: rule.title for rule in RULES}
    first = {}
    for finding in record.findings:
        if finding.category == "HF":
            first.setdefault(finding.rule, finding)
    for finding in first.values():
        objective = {
            "objectType": "Activity",
            "id": f"{IRI}/rules/{finding.rule}",
            "definition": {
                "type": OBJECTIVE,
                "name": {"en-US": f"{finding.rule} {titles.get(finding.rule, 'screen-out')}"},
                "description": {"en-US": finding.message},
            },
        }
        screen_context = {**context, "contextActivities": {"parent": [level]}}
        out.append(
            _statement(
                record,
                actor,
                "failed",
                objective,
                screen_context,
                _at(record.started_at, finding.tick / record.tick_rate),
                f"screen-out/{finding.rule}",
                {
                    "success": False,
                    "response": finding.message,
                    "extensions": {
                        extension("rule-id"): finding.rule,
                        extension("scenario-time"): finding.time,
                        extension("sources"): list(finding.sources),
                    },
                },
            )
        )
    completion = {k: v for k, v in result.items() if k != "success"}
    out.append(
        _statement(
            record, actor, "completed", level, context, record.ended_at, "completed", completion
        )
    )
    verb = "passed" if result["success"] else "failed"
    out.append(_statement(record, actor, verb, level, context, record.ended_at, verb, result))
    return out


def exportable(record: SessionRecord) -> bool:
    """Whether a session can be sent: it has a trainee (an actor) and its full assessment."""
    return record.trainee is not None and record.complete and bool(record.event_log_sha256)


def statement_id(record: SessionRecord, homepage: str, part: str) -> str:
    """The statement id of one part of a session (derived, never random)."""
    account = _account_name(record)
    return str(uuid.uuid5(NAMESPACE, f"{record.event_log_sha256}\n{homepage}\n{account}\n{part}"))


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration to the hundredth: "PT6M", "PT1H2M3.5S", "PT0S"."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    whole, fraction = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if whole or fraction or text == "PT":
        text += f"{whole}.{fraction:02d}".rstrip("0").rstrip(".") + "S"
    return text


def _statement(
    record: SessionRecord,
    actor: dict[str, object],
    verb: str,
    activity: dict[str, object],
    context: dict[str, object],
    timestamp: str,
    part: str,
    result: dict[str, object] | None = None,
) -> dict[str, object]:
    homepage = actor["account"]["homePage"]
    statement: dict[str, object] = {
        "id": statement_id(record, homepage, part),
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity,
        "context": context,
        "timestamp": timestamp,
    }
    if result is not None:
        statement["result"] = result
    return statement


def _account_name(record: SessionRecord) -> str:
    trainee = record.trainee
    return (trainee.badge or trainee.name) if trainee else ""


def _actor(record: SessionRecord, homepage: str) -> dict[str, object]:
    return {
        "objectType": "Agent",
        "name": record.trainee.name,
        "account": {"homePage": homepage, "name": _account_name(record)},
    }


def _level_activity(record: SessionRecord) -> dict[str, object]:
    return {
        "objectType": "Activity",
        "id": f"{IRI}/levels/{record.level_id}",
        "definition": {
            "type": SIMULATION,
            "name": {"en-US": record.level_title},
            "description": {
                "en-US": "Active-shooter response training scenario (first officer on scene)."
            },
        },
    }


def _context(record: SessionRecord, actor: dict[str, object]) -> dict[str, object]:
    registration = uuid.uuid5(
        NAMESPACE,
        f"{record.event_log_sha256}\n{actor['account']['homePage']}\n"
        f"{actor['account']['name']}\nregistration",
    )
    return {
        "registration": str(registration),
        "platform": "Rapid Response Trainer",
        "language": "en-US",
        "extensions": {
            extension("seed"): record.seed,
            extension("variant"): dict(record.variant),
            extension("level-sha256"): record.level_sha256,
            extension("event-log-sha256"): record.event_log_sha256,
        },
    }


def _result(record: SessionRecord) -> dict[str, object]:
    score = record.score or 0
    most = record.max_score or 0
    rules = list(dict.fromkeys(f.rule for f in record.findings))
    result: dict[str, object] = {
        "success": record.rating in PASSING,
        "completion": True,
        "duration": iso_duration(record.duration_seconds),
        "extensions": {
            extension("rule-ids"): rules,
            extension("rating"): record.rating,
            extension("rating-words"): RATING_WORDS.get(record.rating, record.rating),
            extension("hard-failures"): list(record.hard_failures),
            extension("categories"): {
                c.id: {"points": c.points, "max": c.max_points, "rating": c.rating}
                for c in record.categories
            },
        },
    }
    if most > 0:
        result["score"] = {
            "scaled": round(max(-1.0, min(1.0, score / most)), 4),
            "raw": score,
            "min": 0,
            "max": most,
        }
    return result


def _at(start: str, seconds: float) -> str:
    """An ISO UTC timestamp this many seconds after another."""
    moment = datetime.fromisoformat(start.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    return text + "Z"
