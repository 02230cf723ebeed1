"""The commands of a script, their keys, and the reactive keys and conditions any command may carry.

One table, read by the parser (`game.sessions.scriptcommands`, `game.sessions.scriptreactive`), the
schema and the guide. The commands are the classes of `game.core.commands` (in snake_case, described
by their docstrings), so every command the core has is scriptable; the keys of each are listed here.
"""

from __future__ import annotations

from game.core.commands import (
    ACTIONS,
    COMMAND_TYPES,
    PACES,
    RADIO_KINDS,
    RADIO_SLOTS,
    REQUESTS,
    SHOTS_STATUS,
    SUSPECT_STATUS,
)
from game.levels.fieldtypes import (
    Boolean,
    Choice,
    Either,
    Field,
    FieldType,
    FloorRef,
    Integer,
    LevelName,
    ListOf,
    Number,
    Obj,
    Pattern,
    Point,
    Ref,
    Text,
    Time,
)
from game.sessions.conditions import FLAGS, LOOKS_WORDS, TARGETS, Looks


def snake_case(name: str) -> str:
    """`TakeCover` -> `take_cover`, the way `command_name` names commands."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


COMMANDS: dict[str, type] = {snake_case(cls.__name__): cls for cls in COMMAND_TYPES}
"""Every command class by its script name."""

DIRECTIONS: dict[str, tuple[int, int]] = {
    "north": (0, -1),
    "north_east": (1, -1),
    "east": (1, 0),
    "south_east": (1, 1),
    "south": (0, 1),
    "south_west": (-1, 1),
    "west": (-1, 0),
    "north_west": (-1, -1),
}
"""Where `fire` may aim besides a person or a tile (north is up the map)."""
DIRECTION_REACH = 10
"""A round fired in a direction is aimed at the tile this many tiles away (kept on the map)."""

TARGET_WORDS = Choice(
    tuple(TARGETS),
    meanings=tuple(f"the nearest in view of: {LOOKS_WORDS[looks]}" for looks in TARGETS.values()),
)
"""The target words: the nearest person of a kind in view, decided when the command is given."""

SECONDS_TEXT = r"[0-9]{1,5}(\.[0-9]{1,3})?"
PERIOD = Either(
    (Number(0.1, 3600), Pattern(SECONDS_TEXT, 'seconds as text ("1")'), Time(positive=True)),
    'a period in seconds ("1", 0.5 or "1:00")',
)
CONDITION = Ref("condition")

TIME_FIELDS = (
    Field(
        "at",
        Time(),
        'When the command is due, counted from the scenario start ("m:ss" or whole seconds); a '
        "reactive command may leave it out (0:00).",
        "0:35",
    ),
    Field("tick", Integer(0), "When, as an exact tick (10 a second); replays write this.", 355),
)
TIME_KEYS = tuple(item.name for item in TIME_FIELDS)

REACTIVE_FIELDS = (
    Field(
        "when",
        CONDITION,
        "Given only while this holds; until then it waits, tick by tick.",
        {"sees": "armed_person", "within": 15},
    ),
    Field(
        "until",
        CONDITION,
        "Stops for good once this holds (checked first, every tick it is due).",
        "threat_stopped",
    ),
    Field(
        "every",
        PERIOD,
        'Repeats the command: seconds (1, "1", 0.5) or "m:ss", from 0.1 to 3600 seconds; without '
        "it the command is given once.",
        1,
        default=0,
    ),
)
REACTIVE_KEYS = tuple(item.name for item in REACTIVE_FIELDS)
"""The keys that make a command reactive (any command may carry them)."""


def _tile(doc: str, required: bool = False) -> tuple[Field, Field]:
    return (
        Field("tile", Point(), doc, [30, 13], required=required),
        Field("floor", FloorRef(), "The floor of `tile`, by index or name.", 0, default=0),
    )


PERSON = LevelName("person")
"""A person: a target word, or an id of the level (checked against it)."""


def _target(doc: str, required: bool, example: str = "nearest_attacker") -> Field:
    return Field("target", PERSON, doc, example, required=required)


PERSON_DOC = (
    "A target word (the nearest of a kind in view: nearest_person, nearest_armed, "
    "nearest_attacker, nearest_casualty, nearest_police) or a person id of the level: trainee, a "
    "suspect or officer id, or a civilian `group.N`."
)
DOOR = _tile("An adjacent door tile [x, y] (absent: the nearest).")
STEP = "One step: -1, 0 or 1."

RADIO_FIELDS: dict[str, Field] = {
    "location": Field("location", LevelName("zone"), "Where: a zone id of the level.", "a_hall"),
    "shots": Field("shots", Choice(SHOTS_STATUS), "Whether shots are still fired.", "active"),
    "description": Field("description", Text(), "The suspect's description.", "male, hoodie"),
    "weapon": Field("weapon", Text(), "The suspect's weapon.", "rifle"),
    "direction": Field("direction", Text(), "Where the suspect is heading.", "east"),
    "casualties": Field("casualties", Text(), "Casualties seen.", "two down in room 104"),
    "action": Field(
        "action",
        Text(),
        f"What the sender does or tells units to do: one of {', '.join(ACTIONS)}, or your own "
        "words, read for those meanings.",
        "making_entry",
    ),
    "requests": Field(
        "requests",
        Either((ListOf(Choice(REQUESTS)), Text()), f"a list or text of: {', '.join(REQUESTS)}"),
        f'Resources requested: a list [backup, ems] or text "backup, ems"; each one of '
        f"{', '.join(REQUESTS)}.",
        ["backup", "ems"],
    ),
    "status": Field("status", Choice(SUSPECT_STATUS), "What the suspect is doing.", "down"),
}

COMMAND_KEYS: dict[str, tuple[Field, ...]] = {
    "move": (
        Field("dx", Integer(-1, 1), STEP + " East is 1.", 1, required=True),
        Field("dy", Integer(-1, 1), STEP + " South is 1.", 0, required=True),
    ),
    "move_to": (
        *_tile("A walkable tile [x, y] to walk to."),
        Field("zone", LevelName("zone"), "A zone id of the level to walk into.", "a_hall"),
        Field(
            "person",
            TARGET_WORDS,
            "Walk to the nearest person of a kind in view (decided when given).",
            "nearest_casualty",
        ),
    ),
    "set_pace": (Field("pace", Choice(PACES), "Walk or run.", "run", required=True),),
    "radio": (
        Field("kind", Choice(RADIO_KINDS), "What the message is.", "initial_report", True),
        *(RADIO_FIELDS[slot] for slot in RADIO_SLOTS),
    ),
    "challenge": (
        _target(
            "Whom: " + PERSON_DOC + " Each challenge is answered afresh (a new answer and a new "
            "wait), so a repeated challenge wants `every:` of 6 s or more, or no one has time to "
            "comply.",
            True,
            "nearest_armed",
        ),
    ),
    "fire": (
        _target("At whom: " + PERSON_DOC, False),
        *_tile("Or a tile [x, y] on your floor: a round at a place."),
        Field(
            "direction",
            Choice(tuple(DIRECTIONS)),
            "Or a compass direction: a round aimed 10 tiles that way.",
            "north",
        ),
    ),
    "fire_at": _tile("The tile [x, y] on your floor, as replays write it.", required=True),
    "open_door": DOOR,
    "close_door": DOOR,
    "breach": DOOR,
    "direct_civilians": (
        Field(
            "exit_zone",
            LevelName("exit zone"),
            "An exit, staging or ccp zone (absent: the nearest exit).",
            "front_exit",
        ),
    ),
    "apply_tourniquet": (_target("Who (absent: the nearest casualty): " + PERSON_DOC, False),),
}
"""Each command's own keys (besides the time keys, `do` and the reactive keys); none when absent."""

ONE_OF: dict[str, tuple[str, ...]] = {
    "move_to": ("tile", "zone", "person"),
    "fire": ("target", "tile", "direction"),
}
"""Commands whose keys are alternatives: exactly one of them."""


def command_spec(name: str) -> Obj:
    """The fields of one command: its time, `do`, its own keys and the reactive keys."""
    cls = COMMANDS[name]
    keys = COMMAND_KEYS.get(name, ())
    do = Field("do", Choice((name,)), "The command.", name, required=True)
    needs = (("floor", "tile"),) if any(item.name == "floor" for item in keys) else ()
    return Obj(
        name,
        " ".join((cls.__doc__ or "").split()),
        (*TIME_FIELDS, do, *keys, *REACTIVE_FIELDS),
        one_of=ONE_OF.get(name, ()),
        needs=needs,
    )


COMMAND_SPECS: dict[str, Obj] = {name: command_spec(name) for name in COMMANDS}


def command_keys(name: str) -> tuple[str, ...]:
    """The keys a command takes in a script, besides the time keys, `do` and the reactive keys."""
    return tuple(item.name for item in COMMAND_KEYS.get(name, ()))


def key_type(name: str, key: str) -> FieldType:
    """The type of one of a command's own keys."""
    return next(item.type for item in COMMAND_KEYS[name] if item.name == key)


FLAG = Choice(tuple(FLAGS), meanings=tuple(FLAGS.values()))
LOOKS = Choice(tuple(k.value for k in Looks), Looks, meanings=tuple(LOOKS_WORDS[k] for k in Looks))


def _form(key: str, kind: FieldType, doc: str, example: object, *extra: Field) -> Obj:
    return Obj(f"{key} condition", doc, (Field(key, kind, doc, example, required=True), *extra))


CONDITION_FORMS: tuple[Obj, ...] = (
    _form(
        "sees",
        LOOKS,
        "Someone of that kind is in view (see Kinds of people).",
        "armed_person",
        Field("within", Number(0, 1000), "And at most this many tiles away.", 15),
    ),
    _form(
        "heard",
        Choice(("gunfire",)),
        "Gunfire was heard.",
        "gunfire",
        Field("within", Time(positive=True), "In the last this long (seconds or m:ss).", 10),
    ),
    _form(
        "radio",
        Text(nonempty=True),
        "Radio traffic heard (not a reply to the trainee) holds these words, any case.",
        "suspect in custody",
    ),
    _form("zone", LevelName("zone"), "The trainee is in that zone.", "commons"),
    _form(
        "door_locked",
        Either((Boolean(), Point())),
        "A door next to the trainee is locked: true (any), [x, y] (that one); false: none is.",
        True,
    ),
    _form("after", Time(), "The scenario clock has reached this time.", "2:00"),
    _form("all", ListOf(CONDITION, 1), "Every condition of the list holds.", ["clear_shot"]),
    _form("any", ListOf(CONDITION, 1), "Any condition of the list holds.", ["wounded"]),
    _form("not", CONDITION, "The condition does not hold.", "in_cover"),
)
"""The one-key condition mappings (`sees` and `heard` may add `within`)."""

CONDITION_KEYS = tuple(form.fields[0].name for form in CONDITION_FORMS)
"""The one key of a condition mapping."""
WITHIN_GOES_WITH = tuple(form.fields[0].name for form in CONDITION_FORMS if len(form.fields) > 1)

CONDITION_TYPE = Either(
    (FLAG, Time(), *CONDITION_FORMS), "a condition: a word, a time or a one-key mapping"
)
"""What `when`, `until` and the items of `all` and `any` hold (at most 8 deep)."""


def condition_form(key: str) -> Obj:
    """The condition mapping whose key is `key`."""
    return next(form for form in CONDITION_FORMS if form.fields[0].name == key)
