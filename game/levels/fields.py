"""The level format: one table of field definitions read by the validator, the schema and the guide.

The people (trainee, suspects, civilians, officers) are in `game.levels.peoplefields`, the parts used
in several places (place, description, variant condition) in `game.levels.fieldparts`.
"""

from __future__ import annotations

from game.core.level import (
    CaseNote,
    DoorState,
    Floor,
    ScoringThresholds,
    TileKind,
    VariantGroup,
    VariantOption,
    ZoneKind,
)
from game.levels.builders import (
    make_map,
    make_scoring,
    make_timeline_entry,
    make_zone,
)
from game.levels.fieldparts import DESCRIPTION, DRESS, PLACE, WEAPON, WHEN, enum_choice
from game.levels.fieldtypes import (
    Area,
    Choice,
    Field,
    FloorRef,
    Ident,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Rows,
    Seconds,
    Symbol,
    Text,
    Time,
)
from game.levels.peoplefields import (
    BEHAVIOUR,
    CHALLENGE,
    CIVILIAN,
    OFFICER,
    PROTOCOL,
    REACTIONS,
    SUSPECT,
    TRAINEE,
)

__all__ = [
    "BEHAVIOUR",
    "CHALLENGE",
    "CIVILIAN",
    "DESCRIPTION",
    "DRESS",
    "LEVEL",
    "OFFICER",
    "PLACE",
    "PROTOCOL",
    "REACTIONS",
    "SUSPECT",
    "TRAINEE",
    "WEAPON",
    "WHEN",
]


LEGEND_ENTRY = Obj(
    "legend entry",
    "What one map character stands for.",
    (
        Field("kind", enum_choice(TileKind), "What the tile is made of.", "door", required=True),
        Field("name", Text(), "A name shown to the trainee and in reports.", "classroom door"),
        Field(
            "state",
            enum_choice(DoorState),
            "For doors: how the door starts.",
            "locked",
            default="closed",
            attr="door_state",
        ),
        Field(
            "breach_seconds",
            Seconds(),
            "For locked doors: seconds it takes to breach.",
            8,
            default=5,
            attr="breach_ticks",
        ),
    ),
    build=dict,
    example={"kind": "door", "state": "locked", "breach_seconds": 8, "name": "classroom door"},
)

FLOOR = Obj(
    "floor",
    "One storey of the building as rows of map characters.",
    (
        Field("name", Text(nonempty=True), "The floor's name.", "Ground floor", required=True),
        Field(
            "rows",
            Rows(),
            "The map: one text row per line; every character must be in the legend.",
            "####D####\n#.......#\n#########\n",
            required=True,
        ),
    ),
    build=Floor,
)

MAP = Obj(
    "map",
    "The building: a legend of map characters and one or more floors.",
    (
        Field(
            "legend",
            MapOf(Symbol(), LEGEND_ENTRY),
            "Extra map characters, or new meanings for default ones (see the default legend).",
            {"K": {"kind": "door", "state": "locked", "breach_seconds": 8}},
        ),
        Field(
            "floors",
            ListOf(FLOOR, min_items=1),
            "The floors, lowest first.",
            [{"name": "Ground floor", "rows": "#####\n#...#\n##D##\n"}],
            required=True,
        ),
    ),
    build=make_map,
)

ZONE = Obj(
    "zone",
    "A named place used on the radio, by actors and in scoring.",
    (
        Field("id", Ident(), "The zone's id.", "room_104", required=True),
        Field("name", Text(nonempty=True), "Its name on the radio.", "Room 104", required=True),
        Field("kind", enum_choice(ZoneKind), "What the zone is.", "room", required=True),
        Field("floor", FloorRef(), "The floor, by index or name.", 0, default=0),
        Field("area", Area(), "One inclusive rectangle [x1, y1, x2, y2].", [1, 1, 7, 4]),
        Field(
            "areas",
            ListOf(Area(), min_items=1),
            "Several rectangles, for L-shaped zones.",
            [[1, 1, 7, 4], [1, 5, 3, 8]],
        ),
    ),
    build=make_zone,
    one_of=("area", "areas"),
)


RADIO = Obj(
    "radio",
    "A radio message.",
    (
        Field(
            "from",
            Text(nonempty=True),
            "Who speaks.",
            "Dispatch",
            default="Dispatch",
            attr="sender",
        ),
        Field("text", Text(nonempty=True), "What they say.", "Shots fired at Building 12.", True),
        Field(
            "clip",
            Text(nonempty=True),
            "A recorded clip of the message (WAV or OGG) in the level's folder, played when heard.",
            "dispatch_1.ogg",
        ),
        Field(
            "description",
            DESCRIPTION,
            "What this message tells of the suspect's look, which may be partial or wrong; it "
            'replaces what was told before, and "matches the description" follows it.',
            {"sex": "male", "clothing": "red jacket"},
        ),
        Field(
            "about",
            Ident(),
            "The suspect id the description is of (absent: every suspect).",
            "suspect",
        ),
    ),
    build=dict,
    needs=(("about", "description"),),
)

RADIO_DEGRADED = Obj(
    "radio_degraded",
    "Radio reception gets worse in a zone.",
    (
        Field("zone", Ident(), "The zone.", "corridor_east", required=True),
        Field("loss", Number(0, 1), "Share of transmissions lost, 0 to 1.", 0.5, required=True),
    ),
    build=dict,
)

RADIO_RESTORED = Obj(
    "radio_restored",
    "Radio reception in a zone is back to normal.",
    (Field("zone", Ident(), "The zone.", "corridor_east", required=True),),
    build=dict,
)

TIMELINE_ENTRY = Obj(
    "timeline entry",
    "Something that happens at a fixed time: `at` plus exactly one of the other keys.",
    (
        Field("at", Time(), "When, counted from the scenario start.", "0:05", required=True),
        Field("radio", RADIO, "Radio traffic.", {"from": "Dispatch", "text": "Shots fired."}),
        Field("radio_degraded", RADIO_DEGRADED, "Bad reception.", {"zone": "gym", "loss": 0.5}),
        Field("radio_restored", RADIO_RESTORED, "Reception back.", {"zone": "gym"}),
        Field("prompt", Text(nonempty=True), "An on-screen prompt.", "Press Q to take cover."),
        WHEN,
    ),
    build=make_timeline_entry,
    one_of=("radio", "radio_degraded", "radio_restored", "prompt"),
)

VARIANT_OPTION = Obj(
    "variant option",
    "One option of a variant group.",
    (
        Field("id", Ident(), "The option's id (unique in its group).", "east", required=True),
        Field("weight", Integer(1), "Seeded weight of picking it.", 2, default=1),
        Field("label", Text(), "Shown to the instructor.", "East wing", default=""),
    ),
    build=VariantOption,
)

VARIANT = Obj(
    "variant group",
    "Something the level randomises between seeds; one option is picked per run.",
    (
        Field("id", Ident(), "The group's id.", "suspect_start", required=True),
        Field("label", Text(), "Shown to the instructor.", "Where the suspect starts", default=""),
        Field(
            "options",
            ListOf(VARIANT_OPTION, min_items=1),
            "The options.",
            [{"id": "east", "weight": 2}, {"id": "west"}],
            required=True,
        ),
    ),
    build=VariantGroup,
)

_SCORING_DOCS = {
    "entry_full_seconds": "Entry within this many seconds of arrival earns full points.",
    "entry_zero_seconds": "Entry later than this earns no points.",
    "entry_full_seconds_silent": "Full-points entry time when no shots are heard.",
    "entry_zero_seconds_silent": "Zero-points entry time when no shots are heard.",
    "stall_hard_failure_seconds": "Stalling this long while shots are fired is a hard failure.",
    "initial_report_full_seconds": "First radio report within this time earns full points.",
    "initial_report_half_seconds": "First radio report within this time earns half points.",
    "care_full_seconds": "Casualty care started within this time earns full points.",
    "care_zero_seconds": "Casualty care started later than this earns no points.",
    "backup_wait_allowed_seconds": "Seconds the trainee may wait for backup without penalty.",
}

SCORING = Obj(
    "scoring",
    "Tuning of the rubric: time thresholds in whole seconds, and the categories' weights.",
    (
        *(
            Field(
                name,
                Integer(0),
                doc,
                getattr(ScoringThresholds(), name),
                default=getattr(ScoringThresholds(), name),
            )
            for name, doc in _SCORING_DOCS.items()
        ),
        Field(
            "weights",
            MapOf(Choice(("A", "B", "C", "D", "E", "F")), Integer(0, 1000)),
            "Points a category is worth, for agencies that weight the priorities differently "
            "(doctrine §7.2: A 350, B 200, C 150, D 100, E 100, F 100); categories left out keep theirs.",
            {"A": 400, "C": 100},
            default={},
        ),
    ),
    build=make_scoring,
)

CASE = Obj(
    "case",
    "The real case the level draws from, shown in the debrief.",
    (
        Field("case", Text(nonempty=True), "The case.", "Example High School, 2019", True),
        Field("lesson", Text(nonempty=True), "Its lesson.", "Entry without waiting.", True),
        Field("sources", ListOf(Text(nonempty=True)), "Source ids.", ["S18"], default=[]),
    ),
    build=CaseNote,
)

LEVEL = Obj(
    "level",
    "A Rapid Response Trainer level.",
    (
        Field("id", Ident(), "The level's id.", "wing_a", required=True),
        Field("title", Text(nonempty=True), "Its title.", "Solo arrival: East Wing", True),
        Field(
            "briefing", Text(nonempty=True), "Shown before play.", "You are first on scene.", True
        ),
        Field(
            "duration", Time(positive=True), "How long the scenario runs.", "10:00", default="10:00"
        ),
        Field("case", CASE, "The real case behind it.", None, attr="case_note"),
        Field(
            "briefing_image",
            Text(nonempty=True),
            "A floor-plan picture (PNG or JPEG) in the level's folder, shown in the briefing.",
            "floor_plan.png",
        ),
        Field("map", MAP, "The building.", None, required=True),
        Field("zones", ListOf(ZONE), "Named zones.", None, default=[]),
        Field("trainee", TRAINEE, "The trainee's officer.", None, required=True),
        Field("suspects", ListOf(SUSPECT), "The suspects.", None, default=[]),
        Field("civilians", ListOf(CIVILIAN), "Groups of civilians.", None, default=[]),
        Field("officers", ListOf(OFFICER), "Other officers.", None, default=[]),
        Field("timeline", ListOf(TIMELINE_ENTRY), "Timed events.", None, default=[]),
        Field("variants", ListOf(VARIANT), "Variant groups.", None, default=[]),
        Field("scoring", SCORING, "Rubric thresholds.", {"entry_full_seconds": 60}),
        Field(
            "rounds_through_concealment",
            Number(0, 1),
            "Chance a round passes each piece of concealment it meets (drywall, a closed door, "
            "desks, lockers); cover (block walls, columns, vehicles) always stops it.",
            0.5,
            default=0.75,
        ),
    ),
)
"""The whole level file's top-level mapping."""
