"""What the trainee perceives, tick by tick: the people in view as they look, what was heard and said.

The exploration bot decides from this alone, through the World's public interface (the snapshot of
appearances, the building's line of sight, the events a step returns). A person is known by an opaque
handle, used only to name whom a command is for; no role, id meaning or hidden state is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter, is_
from typing import NamedTuple

from game.core.clock import NEVER
from game.core.events import (
    ChallengeIssued,
    CommandRefused,
    Complied,
    EnteredBuilding,
    Event,
    GunfireHeard,
    PersonSighted,
    PoliceAnnounced,
    RadioHeard,
    ShotFired,
    SuspectSurrendered,
    TourniquetApplied,
)
from game.core.geometry import distance
from game.core.level import Position
from game.core.people import ANNOUNCE_MEMORY_TICKS, PersonView
from game.core.perception import InSight, line_of_sight
from game.core.world import World

FIRING_MEMORY_TICKS = 30
"""How long a person seen firing is remembered as firing."""
CHALLENGED_TICKS = 50
"""How long the trainee knows they were challenged (`Percept.challenged_me`)."""
AIMED_AT_ME_TILES = 2
"""A round aimed at a tile this close to the trainee was fired at the trainee."""
UP = ("ok", "walking")
_NO_ONE: frozenset[str] = frozenset()
_NEAREST_FIRST = attrgetter("distance", "handle")
_SEEN_HAPPEN = ShotFired | SuspectSurrendered | Complied | TourniquetApplied
"""What the trainee takes in only when they see it happen."""


class Seen(NamedTuple):
    """A person in view, as the trainee sees them (read-only: a named tuple, made six times faster
    than a frozen dataclass, for everyone in view whenever the trainee steps)."""

    handle: str
    position: Position
    dress: str
    marked: bool
    announced: bool
    armed: bool
    weapon_drawn: bool
    condition: str
    distance: float
    firing: bool
    hostile: bool
    complied: bool
    surrendered: bool
    matches_description: bool

    @property
    def looks_police(self) -> bool:
        """In uniform, wearing a raid jacket or badge, or heard shouting "Police!"."""
        return self.dress == "uniform" or self.marked or self.announced

    @property
    def up(self) -> bool:
        """On their feet (not down or a critical casualty)."""
        return self.condition in UP


class Percept(NamedTuple):
    """Everything the trainee perceives at one tick (read-only: a named tuple, which is made three
    times faster than a frozen dataclass, and one is made every tick of every reactive run)."""

    tick: int
    me: PersonView | None
    zone: str
    inside: bool
    entered: bool
    people: tuple[Seen, ...]
    gunfire_tick: int | None
    refused: tuple[str, ...]
    challenged_tick: int
    """When the trainee was last challenged (`challenged_me`)."""
    threat_stopped: bool
    dispatch: tuple[str, ...]
    treated: frozenset[str]
    stopped_at: tuple[Position, ...] = ()
    """Where the attackers the trainee saw stopped are (to cover them from a distance)."""
    kinds: dict | None = None
    """The people in view of each kind, as the conditions ask for them (worked out once): `look`
    gives each percept a dict of its own."""

    @property
    def challenged_me(self) -> bool:
        """Whether the trainee was challenged in the last `CHALLENGED_TICKS`."""
        return self.tick - self.challenged_tick <= CHALLENGED_TICKS

    def gunfire_within(self, ticks: int) -> bool:
        """Whether gunfire was heard in the last `ticks`."""
        return self.gunfire_tick is not None and self.tick - self.gunfire_tick <= ticks


@dataclass
class Eyes:
    """The trainee's memory of what they saw and heard; `look` gives the percept of this tick."""

    world: World
    gunfire_tick: int | None = None
    entered: bool = False
    fired: dict[str, int] = field(default_factory=dict)
    hostile: set[str] = field(default_factory=set)
    announced: dict[str, int] = field(default_factory=dict)
    complied: set[str] = field(default_factory=set)
    surrendered: set[str] = field(default_factory=set)
    matches: dict[str, bool] = field(default_factory=dict)
    challenged_at: int = -(10**9)
    dispatch: list[str] = field(default_factory=list)
    treated: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)
    stopped_tick: int = -1
    stopped_at: dict[str, Position] = field(default_factory=dict)
    seen_armed: set[str] = field(default_factory=set)
    """Who was seen with a weapon in hand (a holstered or concealed weapon is not seen)."""
    sightings: dict[str, tuple[tuple, Seen]] = field(default_factory=dict)
    """How each person was last seen, and what that was made of (to hand it out again)."""
    _told_so_far: tuple[str, ...] = field(default=(), init=False, repr=False)
    """`dispatch` as a tuple (`_told`)."""
    _placed: tuple[Position, str, bool] | None = field(default=None, init=False, repr=False)
    """Where the trainee last stood, its zone and whether indoors (`_whereabouts`)."""
    _memory: int = field(default=0, init=False, repr=False)
    """A count of the steps whose events were taken in (what is remembered may have changed)."""
    _last: _LastSight | None = field(default=None, init=False, repr=False)
    """The people last seen and what they were made from (`look` hands them out again)."""
    _looked: tuple[int, tuple[int, int, int, int]] | None = field(
        default=None, init=False, repr=False
    )
    """The tick of the last look and what had happened by then (`nothing_new`)."""

    def hear(self, events: Iterable[Event]) -> None:
        """Take in one step's events (only what the trainee could see or hear of them)."""
        events = list(events)
        if not events:
            return
        self._memory += 1  # what is remembered of the people in view may have changed
        views = _Views(self.world)
        me = views.get("trainee") if any(isinstance(e, _SEEN_HAPPEN) for e in events) else None
        for event in events:
            if isinstance(event, GunfireHeard):
                self.gunfire_tick = event.tick
            elif isinstance(event, EnteredBuilding) and event.person == "trainee":
                self.entered = True
            elif isinstance(event, ShotFired) and event.shooter != "trainee":
                if me is not None and self._in_view(me, event.origin):
                    self.fired[event.shooter] = event.tick
                    if self._fired_on_the_defenceless(me, event, views.get(event.target)):
                        self.hostile.add(event.shooter)
            elif isinstance(event, PoliceAnnounced):
                self.announced[event.person] = event.tick
            elif isinstance(event, Complied):
                person = views.get(event.person)
                if me is not None and person is not None and self._in_view(me, person.position):
                    self.complied.add(event.person)
            elif isinstance(event, SuspectSurrendered):
                if me is not None and self._in_view(me, event.position):
                    self.surrendered.add(event.suspect)
                    self.hostile.add(event.suspect)
                    self.stopped_at[event.suspect] = event.position
                    self.stopped_tick = event.tick
            elif isinstance(event, PersonSighted) and event.by == "trainee":
                self.matches[event.person] = event.seen.matches_description
            elif isinstance(event, ChallengeIssued) and event.target == "trainee":
                self.challenged_at = event.tick
            elif isinstance(event, RadioHeard) and not event.reply:
                self.dispatch.append(event.text)
            elif isinstance(event, TourniquetApplied):
                if me is not None and self._in_view(me, event.position):
                    self.treated.add(event.person)
            elif isinstance(event, CommandRefused):
                self.refused.append(event.reason)

    def nothing_new(self) -> bool:
        """Whether a look now would perceive what the last look did a tick ago, but for the clock:
        the step between emitted no event (nothing was heard or remembered), moved no one, changed
        no one's looks and no door, and no memory shown has lapsed. Asked every tick it counts the
        tick as looked at, so that it answers for the next one."""
        world = self.world
        tick = world.tick
        looked = self._looked
        if looked is None or self._last is None or tick >= self._last.fresh_until:
            return False
        if looked != _now(world, tick - 1):
            return False
        self._looked = _now(world, tick)
        return True

    def unchanged_until(self) -> int:
        """The first tick from now at which `nothing_new` may answer no while the world stays as it
        is (now, when it would answer no already): when a memory shown lapses."""
        tick = self.world.tick
        last = self._last
        if last is None or self._looked != _now(self.world, tick - 1):
            return tick
        return max(tick, last.fresh_until)

    def passed(self, start: int, tick: int) -> None:
        """The ticks from `start` up to `tick` passed with nothing new (`World.rest`), each asked
        `nothing_new` (no further than `unchanged_until`): as many answers of yes as it gave then."""
        if self._last is not None and self._looked == _now(self.world, start - 1):
            self._looked = _now(self.world, tick - 1)

    def look(self) -> Percept:
        """What the trainee perceives now."""
        world = self.world
        tick = world.tick
        self._looked = _now(world, tick)
        me = next(iter(world.snapshot(of="trainee")), None)
        views = () if me is None else world.snapshot(on=InSight(world.building, me.position))
        last = self._last
        if (
            last is None
            or last.me is not me
            or last.memory != self._memory
            or tick >= last.fresh_until
            or len(last.views) != len(views)
            or not all(map(is_, last.views, views))
        ):  # else nothing seen or remembered of the people in view changed: the same sight
            last = self._last = self._sight(me, views, tick)
        refused, self.refused = tuple(self.refused), []
        zone, inside = self._whereabouts(me)
        # By position, in the order of the fields: one is made every tick of every reactive run.
        return Percept(
            tick,
            me,
            zone,
            inside,
            self.entered,
            last.people,
            self.gunfire_tick,
            refused,
            self.challenged_at,
            last.threat_stopped,
            self._told(),
            last.treated,
            last.stopped_at,
            last.kinds,
        )

    def _sight(self, me: PersonView | None, views: list[PersonView], tick: int) -> _LastSight:
        """The people in view as the trainee sees them, nearest first, and what the trainee makes
        of them, with what it was made from and the tick until which the memories it shows hold."""
        people: list[Seen] = []
        fresh_until = NEVER
        for view in views:
            if view.id == "trainee":
                continue
            if view.weapon_drawn and view.weapon != "none":
                self.seen_armed.add(view.id)
            seen = self._seen(me, view, tick)
            if seen.announced:
                fresh_until = min(fresh_until, self.announced[view.id] + ANNOUNCE_MEMORY_TICKS + 1)
            if seen.firing:
                fresh_until = min(fresh_until, self.fired[view.id] + FIRING_MEMORY_TICKS + 1)
            people.append(seen)
        people.sort(key=_NEAREST_FIRST)
        return _LastSight(
            me,
            tuple(views),
            self._memory,
            fresh_until,
            tuple(people),
            self._threat_stopped(people),
            frozenset(self.treated) if self.treated else _NO_ONE,
            tuple(self.stopped_at[h] for h in sorted(self.stopped_at)) if self.stopped_at else (),
            {},
        )

    def _whereabouts(self, me: PersonView | None) -> tuple[str, bool]:
        """The zone the trainee is in and whether indoors (worked out again only after a step)."""
        if me is None:
            return "", False
        last = self._placed
        if last is None or last[0] is not me.position:
            where = me.position
            last = self._placed = (
                where,
                self.world.zone_at(where),
                self.world.building.is_inside(where),
            )
        return last[1], last[2]

    def _told(self) -> tuple[str, ...]:
        """The radio traffic heard so far, as one tuple while no more is heard."""
        told = self._told_so_far
        if len(told) != len(self.dispatch):
            told = self._told_so_far = tuple(self.dispatch)
        return told

    def _seen(self, me: PersonView, view: PersonView, tick: int) -> Seen:
        handle = view.id
        known = (
            view,
            me.position,
            tick - self.announced.get(handle, -(10**9)) <= ANNOUNCE_MEMORY_TICKS,
            handle in self.seen_armed,
            tick - self.fired.get(handle, -(10**9)) <= FIRING_MEMORY_TICKS,
            handle in self.hostile,
            handle in self.complied,
            handle in self.surrendered,
            self.matches.get(handle, False),
        )
        last = self.sightings.get(handle)
        if last is not None and last[0] == known:
            return last[1]  # a Seen is read-only: the same one, while nothing in it has changed
        _, here, announced, armed, firing, hostile, complied, surrendered, matches = known
        seen = Seen(  # by position, in the order of the fields
            handle,
            view.position,
            view.dress,
            view.raid_jacket or (view.badge_shown and view.dress != "uniform"),
            announced,
            armed,
            view.weapon_drawn,
            view.condition,
            round(distance(here.x, here.y, view.position.x, view.position.y), 2),
            firing,
            hostile,
            complied,
            surrendered,
            matches,
        )
        self.sightings[handle] = (known, seen)
        return seen

    def _threat_stopped(self, people: list[Seen]) -> bool:
        """Whether every person seen attacking was since seen down, surrendered or disarmed."""
        # Only someone seen attacking counts: an armed person found down (a guard, an officer in plain
        # clothes) may be a victim, and gunfire goes on while the attacker is free.
        if not self.hostile:
            return False  # no one seen attacking: nothing to see stopped
        in_view = {seen.handle: seen for seen in people}
        for handle in self.hostile:
            seen = in_view.get(handle)
            if seen is not None and (not seen.up or not seen.weapon_drawn):
                if handle not in self.stopped_at:
                    self.stopped_tick = self.world.tick
                self.stopped_at[handle] = seen.position
        # Only attackers' shots carry across the school: gunfire after the stop means it is not over.
        quiet = self.gunfire_tick is None or self.gunfire_tick <= self.stopped_tick
        return bool(self.hostile) and quiet and all(h in self.stopped_at for h in self.hostile)

    def _in_view(self, me: PersonView, at: Position) -> bool:
        """Whether the trainee can see a tile: the engine's line of sight, the one who-sees-whom test
        the world and the client's fog use."""
        return line_of_sight(self.world.building, me.position, at)

    def _fired_on_the_defenceless(
        self, me: PersonView, shot: ShotFired, target: PersonView | None
    ) -> bool:
        """Whether the trainee saw this shot go at the trainee, or at someone in view with no weapon in
        hand or who looks like police: that shows an attacker (not someone engaging one). A round at a
        person or a tile the trainee cannot see tells them nothing of whom it was for."""
        if target is None:
            aim = shot.aim
            return (
                aim.floor == me.position.floor
                and distance(aim.x, aim.y, me.position.x, me.position.y) <= AIMED_AT_ME_TILES
            )
        if target.id == me.id:
            return True
        if not self._in_view(me, target.position) or shot.seen is None:
            return False
        # The target as they looked when the round was fired (a hit target drops the weapon).
        looks = shot.seen
        in_hand = looks.weapon_drawn and looks.weapon != "none"
        police = (
            looks.dress == "uniform" or looks.raid_jacket or looks.badge_shown or looks.announced
        )
        return not in_hand or police


def _now(world: World, tick: int) -> tuple[int, tuple[int, int, int, int]]:
    """A tick and the world's counts of what has happened so far (`World.changes`)."""
    return (tick, world.changes())


class _LastSight(NamedTuple):
    """The people in view at the last look and what the trainee made of them, with what that was
    made from: while the pictures are the same, no step's events were taken in and no memory shown
    has lapsed (`fresh_until`), a look hands it all out again."""

    me: PersonView | None
    views: tuple[PersonView, ...]
    memory: int
    fresh_until: int
    people: tuple[Seen, ...]
    threat_stopped: bool
    treated: frozenset[str]
    stopped_at: tuple[Position, ...]
    kinds: dict
    """The percept's memo of the people of each kind (made of the people and of who was treated)."""


class _Views:
    """The pictures of the people a step's events name, taken as they are asked for (the same
    pictures a snapshot of everyone would give, without picturing everyone)."""

    __slots__ = ("_taken", "_world")

    def __init__(self, world: World) -> None:
        self._world = world
        self._taken: dict[str, PersonView | None] = {}

    def get(self, person_id: str | None) -> PersonView | None:
        """The picture of the person with this id, or None when they are not on scene."""
        if not person_id:
            return None
        if person_id not in self._taken:
            self._taken[person_id] = next(iter(self._world.snapshot(of=person_id)), None)
        return self._taken[person_id]
