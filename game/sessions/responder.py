"""The bot's decisions: one run of a strategy turned into commands, tick by tick, from the percept."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.ballistics import MAX_RANGE
from game.core.commands import (
    AdvanceToGunfire,
    AnnouncePolice,
    ApplyTourniquet,
    Breach,
    Challenge,
    Command,
    Comply,
    DonRaidJacket,
    DrawWeapon,
    Fire,
    LeaveCover,
    MoveTo,
    Radio,
    SetPace,
    ShowBadge,
    Stop,
    TakeCover,
)
from game.core.geometry import fire_line
from game.core.level import Level, Position, ZoneKind
from game.core.perception import SIGHT_RANGE, field_of_view
from game.core.world import World
from game.sessions.conditions import threat_stopped
from game.sessions.eyes import Percept, Seen
from game.sessions.strategies import Strategy

THINK_TICKS = 5
"""The bot decides every half second (a trainee's reaction time), and at once on a refusal."""
LATE_TICKS = 900
"""How long "late" waits before moving to the gunfire: 90 s, past doctrine's 60 s entry window."""
BOUND_TICKS = 40
"""Cover to cover: after about this long on the move, stop briefly at the next cover."""
PAUSE_TICKS = 15
"""...and stay there this long (a momentary pause: doctrine allows a few seconds)."""
UPDATE_TICKS = 320
"""How often a reporting strategy sends a status update while the gunfire goes on."""
CHALLENGE_RANGE = 15
SEARCHED_KINDS = (ZoneKind.ROOM, ZoneKind.CORRIDOR, ZoneKind.LOBBY, ZoneKind.STAIRWELL)
"""The zones a silent-building search walks through."""
FIRE_RANGE = 25
SEARCH_GIVE_UP_TICKS = 300
"""A search goes on to the next room when one has not been reached in 30 s..."""
CLOSE_IN_TICKS = 20
"""After a shot refused for want of sight, close on the target this long before firing again."""
STUCK_TICKS = 20
"""...or when the trainee has not changed tile for 2 s (the room cannot be reached from here). A walk
covers 1.5 tiles a second, so between two decisions half a second apart the tile may not change."""


@dataclass
class Responder:
    """One run of a strategy: its memory of what it has done, and its next commands."""

    strategy: Strategy
    level: Level
    arrived_at: int | None = None
    reported: bool = False
    entry_announced: bool = False
    stop_reported: bool = False
    last_update: int = -(10**9)
    last_think: int = -(10**9)
    moving_since: int = 0
    paused_until: int = -1
    challenged: dict[str, int] = field(default_factory=dict)
    caring_for: str = ""
    searched: list[str] = field(default_factory=list)
    held_at: int | None = None
    search_target: str = ""
    stop_seen: bool = False
    stand_off_ordered: bool = False
    search_since: int = 0
    pace: str = "walk"
    last_position: Position | None = None
    still_since: int = 0
    search_goal: Position | None = None
    unseen: set[Position] = field(default_factory=set)
    last_zone: str = ""
    closing_until: int = -1

    def decide(self, p: Percept, world: World) -> list[Command]:
        """The commands for this tick (most ticks: none, the last ones carry on)."""
        if p.me is None or p.me.condition not in ("ok", "walking"):
            return []
        if p.tick - self.last_think < THINK_TICKS and not p.challenged_me:
            return []
        self.last_think = p.tick
        self._where(p)
        if self.arrived_at is None:
            self.arrived_at = p.tick
            return self._arrive(p)
        if p.challenged_me:
            return [Comply()]
        commands = self._radio(p)
        if threat_stopped(p):
            return commands + self._after_stop(p, world)
        engage = self._engage(p, world)
        if engage:
            return commands + engage
        if self.strategy.hold:
            return commands + self._hold(p, world)
        if self.strategy.care_early and self._casualty_near(p):
            care = self._care(p, world)
            if care:
                return commands + care
        if self.strategy.late and p.tick - self.arrived_at < LATE_TICKS:
            return commands
        pace = self._pace("run" if p.gunfire_within(90) else "walk")
        return commands + pace + self._advance(p, world)

    # -- phases -----------------------------------------------------------------------------------

    def _arrive(self, p: Percept) -> list[Command]:
        """On arrival: the report, weapon drawn, identification visible when not in uniform.

        The raid jacket goes on last: putting it on keeps the hands busy for a few seconds, and the
        radio would be refused meanwhile.
        """
        commands: list[Command] = []
        if self.strategy.report and self.strategy.hold != "stand_off":
            commands.append(self._initial_report(p))
            self.reported = True
            if self._moving_in(p) and not self.strategy.hold:
                self.entry_announced = True
                commands.append(
                    Radio.of(
                        "making_entry",
                        location=self._where(p),
                        action="making entry, solo, to the gunfire",
                    )
                )
        commands.append(DrawWeapon())
        if p.me.dress != "uniform":
            commands.append(AnnouncePolice())
            if not p.me.badge_shown:
                commands.append(ShowBadge())
            if self.level.trainee.raid_jacket and not p.me.raid_jacket:
                commands.append(DonRaidJacket())
        return commands

    def _radio(self, p: Percept) -> list[Command]:
        """Entry announcement, status updates, and the post-stop report, as the strategy sends them."""
        if not self.strategy.report or self.strategy.hold in ("outside", "stand_off"):
            return []
        if threat_stopped(p) and not self.stop_reported:
            self.stop_reported = True
            return [
                Radio.of(
                    "post_stop",
                    location=self._where(p),
                    shots="stopped",
                    casualties="checking",
                    action="threat stopped, starting care",
                    requests="rtf, ems, ccp",
                ),
                Radio.of("zone_warm", location=self._where(p), requests="rtf, ccp"),
            ]
        if not self.entry_announced and self._moving_in(p):
            self.entry_announced = True
            return [
                Radio.of(
                    "making_entry",
                    location=self._where(p),
                    action="making entry, solo, to the gunfire",
                )
            ]
        if p.gunfire_within(150) and p.tick - self.last_update >= UPDATE_TICKS and p.entered:
            self.last_update = p.tick
            return [
                Radio.of(
                    "update",
                    location=self._where(p),
                    shots="active",
                    action="inside, moving to the gunfire",
                )
            ]
        return []

    def _engage(self, p: Percept, world: World) -> list[Command]:
        """Challenge or fire at the person in view who is the threat (or looks like one).

        A shot refused because the target cannot be seen from here (a glimpse past a shelf) is not
        tried again from the same tile: the trainee closes on them for a couple of seconds first.
        """
        if any("cannot see that person" in reason for reason in p.refused):
            self.closing_until = p.tick + CLOSE_IN_TICKS
        blind = p.tick < self.closing_until
        for seen in p.people:
            if (
                not seen.armed
                or not seen.weapon_drawn
                or not seen.up
                or seen.surrendered
                or seen.complied
            ):
                continue
            if seen.dress == "uniform":
                continue
            if not self.strategy.challenge_first:
                if seen.distance <= FIRE_RANGE and (
                    self.strategy.reckless or _clear_shot(world, p, seen)
                ):
                    if blind:
                        return [MoveTo(target=seen.position)]
                    return self._cover_if_at_hand(p, world) or [Fire(seen.handle)]
                continue
            if seen.looks_police and not seen.hostile:
                if seen.handle not in self.challenged and seen.distance <= CHALLENGE_RANGE:
                    self.challenged[seen.handle] = p.tick
                    return [Stop(), TakeCover(), Challenge(seen.handle)]
                continue
            if seen.hostile and seen.firing and seen.distance <= FIRE_RANGE:
                if self.strategy.hold == "talk":
                    return [Challenge(seen.handle)] if seen.distance <= CHALLENGE_RANGE else []
                if _clear_shot(world, p, seen):
                    if blind:
                        return [MoveTo(target=seen.position)]
                    return self._cover_if_at_hand(p, world) or [Fire(seen.handle)]
            if (
                seen.distance <= CHALLENGE_RANGE
                and p.tick - self.challenged.get(seen.handle, -(10**9)) >= 20
            ):
                self.challenged[seen.handle] = p.tick
                return [Challenge(seen.handle)]
        return []

    def _hold(self, p: Percept, world: World) -> list[Command]:
        """The condemned holds: outside behind cover, inside talking, or ordering a stand-off."""
        hold = self.strategy.hold
        if hold == "talk" and not p.entered:
            return self._advance(p, world)
        if self.held_at is None:
            self.held_at = p.tick
            commands: list[Command] = [Stop()]
            if world.building.protection(p.me.position)[0] != "open":
                commands.append(TakeCover())
            return commands
        if hold == "stand_off" and not self.stand_off_ordered and p.gunfire_tick is not None:
            # Parkland: the order to hold back comes once the shooting is known.
            self.stand_off_ordered = True
            return [
                Radio.of(
                    "stand_off",
                    location=self._where(p),
                    shots="active",
                    action="shots inside; all units hold back, stay away from the building",
                    requests="perimeter",
                )
            ]
        if p.tick - self.held_at >= 300 and (p.tick - self.held_at) % 300 < THINK_TICKS:
            if hold == "talk":
                return [
                    Radio.of(
                        "update",
                        location=self._where(p),
                        shots="active",
                        action="suspect barricaded, holding position, waiting for the team",
                    )
                ]
            return [
                Radio.of(
                    "request",
                    location=self._where(p),
                    action="holding outside, waiting for backup",
                    requests="backup",
                )
            ]
        return []

    def _advance(self, p: Percept, world: World) -> list[Command]:
        """To the gunfire (breaching a locked door in the way), or a room-by-room search when silent."""
        if any("breach it" in reason for reason in p.refused):
            return [Breach()]
        if self.strategy.cover_to_cover and p.gunfire_within(300):
            if p.tick < self.paused_until:
                return []
            if p.tick == self.paused_until or p.me.protection != "open":
                self.moving_since = p.tick
                return (
                    [LeaveCover(), AdvanceToGunfire()]
                    if p.me.protection != "open"
                    else [AdvanceToGunfire()]
                )
            if (
                p.tick - self.moving_since >= BOUND_TICKS
                and world.building.protection(p.me.position)[0] == "cover"
            ):
                self.paused_until = p.tick + PAUSE_TICKS
                return [Stop(), TakeCover()]
        if p.gunfire_tick is not None:
            if p.me.protection != "open":
                return [LeaveCover(), AdvanceToGunfire()]
            return [AdvanceToGunfire()]
        return self._search(p, world)

    def _search(self, p: Percept, world: World) -> list[Command]:
        """No gunfire heard: walk deliberately through the building's rooms, nearest first.

        A room is cleared once every floor tile of it has been in sight (a look in from the
        threshold will do where nothing blocks it), else by walking on to its middle: shelves and
        desks can hide whoever is inside from the doorway. A corridor, lobby or stairwell passed
        through counts as searched.
        """
        here = p.me.position
        if here != self.last_position:
            self.last_position, self.still_since = here, p.tick
            if self.unseen:
                self.unseen -= field_of_view(world.building, here, SIGHT_RANGE)
        stuck = p.tick - max(self.still_since, self.search_since) >= STUCK_TICKS
        arrived = here == self.search_goal or stuck or not self.unseen
        given_up = p.tick - self.search_since > SEARCH_GIVE_UP_TICKS
        if p.zone and p.zone not in self.searched and self.level.zone(p.zone).kind != ZoneKind.ROOM:
            self.searched.append(p.zone)
        if self.search_target and not arrived and not given_up:
            return []
        left = [
            zone
            for zone in self.level.zones
            if zone.kind in SEARCHED_KINDS and zone.id not in self.searched
        ]
        if not left and (not self.stop_seen or len(p.treated) < self.level.trainee.tourniquets):
            # The attacker (or, after the stop, casualties) may still be out there: search again.
            self.searched = [p.zone] if p.zone else []
            left = [z for z in self.level.zones if z.kind in SEARCHED_KINDS and z.id != p.zone]
        if not left:
            return []
        target = min(left, key=lambda zone: (_zone_distance(zone, here), zone.id))
        self.searched.append(target.id)
        self.search_target, self.search_since = target.id, p.tick
        self.search_goal = _middle(world, target)
        self.unseen = _floor_tiles(world, target) - field_of_view(world.building, here, SIGHT_RANGE)
        move = MoveTo(target=self.search_goal) if self.search_goal else MoveTo(zone=target.id)
        return [*self._pace("walk"), move]

    def _care(self, p: Percept, world: World) -> list[Command]:
        """Go to the nearest critical casualty in view and apply a tourniquet."""
        casualties = [
            s
            for s in p.people
            if s.condition == "critical"
            and s.handle not in p.treated
            and not any(_near(s.position, at, 2) for at in p.stopped_at)
        ]
        if not casualties:
            return []
        nearest = casualties[0]
        if nearest.distance <= 1.5:
            return [ApplyTourniquet(nearest.handle)]
        return [MoveTo(target=nearest.position)]

    def _after_stop(self, p: Percept, world: World) -> list[Command]:
        """The threat is stopped: cover it from a distance, then find and treat the casualties."""
        commands: list[Command] = []
        if not self.stop_seen:
            self.stop_seen = True
            self.search_target, self.searched = "", []
            commands.append(Stop())
        commands += self._pace("walk")
        if len(p.treated) >= self.level.trainee.tourniquets:
            return commands
        care = self._care(p, world)
        return commands + (care or self._search(p, world))

    def _where(self, p: Percept) -> str:
        """The zone to name on the radio: where the trainee is, or the last zone they were in (a
        doorway or a tile beside cover may lie outside every zone, and the radio needs a zone)."""
        if p.zone:
            self.last_zone = p.zone
        return p.zone or self.last_zone

    def _pace(self, pace: str) -> list[Command]:
        """A pace change when the situation calls for another pace."""
        if pace == self.pace:
            return []
        self.pace = pace
        return [SetPace(pace)]

    # -- helpers --------------------------------------------------------------------------------

    def _cover_if_at_hand(self, p: Percept, world: World) -> list[Command]:
        """Take cover before firing when a wall or column is right beside you (cover stops rounds).

        Taking cover can move the trainee a tile, so the shot waits for the next decision, when the
        line of fire is checked again from where the trainee then stands.
        """
        if p.me.protection == "open" and world.building.protection(p.me.position)[0] == "cover":
            return [TakeCover()]
        return []

    def _initial_report(self, p: Percept) -> Radio:
        described = next((text for text in p.dispatch if text), "")
        return Radio.of(
            "initial_report",
            location=self._where(p),
            shots="active" if p.gunfire_tick is not None else "unknown",
            description=described[:80] or "unknown",
            weapon="long gun reported",
            direction="inside the building",
            casualties="unknown",
            action="solo, moving to the gunfire",
            requests="backup, ems, staging, command",
        )

    def _moving_in(self, p: Percept) -> bool:
        """Whether the trainee is about to go in (so "making entry" is due)."""
        waiting = self.strategy.late and p.tick - self.arrived_at < LATE_TICKS
        return not p.entered and not waiting

    def _casualty_near(self, p: Percept) -> bool:
        return any(
            s.condition == "critical" and s.distance <= 6 and s.handle not in p.treated
            for s in p.people
        )


def _clear_shot(world: World, p: Percept, target: Seen) -> bool:
    """Whether no one else in view stands on the line of fire, to the first wall that stops rounds
    (the engine's own line, `fire_line`, so the bot judges the shot as the rubric does)."""
    me = p.me.position
    others = {
        (s.position.x, s.position.y)
        for s in p.people
        if s.handle != target.handle and s.position.floor == me.floor
    }
    for x, y in fire_line(me.x, me.y, target.position.x, target.position.y, MAX_RANGE):
        if world.building.stops_rounds(me.floor, x, y):
            return True
        if (x, y) in others:
            return False
    return True


def _floor_tiles(world: World, zone) -> set[Position]:
    """The walkable tiles of a zone's first area."""
    area = zone.areas[0]
    return {
        Position(area.floor, x, y)
        for x in range(area.x1, area.x2 + 1)
        for y in range(area.y1, area.y2 + 1)
        if world.building.walkable(Position(area.floor, x, y))
    }


def _middle(world: World, zone) -> Position | None:
    """The walkable tile of a zone's first area nearest its middle (None when none is walkable)."""
    area = zone.areas[0]
    cx, cy = (area.x1 + area.x2) / 2, (area.y1 + area.y2) / 2
    tiles = _floor_tiles(world, zone)
    return min(tiles, key=lambda t: ((t.x - cx) ** 2 + (t.y - cy) ** 2, t.x, t.y), default=None)


def _zone_distance(zone, here: Position) -> float:
    area = zone.areas[0]
    floor_gap = 0 if area.floor == here.floor else 40 * abs(area.floor - here.floor)
    cx, cy = (area.x1 + area.x2) / 2, (area.y1 + area.y2) / 2
    return abs(cx - here.x) + abs(cy - here.y) + floor_gap


def _near(a: Position, b: Position, tiles: float) -> bool:
    return a.floor == b.floor and abs(a.x - b.x) <= tiles and abs(a.y - b.y) <= tiles
