"""The game's sounds, loaded from assets/sounds/ and panned by direction; silent without a sound device.

Starting the mixer never prints the sound system's complaints (ALSA's, on a machine with no card):
the game plays silent, and every sound it would have made is still captioned on screen.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame

from game.client.assets import sound_file

SOUND_NAMES = ("gunshot", "incoming", "hit", "radio", "prompt")
RATE = 22050


class SoundBank:
    """The game's sounds; silent when there is no audio device."""

    def __init__(self, volume: float = 0.7) -> None:
        self.volume = volume
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.clips: dict[Path, pygame.mixer.Sound | None] = {}
        self.played: list[tuple[str, float, float]] = []
        self.enabled = start_sound()
        if self.enabled:
            for name in SOUND_NAMES:
                try:
                    self.sounds[name] = pygame.mixer.Sound(str(sound_file(name)))
                except (pygame.error, OSError, FileNotFoundError):
                    continue

    @property
    def status(self) -> str:
        """A line for the screen when there is no sound ('' when there is)."""
        return "" if self.enabled else "No sound device: playing silent, every sound is captioned."

    def play(self, name: str, pan: float = 0.0, loudness: float = 1.0) -> None:
        """Play a sound, pan -1 (left) .. 1 (right), loudness 0..1; recorded even when silent."""
        self.played.append((name, pan, loudness))
        del self.played[:-50]
        self._play(self.sounds.get(name), pan, loudness)

    def play_file(self, path: Path, loudness: float = 1.0) -> bool:
        """Play a level's own sound file (a recorded dispatch clip); False when it cannot be played."""
        self.played.append((str(path), 0.0, loudness))
        del self.played[:-50]
        if not self.enabled:
            return False
        if path not in self.clips:
            try:
                self.clips[path] = pygame.mixer.Sound(str(path))
            except (pygame.error, OSError, FileNotFoundError):
                self.clips[path] = None
        sound = self.clips[path]
        self._play(sound, 0.0, loudness)
        return sound is not None

    def _play(self, sound: pygame.mixer.Sound | None, pan: float, loudness: float) -> None:
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


def start_sound() -> bool:
    """Start the mixer if there is a sound device; True when sound plays. Never prints device noise."""
    if pygame.mixer.get_init():
        return True
    with quiet_stderr():
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=2)
        except (pygame.error, OSError):
            return False
    return bool(pygame.mixer.get_init())


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence what C libraries write to the process's stderr (ALSA's errors when there is no card)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
