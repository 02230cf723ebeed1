"""Lint pass over the scene's plans: arrival, radio before arrival, suspects' plans, armed civilians.

Each finding is something the format allows but that would be lost or have no effect in play: a
radio call the trainee can never hear, a scene zone they cannot reach, a barricade with nowhere
named to go, a field that only an armed person or a partner uses.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

from game.core.clock import tick_clock as clock
from game.core.level import RouteEnd, Weapon
from game.levels.lint.places import Linter
from game.levels.lint.reach import regions
from game.levels.yamlsafe import scalar_value

ARMED_ONLY = ("weapon_drawn", "challenge", "comply_seconds", "slow_comply_seconds", "turn_seconds")
"""Civilian fields that only an armed group uses."""
PARTNER_ONLY = ("entry",)
"""Officer fields that only a partner (or an officer following the trainee) uses."""


def check_scene_plans(linter: Linter) -> None:
    """Warn about radio traffic that is lost, an unreachable scene, and plans that cannot act."""
    _radio_before_arrival(linter)
    _scene_reachable(linter)
    _suspect_plans(linter)
    _unused_fields(linter)


def _radio_before_arrival(linter: Linter) -> None:
    trainee = linter.draft.get("trainee")
    if trainee is None or trainee.radio:
        return
    for i, entry in linter.items("timeline"):
        if entry.kind.value == "radio" and entry.at < trainee.arrives:
            linter.warn(
                f"timeline[{i}].at",
                f"this radio message at {clock(entry.at)} comes before the trainee is on the map "
                f"({clock(trainee.arrives)}) and they have no radio (trainee.radio: false): it is "
                "never heard; give them a radio or move it after their arrival",
            )


def _scene_reachable(linter: Linter) -> None:
    trainee = linter.draft.get("trainee")
    grid = linter.grid
    if trainee is None or grid is None or not trainee.on_scene:
        return
    zone = linter.zones.get(trainee.on_scene)
    start = linter.place_tiles(trainee.spawn)
    if zone is None or not start:
        return
    region = regions(grid)
    scene = {region[(t.floor, t.x, t.y)] for t in linter.walkable_tiles(zone.areas)}
    if scene and not any(region[(t.floor, t.x, t.y)] in scene for t in start):
        linter.warn(
            "trainee.on_scene",
            f"the trainee cannot walk from their spawn to zone {zone.id!r}: they would never "
            "arrive on scene (and the clock from arrival would never start)",
        )


def _suspect_plans(linter: Linter) -> None:
    for i, suspect in linter.items("suspects"):
        path = f"suspects[{i}]"
        triggers = [
            name
            for name, on in (
                ("route_end", suspect.route_end is RouteEnd.BARRICADE),
                ("barricade_at", bool(suspect.barricade_at)),
                ("barricade_after_shots", bool(suspect.barricade_after_shots)),
                ("barricade_when_confronted", suspect.barricade_when_confronted),
            )
            if on
        ]
        if triggers and not suspect.barricade_zone:
            linter.warn(
                f"{path}.{triggers[0]}",
                "no barricade_zone is named: the suspect barricades in the nearest room to where "
                "they are at the time; name the room with barricade_zone",
            )
        if suspect.barricade_at and suspect.barricade_at < suspect.first_shot:
            linter.warn(
                f"{path}.barricade_at",
                f"{clock(suspect.barricade_at)} is before the first shot "
                f"({clock(suspect.first_shot)}): the plan starts at the first shot, so they "
                "barricade then",
            )
        if f"{path}.route_end" in linter.ctx.nodes and not suspect.route:
            linter.warn(
                f"{path}.route_end",
                "route_end has no effect without a route",
            )


def _unused_fields(linter: Linter) -> None:
    for i, group in linter.items("civilians"):
        if group.weapon is not Weapon.NONE or _weapon_misspelt(linter, f"civilians[{i}].weapon"):
            continue
        for name in ARMED_ONLY:
            if f"civilians[{i}].{name}" in linter.ctx.nodes:
                linter.warn(
                    f"civilians[{i}].{name}",
                    f"{name} has no effect: the group carries no weapon (add weapon: handgun)",
                )
    for i, officer in linter.items("officers"):
        if officer.partner or officer.goal == "trainee":
            continue
        for name in PARTNER_ONLY:
            if f"officers[{i}].{name}" in linter.ctx.nodes:
                linter.warn(
                    f"officers[{i}].{name}",
                    f"{name} has no effect: the officer is not the trainee's partner "
                    "(partner: true) and does not follow them (goal: trainee)",
                )


def _weapon_misspelt(linter: Linter, path: str) -> bool:
    """Whether a weapon was written but is not one (already an error: no cascade of warnings)."""
    node = linter.ctx.nodes.get(path)
    if node is None:
        return False
    value = scalar_value(node) if isinstance(node, ScalarNode) else None
    return value not in {weapon.value for weapon in Weapon}
