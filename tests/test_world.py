"""The world: deterministic runs, commands carried out or refused, and people who act as the level says."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import SUSPECT_LOOK, make_level

from game.core import layouts
from game.core.commands import (
    AdvanceToGunfire,
    AnnouncePolice,
    ApplyTourniquet,
    Breach,
    Challenge,
    DirectCivilians,
    DonRaidJacket,
    DrawWeapon,
    EndScenario,
    Fire,
    Move,
    MoveTo,
    Radio,
    SetPace,
    TakeCover,
)
from game.core.events import (
    ChallengeIssued,
    CivilianSheltered,
    CommandRefused,
    Complied,
    DoorBreached,
    EnteredBuilding,
    GunfireHeard,
    OfficerArrived,
    PoliceAnnounced,
    RadioHeard,
    RadioLost,
    RadioSent,
    ScenarioEnded,
    ShotFired,
    SuspectSurrendered,
    TookCover,
    TourniquetApplied,
    event_log_sha256,
)
from game.core.level import (
    CivilianBehaviour,
    CivilianGroup,
    Condition,
    Dress,
    Floor,
    LegendEntry,
    OffDutyProtocol,
    Officer,
    Place,
    Position,
    Reactions,
    Suspect,
    TimelineEntry,
    TimelineKind,
    Trainee,
    VariantGroup,
    VariantOption,
)
from game.core.world import World
from game.levels.folders import levels_dir
from game.sessions.runner import run_script
from game.sessions.script import load_script


def _suspect(**changes) -> Suspect:
    spec = Suspect(
        "suspect",
        Place(zone="room_c"),
        SUSPECT_LOOK,
        route=("room_c", "corridor"),
        first_shot=20,
        fire_interval=30,
    )
    return replace(spec, **changes)


def _incident():
    return make_level(
        suspects=(_suspect(),),
        civilians=(
            CivilianGroup("class_b", Place(zone="room_b"), count=6),
            CivilianGroup("class_a", Place(zone="room_a"), count=4),
        ),
        officers=(Officer("unit_2", Place(zone="parking"), arrives=300),),
        variants=(VariantGroup("start", (VariantOption("a"), VariantOption("b"))),),
    )


def _run(level, seed, script, ticks):
    world = World(level, seed)
    for _ in range(ticks):
        world.step(script.get(world.tick, []))
    return world


GOOD = {
    2: [DrawWeapon(), SetPace("run"), MoveTo(zone="corridor")],
    5: [Radio.of("initial_report", location="corridor", shots="active")],
}


def test_same_level_seed_and_commands_give_the_same_event_log():
    first = _run(_incident(), 7, GOOD, 600)
    second = _run(_incident(), 7, GOOD, 600)
    assert first.log == second.log
    assert event_log_sha256(first.log) == event_log_sha256(second.log)


def test_a_world_prepared_before_play_gives_the_same_event_log():
    plain = _run(_incident(), 7, GOOD, 600)
    prepared = World(_incident(), 7)
    prepared.prepare()
    for _ in range(600):
        prepared.step(GOOD.get(prepared.tick, []))
    assert prepared.log == plain.log


def test_runs_of_one_level_sharing_what_they_work_out_give_the_logs_of_runs_that_share_nothing(
    monkeypatch,
):
    # A shipped script with a door to breach and officers coming: who may pass where changes, and
    # the paths searched, the fields and the parts are kept with the layouts that every run shares.
    script = load_script(levels_dir() / "scripts" / "locked_classroom" / "good.yaml")
    shared = [run_script(script, seed=seed).event_log_sha256 for seed in (3, 4, 3)]
    alone = []
    for seed in (3, 4, 3):
        monkeypatch.setattr(layouts, "_LAYOUTS", {})  # nothing left from the runs before
        alone.append(run_script(load_script(script.path), seed=seed).event_log_sha256)
    assert shared == alone
    assert shared[0] == shared[2] != shared[1]


def test_the_world_tells_who_changed_place_since_a_count_of_moves_and_only_while_it_keeps_it():
    world = World(_incident(), 7)  # the trainee is shot at about tick 110: 120 ticks are enough
    where = {p.id: (p.position, p.present) for p in world.people}
    since = world.moves
    for _ in range(120):
        world.step(GOOD.get(world.tick, []))
    changed = {p.id for p in world.people if (p.position, p.present) != where[p.id]}
    told = world.movers_since(since)
    assert changed and changed <= {p.id for p in told}
    assert len(told) == world.moves - since
    assert world.movers_since(world.moves) == []
    assert world.movers_since(world.moves + 1) is None  # a count the world never reached
    for _ in range(5000):  # a crowd on the move for a long while
        world.moved(world.trainee)
    assert world.movers_since(since) is None  # so long ago it is no longer kept
    assert world.movers_since(world.moves - 10) == [world.trainee] * 10


@pytest.mark.parametrize(
    "name", ["joint_entry/good", "off_duty/good", "plainclothes_hallway/good", "wing_a/poor"]
)
def test_a_step_with_no_event_no_move_and_no_restyle_changes_no_ones_looks(name):
    from game.core.people import _pictured
    from game.sessions.player import ScriptPlayer

    script = load_script(levels_dir() / "scripts" / f"{name}.yaml")
    for seed in (1, 2):
        world = World(script.level, seed, dict(script.variant))
        player = ScriptPlayer(world, script.commands)
        quiet = 0
        while not world.finished:
            looks = [_pictured(p) for p in world.people]
            counts = (world.moves, world.restyles, world.building.door_version)
            commands = player.commands()
            events = world.step(commands)
            player.hear(events)
            if (
                not commands
                and not events
                and counts
                == (
                    world.moves,
                    world.restyles,
                    world.building.door_version,
                )
            ):
                quiet += 1
                assert [_pictured(p) for p in world.people] == looks, f"{name} at {world.tick}"
        assert quiet > 100


def test_an_officer_who_draws_without_a_word_tells_the_world_his_looks_changed():
    from game.core.officers import act_officer
    from game.core.people import _pictured

    level = load_script(levels_dir() / "scripts" / "joint_entry" / "good.yaml").level
    world = World(level, 1, {"partner_kit": "handgun"})
    officer = world.person("partner")
    officer.weapon_drawn, officer.next_action_tick = False, world.tick
    looks, restyles = _pictured(officer), world.restyles
    act_officer(world, officer)
    assert _pictured(officer) != looks and officer.weapon_drawn
    assert world.restyles == restyles + 1
    officer.next_action_tick = world.tick
    act_officer(world, officer)  # drawn already: nothing new to tell
    assert world.restyles == restyles + 1


def test_a_different_seed_changes_what_the_level_randomises():
    hashes = {event_log_sha256(_run(_incident(), seed, GOOD, 400).log) for seed in range(1, 6)}
    assert len(hashes) > 1


def test_fixed_variant_choices_are_kept_and_others_are_seeded():
    level = _incident()
    assert World(level, 3, {"start": "b"}).variant == {"start": "b"}
    picks = {World(level, seed).variant["start"] for seed in range(1, 20)}
    assert picks == {"a", "b"}


def test_actors_with_a_variant_condition_appear_only_in_that_variant():
    level = make_level(
        suspects=(_suspect(when=Condition("start", ("b",))),),
        variants=(VariantGroup("start", (VariantOption("a"), VariantOption("b"))),),
    )
    assert World(level, 1, {"start": "a"}).person("suspect") is None
    assert World(level, 1, {"start": "b"}).person("suspect") is not None


def test_gunfire_is_heard_with_a_direction_and_rough_distance_not_a_tile():
    world = _run(_incident(), 1, {}, 60)
    heard = [e for e in world.log if isinstance(e, GunfireHeard)]
    assert heard, "the trainee should hear the first shots"
    first = heard[0]
    assert first.direction in ("east", "south-east", "south")
    assert first.distance in ("close", "near", "distant")
    assert 0 < first.loudness <= 1


def test_civilians_shelter_when_the_shooting_starts():
    level = make_level(
        suspects=(_suspect(),),
        civilians=(
            CivilianGroup("class_b", Place(zone="room_b"), 5, behaviour=CivilianBehaviour(1, 0)),
        ),
    )
    world = _run(level, 1, {}, 40)
    sheltered = [e for e in world.log if isinstance(e, CivilianSheltered)]
    assert len(sheltered) == 5


def test_backup_arrives_on_the_timeline():
    world = _run(_incident(), 1, {}, 320)
    arrivals = [e for e in world.log if isinstance(e, OfficerArrived)]
    assert [(e.officer, e.tick) for e in arrivals] == [("unit_2", 300)]


def test_running_into_the_building_is_reported_once_at_the_threshold():
    world = _run(make_level(), 1, GOOD, 100)
    entries = [e for e in world.log if isinstance(e, EnteredBuilding)]
    assert len(entries) == 1
    assert entries[0].zone == "corridor"


def test_a_step_into_a_wall_is_refused_with_a_reason_not_an_exception():
    world = World(make_level(trainee=Trainee(spawn=Place(at=Position(0, 1, 3)))), 1)
    events = world.step([Move(-1, 0)])
    refused = [e for e in events if isinstance(e, CommandRefused)]
    assert refused and refused[0].reason == "the way is blocked"


def test_firing_with_a_holstered_weapon_is_refused():
    level = make_level(suspects=(_suspect(),))
    world = World(level, 1)
    events = world.step([Fire("suspect")])
    assert [e.reason for e in events if isinstance(e, CommandRefused)] == ["draw your weapon first"]


def test_cover_is_told_apart_from_concealment():
    rows = (
        "#########",
        "#.......#",
        "#.......#",
        "#..%....#",
        "#.......#",
        "#.....C.#",
        "#.......#",
        "#########",
    )
    level = make_level(floors=(Floor("Ground", rows),), zones=())
    beside_desk = World(replace(level, trainee=Trainee(spawn=Place(at=Position(0, 3, 2)))), 1)
    beside_column = World(replace(level, trainee=Trainee(spawn=Place(at=Position(0, 6, 4)))), 1)
    in_the_open = World(replace(level, trainee=Trainee(spawn=Place(at=Position(0, 5, 2)))), 1)
    desk = [e for e in beside_desk.step([TakeCover()]) if isinstance(e, TookCover)]
    column = [e for e in beside_column.step([TakeCover()]) if isinstance(e, TookCover)]
    refused = [e for e in in_the_open.step([TakeCover()]) if isinstance(e, CommandRefused)]
    assert (desk[0].protection, desk[0].object) == ("concealment", "desks")
    assert (column[0].protection, column[0].object) == ("cover", "column")
    assert refused[0].reason == "nothing next to you to take cover behind"


def test_a_shot_records_the_people_behind_the_target_on_the_line_of_fire():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 2, 3)), weapon_drawn=True),
        suspects=(_suspect(spawn=Place(at=Position(0, 8, 3)), first_shot=5000, route=()),),
        civilians=(CivilianGroup("student", Place(at=Position(0, 14, 3))),),
    )
    world = World(level, 1)
    shots = [e for e in world.step([Fire("suspect")]) if isinstance(e, ShotFired)]
    assert shots[0].behind == ("student",)
    assert shots[0].non_threats_on_line == ("student",)
    assert shots[0].non_threats_in_sight == ("student",)


def test_a_drywall_partition_does_not_stop_a_round_but_a_block_wall_does():
    partition_level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 8, 6)), weapon_drawn=True),
        suspects=(_suspect(spawn=Place(at=Position(0, 10, 6)), first_shot=5000, route=()),),
        civilians=(CivilianGroup("student", Place(at=Position(0, 14, 6))),),
    )
    shots = [
        e for e in World(partition_level, 1).step([Fire("suspect")]) if isinstance(e, ShotFired)
    ]
    assert shots[0].behind == ("student",)


def test_a_student_hidden_behind_a_partition_is_on_the_line_but_not_in_the_shooters_sight():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 8, 6)), weapon_drawn=True),
        suspects=(_suspect(spawn=Place(at=Position(0, 10, 6)), first_shot=5000, route=()),),
        civilians=(CivilianGroup("student", Place(at=Position(0, 14, 6))),),
    )
    [shot] = [e for e in World(level, 1).step([Fire("suspect")]) if isinstance(e, ShotFired)]
    assert shot.non_threats_to_cover == ("student",)
    assert shot.non_threats_in_sight == ()


def test_a_challenged_suspect_who_chose_to_surrender_gives_up():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        suspects=(
            _suspect(
                spawn=Place(at=Position(0, 10, 3)),
                first_shot=0,
                route=(),
                reactions=Reactions(engage=0, retreat=0, surrender=1),
            ),
        ),
    )
    world = World(level, 1)
    world.step()
    world.step()
    events = world.step([Challenge("suspect")]) + world.step()
    assert any(isinstance(e, SuspectSurrendered) for e in events)


def test_an_off_duty_officer_who_follows_the_protocol_identifies_himself_and_complies():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        officers=(
            Officer(
                "off_duty",
                Place(at=Position(0, 10, 3)),
                dress=Dress.PLAIN,
                off_duty=True,
                weapon_drawn=True,
                description=SUSPECT_LOOK,
                goal="",
                protocol=((OffDutyProtocol.FOLLOWS, 1),),
            ),
        ),
    )
    world = World(level, 1)
    world.step([Challenge("off_duty")])
    for _ in range(10):
        world.step()
    assert any(isinstance(e, PoliceAnnounced) and e.person == "off_duty" for e in world.log)
    assert any(isinstance(e, Complied) and e.person == "off_duty" for e in world.log)
    assert world.person("off_duty").weapon_drawn is False


def test_a_plain_clothes_trainee_who_ignores_a_challenge_from_backup_is_fired_upon():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 8, 3)), dress=Dress.PLAIN, weapon_drawn=True),
        officers=(Officer("unit_2", Place(at=Position(0, 14, 3)), goal=""),),
    )
    world = _run(level, 1, {}, 120)
    assert any(isinstance(e, ShotFired) and e.target == "trainee" for e in world.log)


def test_announcing_police_with_a_badge_lets_backup_identify_a_plain_clothes_trainee():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 8, 3)), dress=Dress.PLAIN, weapon_drawn=True),
        officers=(Officer("unit_2", Place(at=Position(0, 14, 3)), goal="", arrives=10),),
    )
    world = World(level, 1)
    from game.core.commands import ShowBadge

    world.step([ShowBadge(), AnnouncePolice()])
    for _ in range(120):
        world.step()
    assert not any(isinstance(e, ShotFired) and e.target == "trainee" for e in world.log)


def test_a_locked_door_is_breached_in_its_breach_time():
    legend = tuple(
        LegendEntry(e.symbol, e.kind, e.name, e.door_state, 20) for e in make_level().legend
    )
    level = make_level(legend=legend, trainee=Trainee(spawn=Place(at=Position(0, 4, 4))))
    world = World(level, 1)
    door = world.building.doors[Position(0, 4, 5)]
    from game.core.level import DoorState

    door.state = DoorState.LOCKED
    world.step([Breach()])
    for _ in range(25):
        world.step()
    breached = [e for e in world.log if isinstance(e, DoorBreached)]
    assert [e.tick for e in breached] == [20]


def test_a_tourniquet_stabilises_a_critical_casualty_next_to_the_trainee():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3))),
        civilians=(CivilianGroup("hurt", Place(at=Position(0, 5, 3)), wounded="critical"),),
    )
    world = World(level, 1)
    events = world.step([ApplyTourniquet()])
    assert [e.person for e in events if isinstance(e, TourniquetApplied)] == ["hurt"]
    assert world.person("hurt").condition == "stable"


def test_radio_in_a_degraded_zone_can_be_lost_and_says_so():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3))),
        timeline=(TimelineEntry(0, TimelineKind.RADIO_DEGRADED, zone="corridor", loss=1.0),),
    )
    world = World(level, 1)
    world.step()
    events = world.step([Radio.of("update", shots="active")])
    assert any(isinstance(e, RadioLost) for e in events)
    assert not any(isinstance(e, RadioSent) for e in events)


def test_an_unknown_radio_location_is_refused():
    world = World(make_level(), 1)
    events = world.step([Radio.of("initial_report", location="gym")])
    assert any(isinstance(e, CommandRefused) and "unknown location" in e.reason for e in events)


def test_dispatch_traffic_from_the_timeline_is_heard():
    level = make_level(timeline=(TimelineEntry(3, TimelineKind.RADIO, "Dispatch", "Shots fired."),))
    world = _run(level, 1, {}, 5)
    assert [(e.tick, e.text) for e in world.log if isinstance(e, RadioHeard)] == [
        (3, "Shots fired.")
    ]


def test_directed_civilians_leave_by_the_exit():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 8, 3))),
        civilians=(CivilianGroup("group", Place(at=Position(0, 9, 4)), count=3),),
    )
    world = World(level, 1)
    events = world.step([DirectCivilians()])
    assert any(e.count == 3 for e in events if hasattr(e, "count"))
    for _ in range(200):
        world.step()
    assert all(not world.person(f"group.{i}").present for i in (1, 2, 3))


def test_the_raid_jacket_takes_time_to_put_on():
    level = make_level(trainee=Trainee(spawn=Place(at=Position(0, 4, 0)), raid_jacket=True))
    world = World(level, 1)
    world.step([DonRaidJacket()])
    events = world.step([DrawWeapon()])
    assert any(isinstance(e, CommandRefused) and e.reason.startswith("busy") for e in events)


def test_a_further_hit_on_a_critical_casualty_neither_heals_nor_restarts_the_clock():
    level = make_level(
        civilians=(CivilianGroup("hurt", Place(at=Position(0, 5, 3)), wounded="critical"),),
    )
    world = World(level, 1)
    for _ in range(50):
        world.step()
    casualty = world.person("hurt")
    world.wound(casualty, world.trainee)
    assert (casualty.condition, casualty.wounded_tick) == ("critical", 0)


def test_moving_toward_gunfire_behind_a_locked_door_leads_to_that_door():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 2, 3))),
        suspects=(_suspect(spawn=Place(at=Position(0, 16, 7)), route=(), first_shot=1),),
    )
    world = World(level, 1)
    from game.core.level import DoorState

    world.building.set_door_state(world.building.doors[Position(0, 16, 5)], DoorState.LOCKED)
    for _ in range(3):
        world.step()
    world.step([AdvanceToGunfire()])
    for _ in range(100):
        world.step()
    assert world.trainee.position in world.building.neighbours8(Position(0, 16, 5))
    events = world.step([AdvanceToGunfire()])
    assert any(isinstance(e, CommandRefused) and "breach it" in e.reason for e in events)


def _after_the_end(log) -> list[str]:
    """The events logged after the scenario ended (there should be none)."""
    ends = [i for i, event in enumerate(log) if isinstance(event, ScenarioEnded)]
    assert len(ends) == 1
    return [type(event).__name__ for event in log[ends[0] + 1 :]]


def test_nothing_happens_after_the_trainee_ends_the_scenario_even_in_the_same_tick():
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3)), weapon_drawn=True),
        suspects=(_suspect(spawn=Place(at=Position(0, 10, 3)), first_shot=0, route=()),),
        civilians=(CivilianGroup("class_b", Place(zone="room_b"), count=6),),
        officers=(Officer("unit_2", Place(at=Position(0, 14, 3)), goal="gunfire"),),
    )
    world = World(level, 1)
    events = world.step([EndScenario(), Challenge("suspect"), Move(1, 0)])
    assert world.finished
    assert isinstance(events[-1], ScenarioEnded)
    assert _after_the_end(world.log) == []
    assert not any(isinstance(e, ShotFired | ChallengeIssued) for e in events)
    assert world.trainee.position == Position(0, 4, 3)
    assert world.step() == []


def test_when_the_trainee_goes_down_no_one_else_acts_later_in_that_tick():
    # Two suspects beside the trainee who fight back: the hit that puts the trainee down ends the run,
    # and the other suspect, the officer and the fleeing class act no more in that tick.
    fights = {"fire_interval": 1, "first_shot": 0, "route": (), "accuracy": 1.0}
    level = make_level(
        trainee=Trainee(spawn=Place(at=Position(0, 4, 3))),
        suspects=(
            _suspect(id="first", spawn=Place(at=Position(0, 6, 3)), **fights),
            _suspect(id="second", spawn=Place(at=Position(0, 6, 4)), **fights),
        ),
        civilians=(CivilianGroup("class_b", Place(zone="room_b"), count=6),),
        officers=(Officer("unit_2", Place(at=Position(0, 16, 3)), goal="gunfire"),),
    )
    downed = 0
    for seed in range(1, 9):
        world = World(level, seed)
        while not world.finished and world.tick < 600:
            world.step()
        if world.end_reason == "trainee down":
            downed += 1
            assert _after_the_end(world.log) == []
    assert downed >= 2
