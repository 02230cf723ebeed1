"""The people of a level in its field table: the trainee, suspects, civilians and other officers."""

from __future__ import annotations

from game.core.level import (
    CivilianBehaviour,
    CivilianGroup,
    EntryPlace,
    Officer,
    Reactions,
    RouteEnd,
    Suspect,
    Trainee,
)
from game.levels.builders import (
    make_challenge,
    make_protocol,
)
from game.levels.fieldparts import DESCRIPTION, DRESS, PLACE, WEAPON, WHEN, enum_choice
from game.levels.fieldtypes import (
    Boolean,
    Choice,
    Field,
    Ident,
    Integer,
    ListOf,
    Number,
    Obj,
    Seconds,
    Time,
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
            enum_choice(RouteEnd),
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
        Field(
            "approach",
            Integer(0),
            "Weight of walking up to the trainee (one who sees the trainee within 10 tiles goes to them; otherwise stays put): the bystander who comes to an officer for help.",
            0,
            default=0,
        ),
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
            enum_choice(EntryPlace),
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
