"""The world: one incident, stepped tick by tick from commands to events. Pure and deterministic."""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Container, Sequence

from game.core import civilians, officers, orders, suspects
from game.core.ballistics import hit_chance, line_of_fire, non_threats, resolve_hit
from game.core.building import Building, kept_for
from game.core.clock import NEVER
from game.core.commands import Command, DirectCivilians, EndScenario
from game.core.events import (
    CasualtyWorsened,
    ContactMade,
    EnteredBuilding,
    EnteredZone,
    Event,
    FriendlyFire,
    GunfireHeard,
    LeftBuilding,
    OfficerArrived,
    PersonSighted,
    PersonWounded,
    PromptShown,
    RadioDegraded,
    RadioHeard,
    RadioRestored,
    ScenarioEnded,
    ScenarioStarted,
    ShotFired,
    ThreatStopped,
    TraineeArrived,
)
from game.core.geometry import distance
from game.core.layouts import ExitField, standing_tiles
from game.core.level import (
    TRAINEE_ID,
    Condition,
    Description,
    Level,
    Place,
    Position,
    Role,
    TimelineEntry,
    TimelineKind,
    ZoneKind,
)
from game.core.movement import finish_trainee_action, gather, move_trainee, trainee_due
from game.core.pathfinding import exit_cells, prepare_paths
from game.core.people import (
    Person,
    PersonView,
    Views,
    appearance,
    create_civilian,
    create_officer,
    create_suspect,
    create_trainee,
    pick_weighted,
    told_at_start,
)
from game.core.perception import SIGHT_RANGE, InSight, hear_gunshot, line_of_sight
from game.core.proximity import gap
from game.core.rest import rest_memo
from game.core.streams import Stream

CRITICAL_WORSENS_TICKS = 1200
"""A critical casualty without a tourniquet worsens after two minutes..."""
CRITICAL_LOST_TICKS = 3000
"""...and is lost after five (Hartford Consensus: no one should die of uncontrolled bleeding)."""
TRAINEE_DOWN_HITS = 2
ENGAGEMENT_RANGE = 8.0
"""Tiles within which a trainee in sight of a suspect with the weapon drawn has closed to engage (contact)."""
_SETTLED = frozenset({"sheltering", "freeze", "escaped"})
"""Civilian states in which a civilian waits where they are until the trainee directs them."""
_MOBILE = frozenset({"ok", "walking"})


class World:
    """One run of a level: state, a seeded generator, and the event log."""

    def __init__(self, level: Level, seed: int = 1, variant: dict[str, str] | None = None) -> None:
        self.level = level
        self.seed = seed
        self._streams: dict[str, random.Random] = {}
        self.tick = 0
        self.building = Building(level)
        self.variant = _choose_variant(level, self.stream("variants"), variant or {})
        self.log: list[Event] = []
        self.finished = False
        self.end_reason = ""
        self.radio_loss: dict[str, float] = {}
        self.last_gunfire: Position | None = None
        self.last_gunfire_tick = -(10**9)
        self.heard_gunfire_at: Position | None = None
        self.alerted = False
        self._zone_tiles: dict[str, tuple[int, list[Position]]] = {}
        self._zone_of = _zones_by_tile(level)
        self._pending: list[Event] = []
        self._contact_made: set[str] = set()
        self._sighted: set[str] = set()
        self._timeline: dict[int, list[TimelineEntry]] = {}
        """This run's timeline entries by their tick, in the level's order."""
        for entry in level.timeline:
            if self.present(entry.when):
                self._timeline.setdefault(entry.at, []).append(entry)
        self._timeline_ticks = sorted(self._timeline)
        self.quiet = False
        """Whether the last step changed nothing anyone could perceive: no command, no event, no
        change of place, looks or doors (only then may the world rest, `rest_until`)."""
        self.trainee = create_trainee(level, self.place(level.trainee.spawn, TRAINEE_ID))
        self.people: list[Person] = [self.trainee]
        for spec in level.suspects:
            if self.present(spec.when):
                self.people.append(create_suspect(spec, self.place(spec.spawn, spec.id)))
        for spec in level.officers:
            if self.present(spec.when):
                self.people.append(
                    create_officer(
                        spec, self.place(spec.spawn, spec.id), self.stream(f"officer:{spec.id}")
                    )
                )
        for group in level.civilians:
            if self.present(group.when):
                spots = self.spread(group.spawn, group.count, group.id)
                for index in range(group.count):
                    self.people.append(create_civilian(group, index, spots[index]))
        self._by_id = {p.id: p for p in self.people}
        self.moves = 0
        """How many times someone has changed tile, come on scene or left it (what is worked out
        from where everyone stands is kept while it stays the same)."""
        self._movers: list[Person] = []
        """Who made the last of those changes, oldest first (`movers_since`)."""
        self.restyles = 0
        """How many times someone's looks changed with no event to say so (`restyled`)."""
        self._armed = [p for p in self.people if p.role in (Role.SUSPECT, Role.OFFICER)]
        self._en_route = [p for p in self._armed if p.officer is not None and p.state == "en route"]
        """The officers still on their way (only an officer made en route ever arrives)."""
        self.police = [p for p in self.people if p.is_police]
        """The trainee and the other officers, in a fixed order."""
        self.suspects = [p for p in self.people if p.role is Role.SUSPECT]
        """The suspects, in a fixed order."""
        self.civilians = [p for p in self.people if p.role is Role.CIVILIAN]
        """Students and staff, in a fixed order."""
        self._civilians_here = self._civilians_who_may_act()
        self.armed_civilians = [p for p in self.civilians if p.armed]
        """Civilians who carry a weapon (a guard, an armed teacher), in a fixed order."""
        self._to_sight = self._armed + self.armed_civilians
        """The armed people whose sighting by the trainee may still add something."""
        self._bleeding = [p for p in self.civilians if p.condition == "critical"]
        self._bleeding_due = 0
        """The next tick at which someone's bleeding reaches a turn (worsening, or death)."""
        self.emit(
            ScenarioStarted(
                0,
                level.id,
                seed,
                tuple(sorted(self.variant.items())),
                tuple(p.id for p in self.suspects),
                len(self.civilians),
            )
        )
        for person in self.police:
            if person.role is Role.OFFICER and person.present:
                self.emit(
                    OfficerArrived(
                        0, person.id, person.position, person.dress.value, person.off_duty
                    )
                )
        for person in self.people:
            if person.role is Role.CIVILIAN and person.condition != "ok":
                self.emit(
                    PersonWounded(0, person.id, "civilian", "", person.condition, person.position)
                )
        self.trainee.zone = self.zone_at(self.trainee.position)
        self.trainee.inside = self.building.is_inside(self.trainee.position)
        self.arrived = False
        """Whether the trainee is on scene (the level's `on_scene` zone reached, or the spawn)."""
        self._placed_at: Position | None = None
        """Where the trainee stood when their zone and building were last worked out."""
        self.told = told_at_start(level)
        """What dispatch has told of the suspects' looks so far."""
        self._told_by: dict[str, Description] = {}
        if self.trainee.present:
            self._trainee_appears()
        self._flush()

    # -- the entry points: a step, or a rest through ticks in which nothing happens ------------

    def step(self, commands: Sequence[Command] = ()) -> list[Event]:
        """Advance one tick: carry out the trainee's commands, then everyone else acts."""
        if self.finished:
            return []
        counts = (self.moves, self.restyles, self.building.door_version)
        self._run_timeline()
        self._arrivals()
        finish_trainee_action(self)
        for command in commands:
            if isinstance(command, EndScenario):
                self.end("ended by trainee")
            if self.finished:
                break
            orders.carry_out(self, command)
            if isinstance(command, DirectCivilians):
                self._civilians_here = self._civilians_who_may_act()  # the directed move again
        # Nothing happens once the scenario has ended, not even later in the same tick.
        if not self.finished:
            move_trainee(self)
        for person in self._armed:
            if self.finished:
                break
            if not person.present:
                continue
            if person.role is Role.SUSPECT:
                suspects.act_suspect(self, person)
            else:
                officers.act_officer(self, person)
        for person in self.armed_civilians:
            if person.present and not self.finished:
                civilians.answer_challenge(self, person)
        # Chosen before anyone acts: a civilian's act changes only their own state.
        acting = [] if self.finished else self._acting()
        civilians.act_civilians(self, acting)
        for person in acting:
            if not person.present or _settled(person):  # settled stays settled
                self._civilians_here = self._civilians_who_may_act(self._civilians_here)
                break
        if not self.finished:
            self._casualties()
            self._trainee_perception()
        if self.tick >= self.level.duration and not self.finished:
            self.end("time limit")
        self.tick += 1
        events = self._flush()
        self.quiet = not (commands or events) and counts == (
            self.moves,
            self.restyles,
            self.building.door_version,
        )
        memo = rest_memo(self.building)
        looking, memo.looking = memo.looking, None
        idle = memo.idle_looks
        if not (
            self.quiet
            and looking is not None
            and all(idle.get(p.id, (-1,))[0] == memo.stirs for p in looking)
        ):
            memo.stirs += 1
        return events

    def rest_until(self, limit: int) -> int:
        """The first tick from now, up to `limit`, at which anything may happen in this world while
        nothing anyone could perceive changes: someone's next act or step (`suspect_due`,
        `officer_due`, `answer_due`, `civilian_due`, `trainee_due`), a timeline entry, an arrival, a
        turn of someone's bleeding or the time limit. Now, unless the last step was `quiet`: what
        the trainee sees then is what they saw at its end, so looking again finds nothing new."""
        return self._rest_until(limit, [], [], [])

    def rest(self, limit: int) -> int:
        """Pass at once the ticks before `limit` (at most up to `rest_until`), in which stepping
        one by one would change nothing but the clock and the budgets of those walking (`gather`);
        the tick reached."""
        walking: list[Person] = []
        cornered: list[Person] = []
        passing: list[Person] = []
        until = self._rest_until(limit, walking, cornered, passing)
        if until > self.tick:
            gather(walking, until - self.tick)
            civilians.pass_cornered(cornered, until - self.tick)
            officers.pass_looks(self, passing, self.tick, until)
            self.tick = until
        return self.tick

    # -- queries for commands, behaviours and the client -----------------------------------------

    def prepare(self) -> None:
        """Work out before play what the first minutes would work out on the way (the map's paths and
        the way to the exits), so that no frame waits for it; the run itself is the same."""
        prepare_paths(self.building)
        self.exit_field()

    def stream(self, name: str) -> random.Random:
        """The random stream of one concern (a suspect, the radio, someone's shots...), derived from
        the seed and the name alone: a draw in one stream never moves another."""
        rng = self._streams.get(name)
        if rng is None:
            rng = self._streams[name] = Stream(self.seed, name)
        return rng

    def person(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return self._by_id.get(person_id)

    def snapshot(self, on: Container[Position] | None = None, of: str = "") -> list[PersonView]:
        """Everyone on scene, as read-only pictures; only those standing on one of the tiles `on`,
        or only the person `of` (when on scene), if given."""
        picture = self._views().of
        if of:
            person = self._by_id.get(of)
            return [picture(person)] if person is not None and person.present else []
        if on is None:
            return [picture(p) for p in self.people if p.present]
        if isinstance(on, InSight):
            return [picture(p) for p in on.among(self.people, self.moves, self.movers_since)]
        return [picture(p) for p in self.people if p.present and p.position in on]

    def _views(self) -> Views:
        """The pictures already made of this world's people (kept outside its state)."""
        kept = kept_for(self.building)
        views = kept.get("views")
        if views is None:
            views = kept["views"] = Views()
        return views

    def zone_at(self, position: Position) -> str:
        """The id of the zone a tile lies in, or ''."""
        return self._zone_of.get(position, "")

    def zone_name(self, zone_id: str) -> str:
        """The radio name of a zone."""
        return self.level.zone(zone_id).name if zone_id else "unknown location"

    def present(self, condition: Condition | None) -> bool:
        """Whether something with this variant condition is in this run."""
        return condition is None or condition.holds(self.variant)

    def place(self, place: Place, who: str) -> Position:
        """The tile a place names for someone: exact, or a seeded walkable tile of its zone."""
        if place.at is not None:
            return place.at
        return self.spread(place, 1, who)[0]

    def spread(self, place: Place, count: int, who: str) -> list[Position]:
        """Count seeded tiles for someone (a group) spawning at a place (distinct while the zone has
        room), drawn from their own placement stream."""
        if place.at is not None:
            return [place.at] * count
        tiles = self.zone_tiles(place.zone)
        rng = self.stream(f"place:{who}")
        picks = rng.sample(tiles, min(count, len(tiles)))
        while len(picks) < count:
            picks.append(rng.choice(tiles))
        return picks

    def zone_tiles(self, zone_id: str) -> list[Position]:
        """The tiles of a zone a person may stand on now, in a fixed order."""
        cached = self._zone_tiles.get(zone_id)
        if cached is not None and cached[0] == self.building.lock_version:
            return cached[1]  # only a lock changes where one may stand: a closed door is opened
        tiles = standing_tiles(self.building, self.level.zone(zone_id).areas)
        self._zone_tiles[zone_id] = (self.building.lock_version, tiles)
        return tiles

    def exit_field(self, exit_zone: str = "") -> ExitField:
        """Distances to the exits (all, or one named exit zone) and the steps toward them (`ExitField`).
        Kept until a door is locked or breached (a closed door is opened on the way), with the
        building rather than in the world's state: a keyframe or a saved state need not hold it."""
        key = (exit_zone, self.building.lock_version)
        kept = kept_for(self.building)
        fields: dict[tuple[str, int], ExitField] | None = kept.get("exit_fields")
        if fields is None:
            fields = kept["exit_fields"] = {}
        known = fields.get(key)
        if known is None:
            zones = [
                z
                for z in self.level.zones
                if (z.id == exit_zone if exit_zone else z.kind is ZoneKind.EXIT)
            ]
            goals = [t for z in zones for t in self.zone_tiles(z.id)]
            known = fields[key] = exit_cells(self.building, goals)
        return known

    def moved(self, person: Person) -> None:
        """Someone changed tile, came on scene or left it: counted (`moves`) and kept (`movers_since`)."""
        self.moves += 1
        self._movers.append(person)
        if len(self._movers) > _MOVERS_KEPT:
            del self._movers[: _MOVERS_KEPT // 2]

    def changes(self) -> tuple[int, int, int, int]:
        """Counts of what has happened so far: events, changes of place, restyles, door changes.
        The same counts at two moments mean that no one's place or looks and no door changed in
        between and nothing was said or heard: for keeping what was worked out, never for deciding."""
        return (len(self.log), self.moves, self.restyles, self.building.door_version)

    def restyled(self, person: Person) -> None:
        """Someone's looks changed with no event to say so (an officer drawing a weapon): counted
        (`restyles`), so that a step with no event, no move and no restyle changed no one's looks."""
        self.restyles += 1

    def movers_since(self, moves: int) -> list[Person] | None:
        """Who changed tile, came or went since the count of moves was `moves` (in order, once for
        each change), or None when that is longer ago than is kept."""
        back = self.moves - moves
        if back < 0 or back > len(self._movers):
            return None
        return self._movers[len(self._movers) - back :]

    def sees(self, observer: Person, person: Person, max_range: float = SIGHT_RANGE) -> bool:
        """Whether one person can see the other now."""
        return line_of_sight(self.building, observer.position, person.position, max_range)

    def emit(self, event: Event) -> None:
        """Record an event; it is returned from this tick's step and kept in the log."""
        self._pending.append(event)

    def end(self, reason: str) -> None:
        """End the run."""
        if not self.finished:
            self.finished = True
            self.end_reason = reason
            self.emit(ScenarioEnded(self.tick, reason))

    def stop(self, reason: str) -> None:
        """End the run between ticks (a script's time limit) and log it."""
        self.end(reason)
        self._flush()

    # -- shots, shared by everyone who fires ---------------------------------------------------

    def fire(
        self, shooter: Person, target: Person | None, accuracy: float, aim: Position | None = None
    ) -> Person | None:
        """Fire one round at a person (or at a tile); resolve the line of fire and any hit."""
        aim_at = target.position if target else (aim or shooter.position)
        rounds = self.stream(f"shots:{shooter.id}")
        fire = line_of_fire(
            self.building,
            shooter,
            aim_at,
            self.people,
            rounds,
            self.level.rounds_through_concealment,
        )
        seen = (
            appearance(shooter, target, self.tick, self.told, self.sees(shooter, target))
            if target
            else None
        )
        hit: Person | None = None
        if target is not None and accuracy > 0:
            # Accuracy 0 is a shooter who never hits: not the target, nor anyone near the line.
            hit = resolve_hit(
                rounds,
                target,
                hit_chance(shooter, target, accuracy),
                fire,
            )
        shooter.last_fired_tick = self.tick
        self.emit(
            ShotFired(
                self.tick,
                shooter.id,
                shooter.role.value,
                target.id if target else "",
                target.role.value if target else "",
                shooter.position,
                aim_at,
                hit.id if hit else "",
                tuple(p.id for p in fire.between),
                tuple(p.id for p in fire.behind),
                non_threats(fire.between + fire.behind),
                seen,
                bool(target and self.tick - target.last_fired_tick <= 30),
                bool(target and target.state == "surrendered"),
                shooter.protection,
                fire.stopped_at,
                non_threats(fire.to_cover),
                non_threats(tuple(p for p in fire.to_cover if self.sees(shooter, p))),
            )
        )
        if shooter.role is Role.SUSPECT:
            self._gunfire(shooter.position)
            if target is self.trainee and gap(shooter, target) <= ENGAGEMENT_RANGE:
                self._contact(shooter, "exchange of fire")
        elif shooter is self.trainee and target is not None and target.role is Role.SUSPECT:
            self._contact(target, "exchange of fire")
        if shooter.is_police and (
            (target is not None and target.is_police) or (hit is not None and hit.is_police)
        ):
            self.emit(
                FriendlyFire(self.tick, shooter.id, hit.id if hit else target.id, hit is not None)
            )
        if hit is not None:
            self.wound(hit, shooter)
        return hit

    def wound(self, person: Person, by: Person) -> None:
        """A round hits a person: a casualty marker, never more."""
        person.hits += 1
        person.path.clear()
        if person.role is Role.SUSPECT:
            if person.condition == "incapacitated":
                self.emit(
                    PersonWounded(
                        self.tick, person.id, "suspect", by.id, "incapacitated", person.position
                    )
                )
                return
            person.condition = "incapacitated"
            person.weapon_drawn = False
            person.state = "down"
            self.emit(
                PersonWounded(
                    self.tick, person.id, "suspect", by.id, "incapacitated", person.position
                )
            )
            self.emit(ThreatStopped(self.tick, person.id, "incapacitated", by.id))
            return
        if person.condition in ("critical", "stable", "deceased", "incapacitated"):
            # Already a casualty: a further hit is reported, but it neither heals nor restarts the clock.
            self.emit(
                PersonWounded(
                    self.tick,
                    person.id,
                    person.role.value,
                    by.id,
                    person.condition,
                    person.position,
                )
            )
            return
        if person.role is Role.TRAINEE:
            person.condition = "walking" if person.hits < TRAINEE_DOWN_HITS else "incapacitated"
        elif person.role is Role.OFFICER or person.condition == "walking":
            person.condition = "critical"
        else:
            person.condition = (
                "critical" if self.stream(f"wounds:{person.id}").random() < 0.6 else "walking"
            )
        person.wounded_tick = self.tick
        if person.condition == "critical":
            self._bleeding.append(person)
            self._bleeding_due = self.tick
        elif person.role is Role.CIVILIAN:
            self._civilians_here = self._civilians_who_may_act()  # the walking wounded move
        self.emit(
            PersonWounded(
                self.tick, person.id, person.role.value, by.id, person.condition, person.position
            )
        )
        if person.role is Role.TRAINEE and person.condition == "incapacitated":
            self.end("trainee down")

    # -- internals ------------------------------------------------------------------------------

    def _rest_until(
        self, limit: int, walking: list[Person], cornered: list[Person], passing: list[Person]
    ) -> int:
        now = self.tick
        memo = rest_memo(self.building)
        memo.looking = None
        if not self.quiet or self.finished or limit <= now:
            return now
        due = self._due_but_looks(walking, cornered)
        if due <= now:
            return now
        looking = []
        for person in self.police:
            if person.role is Role.OFFICER and person.present:
                look = officers.look_due(self, person, passing)
                if look <= now:
                    looking.append(person)
                due = min(due, look)
        due = min(due, limit)
        if due <= now:
            # Nothing but looks comes now. The officers whose looks are passed look in this step
            # too: it stirs nothing if every look in it finds nothing.
            memo.looking = looking + [p for p in passing if p.next_action_tick <= now]
        return max(now, due)

    def _due_but_looks(self, walking: list[Person], cornered: list[Person]) -> int:
        """The first tick from now at which anything but an officer's look round may happen."""
        now = self.tick
        # The armed first: one of them due now is the commonest answer. A tick already past is
        # now: the least is taken, then compared with now.
        due = NEVER
        for person in self._armed:
            if person.present:
                if person.role is Role.SUSPECT:
                    due = min(due, suspects.suspect_due(self, person, walking))
                else:
                    due = min(due, officers.officer_due(self, person, walking))
                if due <= now:
                    return now
        due = min(due, self.level.duration, trainee_due(self, walking))
        if self._bleeding:
            due = min(due, self._bleeding_due)
        if not self.trainee.present:
            due = min(due, self.level.trainee.arrives)
        for person in self._en_route:
            if not person.present and person.state == "en route":
                due = min(due, person.officer.arrives)
        at = bisect_left(self._timeline_ticks, now)
        if at < len(self._timeline_ticks):
            due = min(due, self._timeline_ticks[at])
        for person in self.armed_civilians:
            if person.present:
                due = min(due, civilians.answer_due(self, person))
        if due <= now:
            return now
        fields = civilians.ExitFields(self)
        for person in self._acting():
            due = min(due, civilians.civilian_due(self, person, walking, cornered, fields))
            if due <= now:
                return now
        return due

    def _acting(self) -> list[Person]:
        """The civilians who act of their own accord this tick."""
        alerted = self.alerted
        return [
            p
            for p in self._civilians_here
            if p.present
            and p.state not in _SETTLED
            and p.condition in _MOBILE
            and (alerted or p.state != "idle" or p.condition != "ok")
        ]

    def _flush(self) -> list[Event]:
        events, self._pending = self._pending, []
        self.log.extend(events)
        return events

    def _run_timeline(self) -> None:
        for entry in self._timeline.get(self.tick, ()):
            if entry.kind is TimelineKind.RADIO:
                # A trainee with a radio hears the channel wherever they are, even before arriving.
                if self.trainee.present or self.level.trainee.radio or entry.at == 0:
                    self.emit(RadioHeard(self.tick, entry.sender, entry.text))
                    if entry.description is not None:
                        self._tell(entry.about, entry.description)
            elif entry.kind is TimelineKind.RADIO_DEGRADED:
                self.radio_loss[entry.zone] = entry.loss
                self.emit(RadioDegraded(self.tick, entry.zone, entry.loss))
            elif entry.kind is TimelineKind.RADIO_RESTORED:
                self.radio_loss.pop(entry.zone, None)
                self.emit(RadioRestored(self.tick, entry.zone))
            elif entry.kind is TimelineKind.PROMPT:
                self.emit(PromptShown(self.tick, entry.text))

    def _arrivals(self) -> None:
        if not self.trainee.present and self.tick >= self.level.trainee.arrives:
            self.trainee.present = True
            self.moved(self.trainee)
            self._trainee_appears()
        arrived = False
        for person in self._en_route:
            spec = person.officer
            if (
                spec is not None
                and not person.present
                and person.state == "en route"
                and self.tick >= spec.arrives
            ):
                arrived = True
                person.present = True
                self.moved(person)
                person.state = "arrived"
                self.emit(
                    OfficerArrived(
                        self.tick, person.id, person.position, person.dress.value, person.off_duty
                    )
                )
                if not person.off_duty:
                    where = self.zone_name(self.zone_at(person.position))
                    # The call sign goes on the air, so it is never the person's id.
                    unit = sum(1 for p in self._armed if p.officer and not p.off_duty and p.present)
                    self.emit(RadioHeard(self.tick, f"Backup unit {unit}", f"On scene at {where}."))
        if arrived:
            self._en_route = [p for p in self._en_route if p.state == "en route"]

    def _tell(self, about: str, description: Description) -> None:
        """A radio description heard: it replaces what was told of that suspect (or of all)."""
        if not about:
            self._told_by.clear()
        self._told_by[about] = description
        self.told = tuple(self._told_by[key] for key in sorted(self._told_by))

    def _trainee_appears(self) -> None:
        """The trainee is on the map: on scene now, or en route until they reach the scene zone."""
        scene = self.level.trainee.on_scene
        if scene and self.zone_at(self.trainee.position) != scene:
            self.trainee.state = "en route"
            return
        self._arrive_trainee()

    def _arrive_trainee(self) -> None:
        trainee = self.trainee
        self.arrived = True
        trainee.state = "on scene"
        zone = self.zone_at(trainee.position)
        self.emit(
            TraineeArrived(
                self.tick,
                trainee.position,
                zone,
                trainee.dress.value,
                trainee.raid_jacket_worn,
                trainee.badge_shown,
            )
        )
        if trainee.inside:
            self.emit(EnteredBuilding(self.tick, trainee.id, trainee.position, zone, True))

    def _contact(self, suspect: Person, how: str) -> None:
        """The trainee's first closing to engage a suspect (doctrine §7.8 A3), once per suspect."""
        if suspect.id in self._contact_made:
            return
        self._contact_made.add(suspect.id)
        here, there = self.trainee.position, suspect.position
        gap = round(distance(here.x, here.y, there.x, there.y), 2)
        self.emit(ContactMade(self.tick, suspect.id, there, gap, how))

    def _gunfire(self, source: Position) -> None:
        self.last_gunfire = source
        self.last_gunfire_tick = self.tick
        if not self.alerted:
            self.alerted = True
            self._civilians_here = self._civilians_who_may_act()  # the idle may act now
        if not self.trainee.present:
            return
        sound = hear_gunshot(self.building, source, self.trainee.position)
        if sound is not None:
            self.heard_gunfire_at = source
            self.emit(
                GunfireHeard(
                    self.tick,
                    sound.bearing,
                    sound.direction,
                    sound.loudness,
                    sound.distance,
                    sound.floor,
                )
            )

    def _civilians_who_may_act(self, among: list[Person] | None = None) -> list[Person]:
        """The civilians (all, or `among` those chosen before) who may act now or later without
        anything new happening to them: on scene, not settled, and (before the alarm) already on the
        move or hurt. Settled stays settled (an escape is for good) until the trainee directs them;
        a wound, the alarm and an order are the only things that make someone act who would not
        (so the list is made anew from all then), and an armed one may be challenged."""
        alerted = self.alerted
        return [
            p
            for p in (self.civilians if among is None else among)
            if p.present
            and (
                p.armed
                or (not _settled(p) and (alerted or p.state != "idle" or p.condition != "ok"))
            )
        ]

    def _casualties(self) -> None:
        if not self._bleeding or self.tick < self._bleeding_due:
            return  # no one's bleeding reaches a turn before then
        self._bleeding = [p for p in self._bleeding if p.condition == "critical" and p.present]
        due = []
        for person in self._bleeding:
            bleeding = self.tick - person.wounded_tick
            if bleeding == CRITICAL_WORSENS_TICKS:
                self.emit(CasualtyWorsened(self.tick, person.id, "critical, worsening"))
            elif bleeding >= CRITICAL_LOST_TICKS:
                person.condition = "deceased"
                self.emit(CasualtyWorsened(self.tick, person.id, "deceased"))
                continue
            turn = (
                CRITICAL_WORSENS_TICKS if bleeding < CRITICAL_WORSENS_TICKS else CRITICAL_LOST_TICKS
            )
            due.append(person.wounded_tick + turn)
        self._bleeding_due = min(due, default=self.tick + 1)

    def _trainee_perception(self) -> None:
        trainee = self.trainee
        if not trainee.present:
            return
        if trainee.position is not self._placed_at:  # where one stands changes only with a step
            self._placed_at = trainee.position
            self._trainee_whereabouts(trainee.position)
        self._trainee_sightings(trainee)

    def _trainee_whereabouts(self, position: Position) -> None:
        """The zone and building the trainee is in, and the arrival on scene."""
        trainee = self.trainee
        zone = self.zone_at(position)
        if zone != trainee.zone:
            trainee.zone = zone
            if zone:
                self.emit(EnteredZone(self.tick, trainee.id, zone, self.zone_name(zone)))
        kind_inside = self.building.is_inside(position)
        outside = self.building.kind(position).value == "ground"
        entering = kind_inside and not trainee.inside
        if not self.arrived and (zone == self.level.trainee.on_scene or entering):
            # On scene in the scene zone, or on stepping into a building before reaching it.
            self._arrive_trainee()
        if entering:
            trainee.inside = True
            self.emit(EnteredBuilding(self.tick, trainee.id, position, zone))
        elif outside and trainee.inside:
            trainee.inside = False
            self.emit(LeftBuilding(self.tick, trainee.id, position))

    def _trainee_sightings(self, trainee: Person) -> None:
        """Armed people the trainee sees for the first time, and contact made with a suspect."""
        done = False
        for person in self._to_sight:
            if not person.present or not person.armed:
                continue
            if self._sighted_enough(person):
                done = True
                continue
            in_sight = self.sees(trainee, person)
            if not in_sight:
                continue
            if person.id not in self._sighted:
                self._sighted.add(person.id)
                seen = appearance(trainee, person, self.tick, self.told, True)
                self.emit(
                    PersonSighted(
                        self.tick,
                        trainee.id,
                        person.id,
                        person.role.value,
                        person.weapon_drawn,
                        person.position,
                        seen,
                    )
                )
            if person.role is Role.SUSPECT and person.id not in self._contact_made:
                if person.challenged_by == trainee.id and person.challenged_tick == self.tick:
                    self._contact(person, "challenge")
                elif (
                    person.active
                    and person.state != "surrendered"
                    and trainee.weapon_drawn
                    and gap(trainee, person) <= ENGAGEMENT_RANGE
                ):
                    self._contact(person, "engagement range")
        if done:
            self._to_sight = [p for p in self._to_sight if not self._sighted_enough(p)]

    def _sighted_enough(self, person: Person) -> bool:
        """Already sighted by the trainee, and no contact left to make: seeing them adds nothing."""
        return person.id in self._sighted and (
            person.role is not Role.SUSPECT or person.id in self._contact_made
        )


_MOVERS_KEPT = 4096
"""Changes of place kept for `movers_since` (a few ticks of a crowd on the move)."""


def _zones_by_tile(level: Level) -> dict[Position, str]:
    """The first zone each tile lies in, made once per level and shared by its runs (read only)."""
    kept = _ZONES_BY_TILE.get(id(level))
    if kept is not None and kept[0] is level:
        return kept[1]
    zone_of: dict[Position, str] = {}
    for zone in level.zones:
        for area in zone.areas:
            for tile in area.tiles():
                zone_of.setdefault(tile, zone.id)
    if len(_ZONES_BY_TILE) >= _ZONE_MAPS_KEPT:
        _ZONES_BY_TILE.pop(next(iter(_ZONES_BY_TILE)))
    _ZONES_BY_TILE[id(level)] = (level, zone_of)  # the level held: its id stays its own
    return zone_of


_ZONES_BY_TILE: dict[int, tuple[Level, dict[Position, str]]] = {}
_ZONE_MAPS_KEPT = 2
"""Levels whose zone maps are kept (a batch runs one level at a time; a large map's is big)."""


def _settled(person: Person) -> bool:
    """Whether a civilian has stopped acting of their own accord (sheltering, frozen, escaped, or
    unable to move)."""
    return person.state in _SETTLED or person.condition not in _MOBILE


def _choose_variant(level: Level, rng: random.Random, fixed: dict[str, str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for group in level.variants:
        pick = pick_weighted(rng, [(o.id, o.weight) for o in group.options])
        chosen[group.id] = fixed.get(group.id, pick)
    return chosen
