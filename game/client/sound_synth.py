"""How the game's sounds in assets/sounds/ were made: synthesised here, written once as WAV files.

`python -m game.client.sound_synth assets/sounds` writes them again. A gunshot is a short noise burst
with a fast decay, rounds passing a sharp crack, a hit a dull thump, radio traffic a squelch and two
beeps, a prompt a soft chime. Nothing is recorded, nothing is graphic.
"""

from __future__ import annotations

import math
import random
import sys
import wave
from array import array
from pathlib import Path

RATE = 22050


def synthesise_all(rate: int = RATE) -> dict[str, list[float]]:
    """Every sound as mono samples in -1..1."""
    return {
        "gunshot": gunshot(rate),
        "incoming": incoming(rate),
        "hit": hit(rate),
        "radio": radio_beeps(rate),
        "prompt": soft_tone(rate),
    }


def gunshot(rate: int = RATE) -> list[float]:
    """A sharp crack: seeded noise with a fast exponential decay over a low thump."""
    noise = random.Random(7)
    out = []
    for i in range(int(rate * 0.45)):
        t = i / rate
        crack = noise.uniform(-1, 1) * math.exp(-t * 28)
        thump = math.sin(2 * math.pi * 70 * t) * math.exp(-t * 12) * 0.6
        out.append(max(-1.0, min(1.0, (crack + thump) * 0.8)))
    return out


def incoming(rate: int = RATE) -> list[float]:
    """Rounds passing close: a very short, bright snap."""
    noise = random.Random(11)
    out = []
    for i in range(int(rate * 0.12)):
        t = i / rate
        out.append(noise.uniform(-1, 1) * math.exp(-t * 70) * 0.9)
    return out


def hit(rate: int = RATE) -> list[float]:
    """Being hit: a dull low thump."""
    out = []
    for i in range(int(rate * 0.3)):
        t = i / rate
        out.append(math.sin(2 * math.pi * 55 * t) * math.exp(-t * 14) * 0.9)
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


def write_wav(path: Path, samples: list[float], rate: int = RATE) -> None:
    """Write mono 16-bit samples as a WAV file."""
    data = array("h", (int(max(-1.0, min(1.0, v)) * 32000) for v in samples))
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())


def main(argv: list[str]) -> int:
    """Write every sound into a folder."""
    folder = Path(argv[0] if argv else "assets/sounds")
    folder.mkdir(parents=True, exist_ok=True)
    for name, samples in synthesise_all().items():
        write_wav(folder / f"{name}.wav", samples)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
