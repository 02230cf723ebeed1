"""The briefing: the dispatch call, what is known, and the controls that matter in this level."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.input_map import key_label
from game.client.scene import Context, Scene
from game.client.text import draw_text, draw_wrapped, reflow
from game.core.level import DoorState, Dress, Level, TimelineKind
from game.core.world import World
from game.sessions.variants import applicable_choices


class BriefingScene:
    """Read, then Enter to start; P toggles pause-to-plan; Esc back to the menu."""

    def __init__(self, context: Context, level: Level, seed: int) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = World(level, seed, applicable_choices(context.variant, level))

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Enter starts the run; Esc returns to the menu."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.start()
            if event.key == pygame.K_p:
                self.context.settings.plan_mode = not self.context.settings.plan_mode
                self.context.save_settings()
            if event.key == pygame.K_ESCAPE:
                from game.client.scenes.menu import MenuScene

                return MenuScene(self.context)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.start()
        return None

    def start(self) -> Scene:
        """The play scene on this briefing's world."""
        from game.client.scenes.play import PlayScene

        return PlayScene(self.context, self.level, self.seed, self.world)

    def update(self, dt: float) -> Scene | None:
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
            (key_label(b, "cover"), "take cover (solid blocks) or concealment (hatched)"),
            (key_label(b, "weapon"), "draw / holster your weapon"),
            (key_label(b, "announce"), 'shout "Police!"'),
            (key_label(b, "radio"), "radio: compose a report with the number keys, Enter sends"),
            (key_label(b, "challenge"), "challenge the person under the mouse (right-click too)"),
            (key_label(b, "fire"), "fire at the person under the mouse"),
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
        rows.append((key_label(b, "plan_pause"), "pause to plan;  Esc: pause menu"))
        return rows

    def _used(self, symbol: str) -> bool:
        return any(symbol in row for floor in self.level.floors for row in floor.rows)

    def draw(self, surface: pygame.Surface) -> None:
        """The briefing page."""
        fonts = self.context.fonts
        surface.fill(palette.BACKGROUND)
        w, h = surface.get_size()
        x = 60
        draw_text(surface, fonts.get("title"), self.level.title, (x, 30))
        y = 30 + fonts.line_height("title") + 10
        col = (w - 3 * x) // 2
        draw_text(surface, fonts.get("heading"), "Dispatch", (x, y), palette.ACCENT)
        yy = y + fonts.line_height("heading")
        for line in self.dispatch_lines() or ["(no radio traffic yet)"]:
            yy = (
                draw_wrapped(
                    surface, fonts.get("body"), line, pygame.Rect(x, yy, col, h), palette.TEXT
                )
                + 6
            )
        draw_text(surface, fonts.get("heading"), "What you know", (x, yy + 8), palette.ACCENT)
        yy += 8 + fonts.line_height("heading")
        draw_wrapped(
            surface,
            fonts.get("body"),
            reflow(self.level.briefing),
            pygame.Rect(x, yy, col, h - yy - 80),
        )
        cx = x * 2 + col
        draw_text(surface, fonts.get("heading"), "Controls", (cx, y), palette.ACCENT)
        yy = y + fonts.line_height("heading")
        for key, words in self.controls():
            draw_text(surface, fonts.get("body"), key, (cx, yy), palette.HIGHLIGHT)
            yy = (
                draw_wrapped(
                    surface,
                    fonts.get("small"),
                    words,
                    pygame.Rect(cx + 150, yy + 2, col - 150, 200),
                )
                + 4
            )
        mode = "ON" if self.context.settings.plan_mode else "off"
        draw_text(
            surface,
            fonts.get("body"),
            f"Pause-to-plan mode (stops the clock at each new sound, sighting and call): {mode}.  P to change.",
            (x, h - 70),
            palette.TEXT_DIM,
        )
        draw_text(
            surface, fonts.get("heading"), "Enter: start     Esc: back", (x, h - 40), palette.TEXT
        )
