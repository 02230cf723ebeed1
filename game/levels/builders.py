"""Turn validated field values into the `game.core.level` dataclasses the simulation runs on."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.level import (
    DEFAULT_CHALLENGE,
    DEFAULT_LEGEND,
    ChallengeReaction,
    Condition,
    Floor,
    LegendEntry,
    OffDutyProtocol,
    Place,
    Position,
    Rect,
    ScoringThresholds,
    TileKind,
    TimelineEntry,
    TimelineKind,
    Zone,
    ZoneKind,
)

VOID = next(entry.symbol for entry in DEFAULT_LEGEND if entry.kind is TileKind.VOID)
"""The symbol short rows and missing rows are padded with."""


@dataclass(frozen=True, slots=True)
class MapDraft:
    """The validated map: padded floors and the merged legend."""

    floors: tuple[Floor, ...]
    legend: tuple[LegendEntry, ...]


def make_map(floors: tuple[Floor | None, ...], legend: dict[str, dict] | None = None) -> MapDraft:
    """Merge the legend over DEFAULT_LEGEND and pad every floor to one width and height."""
    entries = {entry.symbol: entry for entry in DEFAULT_LEGEND}
    for symbol, values in (legend or {}).items():
        if values is not None:
            entries[symbol] = LegendEntry(symbol=symbol, **values)
    present = [floor for floor in floors if floor is not None]
    width = max((len(row) for floor in present for row in floor.rows), default=0)
    height = max((len(floor.rows) for floor in present), default=0)
    padded = tuple(
        Floor(
            floor.name,
            tuple(row.ljust(width, VOID) for row in floor.rows)
            + (VOID * width,) * (height - len(floor.rows)),
        )
        for floor in present
    )
    return MapDraft(padded, tuple(entries.values()))


def make_place(zone: str = "", at: tuple[int, int] | None = None, floor: int = 0) -> Place:
    """A Place from `{zone: id}` or `{at: [x, y], floor: f}`."""
    if at is None:
        return Place(zone=zone)
    return Place(at=Position(floor, at[0], at[1]))


def make_zone(
    id: str,
    name: str,
    kind: ZoneKind,
    floor: int = 0,
    area: tuple[int, int, int, int] | None = None,
    areas: tuple[tuple[int, int, int, int], ...] | None = None,
) -> Zone:
    """A Zone from one `area` or a list of `areas`, all on the zone's floor."""
    rects = (area,) if area is not None else tuple(areas or ())
    return Zone(id, name, kind, tuple(Rect(floor, *rect) for rect in rects))


def make_protocol(follows: int = 0, confused: int = 0) -> tuple[tuple[OffDutyProtocol, int], ...]:
    """The weighted protocol choices, leaving out zero weights."""
    weights = {OffDutyProtocol.FOLLOWS: follows, OffDutyProtocol.CONFUSED: confused}
    return tuple((protocol, weight) for protocol, weight in weights.items() if weight > 0)


def make_challenge(
    complies: int | None = None, slow: int | None = None, turns: int | None = None
) -> tuple[tuple[ChallengeReaction, int], ...]:
    """The weighted answers to a challenge: the default when none is given, else the given ones
    (those left out weigh 0); zero weights are left out, so all zero is an empty tuple."""
    given = {
        ChallengeReaction.COMPLIES: complies,
        ChallengeReaction.SLOW: slow,
        ChallengeReaction.TURNS: turns,
    }
    if all(weight is None for weight in given.values()):
        return DEFAULT_CHALLENGE
    return tuple((answer, weight) for answer, weight in given.items() if weight)


def make_timeline_entry(
    at: int,
    radio: dict | None = None,
    radio_degraded: dict | None = None,
    radio_restored: dict | None = None,
    prompt: str | None = None,
    when: Condition | None = None,
) -> TimelineEntry:
    """A TimelineEntry from `at` and exactly one of its four kinds."""
    if radio is not None:
        return TimelineEntry(at, TimelineKind.RADIO, when=when, **radio)
    if radio_degraded is not None:
        return TimelineEntry(at, TimelineKind.RADIO_DEGRADED, when=when, **radio_degraded)
    if radio_restored is not None:
        return TimelineEntry(at, TimelineKind.RADIO_RESTORED, when=when, **radio_restored)
    return TimelineEntry(at, TimelineKind.PROMPT, text=prompt or "", when=when)


def make_scoring(weights: dict[str, int] | None = None, **thresholds: int) -> ScoringThresholds:
    """The rubric's tuning, with the category weights as sorted (category, points) pairs."""
    return ScoringThresholds(**thresholds, weights=tuple(sorted((weights or {}).items())))
