"""The rubric as data: points and thresholds in the rule rows, declared reads enforced, weights a level may set."""

from __future__ import annotations

import ast
import inspect
from dataclasses import replace

import pytest
from scoring_levels import (
    LEVEL,
    ROUTE_TO_ROOM_C,
    arrive,
    contact,
    ended,
    entered,
    gunfire,
    judge,
    radio,
    run_in,
    start,
    stopped,
    tourniquet,
    trainee_shot,
    wounded,
)

from game.core import events as event_module
from game.core.level import ScoringThresholds
from game.scoring import (
    RULES,
    UndeclaredRead,
    assess,
    hard_failures,
    rules_a,
    rules_b,
    rules_c,
    rules_d,
    rules_e,
    rules_f,
)
from game.scoring.facts import Facts
from game.scoring.rubric import STANDARDS

EVENT_TYPES = {
    name
    for name, value in vars(event_module).items()
    if isinstance(value, type) and issubclass(value, event_module.Event)
}


def _rich_log():
    events = [
        start(),
        arrive(0),
        gunfire(10, 200),
        radio(5, "initial_report", location="parking", shots="active", action="making_entry"),
        entered(20),
        run_in(21, ROUTE_TO_ROOM_C[2:]),
        contact(60),
        trainee_shot(70, protection="cover"),
        wounded(40, "class_b.1"),
        stopped(70),
        tourniquet(400, "class_b.1"),
        ended(600),
    ]
    flat = [e for part in events for e in (part if isinstance(part, list) else [part])]
    return sorted(flat, key=lambda e: e.tick)


def test_every_declared_read_is_an_event_type():
    for rule in RULES:
        assert set(rule.reads) <= EVENT_TYPES, (rule.id, set(rule.reads) - EVENT_TYPES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_rule_that_reads_an_event_type_it_does_not_declare_fails(rule):
    facts = Facts(LEVEL, _rich_log(), STANDARDS, strict=True)
    rule.fn(facts.view(rule.id, rule.reads), rule)
    with pytest.raises(UndeclaredRead):
        rule.fn(facts.view(rule.id, ()), rule)


def test_the_rule_modules_keep_no_numbers_of_their_own():
    for module in (rules_a, rules_b, rules_c, rules_d, rules_e, rules_f, hard_failures):
        tree = ast.parse(inspect.getsource(module))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                assert not isinstance(node.value.value, int | float), (
                    module.__name__,
                    ast.unparse(node),
                )


def test_every_rule_parameter_is_a_number_or_a_rating_letter_and_points_are_whole():
    for rule in RULES:
        for name, value in rule.params.items():
            assert isinstance(value, int | float) or value in ("P", "S", "M", "U"), (rule.id, name)
            if name.endswith("_points"):
                assert isinstance(value, int), (rule.id, name)


def test_a_level_may_weight_the_categories_and_the_rules_scale_with_them():
    weights = (("A", 400), ("F", 50))
    level = replace(LEVEL, scoring=ScoringThresholds(weights=weights))
    events = _rich_log()
    plain, weighted = assess(LEVEL, events), assess(level, events)
    assert weighted.category("A").max_points == 400 and weighted.category("F").max_points == 50
    assert weighted.max_score == 1000
    assert sum(r.max_points for r in RULES if r.category == "A") == 350
    assert abs(weighted.points("A1") - plain.points("A1") * 400 / 350) < 1
    assert weighted.category("A").points == round(plain.category("A").points * 400 / 350)


def test_a_hand_built_log_assessed_strictly_reads_only_declared_events():
    a = judge(*_rich_log()[1:])
    strict = assess(LEVEL, _rich_log(), strict=True)
    assert a.score == strict.score and a.ledger == strict.ledger
