"""The radio panel: compose a structured report slot by slot with the number keys, then send it.

It sits in the side panel (never over the middle of the map, the clock runs while you talk), offers
only the slots a message of that kind carries, and shows every value in words, never a token.
"""

from __future__ import annotations

import pygame

from game.client import palette
from game.client.text import Fonts, draw_text, fit, wrap
from game.core.commands import RADIO_KINDS, REQUESTS, Radio
from game.core.radio import KIND_TITLES, SLOT_TITLES, message_slots, slot_choices, value_label

MAX_PAGE = 9
TYPED_SLOTS_EXCLUDED = ("location", "shots", "requests")
"""Slots whose values must come from the list (the engine checks them)."""
OWN_SLOT_TITLES = {"description": "Your clothing", "weapon": "Your weapon"}
"""Slot titles of the plain-clothes notification, which describes the sender, not the suspect."""


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


def slot_title(kind: str, slot: str) -> str:
    """A slot's title for a message kind."""
    if kind == "self_description" and slot in OWN_SLOT_TITLES:
        return OWN_SLOT_TITLES[slot]
    return SLOT_TITLES.get(slot, slot)


class RadioPanel:
    """A small state machine: choose the kind, then fill slots, then Enter sends; Esc steps back."""

    def __init__(
        self,
        zones: list[tuple[str, str]],
        here: str = "",
        sightings: tuple[str, ...] = (),
        own_description: str = "",
    ) -> None:
        self.zones = zones
        self.sightings = sightings
        self.own_description = own_description
        self.stage = "kind"
        self.kind = ""
        self.values: dict[str, str] = {}
        if here and any(z == here for z, _ in zones):
            self.values["location"] = here
        self.slot = ""
        self.page = 0
        self.page_size = MAX_PAGE
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

    def slots(self) -> tuple[str, ...]:
        """The slots of the kind being composed."""
        return message_slots(self.kind) if self.kind else ()

    def _number(self, number: int) -> None:
        if self.stage == "kind":
            index = self.page * self.page_size + number - 1
            if number and index < len(RADIO_KINDS):
                self.kind = RADIO_KINDS[index]
                self.stage, self.page = "slots", 0
                kept = set(self.slots())
                self.values = {k: v for k, v in self.values.items() if k in kept}
        elif self.stage == "slots":
            slots = self.slots()
            if 1 <= number <= len(slots):
                self.slot = slots[number - 1]
                self.stage, self.page = "options", 0
                if self.slot == "requests":
                    self.requests = [r for r in self.values.get("requests", "").split(", ") if r]
        elif self.stage == "options":
            if number == 0:
                if self.slot not in TYPED_SLOTS_EXCLUDED:
                    self.stage, self.typed = "typing", ""
                return
            options = self.options()
            index = self.page * self.page_size + number - 1
            if index >= len(options) or number > self.page_size:
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
        names = dict(self.zones)
        if self.slot == "location":
            return list(self.zones)
        values = list(slot_choices(self.slot) or ())
        if self.slot == "description":
            if self.kind == "self_description":
                values = [self.own_description] if self.own_description else []
            else:
                values += [s for s in self.sightings if s not in values]
        return [(v, value_label(self.slot, v, names)) for v in values]

    def _pages(self) -> int:
        if self.stage == "kind":
            count = len(RADIO_KINDS)
        elif self.stage == "options":
            count = len(self.options())
        else:
            return 1
        return (count + self.page_size - 1) // self.page_size

    def value_words(self, slot: str) -> str:
        """A slot's value as shown (zone names and words instead of tokens)."""
        value = self.values.get(slot, "")
        return value_label(slot, value, dict(self.zones)) if value else ""

    def preview(self) -> str:
        """The message in words, as it will go out."""
        parts = [
            f"{slot_title(self.kind, s)}: {self.value_words(s)}"
            for s in self.slots()
            if self.values.get(s)
        ]
        return "; ".join(parts) or "(nothing filled in yet)"

    # -- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, fonts: Fonts) -> None:
        """Draw the panel inside a rectangle (the side panel's lower part)."""
        surface.fill(palette.PANEL, rect)
        pygame.draw.rect(surface, palette.ACCENT, rect, 2)
        body, small = fonts.get("body"), fonts.get("small")
        x, y, w = rect.x + 12, rect.y + 8, rect.w - 24
        kind = KIND_TITLES.get(self.kind, self.kind)
        title = f"Radio: {kind}" if self.kind else "Radio"
        if self.kind and fonts.width("heading", title) > w:
            title = kind
        draw_text(
            surface,
            fonts.get("heading"),
            fit(fonts.get("heading"), title, w),
            (x, y),
            palette.ACCENT,
        )
        y += fonts.line_height("heading") + 2
        footer, items, hint = self._content()
        footer_lines = wrap(small, footer, w)
        preview_lines = (
            wrap(small, "Sends: " + self.preview(), w)[:3] if self.stage != "kind" else []
        )
        bottom = (
            rect.bottom - 6 - fonts.line_height("small") * (len(footer_lines) + len(preview_lines))
        )
        for line in wrap(small, hint, w)[:2]:
            draw_text(surface, small, line, (x, y), palette.TEXT_DIM)
            y += fonts.line_height("small")
        room = max(1, (bottom - y) // fonts.line_height("body"))
        if self.stage in ("kind", "options"):
            self.page_size = max(1, min(MAX_PAGE, room))
            start = self.page * self.page_size
            items = items[start : start + self.page_size]
            items = [(f"{i}  {words}", colour) for i, (words, colour) in enumerate(items, start=1)]
        for text, colour in items[:room]:
            draw_text(surface, body, fit(body, text, w), (x, y), colour)
            y += fonts.line_height("body")
        y = bottom
        for line in preview_lines:
            draw_text(surface, small, line, (x, y), palette.TEXT)
            y += fonts.line_height("small")
        for line in footer_lines:
            draw_text(surface, small, line, (x, y), palette.TEXT_DIM)
            y += fonts.line_height("small")

    def _content(self) -> tuple[str, list[tuple[str, tuple[int, int, int]]], str]:
        """(footer, lines, hint) for the current stage."""
        if self.stage == "kind":
            items = [(KIND_TITLES.get(k, k), palette.TEXT) for k in RADIO_KINDS]
            return "Tab: more   Esc: close", items, "What kind of message? Press its number."
        if self.stage == "slots":
            items = []
            for i, slot in enumerate(self.slots(), start=1):
                value = self.value_words(slot) or "—"
                colour = palette.TEXT if slot in self.values else palette.TEXT_DIM
                items.append((f"{i}  {slot_title(self.kind, slot)}: {value}", colour))
            return (
                "Enter: send   Backspace: clear   Esc: back",
                items,
                "Press a slot's number to fill it.",
            )
        if self.stage == "options":
            options = self.options()
            items = []
            for value, words in options:
                mark = ""
                if self.slot == "requests":
                    mark = "[x] " if value in self.requests else "[ ] "
                items.append((f"{mark}{words}", palette.TEXT))
            extra = "0: type your own   " if self.slot not in TYPED_SLOTS_EXCLUDED else ""
            done = "Enter: done   " if self.slot == "requests" else ""
            hint = f"{slot_title(self.kind, self.slot)}: choose a number"
            if not options:
                hint += " (no places known yet: look around)" if self.slot == "location" else ""
            return f"{extra}{done}Tab: more   Esc: back", items, hint
        typed = [(self.typed + "_", palette.TEXT)]
        return "Enter: done   Esc: back", typed, f"{slot_title(self.kind, self.slot)}: type it"
