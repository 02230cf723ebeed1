"""Drawing the review: the map through one perspective, the side panel, the timeline and the buttons.

The trainee's view is drawn from the same pieces as the play view: the floor tiles, the fog the
trainee had (`Fog`), only the people in their sight, the caption band, gunfire cues and the marks of
rounds. The bird's-eye truth shows everyone with their role (an instructor's view, labelled as such)
and every recent line of fire to where the round stopped. The suspect's view shows what the suspect
could see from where he stood, and the trainee's path coloured where he could see them.
"""

from __future__ import annotations

import math

import pygame

from game.client import palette
from game.client.camera import Camera
from game.client.captions import YOU
from game.client.cues import draw_cue, edge_point
from game.client.fire_feedback import draw_hit_frame, draw_incoming, draw_shot_mark
from game.client.fog import Fog
from game.client.hud import draw_banner, draw_captions, panel_width
from game.client.layout import Placer
from game.client.people_draw import draw_person, look_of
from game.client.review_panel import (
    ROLE_WORDS,
    button_items,
    draw_header,
    draw_panel,
    role_words,
    status,
)
from game.client.review_timeline import (
    buttons_top,
    draw_buttons,
    draw_marker_tip,
    draw_timeline,
    lay_out_buttons,
    markers_at,
    timeline_height,
)
from game.client.text import draw_text, fit, wrap
from game.client.tiles import floor_surface, redraw_tile
from game.core.ballistics import round_stop
from game.core.clock import clock_text
from game.core.events import ShotFired, TraineeArrived, TraineeMoved
from game.core.level import TICK_RATE, Position
from game.core.people import PersonView
from game.core.world import World

TITLES = {
    "truth": "BIRD'S-EYE TRUTH: the instructor's review, everyone shown with their role",
    "trainee": "THE TRAINEE'S VIEW: only what they could see and hear at this moment",
    "suspect": "THE SUSPECT'S VIEW: what he could see from where he stood",
}
SHORT_TITLES = {
    "truth": "BIRD'S-EYE TRUTH: instructor's review, roles shown",
    "trainee": "THE TRAINEE'S VIEW: what they could see and hear",
    "suspect": "THE SUSPECT'S VIEW: what he could see",
}
"""For a narrow map: the banner stays one line where it can."""
SHOT_TRAIL_TICKS = 5 * TICK_RATE
ROLE_ORDER = {"trainee": 0, "suspect": 1, "officer": 2, "civilian": 3}


def draw(scene, surface: pygame.Surface) -> None:
    """The whole review screen."""
    fonts = scene.context.fonts
    surface.fill(palette.BACKGROUND)
    w, h = surface.get_size()
    margin = 10
    y = draw_header(scene, surface, margin)
    scene.buttons = lay_out_buttons(fonts, button_items(scene), margin, w - 2 * margin, h - margin)
    timeline = pygame.Rect(margin, 0, w - 2 * margin, timeline_height(fonts))
    timeline.bottom = buttons_top(scene.buttons, h - margin) - 6
    panel_w = panel_width(fonts, w)
    view = pygame.Rect(0, y, w - panel_w, max(40, timeline.y - 6 - y))
    panel = pygame.Rect(view.right, y, panel_w, view.h)
    scene.rects = {"view": view, "panel": panel, "timeline": timeline}
    placer = _draw_map(scene, surface, view)
    draw_panel(scene, surface, panel)
    exposed = scene.review.exposure.spans.get(scene.suspect, [])
    draw_timeline(
        surface,
        fonts,
        timeline,
        scene.tick,
        scene.last_tick,
        scene.keys.built_until,
        scene.markers,
        exposed,
        status(scene),
    )
    active = {scene.perspective.value, "play" if scene.playing else ""}
    draw_buttons(surface, fonts, scene.buttons, active, scene.mouse)
    under = markers_at(timeline, fonts, scene.mouse, scene.markers, scene.last_tick)
    if under:
        clip = surface.get_clip()
        surface.set_clip(view)
        draw_marker_tip(surface, fonts, under, scene.mouse[0], timeline.y, placer, scene.words)
        surface.set_clip(clip)


def follow_order(world: World) -> list[PersonView]:
    """Who Tab follows in turn: the trainee, the suspects, the officers on scene (click for anyone)."""
    people = [p for p in world.snapshot() if p.role != "civilian"]
    return sorted(people, key=lambda p: (ROLE_ORDER.get(p.role, 4), p.id))


def person_at(scene, pos: tuple[int, int]) -> str | None:
    """The drawn person nearest a screen point, within about a tile."""
    best, best_d = None, scene.tile * 0.9
    for person_id, (x, y) in getattr(scene, "drawn", []):
        d = math.hypot(x - pos[0], y - pos[1])
        if d < best_d:
            best, best_d = person_id, d
    return best


def screen_of(scene, position: Position) -> tuple[int, int]:
    """Where a tile's centre is drawn on screen (with the last frame's camera)."""
    view = scene.rects["view"]
    sx, sy = scene.cam.to_screen((position.x + 0.5) * scene.tile, (position.y + 0.5) * scene.tile)
    return sx + view.x, sy + view.y


# -- the map ------------------------------------------------------------------------------------


def focus(scene) -> Position:
    """The tile the camera follows: the trainee, the suspect, or the person followed."""
    world = scene.world
    who = {"trainee": YOU, "suspect": scene.suspect}.get(scene.perspective.value, scene.follow)
    person = world.person(who) or world.trainee
    return person.position


def _draw_map(scene, surface: pygame.Surface, view: pygame.Rect) -> Placer:
    world = scene.world
    tile = scene.tile
    at = focus(scene)
    floor = at.floor
    map_size = (world.building.width * tile, world.building.height * tile)
    centre = ((at.x + 0.5) * tile, (at.y + 0.5) * tile)
    if scene.cam is None:
        scene.cam = Camera(view.size, map_size)
        scene.cam.centre_on(*centre)
    else:
        scene.cam.resize(view.size, map_size)
        scene.cam.follow(*centre)
    cam = scene.cam
    placer = Placer(view)
    clip = surface.get_clip()
    surface.set_clip(view)
    origin = (view.x - round(cam.x), view.y - round(cam.y))
    surface.blit(_layer(scene, floor), origin)
    first_x, first_y = math.floor(cam.x / tile), math.floor(cam.y / tile)
    shown = pygame.Rect(first_x, first_y, view.w // tile + 2, view.h // tile + 2)
    perspective = scene.perspective.value
    if perspective == "trainee":
        _draw_trainee(scene, surface, view, floor, shown, origin, placer)
    elif perspective == "suspect":
        _draw_suspect(scene, surface, view, floor, shown, origin, placer)
    else:
        _draw_truth(scene, surface, view, floor, placer)
    surface.set_clip(clip)
    return placer


def _banner(scene, surface: pygame.Surface, view: pygame.Rect, placer: Placer) -> None:
    """The perspective's name across the top of the map (over the fog, under the labels).

    While a note is being typed, its editor takes the banner's place.
    """
    if scene.note is not None:
        _draw_note_editor(scene, surface, view, placer)
        return
    perspective = scene.perspective.value
    colour = {"truth": palette.ACCENT, "trainee": palette.HIGHLIGHT}.get(
        perspective, palette.DANGER
    )
    title = TITLES[perspective]
    if scene.context.fonts.width("heading", title) > view.w - 60:
        title = SHORT_TITLES[perspective]
    placer.reserve(draw_banner(surface, view, scene.context.fonts, title, colour))


def _layer(scene, floor: int) -> pygame.Surface:
    """The floor's tiles at this zoom, with every door as it stands at this moment."""
    building = scene.world.building
    key = (floor, scene.tile)
    doors = tuple((at, door.state) for at, door in building.doors.items() if at.floor == floor)
    cached = scene.layers.get(key)
    if cached is None:
        layer = floor_surface(building, floor, scene.tile)
    else:
        layer, drawn = cached
        for (at, state), (_, before) in zip(doors, drawn, strict=False):
            if state is not before:
                redraw_tile(layer, building, floor, at.x, at.y, scene.tile)
    scene.layers[key] = (layer, doors)
    return layer


def _people_drawn(
    scene, surface: pygame.Surface, people: list[PersonView], floor: int, facing: bool
) -> list[tuple[PersonView, tuple[int, int]]]:
    """Draw people on the floor (the trainee last, on top); returns each with its screen centre."""
    drawn = []
    for person in sorted(people, key=lambda p: p.id == YOU):
        if person.position.floor != floor:
            continue
        centre = screen_of(scene, person.position)
        angle = _facing(scene.world, person) if facing else math.pi / 2
        draw_person(surface, look_of(person, person.id == YOU), centre, scene.tile, angle)
        drawn.append((person, centre))
    scene.drawn = [(p.id, c) for p, c in drawn]
    return drawn


def _facing(world: World, person: PersonView) -> float:
    """Where a person heads next (the instructor's view may show intentions)."""
    actor = world.person(person.id)
    path = getattr(actor, "path", None)
    if not path:
        return math.pi / 2
    step = path[0]
    return math.atan2(step.y - person.position.y, step.x - person.position.x)


def _draw_truth(
    scene, surface: pygame.Surface, view: pygame.Rect, floor: int, placer: Placer
) -> None:
    world = scene.world
    _draw_lines_of_fire(scene, surface, floor)
    drawn = _people_drawn(scene, surface, world.snapshot(), floor, facing=True)
    _banner(scene, surface, view, placer)
    small = scene.context.fonts.get("small")
    for person, centre in drawn:
        words = role_words(person)
        if person.role in ROLE_WORDS:
            ring = palette.DANGER if person.role == "suspect" else palette.SELECTED
            if person.role != "trainee":
                pygame.draw.circle(surface, ring, centre, scene.tile // 2 + 4, 2)
        if person.id == scene.follow:
            _brackets(surface, centre, scene.tile, palette.HIGHLIGHT)
        if words and (person.role in ROLE_WORDS or person.id == scene.follow):
            _label(surface, small, words, centre, scene.tile, placer, _role_colour(person))


def _draw_lines_of_fire(scene, surface: pygame.Surface, floor: int) -> None:
    world = scene.world
    now = world.tick
    for event in reversed(world.log):
        if event.tick <= now - SHOT_TRAIL_TICKS:
            break
        if not isinstance(event, ShotFired) or event.origin.floor != floor:
            continue
        stop = event.stopped_at or round_stop(world.building, event.origin, event.aim)
        fade = 1.0 - (now - event.tick) / SHOT_TRAIL_TICKS
        colour = palette.DANGER if event.shooter_role == "suspect" else palette.ACCENT
        colour = tuple(round(c * (0.35 + 0.65 * fade)) for c in colour)
        start, end = screen_of(scene, event.origin), screen_of(scene, stop)
        pygame.draw.line(surface, colour, start, end, 3)
        pygame.draw.circle(surface, colour, end, 4, 2)
        if event.hit:
            pygame.draw.circle(surface, palette.CASUALTY, screen_of(scene, event.aim), 6, 2)


def _draw_trainee(scene, surface, view, floor, shown, origin, placer) -> None:
    world, recall = scene.world, scene.state.recall
    fonts = scene.context.fonts
    now = world.tick / TICK_RATE
    fog, (fx, fy) = recall.fog.overlay_part(floor, scene.tile, shown)
    surface.blit(fog, (origin[0] + fx, origin[1] + fy))
    visible = recall.fog.visible
    trainee = world.trainee
    people = [p for p in world.snapshot() if p.id == YOU or p.position in visible]
    _people_drawn(scene, surface, people, floor, facing=False)
    _banner(scene, surface, view, placer)
    if not trainee.present and not world.finished:
        wait = max(0, scene.level.trainee.arrives - world.tick) / TICK_RATE
        placer.reserve(draw_banner(surface, view, fonts, f"En route: arriving in {wait:.0f} s"))
    band = draw_captions(surface, view, fonts, recall.live_captions(now))
    placer.reserve(band)
    if recall.hit_mark is not None:
        draw_hit_frame(surface, recall.hit_mark, view, now)
    centre = screen_of(scene, trainee.position)
    cue_area = view.copy()
    cue_area.h -= fonts.line_height("body") * 4 + 12
    for index, cue in enumerate(recall.cues):
        font = fonts.get("small") if index == len(recall.cues) - 1 else None
        draw_cue(surface, cue, centre, cue_area, now, font, placer)
    for mark in recall.shot_marks:
        if mark.at.floor == floor:
            draw_shot_mark(surface, mark, screen_of(scene, mark.at), scene.tile, now, fonts, placer)
    for mark in recall.incoming:
        draw_incoming(surface, mark, cue_area, now, fonts, placer)


def _draw_suspect(scene, surface, view, floor, shown, origin, placer) -> None:
    world = scene.world
    small = scene.context.fonts.get("small")
    suspect = world.person(scene.suspect) if scene.suspect else None
    if suspect is None or not suspect.present:
        _banner(scene, surface, view, placer)
        words = (
            "No suspect on scene at this moment" if scene.suspects else "This level has no suspect"
        )
        placer.reserve(
            draw_banner(surface, view.move(0, 60), scene.context.fonts, words, palette.TEXT_DIM)
        )
        return
    sight = _suspect_fog(scene, suspect.position)
    fog, (fx, fy) = sight.overlay_part(floor, scene.tile, shown)
    surface.blit(fog, (origin[0] + fx, origin[1] + fy))
    _draw_exposed_path(scene, surface, floor)
    visible = sight.visible
    people = [p for p in world.snapshot() if p.id == suspect.id or p.position in visible]
    drawn = _people_drawn(scene, surface, people, floor, facing=False)
    _banner(scene, surface, view, placer)
    trainee = world.trainee
    sees = trainee.present and suspect.active and world.sees(suspect, trainee)
    for person, centre in drawn:
        if person.id == suspect.id:
            _label(surface, small, "the suspect", centre, scene.tile, placer, palette.DANGER)
    if trainee.present and trainee.position.floor == floor:
        centre = screen_of(scene, trainee.position)
        if not view.collidepoint(centre):
            _point_to(surface, small, "the trainee", centre, view, placer)
        elif sees:
            pygame.draw.circle(surface, palette.DANGER, centre, scene.tile // 2 + 6, 3)
            _label(
                surface, small, "HE CAN SEE THE TRAINEE", centre, scene.tile, placer, palette.DANGER
            )
        else:
            if trainee.position not in visible:
                _dashed_ring(surface, centre, scene.tile // 2 + 4, palette.TRAINEE_RING)
            _label(
                surface,
                small,
                "trainee: out of his sight",
                centre,
                scene.tile,
                placer,
                palette.TEXT,
            )


def _suspect_fog(scene, position: Position) -> Fog:
    """The suspect's sight: everything known, darkened where he cannot see now."""
    building = scene.world.building
    key = (id(building), position, building.door_version)
    cached = getattr(scene, "_suspect_sight", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    sight = Fog(building)
    sight.seen = {
        Position(f, x, y)
        for f in range(building.floors)
        for y in range(building.height)
        for x in range(building.width)
    }
    sight.update(position, building.door_version)
    scene._suspect_sight = (key, sight)
    return sight


def _draw_exposed_path(scene, surface: pygame.Surface, floor: int) -> None:
    """The trainee's path so far: red where the suspect could see them, pale where not."""
    exposure = scene.review.exposure
    last = None
    for event in scene.world.log:
        if not isinstance(event, TraineeArrived | TraineeMoved):
            continue
        point = screen_of(scene, event.position) if event.position.floor == floor else None
        if last is not None and point is not None:
            seen = exposure.exposed_at(scene.suspect, event.tick)
            colour = palette.DANGER if seen else palette.TRAINEE_RING
            pygame.draw.line(surface, colour, last, point, 4 if seen else 2)
        last = point


def _role_colour(person: PersonView) -> tuple[int, int, int]:
    return {"suspect": palette.DANGER, "officer": palette.SELECTED}.get(person.role, palette.TEXT)


def _point_to(
    surface, font, words: str, target: tuple[int, int], view: pygame.Rect, placer
) -> None:
    """An arrow at the view's edge toward someone off the view, with their name."""
    middle = view.center
    heading = math.degrees(math.atan2(target[0] - middle[0], -(target[1] - middle[1])))
    x, y = edge_point(middle, heading, view, inset=36)
    dx, dy = math.sin(math.radians(heading)), -math.cos(math.radians(heading))
    tip = (x + dx * 14, y + dy * 14)
    side = (-dy * 8, dx * 8)
    pygame.draw.polygon(
        surface, palette.TRAINEE_RING, [tip, (x + side[0], y + side[1]), (x - side[0], y - side[1])]
    )
    _label(surface, font, words, (round(x - dx * 20), round(y - dy * 20)), 0, placer, palette.TEXT)


def _label(surface, font, words, centre, tile, placer: Placer, colour) -> None:
    """A short label beside a person on the view, wherever it fits without covering another."""
    if not placer.bounds.collidepoint(centre):
        return
    box = pygame.Rect(0, 0, font.size(words)[0] + 8, font.get_linesize() + 2)
    spots = []
    for anchor, point in (
        ("midtop", (centre[0], centre[1] + tile // 2 + 4)),
        ("midbottom", (centre[0], centre[1] - tile // 2 - 10)),
        ("midleft", (centre[0] + tile, centre[1])),
        ("midright", (centre[0] - tile, centre[1])),
    ):
        spot = box.copy()
        setattr(spot, anchor, point)
        spots.append(spot)
    spot = placer.place(box, spots)
    if spot is None:
        return
    back = pygame.Surface(spot.size, pygame.SRCALPHA)
    back.fill((*palette.BACKGROUND, 200))
    surface.blit(back, spot)
    draw_text(surface, font, words, (spot.x + 4, spot.y + 1), colour)


def _brackets(surface: pygame.Surface, centre: tuple[int, int], tile: int, colour) -> None:
    box = pygame.Rect(0, 0, tile + 12, tile + 12)
    box.center = centre
    arm = max(5, tile // 3)
    for corner in (box.topleft, box.topright, box.bottomleft, box.bottomright):
        sx = 1 if corner[0] == box.left else -1
        sy = 1 if corner[1] == box.top else -1
        pygame.draw.line(surface, colour, corner, (corner[0] + arm * sx, corner[1]), 2)
        pygame.draw.line(surface, colour, corner, (corner[0], corner[1] + arm * sy), 2)


def _dashed_ring(surface, centre, radius: int, colour) -> None:
    for i in range(12):
        a = i * math.pi / 6
        pygame.draw.arc(
            surface,
            colour,
            pygame.Rect(centre[0] - radius, centre[1] - radius, radius * 2, radius * 2),
            a,
            a + math.pi / 12,
            2,
        )


def _draw_note_editor(scene, surface: pygame.Surface, view: pygame.Rect, placer: Placer) -> None:
    fonts = scene.context.fonts
    small, body = fonts.get("small"), fonts.get("body")
    width = view.w - 40
    head = (
        f"Note at {clock_text(scene.tick / TICK_RATE)}: Enter keeps it in the replay, Esc cancels"
    )
    lines = wrap(body, (scene.note or "") + "_", width - 16)[-3:]
    height = fonts.line_height("small") + fonts.line_height("body") * len(lines) + 14
    spot = pygame.Rect(0, 0, width, height)
    spot.midtop = (view.centerx, view.y + 8)
    placer.reserve(spot)
    surface.fill(palette.PANEL, spot)
    pygame.draw.rect(surface, palette.HIGHLIGHT, spot, 2)
    draw_text(
        surface, small, fit(small, head, width - 16), (spot.x + 8, spot.y + 5), palette.TEXT_DIM
    )
    y = spot.y + 7 + fonts.line_height("small")
    for line in lines:
        draw_text(surface, body, line, (spot.x + 8, y))
        y += fonts.line_height("body")
