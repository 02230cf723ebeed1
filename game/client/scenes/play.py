"""The play view: the school top-down, what the trainee can see, and input turned into Commands."""

from __future__ import annotations

import math

import pygame

from game.client import palette
from game.client.camera import Camera
from game.client.captions import caption_for
from game.client.cues import GunfireCue, draw_cue
from game.client.fog import Fog
from game.client.hud import HudState, draw_banner, draw_captions, draw_hud
from game.client.input_map import (
    NEEDS_TARGET,
    AtHand,
    action_commands,
    click_command,
    key_label,
    key_map,
    keys_at_hand,
    move_vector,
    pace_command,
    step_command,
)
from game.client.loop import FixedStepLoop
from game.client.people_draw import draw_person, look_of, look_words
from game.client.radio_panel import RadioPanel
from game.client.scene import Context, Scene
from game.client.sound import pan_for_bearing
from game.client.tiles import floor_surface, redraw_tile
from game.core.commands import Command, EndScenario
from game.core.events import (
    BreachStarted,
    ChallengeIssued,
    Complied,
    DoorBreached,
    DoorClosed,
    DoorLocked,
    DoorOpened,
    Event,
    GunfireHeard,
    PaceChanged,
    PersonSighted,
    PromptShown,
    RadioHeard,
    RadioLost,
    RadioSent,
    TourniquetApplied,
)
from game.core.level import TICK_RATE, Level, Position
from game.core.people import PersonView
from game.core.world import World

TILE = 24
PANEL_W = 330
CAPTION_SECONDS = 8.0
PLAN_TRIGGERS = (GunfireHeard, PersonSighted, PromptShown, RadioHeard)


CHALLENGE_HINT_SECONDS = 10.0


class PlayScene:
    """One run of a level, played live."""

    def __init__(
        self, context: Context, level: Level, seed: int, world: World | None = None
    ) -> None:
        self.context = context
        self.level = level
        self.seed = seed
        self.world = world or World(level, seed)
        self.building = self.world.building
        self.loop = FixedStepLoop()
        self.fog = Fog(self.building)
        self.layers: dict[int, pygame.Surface] = {}
        self.keys = key_map(context.settings.bindings)
        self.held: set[str] = set()
        self.pending: list[Command] = []
        self.commands_by_tick: dict[int, list[Command]] = {}
        self.captions: list[tuple[float, str, str]] = []
        self.radio_log: list[str] = []
        self.cues: list[GunfireCue] = []
        self.sightings: list[str] = []
        self.radio: RadioPanel | None = None
        self.plan_paused = False
        self.now = 0.0
        self.mouse = (0, 0)
        self.last_step: tuple[tuple[int, int], Position] | None = None
        self.move_target: Position | None = None
        self.pace = "walk"
        self.doors_version = 0
        self.facing: dict[str, float] = {}
        self.trail: list[Position] = []
        self.last_gunfire_seen = -1e9
        self._visible_key: tuple[int, int, int] | None = None
        self.gunfire_heard = False
        self.challenged_at = -1e9
        self._visible: list[PersonView] = []
        self.prev = self._snapshot()
        self.curr = dict(self.prev)
        self._see()
        for event in self.world.log:
            self._on_event(event)

    # -- the scene protocol ------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Scene | None:
        """Keys and mouse become Commands (queued for the next tick) or open panels."""
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return None
        if self.radio is not None:
            state, message = self.radio.handle(event)
            if state != "open":
                self.radio = None
            if message is not None:
                self.pending.append(message)
            return None
        if event.type == pygame.KEYDOWN:
            return self._key_down(event)
        if event.type == pygame.KEYUP:
            action = self.keys.get(event.key)
            self.held.discard(action or "")
            if action == "run":
                self._pace("walk")
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.mouse = event.pos
            return self._click(event)
        return None

    def update(self, dt: float) -> Scene | None:
        """Run as many simulation ticks as the frame time allows (none while paused)."""
        self.now += dt
        if self.plan_paused:
            self.loop.reset()
        else:
            for _ in range(self.loop.advance(dt)):
                self.tick()
                if self.world.finished:
                    break
        if self.world.finished:
            return self.debrief()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The map view, the people, cues, captions and the HUD panel."""
        surface.fill(palette.BACKGROUND)
        view = self.view_rect(surface)
        self._draw_map(surface, view)
        draw_captions(surface, view, self.context.fonts, self._live_captions())
        draw_hud(surface, self.hud_rect(surface), self.context.fonts, self.hud_state())
        if self.radio is not None:
            panel = pygame.Rect(0, 0, min(560, view.w - 40), 330)
            panel.center = view.center
            self.radio.draw(surface, panel, self.context.fonts)
        if self.plan_paused:
            draw_banner(
                surface, view, self.context.fonts, "Paused to plan: give orders, Space to go on"
            )
        elif self.trainee() is None and not self.world.finished:
            wait = max(0, self.level.trainee.arrives - self.world.tick) / TICK_RATE
            draw_banner(surface, view, self.context.fonts, f"En route: arriving in {wait:.0f} s")

    # -- simulation ----------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """One simulation tick: the queued commands plus held movement, then the world steps."""
        commands = list(self.pending)
        self.pending.clear()
        trainee = self.trainee()
        direction = move_vector(self.held)
        if trainee is not None and direction != (0, 0):
            key = (direction, trainee.position)
            if key != self.last_step:
                step = step_command(direction, trainee.position, self.building)
                if step is not None:
                    commands.append(step)
                    self.move_target = None
                self.last_step = key
        elif direction == (0, 0):
            self.last_step = None
        if commands:
            self.commands_by_tick.setdefault(self.world.tick, []).extend(commands)
        events = self.world.step(commands)
        self.prev = self.curr
        self.curr = self._snapshot()
        for event in events:
            self._on_event(event)
        self._see()
        return events

    def end_now(self) -> None:
        """End the run at once (from the pause menu)."""
        self.commands_by_tick.setdefault(self.world.tick, []).append(EndScenario())
        self.world.step([EndScenario()])

    def debrief(self) -> Scene:
        """The debrief of this run."""
        from game.client.scenes.debrief import DebriefScene

        return DebriefScene(self.context, self.level, self.seed, self.world, self.commands_by_tick)

    def trainee(self) -> PersonView | None:
        """The trainee's picture now, or None before they arrive."""
        return self.curr.get("trainee")

    def _snapshot(self) -> dict[str, PersonView]:
        return {p.id: p for p in self.world.snapshot()}

    def _see(self) -> None:
        trainee = self.trainee()
        position = trainee.position if trainee else None
        self.fog.update(position, self.doors_version)
        if position is not None and (not self.trail or self.trail[-1] != position):
            self.trail.append(position)

    def _on_event(self, event: Event) -> None:
        caption = caption_for(event, self.world.zone_name)
        if caption is not None:
            kind, text = caption
            if not (kind == "refused" and self.captions and self.captions[-1][2] == text):
                self.captions.append((self.now, kind, text))
                del self.captions[:-30]
        if isinstance(event, RadioHeard | RadioSent | RadioLost):
            stamp = f"{event.tick // TICK_RATE // 60}:{event.tick // TICK_RATE % 60:02d}"
            self.radio_log.append(f"{stamp} {caption[1] if caption else ''}")
            self.context.sound.play("radio", 0.0, 0.8)
        elif isinstance(event, GunfireHeard):
            self.gunfire_heard = True
            self.cues.append(GunfireCue(event.bearing, event.loudness, event.distance, self.now))
            del self.cues[:-12]
            self.context.sound.play("gunshot", pan_for_bearing(event.bearing), event.loudness)
        elif isinstance(event, PromptShown):
            self.context.sound.play("prompt")
        elif isinstance(event, DoorOpened | DoorClosed | DoorBreached | DoorLocked):
            at = event.at
            if at.floor in self.layers:
                redraw_tile(self.layers[at.floor], self.building, at.floor, at.x, at.y, TILE)
            self.doors_version += 1
        elif isinstance(event, PaceChanged):
            self.pace = event.pace
        elif isinstance(event, ChallengeIssued) and event.target == "trainee":
            self.challenged_at = self.now
        elif isinstance(event, Complied) and event.person == "trainee":
            self.challenged_at = -1e9
        elif isinstance(event, PersonSighted):
            seen = event.seen
            dress = "uniform" if seen.dress == "uniform" else "plain clothes"
            weapon = f", {seen.weapon}" if seen.weapon_drawn else ""
            words = f"seen: {dress}{weapon}"
            if words not in self.sightings:
                self.sightings.append(words)
        elif isinstance(event, BreachStarted | TourniquetApplied):
            self.move_target = None
        if self.context.settings.plan_mode and isinstance(event, PLAN_TRIGGERS):
            if isinstance(event, GunfireHeard):
                fresh = self.now - self.last_gunfire_seen > 10
                self.last_gunfire_seen = self.now
                if not fresh:
                    return
            self.plan_paused = True

    # -- input ---------------------------------------------------------------------------------

    def _key_down(self, event: pygame.event.Event) -> Scene | None:
        action = self.keys.get(event.key)
        if action is None:
            return None
        if action.startswith("move_"):
            self.held.add(action)
        elif action == "run":
            self.held.add(action)
            self._pace("run")
        elif action == "radio":
            self.open_radio()
        elif action == "plan_pause":
            self.plan_paused = not self.plan_paused
        elif action == "pause":
            from game.client.scenes.pause import PauseScene

            self.held.clear()
            return PauseScene(self.context, self)
        else:
            commands = action_commands(action, self.at_hand())
            if not commands and action in NEEDS_TARGET:
                self.captions.append((self.now, "refused", "Point the mouse at a person first"))
            self.pending += commands
        return None

    def _click(self, event: pygame.event.Event) -> Scene | None:
        surface = pygame.display.get_surface()
        view = self.view_rect(surface) if surface else pygame.Rect(0, 0, 10**6, 10**6)
        if not view.collidepoint(event.pos) or self.trainee() is None:
            return None
        if event.button == 1:
            tile = self.tile_at(event.pos)
            if tile is not None and tile != self.trainee().position:
                self.pending.append(click_command(tile))
                self.move_target = tile
        elif event.button == 3:
            self.pending += action_commands("challenge", self.at_hand())
        return None

    def _pace(self, pace: str) -> None:
        if pace != self.pace:
            self.pending.append(pace_command(pace == "run"))
            self.pace = pace

    def open_radio(self) -> None:
        """Open the radio panel with the places the trainee knows."""
        trainee = self.trainee()
        known = self.fog.known_zones(self.world.zone_at)
        zones = [(z, self.world.zone_name(z)) for z in known]
        here = self.world.zone_at(trainee.position) if trainee else ""
        self.radio = RadioPanel(zones, here, tuple(self.sightings))

    # -- what is where -------------------------------------------------------------------------

    def view_rect(self, surface: pygame.Surface) -> pygame.Rect:
        """The map area of the screen."""
        return pygame.Rect(0, 0, surface.get_width() - PANEL_W, surface.get_height())

    def hud_rect(self, surface: pygame.Surface) -> pygame.Rect:
        """The side panel area."""
        return pygame.Rect(surface.get_width() - PANEL_W, 0, PANEL_W, surface.get_height())

    def cue_rect(self, view: pygame.Rect) -> pygame.Rect:
        """Where gunfire cues sit: the view's edge, above the caption band."""
        area = view.copy()
        area.h -= self.context.fonts.line_height("body") * 4 + 12
        return area

    def current_floor(self) -> int:
        """The floor shown: the trainee's."""
        trainee = self.trainee()
        if trainee is not None:
            return trainee.position.floor
        return self.world.trainee.position.floor

    def camera(self, view: pygame.Rect) -> Camera:
        """A camera on the trainee's interpolated position."""
        camera = Camera(view.size, (self.building.width * TILE, self.building.height * TILE))
        camera.follow(*self.pixel_of("trainee"))
        return camera

    def pixel_of(self, person_id: str) -> tuple[float, float]:
        """A person's drawn centre in map pixels, interpolated between the last two ticks."""
        now = self.curr.get(person_id)
        if now is None:
            pos = self.world.trainee.position
            return (pos.x + 0.5) * TILE, (pos.y + 0.5) * TILE
        before = self.prev.get(person_id, now)
        a, b = before.position, now.position
        alpha = self.loop.alpha
        if a.floor != b.floor or abs(a.x - b.x) > 2 or abs(a.y - b.y) > 2:
            alpha = 1.0
        x = a.x + (b.x - a.x) * alpha
        y = a.y + (b.y - a.y) * alpha
        return (x + 0.5) * TILE, (y + 0.5) * TILE

    def tile_at(self, screen_pos: tuple[int, int]) -> Position | None:
        """The map tile under a screen pixel, or None off the map."""
        surface = pygame.display.get_surface()
        view = self.view_rect(surface) if surface else pygame.Rect(0, 0, 1280, 760)
        wx, wy = self.camera(view).to_world(screen_pos[0] - view.x, screen_pos[1] - view.y)
        tile = Position(self.current_floor(), int(wx // TILE), int(wy // TILE))
        return tile if self.building.inside_map(tile) else None

    def visible_people(self) -> list[PersonView]:
        """Everyone the trainee can see now (the trainee first)."""
        key = (self.world.tick, self.fog.version, id(self.curr))
        if self._visible_key != key:
            self._visible_key = key
            visible = self.fog.visible
            self._visible = [
                p for p in self.curr.values() if p.id == "trainee" or p.position in visible
            ]
        return self._visible

    def person_under(self, screen_pos: tuple[int, int]) -> PersonView | None:
        """The visible person nearest the cursor, within about a tile."""
        surface = pygame.display.get_surface()
        view = self.view_rect(surface) if surface else pygame.Rect(0, 0, 1280, 760)
        camera = self.camera(view)
        wx, wy = camera.to_world(screen_pos[0] - view.x, screen_pos[1] - view.y)
        best, best_d = None, TILE * 0.9
        for person in self.visible_people():
            if person.id == "trainee" or person.position.floor != self.current_floor():
                continue
            px, py = self.pixel_of(person.id)
            d = math.hypot(px - wx, py - wy)
            if d < best_d:
                best, best_d = person, d
        return best

    def at_hand(self) -> AtHand:
        """What the trainee could act on now."""
        trainee = self.trainee()
        if trainee is None:
            return AtHand(None)
        target = self.person_under(self.mouse)
        protection, thing = self.building.protection(trainee.position)
        doors = self.building.adjacent_doors(trainee.position)
        states = {d.state.value for d in doors}
        near = [p for p in self.visible_people() if p.id != "trainee"]
        casualty = next(
            (
                p.id
                for p in near
                if p.condition == "critical"
                and p.position.floor == trainee.position.floor
                and max(
                    abs(p.position.x - trainee.position.x), abs(p.position.y - trainee.position.y)
                )
                <= 1
            ),
            "",
        )
        civilians = any(
            p.dress != "uniform"
            and not p.weapon_drawn
            and p.condition in ("ok", "walking")
            and abs(p.position.x - trainee.position.x) + abs(p.position.y - trainee.position.y)
            <= 10
            for p in near
        )
        spec = self.level.trainee
        return AtHand(
            trainee,
            target.id if target else "",
            protection,
            thing,
            "closed" in states,
            "open" in states,
            "locked" in states,
            spec.raid_jacket or spec.raid_jacket_worn,
            casualty,
            civilians,
            self.gunfire_heard,
            self.now - self.challenged_at <= CHALLENGE_HINT_SECONDS,
        )

    # -- drawing -------------------------------------------------------------------------------

    def _layer(self, floor: int) -> pygame.Surface:
        if floor not in self.layers:
            self.layers[floor] = floor_surface(self.building, floor, TILE)
        return self.layers[floor]

    def _draw_map(self, surface: pygame.Surface, view: pygame.Rect) -> None:
        floor = self.current_floor()
        camera = self.camera(view)
        clip = surface.get_clip()
        surface.set_clip(view)
        origin = (view.x - round(camera.x), view.y - round(camera.y))
        surface.blit(self._layer(floor), origin)
        first_x, first_y = int(camera.x // TILE), int(camera.y // TILE)
        shown = pygame.Rect(first_x, first_y, view.w // TILE + 2, view.h // TILE + 2)
        fog, (fx, fy) = self.fog.overlay_part(floor, TILE, shown)
        surface.blit(fog, (origin[0] + fx, origin[1] + fy))
        if self.move_target is not None and self.move_target.floor == floor:
            centre = camera.to_screen(
                (self.move_target.x + 0.5) * TILE, (self.move_target.y + 0.5) * TILE
            )
            pygame.draw.circle(
                surface, palette.ACCENT, (centre[0] + view.x, centre[1] + view.y), TILE // 3, 2
            )
        hovered = self.person_under(self.mouse)
        for person in sorted(self.visible_people(), key=lambda p: p.id == "trainee"):
            if person.position.floor != floor:
                continue
            px, py = self.pixel_of(person.id)
            sx, sy = camera.to_screen(px, py)
            centre = (sx + view.x, sy + view.y)
            facing = self._facing(person, centre)
            draw_person(surface, look_of(person, person.id == "trainee"), centre, TILE, facing)
            if hovered is not None and person.id == hovered.id:
                self._draw_hover(surface, view, person, centre)
        trainee_centre = camera.to_screen(*self.pixel_of("trainee"))
        trainee_centre = (trainee_centre[0] + view.x, trainee_centre[1] + view.y)
        cue_area = self.cue_rect(view)
        for cue in self.cues:
            draw_cue(
                surface, cue, trainee_centre, cue_area, self.now, self.context.fonts.get("small")
            )
        surface.set_clip(clip)

    def _facing(self, person: PersonView, centre: tuple[int, int]) -> float:
        if person.id == "trainee":
            return math.atan2(self.mouse[1] - centre[1], self.mouse[0] - centre[0])
        before = self.prev.get(person.id)
        if before is not None and before.position != person.position:
            dx = person.position.x - before.position.x
            dy = person.position.y - before.position.y
            self.facing[person.id] = math.atan2(dy, dx)
        return self.facing.get(person.id, math.pi / 2)

    def _draw_hover(
        self,
        surface: pygame.Surface,
        view: pygame.Rect,
        person: PersonView,
        centre: tuple[int, int],
    ) -> None:
        box = pygame.Rect(0, 0, TILE + 10, TILE + 10)
        box.center = centre
        for corner in (box.topleft, box.topright, box.bottomleft, box.bottomright):
            sx = 1 if corner[0] == box.left else -1
            sy = 1 if corner[1] == box.top else -1
            pygame.draw.line(surface, palette.HIGHLIGHT, corner, (corner[0] + 6 * sx, corner[1]), 2)
            pygame.draw.line(surface, palette.HIGHLIGHT, corner, (corner[0], corner[1] + 6 * sy), 2)
        font = self.context.fonts.get("small")
        label = font.render(look_words(look_of(person)), True, palette.TEXT)
        at = label.get_rect(midbottom=(centre[0], box.top - 4)).inflate(8, 4)
        at.clamp_ip(view)
        back = pygame.Surface(at.size, pygame.SRCALPHA)
        back.fill((*palette.BACKGROUND, 210))
        surface.blit(back, at)
        surface.blit(label, at.move(4, 2))

    def _live_captions(self) -> list[tuple[str, str]]:
        return [(k, t) for born, k, t in self.captions if self.now - born <= CAPTION_SECONDS][-4:]

    def hud_state(self) -> HudState:
        """The HUD's content from the snapshot and the events seen so far."""
        trainee = self.trainee()
        bindings = self.context.settings.bindings
        keys = [("WASD", "Move"), ("Click", "Walk to")]
        keys += [(key_label(bindings, a), w) for a, w in keys_at_hand(self.at_hand())]
        zone = self.world.zone_at(trainee.position) if trainee else ""
        place = (
            self.world.zone_name(zone) if zone else ("Between places" if trainee else "En route")
        )
        floor = self.level.floors[self.current_floor()].name
        return HudState(
            self.level.title,
            self.world.tick / TICK_RATE,
            place,
            floor,
            self._status(trainee),
            self.radio_log[-12:],
            keys,
        )

    def _status(self, trainee: PersonView | None) -> list[tuple[str, str]]:
        if trainee is None:
            return [("State", "en route")]
        spec = self.level.trainee
        jacket = "worn" if trainee.raid_jacket else ("carried" if spec.raid_jacket else "none")
        weapon = (
            "none"
            if trainee.weapon == "none"
            else (f"{trainee.weapon}, {'DRAWN' if trainee.weapon_drawn else 'holstered'}")
        )
        used = sum(1 for e in self.world.log if isinstance(e, TourniquetApplied))
        status = [
            ("Dress", "uniform" if trainee.dress == "uniform" else "plain clothes"),
            ("Jacket", jacket),
            ("Badge", "shown" if trainee.badge_shown else "not shown"),
            ("Weapon", weapon),
            ("Pace", "running" if self.pace == "run" else "walking"),
            (
                "Position",
                {"cover": "IN COVER", "concealment": "in concealment"}.get(
                    trainee.protection, "in the open"
                ),
            ),
            ("Tourniquets", str(max(0, spec.tourniquets - used))),
        ]
        if trainee.condition != "ok":
            status.append(("Condition", trainee.condition))
        return status
