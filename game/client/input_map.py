"""Key bindings and input -> Commands: pure functions, the same Commands that scripts use, no game rules."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.building import Building
from game.core.commands import (
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
    SetPace,
    ShowBadge,
    Stop,
    TakeCover,
)
from game.core.level import Position
from game.core.people import PersonView

MOVE_ACTIONS = {
    "move_up": (0, -1),
    "move_down": (0, 1),
    "move_left": (-1, 0),
    "move_right": (1, 0),
}


@dataclass(frozen=True, slots=True)
class AtHand:
    """What the trainee could act on now, as far as the client can see it."""

    trainee: PersonView | None
    target: str = ""
    protection_nearby: str = "open"
    protection_object: str = ""
    door_closed_near: bool = False
    door_open_near: bool = False
    door_locked_near: bool = False
    jacket_carried: bool = False
    casualty_near: str = ""
    civilians_near: bool = False
    gunfire_heard: bool = False
    challenged: bool = False
    target_words: str = ""
    walk_through: bool = False


def key_map(bindings: dict[str, list[str]]) -> dict[int, str]:
    """Key code -> action name from the settings' key names (unknown names are skipped)."""
    mapping: dict[int, str] = {}
    for action, names in bindings.items():
        for name in names:
            try:
                mapping[pygame.key.key_code(name)] = action
            except (ValueError, pygame.error):
                continue
    return mapping


def move_vector(held: set[str]) -> tuple[int, int]:
    """The direction of the movement keys held now, each axis -1, 0 or 1."""
    dx = sum(MOVE_ACTIONS[a][0] for a in held if a in MOVE_ACTIONS)
    dy = sum(MOVE_ACTIONS[a][1] for a in held if a in MOVE_ACTIONS)
    return max(-1, min(1, dx)), max(-1, min(1, dy))


def step_command(direction: tuple[int, int], here: Position, building: Building) -> Move | None:
    """A one-tile step; a blocked diagonal slides along the wall (the world still decides)."""
    dx, dy = direction
    if not (dx or dy):
        return None
    if dx and dy and not building.walkable(Position(here.floor, here.x + dx, here.y + dy)):
        for sx, sy in ((dx, 0), (0, dy)):
            if building.walkable(Position(here.floor, here.x + sx, here.y + sy)):
                return Move(sx, sy)
    return Move(dx, dy)


def click_command(tile: Position) -> MoveTo:
    """Click to move: walk (or run) a path to the tile."""
    return MoveTo(target=tile)


def pace_command(running: bool) -> SetPace:
    """Shift held: run; released: walk."""
    return SetPace("run" if running else "walk")


NEEDS_TARGET = ("challenge", "fire")


def action_commands(action: str, at_hand: AtHand) -> list[Command]:
    """The Commands one action key gives now ([] when it needs a person under the cursor and has none)."""
    trainee = at_hand.trainee
    if action == "cover":
        in_cover = trainee is not None and trainee.protection != "open"
        return [LeaveCover() if in_cover else TakeCover()]
    if action == "weapon":
        drawn = trainee is not None and trainee.weapon_drawn
        return [Holster() if drawn else DrawWeapon()]
    if action == "door":
        if at_hand.door_open_near and not at_hand.door_closed_near:
            return [CloseDoor()]
        return [OpenDoor()]
    if action in NEEDS_TARGET:
        if not at_hand.target:
            return []
        return [Challenge(at_hand.target) if action == "challenge" else Fire(at_hand.target)]
    if action == "tourniquet":
        return [ApplyTourniquet(at_hand.target or at_hand.casualty_near)]
    simple = {
        "announce": AnnouncePolice,
        "jacket": DonRaidJacket,
        "badge": ShowBadge,
        "direct": DirectCivilians,
        "breach": Breach,
        "stop": Stop,
        "advance": AdvanceToGunfire,
        "comply": Comply,
    }
    if action in simple:
        return [simple[action]()]
    return []


def keys_at_hand(at_hand: AtHand) -> list[tuple[str, str]]:
    """(action, words) for the actions that make sense now, for the HUD's key hints."""
    trainee = at_hand.trainee
    hints: list[tuple[str, str]] = [("run", "Run (hold)")]
    if at_hand.challenged:
        hints.insert(0, ("comply", "Comply: weapon down, hands visible"))
    if at_hand.walk_through:
        hints.insert(0, ("skip_tutorial", "Skip the walk-through"))
    if at_hand.gunfire_heard:
        hints.append(("advance", "Move toward the gunfire"))
    if trainee is not None and trainee.protection != "open":
        hints.append(("cover", f"Leave {trainee.protection}"))
    elif at_hand.protection_nearby != "open":
        thing = f" ({at_hand.protection_object})" if at_hand.protection_object else ""
        hints.append(("cover", f"Take {at_hand.protection_nearby}{thing}"))
    if trainee is not None and trainee.weapon != "none":
        hints.append(("weapon", "Holster" if trainee.weapon_drawn else "Draw weapon"))
    hints.append(("announce", 'Shout "Police!"'))
    if at_hand.jacket_carried and trainee is not None and not trainee.raid_jacket:
        hints.append(("jacket", "Put on raid jacket"))
    if trainee is not None and not trainee.badge_shown:
        hints.append(("badge", "Show badge"))
    if at_hand.target:
        who = at_hand.target_words or "the selected person"
        hints.append(("challenge", f"Challenge {who}"))
        if trainee is not None and trainee.weapon_drawn:
            hints.append(("fire", f"Fire at {who}"))
    else:
        hints.append(("select_next", "Select a person in view (or click them)"))
    if at_hand.casualty_near or at_hand.target:
        hints.append(("tourniquet", "Apply tourniquet"))
    if at_hand.civilians_near:
        hints.append(("direct", "Direct civilians to an exit"))
    if at_hand.door_closed_near:
        hints.append(("door", "Open door"))
    elif at_hand.door_open_near:
        hints.append(("door", "Close door"))
    if at_hand.door_locked_near:
        hints.append(("breach", "Breach locked door"))
    hints += [
        ("radio", "Radio report"),
        ("plan_pause", "Pause to plan"),
        ("legend", "Legend and all keys"),
        ("pause", "Menu"),
    ]
    return hints


def key_label(bindings: dict[str, list[str]], action: str) -> str:
    """The first key bound to an action, as shown in hints ("Q", "Shift")."""
    names = bindings.get(action) or ["?"]
    name = names[0]
    short = {
        "left shift": "Shift",
        "right shift": "Shift",
        "escape": "Esc",
        "space": "Space",
        "page up": "PgUp",
        "page down": "PgDn",
        "[+]": "Num +",
        "[-]": "Num -",
    }
    if not bindings.get(action):
        return "(none)"
    if name in short:
        return short[name]
    if len(name) == 1 or (name[:1] == "f" and name[1:].isdigit()):
        return name.upper()
    return name.title()
