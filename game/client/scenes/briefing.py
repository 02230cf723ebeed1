"""The briefing: the dispatch call, what is known, a floor plan if the level has one, and the controls."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.client import palette
from game.client.input_map import key_label
from game.client.layout import Row, draw_document, lay_out
from game.client.routes import ToMenu, ToPlay
from game.client.scene import Context, Next
from game.client.text import draw_text, fit, reflow, wrap
from game.client.tutorial import TUTORIALS
from game.core.level import DoorState, Dress, Level, TimelineKind
from game.core.world import World
from game.sessions.variants import applicable_choices


class BriefingScene:
    """Read, then Enter to start; Up/Down scroll; P toggles pause-to-plan; Esc back to the menu."""

    def __init__(self, context: Context, level: Level, seed: int) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = World(level, seed, applicable_choices(context.variant, level))
        self.scroll = 0
        self.max_scroll = 0
        self.plan_image, self.plan_problem = load_briefing_image(level)

    def handle(self, event: pygame.event.Event) -> Next:
        """Enter starts the run; Esc returns to the menu."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.start()
            if event.key == pygame.K_p:
                self.context.settings.plan_mode = not self.context.settings.plan_mode
                self.context.save_settings()
            if event.key in (pygame.K_DOWN, pygame.K_s, pygame.K_PAGEDOWN):
                self.scroll = min(
                    self.max_scroll, self.scroll + (8 if event.key == pygame.K_PAGEDOWN else 2)
                )
            if event.key in (pygame.K_UP, pygame.K_w, pygame.K_PAGEUP):
                self.scroll = max(0, self.scroll - (8 if event.key == pygame.K_PAGEUP else 2))
            if event.key == pygame.K_ESCAPE:
                return ToMenu()
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(self.max_scroll, self.scroll - event.y * 2))
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.start()
        return None

    def start(self) -> Next:
        """The play scene on this briefing's world."""
        return ToPlay(self.level, self.seed, self.world)

    def update(self, dt: float) -> Next:
        """Nothing moves in the briefing."""
        return None

    def dispatch_lines(self) -> list[str]:
        """The radio traffic at the start of this run."""
        return [
            f"{e.sender}: {e.text}"
            for e in self.level.timeline
            if e.kind is TimelineKind.RADIO and e.at == 0 and self.world.present(e.when)
        ]

    def controls(self) -> list[tuple[str, str]]:
        """The keys that matter in this level."""
        b = self.context.settings.bindings
        spec = self.level.trainee
        rows = [
            ("WASD / arrows", "move one tile; click: walk there; hold Shift: run"),
            (key_label(b, "advance"), "move toward the gunfire you heard"),
            (key_label(b, "cover"), "take cover (solid blocks) or concealment (hatched)"),
            (key_label(b, "weapon"), "draw / holster your weapon"),
            (key_label(b, "announce"), 'shout "Police!"'),
            (key_label(b, "radio"), "radio: compose a report with the number keys, Enter sends"),
            (
                f"Click / {key_label(b, 'select_next')}",
                "select a person (Tab: the next one in view)",
            ),
            (key_label(b, "challenge"), "challenge the selected person (right-click too)"),
            (key_label(b, "fire"), "fire at the selected person"),
            (key_label(b, "direct"), "direct civilians near you to an exit"),
        ]
        if spec.raid_jacket and not spec.raid_jacket_worn:
            rows.append((key_label(b, "jacket"), "put on your raid jacket (takes 3 s)"))
        if spec.dress is Dress.PLAIN:
            rows.append((key_label(b, "badge"), "show your badge"))
        if spec.tourniquets:
            rows.append(
                (key_label(b, "tourniquet"), f"apply a tourniquet ({spec.tourniquets} carried)")
            )
        if any(e.door_state is DoorState.LOCKED for e in self.level.legend if self._used(e.symbol)):
            rows.append((key_label(b, "breach"), "breach a locked door next to you"))
        if self.level.id in TUTORIALS:
            rows.append((key_label(b, "skip_tutorial"), "skip the walk-through's steps"))
        rows.append((key_label(b, "legend"), "legend of shapes and every key"))
        rows.append((key_label(b, "plan_pause"), "pause to plan;  Esc: pause menu"))
        return rows

    def _used(self, symbol: str) -> bool:
        return any(symbol in row for floor in self.level.floors for row in floor.rows)

    def document(self, width: int) -> list[Row]:
        """The left column: dispatch, what you know, the floor plan."""
        rows = [Row("Dispatch", "heading", palette.ACCENT)]
        rows += [Row(line) for line in self.dispatch_lines() or ["(no radio traffic yet)"]]
        rows += [Row(gap=10), Row("What you know", "heading", palette.ACCENT)]
        rows += [Row(p) if p else Row(gap=8) for p in reflow(self.level.briefing).split("\n")]
        if self.plan_image is not None:
            rows += [Row(gap=10), Row("Floor plan", "heading", palette.ACCENT)]
            image = self.plan_image
            scale = min(1.0, width / image.get_width(), 420 / image.get_height())
            if scale < 1.0:
                size = (
                    max(1, round(image.get_width() * scale)),
                    max(1, round(image.get_height() * scale)),
                )
                image = pygame.transform.smoothscale(image, size)
            rows.append(Row(image=image))
        elif self.plan_problem:
            rows += [Row(gap=10), Row(self.plan_problem, "small", palette.WARNING)]
        return rows

    def draw(self, surface: pygame.Surface) -> None:
        """The briefing page."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        margin = max(24, w // 30)
        title_font = fonts.get("title")
        y = 20
        for line in wrap(title_font, self.level.title, w - 2 * margin)[:2]:
            draw_text(surface, title_font, line, (margin, y))
            y += fonts.line_height("title")
        y += 6
        small = fonts.get("small")
        mode = "ON" if self.context.settings.plan_mode else "off"
        plan = f"Pause-to-plan mode (stops the clock at each new sound, sighting and call): {mode}.  P to change."
        keys = "Enter: start     Up/Down: scroll     Esc: back"
        plan_lines = wrap(small, plan, w - 2 * margin)
        bottom = (
            h - 12 - fonts.line_height("heading") - fonts.line_height("small") * len(plan_lines)
        )
        gap = margin
        col = (w - 2 * margin - gap) // 2
        left = pygame.Rect(margin, y, col, bottom - y - 8)
        lines = lay_out(fonts, self.document(col - 12), col - 12)
        self.max_scroll = draw_document(surface, fonts, lines, left, self.scroll)
        self.scroll = min(self.scroll, self.max_scroll)
        self._draw_controls(surface, pygame.Rect(margin + col + gap, y, col, bottom - y - 8))
        yy = bottom
        for line in plan_lines:
            draw_text(surface, small, line, (margin, yy), palette.TEXT_DIM)
            yy += fonts.line_height("small")
        if self.max_scroll:
            keys += "   (more below)" if self.scroll < self.max_scroll else ""
        heading = fonts.get("heading")
        draw_text(surface, heading, fit(heading, keys, w - 2 * margin), (margin, yy + 4))

    def _draw_controls(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        fonts = self.context.fonts
        body, small = fonts.get("body"), fonts.get("small")
        draw_text(surface, fonts.get("heading"), "Controls", rect.topleft, palette.ACCENT)
        y = rect.y + fonts.line_height("heading")
        rows = self.controls()
        key_w = min(rect.w // 3, max(body.size(k)[0] for k, _ in rows) + 14)
        for key, words in rows:
            wrapped = wrap(small, words, rect.w - key_w)
            height = max(fonts.line_height("body"), fonts.line_height("small") * len(wrapped)) + 2
            if y + height > rect.bottom:
                if y + fonts.line_height("small") <= rect.bottom:
                    more = fit(small, "More keys: F1 in play", rect.w)
                    draw_text(surface, small, more, (rect.x, y), palette.TEXT_DIM)
                break
            draw_text(surface, body, fit(body, key, key_w - 8), (rect.x, y), palette.HIGHLIGHT)
            yy = y + 2
            for line in wrapped:
                draw_text(surface, small, line, (rect.x + key_w, yy))
                yy += fonts.line_height("small")
            y += height


def load_briefing_image(level: Level) -> tuple[pygame.Surface | None, str]:
    """The level's floor-plan picture, found only inside the level's folder; (None, why) otherwise."""
    name = getattr(level, "briefing_image", "")
    if not name:
        return None, ""
    from game.levels.assets import resolve_asset

    try:
        path = resolve_asset(Path(level.source_path).resolve().parent, name)
        return pygame.image.load(str(path)), ""
    except (ValueError, OSError, FileNotFoundError, pygame.error) as error:
        return None, f"The floor plan {name!r} cannot be shown: {error}"
