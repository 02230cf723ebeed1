"""What the screen shows is what the trainee could perceive: no person's id or hidden role in any
text the client draws (refusals, tooltips, captions, HUD, radio log, debrief), on every shipped level."""

from __future__ import annotations

import pygame
import pytest
from client_driving import SHIPPED, frame_text, good_commands, load, make_context, renamed, retarget

from game.client.app import build
from game.client.captions import caption_for
from game.client.perceived import Senses, describe, tooltip_lines
from game.client.routes import ToPlay
from game.core.commands import ApplyTourniquet, Challenge, DrawWeapon, Fire
from game.core.events import ChallengeIssued, PoliceAnnounced
from game.core.level import Position
from game.core.people import PersonView
from game.core.world import World

ROLE_WORDS = ("suspect", "off-duty", "offduty", "off duty", "civilian", "shooter", "attacker")
TICKS = 700
SAMPLE_EVERY = 60


def person(**changes) -> PersonView:
    values = dict(
        id="suspect",
        role="suspect",
        kind="suspect",
        position=Position(0, 5, 5),
        dress="plain",
        raid_jacket=False,
        badge_shown=False,
        weapon="handgun",
        weapon_drawn=True,
        condition="ok",
        protection="open",
        off_duty=False,
        sex="male",
        build="slim",
        clothing="grey hoodie",
    )
    values.update(changes)
    return PersonView(**values)


def _probes(play) -> list:
    """Commands aimed at people by id, as a script could send them: each must be refused or
    carried out without the id reaching the screen."""
    out = []
    in_sight = set(play.senses.in_sight)
    for pid in sorted(play.curr):
        if pid == "trainee":
            continue
        if pid not in in_sight:
            out += [Challenge(pid), Fire(pid)]
        out.append(ApplyTourniquet(pid))
    return out[:12]


def _drive(name: str, tmp_path):
    level, mapping = renamed(load(name))
    context, screen = make_context(tmp_path, (1280, 720))
    commands = good_commands(name, 2, TICKS)
    play = build(ToPlay(level, 2, World(level, 2)), context)
    boxes, tooltips = [], []
    for step in range(TICKS):
        if play.world.finished:
            break
        play.pending += [retarget(c, mapping) for c in commands.get(play.world.tick, [])]
        if step % 100 == 50:
            play.pending += [DrawWeapon(), *_probes(play)]
        play.tick()
        if step % SAMPLE_EVERY == 0:
            for pid, seen in list(play.senses.in_sight.items())[:3]:
                play.selected = pid
                tooltips += tooltip_lines(seen)
                boxes += frame_text(play, screen)
            play.selected = ""
            boxes += frame_text(play, screen)
        if step == 200:
            play.open_radio()
            for key in (pygame.K_1, pygame.K_3):
                play.radio.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
            boxes += frame_text(play, screen)
            play.radio = None
    if not play.world.finished:
        play.end_now()
    debrief = build(play.debrief(), context)
    boxes += frame_text(debrief, screen)
    while debrief.scroll < debrief.max_scroll:
        debrief.scroll += 8
        boxes += frame_text(debrief, screen)
    return play, mapping, boxes, tooltips


@pytest.mark.parametrize("name", SHIPPED)
def test_no_text_on_screen_names_a_person_by_id_or_hidden_role(name, tmp_path):
    play, mapping, boxes, tooltips = _drive(name, tmp_path)
    ids = sorted(set(mapping.values()))
    shown = [b.text for b in boxes]
    shown += [text for _, _, text in play.captions] + play.radio_log
    leaks = [text for text in shown if any(i in text.lower() for i in ids)]
    assert leaks == []
    assert not [t for t in shown if "trainee" in t.lower()], "the trainee's own id"
    # what is said about people (tooltips, and captions of sounds and shots) never gives a role
    about_people = tooltips + [
        t for _, kind, t in play.captions if kind in ("sound", "danger", "shot", "info", "refused")
    ]
    told = [t for t in about_people if any(word in t.lower() for word in ROLE_WORDS)]
    assert told == []
    assert boxes


def test_the_suspect_and_the_off_duty_officer_who_match_read_the_same():
    suspect = person()
    officer = person(id="offduty", role="officer", kind="off-duty officer", off_duty=True)
    assert describe(suspect) == describe(officer) == "the man in the grey hoodie, handgun in hand"
    assert tooltip_lines(suspect) == tooltip_lines(officer)
    assert any("slim" in line for line in tooltip_lines(suspect))
    assert any("grey hoodie" in line for line in tooltip_lines(suspect))


def test_a_person_out_of_sight_is_a_voice_with_a_direction():
    here = Position(0, 5, 5)
    shout = PoliceAnnounced(3, "offduty", Position(0, 12, 5), True)
    unseen = Senses(here, {}, {"offduty": Position(0, 12, 5)})
    _, text = caption_for(shout, str, unseen)
    assert text.startswith("[A voice") and "to the east" in text and "You" not in text
    seen = Senses(here, {"offduty": person(position=Position(0, 12, 5))}, {})
    _, text = caption_for(shout, str, seen)
    assert text.startswith("[The man in the grey hoodie") and '"Police!"' in text


def test_the_trainee_hears_a_challenge_aimed_at_them_by_who_shouts_it():
    here = Position(0, 5, 5)
    uniformed = person(dress="uniform", sex="female", clothing="", position=Position(0, 5, 9))
    challenge = ChallengeIssued(9, "unit_2", "trainee", "trainee", None, False)
    _, text = caption_for(challenge, str, Senses(here, {"unit_2": uniformed}, {}))
    assert text.startswith("[The woman in police uniform, handgun in hand (close, to the south)")
    assert "shouts at you" in text
    assert "unit_2" not in text
