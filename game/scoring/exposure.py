"""Exposure when hit (doctrine §7.8 E6): standing in the open with cover at hand, or in a doorway."""

from __future__ import annotations

from game.core.events import PersonWounded
from game.scoring.facts import COVER, TRACK, Facts

EXPOSURE_READS = (*TRACK, *COVER)
"""The event types `exposed_when_hit` reads."""


def exposed_when_hit(f: Facts, wound: PersonWounded) -> str:
    """How the trainee was exposed when this round hit them, or '' when they were moving or behind cover."""
    f.need(EXPOSURE_READS)
    st = f.standards
    if not f.stationary(wound.tick):
        return ""
    if f.is_doorway(wound.position):
        return "standing still in a doorway (the fatal funnel)"
    protection = f.protection_at(wound.tick)
    if protection != "cover" and f.cover_within(wound.position, st.exposure_cover_tiles):
        where = "in the open" if protection == "open" else "behind concealment only"
        return f"standing {where} with cover within {st.exposure_cover_tiles} tiles"
    return ""
