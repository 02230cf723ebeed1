"""Drawing the play scene: the map, the people, what you hear and what hits you, the HUD.

Labels go through one `Placer` per frame, so none overlaps another or leaves the map view.
"""

from __future__ import annotations

import math

import pygame

from game.client import palette
from game.client.captions import YOU
from game.client.cues import draw_cue
from game.client.fire_feedback import draw_hit_frame, draw_incoming, draw_shot_mark
from game.client.hud import draw_banner, draw_captions
from game.client.layout import Placer
from game.client.legend import draw_legend
from game.client.people_draw import draw_person, look_of
from game.client.perceived import tooltip_lines
from game.client.text import draw_text, fit
from game.client.tiles import floor_surface
from game.core.level import TICK_RATE
from game.core.people import PersonView


def draw(play, surface: pygame.Surface) -> None:
    """The whole play screen."""
    surface.fill(palette.BACKGROUND)
    fonts = play.context.fonts
    view = play.view_rect(surface)
    camera = play.follow_camera(view)
    placer = Placer(view)
    clip = surface.get_clip()
    surface.set_clip(view)
    _draw_map(play, surface, view, camera)
    banner = _banner_text(play)
    if banner:
        text, colour = banner
        placer.reserve(draw_banner(surface, view, fonts, text, colour, max_lines=5))
    band = draw_captions(surface, view, fonts, play.live_captions())
    placer.reserve(band)
    if play.hit_mark is not None:
        draw_hit_frame(surface, play.hit_mark, view, play.now)
    if play.show_legend:
        # The legend covers the map between the banner and the captions; marks under it are hidden.
        top = max([r.bottom for r in placer.taken if r.y < view.centery] + [view.y]) + 8
        area = pygame.Rect(view.x + 16, top, view.w - 32, band.y - top - 8)
        steps = play.tutorial.checklist() if play.tutorial is not None else ()
        draw_legend(surface, area, fonts, play.context.settings.bindings, steps)
    else:
        _draw_marks(play, surface, view, camera, placer)
        target = play.target()
        if target is not None and target.position.floor == play.current_floor():
            _draw_tooltip(play, surface, view, camera, target, placer)
    surface.set_clip(clip)
    play.log_rect = play.hud_panel.draw(
        surface, play.hud_rect(surface), fonts, play.hud_state(), play.radio
    )


def _banner_text(play) -> tuple[str, tuple[int, int, int]] | None:
    if play.ending is not None:
        return play.end_words + "  (Enter: debrief)", palette.DANGER
    if play.plan_paused:
        return "Paused to plan: give orders, Space to go on", palette.HIGHLIGHT
    if play.trainee() is None and not play.world.finished:
        wait = max(0, play.level.trainee.arrives - play.world.tick) / TICK_RATE
        return f"En route: arriving in {wait:.0f} s", palette.HIGHLIGHT
    if play.going_live():
        return "The exercise goes live...", palette.HIGHLIGHT
    step = play.tutorial_banner()
    if step:
        return step, palette.HIGHLIGHT
    return None


def prepare(play) -> None:
    """Draw the map of the trainee's floor and its fog before the first frame, so that the first
    frame costs what any other does (the scene is made behind the briefing)."""
    floor = play.current_floor()
    play.fog.picture(_layer(play, floor), floor, play.tile)


def _layer(play, floor: int) -> pygame.Surface:
    key = (floor, play.tile)
    if key not in play.layers:
        play.layers[key] = floor_surface(play.building, floor, play.tile)
    return play.layers[key]


def _draw_map(play, surface: pygame.Surface, view: pygame.Rect, camera) -> None:
    tile = play.tile
    floor = play.current_floor()
    origin = (view.x - round(camera.x), view.y - round(camera.y))
    layer = _layer(play, floor)
    picture = play.fog.picture(layer, floor, tile)
    if picture is not None:  # the map and its fog drawn once, kept up to date tile by tile
        surface.blit(picture, origin)
    else:
        surface.blit(layer, origin)
        first_x, first_y = math.floor(camera.x / tile), math.floor(camera.y / tile)
        shown = pygame.Rect(first_x, first_y, view.w // tile + 2, view.h // tile + 2)
        fog, (fx, fy) = play.fog.overlay_part(floor, tile, shown)
        surface.blit(fog, (origin[0] + fx, origin[1] + fy))
    if play.move_target is not None and play.move_target.floor == floor:
        centre = _screen(camera, view, play.move_target.x, play.move_target.y, tile)
        pygame.draw.circle(surface, palette.ACCENT, centre, tile // 3, 2)
    for person in sorted(play.visible_people(), key=lambda p: p.id == YOU):
        if person.position.floor != floor:
            continue
        sx, sy = camera.to_screen(*play.pixel_of(person.id))
        centre = (sx + view.x, sy + view.y)
        draw_person(
            surface, look_of(person, person.id == YOU), centre, tile, _facing(play, person, centre)
        )
        if person.id == play.selected:
            _brackets(surface, centre, tile, palette.SELECTED, 3)
    hovered = play.person_under(play.mouse)
    if hovered is not None and hovered.id != play.selected:
        sx, sy = camera.to_screen(*play.pixel_of(hovered.id))
        _brackets(surface, (sx + view.x, sy + view.y), tile, palette.HIGHLIGHT, 2)


def _draw_marks(play, surface: pygame.Surface, view: pygame.Rect, camera, placer: Placer) -> None:
    fonts = play.context.fonts
    tx, ty = camera.to_screen(*play.pixel_of(YOU))
    trainee_centre = (tx + view.x, ty + view.y)
    cue_area = play.cue_rect(view)
    for index, cue in enumerate(play.cues):
        # only the newest gunshot is labelled; older rings fade unlabelled
        font = fonts.get("small") if index == len(play.cues) - 1 else None
        draw_cue(surface, cue, trainee_centre, cue_area, play.now, font, placer)
    for mark in play.shot_marks:
        if mark.at.floor == play.current_floor():
            centre = _screen(camera, view, mark.at.x, mark.at.y, play.tile)
            draw_shot_mark(surface, mark, centre, play.tile, play.now, fonts, placer)
    for mark in play.incoming:
        draw_incoming(surface, mark, cue_area, play.now, fonts, placer)


def _screen(camera, view: pygame.Rect, x: int, y: int, tile: int) -> tuple[int, int]:
    sx, sy = camera.to_screen((x + 0.5) * tile, (y + 0.5) * tile)
    return sx + view.x, sy + view.y


def _facing(play, person: PersonView, centre: tuple[int, int]) -> float:
    if person.id == YOU:
        return math.atan2(play.mouse[1] - centre[1], play.mouse[0] - centre[0])
    before = play.prev.get(person.id)
    if before is not None and before.position != person.position:
        dx = person.position.x - before.position.x
        dy = person.position.y - before.position.y
        play.facing[person.id] = math.atan2(dy, dx)
    return play.facing.get(person.id, math.pi / 2)


def _brackets(
    surface: pygame.Surface, centre: tuple[int, int], tile: int, colour, width: int
) -> None:
    box = pygame.Rect(0, 0, tile + 12, tile + 12)
    box.center = centre
    arm = max(5, tile // 3)
    for corner in (box.topleft, box.topright, box.bottomleft, box.bottomright):
        sx = 1 if corner[0] == box.left else -1
        sy = 1 if corner[1] == box.top else -1
        pygame.draw.line(surface, colour, corner, (corner[0] + arm * sx, corner[1]), width)
        pygame.draw.line(surface, colour, corner, (corner[0], corner[1] + arm * sy), width)


def _draw_tooltip(
    play, surface: pygame.Surface, view: pygame.Rect, camera, person: PersonView, placer: Placer
) -> None:
    """What the trainee can see of the selected (or hovered) person, beside them."""
    fonts = play.context.fonts
    small, body = fonts.get("small"), fonts.get("body")
    lines = tooltip_lines(person)
    max_w = max(160, min(view.w - 24, fonts.width("small", "m" * 30)))
    fitted = [fit(body, lines[0], max_w)] + [fit(small, line, max_w) for line in lines[1:]]
    width = max(body.size(fitted[0])[0], *(small.size(line)[0] for line in fitted[1:])) + 16
    height = fonts.line_height("body") + fonts.line_height("small") * (len(fitted) - 1) + 10
    sx, sy = camera.to_screen(*play.pixel_of(person.id))
    cx, cy = sx + view.x, sy + view.y
    gap = play.tile
    box = pygame.Rect(0, 0, width, height)
    candidates = []
    for anchor, point in (
        ("bottomleft", (cx + gap, cy - gap // 2)),
        ("bottomright", (cx - gap, cy - gap // 2)),
        ("topleft", (cx + gap, cy + gap // 2)),
        ("topright", (cx - gap, cy + gap // 2)),
        ("topleft", (view.x + 8, view.y + 8)),
        ("topright", (view.right - 8, view.y + 8)),
    ):
        candidate = box.copy()
        setattr(candidate, anchor, point)
        candidates.append(candidate)
    spot = placer.place(box, candidates)
    if spot is None:
        return
    back = pygame.Surface(spot.size, pygame.SRCALPHA)
    back.fill((*palette.BACKGROUND, 225))
    surface.blit(back, spot)
    edge = palette.SELECTED if person.id == play.selected else palette.HIGHLIGHT
    pygame.draw.rect(surface, edge, spot, 1)
    y = spot.y + 5
    draw_text(surface, body, fitted[0], (spot.x + 8, y))
    y += fonts.line_height("body")
    for line in fitted[1:]:
        draw_text(surface, small, line, (spot.x + 8, y), palette.TEXT_DIM)
        y += fonts.line_height("small")
