"""The review viewer, driven headless: a session saved by the client opens from the debrief's Review
button; real screenshots of each perspective show what each could see; the timeline seeks, steps,
plays at every speed and jumps between markers; notes are kept in the file and shown in the
debrief; a retry from a marked moment plays the same incident onward and is saved with its parent."""

from __future__ import annotations

import pygame
import pytest
from client_driving import LEVELS, frame_text, good_commands, make_context, renamed, retarget
from review_driving import saved

from game.client import palette
from game.client.app import build
from game.client.captions import YOU
from game.client.review_timeline import SPEEDS, tick_at, track_rect, x_of
from game.client.review_view import screen_of
from game.client.routes import ToPlay, ToProfile, ToReview
from game.client.scenes.debrief import DebriefScene
from game.client.scenes.play import PlayScene
from game.client.scenes.review import Perspective, ReviewScene
from game.core.events import event_log_sha256
from game.core.world import World
from game.levels.loader import load_level
from game.sessions.review import MarkerKind, Review, final_events, open_review
from game.sessions.runner import run, run_script
from game.sessions.script import ReplayInfo, Script, ScriptCommand, load_script


def key(k: int, mod: int = 0, text: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text)


def click(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


def shot(scene, screen, tmp_path, name: str) -> pygame.Surface:
    """Draw a frame, save it as a real screenshot and load it back."""
    scene.draw(screen)
    path = tmp_path / f"{name}.bmp"
    pygame.image.save(screen, str(path))
    return pygame.image.load(str(path))


def reviewing(context, path, **kwargs) -> ReviewScene:
    scene = build(ToReview(open_review(path), **kwargs), context)
    scene.prepare()
    return scene


@pytest.fixture(scope="module")
def replay(tmp_path_factory):
    """The plain-clothes hallway's doctrine run, saved as a replay."""
    return saved(tmp_path_factory.mktemp("replays"), "plainclothes_hallway")


@pytest.fixture
def view(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720))
    context.records.asked = True
    return context, screen


@pytest.fixture(scope="module")
def prepared(replay, tmp_path_factory):
    """One review of the replay, its keyframes prepared once for the tests that only look."""
    context, screen = make_context(tmp_path_factory.mktemp("review"), (1280, 720))
    context.records.asked = True
    return context, screen, reviewing(context, replay)


@pytest.fixture
def looking(prepared):
    """The prepared review, back at its start in the bird's-eye view."""
    context, screen, scene = prepared
    pygame.display.set_mode(screen.get_size())
    scene.seek(0)
    scene.playing, scene.speed, scene.note, scene.message = False, SPEEDS.index(1.0), None, ""
    scene.perspective, scene.follow, scene.cam, scene.mouse = Perspective.TRUTH, YOU, None, (-1, -1)
    scene.dragging = False
    context.records.asked = True
    return context, pygame.display.get_surface(), scene


def test_a_session_saved_by_the_client_opens_in_the_viewer_from_the_debriefs_review_button(view):
    context, screen = view
    level = load_level(LEVELS / "wing_a.yaml")
    play = build(ToPlay(level, 3, World(level, 3)), context)
    commands = good_commands("wing_a", 3, 400)
    while play.world.tick < 400 and not play.world.finished:
        play.pending += commands.get(play.world.tick, [])
        play.tick()
    play.end_now()
    debrief = build(play.debrief(), context)
    debrief.draw(screen)
    route = debrief.handle(click(debrief.review_button.center))
    assert isinstance(route, ToReview) and debrief.saved_path
    scene = build(route, context)
    assert isinstance(scene, ReviewScene)
    scene.prepare()
    assert event_log_sha256(scene.end_events) == event_log_sha256(play.world.log)
    assert scene.last_tick == play.world.tick
    assert len([m for m in scene.markers if m.kind is not MarkerKind.NOTE]) == len(
        debrief.data.ledger
    )
    assert scene.handle(key(pygame.K_ESCAPE)) is debrief


def hidden_person(scene) -> tuple[str, tuple[int, int]]:
    """Someone on screen, on the trainee's floor, whom the trainee could not see (with the centre)."""
    for tick in range(300, scene.last_tick, 100):
        scene.seek(tick)
        scene.perspective, scene.cam = Perspective.TRAINEE, None
        scene.draw(pygame.display.get_surface())
        view = scene.rects["view"].inflate(-80, -200)
        seen = scene.state.recall.fog.seen
        for person in scene.world.snapshot():
            at = person.position
            centre = screen_of(scene, at)
            if (
                person.id != YOU
                and at.floor == scene.world.trainee.position.floor
                and at not in seen
                and view.collidepoint(centre)
            ):
                return person.id, centre
    raise AssertionError("no moment with a hidden person on screen")


def body_pixels(image: pygame.Surface, centre: tuple[int, int], colours) -> int:
    x0, y0 = centre
    return sum(
        1
        for x in range(x0 - 4, x0 + 5)
        for y in range(y0 - 4, y0 + 5)
        if tuple(image.get_at((x, y)))[:3] in colours
    )


def test_the_birds_eye_truth_shows_a_person_the_trainees_view_hides(looking, tmp_path):
    _context, screen, scene = looking
    person, centre = hidden_person(scene)
    bodies = {palette.PLAIN, palette.STUDENT, palette.UNIFORM}
    trainee_view = shot(scene, screen, tmp_path, "trainee")
    assert person not in [p for p, _ in scene.drawn]
    assert body_pixels(trainee_view, centre, bodies) == 0
    assert tuple(trainee_view.get_at(centre))[:3] == palette.FOG_UNSEEN
    scene.perspective, scene.cam = Perspective.TRUTH, None
    truth = shot(scene, screen, tmp_path, "truth")
    assert screen_of(scene, scene.world.person(person).position) == centre
    assert person in [p for p, _ in scene.drawn]
    assert body_pixels(truth, centre, bodies) > 10
    texts = [b.text for b in frame_text(scene, screen)]
    assert any("BIRD'S-EYE TRUTH" in t and "instructor" in t for t in texts)
    assert "TRAINEE" in texts and not any(
        t == "SUSPECT" for t in [b.text for b in frame_text_in(scene, screen, Perspective.TRAINEE)]
    )


def frame_text_in(scene, screen, perspective):
    scene.perspective, scene.cam = perspective, None
    return frame_text(scene, screen)


def test_the_trainees_view_is_the_picture_the_play_view_had(looking, replay):
    context, screen, scene = looking
    script = load_script(replay)
    by_tick: dict[int, list] = {}
    for item in script.commands:
        by_tick.setdefault(item.tick, []).append(item.command)
    play = PlayScene(
        context, script.level, script.seed, World(script.level, script.seed, dict(script.variant))
    )
    doors = [
        e.tick + 1
        for e in scene.end_events
        if type(e).__name__ in ("DoorOpened", "DoorClosed", "DoorBreached") and e.tick < 1200
    ]
    assert doors, "the run opens a door: sight through it must match too"
    for tick in sorted({150, 420, 777, *doors[:2]}):
        while play.world.tick < tick:
            play.now = play.world.tick / 10
            play.pending += by_tick.get(play.world.tick, [])
            play.tick()
        scene.seek(tick)
        recall = scene.state.recall
        assert recall.fog.seen == play.fog.seen and recall.fog.visible == play.fog.visible
        assert [(k, t) for _, k, t in recall.captions] == [(k, t) for _, k, t in play.captions]
        assert recall.radio_log == play.radio_log
        scene.perspective = Perspective.TRAINEE
        scene.draw(screen)
        shown = {p for p, _ in scene.drawn}
        assert shown == {p.id for p in play.visible_people()}


def test_the_suspects_view_shows_when_he_could_see_the_trainee(looking, tmp_path):
    context, screen, scene = looking
    first, after = scene.review.exposure.spans["suspect"][0]
    scene.act("suspect")
    scene.seek(first + 1)
    texts = [b.text for b in frame_text(scene, screen)]
    assert "HE CAN SEE THE TRAINEE" in texts
    assert any("He can see the trainee now" in t for t in texts)
    image = shot(scene, screen, tmp_path, "suspect-sees")
    cx, cy = screen_of(scene, scene.world.trainee.position)
    ring = scene.tile // 2 + 6
    around = [tuple(image.get_at((cx + dx, cy)))[:3] for dx in range(-ring - 2, ring + 3)]
    assert palette.DANGER in around  # the red ring: he can see them
    track = track_rect(scene.rects["timeline"], context.fonts)
    x = x_of(track, (first + after) // 2, scene.last_tick)
    band = [tuple(image.get_at((x, y)))[:3] for y in range(track.bottom, track.bottom + 7)]
    assert palette.DANGER in band
    scene.seek(first - 30)
    texts = [b.text for b in frame_text(scene, screen)]
    assert "HE CAN SEE THE TRAINEE" not in texts
    assert any("out of his sight" in t or t == "the trainee" for t in texts)
    assert any("He cannot see the trainee now" in t for t in texts)


def test_the_timeline_seeks_on_a_click_and_shows_a_markers_sentence_on_hover(looking):
    context, screen, scene = looking
    scene.draw(screen)
    track = track_rect(scene.rects["timeline"], context.fonts)
    marker = next(m for m in scene.markers if m.tick > 100)
    at = (x_of(track, marker.tick, scene.last_tick), track.centery)
    scene.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
    texts = " ".join(b.text for b in frame_text(scene, screen))
    assert scene.words(marker.text).split(":")[0] in texts
    assert marker.text.split(": ", 1)[1].split()[0] in texts
    scene.handle(click(at))
    assert scene.tick == marker.tick
    xs = [x_of(track, m.tick, scene.last_tick) for m in scene.markers]
    free = next(x for x in range(track.x + 20, track.right) if all(abs(x - m) > 10 for m in xs))
    scene.handle(click((free, track.centery)))
    assert scene.tick == tick_at(track, free, scene.last_tick) and scene.dragging
    scene.handle(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(track.right - 1, track.y), rel=(0, 0), buttons=(1, 0, 0)
        )
    )
    assert scene.tick == scene.last_tick
    scene.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(0, 0), button=1))
    assert not scene.dragging


def test_play_pause_speeds_stepping_and_marker_jumps(looking):
    _context, _screen, scene = looking
    scene.seek(100)
    scene.handle(key(pygame.K_PERIOD))
    assert scene.tick == 101
    scene.handle(key(pygame.K_COMMA))
    assert scene.tick == 100
    scene.handle(key(pygame.K_RIGHT, pygame.KMOD_SHIFT))
    assert scene.tick == 150
    while SPEEDS[scene.speed] > 0.25:
        scene.handle(key(pygame.K_MINUS))
    scene.handle(key(pygame.K_SPACE))
    scene.update(4.0)
    assert scene.playing and scene.tick == 160
    while SPEEDS[scene.speed] < 16:
        scene.handle(key(pygame.K_PLUS))
    scene.update(1.0)
    assert scene.tick == 320
    scene.handle(key(pygame.K_SPACE))
    scene.update(1.0)
    assert not scene.playing and scene.tick == 320
    found = scene.markers
    scene.handle(key(pygame.K_RIGHTBRACKET))
    assert scene.tick == next(m.tick for m in found if m.tick > 320)
    here = scene.tick
    scene.handle(key(pygame.K_LEFTBRACKET))
    assert scene.tick == max(m.tick for m in found if m.tick < here)
    scene.handle(key(pygame.K_END))
    scene.handle(key(pygame.K_SPACE))
    assert scene.playing and scene.tick == 0  # playing from the end starts again


def test_following_a_person_keeps_the_camera_on_them(looking):
    _context, screen, scene = looking
    scene.seek(600)
    scene.handle(key(pygame.K_TAB))
    assert scene.perspective is Perspective.TRUTH and scene.follow != YOU
    for _ in range(3):
        scene.draw(screen)
    person = scene.world.person(scene.follow)
    centre = screen_of(scene, person.position)
    middle = scene.rects["view"].center
    assert abs(centre[0] - middle[0]) < scene.rects["view"].w * 0.3
    texts = " ".join(b.text for b in frame_text(scene, screen))
    assert "Following:" in texts


def test_a_note_is_kept_in_the_file_on_the_timeline_and_in_the_debrief(view, tmp_path):
    context, screen = view
    level = load_level(LEVELS / "orientation.yaml")
    play = build(ToPlay(level, 2, World(level, 2)), context)
    for _ in range(120):
        play.tick()
    play.end_now()
    debrief = build(play.debrief(), context)
    scene = build(debrief.review(), context)
    scene.prepare()
    scene.seek(80)
    scene.handle(key(pygame.K_n, text="n"))
    scene.handle(pygame.event.Event(pygame.TEXTINPUT, text="n"))  # the key that opened it
    assert scene.note == ""
    scene.handle(pygame.event.Event(pygame.TEXTINPUT, text="Hands visible at the door"))
    assert "Hands visible at the door_" in [b.text for b in frame_text(scene, screen)]
    scene.handle(key(pygame.K_RETURN))
    assert scene.note is None
    notes = load_script(debrief.saved_path).replay.notes
    assert [(n.tick, n.text) for n in notes] == [(80, "Hands visible at the door")]
    assert any(m.kind is MarkerKind.NOTE and m.tick == 80 for m in scene.markers)
    back = scene.handle(key(pygame.K_ESCAPE))
    assert back is debrief
    texts = " ".join(b.text for b in frame_text(debrief, screen))
    assert "Instructor notes" in texts and "Hands visible at the door" in texts
    assert load_script(debrief.saved_path).commands == load_script(debrief.saved_path).commands
    scene.handle(key(pygame.K_DELETE))
    assert load_script(debrief.saved_path).replay.notes == ()


def test_a_retry_from_a_marked_moment_plays_the_same_incident_and_is_saved_with_its_parent(
    looking, replay
):
    context, screen, scene = looking
    marker = max(
        (m for m in scene.markers if 0 < m.tick < scene.last_tick - 50), key=lambda m: m.tick
    )
    scene.seek(marker.tick)
    route = scene.handle(key(pygame.K_r))
    assert isinstance(route, ToPlay) and route.branch.tick == marker.tick
    play = build(route, context)
    assert play.world.tick == marker.tick and play.plan_paused
    assert play.fog.seen >= scene.state.recall.fog.seen
    assert [(c.tick, c.command) for c in play.recorder.commands] == [
        (t, c)
        for t in sorted(scene.review.commands)
        if t < marker.tick
        for c in scene.review.commands[t]
    ]
    # the trainee takes over and, this time, does exactly what they did: the same run
    while not play.world.finished and play.world.tick < scene.review.end:
        play.pending += scene.review.commands.get(play.world.tick, ())
        play.tick()
    assert event_log_sha256(final_events(play.world)) == scene.review.recorded_sha256
    if not play.world.finished:
        play.end_now()
    debrief = build(play.debrief(), context)
    assert isinstance(debrief, DebriefScene) and debrief.saved_path
    branch = load_script(debrief.saved_path)
    assert branch.replay.parent.tick == marker.tick
    assert open_review(debrief.saved_path).parent_path() == str(replay.resolve())
    assert run_script(branch).reproduced is True
    texts = " ".join(b.text for b in frame_text(debrief, screen))
    assert "beside the original run" in texts and "The original run" in texts


def test_a_retry_asks_who_is_training_first_when_nobody_was_chosen(looking):
    context, _, scene = looking
    context.records.asked = False
    scene.seek(300)
    route = scene.handle(key(pygame.K_r))
    assert isinstance(route, ToProfile) and isinstance(route.then, ToPlay)


def test_no_persons_id_reaches_the_review_screen(tmp_path):
    context, screen = make_context(tmp_path, (1280, 720))
    level, mapping = renamed(load_level(LEVELS / "plainclothes_hallway.yaml"))
    commands = tuple(
        ScriptCommand(tick, retarget(command, mapping))
        for tick, given in sorted(good_commands("plainclothes_hallway", 4, 1000).items())
        for command in given
    )
    result = run(level, seed=4, commands=commands, until=1000)
    script = Script(
        str(tmp_path / "renamed.yaml"),
        level.source_path,
        level,
        seed=4,
        commands=result.commands,
        replay=ReplayInfo(level.content_hash, result.ticks, result.event_log_sha256),
    )
    scene = build(ToReview(Review(script)), context)
    scene.prepare()
    assert event_log_sha256(scene.end_events) == result.event_log_sha256
    ids = set(mapping.values())
    boxes = []
    for tick in (700, scene.last_tick):
        scene.seek(tick)
        for perspective in Perspective:
            scene.perspective, scene.cam = perspective, None
            boxes += frame_text(scene, screen)
    track = track_rect(scene.rects["timeline"], context.fonts)
    for x in sorted({x_of(track, m.tick, scene.last_tick) for m in scene.markers}):
        scene.mouse = (x, track.centery)
        boxes += frame_text(scene, screen)
    assert len(boxes) > 200
    assert [b.text for b in boxes if any(i in b.text for i in ids)] == []
