"""Script conditions read only what the trainee could perceive: two incidents that look the same to the
trainee, but differ in who is who and in what the trainee cannot see, give every condition the same
answer, and name the same people by how they look."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import SUSPECT_LOOK, make_level
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.events import (
    ChallengeIssued,
    Complied,
    GunfireHeard,
    PoliceAnnounced,
    RadioHeard,
    ShotFired,
    TourniquetApplied,
)
from game.core.level import (
    CivilianGroup,
    Dress,
    Officer,
    Place,
    Position,
    Reactions,
    Suspect,
    Trainee,
    Weapon,
)
from game.core.people import appearance
from game.core.world import World
from game.sessions.conditions import (
    FLAGS,
    TARGETS,
    After,
    AllOf,
    AnyOf,
    DoorLocked,
    Flag,
    Heard,
    InZone,
    Looks,
    Not,
    RadioSaid,
    Sees,
    changes_at,
    holds,
    in_view,
    nearest,
)
from game.sessions.eyes import Eyes, Percept
from game.sessions.player import ScriptPlayer
from game.sessions.script import load_script

ROOT = Path(__file__).resolve().parent.parent

TRAINEE_AT = Position(0, 4, 3)
SHOOTER_AT = Position(0, 9, 3)
OTHER_GUN_AT = Position(0, 13, 3)
VICTIM_AT = Position(0, 7, 4)
BYSTANDER_AT = Position(0, 2, 4)
HIDDEN_AT = Position(0, 14, 7)
"""In room C, behind its closed door: out of the trainee's sight."""

CATALOGUE = (
    *(Flag(name) for name in FLAGS),
    *(Sees(looks) for looks in Looks),
    *(Sees(looks, within=4) for looks in Looks),
    Heard(),
    Heard(within=20),
    RadioSaid("shots fired"),
    RadioSaid("suspect down"),
    InZone("corridor"),
    InZone("room_c"),
    DoorLocked(),
    DoorLocked(at=(4, 2)),
    After(0),
    After(600),
    AllOf((Sees(Looks.ATTACKER), Not(Flag("threat_stopped")))),
    AnyOf((Flag("wounded"), Sees(Looks.CASUALTY))),
    Not(Sees(Looks.POLICE)),
)
"""Every kind of condition a script can write, each flag and each kind of person."""


def _incident(swapped: bool) -> World:
    """A plain-clothes attacker and an off-duty officer who look the same, a teacher who carries a
    concealed handgun (or nothing), a bystander who carries one in hand, and people out of sight; `swapped` trades the attacker's and the
    officer's places, ids and roles, and changes only what the trainee cannot see."""
    gunman = Suspect(
        "suspect" if not swapped else "man_2",
        Place(at=SHOOTER_AT if not swapped else OTHER_GUN_AT),
        SUSPECT_LOOK,
        weapon=Weapon.HANDGUN,
        route=(),
        first_shot=10**6,
        reactions=Reactions(engage=1, retreat=0, surrender=0) if swapped else Reactions(),
    )
    officer = Officer(
        "off_duty" if not swapped else "man_1",
        Place(at=OTHER_GUN_AT if not swapped else SHOOTER_AT),
        dress=Dress.PLAIN,
        off_duty=True,
        weapon=Weapon.HANDGUN,
        weapon_drawn=True,
        description=SUSPECT_LOOK,
        goal="",
    )
    concealed = Weapon.HANDGUN if not swapped else Weapon.NONE
    civilians = [
        CivilianGroup(
            "victim" if not swapped else "teacher", Place(at=VICTIM_AT), weapon=concealed
        ),
        CivilianGroup(
            "carrier" if not swapped else "student_9",
            Place(at=BYSTANDER_AT),
            weapon=concealed,
        ),
    ]
    if not swapped:
        civilians.append(CivilianGroup("hidden", Place(at=HIDDEN_AT), wounded="critical"))
    level = make_level(
        trainee=Trainee(spawn=Place(at=TRAINEE_AT), weapon_drawn=True),
        suspects=(gunman,),
        officers=(officer,),
        civilians=tuple(civilians),
    )
    world = World(level, 1)
    world.person(gunman.id).weapon_drawn = True
    return world


def _at(world: World, position: Position):
    return next(p for p in world.people if p.present and p.position == position)


def _what_happens(world: World, swapped: bool) -> list[list]:
    """The same things seen and heard in both incidents, as the engine would log them (with the true
    ids and roles, which differ): the man at the shooter's place fires on the victim, who falls, an
    officer's voice challenges the trainee, dispatch speaks; out of sight, a tourniquet and a
    compliance the trainee cannot see (only in the first incident)."""
    shooter, victim = _at(world, SHOOTER_AT), _at(world, VICTIM_AT)
    looks = appearance(shooter, victim, world.tick, world.told, True)
    shot = ShotFired(
        world.tick, shooter.id, shooter.role.value, victim.id, victim.role.value,
        SHOOTER_AT, VICTIM_AT, victim.id, (), (), (victim.id,), looks, False, False, "open",
    )  # fmt: skip
    victim.condition = "critical"  # hit: down and bleeding, in both incidents
    other = _at(world, OTHER_GUN_AT)
    steps = [
        [shot, GunfireHeard(world.tick, 90, "east", 0.9, "close", "same floor")],
        [RadioHeard(world.tick, "Dispatch", "Shots fired, east corridor.")],
        [ChallengeIssued(world.tick, other.id, "trainee", "trainee", looks, False)],
    ]
    if not swapped:
        steps.append(
            [
                TourniquetApplied(world.tick, "medic", "hidden", HIDDEN_AT),
                Complied(world.tick, "hidden", "medic"),
            ]
        )
    else:
        steps.append([])
    return steps


def _answers(world: World, eyes: Eyes) -> tuple:
    percept = eyes.look()
    conditions = tuple(holds(condition, percept, world) for condition in CATALOGUE)
    targets = tuple(
        (found.position, found.distance) if (found := nearest(percept, word)) else None
        for word in TARGETS
    )
    return conditions, targets


def _play(swapped: bool) -> list[tuple]:
    world = _incident(swapped)
    eyes = Eyes(world)
    eyes.hear(world.log)
    answers = [_answers(world, eyes)]
    for events in _what_happens(world, swapped):
        eyes.hear(events)
        answers.append(_answers(world, eyes))
    return answers


def test_every_condition_gives_the_same_answer_when_only_hidden_roles_and_ids_differ():
    plain, swapped = _play(False), _play(True)
    for step, (first, second) in enumerate(zip(plain, swapped, strict=True)):
        for condition, a, b in zip(CATALOGUE, first[0], second[0], strict=True):
            assert a == b, f"step {step}: {condition} reads something the trainee cannot see"
        assert first[1] == second[1], f"step {step}: a target word named someone by who they are"


def test_the_catalogue_covers_every_condition_kind_and_says_yes_and_no():
    kinds = {type(condition) for condition in CATALOGUE}
    assert kinds == {Flag, Sees, Heard, RadioSaid, InZone, DoorLocked, After, AllOf, AnyOf, Not}
    answers = [a for step in _play(False) for a in step[0]]
    assert True in answers and False in answers


@pytest.mark.parametrize("swapped", [False, True], ids=["attacker_near", "attacker_far"])
def test_the_man_seen_firing_on_the_defenceless_is_the_attacker_whoever_he_is(swapped):
    world = _incident(swapped)
    eyes = Eyes(world)
    eyes.hear(world.log)
    assert nearest(eyes.look(), "nearest_attacker") is None
    for events in _what_happens(world, swapped)[:1]:
        eyes.hear(events)
    percept = eyes.look()
    assert nearest(percept, "nearest_attacker").position == SHOOTER_AT
    assert nearest(percept, "nearest_armed").position == SHOOTER_AT
    assert nearest(percept, "nearest_casualty").position == VICTIM_AT


def test_a_concealed_weapon_is_not_seen_until_it_is_drawn():
    world = _incident(False)
    eyes = Eyes(world)
    carrier = _at(world, BYSTANDER_AT)
    assert not next(s for s in eyes.look().people if s.position == BYSTANDER_AT).armed
    carrier.weapon_drawn = True
    seen = next(s for s in eyes.look().people if s.position == BYSTANDER_AT)
    assert seen.armed and seen.weapon_drawn
    assert seen._replace(weapon_drawn=False) != seen


def test_the_eyes_see_exactly_whom_the_engine_says_the_trainee_sees():
    script = load_script(ROOT / "levels" / "scripts" / "joint_entry" / "good.yaml")
    world = World(script.level, 3, dict(script.variant))
    eyes = Eyes(world)
    tiles = [tile for tile in world.zone_tiles("commons")][::7]
    assert len(tiles) > 10
    for tile in tiles:
        world.trainee.position = tile
        seen = {s.handle for s in eyes.look().people}
        sees = {p.id for p in world.people if p is not world.trainee and p.present}
        assert seen == {i for i in sees if world.sees(world.trainee, world.person(i))}


def test_someone_seen_again_is_seen_anew_when_the_trainee_steps_or_hears_them_shout_police():
    world = _incident(False)
    eyes = Eyes(world)
    first = next(s for s in eyes.look().people if s.position == BYSTANDER_AT)
    assert next(s for s in eyes.look().people if s.position == BYSTANDER_AT) == first
    here = world.trainee.position
    world.trainee.position = Position(here.floor, here.x + 1, here.y)
    stepped = next(s for s in eyes.look().people if s.position == BYSTANDER_AT)
    assert stepped.distance != first.distance
    eyes.hear([PoliceAnnounced(world.tick, _at(world, BYSTANDER_AT).id, BYSTANDER_AT, False)])
    assert next(s for s in eyes.look().people if s.position == BYSTANDER_AT).announced


def test_a_percept_made_without_its_memo_of_kinds_is_read_all_the_same():
    world = _incident(False)
    made = Eyes(world).look()
    bare = made._replace(kinds=None)
    for looks in Looks:
        assert in_view(bare, looks) == in_view(made, looks)
    assert [s.handle for s in in_view(bare, Looks.PERSON)]


@pytest.mark.parametrize(
    "name",
    [
        "wing_a/good",
        "off_duty/good",
        "plainclothes_hallway/good",
        "after_the_threat/good",
        "armed_guard/good",
    ],
)
def test_the_percept_handed_out_again_is_the_one_a_look_made_anew_gives(name):
    def played(anew: bool) -> tuple[list, list]:
        script = load_script(ROOT / "levels" / "scripts" / f"{name}.yaml")
        world = World(script.level, script.seed, dict(script.variant))
        player = ScriptPlayer(world, script.commands)
        eyes, percepts = player.eyes, []
        look = eyes.look

        def looked():
            if anew:
                eyes._last = None  # nothing kept from the last look
            percept = look()
            percepts.append(percept._replace(kinds=None))
            return percept

        eyes.look = looked
        while not world.finished:
            player.hear(world.step(player.commands()))
        return percepts, world.log

    kept, anew = played(False), played(True)
    assert len(kept[0]) > 50
    assert kept[0] == anew[0]
    assert kept[1] == anew[1]


@pytest.mark.parametrize(
    "name",
    ["off_duty/good", "joint_entry/good", "locked_classroom/good", "silent_building/good"],
)
def test_reactions_left_unasked_while_nothing_new_is_seen_give_what_asking_every_tick_gives(name):
    def played(ask_every_tick: bool, seed: int) -> tuple[list, list, int]:
        script = load_script(ROOT / "levels" / "scripts" / f"{name}.yaml")
        world = World(script.level, seed, dict(script.variant))
        player = ScriptPlayer(world, script.commands)
        if ask_every_tick:
            player.eyes.nothing_new = lambda: False
        looks = 0
        look = player.eyes.look

        def counted():
            nonlocal looks
            looks += 1
            return look()

        player.eyes.look = counted
        while not world.finished:
            player.hear(world.step(player.commands()))
        return world.log, player.given, looks

    for seed in (1, 2):
        left, asked = played(False, seed), played(True, seed)
        assert left[:2] == asked[:2]
        assert left[2] < asked[2] / 2  # most ticks, nothing new: no look at all


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 400),
    st.one_of(st.none(), st.integers(0, 400)),
    st.integers(-100, 400),
    st.sampled_from(CATALOGUE),
)
def test_a_condition_answers_as_before_until_the_tick_it_may_change_with_only_the_clock_on(
    tick, gunfire, challenged, condition
):
    world = _incident(False)
    base = Eyes(world).look()

    def at(t: int) -> Percept:
        return base._replace(
            tick=t,
            gunfire_tick=gunfire if gunfire is None else min(gunfire, tick),
            challenged_tick=min(challenged, tick),
            kinds={},
        )

    first = holds(condition, at(tick), world)
    until = min(changes_at(condition, at(tick)), tick + 700)
    assert all(holds(condition, at(t), world) == first for t in range(tick, until))
