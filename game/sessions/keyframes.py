"""Keyframes: copies of a run's whole state every few seconds, so a review can seek anywhere at once.

Nothing here knows what a World holds. A keyframe is a pickle of the whole state, so it keeps
working whatever the engine adds (named random streams, new level features), with one trick that
makes it cheap: every deeply immutable object (frozen dataclasses such as positions, events and the
level, strings, enum members) is written once and shared by every later keyframe. Pickle's memo is
pre-filled with those objects, so a keyframe holds only what can change: people, doors, caches,
the generators' state. A state that cannot be pickled (say, a lambda in it) falls back to
`copy.deepcopy`, slower but still exact.
"""

from __future__ import annotations

import copy
import enum
import gc
import io
import pickle
import struct
import time
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, is_dataclass
from typing import Generic, Protocol, TypeVar

KEYFRAME_TICKS = 50
"""A keyframe every five seconds of game time: a seek steps at most 49 ticks from one."""
BUSY_SECONDS = 0.012
"""...or sooner, once stepping since the last keyframe took this long: a seek then never has more
than about this much stepping to do, however busy the run (gunfire, everyone moving)."""

_ATOMS = (str, bytes, int, float, complex, bool, type(None), range)
_REFERENCES = (type, types.FunctionType, types.BuiltinFunctionType, enum.Enum)
"""Pickled by name (classes, functions, enum members): the same object in every keyframe."""
_RECORD = struct.Struct("<cicc")
"""One shared object in the priming stream: BININT index, BINPERSID, MEMOIZE, POP."""
_PROTOCOL = 5
_ZLIB_LEVEL = 1
_SHARE_EVERY = 4
_SHARE_FIRST = 8
"""Look for new immutable objects to share in the first snapshots (a run makes most of its lasting
objects early: routes, places), then in every fourth (looking costs more than a snapshot)."""
"""The fastest compression: a quarter of the size for about 3 ms a keyframe."""


class Timed(Protocol):
    """A run's state as keyframes see it: its tick, and whether the run is over."""

    @property
    def tick(self) -> int: ...

    @property
    def finished(self) -> bool: ...


S = TypeVar("S", bound=Timed)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One frozen state: pickle bytes and how many shared objects it refers to (or a deep copy)."""

    tick: int
    data: bytes = b""
    shared: int = 0
    copied: object = None

    @property
    def size(self) -> int:
        """Bytes this keyframe holds on its own (its share of the shared objects not counted)."""
        return len(self.data)


class SharedPickle:
    """Freezes and thaws states, sharing every deeply immutable object between all its snapshots."""

    def __init__(self) -> None:
        self._ids: set[int] = set()
        """The ids of the shared objects (kept alive by `_objects`, so an id stays theirs)."""
        self._objects: list[object] = []
        self._priming = bytearray()
        self._seed = pickle.Pickler(io.BytesIO(), protocol=_PROTOCOL)
        """Holds the shared objects in its memo: copying a pickler's memo is fast, building one is not."""
        self._frozen = 0
        self.method = "pickle"
        """"pickle", or "deepcopy" once a state could not be pickled."""

    @property
    def shared_objects(self) -> int:
        """How many immutable objects the snapshots share."""
        return len(self._objects)

    def freeze(self, state: Timed) -> Snapshot:
        """A snapshot of the state as it is now (the state itself is not changed)."""
        if self.method == "pickle":
            try:
                with _no_collection():
                    if not self._objects:
                        self._pickle(state)  # the first look: learn what can be shared
                    return self._pickle(state)
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
                self.method = "deepcopy"
        return Snapshot(state.tick, copied=copy.deepcopy(state))

    def thaw(self, snapshot: Snapshot) -> Timed:
        """A new, independent state equal to the one frozen."""
        if snapshot.copied is not None:
            return copy.deepcopy(snapshot.copied)
        stream = io.BytesIO(self._prime(snapshot.shared) + zlib.decompress(snapshot.data))
        unpickler = pickle.Unpickler(stream)
        unpickler.persistent_load = self._objects.__getitem__
        with _no_collection():
            unpickler.load()  # fills the memo with the shared objects, in their order
            return unpickler.load()

    def _pickle(self, state: Timed) -> Snapshot:
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=_PROTOCOL)
        shared = len(self._objects)
        if shared:
            pickler.memo = self._seed.memo
        pickler.dump(state)
        snapshot = Snapshot(state.tick, zlib.compress(out.getvalue(), _ZLIB_LEVEL), shared)
        looking = self._frozen < _SHARE_FIRST or self._frozen % _SHARE_EVERY == 0
        if looking and self._share(pickler.memo.copy()):
            self._seed.memo = {id(obj): (i, obj) for i, obj in enumerate(self._objects)}
        self._frozen += 1
        return snapshot

    def _share(self, memo: dict[int, tuple[int, object]]) -> bool:
        """Add the immutable objects this pickle wrote for the first time; True if any were new."""
        known = len(self._objects)
        for key in memo.keys() - self._ids:
            obj = memo[key][1]
            if not self._immutable(obj):
                continue
            position = len(self._objects)
            self._ids.add(key)
            self._objects.append(obj)
            self._priming += _RECORD.pack(b"J", position, b"Q", b"\x94") + b"0"
        return len(self._objects) > known

    def _prime(self, count: int) -> bytes:
        """A pickle stream that memoises the first `count` shared objects, in order."""
        return b"\x80\x05" + bytes(self._priming[: count * (_RECORD.size + 1)]) + b"N."

    def _immutable(self, obj: object, depth: int = 0) -> bool:
        """Whether nothing reachable from the object can change (checked once per object)."""
        if isinstance(obj, _ATOMS + _REFERENCES) or id(obj) in self._ids:
            # (an id in the memo is safe: the shared list keeps that object alive)
            return True
        if depth > 60:
            return False
        if type(obj) in (tuple, frozenset):
            return all(self._immutable(item, depth + 1) for item in obj)
        if is_dataclass(obj) and type(obj).__dataclass_params__.frozen:
            return all(self._immutable(getattr(obj, f.name), depth + 1) for f in fields(obj))
        return False


class Keyframes(Generic[S]):
    """A run stepped once from its start, frozen every `every` ticks; `at(tick)` restores any moment.

    `advance(state)` steps a state one tick (the run's commands at that tick). The first pass can be
    built a slice at a time (`build(budget)`), so a viewer can open before it is done; `watch` sees
    every state of that pass after its step (for facts gathered over the whole run).
    """

    def __init__(
        self,
        start: S,
        advance: Callable[[S], object],
        end: int,
        every: int = KEYFRAME_TICKS,
        watch: Callable[[S, object], None] | None = None,
        codec: SharedPickle | None = None,
        busy: float = BUSY_SECONDS,
    ) -> None:
        self.codec = codec or SharedPickle()
        self.advance = advance
        self.every = max(1, every)
        self.watch = watch
        self.end = end
        self.busy = busy
        self._work = 0.0
        self.frames: list[Snapshot] = [self.codec.freeze(start)]
        self._runner: S = start
        self.build_seconds = 0.0
        self.build_cpu_seconds = 0.0

    @property
    def complete(self) -> bool:
        """Whether the first pass has reached the end of the run."""
        return self._runner is None

    @property
    def built_until(self) -> int:
        """The last tick the first pass has reached."""
        return self.frames[-1].tick if self._runner is None else self._runner.tick

    @property
    def last_tick(self) -> int:
        """The run's last tick (known once complete; until then, the planned end)."""
        return self.frames[-1].tick if self._runner is None else self.end

    @property
    def memory_bytes(self) -> int:
        """Bytes the keyframes hold on their own."""
        return sum(frame.size for frame in self.frames)

    def build(self, budget: float | None = None, until: int | None = None) -> bool:
        """Go on with the first pass for up to `budget` seconds (or to `until`); True when complete."""
        if self._runner is None:
            return True
        started, cpu = time.perf_counter(), time.process_time()
        deadline = None if budget is None else started + budget
        state = self._runner
        while state.tick < self.end and not state.finished:
            if until is not None and state.tick >= until:
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            stepping = time.perf_counter()
            result = self.advance(state)
            self._work += time.perf_counter() - stepping
            if self.watch is not None:
                self.watch(state, result)
            if state.tick % self.every == 0 or self._work >= self.busy:
                self.frames.append(self.codec.freeze(state))
                self._work = 0.0
        if state.tick >= self.end or state.finished:
            if self.frames[-1].tick != state.tick:
                self.frames.append(self.codec.freeze(state))
            self._runner = None
        self.build_seconds += time.perf_counter() - started
        self.build_cpu_seconds += time.process_time() - cpu
        return self._runner is None

    def at(self, tick: int) -> S:
        """A new state at this tick (clamped to the run): the keyframe before it, stepped forward."""
        tick = max(0, min(tick, self.last_tick))
        if not self.complete and tick > self.built_until:
            self.build(until=tick)
            tick = min(tick, self.built_until)
        frame = self._frame_before(tick)
        with _no_collection():
            # a full collection scans every object kept alive, tens of milliseconds: not mid-seek
            state = self.codec.thaw(frame)
            while state.tick < tick and not state.finished:
                self.advance(state)
        return state

    def _frame_before(self, tick: int) -> Snapshot:
        low, high = 0, len(self.frames) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.frames[middle].tick <= tick:
                low = middle
            else:
                high = middle - 1
        return self.frames[low]


@contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while thousands of objects are made at once (it would scan them all)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
