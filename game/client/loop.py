"""A fixed simulation step with an accumulator: the world ticks at its own rate whatever the frame rate."""

from __future__ import annotations

from game.core.level import TICK_RATE


class FixedStepLoop:
    """Turns frame times into a whole number of simulation ticks plus an interpolation fraction."""

    def __init__(self, tick_rate: int = TICK_RATE, max_ticks_per_frame: int = 5) -> None:
        self.step = 1.0 / tick_rate
        self.max_ticks_per_frame = max_ticks_per_frame
        self.accumulator = 0.0
        self.speed = 1.0

    def advance(self, dt: float) -> int:
        """Add a frame's seconds; return how many ticks to run now (capped, so a stall never snowballs)."""
        self.accumulator += max(0.0, dt) * self.speed
        ticks = int(self.accumulator / self.step + 1e-9)
        if ticks > self.max_ticks_per_frame:
            ticks = self.max_ticks_per_frame
            self.accumulator = 0.0
        else:
            self.accumulator -= ticks * self.step
        return ticks

    @property
    def alpha(self) -> float:
        """How far between the last tick and the next the frame falls (0..1), for drawing."""
        return min(1.0, max(0.0, self.accumulator / self.step))

    def reset(self) -> None:
        """Forget accumulated time (after a pause)."""
        self.accumulator = 0.0
