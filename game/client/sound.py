"""Sounds made by the project: synthesised at start-up into mixer Sounds, panned by direction.

No sample files: a gunshot is a short noise burst with a fast decay, radio traffic a squelch and two
beeps. When the mixer cannot start (no audio device), everything stays silent and nothing fails.
"""

from __future__ import annotations

import math
import random
from array import array

import pygame

RATE = 22050


class SoundBank:
    """The game's synthesised sounds; silent when there is no audio device."""

    def __init__(self, volume: float = 0.7) -> None:
        self.volume = volume
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.enabled = False
        self.played: list[tuple[str, float, float]] = []
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=2)
            self.rate, _, channels = pygame.mixer.get_init()
            for name, samples in synthesise_all(self.rate).items():
                self.sounds[name] = pygame.mixer.Sound(buffer=_stereo(samples, channels))
            self.enabled = True
        except (pygame.error, OSError, ValueError):
            self.enabled = False

    def play(self, name: str, pan: float = 0.0, loudness: float = 1.0) -> None:
        """Play a sound, pan -1 (left) .. 1 (right), loudness 0..1; recorded even when silent."""
        self.played.append((name, pan, loudness))
        del self.played[:-50]
        sound = self.sounds.get(name)
        if not self.enabled or sound is None or self.volume <= 0:
            return
        channel = sound.play()
        if channel is None:
            return
        level = max(0.0, min(1.0, loudness)) * self.volume
        left = level * min(1.0, 1.0 - pan)
        right = level * min(1.0, 1.0 + pan)
        channel.set_volume(left, right)


def pan_for_bearing(bearing: float) -> float:
    """Stereo pan for a compass bearing (east is right, west is left)."""
    return math.sin(math.radians(bearing))


def synthesise_all(rate: int = RATE) -> dict[str, list[float]]:
    """Every sound as mono samples in -1..1."""
    return {
        "gunshot": gunshot(rate),
        "radio": radio_beeps(rate),
        "prompt": soft_tone(rate),
    }


def gunshot(rate: int = RATE) -> list[float]:
    """A sharp crack: seeded noise with a fast exponential decay over a low thump."""
    noise = random.Random(7)
    length = int(rate * 0.45)
    out = []
    for i in range(length):
        t = i / rate
        crack = noise.uniform(-1, 1) * math.exp(-t * 28)
        thump = math.sin(2 * math.pi * 70 * t) * math.exp(-t * 12) * 0.6
        out.append(max(-1.0, min(1.0, (crack + thump) * 0.8)))
    return out


def radio_beeps(rate: int = RATE) -> list[float]:
    """A short squelch then two beeps, so a new radio message is heard before it is read."""
    noise = random.Random(3)
    out = [noise.uniform(-1, 1) * 0.15 for _ in range(int(rate * 0.06))]
    for freq in (1200, 1500):
        length = int(rate * 0.07)
        out += [
            math.sin(2 * math.pi * freq * i / rate) * 0.35 * min(1.0, (length - i) / 200)
            for i in range(length)
        ]
        out += [0.0] * int(rate * 0.03)
    return out


def soft_tone(rate: int = RATE) -> list[float]:
    """A soft two-note chime for on-screen prompts."""
    out: list[float] = []
    for freq in (660, 880):
        length = int(rate * 0.12)
        out += [
            math.sin(2 * math.pi * freq * i / rate) * 0.25 * math.sin(math.pi * i / length)
            for i in range(length)
        ]
    return out


def _stereo(samples: list[float], channels: int) -> bytes:
    data = array("h")
    for value in samples:
        sample = int(value * 32000)
        data.extend([sample] * channels)
    return data.tobytes()
