"""Check a script's expectations against a run: each result says whether it held, and the evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from game.core.events import Event, event_to_dict, event_type
from game.scoring import RATING_WORDS
from game.sessions.script import EventExpectation, Expect
from game.sessions.times import clock

if TYPE_CHECKING:
    from game.sessions.runner import Casualties


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation checked: what was expected, whether it held, and what the run showed."""

    ok: bool
    expected: str
    evidence: str
    line: int = 0

    @property
    def message(self) -> str:
        """The result in one line, e.g. `rating at least S: got M (Marginal), score 512`."""
        return f"{self.expected}: {self.evidence}"

    def as_dict(self) -> dict[str, object]:
        """The result as a JSON-ready dict."""
        return {
            "ok": self.ok,
            "message": self.message,
            "expected": self.expected,
            "evidence": self.evidence,
            "line": self.line,
        }


def check(
    expect: Expect,
    events: Sequence[Event],
    assessment: object,
    casualties: Casualties,
    event_log_sha256: str,
) -> list[ExpectationResult]:
    """Every expectation of a script checked against one run, in the order the format lists them."""
    results: list[ExpectationResult] = []
    if expect.rating is not None:
        rating = assessment.rating
        results.append(
            ExpectationResult(
                expect.rating.holds(rating),
                f"rating {expect.rating.text()}",
                f"got {rating} ({assessment.rating_words}), score {assessment.score}",
                expect.rating.line,
            )
        )
    for category_id, bounds in expect.categories:
        results.append(_category(category_id, bounds, assessment))
    if expect.score is not None:
        results.append(
            ExpectationResult(
                expect.score.holds(assessment.score),
                f"score {expect.score.text()}",
                f"got {assessment.score}",
                expect.score.line,
            )
        )
    found = _rules_found(assessment)
    for rule, line in expect.ledger_has:
        lines = found.get(rule, [])
        evidence = "; ".join(lines) if lines else _missing_rule(rule, found)
        results.append(ExpectationResult(bool(lines), f"ledger has {rule}", evidence, line))
    for rule, line in expect.ledger_lacks:
        lines = found.get(rule, [])
        evidence = "; ".join(lines) if lines else "not in the ledger"
        results.append(ExpectationResult(not lines, f"ledger lacks {rule}", evidence, line))
    for rule, bounds in expect.points:
        moved = sum(entry.points for entry in assessment.ledger if entry.rule == rule)
        count = sum(1 for entry in assessment.ledger if entry.rule == rule)
        results.append(
            ExpectationResult(
                bounds.holds(moved),
                f"{rule} points {bounds.text()}",
                f"got {moved:+d} from {count} ledger entr{'y' if count == 1 else 'ies'}",
                bounds.line,
            )
        )
    if expect.hard_failures is not None:
        got = tuple(sorted(assessment.hard_failures))
        wanted = ", ".join(expect.hard_failures) or "none"
        results.append(
            ExpectationResult(
                got == expect.hard_failures,
                f"hard failures exactly {wanted}",
                f"got {', '.join(got) or 'none'}",
                expect.hard_failures_line,
            )
        )
    for expectation in expect.events:
        results.append(_event(expectation, events))
    if expect.casualties is not None:
        results.append(
            ExpectationResult(
                expect.casualties.holds(casualties.civilians_wounded),
                f"civilian casualties {expect.casualties.text()}",
                f"{casualties.civilians_wounded} civilian(s) wounded "
                f"({casualties.civilians_critical} critical, "
                f"{casualties.civilians_deceased} deceased)",
                expect.casualties.line,
            )
        )
    if expect.event_log_sha256:
        same = expect.event_log_sha256 == event_log_sha256
        results.append(
            ExpectationResult(
                same,
                f"event log sha256 {expect.event_log_sha256[:12]}...",
                "identical" if same else f"got {event_log_sha256[:12]}...",
                expect.event_log_sha256_line,
            )
        )
    return results


def matching_events(expectation: EventExpectation, events: Sequence[Event]) -> list[Event]:
    """The events of the expected type whose fields match, inside the expected time window."""
    found = []
    for event in events:
        if event_type(event) != expectation.type:
            continue
        if expectation.after is not None and event.tick < expectation.after:
            continue
        if expectation.before is not None and event.tick >= expectation.before:
            continue
        if expectation.where:
            plain = event_to_dict(event)
            if any(plain.get(name) != value for name, value in expectation.where):
                continue
        found.append(event)
    return found


def ledger_line(entry: object) -> str:
    """A ledger entry as one line: "0:32  A1  +40  message  [S10, S8]"."""
    sources = f"  [{', '.join(entry.sources)}]" if entry.sources else ""
    return f"{clock(entry.tick):>6}  {entry.rule:<4} {entry.points:+4d}  {entry.message}{sources}"


def _category(category_id: str, bounds: object, assessment: object) -> ExpectationResult:
    """A category's rating within bounds (an unknown category fails, naming the real ones)."""
    expected = f"category {category_id} rating {bounds.text()}"
    for category in assessment.categories:
        if category.id == category_id:
            return ExpectationResult(
                bounds.holds(category.rating),
                expected,
                f"got {category.rating} ({_words(category.rating)}), "
                f"{category.points}/{category.max_points} points",
                bounds.line,
            )
    known = ", ".join(c.id for c in assessment.categories) or "(none)"
    return ExpectationResult(
        False, expected, f"no category {category_id!r}; categories: {known}", bounds.line
    )


def _event(expectation: EventExpectation, events: Sequence[Event]) -> ExpectationResult:
    """An event expectation: count the matching events in the window and show the first ones."""
    found = matching_events(expectation, events)
    count = len(found)
    ok = count >= expectation.count_min and (
        expectation.count_max is None or count <= expectation.count_max
    )
    if found:
        shown = ", ".join(clock(e.tick) for e in found[:5]) + (", ..." if count > 5 else "")
        evidence = f"{count} matching, at {shown}"
    else:
        evidence = "none matching"
        anytime = replace(expectation, after=None, before=None)
        outside = matching_events(anytime, events)
        other = [e for e in events if event_type(e) == expectation.type]
        if outside:
            shown = ", ".join(clock(e.tick) for e in outside[:5])
            evidence += f"; it happened outside the window, at {shown}"
        elif other:
            shown = ", ".join(clock(e.tick) for e in other[:5])
            evidence += f"; {expectation.type} happened at {shown}, with other field values"
        else:
            evidence += f"; no {expectation.type} at all"
    return ExpectationResult(ok, expectation.text(), evidence, expectation.line)


def _rules_found(assessment: object) -> dict[str, list[str]]:
    """Every rule id in the ledger (and each hard failure), with its ledger lines."""
    found: dict[str, list[str]] = {}
    for entry in assessment.ledger:
        found.setdefault(entry.rule, []).append(ledger_line(entry).lstrip())
    for failure in assessment.hard_failures:
        found.setdefault(failure, []).append(f"hard failure {failure}")
    return found


def _missing_rule(rule: str, found: dict[str, list[str]]) -> str:
    """Evidence for a rule that never appeared."""
    listed = ", ".join(sorted(found)) or "(empty ledger)"
    return f"{rule} never appeared; the ledger has {listed}"


def _words(rating: str) -> str:
    """A rating letter in words."""
    return RATING_WORDS.get(rating, rating)
