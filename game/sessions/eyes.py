"""What the trainee perceives, tick by tick: the people in view as they look, what was heard and said.

The exploration bot decides from this alone, through the World's public interface (the snapshot of
appearances, the building's line of sight, the events a step returns). A person is known by an opaque
handle, used only to name whom a command is for; no role, id meaning or hidden state is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
from game.core.perception import SIGHT_RANGE, field_of_view
from game.core.world import World

FIRING_MEMORY_TICKS = 30
"""How long a person seen firing is remembered as firing."""
UP = ("ok", "walking")


@dataclass(frozen=True, slots=True)
class Seen:
    """A person in view, as the trainee sees them."""

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


@dataclass(frozen=True, slots=True)
class Percept:
    """Everything the trainee perceives at one tick."""

    tick: int
    me: PersonView | None
    zone: str
    inside: bool
    entered: bool
    people: tuple[Seen, ...]
    gunfire_tick: int | None
    refused: tuple[str, ...]
    challenged_me: bool
    threat_stopped: bool
    dispatch: tuple[str, ...]
    treated: frozenset[str]
    stopped_at: tuple[Position, ...] = ()
    """Where the attackers the trainee saw stopped are (to cover them from a distance)."""

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
    _view_key: tuple[Position, int] | None = None
    _view: set[Position] = field(default_factory=set)

    def hear(self, events: Iterable[Event]) -> None:
        """Take in one step's events (only what the trainee could see or hear of them)."""
        events = list(events)
        shots = any(isinstance(event, ShotFired | SuspectSurrendered) for event in events)
        views = {view.id: view for view in self.world.snapshot()} if shots else {}
        me = views.get("trainee")
        for event in events:
            if isinstance(event, GunfireHeard):
                self.gunfire_tick = event.tick
            elif isinstance(event, EnteredBuilding) and event.person == "trainee":
                self.entered = True
            elif isinstance(event, ShotFired) and event.shooter != "trainee":
                if me is not None and self._in_view(me, event.origin):
                    self.fired[event.shooter] = event.tick
                    target = views.get(event.target)
                    if target is None or _defenceless_or_police(target):
                        self.hostile.add(event.shooter)
            elif isinstance(event, PoliceAnnounced):
                self.announced[event.person] = event.tick
            elif isinstance(event, Complied):
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
                self.treated.add(event.person)
            elif isinstance(event, CommandRefused):
                self.refused.append(event.reason)

    def look(self) -> Percept:
        """What the trainee perceives now."""
        world = self.world
        me = next(iter(world.snapshot(of="trainee")), None)
        people: list[Seen] = []
        if me is not None:
            here = me.position
            for view in world.snapshot(on=self._field(me)):  # pictures of those in view only
                there = view.position
                if (
                    view.id == "trainee"
                    or there.floor != here.floor
                    or abs(there.x - here.x) > SIGHT_RANGE
                    or abs(there.y - here.y) > SIGHT_RANGE
                ):
                    continue
                people.append(self._seen(me, view, world.tick))
        people.sort(key=lambda seen: (seen.distance, seen.handle))
        refused, self.refused = tuple(self.refused), []
        return Percept(
            tick=world.tick,
            me=me,
            zone=world.zone_at(me.position) if me else "",
            inside=bool(me) and world.building.is_inside(me.position),
            entered=self.entered,
            people=tuple(people),
            gunfire_tick=self.gunfire_tick,
            refused=refused,
            challenged_me=world.tick - self.challenged_at <= 50,
            threat_stopped=self._threat_stopped(people),
            dispatch=tuple(self.dispatch),
            treated=frozenset(self.treated),
            stopped_at=tuple(self.stopped_at[h] for h in sorted(self.stopped_at)),
        )

    def _seen(self, me: PersonView, view: PersonView, tick: int) -> Seen:
        handle = view.id
        return Seen(
            handle=handle,
            position=view.position,
            dress=view.dress,
            marked=view.raid_jacket or (view.badge_shown and view.dress != "uniform"),
            announced=tick - self.announced.get(handle, -(10**9)) <= ANNOUNCE_MEMORY_TICKS,
            armed=view.weapon != "none",
            weapon_drawn=view.weapon_drawn,
            condition=view.condition,
            distance=round(
                distance(me.position.x, me.position.y, view.position.x, view.position.y), 2
            ),
            firing=tick - self.fired.get(handle, -(10**9)) <= FIRING_MEMORY_TICKS,
            hostile=handle in self.hostile,
            complied=handle in self.complied,
            surrendered=handle in self.surrendered,
            matches_description=self.matches.get(handle, False),
        )

    def _threat_stopped(self, people: list[Seen]) -> bool:
        """Whether every person seen attacking was since seen down, surrendered or disarmed."""
        in_view = {seen.handle: seen for seen in people}
        for seen in people:
            # An armed person down who is not marked as police: the attacker, already stopped.
            if (
                seen.armed
                and not seen.up
                and not seen.looks_police
                and seen.handle not in self.hostile
            ):
                self.hostile.add(seen.handle)
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
        """Whether a tile is in the trainee's field of view (what their screen shows)."""
        return at in self._field(me)

    def _field(self, me: PersonView) -> set[Position]:
        """The tiles in the trainee's field of view, kept while they and every door stay put."""
        key = (me.position, self.world.building.door_version)
        if self._view_key != key:
            self._view_key = key
            self._view = field_of_view(self.world.building, me.position, SIGHT_RANGE)
        return self._view


def _defenceless_or_police(view: PersonView) -> bool:
    """Whether firing at this person shows the shooter is attacking (not an officer engaging)."""
    return (
        view.id == "trainee" or view.weapon == "none" or view.dress == "uniform" or view.raid_jacket
    )
