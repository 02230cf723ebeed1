"""Category E, Tactics: cover, movement, approach."""

from __future__ import annotations

from builders import make_level
from scoring_levels import (
    ROUTE_TO_ROOM_C,
    arrive,
    backup,
    contact,
    ended,
    entered,
    entered_zone,
    gunfire,
    judge,
    moved,
    run_in,
    sighted,
    stopped,
    trainee_shot,
    wounded,
)

from game.core.level import Floor, Place, Position, Trainee

OPEN_LOT = (
    ",,,,,,,,,,,,,,,,,,,,",
    ",,,,,,,,,,,,,,,,,,,,",
    ",,,,,,,,,,,,,,,,,,,,",
    ",,,,,,,,,,,,,,,,,,,,",
    ",,,,,,,,,,,,,,,,,,,,",
    "####/###############",
    "#..................#",
    "####################",
)
"""A wide parking lot with nothing to hide behind until the building wall."""


def test_an_approach_along_cover_or_at_a_run_earns_full_approach_credit():
    a = judge(arrive(0), run_in(1, ROUTE_TO_ROOM_C[:3]), entered(7, 5, 3), ended(100))
    assert a.points("E1") == 30


def test_standing_in_the_open_lot_earns_no_approach_credit():
    level = make_level(
        floors=(Floor("Ground", OPEN_LOT),),
        zones=(),
        trainee=Trainee(spawn=Place(at=Position(0, 10, 1))),
    )
    a = judge(arrive(0, 10, 1), ended(300), level=level)
    assert a.points("E1") == 0


def test_engaging_from_cover_earns_full_cover_credit():
    a = judge(arrive(0), trainee_shot(50, protection="cover"), ended(100))
    assert a.points("E2") == 20


def test_engaging_from_the_open_with_cover_at_hand_costs_points():
    a = judge(arrive(0), trainee_shot(50, protection="open"), ended(100))
    assert [e.points for e in a.entries("E2")] == [0, -10]


def test_running_toward_audible_gunfire_matches_the_situation():
    a = judge(arrive(0), gunfire(0, 200), run_in(5, ROUTE_TO_ROOM_C), entered(11), ended(200))
    assert a.points("E3") == 20


def test_walking_while_gunfire_is_audible_does_not_match_the_situation():
    walk = run_in(5, ROUTE_TO_ROOM_C, pace="walk")
    a = judge(arrive(0), gunfire(0, 200), walk, entered(11), ended(200))
    assert a.points("E3") == 0
    assert "0 %" in a.entries("E3")[0].message


def test_seeing_the_attacker_from_the_doorway_before_entering_the_room_earns_threshold_credit():
    events = [arrive(0), gunfire(0, 200), sighted(90, "suspect", "suspect"), contact(90)]
    a = judge(*events, moved(100, 16, 6), entered_zone(100, "room_c"), ended(200))
    assert a.points("E4") == 15


def test_rushing_into_the_gunfire_room_without_a_look_earns_no_threshold_credit():
    steps = [moved(94, 16, 4), moved(97, 16, 5), moved(100, 16, 6)]
    a = judge(arrive(0), gunfire(0, 200), *steps, entered_zone(100, "room_c"), ended(200))
    assert a.points("E4") == 0


def test_walking_up_alone_to_the_downed_attacker_earns_no_credit():
    down = [wounded(100, "suspect", role="suspect", by="trainee"), stopped(100)]
    a = judge(arrive(0), *down, moved(150, 12, 4), ended(300))
    assert a.points("E5") == 0


def test_covering_the_downed_attacker_until_a_partner_arrives_earns_full_credit():
    down = [wounded(100, "suspect", role="suspect", by="trainee"), stopped(100)]
    a = judge(arrive(0), *down, backup(120), moved(150, 12, 4), ended(300))
    assert a.points("E5") == 15
