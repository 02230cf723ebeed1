"""Named random streams: one per concern of a run, each drawn from the seed and its name alone.

A stream is a counter run through SHA-256, so its state is two small values (cheap to keep in every
keyframe), it is the same on every machine and Python, and a draw in one stream never moves another:
the trainee's radio call cannot reshuffle what the suspect does.
"""

from __future__ import annotations

import hashlib
import random

_BLOCK_BITS = 256


class Stream(random.Random):
    """A `random.Random` whose bits come from SHA-256 of (seed, name, counter)."""

    def __init__(self, seed: int = 0, name: str = "") -> None:
        self._key = f"{seed}:{name}:".encode()
        self._count = 0
        super().__init__(0)

    def seed(self, a: object = None, version: int = 2) -> None:
        """Streams are keyed by seed and name when made; reseeding only restarts the counter."""
        self._count = 0

    def getrandbits(self, k: int) -> int:
        """k random bits from as many hash blocks as they need."""
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        value, bits = 0, 0
        while bits < k:
            block = hashlib.sha256(self._key + str(self._count).encode()).digest()
            self._count += 1
            value = (value << _BLOCK_BITS) | int.from_bytes(block, "big")
            bits += _BLOCK_BITS
        return value >> (bits - k)

    def random(self) -> float:
        """A float in [0, 1) with 53 random bits."""
        return self.getrandbits(53) * 2.0**-53

    def getstate(self) -> tuple[bytes, int]:
        """The whole state: the key and how many blocks were drawn."""
        return self._key, self._count

    def setstate(self, state: tuple[bytes, int]) -> None:
        """Restore a state from `getstate`."""
        self._key, self._count = state

    def __reduce__(self) -> tuple[object, ...]:
        return (self.__class__, (), self.getstate())
