"""The review's words around the map: the header, the clock line, the buttons' labels and the side
panel (the moment, the perspective and what it shows, the findings so far, the notes)."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.captions import YOU
from game.client.layout import Row, draw_document, lay_out
from game.client.perceived import describe
from game.client.review_timeline import SPEEDS, marker_colour, speed_words
from game.client.text import draw_text, fit
from game.core.clock import clock_text
from game.core.level import TICK_RATE
from game.core.people import PersonView
from game.core.world import World
from game.sessions.review import MarkerKind

ROLE_WORDS = {"suspect": "SUSPECT", "officer": "OFFICER", "trainee": "TRAINEE"}
EXPLAINED = {
    "truth": (
        "Not what the trainee saw: roles are shown here for the review after the run. "
        "Lines show each round fired in the last five seconds, to where it stopped."
    ),
    "trainee": "Their fog, the people in their sight, and the captions of what they heard.",
    "suspect": (
        "Darkened: what he could not see. Red on the trainee's path: where he could see them."
    ),
}


def role_words(person: PersonView) -> str:
    """A role as the bird's-eye view names it: SUSPECT, OFFICER, OFF-DUTY OFFICER, TRAINEE, or the kind."""
    if person.role == "officer":
        return "OFF-DUTY OFFICER" if person.off_duty else "OFFICER"
    return ROLE_WORDS.get(person.role, person.kind or person.role)


def draw_header(scene, surface: pygame.Surface, margin: int) -> int:
    """The title and the line under it (the session, or the latest message); returns the y below."""
    fonts = scene.context.fonts
    heading, small = fonts.get("heading"), fonts.get("small")
    w = surface.get_width()
    y = 6
    title = f"After-action review: {scene.level.title}"
    draw_text(surface, heading, fit(heading, title, w - 2 * margin), (margin, y), palette.ACCENT)
    y += fonts.line_height("heading")
    if scene.message:
        line, colour = scene.message, palette.GOOD
    else:
        review = scene.review
        line = f"{review.title}   seed {review.seed}"
        if review.parent is not None:
            line += f"   a retry from {clock_text(review.parent.tick / TICK_RATE)} of {review.parent.file}"
        colour = palette.TEXT_DIM
    draw_text(surface, small, fit(small, line, w - 2 * margin), (margin, y), colour)
    return y + fonts.line_height("small") + 4


def status(scene) -> str:
    """The timeline's middle line: the moment, playing or paused, the speed, how much is prepared."""
    state = "playing" if scene.playing else "paused"
    words = f"{clock_text(scene.tick / TICK_RATE)}   {state} at {speed_words(SPEEDS[scene.speed])}"
    if not scene.keys.complete:
        share = scene.keys.built_until / max(1, scene.last_tick)
        words += f"   preparing {share:.0%}"
    return words


def button_items(scene) -> list[tuple[str, str, str]]:
    """The controls as (action, key, words), in the order they are laid out."""
    items = [
        ("prev", "[", "previous mark"),
        ("back1", ",", "tick back"),
        ("play", "Space", "pause" if scene.playing else "play"),
        ("fwd1", ".", "tick on"),
        ("next", "]", "next mark"),
        ("slower", "-", "slower"),
        ("faster", "+", "faster"),
        ("truth", "1", "truth"),
        ("trainee", "2", "trainee's view"),
        ("suspect", "3", "suspect's view"),
        ("follow", "Tab", "follow"),
        ("note", "N", "note"),
        ("retry", "R", "retry from here"),
        ("debrief", "D", "debrief"),
        ("back", "Esc", "back" if scene.back is not None else "quit"),
    ]
    return items


def draw_panel(scene, surface: pygame.Surface, panel: pygame.Rect) -> None:
    """The side panel, whole lines only."""
    fonts = scene.context.fonts
    surface.fill(palette.PANEL, panel)
    pygame.draw.line(surface, palette.PANEL_EDGE, panel.topleft, panel.bottomleft, 2)
    inner = panel.inflate(-24, -12)
    lines = lay_out(fonts, panel_rows(scene), inner.w)
    draw_document(surface, fonts, lines, inner, 0)


def panel_rows(scene) -> list[Row]:
    """The side panel: the moment, the perspective and what it shows, findings so far, the notes."""
    world = scene.world
    rows = [
        Row(
            f"{clock_text(scene.tick / TICK_RATE)} of {clock_text(scene.last_tick / TICK_RATE)}",
            "heading",
        )
    ]
    perspective = scene.perspective.value
    rows += [Row(gap=4), Row(_perspective_name(perspective), "body", palette.ACCENT)]
    rows.append(Row(EXPLAINED[perspective], "small", palette.TEXT_DIM))
    rows += [Row(gap=6), *_perspective_rows(scene, perspective, world)]
    rows += [Row(gap=6), Row("Findings so far", "heading", palette.ACCENT)]
    if not scene.keys.complete:
        share = scene.keys.built_until / max(1, scene.last_tick)
        rows.append(Row(f"Preparing the review: {share:.0%}", "small", palette.TEXT_DIM))
    past = [m for m in scene.markers if m.tick <= scene.tick and m.kind is not MarkerKind.NOTE]
    for marker in reversed(past[-5:]):
        head = clock_text(marker.tick / TICK_RATE)
        points = "screen-out" if marker.kind is MarkerKind.SCREEN_OUT else f"{marker.points:+d}"
        rows.append(
            Row(f"{head}  {points}  {scene.words(marker.text)}", "small", marker_colour(marker))
        )
    if scene.keys.complete and not past:
        rows.append(Row("(none yet)", "small", palette.TEXT_DIM))
    notes = scene.review.notes
    rows += [Row(gap=6), Row("Instructor notes", "heading", palette.ACCENT)]
    for note in notes:
        text = " ".join(note.text.split())
        rows.append(Row(f"{clock_text(note.tick / TICK_RATE)}  {text}", "small", palette.HIGHLIGHT))
    if not notes:
        rows.append(Row("N adds a note at this moment", "small", palette.TEXT_DIM))
    return rows


def _perspective_name(perspective: str) -> str:
    return {
        "truth": "Bird's-eye truth",
        "trainee": "The trainee's view",
        "suspect": "The suspect's view",
    }[perspective]


def _perspective_rows(scene, perspective: str, world: World) -> list[Row]:
    if perspective == "truth":
        person = world.person(scene.follow) or world.trainee
        picture = next((p for p in world.snapshot() if p.id == person.id), None)
        if picture is None:
            return [Row("Following someone not on scene yet", "small")]
        role = role_words(picture)
        words = "the trainee" if picture.id == YOU else f"{role.lower()}, {describe(picture)}"
        rows = [Row(f"Following: {words}", "small")]
        hurt = sum(1 for p in world.snapshot() if p.role == "civilian" and p.condition != "ok")
        civilians = sum(1 for p in world.snapshot() if p.role == "civilian")
        rows.append(Row(f"Civilians on scene: {civilians}, {hurt} hurt", "small", palette.TEXT_DIM))
        return rows
    if perspective == "trainee":
        recall = scene.state.recall
        zone = world.zone_at(world.trainee.position) if world.trainee.present else ""
        place = (
            world.zone_name(zone)
            if zone
            else ("En route" if not world.trainee.present else "Between places")
        )
        in_sight = len(recall.senses(world).in_sight)
        rows = [Row(f"Where: {place}", "small"), Row(f"People in sight: {in_sight}", "small")]
        rows += [Row(gap=4), Row("Radio heard", "small", palette.ACCENT)]
        rows += [Row(line, "small") for line in recall.radio_log[-4:]] or [
            Row("(nothing yet)", "small", palette.TEXT_DIM)
        ]
        return rows
    suspect = world.person(scene.suspect) if scene.suspect else None
    if suspect is None:
        return [Row("This level has no suspect", "small")]
    which = ""
    if len(scene.suspects) > 1:
        which = (
            f" ({scene.suspects.index(scene.suspect) + 1} of {len(scene.suspects)}; 3 again: next)"
        )
    rows = [Row(f"Suspect{which}", "small", palette.TEXT_DIM)]
    trainee = world.trainee
    sees = trainee.present and suspect.active and suspect.present and world.sees(suspect, trainee)
    rows.append(
        Row(
            "He can see the trainee now" if sees else "He cannot see the trainee now",
            "small",
            palette.DANGER if sees else palette.TEXT,
        )
    )
    exposure = scene.review.exposure
    so_far = exposure.seconds(scene.suspect, scene.tick, TICK_RATE)
    rows.append(Row(f"The trainee was in his sight for {so_far:.0f} s so far", "small"))
    if scene.keys.complete:
        total = exposure.seconds(scene.suspect, scene.last_tick, TICK_RATE)
        rows.append(Row(f"In the whole run: {total:.0f} s", "small", palette.TEXT_DIM))
    return rows
