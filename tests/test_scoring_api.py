"""The scoring API: the rubric adds up, every number comes from the ledger, and the JSON form is complete."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
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
    stopped,
    tourniquet,
    trainee_hit,
    trainee_shot,
    wounded,
)

from game.core.events import RadioHeard, RadioSent
from game.core.level import ScoringThresholds
from game.scoring import (
    CATEGORIES,
    RATING_WORDS,
    RULES,
    SOURCES,
    assessment_to_dict,
    clocks,
)
from game.scoring.ratings import label, rating, worst


def test_the_most_each_category_can_award_adds_up_to_its_weight_and_to_a_thousand():
    for category in CATEGORIES:
        rules = [r for r in RULES if r.category == category.id]
        assert sum(r.max_points for r in rules) == category.max_points, category.id
    assert [c.max_points for c in CATEGORIES] == [350, 200, 150, 100, 100, 100]


def test_every_rule_cites_known_sources_and_states_its_doctrine_point():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.sources and all(s in SOURCES for s in r.sources), r.id
        assert r.doctrine, r.id
        assert r.reads, r.id
    assert {f"HF{i}" for i in range(1, 6)} <= set(ids)


def test_ratings_follow_the_hseep_bands():
    assert [rating(p, 100) for p in (100, 85, 84, 70, 69, 50, 49, 0)] == list("PPSSMMUU")
    assert RATING_WORDS["S"] == "Performed with some challenges"
    assert label("M") == "Performed with major challenges (M)"


def _sample_run():
    return [
        arrive(0),
        gunfire(10, 80),
        radio(5, "initial_report", location="parking", shots="active"),
        entered(20),
        run_in(21, ROUTE_TO_ROOM_C[2:]),
        contact(60),
        trainee_shot(70, protection="cover"),
        wounded(40, "class_b.1"),
        stopped(70),
        tourniquet(400, "class_b.1"),
        ended(600),
    ]


def test_score_and_category_points_are_derived_from_the_ledger():
    a = judge(*_sample_run())
    for c in a.categories:
        raw = sum(e.points for e in a.ledger if e.category == c.id)
        assert c.points == max(0, min(c.max_points, raw))
    assert a.score == sum(c.points for c in a.categories)
    assert a.max_score == 1000
    assert [e.tick for e in a.ledger] == sorted(e.tick for e in a.ledger)


def test_every_ledger_entry_names_its_rule_category_time_and_sources():
    a = judge(*_sample_run())
    by_id = {r.id: r for r in RULES}
    for e in a.ledger:
        assert by_id[e.rule].category == e.category
        assert e.sources == by_id[e.rule].sources
        minutes, seconds = e.time.split(":")
        assert int(minutes) * 60 + int(seconds) == e.tick // 10
        assert e.message


def test_the_assessment_as_a_dict_is_json_ready_and_complete():
    data = assessment_to_dict(judge(*_sample_run()))
    text = json.dumps(data)
    assert json.loads(text) == data
    assert set(data["categories"]) == {"A", "B", "C", "D", "E", "F"}
    assert set(data["clocks"]) >= {"dispatch", "arrival", "entry", "contact", "threat_stopped"}
    assert data["clocks_from_arrival"]["entry"] == 2.0
    assert {"rule", "points", "message", "evidence", "sources", "time"} <= set(data["ledger"][0])
    assert data["benchmarks"] and data["next_drill"]


def test_the_clocks_count_from_dispatch_and_from_arrival():
    events = [
        RadioHeard(0, "Dispatch", "Shots fired."),
        arrive(1200),
        RadioSent(1250, "trainee", "initial_report", (), "parking", ""),
        RadioHeard(1250, "Dispatch", "Copy your initial report."),
        entered(3000),
    ]
    c = clocks(events)
    assert (c.dispatch, c.arrival, c.entry) == (0.0, 120.0, 300.0)
    assert c.from_dispatch()["entry"] == 300.0
    assert c.from_arrival()["entry"] == 180.0
    assert c.threat_stopped is None


def test_a_level_may_tighten_the_entry_threshold():
    strict = replace(LEVEL, scoring=ScoringThresholds(entry_full_seconds=10, entry_zero_seconds=30))
    events = [arrive(0), gunfire(10, 400), entered(200), ended(400)]
    assert judge(*events).points("A1") == 120
    assert judge(*events, level=strict).points("A1") == 60


def test_the_debrief_lists_strengths_improvements_and_one_next_drill():
    a = judge(arrive(0), gunfire(0, 1600), ended(1600))
    assert a.improvements and a.improvements[0].startswith("2:")
    assert "HF3" in a.improvements[0] or "Hard failure" in a.improvements[0]
    assert "classroom" in a.next_drill
    good = judge(*_sample_run())
    assert any(s.startswith("A1") for s in good.strengths)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 900),
            st.sampled_from(
                ["shot", "civilian_shot", "stand_off", "gunfire", "enter", "update", "hit", "down"]
            ),
        ),
        max_size=12,
    )
)
def test_any_log_gives_a_consistent_assessment(steps):
    parts = [arrive(0), ended(1000)]
    for tick, what in steps:
        if what == "shot":
            parts.append(trainee_shot(tick))
        elif what == "civilian_shot":
            parts.append(trainee_shot(tick, line=("class_b.1",)))
        elif what == "stand_off":
            parts.append(radio(tick, "stand_off"))
        elif what == "gunfire":
            parts += gunfire(tick, tick + 100)
        elif what == "enter":
            parts.append(entered(tick))
        elif what == "hit":
            parts.append(trainee_hit(tick))
        elif what == "down":
            parts.append(trainee_hit(tick, "incapacitated"))
        else:
            parts.append(radio(tick, "update", shots="active"))
    a = judge(*parts)
    assert 0 <= a.score <= a.max_score == 1000
    assert a.score == sum(c.points for c in a.categories)
    assert a.hard_failures == tuple(sorted({e.rule for e in a.ledger if e.category == "HF"}))
    assert a.rating == ("U" if a.hard_failures else worst(rating(a.score, 1000), *a.caps))
    json.dumps(assessment_to_dict(a))
