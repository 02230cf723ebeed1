"""The trainee's commands carried out: each either changes the world and reports it, or is refused."""

from __future__ import annotations

from game.core import radio
from game.core.commands import (
    PACES,
    AdvanceToGunfire,
    AnnouncePolice,
    ApplyTourniquet,
    Breach,
    Challenge,
    CloseDoor,
    Command,
    Comply,
    DirectCivilians,
    DonRaidJacket,
    DrawWeapon,
    Fire,
    Holster,
    LeaveCover,
    Move,
    MoveTo,
    OpenDoor,
    Radio,
    SetPace,
    ShowBadge,
    Stop,
    TakeCover,
    Wait,
    describe,
)
from game.core.events import (
    BadgeShown,
    BreachStarted,
    ChallengeIssued,
    CiviliansDirected,
    CommandRefused,
    Complied,
    DoorClosed,
    DoorOpened,
    LeftCover,
    PaceChanged,
    PoliceAnnounced,
    RadioHeard,
    RadioLost,
    RadioSent,
    RaidJacketDonned,
    TookCover,
    TourniquetApplied,
    WeaponDrawn,
    WeaponHolstered,
)
from game.core.geometry import distance
from game.core.level import DoorState, Position, Role, ZoneKind
from game.core.pathfinding import find_path
from game.core.people import RUN_SPEED, WALK_SPEED, Person, appearance
from game.core.proximity import gap
from game.core.scene import Scene

VOICE_RANGE = 15
"""How far, in tiles, a shouted challenge or "Police!" carries."""
DIRECT_RANGE = 8
TRAINEE_ACCURACY = 0.85
FIRE_COOLDOWN_TICKS = 4
JACKET_TICKS = 30
TOURNIQUET_TICKS = 30


class Refused(Exception):
    """A command that cannot be carried out now; becomes a `CommandRefused` event."""


def carry_out(world: Scene, command: Command) -> None:
    """Carry out one trainee command, or record why it was refused."""
    handler = _HANDLERS.get(type(command))
    try:
        if handler is None:
            raise Refused("not a trainee command")
        trainee = world.trainee
        if not trainee.present:
            raise Refused("you are not on scene yet")
        if not trainee.active:
            raise Refused("you are down")
        if trainee.busy_until > world.tick and not isinstance(
            command, (Move, MoveTo, Stop, Wait, SetPace)
        ):
            raise Refused(f"busy: {trainee.busy_with}")
        handler(world, trainee, command)
    except Refused as refusal:
        world.emit(CommandRefused(world.tick, describe(command), str(refusal)))


def _move(world: Scene, trainee: Person, command: Move) -> None:
    if (
        command.dx not in (-1, 0, 1)
        or command.dy not in (-1, 0, 1)
        or not (command.dx or command.dy)
    ):
        raise Refused("a step is one tile in one of eight directions")
    here = trainee.position
    step = Position(here.floor, here.x + command.dx, here.y + command.dy)
    door = world.building.doors.get(step)
    if door is not None and door.state is DoorState.LOCKED:
        raise Refused("the door is locked: breach it")
    if not world.building.walkable(step):
        raise Refused("the way is blocked")
    trainee.path = [step]


def _move_to(world: Scene, trainee: Person, command: MoveTo) -> None:
    if command.zone:
        if command.zone not in {z.id for z in world.level.zones}:
            raise Refused(f"no zone {command.zone!r}")
        if world.zone_at(trainee.position) == command.zone:
            trainee.path = []
            return
        goal = _nearest_tile(world, trainee.position, world.zone_tiles(command.zone))
    elif command.target is not None:
        goal = command.target
    else:
        raise Refused("move_to needs a tile or a zone")
    if goal is None or not world.building.inside_map(goal):
        raise Refused("that place is off the map")
    path = find_path(world.building, trainee.position, goal)
    if not path and goal != trainee.position:
        raise Refused("no way there: a door may be locked")
    trainee.path = path


def _advance(world: Scene, trainee: Person, command: AdvanceToGunfire) -> None:
    source = world.heard_gunfire_at
    if source is None:
        raise Refused("you have heard no gunfire")
    path = find_path(world.building, trainee.position, source)
    if not path:
        # Behind a locked door: go to the door, where it can be breached.
        planned = find_path(world.building, trainee.position, source, through_locked=True)
        doors = world.building.doors
        cut = next(
            (
                i
                for i, step in enumerate(planned)
                if step in doors and doors[step].state is DoorState.LOCKED
            ),
            None,
        )
        path = planned[:cut] if cut is not None else []
        if cut == 0:
            raise Refused("the gunfire is behind the locked door next to you: breach it")
    if not path:
        raise Refused("no way toward the gunfire")
    trainee.path = path


def _stop(world: Scene, trainee: Person, command: Stop) -> None:
    trainee.path = []


def _set_pace(world: Scene, trainee: Person, command: SetPace) -> None:
    if command.pace not in PACES:
        raise Refused(f"pace is one of {', '.join(PACES)}")
    speed = RUN_SPEED if command.pace == "run" else WALK_SPEED
    if speed != trainee.speed:
        trainee.speed = speed
        world.emit(PaceChanged(world.tick, command.pace))


def _take_cover(world: Scene, trainee: Person, command: TakeCover) -> None:
    protection, thing = world.building.protection(trainee.position)
    if protection == "open":
        raise Refused("nothing next to you to take cover behind")
    trainee.path = []
    trainee.protection = protection
    world.emit(TookCover(world.tick, trainee.id, protection, trainee.position, thing))


def _leave_cover(world: Scene, trainee: Person, command: LeaveCover) -> None:
    if trainee.protection == "open":
        raise Refused("you are not in cover")
    trainee.protection = "open"
    world.emit(LeftCover(world.tick, trainee.id))


def _draw(world: Scene, trainee: Person, command: DrawWeapon) -> None:
    if not trainee.armed:
        raise Refused("you carry no weapon")
    if trainee.weapon_drawn:
        raise Refused("your weapon is already drawn")
    trainee.weapon_drawn = True
    world.emit(WeaponDrawn(world.tick, trainee.id))


def _holster(world: Scene, trainee: Person, command: Holster) -> None:
    if not trainee.weapon_drawn:
        raise Refused("your weapon is already holstered")
    trainee.weapon_drawn = False
    world.emit(WeaponHolstered(world.tick, trainee.id))


def _radio(world: Scene, trainee: Person, command: Radio) -> None:
    if not world.level.trainee.radio:
        raise Refused("you have no radio: call it in another way or relay through an officer")
    zone_ids = {z.id for z in world.level.zones}
    reason = radio.problem(command, zone_ids)
    if reason:
        raise Refused(reason)
    zone = world.zone_at(trainee.position)
    loss = world.radio_loss.get(zone, 0.0)
    if loss and world.stream("radio").random() < loss:
        world.emit(
            RadioLost(world.tick, trainee.id, command.kind, zone, "no signal here; repeat it")
        )
        return
    names = {z.id: z.name for z in world.level.zones}
    world.emit(
        RadioSent(
            world.tick, trainee.id, command.kind, command.slots, zone, radio.spoken(command, names)
        )
    )
    reply = radio.acknowledgement(command)
    if reply:
        world.emit(RadioHeard(world.tick, "Dispatch", reply, reply=True))


def _announce(world: Scene, trainee: Person, command: AnnouncePolice) -> None:
    trainee.announced_tick = world.tick
    world.emit(PoliceAnnounced(world.tick, trainee.id, trainee.position, trainee.off_duty))


def _jacket(world: Scene, trainee: Person, command: DonRaidJacket) -> None:
    if not trainee.raid_jacket_carried:
        raise Refused("you have no raid jacket with you")
    if trainee.raid_jacket_worn:
        raise Refused("you already wear your raid jacket")
    trainee.raid_jacket_worn = True
    trainee.busy_until = world.tick + JACKET_TICKS
    trainee.busy_with = "putting on the raid jacket"
    world.emit(RaidJacketDonned(world.tick, trainee.id))


def _badge(world: Scene, trainee: Person, command: ShowBadge) -> None:
    if trainee.badge_shown:
        raise Refused("your badge is already displayed")
    trainee.badge_shown = True
    world.emit(BadgeShown(world.tick, trainee.id))


def _challenge(world: Scene, trainee: Person, command: Challenge) -> None:
    target = _target(world, trainee, command.target, VOICE_RANGE, "challenge")
    seen = appearance(trainee, target, world.tick, world.told, True)
    firing = world.tick - target.last_fired_tick <= 30
    world.emit(ChallengeIssued(world.tick, trainee.id, target.id, target.role.value, seen, firing))
    target.challenged_by = trainee.id
    target.challenged_tick = world.tick


def _fire(world: Scene, trainee: Person, command: Fire) -> None:
    if not trainee.weapon_drawn:
        raise Refused("draw your weapon first")
    if world.tick - trainee.last_fired_tick < FIRE_COOLDOWN_TICKS:
        raise Refused("too soon after the last shot")
    target = _target(world, trainee, command.target, 40, "fire at")
    world.fire(trainee, target, TRAINEE_ACCURACY)


def _comply(world: Scene, trainee: Person, command: Comply) -> None:
    if world.tick - trainee.challenged_tick > 100 or not trainee.challenged_by:
        raise Refused("no one is challenging you")
    trainee.path = []
    if trainee.weapon_drawn:
        trainee.weapon_drawn = False
        world.emit(WeaponHolstered(world.tick, trainee.id))
    trainee.state = "complied"
    world.emit(Complied(world.tick, trainee.id, trainee.challenged_by))


def _open_door(world: Scene, trainee: Person, command: OpenDoor) -> None:
    door = _door(world, trainee, command.at, DoorState.CLOSED)
    world.building.set_door_state(door, DoorState.OPEN)
    world.emit(DoorOpened(world.tick, trainee.id, door.at))


def _close_door(world: Scene, trainee: Person, command: CloseDoor) -> None:
    door = _door(world, trainee, command.at, DoorState.OPEN)
    if any(p.present and p.position == door.at for p in world.people):
        raise Refused("someone is in the doorway")
    world.building.set_door_state(door, DoorState.CLOSED)
    world.emit(DoorClosed(world.tick, trainee.id, door.at))


def _breach(world: Scene, trainee: Person, command: Breach) -> None:
    door = _door(world, trainee, command.at, DoorState.LOCKED)
    trainee.path = []
    trainee.busy_until = world.tick + door.breach_ticks
    trainee.busy_with = "breaching the door"
    trainee.state = f"breaching {door.at.floor},{door.at.x},{door.at.y}"
    world.emit(BreachStarted(world.tick, door.at, door.breach_ticks))


def _direct(world: Scene, trainee: Person, command: DirectCivilians) -> None:
    if command.exit_zone:
        zone = next((z for z in world.level.zones if z.id == command.exit_zone), None)
        if zone is None or zone.kind not in (ZoneKind.EXIT, ZoneKind.CCP, ZoneKind.STAGING):
            raise Refused(
                f"{command.exit_zone!r} is not an exit, staging area or casualty collection point"
            )
    near = [
        p
        for p in world.people
        if p.role is Role.CIVILIAN
        and p.present
        and p.condition in ("ok", "walking")
        and p.state != "escaped"
        and gap(trainee, p) <= DIRECT_RANGE
        and world.sees(trainee, p, DIRECT_RANGE)
    ]
    if not near:
        raise Refused("no one near you to direct")
    for person in near:
        person.state = "directed"
        person.goal_zone = command.exit_zone
        person.path = []
        person.speed = 28
    world.emit(CiviliansDirected(world.tick, len(near), command.exit_zone, trainee.position))


def _tourniquet(world: Scene, trainee: Person, command: ApplyTourniquet) -> None:
    if trainee.tourniquets <= 0:
        raise Refused("you have no tourniquets left")
    if command.target:
        casualty = world.person(command.target)
        if casualty is None or not casualty.present:
            raise Refused("there is no one there to treat")
    else:
        near = [
            p
            for p in world.people
            if p.present and p.condition == "critical" and gap(trainee, p) <= 1.5
        ]
        casualty = min(near, key=lambda p: (gap(trainee, p), p.id)) if near else None
        if casualty is None:
            raise Refused("no casualty with critical bleeding next to you")
    if gap(trainee, casualty) > 1.5 or casualty.position.floor != trainee.position.floor:
        raise Refused("move next to the casualty first")
    if casualty.condition != "critical":
        raise Refused(f"that person has no critical bleeding ({_condition_words(casualty)})")
    trainee.tourniquets -= 1
    trainee.path = []
    trainee.busy_until = world.tick + TOURNIQUET_TICKS
    trainee.busy_with = "applying a tourniquet"
    casualty.condition = "stable"
    world.emit(TourniquetApplied(world.tick, trainee.id, casualty.id, casualty.position))


def _wait(world: Scene, trainee: Person, command: Wait) -> None:
    return None


def _target(world: Scene, trainee: Person, target_id: str, max_range: float, verb: str) -> Person:
    target = world.person(target_id)
    if target is None or not target.present or target is trainee:
        raise Refused(f"there is no one there to {verb}")
    if not world.sees(trainee, target, max_range):
        raise Refused(f"you cannot see that person from here to {verb} them")
    return target


def _condition_words(person: Person) -> str:
    # Refusals reach the screen: they name what the trainee sees, never a person's id or role.
    return {"ok": "not wounded", "walking": "walking wounded"}.get(
        person.condition, person.condition
    )


def _door(world: Scene, trainee: Person, at: Position | None, wanted: DoorState):
    doors = world.building.adjacent_doors(trainee.position)
    if at is not None:
        doors = [d for d in doors if d.at == at]
    matching = [d for d in doors if d.state is wanted]
    if not matching:
        raise Refused(f"no {wanted.value} door next to you")
    return matching[0]


def _nearest_tile(world: Scene, start: Position, tiles: list[Position]) -> Position | None:
    same_floor = [t for t in tiles if t.floor == start.floor] or tiles
    if not same_floor:
        return None
    return min(same_floor, key=lambda t: (distance(start.x, start.y, t.x, t.y), t))


_HANDLERS = {
    Move: _move,
    MoveTo: _move_to,
    AdvanceToGunfire: _advance,
    Stop: _stop,
    SetPace: _set_pace,
    TakeCover: _take_cover,
    LeaveCover: _leave_cover,
    DrawWeapon: _draw,
    Holster: _holster,
    Radio: _radio,
    AnnouncePolice: _announce,
    DonRaidJacket: _jacket,
    ShowBadge: _badge,
    Challenge: _challenge,
    Fire: _fire,
    Comply: _comply,
    OpenDoor: _open_door,
    CloseDoor: _close_door,
    Breach: _breach,
    DirectCivilians: _direct,
    ApplyTourniquet: _tourniquet,
    Wait: _wait,
}
