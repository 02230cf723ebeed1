"""The level format: one table of field definitions read by the validator, the schema and the guide."""

from __future__ import annotations

from game.core.level import (
    CaseNote,
    CivilianBehaviour,
    CivilianGroup,
    Description,
    DoorState,
    Dress,
    EntryPlace,
    Floor,
    Officer,
    Reactions,
    RouteEnd,
    ScoringThresholds,
    Suspect,
    TileKind,
    Trainee,
    VariantGroup,
    VariantOption,
    Weapon,
    ZoneKind,
)
from game.levels.builders import (
    make_challenge,
    make_map,
    make_place,
    make_protocol,
    make_scoring,
    make_timeline_entry,
    make_zone,
)
from game.levels.fieldtypes import (
    Area,
    Boolean,
    Choice,
    Field,
    FloorRef,
    Ident,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Point,
    Rows,
    Seconds,
    Symbol,
    Text,
    Time,
    When,
)


def _choice(enum: type) -> Choice:
    """A Choice over every value of an enum."""
    return Choice(tuple(member.value for member in enum), enum)


WEAPON = _choice(Weapon)
DRESS = _choice(Dress)

WHEN = Field(
    "when",
    When(),
    "Only present when the named variant group picked this option (or one of these options).",
    {"suspect_start": "east"},
)

DESCRIPTION = Obj(
    "description",
    "How a person looks, as a radio description would give it. Every part is optional text.",
    (
        Field("sex", Text(), "Sex as a witness would report it.", "male"),
        Field("build", Text(), "Build: slim, medium, heavy...", "medium"),
        Field("clothing", Text(), "What they wear.", "black hoodie, jeans"),
        Field("text", Text(), "The description as dispatch reads it out.", "white male, long gun"),
    ),
    build=Description,
)

PLACE = Obj(
    "place",
    "Where something starts: anywhere in a zone (picked by the seed), or one exact walkable tile.",
    (
        Field("zone", Ident(), "A zone id: start on a random walkable tile of that zone.", "lobby"),
        Field("at", Point(), "An exact tile [x, y]; it must be walkable.", [4, 7]),
        Field(
            "floor",
            FloorRef(),
            "The floor of `at`, by index (0 = first floor listed) or by name.",
            0,
            default=0,
        ),
    ),
    build=make_place,
    one_of=("zone", "at"),
    needs=(("floor", "at"),),
    example={"zone": "parking"},
)

LEGEND_ENTRY = Obj(
    "legend entry",
    "What one map character stands for.",
    (
        Field("kind", _choice(TileKind), "What the tile is made of.", "door", required=True),
        Field("name", Text(), "A name shown to the trainee and in reports.", "classroom door"),
        Field(
            "state",
            _choice(DoorState),
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
        Field("kind", _choice(ZoneKind), "What the zone is.", "room", required=True),
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

TRAINEE = Obj(
    "trainee",
    "The officer the trainee plays.",
    (
        Field("spawn", PLACE, "Where the trainee starts.", {"zone": "parking"}, required=True),
        Field("dress", DRESS, "Uniform or plain clothes.", "uniform", default="uniform"),
        Field("raid_jacket", Boolean(), "Carries a raid jacket.", True, default=False),
        Field("raid_jacket_worn", Boolean(), "Starts wearing it.", False, default=False),
        Field("badge_shown", Boolean(), "Badge visible from the start.", False, default=False),
        Field("weapon", WEAPON, "Weapon carried.", "handgun", default="handgun"),
        Field("weapon_drawn", Boolean(), "Starts with the weapon drawn.", False, default=False),
        Field("radio", Boolean(), "Has a radio.", True, default=True),
        Field("arrives", Time(), "When the trainee arrives.", "0:00", default="0:00"),
        Field("tourniquets", Integer(0, 20), "Tourniquets carried.", 2, default=2),
        Field("description", DESCRIPTION, "How the trainee looks to others.", {"sex": "male"}),
        Field(
            "on_scene",
            Ident(),
            "The zone where the trainee is on scene: arrival (and the clock from arrival) is the "
            "moment they first stand in it (or enter the building, if sooner), and they may start anywhere else at `arrives` (in the "
            "car, across campus). Absent: arrival is the spawn at `arrives`.",
            "b1200_west_doors",
        ),
    ),
    build=Trainee,
)

REACTIONS = Obj(
    "reactions",
    "Seeded weights of what the suspect does when confronted; not all zero. A weight not given is 0 "
    "(`{engage: 1}` always fights back); without `reactions` at all, each weighs 1.",
    (
        Field("engage", Integer(0), "Weight of fighting back.", 2, default=0),
        Field("retreat", Integer(0), "Weight of retreating.", 1, default=0),
        Field("surrender", Integer(0), "Weight of surrendering.", 1, default=0),
    ),
    build=Reactions,
    weights=True,
    warn_if_certain=True,
)

SUSPECT = Obj(
    "suspect",
    "A person committing the attack.",
    (
        Field("id", Ident(), "The suspect's id (unique among all people).", "suspect", True),
        Field("spawn", PLACE, "Where the suspect starts.", {"zone": "room_104"}, required=True),
        Field(
            "description",
            DESCRIPTION,
            "How the suspect looks. Dispatch tells it as it is unless a timeline radio message "
            "gives a `description`.",
            {"sex": "male", "clothing": "black hoodie"},
            required=True,
        ),
        Field("weapon", WEAPON, "Weapon carried.", "rifle", default="rifle"),
        Field(
            "route", ListOf(Ident()), "Zone ids visited in order.", ["corridor_east"], default=[]
        ),
        Field("first_shot", Time(), "When the first shot is fired.", "0:20", default="0:00"),
        Field(
            "fire_interval",
            Seconds(positive=True),
            "Seconds between shots (decimals allowed).",
            4,
            default=4,
        ),
        Field("stop_after", Time(), "Stops firing at this time; 0 = never.", "6:00", default=0),
        Field(
            "accuracy",
            Number(0, 1),
            "Chance a shot hits at close range in the open, 0 to 1; 0 never hits.",
            0.35,
            default=0.35,
        ),
        Field(
            "reactions",
            REACTIONS,
            "What they do when confronted.",
            {"engage": 2, "retreat": 1, "surrender": 1},
        ),
        Field(
            "barricade_zone",
            Ident(),
            "The zone they barricade in, when they retreat or a barricade trigger comes "
            "(absent: the nearest room).",
            "room_106",
        ),
        Field(
            "route_end",
            _choice(RouteEnd),
            "After the last zone of the route: loop (start the route again), stay (hold there, "
            "firing on whoever they see) or barricade (go to `barricade_zone` and lock it).",
            "barricade",
            default="loop",
        ),
        Field(
            "barricade_at",
            Time(),
            "Go to barricade at this time, wherever they are on the route; 0 = never.",
            "4:00",
            default=0,
        ),
        Field(
            "barricade_after_shots",
            Integer(0, 100000),
            "Go to barricade after firing this many rounds; 0 = never.",
            12,
            default=0,
        ),
        Field(
            "barricade_when_confronted",
            Boolean(),
            "When an officer confronts them, barricade instead of drawing a reaction.",
            True,
            default=False,
        ),
        Field(
            "surrender_wait",
            Seconds(),
            "A suspect whose drawn reaction is surrender waits this long for a challenge, then "
            "turns on police (engages).",
            10,
            default=10,
        ),
        Field(
            "blind_fire",
            Boolean(),
            "With no one in sight, fire at where police were heard (a shot, a voice, a breach) "
            "within the last 3 s, through a closed door or a partition.",
            True,
            default=False,
        ),
        WHEN,
    ),
    build=Suspect,
)

BEHAVIOUR = Obj(
    "behaviour",
    "Seeded weights of what civilians do when they hear gunfire; not all zero. A weight not given "
    "is 0 (`{freeze: 1}`: everyone freezes); without `behaviour` at all, shelter 1 and flee 1.",
    (
        Field("shelter", Integer(0), "Weight of sheltering in place.", 6, default=0),
        Field("flee", Integer(0), "Weight of running for an exit.", 3, default=0),
        Field("freeze", Integer(0), "Weight of freezing where they are.", 1, default=0),
        Field("approach", Integer(0), "Weight of moving towards the noise.", 0, default=0),
    ),
    build=CivilianBehaviour,
    weights=True,
)

CHALLENGE = Obj(
    "challenge",
    'Seeded weights of how an armed civilian answers a challenge ("Police! Drop the weapon!"). '
    "Give none for the default (complies 2, slow 1, turns 1); when you give any, the ones you "
    "leave out are 0; not all zero.",
    (
        Field("complies", Integer(0), "Weight of lowering the weapon at once.", 3),
        Field("slow", Integer(0), "Weight of being slow to comply.", 1),
        Field(
            "turns",
            Integer(0),
            "Weight of turning toward the voice with the weapon before complying.",
            1,
        ),
    ),
    build=make_challenge,
)

CIVILIAN = Obj(
    "civilian group",
    "Students or staff who start together.",
    (
        Field("id", Ident(), "The group's id (unique among all people).", "class_104", True),
        Field("spawn", PLACE, "Where the group starts.", {"zone": "room_104"}, required=True),
        Field("count", Integer(1, 2000), "How many people.", 12, default=1),
        Field("kind", Choice(("student", "staff")), "Who they are.", "student", default="student"),
        Field("behaviour", BEHAVIOUR, "What they do on hearing gunfire.", {"shelter": 6}),
        Field("shelter_zone", Ident(), "Where they shelter (absent: where they are).", "room_104"),
        Field(
            "wounded",
            Choice(("", "walking", "critical")),
            'Starts wounded: "" (not), walking or critical.',
            "critical",
            default="",
        ),
        Field(
            "weapon",
            WEAPON,
            "A weapon every person of the group carries (a school guard, an armed teacher, a "
            "concealed carrier); they look like any armed person in plain clothes.",
            "handgun",
            default="none",
        ),
        Field("weapon_drawn", Boolean(), "Starts with the weapon in hand.", True, default=False),
        Field(
            "challenge",
            CHALLENGE,
            "How an armed person of the group answers an officer's challenge.",
            {"complies": 3, "turns": 1},
        ),
        Field(
            "comply_seconds",
            Seconds(),
            "Seconds one who complies takes to lower the weapon.",
            1,
            default=1,
            attr="comply_ticks",
        ),
        Field(
            "slow_comply_seconds",
            Seconds(),
            "Seconds one who is slow to comply takes (weapon still in hand).",
            5,
            default=5,
            attr="slow_comply_ticks",
        ),
        Field(
            "turn_seconds",
            Seconds(),
            "Seconds one who turns toward the voice holds the weapon toward them before complying.",
            3,
            default=3,
            attr="turn_ticks",
        ),
        WHEN,
    ),
    build=CivilianGroup,
)

PROTOCOL = Obj(
    "protocol",
    "Seeded weights of how an off-duty officer reacts when challenged; not all zero. A weight not "
    "given is 0.",
    (
        Field("follows", Integer(0), "Weight of following commands.", 3, default=0),
        Field("confused", Integer(0), "Weight of reacting confusedly.", 1, default=0),
    ),
    build=make_protocol,
    weights=True,
)

OFFICER = Obj(
    "officer",
    "Another officer: uniformed backup, or a self-dispatched plain-clothes officer.",
    (
        Field("id", Ident(), "The officer's id (unique among all people).", "unit_2", True),
        Field("spawn", PLACE, "Where they appear.", {"zone": "parking"}, required=True),
        Field("arrives", Time(), "When they appear.", "3:00", default="0:00"),
        Field("dress", DRESS, "Uniform or plain clothes.", "plain", default="uniform"),
        Field("off_duty", Boolean(), "Off duty (self-dispatched).", True, default=False),
        Field("raid_jacket_worn", Boolean(), "Wears a raid jacket.", False, default=False),
        Field("badge_shown", Boolean(), "Badge visible.", False, default=False),
        Field("weapon", WEAPON, "Weapon carried.", "handgun", default="handgun"),
        Field("weapon_drawn", Boolean(), "Weapon drawn.", True, default=False),
        Field("description", DESCRIPTION, "How they look.", {"clothing": "grey jacket"}),
        Field("protocol", PROTOCOL, "How they react when challenged.", {"follows": 3}),
        Field(
            "goal",
            Ident(),
            "Where they head: gunfire, trainee (follow the trainee) or a zone id.",
            "gunfire",
            default="gunfire",
        ),
        Field("partner", Boolean(), "The trainee's partner.", False, default=False),
        Field(
            "entry",
            _choice(EntryPlace),
            "For a partner (or `goal: trainee`), their place in a joint entry: follow (two tiles "
            "behind), lead (two tiles ahead, the way the trainee is going), left or right "
            "(beside the trainee).",
            "left",
            default="follow",
        ),
        Field(
            "comply_grace",
            Seconds(),
            "Seconds a uniformed officer waits for an armed person they challenged to comply "
            "before seeing a threat.",
            3,
            default=3,
        ),
        Field(
            "answer_seconds",
            Seconds(),
            "Seconds an off-duty officer who follows the protocol takes to answer a challenge.",
            0.5,
            default=0.5,
            attr="answer_ticks",
        ),
        Field(
            "confused_answer_seconds",
            Seconds(),
            "Seconds an off-duty officer who reacts confusedly takes to answer a challenge.",
            6,
            default=6,
            attr="confused_answer_ticks",
        ),
        Field(
            "fire_interval",
            Seconds(positive=True),
            "Seconds between this officer's shots at a suspect.",
            0.8,
            default=0.8,
        ),
        WHEN,
    ),
    build=Officer,
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
