"""The radio panel: compose a structured report slot by slot with the number keys, then send it."""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.text import Fonts, draw_text
from game.core.commands import RADIO_KINDS, RADIO_SLOTS, REQUESTS, SHOTS_STATUS, Radio
from game.core.geometry import COMPASS
from game.core.radio import KIND_TITLES, SLOT_TITLES

PAGE = 9

SLOT_OPTIONS: dict[str, tuple[str, ...]] = {
    "shots": SHOTS_STATUS,
    "description": (
        "unknown",
        "as given by dispatch",
        "male, plain clothes",
        "female, plain clothes",
    ),
    "weapon": ("unknown", "handgun", "rifle", "long gun", "shotgun"),
    "direction": ("unknown", "stationary", *COMPASS),
    "casualties": ("none seen", "unknown", "1", "2", "3 or more", "multiple, not counted"),
    "action": (
        "moving to the gunfire",
        "making entry",
        "holding at cover",
        "in contact with the suspect",
        "evacuating civilians",
        "treating casualties",
        "suspect stopped",
        "awaiting backup",
    ),
}

REQUEST_WORDS = {
    "backup": "backup",
    "ems": "EMS",
    "rtf": "rescue task force",
    "perimeter": "perimeter",
    "command": "command post",
    "staging": "staging area",
    "ccp": "casualty collection point",
}


def number_of(event: pygame.event.Event) -> int | None:
    """The digit of a number key (top row or keypad), or None."""
    if event.type != pygame.KEYDOWN:
        return None
    if pygame.K_0 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    keypad = [pygame.K_KP0, pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4]
    keypad += [pygame.K_KP5, pygame.K_KP6, pygame.K_KP7, pygame.K_KP8, pygame.K_KP9]
    if event.key in keypad:
        return keypad.index(event.key)
    return None


class RadioPanel:
    """A small state machine: choose the kind, then fill slots, then Enter sends; Esc steps back."""

    def __init__(
        self, zones: list[tuple[str, str]], here: str = "", sightings: tuple[str, ...] = ()
    ) -> None:
        self.zones = zones
        self.sightings = sightings
        self.stage = "kind"
        self.kind = ""
        self.values: dict[str, str] = {}
        if here and any(z == here for z, _ in zones):
            self.values["location"] = here
        self.slot = ""
        self.page = 0
        self.typed = ""
        self.requests: list[str] = []

    # -- input ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> tuple[str, Radio | None]:
        """Feed one event: ("open", None), ("closed", None) or ("sent", message)."""
        if event.type != pygame.KEYDOWN:
            return "open", None
        if self.stage == "typing":
            return self._typing(event)
        number = number_of(event)
        if event.key == pygame.K_ESCAPE:
            return self._back()
        if event.key in (pygame.K_PAGEDOWN, pygame.K_TAB, pygame.K_RIGHT):
            self.page = (self.page + 1) % max(1, self._pages())
        elif event.key in (pygame.K_PAGEUP, pygame.K_LEFT):
            self.page = (self.page - 1) % max(1, self._pages())
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self._enter()
        elif event.key == pygame.K_BACKSPACE and self.stage == "slots":
            self.values.clear()
        elif number is not None:
            self._number(number)
        return "open", None

    def _number(self, number: int) -> None:
        if self.stage == "kind":
            index = self.page * PAGE + number - 1
            if number and index < len(RADIO_KINDS):
                self.kind = RADIO_KINDS[index]
                self.stage, self.page = "slots", 0
        elif self.stage == "slots":
            if 1 <= number <= len(RADIO_SLOTS):
                self.slot = RADIO_SLOTS[number - 1]
                self.stage, self.page = "options", 0
                if self.slot == "requests":
                    self.requests = [r for r in self.values.get("requests", "").split(", ") if r]
        elif self.stage == "options":
            if number == 0:
                if self.slot not in ("location", "shots", "requests"):
                    self.stage, self.typed = "typing", ""
                return
            options = self.options()
            index = self.page * PAGE + number - 1
            if index >= len(options):
                return
            value = options[index][0]
            if self.slot == "requests":
                if value in self.requests:
                    self.requests.remove(value)
                else:
                    self.requests.append(value)
                return
            self.values[self.slot] = value
            self.stage, self.page = "slots", 0

    def _enter(self) -> tuple[str, Radio | None]:
        if self.stage == "options" and self.slot == "requests":
            ordered = [r for r in REQUESTS if r in self.requests]
            if ordered:
                self.values["requests"] = ", ".join(ordered)
            else:
                self.values.pop("requests", None)
            self.stage = "slots"
            return "open", None
        if self.stage == "slots":
            return "sent", self.message()
        return "open", None

    def _back(self) -> tuple[str, Radio | None]:
        if self.stage in ("options", "typing"):
            self.stage, self.page = "slots", 0
            return "open", None
        if self.stage == "slots":
            self.stage, self.page = "kind", 0
            return "open", None
        return "closed", None

    def _typing(self, event: pygame.event.Event) -> tuple[str, Radio | None]:
        if event.key == pygame.K_ESCAPE:
            self.stage = "options"
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.typed.strip():
                self.values[self.slot] = self.typed.strip()
            self.stage = "slots"
        elif event.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif event.unicode and event.unicode.isprintable() and len(self.typed) < 60:
            self.typed += event.unicode
        return "open", None

    # -- content -------------------------------------------------------------------------------

    def message(self) -> Radio:
        """The message as composed now."""
        return Radio.of(self.kind, **self.values)

    def options(self) -> list[tuple[str, str]]:
        """(value, words) choices for the slot being filled."""
        if self.slot == "location":
            return list(self.zones)
        if self.slot == "requests":
            return [(r, REQUEST_WORDS.get(r, r)) for r in REQUESTS]
        values = list(SLOT_OPTIONS.get(self.slot, ()))
        if self.slot == "description":
            values += [s for s in self.sightings if s not in values]
        return [(v, v) for v in values]

    def _pages(self) -> int:
        if self.stage == "kind":
            count = len(RADIO_KINDS)
        elif self.stage == "options":
            count = len(self.options())
        else:
            return 1
        return (count + PAGE - 1) // PAGE

    def value_words(self, slot: str) -> str:
        """A slot's value as shown (zone names instead of ids)."""
        value = self.values.get(slot, "")
        if slot == "location":
            return dict(self.zones).get(value, value)
        return value

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts) -> None:
        """Draw the panel inside a rectangle."""
        back = pygame.Surface(rect.size, pygame.SRCALPHA)
        back.fill((*palette.PANEL, 240))
        surface.blit(back, rect)
        pygame.draw.rect(surface, palette.ACCENT, rect, 2)
        body, small = fonts.get("body"), fonts.get("small")
        x, y = rect.x + 14, rect.y + 10
        title = "Radio" + (f": {KIND_TITLES.get(self.kind, self.kind)}" if self.kind else "")
        draw_text(surface, fonts.get("heading"), title, (x, y), palette.ACCENT)
        y += fonts.line_height("heading") + 4
        lines: list[tuple[str, tuple[int, int, int]]] = []
        if self.stage == "kind":
            lines.append(("What kind of message? Press its number.", palette.TEXT_DIM))
            start = self.page * PAGE
            for i, kind in enumerate(RADIO_KINDS[start : start + PAGE], start=1):
                lines.append((f"{i}  {KIND_TITLES.get(kind, kind)}", palette.TEXT))
            footer = "Tab: more   Esc: close"
        elif self.stage == "slots":
            lines.append(("Number: fill a slot.  Enter: send.  Esc: back.", palette.TEXT_DIM))
            for i, slot in enumerate(RADIO_SLOTS, start=1):
                value = self.value_words(slot) or "—"
                colour = palette.TEXT if slot in self.values else palette.TEXT_DIM
                lines.append((f"{i}  {SLOT_TITLES[slot]}: {value}", colour))
            footer = "Backspace: clear all"
        elif self.stage == "options":
            lines.append((f"{SLOT_TITLES[self.slot]}: choose a number", palette.TEXT_DIM))
            start = self.page * PAGE
            options = self.options()
            if not options:
                lines.append(("(no places known yet: look around)", palette.TEXT_DIM))
            for i, (value, words) in enumerate(options[start : start + PAGE], start=1):
                mark = ""
                if self.slot == "requests":
                    mark = "[x] " if value in self.requests else "[ ] "
                lines.append((f"{i}  {mark}{words}", palette.TEXT))
            extra = (
                "0: type your own   " if self.slot not in ("location", "shots", "requests") else ""
            )
            done = "Enter: done   " if self.slot == "requests" else ""
            footer = f"{extra}{done}Tab: more   Esc: back"
        else:
            lines.append((f"{SLOT_TITLES[self.slot]}: type, then Enter", palette.TEXT_DIM))
            lines.append((self.typed + "_", palette.TEXT))
            footer = "Esc: back"
        for text, colour in lines:
            draw_text(surface, body, text, (x, y), colour)
            y += fonts.line_height("body")
        draw_text(surface, small, footer, (x, rect.bottom - 8), palette.TEXT_DIM, "bottomleft")
        if self.stage in ("slots", "options", "typing") and self.kind:
            preview = Radio.of(self.kind, **self.values)
            words = ", ".join(f"{k}={v}" for k, v in preview.slots) or "(empty)"
            draw_text(
                surface, small, words[:90], (x, rect.bottom - 28), palette.TEXT_DIM, "bottomleft"
            )
