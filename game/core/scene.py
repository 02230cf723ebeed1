"""What behaviours and orders may use of the world: a narrow interface, so they never import `World`."""

from __future__ import annotations

import random
from typing import Protocol

from game.core.building import Building
from game.core.events import Event
from game.core.layouts import ExitField
from game.core.level import Description, Level, Position
from game.core.people import Person


class Scene(Protocol):
    """The running incident as people's behaviours and the trainee's orders see it."""

    level: Level
    building: Building
    tick: int
    trainee: Person
    people: list[Person]
    police: list[Person]
    suspects: list[Person]
    armed_civilians: list[Person]
    alerted: bool
    last_gunfire: Position | None
    heard_gunfire_at: Position | None
    radio_loss: dict[str, float]
    told: tuple[Description, ...]
    """What dispatch has told of the suspects' looks so far."""

    def stream(self, name: str) -> random.Random:
        """The random stream of one concern (a suspect, the radio, someone's shots...)."""
        ...

    def person(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        ...

    def zone_at(self, position: Position) -> str:
        """The id of the zone a tile lies in, or ''."""
        ...

    def zone_tiles(self, zone_id: str) -> list[Position]:
        """The tiles of a zone a person may stand on now, in a fixed order."""
        ...

    def exit_field(self, exit_zone: str = "") -> ExitField:
        """Distances to the exits (all, or one named exit zone)."""
        ...

    def sees(self, observer: Person, person: Person, max_range: float = ...) -> bool:
        """Whether one person can see the other now."""
        ...

    def moved(self, person: Person) -> None:
        """Someone changed tile, came on scene or left it."""
        ...

    def restyled(self, person: Person) -> None:
        """Someone's looks changed with no event to say so."""
        ...

    def emit(self, event: Event) -> None:
        """Record an event."""
        ...

    def fire(
        self, shooter: Person, target: Person | None, accuracy: float, aim: Position | None = None
    ) -> Person | None:
        """Fire one round at a person (or at a tile); the person hit, if any."""
        ...
